"""Chinese inside English, marked with its language: a name or a slogan quoted in a
translator's note, the about page, a glossary definition. Done once over the finished page,
so every template and every content field gets it: each run of Han characters in text whose
language is English becomes <span lang="zh-Hans"> (zh-Hant on the traditional edition, and for a run written in traditional characters).

The page is this site's own output (escaped, raw HTML off in Markdown), so a tag scanner is
enough: it follows `lang` down the element tree and leaves alone what cannot hold an element
(<title>, <script>, <style>, <textarea>, <option>) and every attribute; `check` reports
English content written there with Chinese in it (annotate/consistency.py)."""
from __future__ import annotations

import re

from ..ingest.script import to_simplified

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
                     r"(?:[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3000-\u303f\uff01-\uff60“”‘’·—…]*"
                     r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3001\u3002\u300b\u300d\u300f\uff09”’])?")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# This site's own output escapes ">" in attribute values (Jinja, markupsafe, html.escape), so a
# tag ends at the first ">" (the quoted-value alternation cost a fifth of the time)
TAG = re.compile(r"<!--.*?-->|<!DOCTYPE[^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)
LANG_ATTR = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
RAW = frozenset(("script", "style", "textarea", "title", "option"))
ROOT_LANG = re.compile(r"<html[^>]*?\slang=[\"']?([^\"'\s>]*)", re.I)
# the start tag of an element in English (not hreflang=: a space before lang)
EN_START = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?\slang=["']?en\b[^>]*>""")


def mark_chinese(html: str, zh_tag: str) -> str:
    """The page with every Han run in English text wrapped in a span carrying `zh_tag`."""
    if not HAN.search(html) or not re.search(r"""lang=["']?en""", html):
        return html                                 # no Chinese, or no English to hold it
    marks: list[tuple[int, int, str]] = []
    root = ROOT_LANG.search(html)
    if root is None or root.group(1).lower().startswith("en"):
        _mark(html, 0, [("", "")], 0, marks, zh_tag)
    else:
        # A Chinese page: only its English elements (a language button, a quoted translation)
        # hold English text, each scanned from its start tag to its end.
        position = 0
        for found in EN_START.finditer(html):
            if found.start() < position or found.group(1).lower() in VOID:
                continue                            # inside an English element done already
            position = _mark(html, found.end(), [("", ""), (found.group(1).lower(), "en")], 1, marks, zh_tag)
    if not marks:
        return html
    out, position = [], 0
    for start, end, span in marks:
        out.append(html[position:start])
        out.append(span)
        position = end
    out.append(html[position:])
    return "".join(out)


def _mark(html: str, position: int, stack: list[tuple[str, str]], stop: int,
          marks: list[tuple[int, int, str]], zh_tag: str) -> int:
    """Follow the elements of `html` from `position`, adding to `marks` (start, end, span) each
    Han run in English text, until an end tag brings `stack` (each open element: name,
    language) down to `stop` elements (or the end). Returns where it stopped.

    The runs are found over the page at once, not text by text: a run holds no `<` or `>`, so
    it lies in one text, a tag or raw content, and only those in text are marked. Most text of
    an English page has no Chinese; its tags are followed, its text never looked at."""
    runs = HAN_RUN.finditer(html, position)
    run = next(runs, None)
    if run is None:
        return len(html)                     # after the last run there is nothing to mark
    run_start = run.start()
    lang_attr, void, raw = LANG_ATTR.search, VOID, RAW
    english = stack[-1][1].startswith("en")
    # finditer gives what searching again from each tag's end would; it starts anew after
    # raw content. The runs are compared with a tag's end, its start looked up only when a
    # run comes before that end (a few times a page).
    tags = TAG.finditer(html, position)
    while True:
        match = next(tags, None)
        if match is None:
            return len(html)                     # text after the last tag is left as it is
        tag_end = match.end()
        if run_start < tag_end:
            text_end = match.start()
            while run_start < tag_end:
                if english and position <= run_start < text_end:
                    marks.append((run_start, run.end(), _span(run.group(0), zh_tag)))
                run = next(runs, None)
                if run is None:
                    return len(html)
                run_start = run.start()
        position = tag_end
        closing, name, attributes = match.groups()
        if not name:
            continue                             # a comment or the doctype
        name = name.lower()
        if name in void or attributes and (attributes[-1] == "/" or attributes[-1].isspace()) \
                and attributes.rstrip().endswith("/"):
            continue
        if closing:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    english = stack[-1][1].startswith("en")
                    break
            if len(stack) <= stop:
                return position
        elif name in raw:                            # its content verbatim, up to its end tag
            end = re.compile(f"</{name}", re.I).search(html, position)
            position = end.start() if end else len(html)
            tags = TAG.finditer(html, position)
        else:
            found = lang_attr(attributes) if "lang" in attributes else None
            if found:
                lang = next(g for g in found.groups() if g is not None).lower()
                english = lang.startswith("en")
            else:
                lang = stack[-1][1]
            stack.append((name, lang))


def _span(run: str, zh_tag: str) -> str:
    # a run written in traditional characters on a simplified page says so (繁體中文)
    tag = "zh-Hant" if zh_tag == "zh-Hans" and to_simplified(run) != run else zh_tag
    return f'<span lang="{tag}">{run}</span>'
