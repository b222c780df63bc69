"""Layout at phone and desktop widths, with screenshots for a human to look at.

Screenshots go to test-results/screenshots/ (git-ignored).  With
EDPLANS_UPDATE_SCREENSHOTS=1 the desktop English document page is also written to
docs/screenshot-document.png, the picture the README shows; normal runs leave docs/ alone.
"""
from __future__ import annotations

import os
import re
import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..quality.site_pages import sampled_pages
from .conftest import DEVICES, SCREENSHOT_DIR, assert_no_broken_requests, assert_only_local_requests

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshot-document.png"
RUDONG = "rudong-2021-2025-five-year-plan"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (and proof that it is a PNG)."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13, "PNG without an IHDR chunk"
    return struct.unpack(">II", data[16:24])


def overflow_report(page) -> dict:
    """How wide the page is against the viewport, and which elements stick out on the right."""
    return page.evaluate(
        """() => {
            const w = window.innerWidth;
            const culprits = [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .slice(0, 8)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                         + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits};
        }"""
    )


def font_size_px(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_document_page_screenshot_and_fit(open_page, site_server, device, lang):
    p = open_page(device, "zh-CN" if lang == "zh" else "en-US")
    page = p.page
    page.goto(site_server.url(f"/{lang}/documents/{RUDONG}/"))
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / f"document-{RUDONG}-{lang}-{device}.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    viewport = DEVICES[device]["viewport"]
    scale = DEVICES[device].get("device_scale_factor", 1)
    assert png_size(data) == (viewport["width"] * scale, viewport["height"] * scale)
    # a blank or near-blank page compresses to a few KB; a page of text does not
    assert len(data) > 30_000, f"{shot} is only {len(data)} bytes: is the page blank?"

    report = overflow_report(page)
    assert report["scrollWidth"] <= report["innerWidth"], f"horizontal overflow: {report}"

    body_text = font_size_px(page, ".doc-body .passage > p.passage-text" if lang == "zh" else ".doc-body .passage-en p")
    assert body_text >= 14, f"passage text is {body_text}px"
    assert font_size_px(page, "body") >= 14
    if device == "phone":
        # nothing a reader must read is smaller than 12px (permalinks, metadata)
        assert font_size_px(page, ".passage-tools") >= 12
        assert font_size_px(page, ".stats") >= 12

    assert_only_local_requests(p.log, site_server)
    assert_no_broken_requests(p.log)

    if device == "desktop" and lang == "en" and os.environ.get("EDPLANS_UPDATE_SCREENSHOTS") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        DOCS_SCREENSHOT.write_bytes(data)


def _site_pages(root: Path, per_kind: int | None = None) -> list[str]:
    """URL paths of the built HTML pages except 404.html (tested on its own): every kind of
    page, indicator pages sampled (see sampled_pages)."""
    paths = []
    for rel in sampled_pages(root, per_kind=per_kind):
        if rel == "404.html":
            continue
        paths.append("/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel)
    return paths


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_every_page_stays_on_the_site_and_fits(open_page, site_server, device):
    """Each kind of page loads only from the local server, with no errors, and fits a phone
    (at desktop width every sampled page; at phone width up to four of each kind)."""
    paths = _site_pages(site_server.root, per_kind=4 if device == "phone" else None)
    assert len(paths) >= 15, paths
    p = open_page(device, "zh-CN", javascript=True)
    page = p.page
    problems = []
    for path in paths:
        if path == "/":
            continue  # the root redirects; covered by test_reader
        start = len(p.log.requests)
        response = page.goto(site_server.url(path))
        assert response is not None and response.status == 200, path
        requests = p.log.requests[start:]
        foreign = [u for u in requests if not site_server.is_local(u)]
        if foreign:
            problems.append(f"{path}: requests left the site: {foreign}")
        lang = path.split("/")[1]
        want_lang = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}[lang]
        got_lang = page.get_attribute("html", "lang")
        if got_lang != want_lang:
            problems.append(f"{path}: <html lang={got_lang!r}>, expected {want_lang!r}")
        if not page.locator("h1").first.inner_text().strip():
            problems.append(f"{path}: empty h1")
        if not page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"):
            problems.append(f"{path}: stylesheet not applied")
        report = overflow_report(page)
        if report["scrollWidth"] > report["innerWidth"]:
            problems.append(f"{path}: horizontal overflow {report}")
    assert not problems, "\n".join(problems)
    assert_only_local_requests(p.log, site_server)
    assert_no_broken_requests(p.log)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_theme_tags_sit_in_the_margin_and_figures_are_marked(open_page, site_server, device):
    """Desktop: tags to the right of the text; phone: below it. Quoted figures are highlighted."""
    p = open_page(device, "en-US")
    page = p.page
    page.goto(site_server.url("/en/documents/changzhou-2024-work-points/"))
    passage = page.locator("#p-2-8-1")
    passage.scroll_into_view_if_needed()
    text = passage.locator(".passage-en").bounding_box()   # an English page leads with English
    tags = passage.locator(".theme-tags").bounding_box()
    assert text and tags
    if device == "desktop":
        assert tags["x"] >= text["x"] + text["width"], (text, tags)
        assert tags["y"] < text["y"] + text["height"], "the tags sit beside the text, not under it"
    else:
        assert tags["y"] >= text["y"] + text["height"] - 1, (text, tags)
    assert passage.locator(".theme-tags li").first.inner_text().startswith("Teacher development")
    marks = passage.locator(".passage-text mark")
    if device == "phone":   # the marks are in the Chinese original: show it (loaded when asked)
        page.locator(".reading-mode button[data-reading=both]").click()
    expect(marks.first).to_be_visible()
    assert marks.count() >= 4
    background = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = passage.locator(".passage-text").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != plain, "a marked figure must stand out from the text around it"
    # every figure listed under the passage reads highlighted in its text
    marked = "".join(marks.all_inner_texts())
    figures = passage.locator(".passage-targets b").all_inner_texts()
    assert figures and all(re.findall(r"\d+", figure) for figure in figures)
    assert all(number in marked for figure in figures for number in re.findall(r"\d+", figure)), (figures, marked)
