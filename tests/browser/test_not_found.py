"""A dead link deep in the tree shows the bilingual 404 page, styled, with working links home,
on any host and under any path prefix.

404.html is served at whatever path was missing: its styles are inline and its links start
at the site's path, corrected in the page to the prefix it is served under. The tests play a
host at the site's root (the test server) and a preview host under /preview/site/, answered
from the built files, so nothing reaches the real network."""
from __future__ import annotations

import mimetypes
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser


def host_with_404(route, site_root, prefix: str) -> None:
    """A static host serving the site under `prefix`, answering a missing path with 404.html
    (as GitHub Pages does)."""
    path = unquote(urlsplit(route.request.url).path)
    rel = path[len(prefix):] if path.startswith(prefix) else None
    target = (site_root / rel) if rel is not None else None
    if target is not None and target.is_dir():
        target = target / "index.html"
    if target is None or not target.is_file() or site_root.resolve() not in target.resolve().parents:
        route.fulfill(status=404, body=(site_root / "404.html").read_bytes(), content_type="text/html; charset=utf-8")
        return
    route.fulfill(status=200, body=target.read_bytes(), content_type=mimetypes.guess_type(target.name)[0] or "text/html")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_missing_page_shows_styled_bilingual_404(open_page, site_server, device):
    page = open_page(device, "zh-CN").page
    response = page.goto(site_server.url("/zh/documents/no-such-document/"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1, name="找不到该页面")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    # styled although the page sits two directories deep, and nothing asked of localhost:8000
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("section[lang=en] a").first.click()
    expect(page).to_have_url(site_server.url("/en/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_404_under_another_path_prefix_links_inside_it(open_page, site_server):
    origin = "http://preview.example"
    p = open_page("phone", "zh-CN", also_local=(origin,))
    p.context.route(origin + "/**", lambda route: host_with_404(route, site_server.root, "/preview/site/"))
    page = p.page
    response = page.goto(origin + "/preview/site/en/documents/typo/")
    assert response is not None and response.status == 404
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    page.locator("section[lang=zh-Hans] a").first.click()
    expect(page).to_have_url(origin + "/preview/site/zh/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
