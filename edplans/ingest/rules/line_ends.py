"""normalise_line_ends: drop carriage returns and the zero-width characters scrapes carry, and
show control characters and noncharacters (ESC, BEL, U+FFFE …) as visible code points,
`[U+001B]`, as bidirectional controls are shown on pages: the source is never edited, and
such a character must never reach a page, a JSON or a CSV file raw (issue 16)."""
from __future__ import annotations

import re

from ...controls import visible
from ..state import Context, Line, map_text

_INVISIBLE = re.compile("[\r\u200b\u200c\u200d\u2060\ufeff]")


def normalise_line_ends(ctx: Context, lines: list[Line]) -> list[Line]:
    lines = map_text(ctx, lines, lambda text: _INVISIBLE.sub("", text),
                     "carriage return or zero-width character removed")
    return map_text(ctx, lines, visible, "control character shown as its code point")
