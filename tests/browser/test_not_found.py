"""A dead link deep in the tree shows the bilingual 404 page, styled, with working links home.

404.html is served at whatever path was missing, so it points at its stylesheet and the
home pages with absolute URLs on the configured base_url (http://localhost:8000/ in the
golden build).  The test plays the deployed site: it answers that origin from the built
files, so nothing reaches the real network and the page looks as it will in production.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import serve_built_site

pytestmark = pytest.mark.browser


def configured_origin(site_root) -> str:
    html = (site_root / "404.html").read_text(encoding="utf-8")
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    parts = urlsplit(href)
    assert parts.scheme in ("http", "https"), f"404.html must use absolute URLs, found {href!r}"
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_missing_page_shows_styled_bilingual_404(open_page, site_server, device):
    origin = configured_origin(site_server.root)
    p = open_page(device, "zh-CN", also_local=(origin,))
    p.context.route(origin + "/**", lambda route: serve_built_site(route, site_server.root))
    page = p.page

    response = page.goto(site_server.url("/zh/documents/no-such-document/"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1, name="找不到该页面")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    # the stylesheet arrived even though the page sits two directories deep
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.locator("section[lang=en] a").click()
    expect(page).to_have_url(origin + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1, name="Local education plans")).to_be_visible()
