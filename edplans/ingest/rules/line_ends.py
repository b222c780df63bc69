"""normalise_line_ends: drop carriage returns and the zero-width characters scrapes carry."""
from __future__ import annotations

import re

from ..state import Context, Line, map_text

_INVISIBLE = re.compile("[\r\u200b\u200c\u200d\u2060\ufeff]")


def normalise_line_ends(ctx: Context, lines: list[Line]) -> list[Line]:
    return map_text(ctx, lines, lambda text: _INVISIBLE.sub("", text),
                    "carriage return or zero-width character removed")
