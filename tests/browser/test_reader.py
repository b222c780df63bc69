"""What a reader sees in a real Chromium: language landing, reading, permalinks, switching."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_broken_requests, assert_only_local_requests

pytestmark = pytest.mark.browser

RUDONG = "rudong-2021-2025-five-year-plan"
RUDONG_ZH = "如东县“十四五”教育事业发展规划"
RUDONG_EN = "Rudong County 14th Five-Year Plan for Education (2021–2025)"
DIGEST = "changzhou-2022-district-goals"  # the 001 news digest: two districts in one article


def doc_path(lang: str, doc_id: str) -> str:
    return f"/{lang}/documents/{doc_id}/"


def url_re(site_server, path: str, hash_: str = "") -> re.Pattern:
    """The exact URL of `path` on the test server, with `hash_` (or no hash at all)."""
    return re.compile("^" + re.escape(site_server.url(path) + hash_) + "$")


def passage_top(page, passage_id: str) -> float:
    return page.evaluate(f"document.getElementById({passage_id!r}).getBoundingClientRect().top")


# --------------------------------------------------------------------------- 1. landing


@pytest.mark.parametrize(
    "locale, lang, lang_tag, heading",
    [
        ("en-US", "en", "en", "Local education plans"),
        ("zh-CN", "zh", "zh-Hans", "各地教育规划"),
        # Traditional Chinese browsers have their own edition (issue 13)
        ("zh-TW", "zh-hant", "zh-Hant", "各地教育規劃"),
        ("zh-HK", "zh-hant", "zh-Hant", "各地教育規劃"),
        ("fr-FR", "zh", "zh-Hans", "各地教育规划"),  # no French tree: config.yaml's default_language
    ],
)
def test_root_sends_reader_to_their_browser_language(open_page, site_server, locale, lang, lang_tag, heading):
    """A first visit to / lands on the tree of the browser's language."""
    p = open_page("desktop", locale)
    p.page.goto(site_server.url("/"))
    expect(p.page).to_have_url(url_re(site_server, f"/{lang}/"))
    expect(p.page.locator("html")).to_have_attribute("lang", lang_tag)
    expect(p.page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    # the switcher marks the current language
    expect(p.page.locator(f"nav.language-switcher a[data-lang={lang}]")).to_have_attribute("aria-current", "true")
    assert_only_local_requests(p.log, site_server)
    assert_no_broken_requests(p.log)


def test_root_without_javascript_offers_both_languages(open_page, site_server):
    """With scripts off the root page stays put and its two links lead into both trees."""
    p = open_page("phone", "en-US", javascript=False)
    p.page.goto(site_server.url("/"))
    expect(p.page).to_have_url(url_re(site_server, "/"))
    expect(p.page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(p.page.locator("h1")).to_contain_text("请选择语言")
    expect(p.page.locator("h1")).to_contain_text("Choose a language")
    zh = p.page.locator(".language-choices a[data-lang=zh]")
    en = p.page.locator(".language-choices a[data-lang=en]")
    expect(zh).to_be_visible()
    expect(en).to_be_visible()
    expect(zh).to_contain_text("中文")
    expect(en).to_contain_text("English")
    assert zh.evaluate("a => a.href") == site_server.url("/zh/")
    assert en.evaluate("a => a.href") == site_server.url("/en/")
    # and the link really works without scripts
    en.click()
    expect(p.page).to_have_url(url_re(site_server, "/en/"))
    expect(p.page.locator("html")).to_have_attribute("lang", "en")
    expect(p.page.get_by_role("heading", level=1, name="Local education plans")).to_be_visible()
    assert_no_broken_requests(p.log)


# --------------------------------------------------------------------------- 2. reading


@pytest.mark.parametrize(
    "lang, link_name, title",
    [("zh", RUDONG_ZH, RUDONG_ZH), ("en", RUDONG_EN, RUDONG_EN)],
    ids=["zh", "en"],
)
def test_home_links_to_a_readable_document(open_page, site_server, lang, link_name, title):
    """From the home page a click opens the document: title, section headings, passages."""
    p = open_page("desktop", "zh-CN" if lang == "zh" else "en-US")
    page = p.page
    page.goto(site_server.url(f"/{lang}/"))
    page.get_by_role("link", name=link_name, exact=True).click()

    expect(page).to_have_url(url_re(site_server, doc_path(lang, RUDONG)))
    expect(page.locator("h1")).to_have_text(title)
    expect(page).to_have_title(re.compile("^" + re.escape(title)))
    # section headings are in the body: the source's numbering in Chinese, the editors' English in English
    headings = {"zh": ("一、战略目标", "二、主要任务", "三、保障措施"),
                "en": ("Strategic goals", "Main tasks", "Safeguards")}[lang]
    for heading in headings:
        expect(page.locator('.doc-body .doc-section > [id^="s-"]', has_text=heading)).to_be_visible()
    # every passage is rendered with text and takes up space on the page
    passages = page.locator(".doc-body .passage")
    expected = (site_server.root / lang / "documents" / RUDONG / "index.html").read_text(encoding="utf-8").count(
        'class="passage"'
    )
    assert expected > 50
    expect(passages).to_have_count(expected)
    expect(passages.first).to_be_visible()
    empty = page.evaluate(
        """() => [...document.querySelectorAll('.doc-body .passage')]
             .filter(p => p.getBoundingClientRect().height < 10 || p.innerText.trim().length < 2)
             .map(p => p.id)"""
    )
    assert empty == [], f"passages without visible text: {empty}"
    expect(page.locator("#p-2-6-1 > p.passage-text")).to_contain_text("健全师德师风建设长效机制")
    expect(page.locator("#p-2-6-1 > .passage-en")).to_contain_text("professional ethics")
    if lang == "en":
        expect(page.locator(".zh-title")).to_have_text(RUDONG_ZH)
    # every paragraph is translated, so no page says English is in preparation
    expect(page.get_by_role("note")).to_have_count(0)
    assert_no_broken_requests(p.log)


# --------------------------------------------------------------------------- 3. permalinks


def test_clicking_a_permalink_targets_and_highlights_the_passage(desktop_page, site_server):
    page = desktop_page.page
    path = doc_path("zh", RUDONG)
    page.goto(site_server.url(path))
    target = page.locator("#p-2-5-1")
    other = page.locator("#p-2-5-2")
    plain_background = other.evaluate("e => getComputedStyle(e).backgroundColor")

    target.locator('a[href="#p-2-5-1"]').click()   # the passage's permalink

    expect(page).to_have_url(url_re(site_server, path, "#p-2-5-1"))
    assert page.evaluate("location.hash") == "#p-2-5-1"
    expect(target).to_be_in_viewport()
    # the browser scrolled the passage to the top (scroll-margin-top: 1rem)
    page.wait_for_function("Math.abs(document.getElementById('p-2-5-1').getBoundingClientRect().top - 16) < 4")
    assert page.evaluate("window.scrollY") > 1000
    # :target highlight
    assert target.evaluate("e => e.matches(':target')")
    highlighted = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlighted != plain_background, (highlighted, plain_background)
    assert highlighted not in ("rgba(0, 0, 0, 0)", "transparent")
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") == plain_background


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_loading_a_passage_url_scrolls_it_into_view(open_page, site_server, device):
    """A shared link to a passage inside a 重点工程 box opens scrolled to that passage."""
    p = open_page(device, "zh-CN")
    page = p.page
    path = doc_path("zh", RUDONG)
    page.goto(site_server.url(path + "#p-2-2-k2-1"))
    passage = page.locator("#p-2-2-k2-1")
    expect(passage).to_be_in_viewport()
    if device == "desktop":
        page.wait_for_function("Math.abs(document.getElementById('p-2-2-k2-1').getBoundingClientRect().top - 16) < 4")
    else:
        # on a phone the reading-mode bar sticks to the top: the passage lands just below it, not under it
        page.wait_for_function("""() => {
            const bar = document.querySelector('.reading-mode').getBoundingClientRect();
            const top = document.getElementById('p-2-2-k2-1').getBoundingClientRect().top;
            return bar.height > 0 && top >= bar.bottom - 1 && top < bar.bottom + 24;
        }""")
    assert page.evaluate("window.scrollY") > 500
    assert passage.evaluate("e => e.matches(':target')")
    expect(passage.locator('a[href="#p-2-2-k2-1"]')).to_have_text(re.compile(r"2-2-k2-1$"))
    # it sits under the box's heading (重点工程二)
    heading = passage.evaluate("""e => e.closest('section').querySelector(':scope > [id^="s-"]').textContent""")
    assert "重点工程二" in heading
    assert_no_broken_requests(p.log)


# --------------------------------------------------------------------------- 4. switching language


def test_switching_language_keeps_the_reader_on_the_same_passage(desktop_page, site_server):
    page = desktop_page.page
    zh_path, en_path = doc_path("zh", RUDONG), doc_path("en", RUDONG)
    page.goto(site_server.url(zh_path + "#p-2-6-1"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    zh_text = page.locator("#p-2-6-1 > p.passage-text").inner_text()

    page.locator("nav.language-switcher a[data-lang=en]").click()
    expect(page).to_have_url(url_re(site_server, en_path, "#p-2-6-1"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(RUDONG_EN)
    # the same passage: the Chinese as before, beside its English
    expect(page.locator("#p-2-6-1 > p.passage-text")).to_have_text(zh_text)
    expect(page.locator("#p-2-6-1 > p.passage-text")).to_have_attribute("lang", "zh-Hans")
    # the page's own column is in the page's language, the nearest lang the page gives it
    assert page.locator("#p-2-6-1 > .passage-en").evaluate("e => e.closest('[lang]').lang") == "en"
    expect(page.locator("#p-2-6-1")).to_be_in_viewport()
    assert page.locator("#p-2-6-1").evaluate("e => e.matches(':target')")

    page.locator("nav.language-switcher a[data-lang=zh]").click()
    expect(page).to_have_url(url_re(site_server, zh_path, "#p-2-6-1"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_have_text(RUDONG_ZH)
    expect(page.locator("#p-2-6-1")).to_be_in_viewport()
    assert_no_broken_requests(desktop_page.log)


def test_switching_without_a_passage_goes_to_the_same_page(desktop_page, site_server):
    page = desktop_page.page
    page.goto(site_server.url("/zh/about/"))
    page.locator("nav.language-switcher a[data-lang=en]").click()
    expect(page).to_have_url(url_re(site_server, "/en/about/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize(
    "locale, chosen, chosen_tag",
    [("zh-CN", "en", "en"), ("en-US", "zh", "zh-Hans")],
)
def test_language_choice_is_remembered_at_the_root(open_page, site_server, locale, chosen, chosen_tag):
    """After picking a language with the switcher, / sends the reader there, whatever the browser says."""
    p = open_page("phone", locale)
    page = p.page
    page.goto(site_server.url("/"))
    other = "zh" if chosen == "en" else "en"
    expect(page).to_have_url(url_re(site_server, f"/{other}/"))  # the browser's language first

    page.locator(f"nav.language-switcher a[data-lang={chosen}]").click()
    expect(page).to_have_url(url_re(site_server, f"/{chosen}/"))

    page.goto(site_server.url("/"))
    expect(page).to_have_url(url_re(site_server, f"/{chosen}/"))
    expect(page.locator("html")).to_have_attribute("lang", chosen_tag)
    assert page.evaluate("localStorage.getItem('edplans-lang')") == chosen


# --------------------------------------------------------------------------- 7. news digest


@pytest.mark.parametrize(
    "lang, notes",
    [
        ("zh", {"钟楼区": "本节辖区：钟楼区", "溧阳市": "本节辖区：溧阳市"}),
        ("en", {"Zhonglou District": "This section speaks for: Zhonglou District",
                "Liyang": "This section speaks for: Liyang"}),
    ],
)
def test_news_digest_says_which_jurisdiction_each_section_speaks_for(open_page, site_server, lang, notes):
    p = open_page("phone", "zh-CN" if lang == "zh" else "en-US")
    page = p.page
    page.goto(site_server.url(doc_path(lang, DIGEST)))
    sections = page.locator(".doc-body section.doc-section")
    for name, note in notes.items():
        section = sections.filter(has=page.locator('[id^="s-"]', has_text=name))
        expect(section).to_have_count(1)
        expect(section.locator('[id^="s-"]')).to_be_visible()
        mark = section.locator(".section-jurisdiction")
        expect(mark).to_have_text(note)
        expect(mark).to_be_visible()
        # the note comes right after the heading, before the section's passages
        order = section.evaluate(
            """s => [...s.children].map(c => c.id.startsWith('s-') ? 'h'
                 : c.classList.contains('section-jurisdiction') ? 'note'
                 : c.classList.contains('passage') ? 'p' : '?')"""
        )
        assert order[:2] == ["h", "note"] and "p" in order, order
        section.locator(".section-jurisdiction").scroll_into_view_if_needed()
        expect(mark).to_be_in_viewport()
    # exactly the two district sections carry a note
    expect(page.locator(".section-jurisdiction")).to_have_count(2)
    assert_no_broken_requests(p.log)
