"""The comparative facts behind the theme, indicator, jurisdiction and compare pages,
computed once from the corpus. Templates and charts only lay these out.

Every number here traces either to an annotated target (data/targets.json) or to the text:
theme shares count characters of passages, splitting a passage evenly among the distinct
themes it is tagged with (docs/annotations.md), and are written to data/theme-shares.csv."""
from __future__ import annotations

from dataclasses import dataclass

from ..annotate.schema import UNKNOWN_JURISDICTION
from ..model import Corpus, Document, Jurisdiction, Passage, Section, Target, Theme
from .comparable import ancestor_at, basis

SHARE_DECIMALS = 1


@dataclass(frozen=True)
class JurisdictionGroup:
    jurisdiction: Jurisdiction
    depth: int
    documents: tuple[Document, ...]

    @property
    def heading_level(self) -> int:
        """h3 for a province under the page's h2, one deeper per level, at most h6."""
        return min(self.depth + 3, 6)


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


@dataclass(frozen=True)
class PlacedPassage:
    """A passage with where it stands: its document, section and the jurisdiction it speaks for."""

    document: Document
    section: Section
    passage: Passage
    jurisdiction: str

    def text(self, lang: str) -> tuple[str, str]:
        """(lead sentence, rest) as the document page shows them in `lang`: on zh-hant a source
        published in traditional script keeps its own characters (kept from the page conversion)."""
        p = self.passage
        source = published_text(self.document, p) if lang == "zh-hant" else p.text
        cut = len(p.sentences[0]) if p.lead else 0
        return source[:cut], source[cut:]


def published_text(document: Document, passage: Passage) -> str:
    """What the traditional-script edition converts: a source published in traditional script
    keeps its own characters (after cleaning, one per canonical character), others the
    canonical simplified text."""
    if document.script == "traditional" and len(passage.original) == len(passage.text):
        return passage.original
    return passage.text


def document_passages(document: Document):
    for section in document.all_sections():
        for passage in section.passages:
            yield PlacedPassage(document, section, passage, section.jurisdiction)


@dataclass(frozen=True)
class ThemeShare:
    document: str
    jurisdiction: str | None     # None: the whole document; else only that jurisdiction's sections
    theme: str
    characters: float            # the theme's characters (a passage's split evenly among its themes)
    total: int                   # all passage characters counted
    percent: float               # rounded to SHARE_DECIMALS


def theme_shares(corpus: Corpus, jurisdiction: str | None = None, documents=None) -> dict[str, dict[str, ThemeShare]]:
    """document id -> theme id -> share of the document's passage text, in codebook order.

    The documents are summaries (build/summary.py), which count characters per theme once.
    With `jurisdiction`, only the sections that speak for it count (a digest of several
    districts), and documents with no such section are left out."""
    shares: dict[str, dict[str, ThemeShare]] = {}
    scope = jurisdiction or ""
    for document in corpus.documents if documents is None else documents:
        counted = document.shares.get(scope)
        if counted is None:
            continue
        total = document.totals[scope]
        shares[document.id] = {
            theme: ThemeShare(document.id, jurisdiction, theme, counted.get(theme, 0.0), total,
                              round(100 * counted.get(theme, 0.0) / total, SHARE_DECIMALS) if total else 0.0)
            for theme in corpus.themes}
    return shares


OTHER = "other"                      # the partition of jurisdictions outside any province


def province_of(jurisdiction: str, registry: dict[str, Jurisdiction]) -> str:
    """The province a jurisdiction lies in (itself, for a province), or OTHER."""
    return ancestor_at(jurisdiction, "province", registry) or OTHER


def jurisdiction_order(corpus: Corpus) -> list[str]:
    """Jurisdictions that documents speak for, in the order the home page lists them
    (province > city > district, by English name), for columns and chart rows."""
    return [g.jurisdiction.id for g in jurisdiction_groups(corpus) if g.documents]


def ordered_targets(corpus: Corpus) -> list[Target]:
    rank = {j: i for i, j in enumerate(jurisdiction_order(corpus))}
    documents = {d.id: d for d in corpus.documents}
    position = {(t.document, t.id): i for i, t in enumerate(corpus.targets())}
    return sorted(corpus.targets(), key=lambda t: (rank.get(t.jurisdiction, len(rank)),
                                                   documents[t.document].year, t.document,
                                                   position[(t.document, t.id)]))


@dataclass(frozen=True)
class GroupCount:
    """How many of a theme's targets a jurisdiction states under one indicator group."""

    jurisdiction: str
    group: str | None             # the indicators' sub-topic; None for themes without sub-topics
    count: int


def group_counts(corpus: Corpus, theme: Theme, targets: tuple[Target, ...]) -> tuple[GroupCount, ...]:
    """Non-zero counts only, jurisdictions in page order, groups in codebook order."""
    counts: dict[tuple[str, str | None], int] = {}
    for target in targets:
        key = (target.jurisdiction, corpus.indicators[target.indicator].subtopic)
        counts[key] = counts.get(key, 0) + 1
    groups = [s.id for s in theme.subtopics] + [None]
    order = jurisdiction_order(corpus)
    return tuple(GroupCount(j, g, counts[(j, g)]) for g in groups for j in order if (j, g) in counts)


def shared_indicators(corpus: Corpus, targets: tuple[Target, ...]) -> tuple[str, ...]:
    """Indicators that two or more documents give figures for: the ones worth a chart."""
    documents: dict[str, set[str]] = {}
    for target in targets:
        documents.setdefault(target.indicator, set()).add(target.document)
    return tuple(i for i in corpus.indicators if len(documents.get(i, ())) > 1)


# --------------------------------------------------------------------------- change over time

CHANGE_KINDS = ("raised", "lowered", "carried", "changed", "apart", "unknown", "new", "dropped")
INF = float("inf")


@dataclass(frozen=True)
class Change:
    indicator: str
    kind: str                     # one of CHANGE_KINDS
    before: tuple[Target, ...]
    after: tuple[Target, ...]
    bases: tuple = (None, None)   # (before, after) Basis when kind is "apart": why they are not compared


@dataclass(frozen=True)
class DocumentPair:
    jurisdiction: str
    before: Document
    after: Document
    changes: tuple[Change, ...]

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)


def bounds(t: Target) -> tuple[float, float]:
    """A target's lowest and highest figure as drawn: the value twice, a range's ends, or a
    one-sided range's one bound twice. An unknown value has none (callers skip it)."""
    low = t.value if t.value is not None else (t.min if t.min is not None else t.max)
    high = t.value if t.value is not None else (t.max if t.max is not None else t.min)
    return low, high


def interval(t: Target) -> tuple[float, float]:
    """What a target admits, for comparing two: ≥ 5 is [5, ∞), ≤ 5 is [0, 5], 5–10 is [5, 10]."""
    low, high = bounds(t)
    if t.comparator == "≥" or (t.value is None and t.max is None):
        high = INF
    if t.comparator == "≤" or (t.value is None and t.min is None):
        low = 0.0
    return low, high


def level_of(targets) -> tuple[float, float] | None:
    """The figure a document gives for one indicator, on one basis: parts marked `summed` add
    up (10 + 8 = 18); a restatement or a range widens it; None when every figure is unknown."""
    known = [t for t in targets if not t.unknown]
    if not known:
        return None
    ends = []
    parts = [interval(t) for t in known if t.summed]
    if parts:
        ends.append((sum(low for low, _ in parts), sum(high for _, high in parts)))
    ends += [interval(t) for t in known if not t.summed]
    return min(low for low, _ in ends), max(high for _, high in ends)


def _direction(before: tuple[float, float], after: tuple[float, float]) -> str:
    if after == before:
        return "carried"
    (b_low, b_high), (a_low, a_high) = before, after
    low = (a_low > b_low) - (a_low < b_low)
    if (a_high == INF) != (b_high == INF):
        # "at least 1" against "1 to 2": only the floors say anything about the level
        return "raised" if low > 0 else "lowered" if low < 0 else "changed"
    high = (a_high > b_high) - (a_high < b_high)
    if low >= 0 and high >= 0:
        return "raised"
    if low <= 0 and high <= 0:
        return "lowered"
    return "changed"


def compare_targets(before: tuple[Target, ...], after: tuple[Target, ...], order, basis_of=None) -> tuple[Change, ...]:
    """Match two documents' targets by indicator and compare those on one basis (period,
    tier, scheme: comparable.py): carried over, raised or lowered, changed, not compared
    ("apart", with both bases), unknown (a figure lost in the source), new, dropped.
    `basis_of(target)`: its Basis; without it every figure of an indicator compares."""
    basis_of = basis_of or (lambda t: None)
    by_before: dict[str, list[Target]] = {}
    by_after: dict[str, list[Target]] = {}
    for t in before:
        by_before.setdefault(t.indicator, []).append(t)
    for t in after:
        by_after.setdefault(t.indicator, []).append(t)
    changes = []
    for indicator in order:
        b, a = tuple(by_before.get(indicator, ())), tuple(by_after.get(indicator, ()))
        if not b and not a:
            continue
        if not b:
            changes.append(Change(indicator, "new", b, a))
            continue
        if not a:
            changes.append(Change(indicator, "dropped", b, a))
            continue
        b_bases = {basis_of(t) for t in b}
        a_bases = {basis_of(t) for t in a}
        common = sorted(b_bases & a_bases, key=lambda x: x.sort_key() if hasattr(x, "sort_key") else (str(x),))
        if not common:
            first = lambda ts: basis_of(ts[0])  # noqa: E731
            changes.append(Change(indicator, "apart", b, a, (first(b), first(a))))
            continue
        shared = common[0]
        b_level = level_of([t for t in b if basis_of(t) == shared])
        a_level = level_of([t for t in a if basis_of(t) == shared])
        kind = "unknown" if b_level is None or a_level is None else _direction(b_level, a_level)
        changes.append(Change(indicator, kind, b, a))
    return tuple(sorted(changes, key=lambda c: CHANGE_KINDS.index(c.kind)))


def document_pairs(corpus: Corpus, jurisdiction: Jurisdiction, documents=None) -> tuple[DocumentPair, ...]:
    """Like for like over time: consecutive documents of the same type that a jurisdiction
    issued itself, compared on the targets set for that jurisdiction. `documents`: the
    candidates, when the caller has them indexed (all of the corpus otherwise)."""
    if jurisdiction.id == UNKNOWN_JURISDICTION:
        return ()     # documents of unknown place are not one place's series of plans
    basis_of = lambda t: basis(t, corpus.indicators[t.indicator], corpus.jurisdictions)  # noqa: E731
    own = sorted((d for d in (corpus.documents if documents is None else documents)
                  if d.jurisdiction == jurisdiction.id), key=lambda d: (d.year, d.id))
    pairs = []
    for doc_type in dict.fromkeys(d.doc_type for d in own):
        series = [d for d in own if d.doc_type == doc_type]
        for before, after in zip(series, series[1:]):
            mine = lambda d: tuple(t for t in d.targets if t.jurisdiction == jurisdiction.id)  # noqa: E731
            pairs.append(DocumentPair(jurisdiction.id, before, after,
                                      compare_targets(mine(before), mine(after), corpus.indicators, basis_of)))
    return tuple(pairs)
