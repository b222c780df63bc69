"""Presentation facts derived from the model once, before any template runs.

Templates only lay these out; they never count, sort or compute."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..ingest.clean import RULE_NAMES
from ..model import Bilingual, Corpus, Document, Indicator, Jurisdiction, Passage, Section, Target, Theme


@dataclass(frozen=True)
class JurisdictionGroup:
    jurisdiction: Jurisdiction
    depth: int
    documents: tuple[Document, ...]


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


@dataclass(frozen=True)
class TargetView:
    target: Target
    indicator: Indicator
    figure: Bilingual            # "≥700人" / "≥ 700 teachers", as displayed
    jurisdiction: Jurisdiction


@dataclass(frozen=True)
class English:
    lead: str | None             # the translation's opening sentence, when it renders the lead
    rest: str


@dataclass(frozen=True)
class TagView:
    theme: Theme
    subtopic: str | None         # sub-topic name id, if the tag has one
    label: Bilingual


@dataclass(frozen=True)
class DocumentView:
    document: Document
    sections: tuple[tuple[Section, int], ...]     # every section with its depth, in reading order
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
    english: dict[str, English | None]           # passage id -> its translation, lead split off
    translated: int                              # passages with a current translation
    target_count: int


def jurisdiction_groups(corpus: Corpus) -> tuple[JurisdictionGroup, ...]:
    """Jurisdictions as a tree (province > city > district), each with its documents by year.
    Every document appears under every jurisdiction its sections speak for."""
    registry = corpus.jurisdictions
    by_jurisdiction: dict[str, list[Document]] = {}
    for document in corpus.documents:
        for jid in document.jurisdictions:
            by_jurisdiction.setdefault(jid, []).append(document)
    children: dict[str | None, list[str]] = {}
    for jid, item in registry.items():
        parent = item.parent if item.parent in registry else None
        children.setdefault(parent, []).append(jid)

    def has_documents(jid: str) -> bool:
        return jid in by_jurisdiction or any(has_documents(c) for c in children.get(jid, []))

    groups: list[JurisdictionGroup] = []

    def visit(jid: str, depth: int) -> None:
        if not has_documents(jid):
            return
        docs = sorted(by_jurisdiction.get(jid, []), key=lambda d: (d.year, d.id))
        groups.append(JurisdictionGroup(registry[jid], depth, tuple(docs)))
        for child in sorted(children.get(jid, []), key=lambda c: registry[c].name.en):
            visit(child, depth + 1)

    for top in sorted(children.get(None, []), key=lambda c: (registry[c].level == "unknown", registry[c].name.en)):
        visit(top, 0)
    return tuple(groups)


def _section_depths(sections: tuple[Section, ...], depth: int = 0):
    for section in sections:
        yield section, depth
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


def figure(target: Target, indicator: Indicator, lang: str) -> str:
    """The figure as a reader sees it: comparator, value or range, unit."""
    if target.value is not None:
        amount = _number(target.value, lang)
    else:
        amount = "–".join(_number(v, lang) for v in (target.min, target.max) if v is not None)
        if target.min is None:
            amount = "≤" + amount
        elif target.max is None:
            amount = "≥" + amount
    comparator = "" if target.comparator == "=" else target.comparator
    unit = indicator.unit.get(lang)
    if lang == "en":
        return f"{comparator}{amount}" + ("%" if unit == "%" else f" {unit}")
    return f"{comparator}{amount}{unit}"


def passage_segments(passage: Passage) -> tuple[Segment, ...]:
    """Cut the text at every quote boundary and at the end of the lead sentence."""
    lead_end = len(passage.sentences[0]) if passage.lead else 0
    cuts = {0, len(passage.text), lead_end}
    for target in passage.targets:
        cuts.update((target.start, target.end))
    points = sorted(c for c in cuts if 0 <= c <= len(passage.text))
    segments = []
    for start, end in zip(points, points[1:]):
        if start == end:
            continue
        covering = tuple(t.id for t in passage.targets if t.start < end and start < t.end)
        segments.append(Segment(passage.text[start:end], start < lead_end, covering))
    return tuple(segments)


def _tag_view(tag: str, corpus: Corpus) -> TagView:
    theme_id, _, sub_id = tag.partition("/")
    theme = corpus.themes[theme_id]
    sub = next((s for s in theme.subtopics if s.id == sub_id), None)
    label = Bilingual(f"{theme.name.zh}·{sub.name.zh}", f"{theme.name.en}: {sub.name.en}") if sub else theme.name
    return TagView(theme, sub.id if sub else None, label)


def document_view(document: Document, corpus: Corpus) -> DocumentView:
    where = _correction_lines(document)
    notes = tuple(CorrectionNote(i + 1, c.find, c.replace, c.reason.zh, c.reason.en, tuple(where.get(i, ())))
                  for i, c in enumerate(document.corrections))
    counts = Counter(entry.rule for entry in document.log)
    passages = list(document.passages())
    return DocumentView(
        document=document,
        sections=tuple(_section_depths(document.sections)),
        corrections=notes,
        rule_counts=tuple((rule, counts[rule]) for rule in RULE_NAMES if counts[rule]),
        passage_count=len(passages),
        character_count=sum(len(p.text) for p in passages),
        jurisdictions=tuple(corpus.jurisdictions[j] for j in document.jurisdictions),
        jurisdiction_marks=_jurisdiction_marks(document.sections, document.jurisdiction, corpus),
        segments={p.id: passage_segments(p) for p in passages},
        targets={p.id: tuple(_target_view(t, corpus) for t in p.targets) for p in passages if p.targets},
        tags={p.id: tuple(_tag_view(tag, corpus) for tag in p.themes) for p in passages},
        target_count=len(document.targets),
        english={p.id: _english(p) for p in passages},
        translated=sum(1 for p in passages if p.en),
    )


def _english(passage: Passage) -> English | None:
    """Bold the English lead like the Chinese one: the translation opens with lead_en."""
    if not passage.en:
        return None
    if passage.lead_en and passage.en.startswith(passage.lead_en):
        cut = len(passage.lead_en)
        while cut < len(passage.en) and passage.en[cut] in ".;:":
            cut += 1
        return English(passage.en[:cut], passage.en[cut:])
    return English(None, passage.en)


def _target_view(target: Target, corpus: Corpus) -> TargetView:
    indicator = corpus.indicators[target.indicator]
    return TargetView(target, indicator, Bilingual(figure(target, indicator, "zh"), figure(target, indicator, "en")),
                      corpus.jurisdictions[target.jurisdiction])
