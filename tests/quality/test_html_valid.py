"""Every page of the built site is valid HTML (the Nu HTML Checker), and the sitemap is sound.

vnu.jar comes from node_modules (pinned in package-lock.json, installed by `make test`'s
`npm ci`) and runs once over the whole site, in one JVM.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from . import counts
from tests.site_data import sitemap_urls

from .site_pages import PROJECT_ROOT, configured_base_url, html_pages, require_npm_tool

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def java() -> str:
    path = shutil.which("java")
    if not path:
        pytest.fail(
            "java not found: the Nu HTML Checker needs Java 17+. Run `make test` "
            "(which installs default-jre-headless on Debian) or install a JRE.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def vnu_jar() -> Path:
    return require_npm_tool(VNU_JAR, "the Nu HTML Checker")


# A page with one known error, checked in the same run: proof that vnu really checked and
# reported, so an empty report about the site means something.
CANARY = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>'
          '<body><p id="twice">a</p><p id="twice">b</p></body></html>\n')


def run_vnu(java: str, jar: Path, *folders: Path) -> tuple[list[str], list[dict]]:
    """(files checked, messages) for one run of vnu (one JVM) over the folders."""
    proc = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", "--verbose",
         *map(str, folders)],
        capture_output=True, text=True, timeout=300,
    )
    # --verbose names each file checked on stdout; the JSON report goes to stderr.
    checked = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    start = proc.stderr.find('{"')
    if start < 0:
        pytest.fail(f"vnu exited {proc.returncode} without a JSON report:\n{proc.stderr[-3000:]}", pytrace=False)
    report = json.loads(proc.stderr[start:])
    return checked, report.get("messages", [])


def message_path(message: dict) -> Path | None:
    url = message.get("url", "")
    return Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None


def where(message: dict, site: Path) -> str:
    path = message_path(message)
    name = path.relative_to(site).as_posix() if path and site in path.parents else message.get("url", "?")
    return f"site/{name}:{message.get('lastLine', message.get('firstLine', '?'))}"


@pytest.mark.checker
def test_every_page_is_valid_html(built_site, java, vnu_jar, tmp_path):
    site = Path(built_site.out).resolve()
    pages = html_pages(site)
    canary = tmp_path / "canary" / "canary.html"
    canary.parent.mkdir()
    canary.write_text(CANARY, encoding="utf-8")

    checked, messages = run_vnu(java, vnu_jar, site, canary.parent)

    canary_messages = [m for m in messages if message_path(m) == canary.resolve()]
    assert any("Duplicate ID" in m.get("message", "") for m in canary_messages), (
        f"vnu did not report the canary page's known error; is it working? {messages[:5]}")
    checked_rel = {Path(c).resolve().relative_to(site).as_posix()
                   for c in checked if Path(c).suffix == ".html" and site in Path(c).resolve().parents}
    for rel in checked_rel:
        counts.record("vnu", rel)
    problems = [
        f"{where(m, site)}: {m.get('type')}{'/' + m['subType'] if m.get('subType') else ''}: {m.get('message')}"
        + (f"\n    {m['extract'].strip()}" if m.get("extract") else "")
        for m in messages if m not in canary_messages
    ]
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)
    assert set(pages) <= checked_rel, f"vnu did not check: {sorted(set(pages) - checked_rel)}"


def test_sitemap_is_well_formed_and_lists_existing_pages(built_site):
    site = Path(built_site.out)
    base = configured_base_url()
    try:
        parts, urls = sitemap_urls(site, base)
    except (ET.ParseError, OSError) as error:
        pytest.fail(f"site/sitemap.xml or a sitemap it lists is not well-formed gzipped XML: {error}", pytrace=False)
    assert parts, "site/sitemap.xml lists no sitemaps"

    def page_for(url: str) -> str | None:
        """The built file an absolute URL on the base URL points at, or None."""
        if not url.startswith(base):
            return None
        rel = unquote(url[len(base):].split("#")[0])
        rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        return rel if (site / rel).is_file() else None

    problems, listed = [], set()
    assert urls, "the sitemap lists no pages"
    for url in urls:
        locs = url.findall(SITEMAP_NS + "loc")
        if len(locs) != 1 or not (locs[0].text or "").strip():
            problems.append(f"<url> without exactly one <loc>: {ET.tostring(url, encoding='unicode')[:200]}")
            continue
        loc = locs[0].text.strip()
        rel = page_for(loc)
        if rel is None:
            problems.append(f"<loc>{loc}</loc> is not a page of the built site (base URL {base})")
        else:
            listed.add(rel)
        for alt in url.findall(XHTML_NS + "link"):
            href = alt.get("href", "")
            if page_for(href) is None:
                problems.append(f"{loc}: alternate {alt.get('hreflang')} {href} is not a page of the built site")
    # every reader-facing page is listed (the root chooser and 404.html are not pages to index)
    unlisted = sorted(set(html_pages(site)) - listed - {"index.html", "404.html"})
    if unlisted:
        problems.append(f"pages missing from the sitemap: {unlisted}")
    assert not problems, "site/sitemap.xml:\n" + "\n".join(problems)
