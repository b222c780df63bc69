"""Plotly figures, built in Python and embedded in the page as JSON, each with the table
that says the same thing (for readers without JavaScript and for screen readers).

One mark per table row, always: a bar per document (shares), a bar segment per
jurisdiction and indicator group (counts), a dot or a range bar per target. The browser
tests count them. Every string from content is HTML-escaped before Plotly sees it: Plotly
reads <br>, <b>, <a href> and entities in labels and hover text. A target's mark carries only
its row's number: charts.js takes its label, hover text and quote from the chart's phone row
and table row in the page (and escapes them), so each name and quote is in the page once."""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import Callable

import plotly.graph_objects as go

from ..model import Bilingual, Corpus, Document, Indicator, Target, Theme
from .analysis import GroupCount, ThemeShare, bounds
from .comparable import EXCERPT, is_excerpt

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
TARGET_COLOUR = "#0072B2"
ACHIEVEMENT_COLOUR = "#D55E00"
RANGE_COLOUR = "rgba(0, 114, 178, 0.35)"
GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SYMBOLS = {"=": "circle", "≥": "triangle-right", "≤": "triangle-left", "≈": "diamond"}
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', sans-serif"
ROW_HEIGHT = 30


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None       # already relative to the page
    zh: bool = False              # Chinese text on an English page (lang attribute)
    sort: str | None = None       # sort key when the text does not sort right (numbers)
    zh_quote: str | None = None   # the Chinese original under an English text
    shade: int | None = None      # 0–8: a heat-map cell's depth


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]     # right-aligned, sorted as numbers
    rows: tuple[tuple[Cell, ...], ...]
    row_ids: tuple[str, ...] = ()  # a chart's rows: where its marks read their hover text


@dataclass(frozen=True)
class Segment:
    """A bar on a row's track: where it starts and how long it is, in % of the track."""

    left: float
    width: float
    tone: int = 0                 # GROUP_COLOURS index (a stacked bar's group)


@dataclass(frozen=True)
class Row:
    """One row of a chart's phone view (partials/chart.html): a label, a track with the
    row's bars or mark, the figure; a row with a quote opens onto it when tapped."""

    label: str
    value: str
    href: str | None = None       # the label's page (a document, a jurisdiction)
    segments: tuple[Segment, ...] = ()
    dot: float | None = None      # a single figure's place on the track, in %
    open_end: bool = False        # "at least": the mark points right
    kind: str = "target"
    quote: str | None = None
    english: str | None = None
    passage: str | None = None    # the quote's passage, relative to the page
    id: str = ""                  # a strip's row; a chart's rows are found by their place
    key: str = ""                 # "<document>/<target id>": its row in data/targets.json
    table_row: str = ""           # the id of the chart's table row that quotes it: the page
                                  # ships the quote there once, and a tap fills it in here


@dataclass(frozen=True)
class Rows:
    rows: tuple[Row, ...]
    legend: tuple[tuple[int, str], ...] = ()     # (tone, group name) of stacked bars


def _pct(value: float, top: float) -> float:
    return round(100 * value / top, 2) if top else 0.0


@dataclass(frozen=True)
class Chart:
    id: str                       # unique on its page
    kind: str                     # shares | counts | targets | indicator | profile
    title: str
    caption: str
    figure: dict | None           # {"data", "layout", "config"} for Plotly.newPlot; None: the table is the chart
    table: Table
    downloads: tuple[tuple[str, str], ...]   # (label, href)
    marks: int                    # marks drawn (a shaded table: its cells), one per table row elsewhere
    rows: Rows | None = None      # the phone view, drawn in HTML (plotly.js loads on wide screens only)


@dataclass(frozen=True)
class Context:
    """What a chart needs from its page: the language, links and UI strings."""

    lang: str                     # zh or en (zh-hant pages are converted from zh afterwards)
    link: Callable[[str], str]    # site path -> href relative to the page
    t: Callable[..., str]


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _layout(ctx: Context, height: int, **extra) -> dict:
    layout = dict(template="none", height=height, autosize=True,
                  font=dict(family=FONT, size=13, color="#1a1a1a"),
                  margin=dict(l=10, r=20, t=10, b=50), hovermode="closest",
                  separators=".," if ctx.lang == "en" else ".",
                  paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
                  hoverlabel=dict(font=dict(family=FONT, size=13), align="left"))
    layout.update(extra)
    return layout


def _config(ctx: Context) -> dict:
    # No mode bar: it covers the marks on a phone; the data is one link away under each chart.
    return {"displaylogo": False, "responsive": True, "locale": "zh-CN" if ctx.lang != "en" else "en",
            "displayModeBar": False, "scrollZoom": False}


# go.Figure validates every property name and value, at about 5 ms a figure: the test suite
# turns it on (tests/conftest.py); a build emits the same dicts without the check.
VALIDATE = os.environ.get("EDPLANS_VALIDATE_CHARTS") == "1"


def _figure(data: list, layout: dict, ctx: Context) -> dict:
    """The JSON Plotly.newPlot takes; validated by plotly.py when VALIDATE is on."""
    if VALIDATE:
        go.Figure(data=data, layout=layout)
    return {"data": data, "layout": layout, "config": _config(ctx)}


def _axis(title: str = "", **extra) -> dict:
    axis = dict(title=dict(text=escape(title)), automargin=True, gridcolor="#e4e4e4",
                zeroline=False, linecolor="#999999", ticks="outside", tickcolor="#999999")
    axis.update(extra)
    return axis


def document_label(document: Document, lang: str, jurisdiction: Bilingual | None = None) -> str:
    """"Changzhou 2019" / "常州市 2019": short enough for an axis."""
    years = (f"{document.period_start}–{document.period_end}"
             if document.period_start and document.period_end and document.period_end != document.period_start
             else str(document.year))
    name = (jurisdiction.get(lang) if jurisdiction else None) or document.title.get(lang)
    label = f"{name} {years}"
    return f"{label} ({EXCERPT.get(lang)})" if is_excerpt(document) else label


# --------------------------------------------------------------------------- theme shares

def shares_chart(ctx: Context, chart_id: str, theme: Theme, documents: list[Document],
                 shares: dict[str, dict[str, ThemeShare]], labels: dict[str, str], hrefs: dict[str, str],
                 downloads, caption: str) -> Chart:
    """Share of each document's text on one theme: one bar per document, zero included."""
    rows = [(d, shares[d.id][theme.id]) for d in documents if d.id in shares]
    y = [labels[d.id] for d, _ in rows]
    x = [s.percent for _, s in rows]
    custom = [[hrefs[d.id], escape(d.title.get(ctx.lang))] for d, _ in rows]
    bar = dict(type="bar", orientation="h", x=x, y=y, customdata=custom, marker=dict(color=TARGET_COLOUR),
               text=[f"{v:.1f}%" for v in x], textposition="outside", cliponaxis=False,
               hovertemplate="%{customdata[1]}<br>%{x:.1f}%<extra></extra>", name=escape(theme.name.get(ctx.lang)))
    layout = _layout(ctx, 80 + ROW_HEIGHT * len(rows),
                     xaxis=_axis(ctx.t("chart_share_axis"), rangemode="tozero", ticksuffix="%"),
                     yaxis=_axis(autorange="reversed", type="category", ticks=""), showlegend=False,
                     margin=dict(l=10, r=60, t=10, b=50))
    table = Table((ctx.t("chart_document"), ctx.t("chart_share_column")), (False, True),
                  tuple((Cell(labels[d.id], href=hrefs[d.id]), Cell(f"{s.percent:.1f}%", sort=str(s.percent)))
                        for d, s in rows))
    top = max(x, default=0)
    view = Rows(tuple(Row(labels[d.id], f"{s.percent:.1f}%", hrefs[d.id], (Segment(0, _pct(s.percent, top)),))
                      for d, s in rows))
    return Chart(chart_id, "shares", ctx.t("chart_shares_title", theme=theme.name.get(ctx.lang)),
                 caption, _figure([bar], layout, ctx), table, downloads, len(rows), view)


def profile_chart(ctx: Context, chart_id: str, corpus: Corpus, documents: list[Document],
                  shares: dict[str, dict[str, ThemeShare]], labels: dict[str, str], downloads,
                  caption: str) -> Chart:
    """The Manifesto-style view: documents × themes, each cell the share of the text, drawn as a
    shaded table."""
    docs = [d for d in documents if d.id in shares]
    themes = list(corpus.themes.values())
    z = [[shares[d.id][th.id].percent for th in themes] for d in docs]
    top = max((v for row in z for v in row), default=0) or 1
    # Drawn as a shaded table, not a Plotly heat map: it reads on a phone (the table scrolls in
    # its box) and needs no script.
    table = Table((ctx.t("chart_document"), *(th.name.get(ctx.lang) for th in themes)),
                  (False, *(True for _ in themes)),
                  tuple((Cell(labels[d.id]), *(Cell(f"{v:.1f}", sort=str(v), shade=min(8, int(9 * v / top)))
                                                for v in zrow))
                        for d, zrow in zip(docs, z)))
    return Chart(chart_id, "profile", ctx.t("chart_profile_title"), caption, None, table, downloads,
                 len(docs) * len(themes))


# --------------------------------------------------------------------------- target counts

def counts_chart(ctx: Context, chart_id: str, corpus: Corpus, theme: Theme, counts: tuple[GroupCount, ...],
                 hrefs: dict[str, str], downloads) -> Chart:
    """Targets per jurisdiction, stacked by indicator group: one segment per non-zero count."""
    groups = list(dict.fromkeys(c.group for c in counts))
    sub_names = {s.id: s.name.get(ctx.lang) for s in theme.subtopics}

    def group_name(group):
        return sub_names.get(group) or (theme.name.get(ctx.lang) if not theme.subtopics else ctx.t("group_other"))

    data = []
    for i, group in enumerate(groups):
        cells = [c for c in counts if c.group == group]
        data.append(dict(type="bar", orientation="h", name=escape(group_name(group)),
                         x=[c.count for c in cells], y=[escape(corpus.jurisdictions[c.jurisdiction].name.get(ctx.lang))
                                                         for c in cells],
                         customdata=[[hrefs[c.jurisdiction]] for c in cells],
                         marker=dict(color=GROUP_COLOURS[i % len(GROUP_COLOURS)], line=dict(color="#ffffff", width=1)),
                         hovertemplate="%{y}<br>" + escape(group_name(group)) + ": %{x}<extra></extra>"))
    rows_shown = len(dict.fromkeys(c.jurisdiction for c in counts))
    layout = _layout(ctx, 130 + 40 * rows_shown, barmode="stack",
                     xaxis=_axis(ctx.t("chart_count_axis"), rangemode="tozero", tickformat="d", dtick=5),
                     yaxis=_axis(autorange="reversed", type="category", ticks=""),
                     legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, traceorder="normal"),
                     margin=dict(l=10, r=20, t=60, b=50))
    table = Table((ctx.t("chart_jurisdiction"), ctx.t("chart_group"), ctx.t("chart_count_column")),
                  (False, False, True),
                  tuple((Cell(corpus.jurisdictions[c.jurisdiction].name.get(ctx.lang), href=hrefs[c.jurisdiction]),
                         Cell(group_name(c.group)), Cell(str(c.count), sort=str(c.count))) for c in counts))
    totals: dict[str, int] = {}
    for c in counts:
        totals[c.jurisdiction] = totals.get(c.jurisdiction, 0) + c.count
    top = max(totals.values(), default=0)
    phone = []
    for jurisdiction, total in totals.items():
        left, segments = 0.0, []
        for c in (c for c in counts if c.jurisdiction == jurisdiction):
            tone = groups.index(c.group) % len(GROUP_COLOURS)
            segments.append(Segment(left, _pct(c.count, top), tone))
            left = round(left + _pct(c.count, top), 2)
        phone.append(Row(corpus.jurisdictions[jurisdiction].name.get(ctx.lang), str(total), hrefs[jurisdiction],
                         tuple(segments)))
    legend = tuple((i % len(GROUP_COLOURS), group_name(g)) for i, g in enumerate(groups)) if len(groups) > 1 else ()
    return Chart(chart_id, "counts", ctx.t("chart_counts_title", theme=theme.name.get(ctx.lang)),
                 ctx.t("chart_counts_caption"), _figure(data, layout, ctx), table, downloads, len(counts),
                 Rows(tuple(phone), legend))


# --------------------------------------------------------------------------- targets as marks

@dataclass(frozen=True)
class Point:
    """One target as a chart draws it, with everything its hover, click and table row say."""

    target: Target
    indicator: Indicator
    row_label: str                # the category it sits on
    jurisdiction: str             # its name, in the page's language
    document_label: str
    figure: str                   # "≥700人" as displayed
    href: str                     # the passage, relative to the page
    indicator_href: str


def _is_range(t: Target) -> bool:
    return t.value is None and t.min is not None and t.max is not None and t.min != t.max


def _trace_name(ctx: Context, kind: str, shape: str) -> str:
    return escape(ctx.t(f"legend_{kind}_{shape}"))


def _point_traces(points: list[Point], ctx: Context, x_of,
                  text_of=None, ranges_as_bars: bool = True) -> list[dict]:
    """Dots for single figures (symbol = comparator; achievements hollow and orange) and
    ranges as horizontal bars from min to max (on a numeric axis) or as square marks (on a
    categorical one); a trace per legend entry, in a fixed order.

    A mark's customdata is its number n among `points`: charts.js reads its row (y, the
    category) from the chart's phone row n, and makes its hover box and what a click shows
    from that row (who, figure) and table row n (quote, English, passage link), so the page
    carries each name and quote once."""
    number = {id(p): n for n, p in enumerate(points)}
    data = []
    points = [p for p in points if not p.target.unknown]     # no mark for a figure the source lost
    for kind in ("target", "achievement"):
        colour = TARGET_COLOUR if kind == "target" else ACHIEVEMENT_COLOUR
        for comparator, symbol in SYMBOLS.items():
            chosen = [p for p in points if p.target.kind == kind and not _is_range(p.target)
                      and p.target.comparator == comparator]
            if not chosen:
                continue
            marker_symbol = symbol if kind == "target" else symbol + "-open"
            trace = dict(type="scatter", mode="markers+text" if text_of else "markers",
                         name=_trace_name(ctx, kind, comparator), x=[x_of(p) for p in chosen],
                         customdata=[number[id(p)] for p in chosen], cliponaxis=False,
                         marker=dict(symbol=marker_symbol, size=13, color=colour,
                                     line=dict(color=colour, width=2)))
            if text_of:
                trace.update(text=[escape(text_of(p)) for p in chosen], textposition="middle right",
                             textfont=dict(size=11, color="#333333"))
            data.append(trace)
        chosen = [p for p in points if p.target.kind == kind and _is_range(p.target)]
        if not chosen:
            continue
        fill = RANGE_COLOUR if kind == "target" else "rgba(213, 94, 0, 0.35)"
        hover = dict(customdata=[number[id(p)] for p in chosen], name=_trace_name(ctx, kind, "range"))
        if ranges_as_bars:
            data.append(dict(type="bar", orientation="h", base=[p.target.min for p in chosen],
                             x=[p.target.max - p.target.min for p in chosen], width=0.45,
                             marker=dict(color=fill, line=dict(color=colour, width=2)), **hover))
        else:
            data.append(dict(type="scatter", mode="markers+text" if text_of else "markers",
                             x=[x_of(p) for p in chosen], cliponaxis=False,
                             marker=dict(symbol="square", size=12, color=fill, line=dict(color=colour, width=2)),
                             **({"text": [escape(text_of(p)) for p in chosen], "textposition": "middle right",
                                 "textfont": dict(size=11, color="#333333")} if text_of else {}), **hover))
    return data


def _sort_key(number: float) -> str:
    """A number as short as it reads exactly (site.js sorts by parseFloat)."""
    return f"{number:.6f}".rstrip("0").rstrip(".")


def target_table(points: list[Point], ctx: Context, *, with_indicator: bool, with_document: bool,
                 row_id: str = "") -> Table:
    """A row per point; `row_id`: the rows' id prefix (a chart's table, which its marks read)."""
    headers, numeric = [], []
    if with_document:
        headers += [ctx.t("chart_jurisdiction"), ctx.t("chart_document")]
        numeric += [False, False]
    if with_indicator:
        headers.append(ctx.t("chart_indicator"))
        numeric.append(False)
    headers += [ctx.t("chart_figure"), ctx.t("chart_year"), ctx.t("chart_kind"),
                ctx.t("chart_quote_both" if ctx.lang == "en" else "chart_quote")]
    numeric += [True, True, False, False]
    rows = []
    for p in points:
        t = p.target
        cells = []
        if with_document:
            cells += [Cell(p.jurisdiction), Cell(p.document_label)]
        if with_indicator:
            cells.append(Cell(p.indicator.name.get(ctx.lang), href=p.indicator_href))
        low = -1.0 if t.unknown else bounds(t)[0]
        # the year sorts by its text (site.js reads "—" as 0)
        cells += [Cell(p.figure, sort=_sort_key(low)), Cell(str(t.year) if t.year else "—"),
                  Cell(ctx.t("kind_" + t.kind) + " · " + ctx.t("period_" + t.period)),
                  Cell(t.description, href=p.href, zh_quote=t.quote) if ctx.lang == "en" else
                  Cell(t.quote, href=p.href, zh=True)]
        rows.append(tuple(cells))
    return Table(tuple(headers), tuple(numeric), tuple(rows),
                 tuple(f"{row_id}{n}" for n in range(len(rows))) if row_id else ())


def indicator_chart(ctx: Context, chart_id: str, indicator: Indicator, points: list[Point], downloads,
                    basis: str = "", groups: int = 1) -> Chart:
    """One indicator across jurisdictions and years, for one basis (the figures that compare):
    x the figure, a row per statement. `basis` names the group in the title."""
    categories = list(dict.fromkeys(p.row_label for p in points))
    data = _point_traces(points, ctx, x_of=lambda p: bounds(p.target)[0])
    unit = indicator.unit.get(ctx.lang)
    layout = _layout(ctx, 150 + ROW_HEIGHT * len(categories),
                     xaxis=_axis(ctx.t("chart_value_axis", unit=unit), rangemode="tozero",
                                 tickformat=",~r" if ctx.lang == "en" else "~r"),
                     yaxis=_axis(autorange="reversed", type="category", ticks="",
                                 categoryorder="array"),     # the rows' order: charts.js, from the phone rows
                     legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
                     barmode="overlay", showlegend=True, margin=dict(l=10, r=20, t=40, b=50))
    table = target_table(points, ctx, with_indicator=False, with_document=True, row_id=f"{chart_id}-t")
    colon = ": " if ctx.lang == "en" else "："
    title = f"{indicator.name.get(ctx.lang)}{colon}{basis}" if basis else indicator.name.get(ctx.lang)
    caption = ctx.t("chart_indicator_caption") + (" " + ctx.t("chart_indicator_apart", count=groups) if groups > 1 else "")
    drawn = sum(1 for p in points if not p.target.unknown)    # a lost figure has a row, not a mark
    return Chart(chart_id, "indicator", title, caption, _figure(data, layout, ctx), table, downloads, drawn,
                 Rows(tuple(_point_rows(points, ctx, chart_id))))


def _point_rows(points: list[Point], ctx: Context, chart_id: str) -> list[Row]:
    """The phone view of an indicator chart: a row per figure, its mark on a track scaled to
    the largest figure; tapped, it shows its sentence."""
    top = scale_top(p.target for p in points)
    return [mark_row(p.target, p.figure, p.row_label, p.href, "", top, ctx.lang, ctx.t, table_row=f"{chart_id}-t{n}")
            for n, p in enumerate(points)]


def scale_top(targets) -> float:
    """The largest figure of a group of targets: the end of their rows' tracks."""
    return max((bounds(t)[1] for t in targets if not t.unknown), default=0)


def mark_row(t: Target, shown: str, label: str, passage: str, row_id: str, top: float, lang: str, tr,
             key: str = "", table_row: str = "") -> Row:
    """A target as a row with a mark (a dot, or a bar for a range) on a track that ends at
    `top`, its figure and deadline, and the quote a tap opens onto. `shown`: the figure as
    displayed; `tr`: the page's UI strings."""
    when = tr("chart_deadline" if t.kind == "target" else "chart_reached", year=t.year) if t.year else ""
    kind = tr("kind_achievement") if t.kind == "achievement" else ""
    value = " · ".join(x for x in (shown, kind, when) if x)
    segments, dot = (), None
    if not t.unknown:
        low, high = bounds(t)
        if _is_range(t):
            segments = (Segment(_pct(low, top), _pct(high - low, top)),)
        else:
            dot = _pct(low, top)
    return Row(label, value, None, segments, dot, t.comparator == "≥" or (t.value is None and t.max is None),
               t.kind, t.quote, t.description if lang == "en" else None, passage, row_id, key, table_row)
