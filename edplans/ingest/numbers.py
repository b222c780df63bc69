"""Numbers in Chinese policy prose: parse them, and find the numeric statements an
editor must either annotate as a target or dismiss with `not_a_target:`.

Works on the canonical text (simplified script, ASCII digits after normalise_width).
A *candidate* is a number that states a quantity: it carries a unit or measure word
(`20所`, `1.13万个`, `85%`, `2—3家`, `百分之九十`) or a comparator (`不少于…`).
Deliberately not candidates, because they never state a commitment:
- years and dates (`2024年`, `2023—2025年`) and ordinals (`第40个`);
- a lone 一 (`一批`, `一所`: the indefinite article "a", not the number one);
- numbers inside short quoted names (`“三名工程”`, `“1+1+N”`, `“五个一”`);
- numbers glued to Latin letters or `+` (`5G`, `1+X`, `3D`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

# Longest first, so 人次 wins over 人 and 万元 over 万.
UNITS = sorted("""个 所 名 人次 人 位 项 家 支 门 类 条 座 处 次 批 期 班 节 篇 本 册 套 台 间 张 部 场
元 万元 亿元 平方米 亩 公顷 公里 千米 米 课时 学时 小时 分钟 户 件 校 园 倍 个百分点 百分点 %
‰ 种 颗 块 辆 对 组 队 床 册 门次 人天""".split(), key=len, reverse=True)

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN_NUMBER = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
NUMBER = f"(?:{ARABIC}|{CN_NUMBER})"
RANGE_SEP = r"[-—–~～至到]"
BEFORE = r"(?P<before>不少于|不低于|不超过|不高于|至少|超过|高于|低于|达到|达|约|近|力争)?"
AFTER = r"(?P<after>及以上|以上|以内|以下|左右|之内)?"
CANDIDATE = re.compile(
    BEFORE
    + r"(?:(?P<pct_word>百分之)(?P<pct>" + NUMBER + r")"
    + r"|(?P<low>" + NUMBER + r")(?P<big1>[万亿])?(?:" + RANGE_SEP + r"(?P<high>" + NUMBER + r"))?"
    + r"(?P<big>[万亿])?(?P<more>余|多)?(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?)"
    + AFTER)
QUOTED_NAME = re.compile(r"“[^”]{1,12}”|《[^》]{1,40}》")
COMPARATOR_WORDS = {"不少于": "≥", "不低于": "≥", "至少": "≥", "超过": "≥", "高于": "≥", "力争": None,
                    "不超过": "≤", "不高于": "≤", "低于": "≤", "约": "≈", "近": "≈", "达到": None, "达": None,
                    "及以上": "≥", "以上": "≥", "以内": "≤", "以下": "≤", "之内": "≤", "左右": "≈",
                    "余": "≥", "多": "≥"}


def chinese_to_number(text: str) -> int | None:
    """一千二百 → 1200, 十五 → 15, 两 → 2, 二〇二五 → 2025 (digit by digit)."""
    if not text:
        return None
    if all(ch in CN_DIGIT for ch in text) and len(text) > 1:
        return int("".join(str(CN_DIGIT[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            total += (1 if digit is None else digit) * CN_UNIT[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_number(text: str) -> float | None:
    if re.fullmatch(ARABIC, text):
        value = float(text.replace(",", ""))
        return int(value) if value.is_integer() and "." not in text else value
    return chinese_to_number(text)


def _scaled(value: float | None, big: str | None) -> float | None:
    if value is None or not big:
        return value
    scaled = value * CN_BIG[big]
    # 1.13万 → 11300 exactly, not 11299.999…
    return int(round(scaled)) if abs(scaled - round(scaled)) < 1e-6 else scaled


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    low: float | None
    high: float | None          # equals low unless a range
    unit: str | None
    comparator: str | None      # ≥ ≤ ≈, or None for "exactly" / not stated
    percent: bool

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v for v in {self.low, self.high} if v is not None)


def _quantity(match: re.Match) -> Quantity:
    g = match.groupdict()
    if g["pct"]:
        low = high = parse_number(g["pct"])
        unit, percent = "%", True
    else:
        big = g["big"] or g["big1"]
        low = _scaled(parse_number(g["low"]), g["big1"] or g["big"])
        high = _scaled(parse_number(g["high"]), big) if g["high"] else low
        unit = g["unit"]
        percent = unit in ("%", "‰")
    comparator = None
    for word in (g["before"], g["more"], g["after"]):
        if word and COMPARATOR_WORDS.get(word):
            comparator = COMPARATOR_WORDS[word]
    return Quantity(match.start(), match.end(), match.group(0), low, high, unit, comparator, percent)


def quantities(text: str) -> list[Quantity]:
    """Every number in the text with what follows it; no judgement about relevance."""
    found = []
    for match in CANDIDATE.finditer(text):
        if not (match.group("low") or match.group("pct")):
            continue
        found.append(_quantity(match))
    return found


def _is_year(q: Quantity, text: str) -> bool:
    following = text[q.end:q.end + 1]
    return following != "" and following in "年月日" and q.unit is None


def _in_quoted_name(q: Quantity, names: list[tuple[int, int]]) -> bool:
    return any(start < q.start and q.end <= end for start, end in names)


def _glued(q: Quantity, text: str) -> bool:
    before = text[q.start - 1:q.start] if q.start else ""
    after = text[q.end:q.end + 1]
    number_start = q.start + (len(q.text) - len(q.text.lstrip("不少于低超过高至达到约近力争")))
    return (before == "第" or text[number_start - 1:number_start] == "第"
            or bool(re.match(r"[A-Za-z+＋]", after)) or bool(re.match(r"[A-Za-z+＋.]", before)))


def _per_unit(q: Quantity, text: str) -> bool:
    """"One" as a quota: 每学年开设一节公开课 (each year, one lesson), and the items listed after it
    in the same clause (举办一次讲座、指导一名青年教师)."""
    cut = max((m.end() for m in re.finditer(r"[，。；：,;:]", text[:q.start])), default=0)
    return "每" in text[cut:q.start]


def candidates(text: str) -> list[Quantity]:
    """Numeric statements an editor must look at (see the module docstring)."""
    names = [(m.start(), m.end()) for m in QUOTED_NAME.finditer(text)]
    found = []
    for q in quantities(text):
        if q.unit is None and q.comparator is None and not q.percent:
            continue
        if q.unit is None and _is_year(q, text):
            continue
        core = q.text
        if re.fullmatch(r"(?:不少于|不低于|至少|超过|高于|约|近|力争|达到|达)?一[个所名人位项家支门类条座处次批期班节篇本册套台间张部场届种件校园块组队对]?",
                        core) and q.low == 1 and not _per_unit(q, text):
            continue
        if _glued(q, text) or _in_quoted_name(q, names):
            continue
        found.append(q)
    return found
