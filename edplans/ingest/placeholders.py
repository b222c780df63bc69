"""Placeholders: what anonymised or unfinished copies write where a number or a name belongs
(完成x所, 覆盖率达到xx%, 投入xx万元, “xxxx”工程, xx市, XX县; also X, ×, full-width ｘ, and runs of
＊ or ○). They hold no digit, so numbers.py reads no value from them; flag_suspicious flags them
for `build.py check`, a target quoting one is an error (annotate/merge.py), and the document
page marks them (render/views.py).

A run of placeholder letters counts only where it stands for something, told by its neighbours:
- a *number* before a unit, a percent sign, 万/亿/千/百, 余/多 or a date word (x所, xx%, xx万元,
  xxxx年), or with a decimal point inside (x.x%);
- a *name* before a place or body suffix (xx市, XX县, xx学校, xx局) or filling quotation marks or
  a title (“xxxx”工程, 《xx》);
- two or more letters between Chinese text are a placeholder too (a name, failing a unit).
Never a placeholder: letters glued to Latin letters, digits, `+` (XXL, x86, 1+X, 3×4), and a
single X that is part of a word (X光, X射线: no unit or suffix follows). A placeholder place name
is an unknown jurisdiction: the project takes jurisdictions from document.yaml, never from the
text, so it is only flagged, and never read as a number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import UNITS

LETTERS = "xX×ｘＸ"
# A run of placeholder letters (with a decimal point: x.x), or of ＊ or ○, not glued to Latin
# letters, digits or + on either side.
RUN = re.compile(rf"(?<![A-Za-z0-9+＋.．])(?:[{LETTERS}]{{1,8}}(?:[.．][{LETTERS}]{{1,4}})?|[＊*]{{2,8}}|○{{2,8}})"
                 rf"(?![A-Za-z0-9+＋])")
ANY = re.compile(f"[{LETTERS}＊*○]")
NUMBER_AFTER = tuple(UNITS) + tuple("%％‰万亿千百余多年月日号")
NAME_AFTER = ("市", "县", "区", "省", "镇", "乡", "村", "街道", "州", "盟", "旗", "学校", "中学", "小学",
              "幼儿园", "学院", "大学", "局", "委", "厅", "办", "同志", "公司", "社区", "路")
OPENING, CLOSING = "“《「‘\"", "”》」’\""
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“”‘’《》「」（）、，。：；！？]")
CHINESE_DIGITS = set("〇零一二三四五六七八九十○")


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str
    kind: str          # number | name


def _kind(text: str, start: int, end: int) -> str | None:
    run = text[start:end]
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    if run[0] == "○" and (before in CHINESE_DIGITS or after in CHINESE_DIGITS):
        return None                     # 二○○五年: a misprinted 〇 in a year, not a placeholder
    if before and not CJK.match(before) and before not in " \u3000":
        return None                     # inside Latin text or after a symbol
    rest = text[end:end + 8].lstrip(" \u3000")[:4]     # xx 所: a space may stand between
    if "." in run or "．" in run or rest.startswith(NUMBER_AFTER):
        return "number"
    if rest.startswith(NAME_AFTER) or (before in OPENING and after in CLOSING):
        return "name"
    if len(run) >= 2 and (not after or CJK.match(after)) and (not before or CJK.match(before)):
        return "name"
    return None


def placeholders(text: str) -> list[Placeholder]:
    """Every placeholder in a Chinese text, in order."""
    if not ANY.search(text):
        return []
    found = []
    for match in RUN.finditer(text):
        kind = _kind(text, match.start(), match.end())
        if kind:
            found.append(Placeholder(match.start(), match.end(), match.group(0), kind))
    return found


# In an English translation: a run of two or more x (build xx schools), x.x (a rate of x.x%), or a
# lone x between words (build x schools), never next to a digit (3 x 4) or inside a word.
EN_RUN = re.compile(r"(?<![\w+\-.])(?:[xX×]{1,4}\.[xX×]{1,4}|[xX×]{2,8}|(?<=\s)[x×](?=\s+[a-z]))(?![\w+\-])")


def placeholders_en(text: str) -> list[Placeholder]:
    if not ANY.search(text):
        return []
    return [Placeholder(m.start(), m.end(), m.group(0), "number") for m in EN_RUN.finditer(text)
            if not re.search(r"\d\s*$", text[:m.start()])]
