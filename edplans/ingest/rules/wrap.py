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
LATIN_END = re.compile(r"[A-Za-z0-9]$")
LATIN_START = re.compile(r"^[A-Za-z0-9]")


def _heading(text: str) -> bool:
    # Heading patterns look at the first few characters only; converting a long
    # joined paragraph on every join would make wrapped documents quadratic.
    return is_structural_heading(to_simplified(text[:16]))


def joins_next(current: str, following: str) -> bool:
    """Whether `following` continues the paragraph `current` stopped in the middle of."""
    current, following = current.strip(), following.strip()
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
        if previous is not None and previous.end == line.start - 1 and joins_next(previous.text, line.text):
            head, tail = previous.text.rstrip(), line.text.lstrip()
            # Chinese joins directly; two Latin words keep the space the break stood for.
            joined = head + (" " if LATIN_END.search(head) and LATIN_START.match(tail) else "") + tail
            ctx.changed(previous.start, previous.text + "\n" + line.text, joined, "hard-wrapped line joined")
            # Record it at the joined line's own number too: later rules change its text there.
            ctx.changed(line.start, line.text, joined, f"joined onto line {previous.start}")
            breaks = previous.breaks + ((len(joined) - len(tail), line.start),)
            out[-1] = Line(previous.start, line.end, joined, breaks)
        elif line.text.strip():
            out.append(line)
    return out
