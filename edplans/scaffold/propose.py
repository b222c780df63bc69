"""What a raw text says about itself, proposed as document.yaml fields for `build.py new`.

Every value comes from the cleaned text: the portal header that `lift_header` lifted, the
title line, the years the text gives. Each proposal carries where it came from, written as
a YAML comment so the editor knows what to check; nothing is looked up elsewhere but the
jurisdiction registry, and a place the title and header do not name stays unknown."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotate.schema import UNKNOWN_JURISDICTION
from ..ingest.clean import CleanText
from ..ingest.rules.header import BODY_LINE, MAX_TITLE_LENGTH
from ..ingest.script import to_simplified
from ..ingest.structure_patterns import chinese_numeral, is_structural_heading
from ..model import Jurisdiction

# Header keys (simplified, as lift_header stores them) in order of preference.
TITLE_KEYS = ("信息名称", "名称", "标题", "页面标题")
PUBLISHER_KEYS = ("发布机构", "发文机关", "来源", "信息来源")
DATE_KEYS = (("成文日期", "issued"), ("发布日期", "published"), ("公开日期", "published"),
             ("生成日期", "generated"), ("发布时间", "posted"))
DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-—–~至到]+\s*((?:19|20)\d\d)")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# 十四五规划, “十三五”时期: the tenth plan and after, named with what a plan period is called.
FIVE_YEAR = re.compile(r"(十[一二三四五六七八九]?)五(?=[”\"]?\s*(?:规划|计划|时期|期间|期末|以来|教育|发展))")
# Document types by the words of a title, first match wins (schema.DOC_TYPES).
TYPE_WORDS = (("plan-excerpt", ("节选", "摘编", "摘要")),
              ("annual-work-points", ("工作要点", "工作计划", "工作重点", "要点")),
              ("five-year-plan", ("五年", "规划")))
# A working English title: the editor rewrites it.
TYPE_ZH = {"annual-work-points": "教育工作要点", "five-year-plan": "教育发展规划",
           "news-digest": "教育新闻", "plan-excerpt": "教育规划（节选）"}
TYPE_EN = {"annual-work-points": "education work points", "five-year-plan": "five-year education plan",
           "news-digest": "education news digest", "plan-excerpt": "education plan (excerpt)"}
ID_WORDS = {"annual-work-points": "work-points", "five-year-plan": "five-year-plan",
            "news-digest": "news", "plan-excerpt": "plan-excerpt"}
# A publisher's English name from its kind of office, after the jurisdiction's English name.
OFFICE_EN = (("教育体育局", "Education and Sports Bureau"), ("教体局", "Education and Sports Bureau"),
             ("教育委员会", "Education Commission"), ("教委", "Education Commission"),
             ("教育厅", "Department of Education"), ("教育局", "Education Bureau"),
             ("人民政府办公室", "People's Government Office"), ("人民政府", "People's Government"))
LEVEL_RANK = {"district": 0, "county": 0, "prefecture": 1, "province": 2}


@dataclass(frozen=True)
class Proposal:
    """One field's proposed value and where it came from (None: taken as given)."""

    value: object
    guess: str | None = None


@dataclass(frozen=True)
class Proposals:
    title_zh: Proposal
    title_en: Proposal
    doc_type: Proposal
    jurisdiction: Proposal
    period: Proposal            # (start, end)
    publisher: Proposal | None  # (zh, en)
    dates: tuple[tuple[str, str, str], ...]   # (kind, YYYY-MM-DD, header key)


def _header(clean: CleanText) -> dict[str, str]:
    return {to_simplified(key): value for key, value in clean.metadata}


def _first(header: dict[str, str], keys) -> tuple[str, str] | None:
    return next(((key, header[key]) for key in keys if header.get(key)), None)


def title_line(clean: CleanText) -> str | None:
    """The first cleaned line when it reads as a title: short, no sentence, not numbered."""
    if not clean.lines:
        return None
    text = clean.lines[0].original.strip()
    if (len(text) > MAX_TITLE_LENGTH or BODY_LINE.search(text)
            or is_structural_heading(to_simplified(text))):
        return None
    return text


def _title(clean: CleanText, header: dict[str, str]) -> Proposal | None:
    found = _first(header, TITLE_KEYS)
    if found:
        key, value = found
        return Proposal(value, None if key != "页面标题" else "the page title above the header")
    line = title_line(clean)
    return Proposal(line, "the first line of the text") if line else None


def _names(jurisdiction: Jurisdiction) -> list[str]:
    """常州市 and 常州: a place is often written without its 市, 县 or 区."""
    name = jurisdiction.name.zh
    short = re.sub(r"(?:省|市|县|区|自治州|自治县)$", "", name)
    return [name] + ([short] if short != name and len(short) >= 2 else [])


def match_jurisdiction(texts: list[str], registry: dict[str, Jurisdiction]) -> tuple[str, list[str]]:
    """The most specific registry jurisdiction named in `texts` (title, publisher), earliest
    first among equals; UNKNOWN_JURISDICTION when none is. Also the others that matched."""
    simplified = [to_simplified(text) for text in texts if text]
    found = []
    for jid, item in registry.items():
        if jid == UNKNOWN_JURISDICTION or item.level not in LEVEL_RANK:
            continue
        for order, text in enumerate(simplified):
            hits = [text.find(name) for name in _names(item) if name in text]
            if hits:
                found.append((LEVEL_RANK[item.level], order, min(hits), jid))
                break
    if not found:
        return UNKNOWN_JURISDICTION, []
    found.sort()
    return found[0][3], [jid for *_, jid in found[1:]]


def _five_year(text: str) -> tuple[int, int] | None:
    """十四五 → 2021–2025: the third plan began in 1966, and each lasts five years."""
    match = FIVE_YEAR.search(text)
    if not match:
        return None
    number = chinese_numeral(match.group(1))
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def _years(text: str, *, single: bool) -> tuple[int, int] | None:
    match = YEAR_RANGE.search(text)
    if match and int(match.group(1)) <= int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    five = _five_year(text)
    if five:
        return five
    if single:
        match = YEAR.search(text)
        if match:
            return int(match.group(1)), int(match.group(1))
    return None


def _period(title: str | None, dates, body: str, given: tuple[int, int] | None) -> Proposal | None:
    if given:
        return Proposal(given)
    if title:
        years = _years(to_simplified(title), single=True)
        if years:
            return Proposal(years, "from the title")
    if dates:
        year = int(dates[0][1][:4])
        return Proposal((year, year), f"the year of the header's {dates[0][2]}")
    years = _years(body, single=False)
    if years:
        return Proposal(years, "from the years the text names")
    found = sorted({int(y) for y in YEAR.findall(body)})
    if found:
        return Proposal((found[0], found[-1]), "the first and last years the text names")
    return None


def _doc_type(title: str | None, body: str) -> Proposal:
    simplified = to_simplified(title or "")
    for doc_type, words in TYPE_WORDS:
        if any(word in simplified for word in words):
            return Proposal(doc_type, "from the title's words")
    if title is None and _five_year(body):
        return Proposal("plan-excerpt", "no title, and the text names a five-year plan period")
    return Proposal("annual-work-points", "nothing in the text says: check")


def _publisher(header: dict[str, str], place: Jurisdiction | None) -> Proposal | None:
    found = _first(header, PUBLISHER_KEYS)
    if not found:
        return None
    key, zh = found
    simplified = to_simplified(zh)
    office = next((en for word, en in OFFICE_EN if simplified.endswith(word)), None)
    if office and place is not None:
        return Proposal((zh, f"{place.name.en} {office}"), f"from the header's {key}; English from its office")
    return Proposal((zh, zh), f"from the header's {key}; translate the English")


def _dates(header: dict[str, str]) -> tuple[tuple[str, str, str], ...]:
    dates: dict[str, tuple[str, str, str]] = {}
    for key, kind in DATE_KEYS:
        match = DATE.search(header.get(key, ""))
        if match and kind not in dates:
            year, month, day = match.groups()
            dates[kind] = (kind, f"{year}-{int(month):02d}-{int(day):02d}", key)
    return tuple(dates.values())


def propose(clean: CleanText, registry: dict[str, Jurisdiction],
            period: tuple[int, int] | None = None) -> Proposals | None:
    """Every field new writes, or None when no year can be found (the caller asks for one)."""
    header = _header(clean)
    body = "\n".join(line.canonical for line in clean.lines)
    title = _title(clean, header)
    publisher_zh = (_first(header, PUBLISHER_KEYS) or (None, None))[1]
    jid, others = match_jurisdiction([title.value if title else "", publisher_zh or ""], registry)
    place = registry.get(jid) if jid != UNKNOWN_JURISDICTION else None
    jurisdiction = Proposal(jid, ("named in the title or publisher" + (f"; also matched: {', '.join(others)}"
                                                                       if others else ""))
                            if place else "no registry name in the title or header: the place is not known")
    dates = _dates(header)
    proposed_period = _period(title.value if title else None, dates, body, period)
    if proposed_period is None:
        return None
    doc_type = _doc_type(title.value if title else None, body)
    start, end = proposed_period.value
    years = str(start) if start == end else f"{start}–{end}"
    place_en = place.name.en if place else registry[UNKNOWN_JURISDICTION].name.en
    title_en = Proposal(f"{place_en}: {TYPE_EN[doc_type.value]}, {years}", "a working title, rewrite it")
    if title is None:
        years_zh = years.replace("–", "—")
        title = Proposal(f"{place.name.zh if place else '某地'}{years_zh}年{TYPE_ZH[doc_type.value]}",
                         "the text has no title: an editors' title, rewrite it")
    return Proposals(title, title_en, doc_type, jurisdiction, proposed_period, _publisher(header, place), dates)


def derived_id(proposals: Proposals) -> str:
    """changzhou-2019-work-points, unknown-2021-2025-plan-excerpt: ASCII, as the folders."""
    start, end = proposals.period.value
    years = str(start) if start == end else f"{start}-{end}"
    return f"{proposals.jurisdiction.value}-{years}-{ID_WORDS[proposals.doc_type.value]}"
