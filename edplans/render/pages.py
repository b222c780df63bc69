"""The comparative pages (themes, indicators, jurisdictions, compare, data) as views:
everything a template shows, counted, sorted and formatted here. Templates lay it out.

A view is built for `zh` or `en`; the zh-hant page reuses the zh view (the whole page is
converted afterwards, and relative links are the same in every language tree)."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Callable

from ..model import Bilingual, Corpus, Document, Indicator, Jurisdiction, Target, Theme
from . import urls
from .analysis import (CHANGE_KINDS, DocumentPair, GroupCount, ThemeShare, document_pairs, group_counts,
                       jurisdiction_groups, jurisdiction_order, level_of, ordered_targets, shared_indicators,
                       theme_shares)
from .comparable import basis_label, group_by_basis, is_excerpt, why_apart
from .analysis import OTHER, province_of
from .collections import PAGE_SIZE, passages_id
from .charts import (Chart, Context, Point, counts_chart, document_label, indicator_chart, profile_chart,
                     shares_chart, target_table)
from .strips import theme_strips
from .views import amount, figure

CHART_GROUPS = 4              # charts an indicator page draws, one per comparable group
HEADLINE_MARKS = 4            # rows a home-page headline strip shows per group
ROW_CAP = 40                  # documents (or jurisdictions) a chart shows one row each, before provinces
SHARES_FILE = "data/theme-shares.csv"


def document_json_path(doc_id: str) -> str:
    return f"data/documents/{doc_id}.json.gz"


def column_path(doc_id: str, column: str) -> str:
    """A document's column file; the one there is, "en-hant": the passages whose English quotes
    Chinese, converted for the traditional page (data.column_file)."""
    return f"data/documents/{doc_id}.{column}.json.gz"


@dataclass(frozen=True)
class Analysis:
    """Computed once per build, shared by every page and language."""

    corpus: Corpus
    shares: dict[str, dict[str, ThemeShare]]
    order: tuple[str, ...]                    # jurisdictions in page order
    targets: tuple[Target, ...]               # every target, in page order (jurisdiction, year)
    indicator_counts: dict[str, int]
    theme_target_counts: dict[str, int]
    provinces: dict[str, str]                 # jurisdiction id -> its province (or OTHER)
    index: "Index"

    @classmethod
    def of(cls, corpus: Corpus) -> "Analysis":
        counts: dict[str, int] = {}
        by_theme: dict[str, int] = {}
        for target in corpus.targets():
            counts[target.indicator] = counts.get(target.indicator, 0) + 1
            theme = corpus.indicators[target.indicator].theme
            by_theme[theme] = by_theme.get(theme, 0) + 1
        provinces = {j: province_of(j, corpus.jurisdictions) for j in corpus.jurisdictions}
        targets = tuple(ordered_targets(corpus))
        return cls(corpus, theme_shares(corpus), tuple(jurisdiction_order(corpus)), targets,
                   counts, by_theme, provinces, Index.of(corpus, targets))

    def rank(self, jurisdiction: str) -> int:
        return self.index.rank.get(jurisdiction, len(self.index.rank))

    def documents_in_order(self) -> list:
        return sorted(self.corpus.documents, key=lambda d: (self.rank(d.jurisdiction), d.year, d.id))

    @functools.cached_property
    def excerpts(self) -> int:
        """Documents that are excerpts: labelled on charts and left out of theme shares."""
        return sum(1 for d in self.corpus.documents if is_excerpt(d))

    def shares_caption(self, t, caption: str) -> str:
        note = " " + t("chart_excerpts_left_out", count=self.excerpts) if self.excerpts else ""
        return t(caption) + (" " + t("chart_by_province") if self.by_province else "") + note

    @property
    def by_province(self) -> bool:
        """Past ROW_CAP documents, a chart or table row per document would grow with the
        corpus: rows become provinces (their documents pooled)."""
        return len(self.corpus.documents) > ROW_CAP


@dataclass(frozen=True)
class Index:
    """Lookups every page would otherwise redo by walking the whole corpus (a jurisdiction
    page per jurisdiction times every document is quadratic): built once per plan."""

    rank: dict[str, int]                      # jurisdiction -> position in page order
    groups: tuple                             # the home page's jurisdiction tree
    pages: tuple[Jurisdiction, ...]           # jurisdictions with a page
    children: dict[str, tuple[Jurisdiction, ...]]
    documents: dict[str, tuple]               # jurisdiction -> documents that speak for it, by year
    own: dict[str, tuple]                     # jurisdiction -> documents it issued
    by_jurisdiction: dict[str, tuple[Target, ...]]
    by_indicator: dict[str, tuple[Target, ...]]
    by_theme: dict[str, tuple[Target, ...]]

    @classmethod
    def of(cls, corpus: Corpus, targets: tuple[Target, ...]) -> "Index":
        groups = jurisdiction_groups(corpus)
        pages = tuple(g.jurisdiction for g in groups)
        children: dict[str, list] = {}
        for j in pages:
            if j.parent:
                children.setdefault(j.parent, []).append(j)
        documents: dict[str, list] = {}
        own: dict[str, list] = {}
        for d in corpus.documents:
            own.setdefault(d.jurisdiction, []).append(d)
            for j in d.jurisdictions:
                documents.setdefault(j, []).append(d)
        by_j: dict[str, list] = {}
        by_i: dict[str, list] = {}
        by_t: dict[str, list] = {}
        for t in targets:
            by_j.setdefault(t.jurisdiction, []).append(t)
            by_i.setdefault(t.indicator, []).append(t)
            by_t.setdefault(corpus.indicators[t.indicator].theme, []).append(t)
        order = [g.jurisdiction.id for g in groups if g.documents]
        return cls({j: i for i, j in enumerate(order)}, groups, pages,
                   {k: tuple(sorted(v, key=lambda j: j.name.en)) for k, v in children.items()},
                   {k: tuple(sorted(v, key=lambda d: (d.year, d.id))) for k, v in documents.items()},
                   {k: tuple(v) for k, v in own.items()},
                   {k: tuple(v) for k, v in by_j.items()}, {k: tuple(v) for k, v in by_i.items()},
                   {k: tuple(v) for k, v in by_t.items()})


def _context(lang: str, path: str, t: Callable[..., str]) -> Context:
    return Context(lang, lambda target: urls.relative(path, target), t)


def _document_labels(corpus: Corpus, lang: str) -> dict[str, str]:
    return {d.id: document_label(d, lang, corpus.jurisdictions[d.jurisdiction].name) for d in corpus.documents}


def _downloads(ctx: Context, *paths: str) -> tuple[tuple[str, str], ...]:
    names = {"csv": "CSV", "json": "JSON", "csv.gz": "CSV, gzip", "json.gz": "JSON, gzip"}
    return tuple((ctx.t("download_data", format=names[p.split(".", 1)[1]]), ctx.link(p)) for p in paths)


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
    passages: tuple            # PlacedItem


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
    charts: tuple[Chart, ...]     # shares, then counts when the theme has targets
    strips: tuple                 # strips.Strip: the indicators compared across plans
    figures: object               # charts.Table: the first page of every figure
    figure_downloads: tuple
    indicators: tuple[IndicatorLink, ...]
    passage_count: int
    target_count: int
    jurisdiction_count: int
    charted: int                  # targets on the chart and the table's first page
    first_targets: tuple          # the first page of the theme's targets collection (items)
    shown_passages: int           # passages on the first page


def _theme_summaries(analysis: Analysis) -> tuple[ThemeSummary, ...]:
    corpus = analysis.corpus
    out = []
    for theme in corpus.themes.values():
        counts = [d.count(passages_id(theme.id)) for d in corpus.documents]
        out.append(ThemeSummary(theme, sum(counts), analysis.theme_target_counts.get(theme.id, 0),
                                sum(1 for c in counts if c)))
    return tuple(out)


@dataclass(frozen=True)
class ShareRow:
    """A row of a shares chart: a document, or (past ROW_CAP documents) a province."""

    id: str
    title: Bilingual


def share_rows(analysis: Analysis, lang: str, link) -> tuple[list[ShareRow], dict, dict, dict]:
    """(rows, shares, labels, hrefs): one row per document, or per province with its
    documents' characters pooled, so the chart stays the same size at any corpus size."""
    corpus = analysis.corpus
    if not analysis.by_province:
        documents = [d for d in analysis.documents_in_order() if not is_excerpt(d)]
        labels = _document_labels(corpus, lang)
        return ([ShareRow(d.id, d.title) for d in documents], analysis.shares, labels,
                {d.id: link(urls.document(lang, d.id)) for d in documents})
    pooled: dict[str, dict[str, float]] = {}
    totals: dict[str, int] = {}
    counts: dict[str, int] = {}
    for d in corpus.documents:
        if is_excerpt(d):
            continue
        province = analysis.provinces.get(d.jurisdiction, OTHER)
        by_theme = pooled.setdefault(province, {})
        for theme, chars in d.shares.get("", {}).items():
            by_theme[theme] = by_theme.get(theme, 0.0) + chars
        totals[province] = totals.get(province, 0) + d.totals.get("", 0)
        counts[province] = counts.get(province, 0) + 1
    order = sorted(pooled, key=lambda p: (p == OTHER, corpus.jurisdictions[p].name.en if p in corpus.jurisdictions
                                          else ""))
    shares = {p: {th: ThemeShare(p, None, th, pooled[p].get(th, 0.0), totals[p],
                                 round(100 * pooled[p].get(th, 0.0) / totals[p], 1) if totals[p] else 0.0)
                  for th in corpus.themes} for p in order}
    other = Bilingual("其他地区", "Elsewhere")
    rows = [ShareRow(p, corpus.jurisdictions[p].name if p in corpus.jurisdictions else other) for p in order]
    labels = {r.id: f"{r.title.get(lang)} ({counts[r.id]})" for r in rows}
    hrefs = {r.id: link(urls.jurisdiction(lang, r.id)) if r.id in corpus.jurisdictions else link(urls.home(lang))
             for r in rows}
    return rows, shares, labels, hrefs


def themes_index(analysis: Analysis, lang: str, path: str, t) -> ThemesIndex:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    rows, shares, labels, _ = share_rows(analysis, lang, ctx.link)
    caption = analysis.shares_caption(t, "chart_profile_caption")
    profile = profile_chart(ctx, "chart-profile", corpus, rows, shares, labels, _downloads(ctx, SHARES_FILE),
                            caption)
    return ThemesIndex(_theme_summaries(analysis), profile)


@dataclass(frozen=True)
class ItemPassage:
    """A passage from a collection shard, with what a theme or compare page shows of it."""

    id: str
    en: str | None


@dataclass(frozen=True)
class PlacedItem:
    document: object             # the document's summary (id, title)
    passage: ItemPassage
    jurisdiction: str
    item: dict

    def text(self, lang: str) -> tuple[str, str]:
        source = self.item["zh_hant"] if lang == "zh-hant" else self.item["zh"]
        cut = self.item["lead"] if lang != "zh-hant" or len(source) == len(self.item["zh"]) else 0
        return source[:cut], source[cut:]


def placed_items(items: list[dict], corpus: Corpus) -> list[PlacedItem]:
    summaries = {d.id: d for d in corpus.documents}
    return [PlacedItem(summaries[it["d"]], ItemPassage(it["p"], it["en"]), it["j"], it)
            for it in items if it["d"] in summaries]


def _passage_groups(theme: Theme, placed: list[PlacedItem], lang: str, t, order) -> tuple[tuple, tuple]:
    """The first page of a theme's passages, side by side: groups by sub-topic, a column per
    jurisdiction (a passage tagged with two sub-topics appears under both)."""
    rank = {j: i for i, j in enumerate(order)}
    columns = sorted(dict.fromkeys(p.jurisdiction for p in placed), key=lambda j: (rank.get(j, len(rank)), j))
    sub_names = {s.id: s.name.get(lang) for s in theme.subtopics}
    groups = []
    for sub in [s.id for s in theme.subtopics] + [None]:
        members = [p for p in placed if (sub in p.item["s"]) or (sub is None and not p.item["s"])]
        if not members:
            continue
        cols = tuple((j, tuple(p for p in members if p.jurisdiction == j)) for j in columns)
        name = sub_names.get(sub) if sub else (t("group_other") if theme.subtopics else None)
        groups.append((sub, name, cols, len(members)))
    return tuple(columns), tuple(groups)


def theme_page(analysis: Analysis, theme: Theme, lang: str, path: str, t, first_page: list[dict],
               first_targets: list[dict]) -> ThemePage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    column_ids, raw_groups = _passage_groups(theme, placed_items(first_page, corpus), lang, t, analysis.order)
    groups = tuple(Group(sub, name, tuple(Column(corpus.jurisdictions[j], ps) for j, ps in cols), count)
                   for sub, name, cols, count in raw_groups)
    targets = analysis.index.by_theme.get(theme.id, ())
    rows, shares, labels, hrefs = share_rows(analysis, lang, ctx.link)
    charts = [shares_chart(ctx, "chart-shares", theme, rows, shares, labels, hrefs, _downloads(ctx, SHARES_FILE),
                           analysis.shares_caption(t, "chart_shares_caption"))]
    downloads = _downloads(ctx, f"data/themes/{theme.id}/targets.csv.gz", f"data/themes/{theme.id}/targets.json.gz")
    strips, figures = (), None
    if targets:
        counts = group_counts(corpus, theme, targets)
        if analysis.by_province:
            counts = _province_counts(analysis, counts)
        charts.append(counts_chart(ctx, "chart-counts", corpus, theme, counts,
                                   {j: ctx.link(urls.jurisdiction(lang, j)) + "#targets" for j in corpus.jurisdictions},
                                   downloads))
        strips = theme_strips(corpus, targets, lang, ctx.link, t)
        if len(targets) <= PAGE_SIZE:      # more: the paged browser shows them (first_targets)
            figures = target_table(_points(analysis, targets, ctx, row="indicator"), ctx,
                                   with_indicator=True, with_document=True)
    indicators = tuple(IndicatorLink(i, analysis.indicator_counts.get(i.id, 0))
                       for i in corpus.indicators.values() if i.theme == theme.id)
    passage_count = sum(d.count(passages_id(theme.id)) for d in corpus.documents)
    jurisdictions = {j for d in corpus.documents for j in d.collections.get(passages_id(theme.id), ())[1::2]}
    return ThemePage(theme, groups, tuple(corpus.jurisdictions[j] for j in column_ids), tuple(charts),
                     strips, figures, downloads, indicators, passage_count, len(targets), len(jurisdictions),
                     min(len(targets), PAGE_SIZE), tuple(first_targets), len(first_page))


def _province_counts(analysis: Analysis, counts: tuple[GroupCount, ...]) -> tuple[GroupCount, ...]:
    """Target counts per province instead of per jurisdiction (past ROW_CAP documents)."""
    pooled: dict[tuple[str, str | None], int] = {}
    for c in counts:
        key = (analysis.provinces.get(c.jurisdiction, OTHER), c.group)
        pooled[key] = pooled.get(key, 0) + c.count
    return tuple(GroupCount(p, g, n) for (p, g), n in pooled.items() if p in analysis.corpus.jurisdictions)


# --------------------------------------------------------------------------- indicators

@dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    theme: Theme
    subtopic: str | None          # its name
    charts: tuple[Chart, ...]     # one per basis (comparable.py): figures that compare, the largest group first
    charted: int                  # figures on the charts: the first page of the indicator's targets
    documents: int
    jurisdictions: int
    target_count: int

    @property
    def apart(self) -> int:
        """How many groups of figures that do not compare, when more than one."""
        return len(self.charts) if len(self.charts) > 1 else 0


@dataclass(frozen=True)
class IndicatorsIndex:
    themes: tuple[tuple[Theme, tuple[IndicatorLink, ...]], ...]
    shared: tuple[IndicatorLink, ...]


def indicator_page(analysis: Analysis, indicator: Indicator, lang: str, path: str, t) -> IndicatorPage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    targets = analysis.index.by_indicator.get(indicator.id, ())
    theme = corpus.themes[indicator.theme]
    sub = next((s.name.get(lang) for s in theme.subtopics if s.id == indicator.subtopic), None)
    downloads = _downloads(ctx, f"data/indicators/{indicator.id}/targets.csv.gz")
    # a chart per group of the first page's figures, at most CHART_GROUPS (a scheme of each
    # city's own makes a group per city); the table below pages through every figure
    groups = group_by_basis(targets[:PAGE_SIZE], corpus.indicators, corpus.jurisdictions)[:CHART_GROUPS]
    charts = tuple(indicator_chart(ctx, f"chart-indicator-{n}" if n else "chart-indicator", indicator,
                                   _points(analysis, members, ctx, row="document"), downloads,
                                   basis_label(b, lang, corpus.jurisdictions), len(groups))
                   for n, (b, members) in enumerate(groups))
    return IndicatorPage(indicator, theme, sub, charts, sum(len(c.table.rows) for c in charts), len({t.document for t in targets}),
                         len({t.jurisdiction for t in targets}), len(targets))


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
    note: str = ""                # why the two figures are not compared


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
    target_count: int                    # its targets (the browser loads them from the shards)
    pairs: tuple[PairView, ...]
    downloads: tuple[tuple[str, str], ...]


def _figures(targets, lang: str, corpus: Corpus) -> str:
    """The figures a document gives for one indicator; parts that add up as "10 + 8 = 18 …"."""
    parts = [t for t in targets if t.summed and not t.unknown]
    shown = [figure(t, corpus.indicators[t.indicator], lang) for t in targets if not (t.summed and not t.unknown)]
    if len(parts) > 1:
        indicator = corpus.indicators[parts[0].indicator]
        total = level_of(parts)
        numbers = " + ".join(amount(t, lang) for t in parts)
        if total and total[0] == total[1]:
            summed = dataclasses.replace(parts[0], value=total[0], min=None, max=None, comparator="=", summed=False)
            shown.insert(0, f"{numbers} = {figure(summed, indicator, lang)}")
        else:
            shown.insert(0, numbers)
    return "; ".join(shown) or "—"


def _pair_view(pair: DocumentPair, analysis: Analysis, lang: str, ctx: Context) -> PairView:
    corpus = analysis.corpus

    def href(targets):
        return (ctx.link(urls.document(lang, targets[0].document)) + "#" + targets[0].passage) if targets else None

    def note(c) -> str:
        if c.kind != "apart":
            return ""
        return ctx.t("change_apart_note", reason=why_apart(*c.bases, lang, corpus.jurisdictions))

    rows = [ChangeRow(corpus.indicators[c.indicator], c.kind, _figures(c.before, lang, corpus),
                      _figures(c.after, lang, corpus), href(c.before), href(c.after), CHANGE_KINDS.index(c.kind),
                      note(c))
            for c in pair.changes]
    kinds = tuple((k, tuple(r for r in rows if r.kind == k)) for k in CHANGE_KINDS if any(r.kind == k for r in rows))
    # the pair's two labels only: labelling every document for each pair made a
    # jurisdiction page cost grow with the corpus
    before, after = (document_label(d, lang, corpus.jurisdictions[d.jurisdiction].name)
                     for d in (pair.before, pair.after))
    return PairView(pair.before, pair.after, before, after, kinds, tuple((k, len(rs)) for k, rs in kinds))


def jurisdiction_pages(analysis: Analysis):
    """The jurisdictions the home page lists (with documents, or above some that have)."""
    return analysis.index.pages


def jurisdiction_page(analysis: Analysis, jurisdiction: Jurisdiction, lang: str, path: str, t) -> JurisdictionPage:
    ctx = _context(lang, path, t)
    corpus = analysis.corpus
    documents = analysis.index.documents.get(jurisdiction.id, ())
    children = analysis.index.children.get(jurisdiction.id, ())
    profile = None
    if documents:
        shares = theme_shares(corpus, jurisdiction.id, documents)
        labels = {d.id: document_label(d, lang, jurisdiction.name) for d in documents}
        profile = profile_chart(ctx, "chart-profile", corpus, list(documents), shares, labels,
                                _downloads(ctx, SHARES_FILE), t("chart_profile_jurisdiction_caption"))
    targets = analysis.index.by_jurisdiction.get(jurisdiction.id, ())
    pairs = tuple(_pair_view(p, analysis, lang, ctx)
                  for p in document_pairs(corpus, jurisdiction, analysis.index.own.get(jurisdiction.id, ())))
    parent = corpus.jurisdictions.get(jurisdiction.parent) if jurisdiction.parent else None
    base = f"data/jurisdictions/{jurisdiction.id}/targets"
    return JurisdictionPage(jurisdiction, parent, children, documents, profile, len(targets), pairs,
                            _downloads(ctx, base + ".csv.gz"))


# --------------------------------------------------------------------------- compare

@dataclass(frozen=True)
class CompareSide:
    document: Document
    share: str                    # "12.3%"
    targets: int
    passages: tuple            # PlacedItem


@dataclass(frozen=True)
class CompareRow:
    theme: Theme
    sides: tuple[CompareSide, CompareSide]


COMPARE_CAP = 60             # documents the menus list at once; past that, a province first


@dataclass(frozen=True)
class CompareMenu:
    side: str
    chosen: Document
    province: str | None          # None: one menu of every document (a small corpus)
    documents: tuple[Document, ...]   # the menu's options: all, or the chosen one's province's


@dataclass(frozen=True)
class ComparePage:
    labels: dict[str, str]
    a: Document
    b: Document
    rows: tuple[CompareRow, ...]
    menus: tuple[CompareMenu, CompareMenu]
    provinces: tuple[tuple[str, str], ...]   # (id, name) of provinces with documents, when grouped


def compare_page(analysis: Analysis, lang: str, path: str, t, items_of) -> ComparePage:
    """Two documents side by side, theme by theme. The build renders a default pair (the
    first like-for-like pair over time); compare.js swaps in any other from the JSON.
    items_of(doc id) gives a document's collection items (its passages per theme)."""
    corpus = analysis.corpus
    documents = tuple(analysis.documents_in_order())
    # the first jurisdiction, in page order, with a pair (the pairs of all 1,200 jurisdictions of
    # the bench corpus took 0.2 s a language, for one pair)
    first = next((p for j in jurisdiction_pages(analysis)
                  for p in document_pairs(corpus, j, analysis.index.own.get(j.id, ()))), None)
    a, b = (first.before, first.after) if first else (documents[0], documents[min(1, len(documents) - 1)])
    items = {d.id: items_of(d.id) for d in (a, b)}

    def side(document, theme: Theme) -> CompareSide:
        passages = tuple(placed_items(items[document.id].get(passages_id(theme.id), []), corpus))
        count = sum(1 for tg in document.targets if corpus.indicators[tg.indicator].theme == theme.id)
        return CompareSide(document, f"{analysis.shares[document.id][theme.id].percent:.1f}%", count, passages)

    rows = tuple(CompareRow(theme, (side(a, theme), side(b, theme))) for theme in corpus.themes.values())
    labels = _document_labels(corpus, lang)
    if len(documents) <= COMPARE_CAP:
        menus = tuple(CompareMenu(name, doc, None, documents) for name, doc in (("a", a), ("b", b)))
        return ComparePage(labels, a, b, rows, menus, ())
    province = {d.id: analysis.provinces.get(d.jurisdiction, OTHER) for d in documents}
    menus = tuple(CompareMenu(name, doc, province[doc.id],
                              tuple(d for d in documents if province[d.id] == province[doc.id]))
                  for name, doc in (("a", a), ("b", b)))
    shown = {d.id for m in menus for d in m.documents}
    names = tuple((p, corpus.jurisdictions[p].name.get(lang) if p in corpus.jurisdictions else t("home_elsewhere"))
                  for p in dict.fromkeys(province[d.id] for d in documents))
    return ComparePage({k: v for k, v in labels.items() if k in shown}, a, b, rows, menus, names)


def province_documents(analysis: Analysis) -> dict[str, list]:
    """province -> its documents in page order: the compare page's menus load these lists."""
    out: dict[str, list] = {}
    for d in analysis.documents_in_order():
        out.setdefault(analysis.provinces.get(d.jurisdiction, OTHER), []).append(d)
    return out


# --------------------------------------------------------------------------- home and glossary

HOME_TREE_CAP = 60           # jurisdictions listed one by one on the home page, before provinces


@dataclass(frozen=True)
class ProvinceRow:
    jurisdiction: Jurisdiction | None     # None: jurisdictions outside any province (unknown ones)
    jurisdictions: int
    documents: int


@dataclass(frozen=True)
class HomeView:
    featured: tuple[ThemeSummary, ...]
    headlines: dict                        # featured theme id -> its headline Strip (None: no comparison yet)
    groups: tuple                          # the jurisdiction tree, when small enough
    provinces: tuple[ProvinceRow, ...]     # otherwise one row per province
    document_count: int
    jurisdiction_count: int
    target_count: int


def home_view(analysis: Analysis, lang: str, path: str, t) -> HomeView:
    corpus = analysis.corpus
    groups = analysis.index.groups
    featured = tuple(s for s in _theme_summaries(analysis) if s.theme.featured)
    jurisdictions = {j for d in corpus.documents for j in d.jurisdictions}
    provinces: tuple[ProvinceRow, ...] = ()
    if len(groups) > HOME_TREE_CAP:
        docs: dict[str, set] = {}
        places: dict[str, set] = {}
        for d in corpus.documents:
            for j in d.jurisdictions:
                p = analysis.provinces.get(j, OTHER)
                docs.setdefault(p, set()).add(d.id)
                places.setdefault(p, set()).add(j)
        order = sorted(docs, key=lambda p: (p == OTHER, corpus.jurisdictions[p].name.en if p in corpus.jurisdictions
                                            else ""))
        provinces = tuple(ProvinceRow(corpus.jurisdictions.get(p), len(places[p]), len(docs[p])) for p in order)
        groups = ()
    link = _context(lang, path, t).link
    headlines = {}
    for summary in featured:
        top = theme_strips(corpus, analysis.index.by_theme.get(summary.theme.id, ()), lang, link, t, limit=1,
                           marks=HEADLINE_MARKS)
        headlines[summary.theme.id] = top[0] if top else None
    return HomeView(featured, headlines, groups, provinces, len(corpus.documents), len(jurisdictions),
                    len(analysis.targets))


@dataclass(frozen=True)
class GlossaryRow:
    term: object                  # GlossaryTerm
    themes: tuple[Theme, ...]
    count: int                    # passages that use it
    documents: int


def glossary_view(analysis: Analysis) -> tuple[GlossaryRow, ...]:
    """Every term with how often the corpus uses it; the occurrences themselves are a
    collection (data/glossary/<term>/), loaded when a reader opens them."""
    corpus = analysis.corpus
    counts: dict[str, int] = {}
    documents: dict[str, int] = {}
    for d in corpus.documents:
        for collection, entry in d.collections.items():
            if collection.startswith("glossary/"):
                term = collection.split("/", 1)[1]
                counts[term] = counts.get(term, 0) + sum(entry[2::2])
                documents[term] = documents.get(term, 0) + 1
    return tuple(GlossaryRow(term, tuple(corpus.themes[t] for t in term.themes), counts.get(term.id, 0),
                             documents.get(term.id, 0))
                 for term in sorted(corpus.glossary.values(), key=lambda t: t.en.strip('"').lower()))
