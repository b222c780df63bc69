"""normalise_whitespace: no-break and ideographic spaces become spaces; spaces
between two Chinese characters go (they are scrape artefacts, Chinese has none);
runs collapse; lines are trimmed. Spaces between Latin words stay."""
from __future__ import annotations

import re

from ..script import CJK, CJK_PUNCT
from ..state import Context, Line, map_text

_CHINESE = f"[{CJK}{CJK_PUNCT}]"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BETWEEN_CHINESE = re.compile(rf"(?<={_CHINESE}) (?={_CHINESE})")
_AROUND_CHINESE_PUNCT = re.compile(rf" (?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}]) ")


def normalise(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    text = _BETWEEN_CHINESE.sub("", text)
    return _AROUND_CHINESE_PUNCT.sub("", text)


def normalise_whitespace(ctx: Context, lines: list[Line]) -> list[Line]:
    return map_text(ctx, lines, normalise, "whitespace normalised")
