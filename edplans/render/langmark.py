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
    root = ROOT_LANG.search(html)
    if root is None or root.group(1).lower().startswith("en"):
        out: list[str] = []
        end = _mark(html, 0, [("", "")], 0, out, zh_tag)
        out.append(html[end:])
        return "".join(out)
    # A Chinese page: only its English elements (a language button, a quoted translation) hold
    # English text, each scanned from its start tag to its end; the rest is copied as it is.
    out, position = [], 0
    for found in EN_START.finditer(html):
        if found.start() < position or found.group(1).lower() in VOID:
            continue                                # inside an English element done already
        out.append(html[position:found.start()])
        out.append(found.group(0))
        position = _mark(html, found.end(), [("", ""), (found.group(1).lower(), "en")], 1, out, zh_tag)
    out.append(html[position:])
    return "".join(out)


def _mark(html: str, position: int, stack: list[tuple[str, str]], stop: int, out: list[str], zh_tag: str) -> int:
    """Copy `html` from `position` into `out`, marking Han runs in English text, until an end
    tag brings `stack` (each open element: name, language) down to `stop` elements (or the
    end). Returns where it stopped."""
    def span(match: re.Match) -> str:
        run = match.group(0)
        # a run written in traditional characters on a simplified page says so (繁體中文)
        tag = "zh-Hant" if zh_tag == "zh-Hans" and to_simplified(run) != run else zh_tag
        return f'<span lang="{tag}">{run}</span>'
    while (match := TAG.search(html, position)) is not None:
        text = html[position:match.start()]
        if text and stack[-1][1].startswith("en") and HAN.search(text):
            text = HAN_RUN.sub(span, text)
        out.append(text)
        out.append(match.group(0))
        position = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name or name in VOID or match.group(3).rstrip().endswith("/"):
            continue
        if closing:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
            if len(stack) <= stop:
                return position
        elif name in RAW:                            # its content verbatim, up to its end tag
            end = re.compile(f"</{name}", re.I).search(html, position)
            out.append(html[position:end.start() if end else len(html)])
            position = end.start() if end else len(html)
        else:
            found = LANG_ATTR.search(match.group(3))
            lang = next(g for g in found.groups() if g is not None).lower() if found else stack[-1][1]
            stack.append((name, lang))
    out.append(html[position:])
    return len(html)
