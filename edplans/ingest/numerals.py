"""One numeral, as a plan writes it, to its exact value (a Decimal), or None when it is not a
number. numbers.py finds the numerals in a text; this module only reads one.

Forms read (values exact, never through a float):
- Arabic: 18000, 1,000, 1.13; with a Chinese multiplier: 1.13万 (11300), 3千 (3000), 2.6万,
  7170万 (71700000), 1.16亿, 3千万; and 1万5千 / 1万5 (15000);
- Chinese: 十五, 一百零五, 两千, 一万五千 (15000), 一千零一万一千零一 (10011001), 十万零一 (100001),
  一亿零一 (100000001), 一万亿; 零 for a skipped place; 两 for two;
- colloquial abbreviations: a lone digit after 万, 亿, 千 or 百 counts in the place below it,
  三万五 = 35000, 一万五 = 15000, 一亿五 = 150000000, 两百五 = 250, 一千五 = 1500 (but 一千零五 = 1005);
- decimals with 点: 零点五 (0.5), 九十五点五 (95.5), 一点五万 (15000);
- a year digit by digit: 二〇二五, 二零二五, 一九九八 (four digits, or any run holding 〇).

Refused (None), because the text does not state one number:
- two or three plain digits in a row (三五, 七八: "three or five", an approximation);
- digits with no place between them after a place (十四五, 十三五: the names of the 14th and 13th
  Five-Year Plans, neither 14 nor 145);
- malformed place order (百百, 十百, 一万万).
"""
from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
          "九": 9}
PLACES = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10**4, "亿": 10**8}
# What may multiply an Arabic number (longest first): 3千万, 1.2万, 1.16亿, 3千.
MULTIPLIERS = {"千万": 10**7, "百万": 10**6, "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "万": 10**4,
               "亿": 10**8, "千": 1000, "百": 100}
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# 千米 (kilometres) and 百分点 (percentage points) are units, not 千 and 百 multiplying.
MULTIPLIER = r"(?:千万|百万|万亿|千亿|百亿|万|亿|千(?![米克瓦])|百(?!分))"
# 1万5千, 1万5 (15000) but not 1万2025年: the tail after 万 is one digit, with its place or alone.
ARABIC_NUMBER = ARABIC + r"(?:" + MULTIPLIER + r"(?:\d[千百]|\d(?![\d.,年月日号%万亿千百]))?)?"
CN_DIGIT_CHARS = "零〇一二两三四五六七八九"
CHINESE_NUMBER = (r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
                  r"(?:点[零〇一二三四五六七八九]+[万亿]{0,2})?")
_ARABIC_PARTS = re.compile(rf"({ARABIC})(?:({MULTIPLIER})(?:(\d)([千百])?)?)?")


def _below_ten_thousand(text: str) -> int | None:
    """三千零五, 十五, 一百一十, 两百五 (250): a numeral without 万 or 亿, or None."""
    total, digit, last_place, zero = 0, None, None, False
    for char in text:
        if char in DIGITS:
            if digit is not None:
                return None                     # two digits with no place between: 十四五
            if DIGITS[char] == 0:
                zero = True
                continue
            digit = DIGITS[char]
        elif char in PLACES:
            place = PLACES[char]
            if (last_place is not None and place >= last_place) or (digit is None and place != 10):
                return None                     # 百百, 十百; 百 with no digit before it
            total += (digit or 1) * place
            digit, last_place, zero = None, place, False
        else:
            return None
    if digit is not None:
        # 一千零五 = 1005, 十五 = 15, but 一千五 = 1500 (the place below the last one).
        total += digit if zero or last_place in (None, 10) else digit * last_place // 10
    elif zero and text.strip("零〇"):
        return None                             # a trailing 零 (一百零) states nothing
    return total


def _after_big(tail: str, big: int, reader) -> int | None:
    """What follows 万 or 亿: nothing, a lone digit in the place below (三万五), or a smaller numeral."""
    if not tail:
        return 0
    if len(tail) == 1 and tail in DIGITS and DIGITS[tail]:
        return DIGITS[tail] * big // 10
    value = reader(tail)
    return value if value is not None and value < big else None


def _below_hundred_million(text: str) -> int | None:
    if "亿" in text:
        return None
    head, big, tail = text.partition("万")
    if not big:
        return _below_ten_thousand(text)
    high = _below_ten_thousand(head)
    low = _after_big(tail, 10**4, _below_ten_thousand)
    return None if not high or low is None else high * 10**4 + low


def _integer(text: str) -> int | None:
    head, big, tail = text.rpartition("亿")
    if not big:
        return _below_hundred_million(text)
    high = _below_hundred_million(head)       # 一万亿: the multiplier of 亿 may hold 万
    low = _after_big(tail, 10**8, _below_hundred_million)
    return None if not high or low is None else high * 10**8 + low


def _digit_by_digit(text: str) -> int | None:
    """二〇二五 → 2025: a year read digit by digit; two or three plain digits are an approximation."""
    if "两" in text or not (len(text) == 4 or ("〇" in text and len(text) > 1)):
        return None
    return int("".join(str(DIGITS[char]) for char in text))


def chinese_to_number(text: str) -> Decimal | None:
    """The value of a numeral in Chinese characters, or None when it is not one number."""
    if not text:
        return None
    whole, point, rest = text.partition("点")
    scale = 1
    if point:
        fraction = rest.rstrip("万亿")
        suffix = rest[len(fraction):]
        if not fraction or any(c not in DIGITS or c == "两" for c in fraction) or suffix not in ("", "万", "亿", "万亿"):
            return None
        for char in suffix:
            scale *= BIG[char]
    if len(whole) > 1 and all(char in DIGITS for char in whole):
        integer = None if point else _digit_by_digit(whole)
    else:
        integer = _integer(whole)
    if integer is None:
        return None
    value = Decimal(integer)
    if point:
        value += Decimal("0." + "".join(str(DIGITS[c]) for c in fraction))
    return value * scale


def arabic_to_number(text: str) -> Decimal | None:
    """18000, 1,000, 1.13万, 3千, 1万5千 → their exact values."""
    match = _ARABIC_PARTS.fullmatch(text)
    if not match:
        return None
    number, multiplier, tail, tail_place = match.groups()
    value = Decimal(number.replace(",", ""))
    if not multiplier:
        return value
    big = MULTIPLIERS[multiplier]
    value *= big
    if tail:
        # 1万5千 = 15000; a lone digit counts in the place below, 1万5 = 15000 like 一万五.
        rest = int(tail) * (PLACES[tail_place] if tail_place else big // 10)
        if rest >= big or "." in number:
            return None
        value += rest
    return value


# 万余人, 千余名: a multiplier with no digit before it, read only with 余 or 多 after it.
BARE_MULTIPLIER = r"(?:千万|百万|万|千|百)(?=[余多])"


def parse_number(text: str) -> Decimal | None:
    """Any numeral numbers.py finds (Arabic, Chinese or mixed), exactly; None if not a number."""
    if text in MULTIPLIERS:
        return Decimal(MULTIPLIERS[text])
    if text and text[0].isdigit():
        return arabic_to_number(text)
    return chinese_to_number(text)


def exact(value: Decimal) -> str:
    """A value as the plain decimal it is: 11300, 0.5, 95.5 (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")
