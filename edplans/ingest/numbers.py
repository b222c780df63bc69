"""Numbers in Chinese policy prose: find them, and the numeric statements an editor must
either annotate as a target or dismiss with `not_a_target:`.

Works on the canonical text (simplified script, ASCII digits after normalise_width). Reading one
numeral (一万五千, 零点五, 1.13万, 二〇二五) is numerals.py's; values are exact Decimals.
A *quantity* is a number the text states: a numeral with what follows it (unit, 余/多), a range
in either script (3-5所, 三至五所, 2—3万人, 80%—90%, 百分之八十至九十), a percent or per-mille word
(百分之九十五点五, 千分之三) and the comparator words around it (不少于…, …以上).
Not quantities, because they do not state a number:
- numeral characters inside words and idioms (一心一意, 三心二意, 万一, 一些, 十分 as "very",
  千万 as "by all means", 一流, 统一): a one-character Chinese numeral counts only with a unit,
  a measure or date word, a range or a comparator after or before it; and the idioms whose
  numeral does stand before a measure word (三位一体, 一次性, 一校一策) are listed in NOT_NUMBERS;
- 十四五, 十三五 (plan names, see numerals.py), 三五 (an approximation);
- placeholders (x所, xx%, “xxxx”工程: placeholders.py), which hold no digit at all.
A *candidate* is a quantity that states an amount: it carries a unit or measure word (`20所`,
`1.13万个`, `85%`, `2—3家`, `百分之九十`) or a comparator (`不少于…`). Deliberately not candidates,
because they never state a commitment:
- years and dates (`2024年`, `2023—2025年`) and ordinals (`第40个`);
- a lone 一 (`一批`, `一所`: the indefinite article "a", not the number one);
- numbers inside short quoted names (`“三名工程”`, `“1+1+N”`, `“五个一”`);
- numbers glued to Latin letters or `+` (`5G`, `1+X`, `3D`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numerals import ARABIC_NUMBER, BARE_MULTIPLIER, CHINESE_NUMBER, parse_number

# Longest first, so 人次 wins over 人 and 万元 over 万.
UNITS = sorted(set("""个 所 名 人次 人 位 项 家 支 门 类 条 座 处 次 批 期 班 节 篇 本 册 套 台 间 张 部 场
元 万元 亿元 平方米 亩 公顷 公里 千米 米 课时 学时 小时 分钟 户 件 校 园 倍 个百分点 百分点 %
‰ 种 颗 块 辆 对 组 队 床 门次 人天""".split()), key=len, reverse=True)
UNIT = "|".join(re.escape(u) for u in UNITS)
NUMBER = f"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER}|{BARE_MULTIPLIER})"
RANGE_SEP = r"[-—–~～至到]"
BEFORE = r"(?P<before>不少于|不低于|不超过|不高于|至少|超过|高于|低于|达到|达|约|近|力争)?"
AFTER = r"(?P<after>及以上|以上|以内|以下|左右|之内)?"
PERCENT_WORD = r"(?P<pct_word>百分之|千分之)"
# 百分之百: the only percent word whose number is a bare 百.
PERCENT_NUMBER = f"(?:{NUMBER}|百(?![分万亿]))"
SINGLE = (r"(?P<low>" + NUMBER + r")(?P<more>余|多)?(?P<unit>" + UNIT + r")?")
CANDIDATE = re.compile(
    BEFORE
    + r"(?:" + PERCENT_WORD + r"(?P<pct>" + PERCENT_NUMBER + r")"
    + r"(?:" + RANGE_SEP + r"(?:百分之|千分之)?(?P<pct_high>" + PERCENT_NUMBER + r"))?"
    + r"|(?P<low>" + NUMBER + r")(?:(?P<unit1>" + UNIT + r")?" + RANGE_SEP + r"(?P<high>" + NUMBER + r"))?"
    + r"(?P<more>余|多)?(?P<unit>" + UNIT + r")?)"
    + AFTER)
# The same without a range: what a match whose two halves name different units falls back to.
SINGLE_CANDIDATE = re.compile(BEFORE + SINGLE + AFTER)
# Words and idioms whose numeral characters stand before a unit-like character but state no
# number (the lone-numeral rule in _stated already refuses 一心一意, 一些, 万一, 十分重要 …).
NOT_NUMBERS = re.compile(
    r"三位一体|一次性|一条龙|一对一|一门心思|一点一滴|一五一十|九牛一毛|一刀切|一揽子|独一无二|"
    r"一举两得|两全其美|三令五申|一模一样|"
    # 十分 ("very") and 千万 ("by all means") unless a numeral comes before (五十分, 一千万所).
    r"(?<![零〇一二两三四五六七八九十百千万亿])(?:十分(?!钟)|千万(?![元人个名册台套亩]))|"
    r"一[\u4e00-\u9fff]一[策品档案表码卡岗课师特]")   # 一校一策, 一人一档: one each, not a count
# After a one-character Chinese numeral, what makes it a count: a date or measure word (units
# are matched by the pattern itself). Not 样, 层, 段 or 点: 一样 (alike), 更上一层, 一段时间,
# 提高一点 (a little) are words.
MEASURE_AFTER = set("年月日号周天岁届级轮遍")
COMPARATOR_WORDS = {"不少于": "≥", "不低于": "≥", "至少": "≥", "超过": "≥", "高于": "≥", "力争": None,
                    "不超过": "≤", "不高于": "≤", "低于": "≤", "约": "≈", "近": "≈", "达到": None, "达": None,
                    "及以上": "≥", "以上": "≥", "以内": "≤", "以下": "≤", "之内": "≤", "左右": "≈",
                    "余": "≥", "多": "≥"}
QUOTED_NAME = re.compile(r"“[^”]{1,12}”|《[^》]{1,40}》")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    low: Decimal | None
    high: Decimal | None        # equals low unless a range
    unit: str | None
    comparator: str | None      # ≥ ≤ ≈, or None for "exactly" / not stated
    percent: bool

    @property
    def values(self) -> tuple[Decimal, ...]:
        return tuple(v for v in dict.fromkeys((self.low, self.high)) if v is not None)


def _range(low_text: str, high_text: str) -> tuple[Decimal | None, Decimal | None]:
    """2-3万, 二至三万: the 万 or 亿 written once, after the high end, scales the low end too
    (20000..30000), unless the low end has its own or is already the larger number (5000-1万)."""
    low, high = parse_number(low_text), parse_number(high_text)
    suffix = re.search(r"[万亿]+$", high_text)
    arabic = low_text[0].isdigit()
    own = re.search(r"[万亿千百]" if arabic else r"[万亿]", low_text)
    if low is not None and suffix and not own and arabic == high_text[0].isdigit():
        bare_high = parse_number(high_text[: suffix.start()])
        if bare_high is not None and low <= bare_high:
            low = parse_number(low_text + suffix.group(0))
    return low, high


def _quantity(match: re.Match) -> Quantity | None:
    g = match.groupdict()
    if g.get("pct"):
        low = Decimal(100) if g["pct"] == "百" else parse_number(g["pct"])
        high = low
        if g.get("pct_high"):
            high = Decimal(100) if g["pct_high"] == "百" else parse_number(g["pct_high"])
        unit, percent = ("‰" if g["pct_word"] == "千分之" else "%"), True
    else:
        low, high = _range(g["low"], g["high"]) if g.get("high") else (parse_number(g["low"]),) * 2
        unit = g["unit"]
        percent = unit in ("%", "‰")
    if low is None or high is None:
        return None
    comparator = None
    for word in (g["before"], g["more"], g["after"]):
        if word and COMPARATOR_WORDS.get(word):
            comparator = COMPARATOR_WORDS[word]
    return Quantity(match.start(), match.end(), match.group(0), low, high, unit, comparator, percent)


def _stated(match: re.Match, text: str) -> bool:
    """A lone one-character Chinese numeral is a number only with something that counts it:
    一所, 三年, 不少于五, 三至五 — not 一心一意, 一些, 万一, 十分重要."""
    g = match.groupdict()
    low = g.get("low")
    if not low or low[0].isdigit() or len(low) > 1 or g.get("high") or g.get("unit") or g.get("more"):
        return True
    if g.get("before") or g.get("after"):
        return True
    return text[match.end():match.end() + 1] in MEASURE_AFTER


def quantities(text: str) -> list[Quantity]:
    """Every number in the text with what follows it; no judgement about relevance."""
    masked = [(m.start(), m.end()) for m in NOT_NUMBERS.finditer(text)]
    found, position = [], 0
    while (match := CANDIDATE.search(text, position)) is not None:
        position = max(match.end(), match.start() + 1)
        if not (match.group("low") or match.group("pct")):
            continue
        if match.group("unit1") and match.group("unit1") != match.group("unit"):
            match = SINGLE_CANDIDATE.match(text, match.start())   # 10个至2025年: not a range
            position = max(match.end(), match.start() + 1)
        if any(start < match.end() and match.start() < end for start, end in masked) or not _stated(match, text):
            continue
        quantity = _quantity(match)
        if quantity is not None:
            found.append(quantity)
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
