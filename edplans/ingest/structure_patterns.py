"""Heading patterns shared by cleaning (which must not join or lift headings) and structure."""
from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十百零〇"

PART = re.compile(rf"^([{CN_NUM}]+)、\s*(.*)$")                     # 一、
SUBSECTION = re.compile(rf"^[（(]([{CN_NUM}]+)[)）]\s*(.*)$")        # (一)
ITEM = re.compile(r"^(\d{1,3})[.．、]\s*(?!\d)(.*)$")                 # 1.  (not 1.5)
BOX = re.compile(rf"^重点(?:工程|项目|任务)([{CN_NUM}]+)\s*[:：]\s*(.*)$")  # 重点工程一:

HEADING_PATTERNS = (("part", PART), ("subsection", SUBSECTION), ("box", BOX), ("item", ITEM))


def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (up to 99 is all plans need)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + digits.get(char, 0)
    return value


def match_heading(text: str) -> tuple[str, int, str] | None:
    """(kind, number, rest) for a numbered heading line, in simplified script."""
    for kind, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            raw = match.group(1)
            number = int(raw) if raw.isdigit() else chinese_numeral(raw)
            return kind, number, match.group(2)
    return None


def is_structural_heading(text: str) -> bool:
    return match_heading(text.strip()) is not None
