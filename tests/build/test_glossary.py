"""The policy glossary: at least 80 terms, each explained in both languages, marked in the
Chinese and English text, listed with every occurrence; a translation that drops a term's
English is reported."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import yaml

from edplans.check import _load, run_check
from tests.site_data import collection_items, read_json

ROOT = Path(__file__).resolve().parent.parent.parent


def test_glossary_has_at_least_80_explained_terms_found_in_the_texts():
    corpus, errors = _load(ROOT)
    assert corpus is not None, errors.errors
    assert len(corpus.glossary) >= 80
    texts = "\n".join([p.text for d in corpus.documents for p in d.passages()]
                      + [s.title for d in corpus.documents for s in d.all_sections()])
    for term in corpus.glossary.values():
        assert term.definition.zh and term.definition.en and term.themes, term.id
        assert any(form in texts for form in (term.zh, *term.aliases)), term.id
    required = ("双师型", "县管校聘", "三名工程", "集团化办学", "产教融合", "新优质学校", "双减", "名师工作室")
    forms = {form for t in corpus.glossary.values() for form in (t.zh, *t.aliases)}
    assert all(any(r in f for f in forms) for r in required)


def test_glossary_page_lists_every_term_with_its_occurrences(built_site):
    corpus, _ = _load(ROOT)
    for lang in ("zh", "en"):
        page = (built_site.out / lang / "glossary" / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'<div class="term-entry" id="term-([a-z0-9-]+)">', page)
        assert sorted(ids) == sorted(corpus.glossary)
        entry = page[page.index('id="term-dual-qualified-teachers"'):]
        entry = entry[:entry.index('<div class="term-entry"', 10)]
        assert "双师型" in entry
        # the occurrences are the term's collection, loaded when the reader opens them
        assert 'data-index="../../data/glossary/dual-qualified-teachers/index.json.gz"' in entry
    index = read_json(built_site.out / "data/glossary/dual-qualified-teachers/index.json.gz")
    items = collection_items(built_site.out, "glossary/dual-qualified-teachers")
    assert len(items) == index["count"] and len({it["d"] for it in items}) >= 2, "occurrences in several documents"
    for item in items:
        page = (built_site.out / "zh/documents" / item["d"] / "index.html").read_text("utf-8")
        block = page[page.index(f'id="{item["p"]}"'):]
        assert "双师" in block[:block.index(f'<a href="#{item["p"]}"')]   # before its permalink


def test_terms_are_marked_in_both_languages(built_site):
    """The English page marks the English terms; the Chinese original it copies beside them
    from the Chinese page marks the Chinese ones."""
    doc = "changzhou-2024-work-points"
    page = (built_site.out / "en" / "documents" / doc / "index.html").read_text(encoding="utf-8")
    block = page[page.index('id="p-2-8-1"'):page.index('id="p-2-9-1"')]
    en = block[block.index('class="passage-en"'):]
    zh_page = (built_site.out / "zh" / "documents" / doc / "index.html").read_text(encoding="utf-8")
    zh_block = zh_page[zh_page.index('id="p-2-8-1"'):zh_page.index('id="p-2-9-1"')]
    zh = zh_block[zh_block.index('class="passage-text"'):zh_block.index("</p>")]
    assert '#term-teachers-professional-ethics"' in zh or '#term-teachers-professional-ethics"' in en
    zh_terms = set(re.findall(r'<a href="[^"#]*#term-([a-z0-9-]+)"', zh))
    en_terms = set(re.findall(r'<a href="[^"#]*#term-([a-z0-9-]+)"', en))
    assert len(zh_terms) >= 3 and zh_terms <= en_terms | zh_terms and en_terms <= zh_terms
    assert '<div id="glossary-data" hidden data-src="../../../data/glossary/terms-en.json"' in page
    data = json.loads((built_site.out / "data/glossary/terms-en.json").read_text("utf-8"))
    assert zh_terms <= set(data) and data["teachers-professional-ethics"]["href"].startswith("en/glossary/#term-")


def test_a_translation_without_the_terms_english_is_reported(project_copy):
    path = project_copy / "content" / "documents" / "changzhou-2024-work-points" / "en.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["p-2-8-1"]["en"] = re.sub("professional ethics", "morals", data["p-2-8-1"]["en"], flags=re.I)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = io.StringIO()
    assert run_check(project_copy, strict=True, out=out) == 1
    assert re.search(r"en.yaml:\d+ glossary-term: p-2-8-1.en translates «师德师风» without “teachers' professional "
                     r"ethics and conduct”", out.getvalue()), out.getvalue()[-2000:]
