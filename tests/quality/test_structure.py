"""Page structure that axe's WCAG rules do not cover, checked on every page of the built site.

- Headings form an outline: each page starts at h1 and never skips a level going deeper, and
  nested things are nested headings: a block marked `depth-N` (a jurisdiction on the home page,
  a section of a document) is headed one level deeper per step of N (province > city >
  district is h3 > h4 > h5), up to h6.
- Region landmarks are the page's main parts only: a labelled <section> (or role=region) is
  labelled by an h1/h2, so deep sections do not flood the landmark list.
- Chinese text says which script it is in: lang="zh-Hans" or "zh-Hant", never a bare "zh".
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .site_pages import html_pages

HEADING = re.compile(r"^h([1-6])$")
DEPTH = re.compile(r"^depth-(\d+)$")
SCRIPT_TAG = re.compile(r"^zh-(Hans|Hant)(-[A-Za-z0-9]+)*$")


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, int, str]] = []   # (level, line, id)
        self.regions: list[tuple[int, str]] = []          # (line, labelledby id or "")
        self.ids: dict[str, str] = {}                    # id -> tag
        self.langs: list[tuple[int, str, str]] = []       # (line, tag, lang)
        self.depths: list[tuple[str, int, int, int]] = []  # (block kind, depth, heading level, line)
        self._pending: tuple[str, int, int] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        if values.get("id"):
            self.ids[values["id"]] = tag
        classes = (values.get("class") or "").split()
        depth = next((int(m.group(1)) for c in classes if (m := DEPTH.match(c))), None)
        if depth is not None and not HEADING.match(tag):
            self._pending = (classes[0], depth, line)
        if (match := HEADING.match(tag)):
            self.headings.append((int(match.group(1)), line, values.get("id") or ""))
            if self._pending:
                kind, block_depth, _ = self._pending
                self.depths.append((kind, block_depth, int(match.group(1)), line))
                self._pending = None
        labelled = values.get("aria-labelledby") or values.get("aria-label") is not None
        if (tag == "section" and labelled) or values.get("role") == "region":
            self.regions.append((line, values.get("aria-labelledby") or ""))
        if "lang" in values:
            self.langs.append((line, tag, values["lang"] or ""))

    handle_startendtag = handle_starttag


@pytest.fixture(scope="module")
def outlines(built_site) -> dict[str, _Outline]:
    root = Path(built_site.out)
    result = {}
    for rel in html_pages(root):
        parser = _Outline()
        parser.feed((root / rel).read_text(encoding="utf-8"))
        parser.close()
        result[rel] = parser
    return result


def test_headings_start_at_h1_and_never_skip_a_level(outlines):
    problems = []
    for rel, page in outlines.items():
        if not page.headings:
            problems.append(f"site/{rel}: no headings")
            continue
        if page.headings[0][0] != 1:
            problems.append(f"site/{rel}:{page.headings[0][1]}: the first heading is h{page.headings[0][0]}, not h1")
        for (before, _, _), (level, line, hid) in zip(page.headings, page.headings[1:]):
            if level > before + 1:
                problems.append(f"site/{rel}:{line}: h{level}{' #' + hid if hid else ''} follows h{before}")
    assert not problems, "heading outline:\n" + "\n".join(problems)


def test_nested_blocks_have_nested_headings(outlines):
    problems, seen = [], 0
    for rel, page in outlines.items():
        base: dict[str, int] = {}
        for kind, depth, level, line in page.depths:
            seen += 1
            expected = min(base.setdefault(kind, level - depth) + depth, 6)
            if level != expected:
                problems.append(f"site/{rel}:{line}: .{kind}.depth-{depth} is headed by h{level}, expected h{expected}")
    assert seen, "no depth-N blocks with headings found: has the markup changed?"
    assert not problems, "nesting is not in the heading levels:\n" + "\n".join(problems)


def test_region_landmarks_are_the_main_parts_only(outlines):
    problems = []
    for rel, page in outlines.items():
        for line, labelledby in page.regions:
            tag = page.ids.get(labelledby.split()[0]) if labelledby else None
            if tag not in ("h1", "h2"):
                problems.append(f"site/{rel}:{line}: region landmark labelled by {tag or labelledby or 'aria-label'}; "
                                "label only the page's main parts (h1/h2), leave deeper sections unlabelled")
    assert not problems, "\n".join(problems)


def test_chinese_text_names_its_script(outlines):
    problems = []
    for rel, page in outlines.items():
        for line, tag, lang in page.langs:
            if lang.lower().startswith("zh") and not SCRIPT_TAG.match(lang):
                problems.append(f"site/{rel}:{line}: <{tag} lang={lang!r}>: use zh-Hans or zh-Hant")
    assert not problems, "\n".join(problems)


def test_quotations_of_the_source_carry_its_script(built_site):
    """Portal metadata and corrections quote the source as published: zh-Hant for a
    traditional-script source, zh-Hans otherwise (English pages state the script)."""
    root = Path(built_site.out)
    script_re = re.compile(r"<dt>Script as published</dt><dd>(traditional|simplified|unknown)\b")
    quote_re = re.compile(r'<(dl class="facts portal"|del|ins) lang="([^"]+)"')
    checked, problems = 0, []
    for rel in html_pages(root):
        if not rel.startswith("en/documents/"):
            continue
        html = (root / rel).read_text(encoding="utf-8")
        script = script_re.search(html)
        assert script, f"site/{rel}: no 'Script as published' fact"
        want = "zh-Hant" if script.group(1) == "traditional" else "zh-Hans"
        for page_rel in (rel, "zh/" + rel[len("en/"):]):
            for match in quote_re.finditer((root / page_rel).read_text(encoding="utf-8")):
                checked += 1
                if match.group(2) != want:
                    problems.append(f"site/{page_rel}: <{match.group(1)} lang={match.group(2)!r}>, expected {want}")
    assert checked, "no portal metadata or corrections found on any document page"
    assert not problems, "\n".join(problems)
