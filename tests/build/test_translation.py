"""English translations (en.yaml): complete on the real content; missing, stale and
orphaned entries reported by check and fatal under --strict; shown beside the Chinese."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from edplans.check import _load, run_check
from edplans.errors import BuildError
from edplans.render.site import build
from tests.site_data import page_passages

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = "changzhou-2022-district-goals"


def test_every_passage_of_every_document_is_translated():
    corpus, errors = _load(ROOT)
    assert corpus is not None, errors.errors
    for document in corpus.documents:
        assert document.translation_problems == (), document.id
        assert all(p.en for p in document.passages()), document.id


def _edit_translation(project: Path, change) -> None:
    path = project / "content" / "documents" / DOC / "en.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _gaps(project: Path) -> str:
    out = io.StringIO()
    assert run_check(project, strict=True, out=out) == 1
    return out.getvalue()


def test_missing_stale_and_orphaned_entries_are_reported(project_copy):
    def change(data):
        del data["p-h1-1"]                                   # missing
        data["p-h1-2"]["zh"] = "完全不同的中文开头文字"          # stale
        data["p-h9-1"] = {"zh": "不存在的段落开头文字", "en": "Nothing."}  # orphaned
    _edit_translation(project_copy, change)
    report = _gaps(project_copy)
    en_yaml = f"content/documents/{DOC}/en.yaml"
    assert f"GAP {en_yaml} translation-missing: passage p-h1-1 has no English" in report
    assert re.search(rf"GAP {re.escape(en_yaml)}:\d+ translation-stale: p-h1-2: the Chinese has changed", report)
    assert re.search(rf"GAP {re.escape(en_yaml)}:\d+ translation-orphaned: p-h9-1 is not a passage", report)


def test_strict_build_fails_on_a_missing_translation_and_keeps_the_site(project_copy, tmp_path):
    out = tmp_path / "site"
    build(project_copy, out)
    before = (out / "en" / "documents" / DOC / "index.html").read_bytes()
    _edit_translation(project_copy, lambda data: data.pop("p-h1-1"))
    with pytest.raises(BuildError) as caught:
        build(project_copy, out, strict=True)
    assert any("translation-missing" in str(e) for e in caught.value.errors)
    assert (out / "en" / "documents" / DOC / "index.html").read_bytes() == before


def test_a_stale_translation_is_not_shown(project_copy, tmp_path):
    def change(data):
        data["p-h1-2"]["zh"] = "完全不同的中文开头文字"
        data["p-h1-2"]["en"] = "OUTDATED ENGLISH"
    _edit_translation(project_copy, change)
    build(project_copy, tmp_path / "site")
    page = (tmp_path / "site" / "en" / "documents" / DOC / "index.html").read_text(encoding="utf-8")
    assert "OUTDATED ENGLISH" not in page
    assert "The English translation of this paragraph is in preparation." in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_document_pages_hold_both_languages_the_page_language_leading(built_site, lang):
    """A page carries its own language and names the page its other column is copied from,
    which holds every passage: the English page for the Chinese one, and the other way round."""
    page = (built_site.out / lang / "documents" / DOC / "index.html").read_text(encoding="utf-8")
    other = "zh" if lang == "en" else "en"
    assert f'class="doc-body lead-{lang}"' in page
    assert f'data-column="../../../{other}/documents/{DOC}/" data-column-lang="{other}"' in page
    block = page[page.index('id="p-h1-1"'):page.index('id="p-h1-2"')]
    own, absent = ('class="passage-en"', 'class="passage-text"') if lang == "en" else (
        'class="passage-text"', 'class="passage-en"')
    assert own in block and absent not in page
    # the passages are in the page's language, which <html lang> gives (a copied column gets its own)
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-Hans"}">')
    assert "The English translation of this paragraph is in preparation." not in block
    # every passage of this page has its text on the other page, under the same id
    mine, theirs = page_passages(built_site.out, DOC, lang), page_passages(built_site.out, DOC, other)
    assert list(mine) == list(theirs) == re.findall(r'<div class="passage" id="(p-[\w-]+)">', page)
    assert all(theirs.values()), "every passage of this document is translated"
    buttons = re.findall(r'data-reading="(\w+)"', page)
    assert buttons[0] == lang.split("-")[0] and sorted(buttons) == ["both", "en", "zh"]
