"""join_wrapped_lines: text copied from PDFs breaks lines inside sentences.

Blank lines and headings always end a paragraph. Otherwise a line joins the next
when it stops mid-sentence (no closing punctuation) and is long enough to have
been wrapped, or when the next line starts with punctuation that cannot open one."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line
from ..structure_patterns import is_structural_heading

PARAGRAPH_END = re.compile(r"[。！？；：…”’》）」』!?;:)]$")
CANNOT_START = re.compile(r"^[，、。；：！？）》”’,.;:!?)]")
MIN_WRAPPED_LENGTH = 20


def _heading(text: str) -> bool:
    # Heading patterns look at the first few characters only; converting a long
    # joined paragraph on every join would make wrapped documents quadratic.
    return is_structural_heading(to_simplified(text[:16]))


def _joins(current: str, following: str) -> bool:
    if not current or not following:
        return False
    if _heading(following) or _heading(current):
        return False
    if CANNOT_START.match(following):
        return True
    return not PARAGRAPH_END.search(current) and len(current) >= MIN_WRAPPED_LENGTH


def join_wrapped_lines(ctx: Context, lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if previous is not None and previous.end == line.start - 1 and _joins(previous.text, line.text):
            joined = previous.text + line.text
            ctx.changed(previous.start, previous.text + "\n" + line.text, joined, "hard-wrapped line joined")
            out[-1] = Line(previous.start, line.end, joined)
        elif line.text:
            out.append(line)
    return out
