"""`serve`'s incremental rebuild: an edit re-renders only the pages that depend on it, the
page shows the edit, and the folder then equals a full build byte for byte."""
from __future__ import annotations

import hashlib
from pathlib import Path

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
