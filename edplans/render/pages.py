"""The comparative pages (themes, indicators, jurisdictions, compare, data) as views:
everything a template shows, counted, sorted and formatted here. Templates lay it out.

A view is built for `zh` or `en`; the zh-hant page reuses the zh view (the whole page is
converted afterwards, and relative links are the same in every language tree)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Corpus, Document, Indicator, Jurisdiction, Target, Theme
from . import urls
from .analysis import (CHANGE_KINDS, DocumentPair, PlacedPassage, ThemeShare, document_pairs, group_counts,
                       jurisdiction_groups, jurisdiction_order, ordered_targets, document_passages, shared_indicators,
                       targets_for_indicator, targets_for_theme, theme_passages, theme_shares)
from .charts import (Chart, Context, Point, Table, counts_chart, document_label, indicator_chart, profile_chart,
                     shares_chart, target_table, targets_chart)
from .views import figure

DATA_FILES = ("data/targets.csv", "data/targets.json")
SHARES_FILE = "data/theme-shares.csv"


def document_json_path(doc_id: str) -> str:
    return f"data/documents/{doc_id}.json"


@dataclass(frozen=True)
class Analysis:
    """Computed once per build, shared by every page and language."""

    corpus: Corpus
    shares: dict[str, dict[str, ThemeShare]]
    order: tuple[str, ...]                    # jurisdictions in page order
    targets: tuple[Target, ...]               # every target, in page order (jurisdiction, year)
    indicator_counts: dict[str, int]
    theme_target_counts: dict[str, int]

    @classmethod
    def of(cls, corpus: Corpus) -> "Analysis":
        counts: dict[str, int] = {}
        by_theme: dict[str, int] = {}
        for target in corpus.targets():
            counts[target.indicator] = counts.get(target.indicator, 0) + 1
            theme = corpus.indicators[target.indicator].theme
            by_theme[theme] = by_theme.get(theme, 0) + 1
        return cls(corpus, theme_shares(corpus), tuple(jurisdiction_order(corpus)), tuple(ordered_targets(corpus)),
                   counts, by_theme)


def _context(lang: str, path: str, t: Callable[..., str]) -> Context:
    return Context(lang, lambda target: urls.relative(path, target), t)


def _document_labels(corpus: Corpus, lang: str) -> dict[str, str]:
    return {d.id: document_label(d, lang, corpus.jurisdictions[d.jurisdiction].name) for d in corpus.documents}


def _downloads(ctx: Context, *paths: str) -> tuple[tuple[str, str], ...]:
    names = {"csv": "CSV", "json": "JSON"}
    return tuple((ctx.t("download_data", format=names[p.rsplit(".", 1)[1]]), ctx.link(p)) for p in paths)


def _points(analysis: Analysis, targets, ctx: Context, *, row: str) -> list[Point]:
    """Targets as chart points. row="indicator": a row per indicator (a restatement in the same
    document gets its own numbered row); row="document": a row per jurisdiction and document."""
    corpus = analysis.corpus
    seen: dict[tuple, int] = {}
    points = []
    for t in targets:
        document = corpus.document(t.document)
        indicator = corpus.indicators[t.indicator]
        jurisdiction = corpus.jurisdictions[t.jurisdiction]
        label = document_label(document, ctx.lang, jurisdiction.name)
        key = (t.indicator, t.document, t.jurisdiction) if row == "indicator" else (t.document, t.jurisdiction)
        seen[key] = seen.get(key, 0) + 1
        base = indicator.name.get(ctx.lang) if row == "indicator" else label
        row_label = base if seen[key] == 1 else f"{base} ({seen[key]})"
        points.append(Point(t, indicator, row_label, jurisdiction.name.get(ctx.lang), label,
                            figure(t, indicator, ctx.lang),
                            ctx.link(urls.document(ctx.lang, t.document)) + "#" + t.passage,
                            ctx.link(urls.indicator(ctx.lang, t.indicator))))
    return points


# --------------------------------------------------------------------------- themes

@dataclass(frozen=True)
class ThemeSummary:
    theme: Theme
    passages: int
    targets: int
    documents: int


@dataclass(frozen=True)
class ThemesIndex:
    themes: tuple[ThemeSummary, ...]
    profile: Chart


@dataclass(frozen=True)
class Column:
    jurisdiction: Jurisdiction
    passages: tuple[PlacedPassage, ...]


@dataclass(frozen=True)
class Group:
    subtopic: str | None
    name: str | None              # None: the theme has no sub-topics
    columns: tuple[Column, ...]
    count: int

    @property
    def column_heading(self) -> int:
        """Jurisdiction headings sit under the sub-topic's h3, or straight under the h2."""
        return 4 if self.name else 3


@dataclass(frozen=True)
class IndicatorLink:
    indicator: Indicator
    count: int


@dataclass(frozen=True)
class ThemePage:
    theme: Theme
    groups: tuple[Group, ...]
    columns: tuple[Jurisdiction, ...]
    charts: tuple[Chart, ...]     # shares, counts, targets (the last doubles as the sortable table)
    indicators: tuple[IndicatorLink, ...]
    passage_count: int
    target_count: int
    jurisdiction_count: int


def _theme_summaries(analysis: Analysis) -> tuple[ThemeSummary, ...]:
    corpus = analysis.corpus
    out = []
    for theme in corpus.themes.values():
        tagged = [(d.id, p.id) for d in corpus.documents for p in d.passages() if theme.id in p.theme_ids]
        out.append(ThemeSummary(theme, len(tagged), analysis.theme_target_counts.get(theme.id, 0),
                                len({doc for doc, _ in tagged})))
    return tuple(out)


def themes_index(analysis: Analysis, lang: str, path: str, t) -> ThemesIndex:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    documents = sorted(corpus.documents, key=lambda d: (analysis.order.index(d.jurisdiction), d.year, d.id))
    profile = profile_chart(ctx, "chart-profile", corpus, documents, analysis.shares, _document_labels(corpus, lang),
                            {th: ctx.link(urls.theme(lang, th)) for th in corpus.themes},
                            _downloads(ctx, SHARES_FILE), t("chart_profile_caption"))
    return ThemesIndex(_theme_summaries(analysis), profile)


def theme_page(analysis: Analysis, theme: Theme, lang: str, path: str, t) -> ThemePage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    column_ids, raw_groups = theme_passages(corpus, theme)
    sub_names = {s.id: s.name.get(lang) for s in theme.subtopics}
    groups = tuple(Group(g.subtopic, sub_names.get(g.subtopic) if g.subtopic else
                         (t("group_other") if theme.subtopics else None),
                         tuple(Column(corpus.jurisdictions[j], ps) for j, ps in g.columns), g.count)
                   for g in raw_groups)
    targets = targets_for_theme(corpus, analysis.targets, theme.id)
    documents = sorted(corpus.documents, key=lambda d: (analysis.order.index(d.jurisdiction), d.year, d.id))
    labels = _document_labels(corpus, lang)
    charts = [shares_chart(ctx, "chart-shares", theme, documents, analysis.shares, labels,
                           {d.id: ctx.link(urls.document(lang, d.id)) for d in documents},
                           _downloads(ctx, SHARES_FILE))]
    if targets:
        counts = group_counts(corpus, theme, targets)
        charts.append(counts_chart(ctx, "chart-counts", corpus, theme, counts,
                                   {j: ctx.link(urls.jurisdiction(lang, j)) + "#targets" for j in corpus.jurisdictions},
                                   _downloads(ctx, *DATA_FILES)))
        points = _points(analysis, targets, ctx, row="indicator")
        columns = list(dict.fromkeys(p.document_label for p in points))
        charts.append(targets_chart(ctx, "chart-targets", theme, points, columns, _downloads(ctx, *DATA_FILES)))
    indicators = tuple(IndicatorLink(i, analysis.indicator_counts.get(i.id, 0))
                       for i in corpus.indicators.values() if i.theme == theme.id)
    passage_count = len({(p.document.id, p.passage.id) for g in raw_groups for _, ps in g.columns for p in ps})
    return ThemePage(theme, groups, tuple(corpus.jurisdictions[j] for j in column_ids), tuple(charts),
                     indicators, passage_count, len(targets), len(column_ids))


# --------------------------------------------------------------------------- indicators

@dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    theme: Theme
    subtopic: str | None          # its name
    chart: Chart
    documents: int
    jurisdictions: int


@dataclass(frozen=True)
class IndicatorsIndex:
    themes: tuple[tuple[Theme, tuple[IndicatorLink, ...]], ...]
    shared: tuple[IndicatorLink, ...]


def indicator_page(analysis: Analysis, indicator: Indicator, lang: str, path: str, t) -> IndicatorPage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    targets = targets_for_indicator(analysis.targets, indicator.id)
    points = _points(analysis, targets, ctx, row="document")
    theme = corpus.themes[indicator.theme]
    sub = next((s.name.get(lang) for s in theme.subtopics if s.id == indicator.subtopic), None)
    chart = indicator_chart(ctx, "chart-indicator", indicator, points, _downloads(ctx, *DATA_FILES))
    return IndicatorPage(indicator, theme, sub, chart, len({t.document for t in targets}),
                         len({t.jurisdiction for t in targets}))


def indicators_index(analysis: Analysis) -> IndicatorsIndex:
    corpus = analysis.corpus
    links = {i: IndicatorLink(ind, analysis.indicator_counts.get(i, 0)) for i, ind in corpus.indicators.items()}
    themes = tuple((th, tuple(links[i] for i, ind in corpus.indicators.items() if ind.theme == th.id))
                   for th in corpus.themes.values())
    shared = tuple(links[i] for i in shared_indicators(corpus, tuple(corpus.targets())))
    return IndicatorsIndex(tuple((th, ls) for th, ls in themes if ls), shared)


# --------------------------------------------------------------------------- jurisdictions

@dataclass(frozen=True)
class ChangeRow:
    indicator: Indicator
    kind: str
    before: str                   # the figures, as displayed ("—" when none)
    after: str
    before_href: str | None
    after_href: str | None
    rank: int                     # position of `kind` in CHANGE_KINDS, for sorting the table


@dataclass(frozen=True)
class PairView:
    before: Document
    after: Document
    before_label: str
    after_label: str
    kinds: tuple[tuple[str, tuple[ChangeRow, ...]], ...]   # in CHANGE_KINDS order, non-empty only
    summary: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class JurisdictionPage:
    jurisdiction: Jurisdiction
    parent: Jurisdiction | None
    children: tuple[Jurisdiction, ...]
    documents: tuple[Document, ...]      # every document that speaks for it, by year
    profile: Chart | None
    targets: Table | None                # its targets, sortable
    target_count: int
    pairs: tuple[PairView, ...]


def _figures(targets, lang: str, corpus: Corpus) -> str:
    return "; ".join(figure(t, corpus.indicators[t.indicator], lang) for t in targets) or "—"


def _pair_view(pair: DocumentPair, analysis: Analysis, lang: str, ctx: Context) -> PairView:
    corpus = analysis.corpus

    def href(targets):
        return (ctx.link(urls.document(lang, targets[0].document)) + "#" + targets[0].passage) if targets else None

    rows = [ChangeRow(corpus.indicators[c.indicator], c.kind, _figures(c.before, lang, corpus),
                      _figures(c.after, lang, corpus), href(c.before), href(c.after), CHANGE_KINDS.index(c.kind))
            for c in pair.changes]
    kinds = tuple((k, tuple(r for r in rows if r.kind == k)) for k in CHANGE_KINDS if any(r.kind == k for r in rows))
    labels = _document_labels(corpus, lang)
    return PairView(pair.before, pair.after, labels[pair.before.id], labels[pair.after.id], kinds,
                    tuple((k, len(rs)) for k, rs in kinds))


def jurisdiction_pages(analysis: Analysis):
    """The jurisdictions the home page lists (with documents, or above some that have)."""
    return [g.jurisdiction for g in jurisdiction_groups(analysis.corpus)]


def jurisdiction_page(analysis: Analysis, jurisdiction: Jurisdiction, lang: str, path: str, t) -> JurisdictionPage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    documents = tuple(sorted((d for d in corpus.documents if jurisdiction.id in d.jurisdictions),
                             key=lambda d: (d.year, d.id)))
    children = tuple(sorted((j for j in jurisdiction_pages(analysis) if j.parent == jurisdiction.id),
                            key=lambda j: j.name.en))
    profile = None
    if documents:
        shares = theme_shares(corpus, jurisdiction.id)
        labels = {d.id: document_label(d, lang, jurisdiction.name) for d in documents}
        profile = profile_chart(ctx, "chart-profile", corpus, list(documents), shares, labels,
                                {th: ctx.link(urls.theme(lang, th)) for th in corpus.themes},
                                _downloads(ctx, SHARES_FILE), t("chart_profile_jurisdiction_caption"))
    targets = [tg for tg in analysis.targets if tg.jurisdiction == jurisdiction.id]
    table = None
    if targets:
        table = target_table(_points(analysis, targets, ctx, row="document"), ctx, with_indicator=True,
                              with_document=True)
    pairs = tuple(_pair_view(p, analysis, lang, ctx) for p in document_pairs(corpus, jurisdiction))
    parent = corpus.jurisdictions.get(jurisdiction.parent) if jurisdiction.parent else None
    return JurisdictionPage(jurisdiction, parent, children, documents, profile, table, len(targets), pairs)


# --------------------------------------------------------------------------- compare

@dataclass(frozen=True)
class CompareSide:
    document: Document
    share: str                    # "12.3%"
    targets: int
    passages: tuple[PlacedPassage, ...]


@dataclass(frozen=True)
class CompareRow:
    theme: Theme
    sides: tuple[CompareSide, CompareSide]


@dataclass(frozen=True)
class ComparePage:
    documents: tuple[Document, ...]
    labels: dict[str, str]
    a: Document
    b: Document
    rows: tuple[CompareRow, ...]
    data: dict[str, str]          # document id -> href of its JSON


def compare_page(analysis: Analysis, lang: str, path: str, t) -> ComparePage:
    """Two documents side by side, theme by theme. The build renders a default pair (the
    first like-for-like pair over time); compare.js swaps in any other from the JSON."""
    corpus = analysis.corpus
    documents = tuple(sorted(corpus.documents, key=lambda d: (analysis.order.index(d.jurisdiction), d.year, d.id)))
    pairs = [p for j in jurisdiction_pages(analysis) for p in document_pairs(corpus, j)]
    a, b = (pairs[0].before, pairs[0].after) if pairs else (documents[0], documents[min(1, len(documents) - 1)])

    placed = {d.id: list(document_passages(d)) for d in (a, b)}

    def side(document: Document, theme: Theme) -> CompareSide:
        passages = tuple(p for p in placed[document.id] if theme.id in p.passage.theme_ids)
        count = sum(1 for tg in document.targets if corpus.indicators[tg.indicator].theme == theme.id)
        return CompareSide(document, f"{analysis.shares[document.id][theme.id].percent:.1f}%", count, passages)

    rows = tuple(CompareRow(theme, (side(a, theme), side(b, theme))) for theme in corpus.themes.values())
    return ComparePage(documents, _document_labels(corpus, lang), a, b, rows,
                       {d.id: urls.relative(path, document_json_path(d.id)) for d in documents})
