"""Links across the whole built site: nothing dangles, nothing is orphaned, nothing is remote.

Every HTML page is parsed (html.parser).  Each internal reference — relative, or absolute on
config.yaml's base_url as in canonical, hreflang and 404.html links — must name a file of the
built site, and each #fragment an id on the target page.  Every page must be reachable by
following <a> links from the root page, and no element may load anything from another host.
"""
from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from . import counts
from .site_pages import configured_base_url, html_pages

# attributes that name a URL, by element ("*" = any element)
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "base": ("href",),
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src", "formaction"), "button": ("formaction",), "form": ("action",),
    "blockquote": ("cite",), "q": ("cite",), "del": ("cite",), "ins": ("cite",),
}
NAVIGATION = {"a", "area"}  # links a reader follows
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Reference:
    tag: str
    attr: str
    url: str
    rel: tuple[str, ...]
    line: int


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        rel = tuple((values.get("rel") or "").lower().split())
        line = self.getpos()[0]
        for attr in URL_ATTRIBUTES.get(tag, ()):
            value = values.get(attr)
            if value is None:
                continue
            urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value.strip()]
            for url in urls:
                self.page.references.append(Reference(tag, attr, url, rel, line))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", values.get("content") or "", re.I)
            if match:
                self.page.references.append(Reference(tag, "content", match.group(1).strip("'\""), rel, line))

    handle_startendtag = handle_starttag


def parse(path: Path) -> ParsedPage:
    page = ParsedPage()
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


@pytest.fixture(scope="module")
def site(built_site):
    root = Path(built_site.out)
    pages = html_pages(root)
    assert {"index.html", "404.html", "zh/index.html", "en/index.html"} <= set(pages), pages
    return root, {rel: parse(root / rel) for rel in pages}


def resolve(base: str, page_rel: str, url: str) -> tuple[str | None, str | None, str | None]:
    """(site-relative file, fragment, problem) for an internal URL; (None, None, None) if external."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        if not url.startswith(base):
            return None, None, None
        absolute = url
    else:
        site_path = urlsplit(base).path or "/"
        if page_rel == "404.html" and not url.startswith("#"):
            # served at any missing address: its links start at the site's path (base_url's),
            # which its script corrects when the site is served under another prefix
            if not url.startswith(site_path):
                return None, None, (f"link {url!r} in 404.html, which is served at any missing address, "
                                    f"must start at the site's path {site_path!r}")
            url = base + url[len(site_path):]
        elif url.startswith("/"):
            return None, None, (f"root-relative link {url!r} breaks when the site is served under a "
                                "sub-path (a GitHub Pages project site); link relatively")
        absolute = url if url.startswith(base) else urljoin(base + page_rel, url)
        if not absolute.startswith(base):
            return None, None, f"{url!r} leads out of the site"
    rel = unquote(urlsplit(absolute[len(base):]).path)
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    rel = posixpath.normpath(rel)
    fragment = unquote(url.split("#", 1)[1]) if "#" in url else None  # "#" alone: an empty one
    return rel, fragment, None


def check_page(root: Path, base: str, rel: str, page: ParsedPage, pages: dict[str, ParsedPage]) -> list[str]:
    problems = []
    for ref in page.references:
        at = f"site/{rel}:{ref.line} <{ref.tag} {ref.attr}={ref.url!r}>"
        scheme = urlsplit(ref.url).scheme.lower()
        if not ref.url:
            problems.append(f"{at}: empty URL")
            continue
        if scheme == "javascript":
            problems.append(f"{at}: javascript: URL")
            continue
        if scheme in ("mailto", "tel") and ref.tag in NAVIGATION:
            continue
        if scheme == "data" and ref.tag not in NAVIGATION:
            continue
        target, fragment, problem = resolve(base, rel, ref.url)
        if problem:
            problems.append(f"{at}: {problem}")
            continue
        if target is None:  # another host
            if ref.tag in NAVIGATION and ref.attr == "href":
                if "noopener" not in ref.rel:
                    problems.append(f"{at}: external link without rel=noopener")
            else:
                problems.append(f"{at}: loads from another host (the site must work offline)")
            continue
        path = root / target
        if path.is_dir():
            problems.append(f"{at}: names a folder without a trailing slash")
            continue
        if not path.is_file():
            problems.append(f"{at}: no such file site/{target}")
            continue
        if fragment is not None:
            if target not in pages:
                continue  # a fragment on a non-HTML file (none today) is the file's business
            if not fragment:
                problems.append(f"{at}: empty fragment '#'")
            elif fragment not in pages[target].ids:
                problems.append(f"{at}: no id={fragment!r} on site/{target}")
    return problems


def test_every_internal_link_and_fragment_resolves(site):
    root, pages = site
    base = configured_base_url()
    problems = []
    for rel, page in pages.items():
        problems += check_page(root, base, rel, page, pages)
        counts.record("links", rel, runs=len(page.references))
    assert sum(len(p.references) for p in pages.values()) > 100
    assert not problems, f"{len(problems)} broken references:\n" + "\n".join(problems)


def test_permalinks_point_at_their_passage(site):
    """Every passage id is linked from its own permalink, so #p-… fragments are covered above."""
    _, pages = site
    documents = [rel for rel in pages if "/documents/" in rel]
    assert documents
    for rel in documents:
        passages = {i for i in pages[rel].ids if i.startswith("p-")}
        linked = {r.url[1:] for r in pages[rel].references if r.tag == "a" and r.url.startswith("#p-")}
        assert passages, rel
        assert passages == linked, (rel, sorted(passages ^ linked)[:10])


def reachable(base: str, pages: dict[str, ParsedPage], start: str = "index.html") -> set[str]:
    """Pages reached by following <a>/<area> links from `start` (breadth first)."""
    seen, queue = {start}, deque([start])
    while queue:
        rel = queue.popleft()
        for ref in pages[rel].references:
            if ref.tag not in NAVIGATION or ref.attr != "href":
                continue
            target, _, problem = resolve(base, rel, ref.url)
            if problem or target is None or target not in pages or target in seen:
                continue
            seen.add(target)
            queue.append(target)
    return seen


def test_every_page_is_reachable_from_the_root(site):
    """Following <a> links from the root chooser (through zh/ and en/) reaches every page."""
    _, pages = site
    seen = reachable(configured_base_url(), pages)
    assert {"zh/index.html", "en/index.html"} <= seen, "the root page does not link to both home pages"
    orphans = sorted(set(pages) - seen - {"404.html", "index.html"})
    assert not orphans, f"pages no link leads to (from the root through zh/ and en/): {orphans}"


def test_no_element_loads_from_another_host(site):
    """Scripts, stylesheets, images, fonts: everything comes from the site itself."""
    root, pages = site
    base = configured_base_url()
    problems = []
    for rel, page in pages.items():
        for ref in page.references:
            if ref.tag in NAVIGATION or urlsplit(ref.url).scheme in ("data", "mailto", "tel"):
                continue
            target, _, _ = resolve(base, rel, ref.url)
            if target is None:
                problems.append(f"site/{rel}:{ref.line} <{ref.tag} {ref.attr}={ref.url!r}>")
    # stylesheets may pull in fonts and images too
    for css in sorted(root.rglob("*.css")):
        css_rel = css.relative_to(root).as_posix()
        for number, line in enumerate(css.read_text(encoding="utf-8").splitlines(), 1):
            for match in CSS_URL.finditer(line):
                url = match.group(1) or match.group(2)
                if url.startswith("data:"):
                    continue
                target = urljoin(base + css_rel, url)
                if not target.startswith(base):
                    problems.append(f"site/{css_rel}:{number} url({url}) is on another host")
                elif not (root / unquote(urlsplit(target[len(base):]).path)).is_file():
                    problems.append(f"site/{css_rel}:{number} url({url}) is not a file of the site")
    assert not problems, "references to other hosts or missing files:\n" + "\n".join(problems)


def test_the_checker_catches_what_it_is_for(tmp_path):
    """The checks above on a small broken site: each kind of mistake is reported."""
    base = "https://example.org/edplans/"
    files = {
        "index.html": '<a href="zh/">zh</a>',
        "zh/index.html": (
            '<p id="here">x</p>\n'
            '<a href="#here">ok</a> <a href="#gone">missing fragment</a>\n'
            '<a href="page.html#p-1">ok</a> <a href="page.html#p-2">missing permalink</a>\n'
            '<a href="nothing/">missing page</a> <a href="/zh/">root-relative</a>\n'
            f'<link rel="canonical" href="{base}zh/"> <link rel="alternate" href="{base}en/">\n'
            '<script src="https://cdn.example.com/x.js"></script>\n'
            '<img src="//cdn.example.com/x.png" alt="">\n'
            '<a href="https://gov.example.cn/plan">no noopener</a>\n'
            '<a href="https://gov.example.cn/plan" rel="noopener nofollow">fine</a>\n'
            '<a href="static">a folder</a> <a href="#">empty</a>'
        ),
        "zh/page.html": '<div id="p-1"></div>',
        "zh/static/x.css": "",
        "orphan.html": "",
        "404.html": '<a href="zh/">relative in 404</a> <a href="/edplans/zh/">the site path</a> <a href="/zh/">outside</a>',
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    pages = {rel: parse(tmp_path / rel) for rel in html_pages(tmp_path)}
    problems = "\n".join(p for rel, page in pages.items() for p in check_page(tmp_path, base, rel, page, pages))
    for expected in ("no id='gone'", "no id='p-2'", "no such file site/zh/nothing/index.html",
                     "root-relative", "no such file site/en/index.html",
                     "x.js'>: loads from another host", "x.png'>: loads from another host",
                     "external link without rel=noopener", "folder without a trailing slash",
                     "empty fragment", "link 'zh/' in 404.html", "link '/zh/' in 404.html"):
        assert expected in problems, (expected, problems)
    assert "/edplans/zh/' in 404.html" not in problems
    assert problems.count("\n") + 1 == 12, problems
    assert reachable(base, pages) == {"index.html", "zh/index.html", "zh/page.html"}
