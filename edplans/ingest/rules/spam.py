"""cut_spam_tail: SEO spam injected after the real end of a page, cut to the end.

A spam line has no sentence in it and either carries a known marker (蜘蛛池…)
or is a long list of short items separated by '|'. (A plan may well mention a
"站群", a cluster of websites, inside a sentence: that is not spam.) Only the last third of a document is
searched, so a table-like line in the body is never mistaken for spam."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line

SPAM_MARKERS = re.compile(r"蜘蛛池|外链代发|seo优化", re.IGNORECASE)
SENTENCE_END = re.compile(r"[。！？]")


def is_spam_line(text: str) -> bool:
    simplified = to_simplified(text)
    if SENTENCE_END.search(simplified):
        return False
    if SPAM_MARKERS.search(simplified):
        return True
    items = [item for item in re.split(r"[|｜]", simplified) if item.strip()]
    if len(items) < 8:
        return False
    return sum(len(item.strip()) for item in items) / len(items) < 25


def cut_spam_tail(ctx: Context, lines: list[Line]) -> list[Line]:
    first_candidate = len(lines) * 2 // 3
    for index in range(first_candidate, len(lines)):
        if is_spam_line(lines[index].text):
            # The block may have begun before the searched part: walk back over it.
            while index > 0 and (is_spam_line(lines[index - 1].text) or not lines[index - 1].text.strip()):
                index -= 1
            while not lines[index].text.strip():
                index += 1
            for line in lines[index:]:
                ctx.changed(line.start, line.text, None, "spam tail after the end of the document")
            return lines[:index]
    return lines
