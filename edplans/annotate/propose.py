"""Proposed annotations for the numbers of a passage: what `build.py suggest` prints.

A proposal is a whole target (or a `not_a_target` for a count of what exists), read from the
words around the figure with general word lists, never from one document's strings:
- the value as written (`1.13万` → 11300, `5-10个` → min 5, max 10), from `ingest.numbers`;
- the comparator from the words next to the figure (COMPARATOR_BEFORE / COMPARATOR_AFTER);
- the deadline year from the sentence (`到2025年`, `2025年前`, `年底`, `十四五期间`), else the
  end of the document's period;
- the kind: a year before the document's period, or an achievement word (ACHIEVEMENT_WORDS)
  with no word of intent (INTENT_WORDS) before the figure, makes it an achievement;
- the period (docs/annotations.md): `per-year` after 每年, `level` for a share, a rate or a
  score, `plan-total` for a multi-year plan's count, `year` otherwise;
- the indicators of the registry ranked by unit, by the words their name shares with the
  clause, and by the passage's themes.
An editor checks every field: the output says which ones were guessed."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from ..ingest.numbers import Quantity, candidates, quantities
from ..model import Indicator
from .figures import QUOTED, STOCK_WORDS, clause_before

# Words before the figure, longest first wins (不低于 before 低于). Meaning in the comment.
COMPARATOR_BEFORE = {
    "不少于": "≥", "不低于": "≥", "至少": "≥", "超过": "≥", "逾": "≥", "高于": "≥", "多于": "≥", "大于": "≥",  # at least
    "不超过": "≤", "不高于": "≤", "不多于": "≤", "控制在": "≤", "低于": "≤", "小于": "≤",       # at most
    "约": "≈", "大约": "≈", "近": "≈", "将近": "≈", "接近": "≈",                               # about
    "达到": "=", "达": "=",          # reach: the figure itself is the level to reach
}
# Words that end in one of those characters but bound nothing: 节约100万元 (save), 附近3所 (nearby).
NOT_COMPARATOR = ("节约", "制约", "签约", "附近", "最近", "邻近", "下达", "到达", "送达", "直达")
COMPARATOR_MEANING = {"≥": "at least (≥)", "≤": "at most (≤)", "≈": "about (≈)", "=": "exact (=)"}
# Words after the figure, after its unit (45人以内) or before it (1万左右); 余 and 多 only
# right after the number (300余所, 1万多名): 10所多功能教室 bounds nothing.
COMPARATOR_AFTER = {
    "及以上": "≥", "以上": "≥", "余": "≥", "多": "≥",        # more than
    "以内": "≤", "之内": "≤", "以下": "≤",                  # within, below
    "左右": "≈", "上下": "≈",                              # about
}
# A figure already reached, unless a word of intent comes before it in its sentence.
# A bare 完成 is a plan's task (完成培训1.5万人次): only 已完成, 完成了 and 共完成 are past.
ACHIEVEMENT_WORDS = ("已经", "已", "累计", "共完成", "完成了", "建成了", "达到了", "实现了", "去年", "上年", "上一年")
INTENT_WORDS = ("计划", "力争", "争取", "确保", "预计", "目标", "拟", "将", "须", "应当", "要求")
PAST_YEAR_WORDS = ("去年", "上年", "上一年")
PER_YEAR_WORDS = ("每年", "年均", "每学年", "每一年")
# A share, a rate, a per-head standard (每位学生…1项, 每1万人口…1所): a level, not a count to add up.
LEVEL_WORDS = ("率", "比例", "占比", "比重", "达标", "生均", "每")
THIS_YEAR_WORDS = ("年底", "年内", "今年", "本年", "年末")
MULTI_YEAR_TYPES = ("five-year-plan", "plan-excerpt")

SENTENCE_END = re.compile(r"[。！？!?]")
YEAR = re.compile(r"((?:19|20)\d{2})(?:\s*[-—–~～至到]\s*((?:19|20)\d{2}))?年")
PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五")
CN_ORDINAL = "一二三四五六七八九"
# A figure followed by a noun instead of a measure word (2.6万学生): Arabic digits or 万/亿,
# not a date, an age or an order.
NOT_A_NOUN = set("年月日号时点秒岁届周期第级")
CLAUSE_START = re.compile(r"[，。；：！？、,;:!?（）()]")
QUOTE_MAX = 24


@dataclass(frozen=True)
class Proposal:
    passage: str
    start: int                   # of the quote in the passage text
    end: int
    figure: Quantity
    quote: str
    occurrence: int | None
    values: dict                 # {"value": 11300} or {"min": 5, "max": 10}
    comparator: str
    unit: str | None
    year: int | None
    kind: str                    # target | achievement | stock (proposed as not_a_target)
    period: str
    indicators: tuple[Indicator, ...]
    year_note: str | None        # how the year was guessed when the words give none


def plan_period_years(ordinal: str) -> tuple[int, int]:
    """十四五 → (2021, 2025): five-year plans run from 1966 + 5 × (n − 3) since the third."""
    n = 10 + CN_ORDINAL.index(ordinal) + 1
    start = 1966 + 5 * (n - 3)
    return start, start + 4


def figures(text: str) -> list[Quantity]:
    """The numbers an editor looks at: `ingest.numbers.candidates`, and a figure followed by a
    noun rather than a measure word (2.6万学生, 300学生), which candidates leaves out. `check`
    requires the same numbers (annotate/merge.py)."""
    found = list(candidates(text))
    names = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    for q in quantities(text):
        if q.unit or q.comparator or q.percent or any(q.start < f.end and f.start < q.end for f in found):
            continue
        after = text[q.end:q.end + 1]
        before = text[q.start - 1:q.start] if q.start else ""
        arabic_or_big = bool(re.search(r"\d", q.text)) or q.text[-1:] in "万亿"
        version = re.fullmatch(r"\d+\.0", q.text)          # 教育信息化2.0, 工业4.0: a name
        if (arabic_or_big and not version and re.match(r"[\u4e00-\u9fff]", after) and after not in NOT_A_NOUN
                and not re.match(r"[A-Za-z+＋.\d]", before) and before != "第"
                and not any(s < q.start and q.end <= e for s, e in names)):
            found.append(q)
    return sorted(found, key=lambda q: q.start)


def _number_span(q: Quantity) -> tuple[int, int]:
    """Where the number itself sits inside q.text (numbers.py may include comparator words)."""
    end = q.text.rfind(q.unit) if q.unit and q.unit in q.text else len(q.text)   # 百 of 个百分点 is no digit
    digits = [i for i, ch in enumerate(q.text[:end]) if ch.isdigit() or ch in "零〇一二两三四五六七八九十百千万亿"]
    return (digits[0], digits[-1] + 1) if digits else (0, len(q.text))


def comparator_of(text: str, q: Quantity) -> tuple[str | None, int]:
    """The comparator its words give the figure (None: no word), and where those words end."""
    first, last = _number_span(q)
    before = text[max(0, q.start - 4):q.start + first]
    found, end = None, q.end
    for word in sorted(COMPARATOR_BEFORE, key=len, reverse=True):
        if before.endswith(word) and not before.endswith(NOT_COMPARATOR):
            found = COMPARATOR_BEFORE[word]
            break
    tail = text[q.start + last:q.end + 4]
    unit = q.unit or ""
    for word in sorted(COMPARATOR_AFTER, key=len, reverse=True):
        for gap in ("", unit) if word not in "余多" else ("",):
            if tail.startswith(gap + word) and not tail.startswith("多媒体"):
                if found in (None, "="):
                    found = COMPARATOR_AFTER[word]
                end = max(end, q.start + last + len(gap + word))
                break
        else:
            continue
        break
    return found, end


def _sentence_before(text: str, start: int) -> str:
    cut = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    return text[cut:start]


def deadline(text: str, start: int, period_start: int | None, period_end: int | None) -> int | None:
    """The year the sentence gives the figure (到2025年, 2025年前, 十四五末, 年底), or the first
    sentence of the passage when it opens with one (到2025年，…); None when the text says none."""
    for scope in (_sentence_before(text, start), _opening(text)):
        years = [int(m.group(2) or m.group(1)) for m in YEAR.finditer(scope)]
        periods = [plan_period_years(m.group(1))[1] for m in PLAN_PERIOD.finditer(scope)]
        found = [(m.start(), y) for m, y in zip(YEAR.finditer(scope), years)]
        found += [(m.start(), y) for m, y in zip(PLAN_PERIOD.finditer(scope), periods)]
        if found:
            return max(found)[1]
        if scope is not _opening(text) and any(w in scope for w in THIS_YEAR_WORDS) and period_end:
            return period_end
        if any(w in scope for w in PAST_YEAR_WORDS) and period_start:
            return period_start - 1
    return None


def _opening(text: str) -> str:
    """The passage's first clause when it is a year for what follows (到2025年，… 2021年，…)."""
    head = re.match(r"(?:到|至|力争到|争取到)?(?:(?:19|20)\d{2}年|“?十[一二三四五六七八九]五”?末)[^，。；]{0,4}[，,]", text)
    return head.group(0) if head else ""


def kind_of(text: str, q: Quantity, year: int | None, period_start: int | None) -> str:
    clause = clause_before(text, q.start)
    if any(word in clause for word in STOCK_WORDS):
        return "stock"
    if year is not None and period_start is not None and year < period_start:
        return "achievement"
    sentence = _sentence_before(text, q.start)
    if any(w in sentence for w in ACHIEVEMENT_WORDS) and not any(w in sentence for w in INTENT_WORDS):
        return "achievement"
    return "target"


def period_of(text: str, q: Quantity, doc_type: str) -> str:
    clause = clause_before(text, q.start) + q.text
    if any(w in clause for w in PER_YEAR_WORDS):
        return "per-year"
    score = text[q.end:q.end + 2].startswith("分") and not text[q.end:q.end + 2] == "分钟"
    if q.percent or score or q.unit in ("‰", "个百分点", "百分点") or any(w in clause for w in LEVEL_WORDS):
        return "level"
    return "plan-total" if doc_type in MULTI_YEAR_TYPES else "year"


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {han[i:i + 2] for i in range(len(han) - 1) if " " not in han[i:i + 2]}


def rank_indicators(clause: str, unit: str | None, themes: tuple[str, ...],
                    indicators: dict[str, Indicator], limit: int = 3, sentence: str = "") -> tuple[Indicator, ...]:
    """Indicators whose name shares words (pairs of characters) with the clause and, weighing
    half, with the rest of the sentence (其中幼儿园13所 after 新建改扩建学校…); the same unit
    and the passage's themes count too."""
    words = _bigrams(clause)
    context = _bigrams(sentence) - words
    scored = []
    for indicator in indicators.values():
        name = _bigrams(indicator.name.zh)
        shared = len(words & name)
        if not shared:
            continue
        same_unit = unit is not None and indicator.unit.zh == unit
        found = len(context & name)
        # a word of the name that neither says costs a little: 新增学位 before 乡村学校新增学位
        score = 4 * shared + 2 * found + 6 * same_unit + 2 * (indicator.theme in themes) - (len(name) - shared - found)
        scored.append((-score, len(name) - shared, indicator.id, indicator))
    return tuple(item[-1] for item in sorted(scored, key=lambda item: item[:3])[:limit])


def _value(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def quote_span(text: str, q: Quantity, end: int) -> int:
    """The quote starts at the clause the figure closes (其中幼儿园13所、小学14所 → 小学14所),
    at most QUOTE_MAX characters before its end."""
    cut = max((m.end() for m in CLAUSE_START.finditer(text, 0, q.start)), default=0)
    return max(cut, end - QUOTE_MAX)


def propose(text: str, q: Quantity, *, passage: str, themes: tuple[str, ...], doc_type: str,
            period_start: int | None, period_end: int | None, indicators: dict[str, Indicator],
            occurrence_of=None) -> Proposal:
    """One figure of a passage's text as a whole proposed annotation.

    `occurrence_of(quote, start)` answers the 1-based occurrence of the quote in the document
    when it occurs more than once (None when it is unique)."""
    comparator, end = comparator_of(text, q)
    start = quote_span(text, q, end)
    quote = text[start:end]
    year = deadline(text, q.start, period_start, period_end)
    year_note = None
    if year is None:
        year, year_note = period_end, "the end of the document's period: check"
    kind = kind_of(text, q, year, period_start)
    if kind == "achievement" and year_note and period_start is not None:
        # reached before the document was written: by the year before its period
        year, year_note = period_start - 1, "the year before the document's period: check"
    values = ({"value": _value(q.low)} if q.high is None or q.high == q.low
              else {"min": _value(q.low), "max": _value(q.high)}) if q.low is not None else {"value": "unknown"}
    # the clause's words before the figure, and after it up to the next break (建设2个…专业群, 2.6万学生)
    after = re.match(r"[^，。；：！？、,;:!?]{0,20}", text[end:]).group(0)
    clause = clause_before(text, q.start) + text[q.start:end] + after
    sentence = _sentence_before(text, q.start) + text[q.start:end] + after
    return Proposal(passage, start, end, q, quote, occurrence_of(quote, start) if occurrence_of else None,
                    values, comparator or "=", q.unit, year, kind, period_of(text, q, doc_type),
                    rank_indicators(clause, q.unit, themes, indicators, sentence=sentence), year_note)


def target_yaml(p: Proposal) -> list[str]:
    """The proposal as YAML lines of a `targets:` (or `not_a_target:`) list item."""
    lines = [f"- quote: {_yaml_scalar(p.quote)}"]
    if p.occurrence:
        lines.append(f"  occurrence: {p.occurrence}")
    if p.kind == "stock":
        lines += ["  why: stock", "  reason:   # in English: what the count is (a baseline, not a target)"]
        return lines
    best = p.indicators[0] if p.indicators else None
    if best is None:
        lines.append("  indicator:   # no indicator's name matches: add one to content/registry/indicators.yaml")
    else:
        others = "; or " + ", ".join(f"{i.id} ({i.unit.zh})" for i in p.indicators[1:]) if p.indicators[1:] else ""
        lines.append(f"  indicator: {best.id}   # {best.name.zh} ({best.unit.zh}){others}")
    lines += [f"  {key}: {value}" for key, value in p.values.items()]
    if p.comparator != "=":
        lines.append(f'  comparator: "{p.comparator}"')
    if p.unit and (best is None or best.unit.zh == p.unit):
        lines.append(f"  unit: {_yaml_scalar(p.unit)}")
    elif p.unit:
        lines.append(f"  # unit: {p.unit} in the text, but {best.id} counts in {best.unit.zh}: convert the value "
                     "or choose another indicator")
    lines.append(f"  year: {p.year}" + (f"   # {p.year_note}" if p.year_note else ""))
    lines.append(f"  kind: {p.kind}")
    lines.append(f"  period: {p.period}")
    lines.append("  description:   # in English: what the figure commits to")
    return lines


def _yaml_scalar(text: str) -> str:
    """The text as YAML reads it back unchanged: plain when it can be, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
