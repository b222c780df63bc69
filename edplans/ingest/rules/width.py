"""normalise_width: one form for each character.

Full-width Latin letters, digits and %+-./ become half-width (２０２５ -> 2025);
ASCII punctuation touching Chinese text becomes the full-width form Chinese
typesetting uses (`一年,也是` -> `一年，也是`, `(2023—2025年)` -> `（2023—2025年）`)."""
from __future__ import annotations

import re

from ..script import CJK, CJK_PUNCT
from ..state import Context, Line, map_text

_FULL_TO_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)
                 if chr(c - 0xFEE0).isalnum() or chr(c - 0xFEE0) in "%+-./=<>~@#&*_"}
_FULL_TO_HALF["\u3000"] = " "
_FULL_TO_HALF_TABLE = str.maketrans(_FULL_TO_HALF)
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_TO_FULL_TABLE = str.maketrans(_HALF_TO_FULL)
_CHINESE = f"[{CJK}{CJK_PUNCT}]"
# An ASCII punctuation mark with Chinese on either side (digits alone do not count: 1,000 / 16:51).
_SPACED = re.compile(rf"(?<={_CHINESE})([ \u00a0\u3000]+)([,:;!?]+)(?=[ \u00a0\u3000]*{_CHINESE})")
_TOUCHING = re.compile(rf"(?<={_CHINESE})[,:;!?()]+|[,:;!?()]+(?={_CHINESE})")
# Most lines hold none of these marks: one quick search spares the lookarounds above, which
# test every character of the line.
_MARK = re.compile(r"[,:;!?()]")


def normalise(text: str) -> str:
    text = text.translate(_FULL_TO_HALF_TABLE)
    if not _MARK.search(text):
        return text
    text = _TOUCHING.sub(lambda m: m.group(0).translate(_HALF_TO_FULL_TABLE), text)
    # A mark set off by spaces still belongs to the Chinese beside it (加强教育 , 推进).
    text = _SPACED.sub(lambda m: m.group(1) + m.group(2).translate(_HALF_TO_FULL_TABLE), text)
    # A pair like (2023—2025年): convert both halves when either touches Chinese.
    text = re.sub(r"（([^（）()]*)\)", r"（\1）", text)
    text = re.sub(r"\(([^（）()]*)）", r"（\1）", text)
    return text


def normalise_width(ctx: Context, lines: list[Line]) -> list[Line]:
    return map_text(ctx, lines, normalise, "width normalised")
