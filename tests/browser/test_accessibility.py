"""Accessibility in a real Chromium: axe-core on every page, and the keyboard on a document.

axe-core comes from node_modules (pinned in package-lock.json, installed by `make test`'s
`npm ci`) and is injected into each page as an inline script: nothing is fetched from the
network.  Every HTML page of the built site is checked, whatever kinds of page there are,
at desktop and at phone width, plus pages reached by clicking the language switcher.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import serve_built_site

from ..quality import counts
from ..quality.site_pages import PROJECT_ROOT, configured_base_url, require_npm_tool, sampled_pages, url_path

pytestmark = pytest.mark.browser

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
RUN_AXE = """async (options) => {
    const result = await axe.run(document, options);
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
    }));
}"""
RUDONG = "rudong-2021-2025-five-year-plan"
MISSING_PATH = "/zh/documents/no-such-document/"  # a dead link deep in the tree gets 404.html


@pytest.fixture(scope="module")
def axe_source() -> str:
    return require_npm_tool(AXE_JS, "axe-core").read_text(encoding="utf-8")


def base_origin() -> tuple[str, str]:
    """The configured site's origin and path ("http://localhost:8000", "/")."""
    parts = urlsplit(configured_base_url())
    return f"{parts.scheme}://{parts.netloc}", parts.path or "/"


def serve_configured_origin(p, site_root: Path) -> None:
    """Answer requests to the configured base_url from the built site, as the deployed host
    would (404.html links its stylesheet there), so no request reaches the network."""
    origin, base_path = base_origin()

    p.context.route(origin + "/**", lambda route: serve_built_site(route, site_root, base_path))


def run_axe(page, source: str) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    return page.evaluate(RUN_AXE, AXE_OPTIONS)


def describe(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node['html'][:300]}")
            if node.get("summary"):
                lines.append("       " + node["summary"].replace("\n", "\n       "))
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more nodes")
    return "\n".join(lines)


def open_site(open_page, site_server, device: str, locale: str = "zh-CN"):
    """A fresh browser context that sees the built site as readers get it."""
    origin, _ = base_origin()
    p = open_page(device, locale, also_local=(origin,))
    serve_configured_origin(p, site_server.root)
    # The root chooser sends scripted browsers on at once; check the page itself, as a reader
    # without scripts (or a screen reader before the redirect) meets it.  Other pages do not
    # load this script.
    p.context.route("**/static/js/language-redirect.js",
                    lambda route: route.fulfill(status=200, body="", content_type="text/javascript"))
    return p


def goto_page(p, site_server, rel: str) -> None:
    """Load `rel`; 404.html is loaded where a reader meets it, at a missing address."""
    path = MISSING_PATH if rel == "404.html" else url_path(rel)
    response = p.page.goto(site_server.url(path))
    assert response is not None and response.status == (404 if rel == "404.html" else 200), rel
    p.page.wait_for_load_state("load")


def test_axe_reports_a_known_violation(open_page, axe_source):
    """The injected axe-core really runs and reports: a page with two known faults fails it."""
    p = open_page("desktop", "en-US")
    p.page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>canary</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#x"></a></main></body></html>'
    )
    found = {v["id"] for v in run_axe(p.page, axe_source)}
    assert {"image-alt", "link-name"} <= found, found


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_page_has_no_axe_violations(open_page, site_server, axe_source, device):
    """axe-core's WCAG 2.1 A/AA rules find nothing on any kind of page, in every language tree
    (indicator pages, one template over ~200 records, are sampled: see sampled_pages).

    At desktop width every <details> is opened first, so what they hide (the cite text) is
    checked too; at phone width pages are checked as they load."""
    # Every sampled page at desktop width; at phone width (the same markup, another layout)
    # up to three of each kind.
    pages = sampled_pages(site_server.root, per_kind=None if device == "desktop" else 3)
    assert {"index.html", "404.html", "zh/index.html", "en/index.html"} <= set(pages), pages
    p = open_site(open_page, site_server, device)
    failures = []
    for rel in pages:
        goto_page(p, site_server, rel)
        assert p.page.evaluate("location.pathname") == (MISSING_PATH if rel == "404.html" else url_path(rel))
        if device == "desktop":
            p.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        violations = run_axe(p.page, axe_source)
        counts.record("axe", rel)
        if violations:
            failures.append(describe(f"{url_path(rel)} ({device})", violations))
    assert not failures, "axe-core found accessibility violations:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "device, start, target",
    [
        ("desktop", f"zh/documents/{RUDONG}/index.html", "en"),
        ("phone", "en/about/index.html", "zh"),
        ("phone", "zh/index.html", "en"),
    ],
)
def test_no_axe_violations_after_switching_language(open_page, site_server, axe_source, device, start, target):
    """The page reached by clicking the language switcher is as accessible as when loaded directly."""
    p = open_site(open_page, site_server, device)
    goto_page(p, site_server, start)
    page = p.page
    page.locator(f"nav.language-switcher a[data-lang={target}]").click()
    expected = site_server.url(url_path(re.sub(r"^(zh|en)/", f"{target}/", start)))
    expect(page).to_have_url(expected)
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}[target])
    violations = run_axe(page, axe_source)
    counts.record("axe", urlsplit(expected).path.lstrip("/") + "index.html")
    assert not violations, describe(f"{expected} after switching ({device})", violations)


# --------------------------------------------------------------------------- keyboard

FOCUSABLE = """() => [...document.querySelectorAll(
        'a[href], area[href], summary, button, input, select, textarea, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]')]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getAttribute('tabindex') !== '-1')
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .filter(e => !e.closest('[inert]'))
    // inside a closed <details> only its summary can take focus (Chromium still gives the
    // hidden content boxes, so the rectangle test above lets it through)
    .filter(e => { const d = e.closest('details:not([open])'); return !d || (e.tagName === 'SUMMARY' && e.parentElement === d); })
    .map(e => window.__key(e))"""

INSTALL_FOCUS_LOG = """() => {
    let n = 0;
    window.__key = e => { if (!e.dataset.kbd) { e.dataset.kbd = 'k' + (n++); } return e.dataset.kbd; };
    window.__focused = [];
    document.addEventListener('focusin', ev => window.__focused.push(window.__key(ev.target)), true);
}"""

FOCUS_STYLE = """e => {
    const s = getComputedStyle(e);
    return {
        focusVisible: e.matches(':focus-visible'),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        shadow: s.boxShadow !== 'none',
        describe: e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                  + ' ' + (e.textContent || '').trim().slice(0, 40),
    };
}"""


@pytest.fixture()
def document_page(open_page, site_server):
    p = open_page("desktop", "en-US")
    p.page.goto(site_server.url(f"/en/documents/{RUDONG}/"))
    p.page.wait_for_load_state("load")
    # at desktop width the Chinese column is fetched after load and brings its own term links:
    # count the page's focusable elements once it is in (on a loaded machine it came in later
    # and its links took Tab stops from the end of the page)
    p.page.wait_for_function("!document.querySelector('.column-status')"
                             " && !!document.querySelector('.doc-body .passage > .passage-text')")
    return p


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(document_page):
    page = document_page.page
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, f"skip link visible before focus: {box}"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), (
        "the first Tab stop is not the skip link: "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    )
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 10, box
    assert skip.get_attribute("href") == "#main"

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("location.hash") == "#main"
    # the next Tab continues inside main, not back in the header
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), page.evaluate(
        "document.activeElement.outerHTML.slice(0, 200)")


def test_every_interactive_element_is_reachable_by_tab(document_page):
    page = document_page.page
    page.evaluate(INSTALL_FOCUS_LOG)
    focusable = page.evaluate(FOCUSABLE)
    assert len(focusable) > 100, f"only {len(focusable)} focusable elements on the document page"
    limit = len(focusable) + 20  # bounded: a focus trap cannot hang the test
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("window.__focused.length") > len(focusable) + 5:
            break
    reached = page.evaluate("window.__focused")
    missing = [k for k in focusable if k not in reached]
    details = page.evaluate(
        "keys => keys.map(k => document.querySelector(`[data-kbd=${k}]`).outerHTML.slice(0, 160))", missing[:10]
    )
    assert not missing, f"{len(missing)} focusable elements never reached by Tab, e.g. {details}"
    # and in document order, with nothing reached twice before the end of the page
    first_pass = reached[: len(focusable)]
    assert first_pass == focusable, "Tab order differs from document order"


def test_focus_is_visible_on_interactive_elements(document_page):
    page = document_page.page
    samples = [
        "a.skip-link",
        "a.site-title",
        "nav.site-nav a",
        "nav.language-switcher a[data-lang=zh]",
        "nav.toc a",
        ".passage-tools > a",   # a passage's permalink
        ".passage details.cite > summary",
        ".provenance a",
    ]
    page.keyboard.press("Tab")  # a keyboard interaction, so :focus-visible applies to focus()
    problems = []
    for selector in samples:
        element = page.locator(selector).first
        if not element.count():
            continue
        element.focus()
        style = element.evaluate(FOCUS_STYLE)
        if not style["focusVisible"] or not (style["outline"] or style["shadow"]):
            problems.append(f"{selector}: {style}")
    assert not problems, "focus is not visible on:\n" + "\n".join(problems)


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_cite_details_open_with_the_keyboard(document_page, key):
    page = document_page.page
    passage = page.locator(".doc-body .passage").nth(3)
    details = passage.locator("details.cite")
    summary = details.locator("summary")
    permalink = passage.locator(".passage-tools > a")
    closed_height = permalink.bounding_box()["height"]
    expect(details).not_to_have_attribute("open", "")
    summary.focus()
    page.keyboard.press(key)
    expect(details).to_have_attribute("open", "")
    expect(details.locator(".cite-text")).to_be_visible()
    expect(summary).to_be_focused()
    # the open citation takes the room beside the permalink without squeezing it onto many lines
    assert permalink.bounding_box()["height"] == pytest.approx(closed_height, abs=1)
    page.keyboard.press(key)
    expect(details).not_to_have_attribute("open", "")
