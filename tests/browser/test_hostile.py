"""Hostile content: every injection payload in every free-text field and in a source text.
The site builds, the text shows literally, and in real Chromium no script runs and no
element is injected."""
from __future__ import annotations

import codecs
from html.parser import HTMLParser
import re
import functools
import hashlib
import threading
from http.server import ThreadingHTTPServer
from itertools import cycle
from pathlib import Path

import pytest
import yaml

from edplans.controls import CONTROL
from edplans.render.site import build
from tests.browser.conftest import SiteServer, _SiteHandler
from tests.quality.site_pages import sampled_pages
from tests.summary import record

PAYLOADS_FILE = Path(__file__).resolve().parent / "payloads.txt"
pytestmark = pytest.mark.browser


def _payload(line: str) -> str:
    if line.startswith("@times "):
        _, count, text = line.split(" ", 2)
        return _payload(text) * int(count)
    if line.isascii() and ("\\u" in line or "\\U" in line):
        return codecs.decode(line, "unicode_escape")
    return line


def load_payloads() -> list[str]:
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return [_payload(line) for line in lines if line.strip() and not line.startswith("# ")]


PAYLOADS = load_payloads()
# Control characters and noncharacters are refused in YAML and Markdown (issue 16, item 8:
# tests/build/test_bad_values.py), so those payloads go into a source text only, where they
# are shown as code points; NUL makes a source binary, refused too. A Markdown image from
# another host is refused as well: the about page gets the rest.
IN_SOURCE = [p for p in PAYLOADS if "\x00" not in p]
IN_FIELDS = [p for p in PAYLOADS if not CONTROL.search(p)]
IN_MARKDOWN = [p for p in IN_FIELDS if not re.search(r"!\[[^\]]*\]\(\s*(?:[a-z]+:|//)", p)]


def _shown(payload: str) -> str:
    """How a payload must read on the page: literally, bidi controls made visible, runs of
    CSS white space as one space (a browser collapses them)."""
    text = "".join(f"[U+{ord(c):04X}]" if c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" else c
                   for c in payload)
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def _poison_document(folder: Path, payloads, appended: list[str]) -> None:
    path = folder / "document.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = {"zh": next(payloads), "en": next(payloads)}
    data["publisher"] = {"zh": next(payloads), "en": next(payloads)}
    data["source"] = {"note": {"zh": next(payloads), "en": next(payloads)}}
    data["jurisdiction_note"] = {"zh": next(payloads), "en": next(payloads)}
    for correction in data.get("corrections", []):
        correction["reason"] = {"zh": next(payloads), "en": next(payloads)}
    if appended:
        source = folder / "source.txt"
        data_bytes = source.read_bytes() + ("\n" + "\n".join(appended + ["注入标记甲乙丙"]) + "\n").encode()
        source.write_bytes(data_bytes)
        data["source_sha256"] = hashlib.sha256(data_bytes).hexdigest()
        data.setdefault("corrections", []).append(
            {"find": "注入标记甲乙丙", "replace": next(payloads), "reason": {"zh": next(payloads), "en": next(payloads)}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_hostile_project(project: Path) -> list[str]:
    """Put the payloads into every free-text field; returns the English titles used."""
    payloads = cycle(IN_FIELDS)
    registry = project / "content/registry/jurisdictions.yaml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    for item in data["jurisdictions"]:
        item["name"] = {"zh": next(payloads), "en": next(payloads)}
        item["note"] = {"zh": next(payloads), "en": next(payloads)}
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Theme, sub-topic and indicator names and units reach the charts' labels and hover text.
    for name in ("themes", "indicators"):
        registry = project / f"content/registry/{name}.yaml"
        data = yaml.safe_load(registry.read_text(encoding="utf-8"))
        for item in data[name]:
            item["name"] = {"zh": next(payloads), "en": next(payloads)}
            if "unit" in item:
                item["unit"] = {"zh": next(payloads), "en": next(payloads)}
            for sub in item.get("subtopics", []):
                sub["name"] = {"zh": next(payloads), "en": next(payloads)}
        registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    titles = []
    for index, folder in enumerate(sorted((project / "content/documents").iterdir())):
        _poison_document(folder, payloads, IN_SOURCE if index == 0 else [])
        titles.append(yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))["title"]["en"])
    for lang in ("zh", "en"):
        (project / f"content/pages/about.{lang}.md").write_text(
            "# About\n\n" + "\n\n".join(IN_MARKDOWN) + "\n", encoding="utf-8")
    return titles


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import shutil
    from tests.conftest import ROOT
    project = tmp_path_factory.mktemp("hostile") / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "config.yaml", project / "config.yaml")
    titles = make_hostile_project(project)
    result = build(project, project / "site")
    handler = functools.partial(_SiteHandler, directory=str(result.out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield SiteServer(base=f"http://{host}:{port}", root=result.out), titles
    server.shutdown()
    server.server_close()


def test_payload_corpus_is_big_enough():
    assert len(PAYLOADS) >= 300
    assert sum(bool(CONTROL.search(p)) for p in PAYLOADS) >= 30          # each class is there
    assert sum(any(0x590 <= ord(c) <= 0x8FF for c in p) for p in PAYLOADS) >= 5       # right to left
    assert sum("{{" in p or "{%" in p or "${" in p for p in PAYLOADS) >= 10
    assert sum(len(p) >= 1000 for p in PAYLOADS) >= 5
    record("injection payloads tried", len(PAYLOADS))


def test_no_control_character_reaches_any_file(hostile_site):
    """The source text's control characters (ESC, BEL, U+FFFE …) are shown as code points;
    none reaches an HTML, JSON or CSV file raw, compressed or not (issue 16, item 8)."""
    import gzip
    server, _ = hostile_site
    checked = 0
    for path in sorted(server.root.rglob("*")):
        if path.suffix not in (".html", ".json", ".csv", ".gz", ".xml", ".txt", ".ris", ".bib", ".jsonl"):
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8")
        match = CONTROL.search(text)
        assert match is None, f"{path.relative_to(server.root)}: U+{ord(match.group(0)):04X} at {match.start()}"
        checked += 1
    assert checked > 100
    page = (server.root / "zh/documents").glob("*/index.html")
    shown = "".join(p.read_text(encoding="utf-8") for p in page)
    assert "before[U+001B]after" in shown and "before[U+FFFE]after" in shown and "[U+0007]" in shown
    record("files searched for raw control characters", checked)


class _Markup(HTMLParser):
    """Every element the HTML parser sees, as a browser would: escaped text and attribute
    values stay text, so only markup that really survived is found."""

    DANGEROUS = {"svg", "iframe", "object", "embed", "base", "math", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag in self.DANGEROUS:
            self.found.append(where)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"{where} {name}=")
            if name in ("href", "src", "action", "formaction") and value.startswith("javascript:"):
                self.found.append(f"{where} {name}=javascript:")
            if tag == "meta" and name == "http-equiv":
                self.found.append(where + " http-equiv")
        # the 404 page's own script (links corrected to the prefix it is served under: it cannot
        # load a file relative to an address it does not know); it holds no content string
        if tag == "script" and not dict(attrs).get("src", "").startswith(("../", "static/", "/")) \
                and dict(attrs).get("type") != "application/json" and dict(attrs).get("data-edplans") != "not-found":
            self.found.append(where + " inline script")


def test_no_payload_survives_as_markup_in_any_file(hostile_site):
    server, _ = hostile_site
    pages = sorted(server.root.rglob("*.html"))
    assert pages
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
    record("files parsed for injected markup", len(pages))


def test_no_script_runs_and_no_element_is_injected(hostile_site, browser):
    server, titles = hostile_site
    pages = sampled_pages(server.root, per_kind=4)   # every kind of page; every file is read above
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    checked = charts_drawn = 0
    try:
        for rel in pages:
            page.goto(server.url("/" + rel), wait_until="load")
            page.wait_for_timeout(20)
            if page.locator(".chart-plot").count():
                # Draw every chart: Plotly reads the hostile labels and hover text.
                for plot in page.locator(".chart-plot").all():
                    plot.scroll_into_view_if_needed()
                    plot.evaluate("""e => new Promise((done, fail) => { const t0 = Date.now();
                        (function wait() { if (e.dataset.state === 'drawn') { done(); }
                          else if (e.dataset.state === 'failed' || Date.now() - t0 > 15000) { fail(e.dataset.state); }
                          else { setTimeout(wait, 20); } })(); })""")
                    charts_drawn += 1
                marks = page.locator(".chart-plot .point")
                if marks.count():   # a hover label, with the hostile names in it (heatmaps have no marks)
                    marks.first.scroll_into_view_if_needed()
                    box = marks.first.bounding_box()
                    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                    page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
            found = page.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                // JSON data blocks (the glossary pop-ups' terms) never execute; anything else must be ours
                // ours: site.js and friends, and plotly.js, which charts.js loads from /static/vendor/
                // and the 404 page's own inline script (marked; it holds no content string)
                scripts: [...document.scripts].filter(s => s.type !== 'application/json' && s.dataset.edplans !== 'not-found'
                    && (!s.src || !['/static/js/', '/static/vendor/'].some(d => new URL(s.src).pathname.includes(d)))).length,
                data: [...document.querySelectorAll('script[type="application/json"]')]
                    .filter(s => { try { JSON.parse(s.textContent); return false; } catch (e) { return true; } }).length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                // Plotly draws its charts in SVG; any other SVG (or any element in the charts
                // that Plotly does not make) came from content.
                injected: [...document.querySelectorAll('iframe, object, embed, base, form, textarea, svg, math, meta[http-equiv], body style, link[href*="evil"], .chart-plot img, .chart-plot script')]
                    .filter(e => !(e.tagName.toLowerCase() === 'svg' && (e.closest('.chart-plot') || e.id === 'js-plotly-tester')))
                    // the site's own search forms: the header box and the search page's
                    .filter(e => !(e.tagName.toLowerCase() === 'form' && e.matches('header .header-search, .search-page > .search-form')))
                    .map(e => e.tagName),
                jsLinks: [...document.querySelectorAll('a[href^="javascript:" i], a[*|href^="javascript:" i]')].length,
            })""")
            assert found == {"pwned": None, "scripts": 0, "data": 0, "handlers": [], "injected": [], "jsLinks": 0}, rel
            checked += 1
        assert dialogs == []
        # The payloads read literally where they were put: the document titles.
        page.goto(server.url("/en/"))
        text = page.inner_text("main")
        for title in titles:
            assert _shown(title) in text
    finally:
        context.close()
    record("pages checked with injected content", checked)
    record("charts drawn with injected content", charts_drawn)
    assert charts_drawn
