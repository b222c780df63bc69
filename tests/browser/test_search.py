"""Search and citation as a reader meets them, in real Chromium on the golden site.

What each query should find is worked out here from the content itself (the passages whose
text holds the query), not written down: the search must find every one and nothing else."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from edplans.corpus import load_corpus
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@lru_cache(maxsize=1)
def corpus():
    loaded, errors = load_corpus(ROOT / "content")
    assert loaded is not None, errors
    return loaded


def holding(text: str) -> dict[str, set[str]]:
    """document id -> ids of the passages whose (simplified) text holds `text`."""
    found: dict[str, set[str]] = {}
    for document in corpus().documents:
        for passage in document.passages():
            if text in passage.text:
                found.setdefault(document.id, set()).add(passage.id)
    return found


def search(open_page, site_server, lang: str, query: str, device: str = "desktop", extra: str = ""):
    p = open_page(device)
    page = p.page
    page.goto(site_server.url(f"/{lang}/search/?q={quote(query)}{extra}"))
    expect(page.locator(".search-page")).to_have_attribute("data-state", "done")
    return p, page


def shown(page) -> dict[str, set[str]]:
    """document id -> passage ids the results show (every 'more passages' opened)."""
    for button in page.locator(".result-more").all():
        button.click()
    found: dict[str, set[str]] = {}
    for result in page.locator(".search-result").all():
        doc = re.search(r"/documents/([^/]+)/", result.locator(".result-title a").get_attribute("href")).group(1)
        ids = {re.search(r"#(p-[^#]+)$", a.get_attribute("href")).group(1)
               for a in result.locator("a.result-passage").all()}
        found[doc] = ids
    return found


def test_chinese_query_finds_every_passage_that_holds_it(open_page, site_server):
    expected = holding("双师型")
    assert len(expected) >= 2
    _, page = search(open_page, site_server, "zh", "双师型")
    expect(page.locator(".search-status")).to_have_text(f"{len(expected)} 份文件")
    assert shown(page) == expected
    # the hit is marked where the reader sees it
    assert "双师型" in "".join(page.locator(".result-excerpt mark").all_inner_texts())


def test_a_substring_that_word_segmentation_misses_is_found(open_page, site_server):
    expected = holding("县管校")
    assert sum(map(len, expected.values())) >= 5
    _, page = search(open_page, site_server, "zh", "县管校")
    assert shown(page) == expected
    expected = holding("双师")
    _, page = search(open_page, site_server, "zh", "双师")
    assert shown(page) == expected


def test_traditional_edition_searches_its_own_script(open_page, site_server):
    expected = holding("双师型")
    _, page = search(open_page, site_server, "zh-hant", "雙師型")
    assert shown(page) == expected
    assert "雙師型" in "".join(page.locator(".result-excerpt mark").all_inner_texts())


def test_english_glossary_term_finds_the_chinese_passages_and_back(open_page, site_server):
    expected = holding("双师型")
    # on /en/, "dual-qualified" finds the translations (and through the glossary any passage
    # not yet translated); on /zh/ it finds the Chinese passages through the glossary
    _, page = search(open_page, site_server, "en", "dual-qualified")
    assert set(shown(page)) == set(expected)
    _, page = search(open_page, site_server, "zh", "dual-qualified")
    assert set(shown(page)) == set(expected)
    expect(page.locator(".via-glossary").first).to_contain_text("dual-qualified")
    # and 双师型 typed on /en/ finds the English passages through their glossary names
    _, page = search(open_page, site_server, "en", "双师型")
    assert set(shown(page)) == set(expected)


def test_clicking_a_result_lands_on_the_passage(open_page, site_server):
    _, page = search(open_page, site_server, "zh", "县管校", device="phone")
    link = page.locator("a.result-passage").first
    target = re.search(r"#(p-[^#]+)$", link.get_attribute("href")).group(1)
    link.click()
    expect(page).to_have_url(re.compile(f"/zh/documents/[^/]+/#{target}$"))
    passage = page.locator(f"#{target}")
    expect(passage).to_be_in_viewport()
    assert "县管校" in passage.inner_text()


def test_a_filter_narrows_the_results_and_counts_them(open_page, site_server):
    expected = holding("县管校")
    registry = corpus().jurisdictions
    in_jiangsu = {d.id for d in corpus().documents if d.id in expected
                  and (registry[d.jurisdiction].province == "jiangsu" or d.jurisdiction == "jiangsu")}
    assert 0 < len(in_jiangsu) < len(expected)
    _, page = search(open_page, site_server, "zh", "县管校")
    province = page.locator("fieldset.filter-group", has_text="省份")
    jiangsu = province.locator("label", has_text="江苏省")
    expect(jiangsu.locator(".filter-count")).to_have_text(f"({len(in_jiangsu)})")
    jiangsu.locator("input").check()
    expect(page.locator(".search-page")).to_have_attribute("data-state", "done")
    expect(page.locator(".search-status")).to_have_text(f"{len(in_jiangsu)} 份文件")
    expect(page.locator(".search-result")).to_have_count(len(in_jiangsu))
    assert set(shown(page)) == in_jiangsu
    # the address keeps the filter, so the narrowed search can be shared
    assert "province=" in page.url


def test_the_header_box_searches_from_any_page(open_page, site_server):
    p = open_page("phone")
    page = p.page
    page.goto(site_server.url("/en/documents/rudong-2021-2025-five-year-plan/"))
    box = page.locator("form.header-search input[name=q]")
    expect(box).to_be_visible()
    box.fill("dual-qualified")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=dual-qualified$"))
    expect(page.locator(".search-result").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_copy_puts_the_citation_on_the_clipboard(open_page, site_server):
    p = open_page("desktop", "en-GB")
    p.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.base)
    page = p.page
    page.goto(site_server.url("/en/documents/changzhou-2019-work-points/#p-2-12-1"))
    passage = page.locator("#p-2-12-1")
    passage.locator(".cite summary").click()
    passage.locator(".copy-button").click()
    expect(passage.locator(".copy-status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == passage.locator(".cite-text").inner_text()
    document = next(d for d in corpus().documents if d.id == "changzhou-2019-work-points")
    # issuer, both titles and the year as the document's annotations give them
    for part in (document.publisher.en, document.title.zh, document.title.en, str(document.period_start),
                 "paragraph 2-12-1", "accessed "):
        assert part in copied, part
    # the golden build is a local preview: no localhost address passed off as the site's
    assert "localhost" not in copied and "preview" in copied
