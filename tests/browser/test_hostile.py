"""Hostile content: every injection payload in every free-text field and in a source text.
The site builds, the text shows literally, and in real Chromium no script runs and no
element is injected."""
from __future__ import annotations

import codecs
import re
import functools
import hashlib
import threading
from http.server import ThreadingHTTPServer
from itertools import cycle
from pathlib import Path

import pytest
import yaml

from edplans.render.site import build
from tests.browser.conftest import SiteServer, _SiteHandler
from tests.summary import record

PAYLOADS_FILE = Path(__file__).resolve().parent / "payloads.txt"
pytestmark = pytest.mark.browser


def load_payloads() -> list[str]:
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return [codecs.decode(line, "unicode_escape") if "\\u" in line else line
            for line in lines if line.strip() and not line.startswith("# ")]


PAYLOADS = load_payloads()


def _shown(payload: str) -> str:
    """How a payload must read on the page: literally, bidi controls made visible."""
    return "".join(f"[U+{ord(c):04X}]" if c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" else c
                   for c in payload)


def _poison_document(folder: Path, payloads, appended: list[str]) -> None:
    path = folder / "document.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = {"zh": next(payloads), "en": next(payloads)}
    data["publisher"] = {"zh": next(payloads), "en": next(payloads)}
    data["source"] = {"note": {"zh": next(payloads), "en": next(payloads)}}
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
    payloads = cycle(PAYLOADS)
    registry = project / "content/registry/jurisdictions.yaml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    for item in data["jurisdictions"]:
        item["name"] = {"zh": next(payloads), "en": next(payloads)}
        item["note"] = {"zh": next(payloads), "en": next(payloads)}
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    titles = []
    for index, folder in enumerate(sorted((project / "content/documents").iterdir())):
        _poison_document(folder, payloads, PAYLOADS if index == 0 else [])
        titles.append(yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))["title"]["en"])
    for lang in ("zh", "en"):
        (project / f"content/pages/about.{lang}.md").write_text(
            "# About\n\n" + "\n\n".join(PAYLOADS) + "\n", encoding="utf-8")
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
    assert len(PAYLOADS) >= 25
    record("injection payloads tried", len(PAYLOADS))


def test_no_payload_survives_as_markup_in_any_file(hostile_site):
    server, _ = hostile_site
    pages = sorted(server.root.rglob("*.html"))
    raw_markup = re.compile(r"<[a-z]+[^<>]*\son[a-z]+\s*=|<script>alert|<(svg|iframe|object|base|math|textarea)\b"
                            r'|href="javascript:|<meta http-equiv', re.IGNORECASE)
    assert pages
    for page in pages:
        match = raw_markup.search(page.read_text(encoding="utf-8"))
        assert match is None, (page, match and match.group(0))


def test_no_script_runs_and_no_element_is_injected(hostile_site, browser):
    server, titles = hostile_site
    pages = sorted(p.relative_to(server.root).as_posix() for p in server.root.rglob("*.html"))
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    checked = 0
    try:
        for rel in pages:
            page.goto(server.url("/" + rel), wait_until="load")
            page.wait_for_timeout(20)
            found = page.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                // JSON data blocks (the glossary pop-ups' terms) never execute; anything else must be ours
                scripts: [...document.scripts].filter(s => s.type !== 'application/json'
                    && (!s.src || !new URL(s.src).pathname.includes('/static/js/'))).length,
                data: [...document.querySelectorAll('script[type="application/json"]')]
                    .filter(s => { try { JSON.parse(s.textContent); return false; } catch (e) { return true; } }).length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                injected: [...document.querySelectorAll('iframe, object, embed, base, form, textarea, svg, math, meta[http-equiv], body style, link[href*="evil"]')]
                    .map(e => e.tagName),
                jsLinks: [...document.querySelectorAll('a[href^="javascript:" i]')].length,
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
