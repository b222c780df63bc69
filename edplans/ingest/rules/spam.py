"""cut_spam_tail: SEO spam injected after the real end of a page, cut to the end.

A spam line has no sentence in it and either carries a known marker (蜘蛛池…)
or is a long list of short items separated by '|', and no body text may follow it. (A plan may well mention a
"站群", a cluster of websites, inside a sentence: that is not spam.) Only the last third of a document is
searched, so a table-like line in the body is never mistaken for spam."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line
from ..structure_patterns import is_structural_heading

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


MAX_FOOTER_LINE = 20


def _is_body_text(text: str) -> bool:
    simplified = to_simplified(text.strip())
    return bool(SENTENCE_END.search(simplified) or len(simplified) > MAX_FOOTER_LINE
                or is_structural_heading(simplified))


def _only_spam_after(lines: list[Line], index: int) -> bool:
    """A tail is spam only if no body text follows it (footer links may): a table
    row in the body followed by more paragraphs is not a tail."""
    return not any(_is_body_text(line.text) for line in lines[index:] if not is_spam_line(line.text))


def cut_spam_tail(ctx: Context, lines: list[Line]) -> list[Line]:
    text_lines = [i for i, line in enumerate(lines) if line.text.strip()]
    if not text_lines:
        return lines
    first_candidate = text_lines[len(text_lines) * 2 // 3]
    for index in range(first_candidate, len(lines)):
        if is_spam_line(lines[index].text) and _only_spam_after(lines, index):
            # The block may have begun before the searched part: walk back over it.
            while index > 0 and (is_spam_line(lines[index - 1].text) or not lines[index - 1].text.strip()):
                index -= 1
            while not lines[index].text.strip():
                index += 1
            for line in lines[index:]:
                ctx.changed(line.start, line.text, None, "spam tail after the end of the document")
            return lines[:index]
    return lines
