"""Reading a translated document: parallel columns on a wide screen; on a phone a
Chinese / English / both toggle that is remembered and keeps permalinks working."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DOC = "/{lang}/documents/rudong-2021-2025-five-year-plan/"


def _box(locator):
    box = locator.bounding_box()
    assert box, locator
    return box


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_desktop_shows_both_languages_side_by_side_page_language_first(open_page, site_server, lang):
    page = open_page("desktop", "en-US").page
    page.goto(site_server.url(DOC.format(lang=lang) + "#p-2-6-2"))
    passage = page.locator("#p-2-6-2")
    zh, en = _box(passage.locator(".passage-text")), _box(passage.locator(".passage-en"))
    assert abs(zh["y"] - en["y"]) < 2, "the columns start on the same line"
    left, right = (en, zh) if lang == "en" else (zh, en)
    assert left["x"] + left["width"] <= right["x"]
    expect(page.locator(".reading-mode")).to_be_hidden()
    expect(passage.locator(".passage-en")).to_contain_text("dual-qualified")


def test_phone_toggle_switches_modes_remembers_them_and_keeps_permalinks(open_page, site_server):
    p = open_page("phone", "en-US")
    page = p.page
    page.goto(site_server.url(DOC.format(lang="en") + "#p-2-6-2"))
    toggle = page.locator(".reading-mode")
    expect(toggle).to_be_visible()
    passage = page.locator("#p-2-6-2")
    # an English page on a phone starts in English only
    expect(passage.locator(".passage-en")).to_be_visible()
    expect(passage.locator(".passage-text")).to_be_hidden()
    expect(toggle.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")

    toggle.get_by_role("button", name="中文").click()
    expect(passage.locator(".passage-text")).to_be_visible()
    expect(passage.locator(".passage-en")).to_be_hidden()
    expect(passage).to_be_in_viewport()

    toggle.get_by_role("button", name="Both").click()
    expect(passage.locator(".passage-text")).to_be_visible()
    expect(passage.locator(".passage-en")).to_be_visible()
    zh, en = _box(passage.locator(".passage-en")), _box(passage.locator(".passage-text"))
    assert zh["y"] + zh["height"] <= en["y"] + 1, "stacked on a phone, the page's language first"

    # remembered: another document, and the Chinese tree, open in the chosen mode
    page.goto(site_server.url("/zh/documents/changzhou-2024-work-points/#p-2-8-1"))
    expect(page.locator(".reading-mode button[data-reading=both]")).to_have_attribute("aria-pressed", "true")
    target = page.locator("#p-2-8-1")
    expect(target.locator(".passage-en")).to_be_visible()
    expect(target).to_be_in_viewport()


def test_without_javascript_an_english_page_points_to_the_chinese_page(open_page, site_server):
    page = open_page("phone", "en-US", javascript=False).page
    page.goto(site_server.url(DOC.format(lang="en")))
    expect(page.locator(".reading-mode")).to_be_hidden()
    first = page.locator(".doc-body .passage").first
    expect(first.locator(".passage-en")).to_be_visible()
    expect(page.locator(".passage-text")).to_have_count(0)
    page.get_by_role("link", name="如东县“十四五”教育事业发展规划", exact=False).first.click()
    expect(page).to_have_url(site_server.url(DOC.format(lang="zh")))
    expect(page.locator(".doc-body .passage").first.locator(".passage-text")).to_be_visible()


def test_without_javascript_a_chinese_page_points_to_the_english_page(open_page, site_server):
    """The English column of a Chinese page is loaded by the script; without it the page says
    where the English is and links the same document's English page."""
    page = open_page("phone", "zh-CN", javascript=False).page
    page.goto(site_server.url(DOC.format(lang="zh")))
    first = page.locator(".doc-body .passage").first
    expect(first.locator(".passage-text")).to_be_visible()
    expect(page.locator(".passage-en")).to_have_count(0)
    link = page.get_by_role("link", name="Rudong County 14th Five-Year Plan for Education", exact=False)
    expect(link.first).to_be_visible()
    link.first.click()
    expect(page).to_have_url(site_server.url(DOC.format(lang="en")))
    expect(page.locator(".doc-body .passage").first.locator(".passage-en")).to_be_visible()


def test_a_chinese_page_on_a_phone_loads_english_only_when_asked(open_page, site_server):
    p = open_page("phone", "zh-CN")
    page = p.page
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_server.url(DOC.format(lang="zh") + "#p-2-6-2"))
    passage = page.locator("#p-2-6-2")
    expect(passage.locator(".passage-text")).to_be_visible()
    expect(page.locator(".reading-mode button[data-reading=zh]")).to_have_attribute("aria-pressed", "true")
    english_page = site_server.url(DOC.format(lang="en"))
    assert english_page not in requests, "Chinese only: the English is not fetched"
    page.locator(".reading-mode button[data-reading=en]").click()
    expect(passage.locator(".passage-en")).to_contain_text("dual-qualified")
    expect(passage.locator(".passage-text")).to_be_hidden()
    expect(passage).to_be_in_viewport()
    assert requests.count(english_page) == 1, "the English column is copied from the English page, once"


def test_a_column_that_cannot_load_says_so_and_links_the_other_edition(open_page, site_server):
    p = open_page("desktop", "zh-CN")
    page = p.page
    # the fetch of the English page fails; following a link to it still works
    page.route("**/en/documents/**", lambda route: route.abort() if route.request.resource_type == "fetch"
               else route.continue_())
    page.goto(site_server.url(DOC.format(lang="zh")))
    status = page.locator(".column-status")
    expect(status).to_contain_text("英文译文未能载入")
    expect(page.locator(".passage-en")).to_have_count(0)
    expect(page.locator(".doc-body .passage-text").first).to_be_visible()
    status.get_by_role("link").click()
    expect(page).to_have_url(site_server.url(DOC.format(lang="en")))


def test_chinese_quoted_in_the_english_column_carries_its_language(open_page, site_server):
    """The traditional page builds the English of passages that quote Chinese from its patch
    file (converted runs, written as text): each Han run gets lang="zh-Hant", as the server
    marks it on the English page (zh-Hans there), and the Chinese page copies those marks."""
    page = open_page("desktop", "en-US").page
    doc = "/{lang}/documents/changzhou-2024-work-points/"
    page.goto(site_server.url(doc.format(lang="zh-hant") + "#p-4-18-1"))
    note = page.locator("#p-4-18-1 .passage-en .translator-note")
    expect(note).to_contain_text("劳动教".replace("劳动", "勞動"))
    marked = note.locator('span[lang="zh-Hant"]')
    expect(marked.first).to_be_attached()
    texts = marked.all_text_contents()
    assert "學校" in texts and all(t.strip() for t in texts)
    page.goto(site_server.url(doc.format(lang="zh") + "#p-4-18-1"))
    note = page.locator("#p-4-18-1 .passage-en .translator-note")
    expect(note.locator('span[lang="zh-Hans"]').first).to_have_text("学校")
