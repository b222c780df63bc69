"""What the text around a figure says about it, for the checks that keep targets honest.

A count of what already exists (现有128名校长) is a baseline, never a target; a target whose
digits were lost (□0所) is still a target, with its value unknown; a number an editor sets
aside (`not_a_target`) carries a `why:` that these rules can confirm from the text, so that a
dismissal is never just a sentence nobody can check (docs/annotations.md)."""
from __future__ import annotations

import re

from ..ingest.numbers import quantities

# Words that make the count after them a stock: what exists now, not what is to be reached.
STOCK_WORDS = ("现有的", "现有", "已有", "目前", "现存", "现共有", "已经有", "现已有")
# Where a clause starts: a count belongs to the words after the last of these before it.
CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]")
LOST_DIGIT = re.compile(r"[□�][0-9０-９]|[0-9０-９][□�]|[□�]+[个所名人项家%％]")
QUOTED = re.compile(r"“[^”]{1,30}”|《[^》]{1,40}》|「[^」]{1,30}」|\"[^\"]{1,30}\"")
DATE_AFTER = re.compile(r"^(?:年|月|日|号|周年|世纪|学年|学期|季度)")
PERIOD_NAME = re.compile(r"[十]?[一二三四五六七八九十]五")      # 十四五, 十三五: plan periods


def clause_before(text: str, start: int) -> str:
    """The words of the clause that runs up to `start`."""
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    return text[cut:start]


def stock_word(text: str, start: int, end: int) -> str | None:
    """The stock word (现有, 已有, 目前…) that the first number of text[start:end] follows in
    its clause, if any."""
    numbers = quantities(text[start:end])
    first = start + (numbers[0].start if numbers else 0)
    words = clause_before(text, first)
    return next((w for w in STOCK_WORDS if w in words), None)


def lost_digits(quote: str) -> bool:
    """The quote gives a figure with digits lost in the source (□0所, 1□%)."""
    return bool(LOST_DIGIT.search(quote))


def weigh_dismissal(why: str, text: str, start: int, end: int) -> str | None:
    """None when the text bears out `why` for the numbers in text[start:end]; otherwise what
    is wrong, in a sentence."""
    quote = text[start:end]
    if lost_digits(quote):
        return ("the quote states a figure whose digits were lost: a target with an unknown value is "
                "still a target")
    numbers = quantities(quote)
    if why == "stock":
        if stock_word(text, start, end) is None:
            return ("why: stock, but no word such as 现有, 已有 or 目前 comes before the number in its clause")
    elif why == "ordinal":
        if not any(text[max(0, start + q.start - 1):start + q.start] == "第" or q.text.startswith("第")
                   for q in numbers) and "第" not in quote:
            return "why: ordinal, but no 第 comes before the number"
    elif why == "date":
        if not (PERIOD_NAME.search(quote) or any(DATE_AFTER.match(text[start + q.end:start + q.end + 3])
                                                 for q in numbers)):
            return "why: date, but the number is not followed by 年, 月 or 日 and names no plan period (十四五)"
    elif why == "name":
        context = text[max(0, start - 30):end + 30]
        offset = start - max(0, start - 30)
        inside = any(m.start() <= offset + q.start and offset + q.end <= m.end()
                     for m in QUOTED.finditer(context) for q in numbers) if numbers else bool(QUOTED.search(quote))
        glued = bool(re.search(r"[0-9一二三四五六七八九十][+＋A-Za-z]|[A-Za-z+＋][0-9]", quote))
        if not (inside or glued or PERIOD_NAME.search(quote)):
            return ("why: name, but the number is not inside quotation marks or a title (“…”, 《…》) "
                    "nor part of a code such as 1+X or 5G")
    return None
