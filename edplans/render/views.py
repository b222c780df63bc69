"""Presentation facts derived from the model once, before any template runs.

Templates only lay these out; they never count, sort or compute."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..annotate.glossary import find_english, find_terms
from ..ingest.clean import RULE_NAMES
from ..ingest.placeholders import placeholders, placeholders_en
from ..model import (Bilingual, Corpus, Document, Indicator, Jurisdiction, Passage, Section, Target,
                     Theme)


@dataclass(frozen=True)
class CorrectionNote:
    number: int
    find: str
    replace: str
    reason_zh: str
    reason_en: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Segment:
    """A run of a passage's text: inside the lead sentence or not, and the targets it quotes."""

    text: str
    lead: bool
    targets: tuple[str, ...]
    term: str | None = None      # glossary term id
    placeholder: bool = False    # a placeholder in the source (xx所, xx市): marked on the page


@dataclass(frozen=True)
class TargetView:
    target: Target
    indicator: Indicator
    figure: Bilingual            # "≥700人" / "≥ 700 teachers", as displayed
    jurisdiction: Jurisdiction


@dataclass(frozen=True)
class TagView:
    theme: Theme
    subtopic: str | None         # sub-topic name id, if the tag has one
    label: Bilingual


@dataclass(frozen=True)
class DocumentView:
    document: Document
    sections: tuple[tuple[Section, int, int], ...]   # every section, its depth and heading level, in reading order
    corrections: tuple[CorrectionNote, ...]
    rule_counts: tuple[tuple[str, int], ...]    # how many places each cleaning rule changed
    passage_count: int
    character_count: int
    jurisdictions: tuple[Jurisdiction, ...]
    # Sections that speak for another jurisdiction than the one around them.
    jurisdiction_marks: dict[str, Jurisdiction]
    segments: dict[str, tuple[Segment, ...]]     # passage id -> its text in marked runs
    targets: dict[str, tuple[TargetView, ...]]   # passage id -> its targets
    tags: dict[str, tuple[TagView, ...]]         # passage id -> its theme tags
    english: dict[str, tuple[Segment, ...] | None]   # passage id -> its translation in runs
    published: dict[str, tuple[Segment, ...]] | None   # traditional sources: the text as published
    terms: tuple                                 # glossary terms marked on the page, for the pop-ups
    translated: int                              # passages with a current translation
    target_count: int


def _section_depths(sections: tuple[Section, ...], depth: int = 0):
    """(section, depth, heading level): parts are h2 under the page's h1, at most h6."""
    for section in sections:
        yield section, depth, min(depth + 2, 6)
        yield from _section_depths(section.children, depth + 1)


def _correction_lines(document: Document) -> dict[int, list[int]]:
    lines: dict[int, list[int]] = {}
    for entry in document.log:
        match = re.match(r"correction (\d+):", entry.note) if entry.rule == "apply_corrections" else None
        if match:
            lines.setdefault(int(match.group(1)), []).append(entry.line)
    return lines


def _jurisdiction_marks(sections: tuple[Section, ...], around: str, corpus: Corpus) -> dict[str, Jurisdiction]:
    marks = {}
    for section in sections:
        if section.jurisdiction != around:
            marks[section.id] = corpus.jurisdictions[section.jurisdiction]
        marks.update(_jurisdiction_marks(section.children, section.jurisdiction, corpus))
    return marks


def _number(value: float, lang: str) -> str:
    if float(value).is_integer():
        return f"{int(value):,}" if lang == "en" else str(int(value))
    return f"{value:,}" if lang == "en" else str(value)


def unit_for(indicator: Indicator, lang: str, amount: float | None) -> str:
    """The indicator's unit, agreeing with its number in English: 1 school, 2 schools."""
    unit = indicator.unit.get(lang)
    if lang != "en" or amount != 1 or unit in ("%",):
        return unit
    if indicator.unit_one:
        return indicator.unit_one
    if unit.endswith(("series", "species")):
        return unit
    for plural, one in (("people", "person"), ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                        ("xes", "x"), ("s", "")):
        if unit.endswith(plural) and not unit.endswith("ss"):
            return unit[: len(unit) - len(plural)] + one
    return unit


UNKNOWN_FIGURE = {"zh": "数字不详（原文缺损）", "en": "figure unknown (lost in the source)"}


def amount(target: Target, lang: str) -> str:
    """The figure without its unit: comparator and value or range ("≥10", "2–3")."""
    if target.value is not None:
        amount = _number(target.value, lang)
    else:
        amount = "–".join(_number(v, lang) for v in (target.min, target.max) if v is not None)
        if target.min is None:
            amount = "≤" + amount
        elif target.max is None:
            amount = "≥" + amount
    return ("" if target.comparator == "=" else target.comparator) + amount


def figure(target: Target, indicator: Indicator, lang: str) -> str:
    """The figure as a reader sees it: comparator, value or range, unit."""
    if target.unknown:
        return UNKNOWN_FIGURE["en" if lang == "en" else "zh"]
    shown = amount(target, lang)
    unit = unit_for(indicator, lang, target.value if target.value is not None else
                    (target.max if target.max is not None and target.max == target.min else None))
    if lang == "en":
        return shown + ("%" if unit == "%" else f" {unit}")
    return shown + unit


def _crosses(start: int, end: int, cut: int) -> bool:
    return start < cut < end


def _runs(source: str, length: int, cuts, lead_end: int, targets, terms, held=()) -> tuple[Segment, ...]:
    """Cut `source` at every cut point; each run knows whether it is in the lead sentence,
    which targets quote it, which glossary term it belongs to and whether it is a placeholder."""
    points = sorted({0, length, *(c for c in cuts if 0 <= c <= length),
                     *(e for p in held for e in (p.start, p.end))})
    segments = []
    for start, end in zip(points, points[1:]):
        covering = tuple(t.id for t in targets if t.start < end and start < t.end)
        term = next((m.term for m in terms if m.start <= start and end <= m.end), None)
        placeholder = any(p.start <= start and end <= p.end for p in held)
        segments.append(Segment(source[start:end], start < lead_end, covering, term, placeholder))
    return tuple(segments)


def passage_segments(passage: Passage, glossary: dict | None = None, *,
                     as_published: bool = False) -> tuple[Segment, ...]:
    """The Chinese text cut at every quote boundary, at the end of the lead sentence and
    around glossary terms. A term that straddles a quote's edge or the lead's end is not
    marked: the marks must nest."""
    lead_end = len(passage.sentences[0]) if passage.lead else 0
    held = placeholders(passage.text)
    edges = [lead_end] + [e for t in passage.targets for e in (t.start, t.end)] + [e for p in held for e in (p.start, p.end)]
    terms = [m for m in find_terms(passage.text, glossary or {})
             if not any(_crosses(m.start, m.end, edge) for edge in edges)]
    # The text as published (traditional sources): same cleaning, one character per
    # character of the canonical text, so every span carries over.
    source = passage.original if as_published and len(passage.original) == len(passage.text) else passage.text
    return _runs(source, len(passage.text), [*edges, *(e for m in terms for e in (m.start, m.end))],
                 lead_end, passage.targets, terms, held)


def english_segments(passage: Passage, glossary: dict | None = None) -> tuple[Segment, ...] | None:
    """The translation in runs: its opening lead (bold, like the Chinese one) and the
    glossary terms the Chinese passage contains, in their English forms."""
    if not passage.en:
        return None
    text = passage.en
    lead_end = 0
    if passage.lead_en and text.startswith(passage.lead_en):
        lead_end = len(passage.lead_en)
        while lead_end < len(text) and text[lead_end] in ".;:":
            lead_end += 1
    wanted = list(dict.fromkeys(m.term for m in find_terms(passage.text, glossary or {})))
    held = placeholders_en(text)
    edges = [lead_end, *(e for p in held for e in (p.start, p.end))]
    terms = [m for m in find_english(text, wanted, glossary or {})
             if not any(_crosses(m.start, m.end, edge) for edge in edges)]
    return _runs(text, len(text), [lead_end, *(e for m in terms for e in (m.start, m.end))], lead_end, (), terms, held)


def _tag_view(tag: str, corpus: Corpus) -> TagView:
    theme_id, _, sub_id = tag.partition("/")
    theme = corpus.themes[theme_id]
    sub = next((s for s in theme.subtopics if s.id == sub_id), None)
    label = Bilingual(f"{theme.name.zh}·{sub.name.zh}", f"{theme.name.en}: {sub.name.en}") if sub else theme.name
    return TagView(theme, sub.id if sub else None, label)


def _first_uses(document: Document, runs: dict[str, tuple[Segment, ...] | None]) -> dict:
    """Each glossary term linked at its first use in each top-level part of the document, as
    a reference work links a term once per section rather than at every mention: a long plan
    names 双减 or 集团化办学 dozens of times, and a link (and pop-up) on each was a sixth of a
    document page's bytes. A reader who lands mid-part on a permalink finds the term's link a
    few passages up, and every term of the page is on the glossary page."""
    thinned = {}
    for part in document.sections:
        seen: set[str] = set()
        for section in part.walk():
            for passage in section.passages:
                segments = runs.get(passage.id)
                if not segments:
                    thinned[passage.id] = segments
                    continue
                kept = []
                for segment in segments:
                    if segment.term and segment.term in seen:
                        segment = replace(segment, term=None)
                    elif segment.term:
                        seen.add(segment.term)
                    kept.append(segment)
                thinned[passage.id] = tuple(kept)
    return thinned


def document_view(document: Document, corpus: Corpus) -> DocumentView:
    where = _correction_lines(document)
    notes = tuple(CorrectionNote(i + 1, c.find, c.replace, c.reason.zh, c.reason.en, tuple(where.get(i, ())))
                  for i, c in enumerate(document.corrections))
    counts = Counter(entry.rule for entry in document.log)
    passages = list(document.passages())
    segments = _first_uses(document, {p.id: passage_segments(p, corpus.glossary) for p in passages})
    english = _first_uses(document, {p.id: english_segments(p, corpus.glossary) for p in passages})
    return DocumentView(
        document=document,
        sections=tuple(_section_depths(document.sections)),
        corrections=notes,
        rule_counts=tuple((rule, counts[rule]) for rule in RULE_NAMES if counts[rule]),
        passage_count=len(passages),
        character_count=sum(len(p.text) for p in passages),
        jurisdictions=tuple(corpus.jurisdictions[j] for j in document.jurisdictions),
        jurisdiction_marks=_jurisdiction_marks(document.sections, document.jurisdiction, corpus),
        segments=segments,
        targets={p.id: tuple(_target_view(t, corpus) for t in p.targets) for p in passages if p.targets},
        tags={p.id: tuple(_tag_view(tag, corpus) for tag in p.themes) for p in passages},
        target_count=len(document.targets),
        english=english,
        published=(_first_uses(document, {p.id: passage_segments(p, corpus.glossary, as_published=True)
                                          for p in passages})
                   if document.script == "traditional" else None),
        terms=tuple(corpus.glossary[tid] for tid in sorted({seg.term for runs in (*segments.values(),
                    *(e for e in english.values() if e)) for seg in runs if seg.term})),
        translated=sum(1 for p in passages if p.en),
    )


def _target_view(target: Target, corpus: Corpus) -> TargetView:
    indicator = corpus.indicators[target.indicator]
    return TargetView(target, indicator, Bilingual(figure(target, indicator, "zh"), figure(target, indicator, "en")),
                      corpus.jurisdictions[target.jurisdiction])


def glossary_data(terms, lang: str) -> dict:
    """What the term pop-ups show, one file per language (data/glossary/terms-<lang>.json),
    fetched by a document page when a reader first points at a term; href is site-relative."""
    source = "zh" if lang == "zh-hant" else lang
    return {t.id: {"zh": t.zh, "en": t.en.strip('"'), "definition": t.definition.get(source),
                   "href": f"{lang}/glossary/#term-{t.id}"} for t in terms}
