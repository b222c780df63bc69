"""`serve`'s incremental rebuild: an edit re-renders only the pages that depend on it, the
page shows the edit, and the folder then equals a full build byte for byte. A translation
edit publishes its pages first and its search shard after, and a save arriving while the
shard is indexed keeps the stale index from being published."""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from edplans.build.jobs import Cancelled
from edplans.build.session import Session
from edplans.render.site import build

DOC = "northern-city-14th-five-year-excerpt"
OLD = "title_en: Implement the new-era teacher development project"
NEW = "title_en: Carry out the teacher development project of the new era"


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_edit_rebuilds_only_what_depends_on_it(project_copy, tmp_path):
    session = Session(project_copy, tmp_path / "served")
    session.build()
    before = _tree(tmp_path / "served")
    yaml_path = project_copy / "content/documents" / DOC / "document.yaml"
    text = yaml_path.read_text("utf-8")
    assert OLD in text
    yaml_path.write_text(text.replace(OLD, NEW), encoding="utf-8")

    result = session.rebuild([yaml_path])

    after = _tree(tmp_path / "served")
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert result.pages >= 1
    assert f"en/documents/{DOC}/index.html" in changed
    # a section heading is on the document's pages only: no other document's page, and no
    # aggregate page that does not show it, was rewritten
    assert not [p for p in changed if p.endswith(".html") and f"/documents/{DOC}/" not in p], changed
    page = (tmp_path / "served" / "en/documents" / DOC / "index.html").read_text("utf-8")
    assert "Carry out the teacher development project of the new era" in page

    full = build(project_copy, tmp_path / "full")
    assert full.rendered == 0            # everything came from the store the session filled
    assert _tree(tmp_path / "served") == _tree(tmp_path / "full")


def test_a_tag_edit_rebuilds_the_themes_it_touches(project_copy, tmp_path):
    session = Session(project_copy, tmp_path / "served")
    session.build()
    yaml_path = project_copy / "content/documents" / DOC / "document.yaml"
    text = yaml_path.read_text("utf-8")
    first_tags = next(line for line in text.splitlines() if line.strip().startswith("themes: ["))
    edited = first_tags.replace("themes: [", "themes: [safety, ", 1)
    yaml_path.write_text(text.replace(first_tags, edited, 1), encoding="utf-8")

    result = session.rebuild([yaml_path])

    assert result.pages < 100, result      # of ~700: the document, its themes, the indexes
    served = _tree(tmp_path / "served")
    full = build(project_copy, tmp_path / "full")
    assert _tree(tmp_path / "full") == served
    assert full.rendered == 0
    page = (tmp_path / "served" / "en/themes/safety/index.html").read_text("utf-8")
    assert f"../../documents/{DOC}/#" in page


# --------------------------------------------------------------------------- serve's two phases

TRANSLATED = "content/documents/" + DOC + "/en.yaml"
PHRASE = 'the training of "craftsmen" in vocational education'


def _fragments(folder: Path, lang: str = "en") -> str:
    """The text of every page the served search index holds (Pagefind's fragments)."""
    texts = []
    for path in sorted((folder / lang / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


def _translate(project: Path, word: str) -> Path:
    path = project / TRANSLATED
    text = path.read_text("utf-8")
    start = text.index("the training of ")
    end = text.index(" in vocational education", start)
    path.write_text(text[:start] + f"the training of {word}" + text[end:], encoding="utf-8")
    return path


def _search_files(tree: dict[str, str]) -> dict[str, str]:
    return {p: h for p, h in tree.items() if "/pagefind/" in p}


def test_a_translation_edit_publishes_the_pages_then_the_search_index(project_copy, tmp_path):
    served = tmp_path / "served"
    session = Session(project_copy, served)
    session.build()
    before = _tree(served)
    assert "craftsmen" in _fragments(served)
    path = _translate(project_copy, "master-artisans")

    pages = session.rebuild([path], later=True)

    assert pages.later == 1                     # the English shard holding the document
    page = (served / "en/documents" / DOC / "index.html").read_text("utf-8")
    assert "master-artisans" in page
    # the search index is still the one published before: the pages did not wait for it
    assert _search_files(_tree(served)) == _search_files(before)
    assert "master-artisans" not in _fragments(served)

    index = session.publish_later()

    assert index is not None and index.files > 0
    assert "master-artisans" in _fragments(served)
    assert _search_files(_tree(served)) != _search_files(before)
    assert session.publish_later() is None      # nothing left
    full = build(project_copy, tmp_path / "full")
    assert full.rendered == 0
    assert _tree(served) == _tree(tmp_path / "full")


def test_a_save_while_the_index_runs_never_publishes_the_stale_index(project_copy, tmp_path):
    served = tmp_path / "served"
    session = Session(project_copy, served)
    session.build()
    before = _tree(served)
    path = _translate(project_copy, "first-save-words")
    session.rebuild([path], later=True)
    asked = []

    def second_save_arrives() -> bool:
        # asked once before the job starts, then every 50 ms while Pagefind runs
        asked.append(len(asked))
        if len(asked) == 2:
            _translate(project_copy, "second-save-words")
        return len(asked) >= 2

    with pytest.raises(Cancelled):
        session.publish_later(second_save_arrives)

    assert len(asked) >= 2
    assert _search_files(_tree(served)) == _search_files(before)    # the first save's index: not published
    assert "first-save-words" not in _fragments(served)

    session.rebuild([path], later=True)
    session.publish_later()

    text = _fragments(served)
    assert "second-save-words" in text and "first-save-words" not in text
    page = (served / "en/documents" / DOC / "index.html").read_text("utf-8")
    assert "second-save-words" in page and "first-save-words" not in page
    build(project_copy, tmp_path / "full")
    assert _tree(served) == _tree(tmp_path / "full")
