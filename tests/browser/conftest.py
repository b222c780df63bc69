"""Browser fixtures: the golden site served on 127.0.0.1, one headless Chromium per session.

Every page a test opens goes through `open_page`, which records each request, failed
response and script error of that page.  When the test ends, the fixture fails the test's
teardown if any request left the local server, so no test can pass while the site quietly
loads something from the network.
"""
from __future__ import annotations

import functools
import mimetypes
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}

# Where screenshots go (git-ignored via test-results/).
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


# --------------------------------------------------------------------------- server


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site like a static host: 404.html for missing paths, no log noise."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass(frozen=True)
class SiteServer:
    base: str  # e.g. "http://127.0.0.1:40123" (no trailing slash)
    root: Path

    def url(self, path: str = "/") -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def is_local(self, url: str, also: tuple[str, ...] = ()) -> bool:
        """True for URLs served by this server (and for in-page data:/about:/blob: URLs).

        `also` lists further origins a test deliberately serves from the built site.
        """
        parts = urlsplit(url)
        if parts.scheme in ("data", "about", "blob"):
            return True
        return f"{parts.scheme}://{parts.netloc}" in (self.base, *also)


@pytest.fixture(scope="session")
def site_server(built_site) -> SiteServer:
    """`built_site.out` over HTTP on 127.0.0.1 and a free port, in a background thread."""
    root = Path(built_site.out)
    handler = functools.partial(_SiteHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    thread = threading.Thread(target=server.serve_forever, name="edplans-site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(base=f"http://{host}:{port}", root=root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("EDPLANS_CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path!r}. The browser tests drive a real Chromium: "
            "run `make test` (which installs Debian's chromium), or set EDPLANS_CHROMIUM "
            "to the path of a Chromium executable.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path) -> Browser:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# --------------------------------------------------------------------------- pages


@dataclass
class PageLog:
    """Everything one browser context did on the network, and every script error."""

    requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)  # "404 http://…"
    failed_requests: list[str] = field(default_factory=list)  # "net::ERR_… http://…"
    script_errors: list[str] = field(default_factory=list)


@dataclass
class OpenedPage:
    page: Page
    context: BrowserContext
    log: PageLog
    device: str
    locale: str
    also_local: tuple[str, ...] = ()


def assert_only_local_requests(log: PageLog, server: SiteServer, also: tuple[str, ...] = ()) -> None:
    """No request of the page left the local server (no CDN, font, analytics, …)."""
    assert log.requests, "the page made no requests at all: was it ever loaded?"
    foreign = sorted({url for url in log.requests if not server.is_local(url, also)})
    assert not foreign, f"requests left the site ({server.base}): {foreign}"


def assert_no_broken_requests(log: PageLog) -> None:
    """Every asset the page asked for arrived, and no script threw."""
    assert not log.failed_responses, f"HTTP errors: {log.failed_responses}"
    assert not log.failed_requests, f"failed requests: {log.failed_requests}"
    assert not log.script_errors, f"script errors: {log.script_errors}"


@pytest.fixture()
def open_page(browser, site_server, request):
    """Factory: `open_page(device="desktop"|"phone", locale="zh-CN", javascript=True)`.

    `also_local` names origins the test itself routes to the built site (see test_not_found).

    Each call makes a fresh context (own localStorage) and page, recording the page's
    network activity in `.log`.  At teardown every opened page is checked for requests
    that left the local server.
    """
    opened: list[OpenedPage] = []

    def _open(
        device: str = "desktop",
        locale: str = "zh-CN",
        javascript: bool = True,
        also_local: tuple[str, ...] = (),
    ) -> OpenedPage:
        context = browser.new_context(
            **DEVICES[device],
            locale=locale,
            java_script_enabled=javascript,
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        log = PageLog()
        context.on("request", lambda req: log.requests.append(req.url))
        context.on(
            "response",
            lambda resp: resp.status >= 400 and log.failed_responses.append(f"{resp.status} {resp.url}"),
        )
        # A navigation (e.g. the root page's redirect) aborts what the old page was still
        # loading; that is not a broken asset.
        context.on(
            "requestfailed",
            lambda req: "ERR_ABORTED" not in (req.failure or "")
            and log.failed_requests.append(f"{req.failure} {req.url}"),
        )
        page = context.new_page()
        page.on("pageerror", lambda exc: log.script_errors.append(str(exc)))
        item = OpenedPage(
            page=page, context=context, log=log, device=device, locale=locale, also_local=also_local
        )
        opened.append(item)
        return item

    yield _open

    try:
        for item in opened:
            if item.log.requests:
                assert_only_local_requests(item.log, site_server, item.also_local)
    finally:
        for item in opened:
            item.context.close()


@pytest.fixture()
def desktop_page(open_page) -> OpenedPage:
    """A 1280×900 desktop page with a zh-CN browser locale."""
    return open_page("desktop", "zh-CN")


@pytest.fixture()
def phone_page(open_page) -> OpenedPage:
    """A 390×844 touch phone (2× pixels) with a zh-CN browser locale."""
    return open_page("phone", "zh-CN")


def serve_built_site(route, site_root: Path, base_path: str = "/") -> None:
    """Answer a routed request from the built site, as the deployed host would, so that
    pages linking the configured base URL (404.html) never reach the network."""
    path = unquote(urlsplit(route.request.url).path)
    if not path.startswith(base_path):
        route.fulfill(status=404, body="not found")
        return
    target = (site_root / path[len(base_path):]).resolve()
    if target.is_dir():
        target = target / "index.html"
    if site_root.resolve() not in target.parents or not target.is_file():
        route.fulfill(status=404, body="not found")
        return
    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    route.fulfill(status=200, body=target.read_bytes(), content_type=mime)
