"""drop_pinyin: a converter appended tone-marked pinyin after some characters
(`規(guī)劃`). Remove a parenthesis only when all it holds is one valid pinyin
syllable with a tone mark, so `(2023—2025年)`, `(市、區)` and `(STEAM)` stay."""
from __future__ import annotations

import re
import unicodedata

from ..state import Context, Line, map_text

_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un|ün|"
          "ia|ie|iu|ua|uo|ui|üe|ue|er|a|o|e|i|u|ü)")
SYLLABLE = re.compile(f"^{_INITIAL}?{_FINAL}$")
TONE_MARKS = {"\u0304", "\u0301", "\u030c", "\u0300"}  # ā á ǎ à
CANDIDATE = re.compile(r"(?<=\S)\(([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)")


def is_toned_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) != 1:
        return False
    # Strip tone marks but keep the diaeresis of ü.
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return bool(SYLLABLE.match(bare))


def remove_pinyin(text: str) -> str:
    return CANDIDATE.sub(lambda m: "" if is_toned_syllable(m.group(1)) else m.group(0), text)


def drop_pinyin(ctx: Context, lines: list[Line]) -> list[Line]:
    return map_text(ctx, lines, remove_pinyin, "pinyin annotation removed")
