"""Glossary terms in the text: the pop-up opens by keyboard and by tap, closes with
Escape, and its link leads to the glossary entry listing every occurrence."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DOC = "/en/documents/changzhou-2024-work-points/"


def test_keyboard_opens_and_escape_closes_the_popup(open_page, site_server):
    page = open_page("desktop", "en-US").page
    page.goto(site_server.url(DOC))
    term = page.locator('#p-2-8-1 .passage-en a[href*="#term-"]').first
    term.focus()
    page.keyboard.press("Enter")
    popup = page.get_by_role("dialog")
    expect(popup).to_be_visible()
    expect(popup).to_be_focused()
    expect(term).to_have_attribute("aria-expanded", "true")
    expect(popup).to_contain_text(term.inner_text().strip().split()[0])
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(term).to_be_focused()
    expect(page).to_have_url(re.compile(re.escape(DOC) + "$"))   # no navigation happened


def test_tap_opens_the_popup_and_its_link_reaches_every_occurrence(open_page, site_server):
    page = open_page("phone", "zh-CN").page
    page.goto(site_server.url("/zh/documents/changzhou-2024-work-points/"))
    term = page.locator('.passage-text a[href*="#term-"]').first
    term_id = term.get_attribute("href").split("#term-")[1]
    term.scroll_into_view_if_needed()
    term.tap()
    popup = page.get_by_role("dialog")
    expect(popup).to_be_visible()
    box, viewport = popup.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, "the pop-up fits the phone"
    popup.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/zh/glossary/#term-{term_id}$"))
    entry = page.locator(f"#term-{term_id}")
    expect(entry).to_be_in_viewport()
    entry.locator("summary").click()
    expect(entry.locator(".occurrences a[href*='changzhou-2024-work-points']").first).to_be_visible()


def test_without_javascript_a_term_is_a_link_to_its_entry(open_page, site_server):
    page = open_page("desktop", "en-US", javascript=False).page
    page.goto(site_server.url(DOC))
    term = page.locator('.passage a[href*="#term-"]').first
    term_id = term.get_attribute("href").split("#term-")[1]
    term.click()
    expect(page).to_have_url(re.compile(rf"/en/glossary/#term-{term_id}$"))


def test_hovering_a_term_shows_its_explanation(open_page, site_server):
    page = open_page("desktop", "en-US").page
    page.goto(site_server.url(DOC))
    term = page.locator('#p-2-8-1 .passage-en a[href*="#term-"]').first
    term.hover()
    expect(term).to_have_attribute("title", re.compile(r"\w{4,}"))
