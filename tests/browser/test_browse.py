"""Paging and filters on an aggregate page (a generated 30-document project, so a theme has
more passages than one page): the first page is in the HTML; Next fetches the next shard;
a province or jurisdiction filter narrows the list and its count; at desktop and phone width."""
from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.corpus import make_corpus
from edplans.render.site import build
from tests.site_data import document_json, read_json

pytestmark = pytest.mark.browser
THEME = "teacher-development"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browse") / "project"
    make_corpus(root, 30)
    build(root, root / "site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root / "site"
    server.shutdown()
    server.server_close()


def _index(site: Path) -> dict:
    return read_json(site / f"data/themes/{THEME}/passages/index.json.gz")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_pages_and_filters_of_theme_passages(browser, generated_server, device):
    from .conftest import DEVICES
    base, site = generated_server
    index = _index(site)
    assert index["count"] > 100
    context = browser.new_context(**DEVICES[device], locale="en-GB", service_workers="block")
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/en/themes/{THEME}/")
    widget = page.locator('.browser[data-kind="passages"]')
    widget.scroll_into_view_if_needed()
    form = widget.locator(".browser-filters")
    expect(form).to_be_visible()
    status = widget.locator(".browser-status")
    expect(status).to_contain_text(f"of {index['count']}")

    size = index["page_size"]
    # a real click: the charts above draw as they near the view, into the height kept for them
    # (a chart appearing between the aim and the click once moved the button from under it)
    widget.locator('.browser-pager button[data-step="1"]').click()
    expect(status).to_have_text(f"Showing {size + 1}–{2 * size} of {index['count']}.", timeout=15_000)
    expect(widget.locator(".browser-results li")).to_have_count(size)
    expect(widget.locator(".browser-page")).to_contain_text("Page 2 of")

    province = index["partitions"][1]
    form.locator('select[name="province"]').select_option(province["id"])
    shown = min(province["count"], size)
    expect(status).to_have_text(f"Showing 1–{shown} of {province['count']}.")

    jurisdiction = next(j for j in index["jurisdictions"] if j["province"] == province["id"])
    form.locator('select[name="jurisdiction"]').select_option(jurisdiction["id"])
    expect(status).to_have_text(f"Showing 1–{min(jurisdiction['count'], size)} of {jurisdiction['count']}.")
    places = widget.locator(".browse-jurisdiction").all_inner_texts()
    assert places and set(places) == {jurisdiction["name"][1]}
    first = widget.locator(".browser-results a").first
    href = first.get_attribute("href")
    assert re.search(r"/en/documents/[a-z0-9-]+/#p-", href)
    first.click()
    page.wait_for_url(re.compile(r"#p-"))
    target = page.locator(":target")
    expect(target).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    assert errors == []
    context.close()


def test_every_figure_browser_filters_by_year(browser, generated_server):
    from .conftest import DEVICES
    base, site = generated_server
    index = read_json(site / f"data/themes/{THEME}/targets/index.json.gz")
    year, count = index["years"][0]
    context = browser.new_context(**DEVICES["desktop"], locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.goto(f"{base}/zh/themes/{THEME}/")
    widget = page.locator('.browser[data-kind="targets"]')
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".browser-filters")).to_be_visible()
    first = widget.locator(".browse-table").first.evaluate("t => t.innerText")
    widget.locator('select[name="year"]').select_option(str(year))
    # the filtered page replaces the first page (which may have 50 rows too): wait for the swap
    page.wait_for_function("""([el, before]) => {
      const t = el.querySelector('.browse-table'); return t && t.innerText !== before; }""",
                           arg=[widget.element_handle(), first])
    rows = widget.locator(".browse-table tbody tr")
    expect(rows).to_have_count(min(count, 50))
    documents = {h.split("/documents/")[1].split("/")[0] for h in
                 widget.locator(".browse-table tbody td:nth-child(2) a").evaluate_all("els => els.map(e => e.href)")}
    years = {document_json(site, d)["year"] for d in documents}
    assert years == {year}
    context.close()


def test_without_javascript_no_dead_filters_or_pager(browser, generated_server):
    """The filters and the pager work only once browse.js has the index: without scripts the
    first page and the downloads show, and no control that would do nothing."""
    from .conftest import DEVICES
    base, _ = generated_server
    context = browser.new_context(**DEVICES["desktop"], locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/en/themes/{THEME}/")
    widget = page.locator('.browser[data-kind="passages"]')
    expect(widget.locator(".browser-results").first).to_contain_text("¶")
    expect(widget.locator(".browser-filters")).to_be_hidden()
    expect(widget.locator(".browser-pager")).to_be_hidden()
    context.close()
