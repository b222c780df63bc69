"""The editors' Markdown pages (content/pages/<name>.<lang>.md): rendered with raw HTML off,
refusing what a page must not carry — control characters, and images from another host
(nothing on the site loads from another host; a link to it is fine). A file that matches no
page and language is named, not ignored (issue 16)."""
from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..controls import HINT as CONTROL_HINT, first_control
from ..errors import ErrorCollector
from ..textfile import read_text

MARKDOWN_PAGES = ("about",)
_ELSEWHERE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")   # a scheme, or another host


def _markdown() -> MarkdownIt:
    # commonmark with raw HTML disabled: editors' Markdown can never inject markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _images_elsewhere(md: MarkdownIt, text: str) -> list[tuple[int, str]]:
    """(line, address) of every image whose address is not a path on this site."""
    found = []
    for block in md.parse(text):
        for token in block.children or ():
            if token.type == "image" and _ELSEWHERE.match(token.attrGet("src") or ""):
                found.append(((block.map[0] + 1) if block.map else 1, token.attrGet("src")))
    return found


def render_pages(content: Path, languages: tuple[str, ...], errors: ErrorCollector) -> dict[tuple[str, str], str]:
    md = _markdown()
    rendered = {}
    sources = sorted({"zh" if lang == "zh-hant" else lang for lang in languages})
    for name in MARKDOWN_PAGES:
        for lang in languages:
            source_lang = "zh" if lang == "zh-hant" else lang   # converted with the page (s2tw)
            path = content / "pages" / f"{name}.{source_lang}.md"
            display = f"content/pages/{name}.{source_lang}.md"
            if not path.exists():
                errors.add(display, "is missing", hint=f"every language needs its {name} page")
                continue
            text, _, err = read_text(path, display)
            if err:
                errors.extend([err])
                continue
            control = first_control(text)
            if control:
                errors.add(display, f"contains the character {control[1]}", line=control[0], hint=CONTROL_HINT)
                continue
            elsewhere = _images_elsewhere(md, text)
            for line, src in elsewhere:
                errors.add(display, f"image from another address ({src[:80]!r}): the site loads nothing from "
                           "another host", line=line,
                           hint="put the image in static/ and give its path, or make it a link: [text](address)")
            if not elsewhere:
                rendered[(name, lang)] = md.render(text)
    expected = {f"{name}.{lang}.md" for name in MARKDOWN_PAGES for lang in sources}
    folder = content / "pages"
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if path.name not in expected:
            errors.add(f"content/pages/{path.name}", "matches no page and language, so it would not be published",
                       hint=f"name it <page>.<language>.md with a page of {', '.join(MARKDOWN_PAGES)} and a "
                            f"language of {', '.join(sources)}")
    return rendered
