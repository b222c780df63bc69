"""Small multiples of an indicator's figures, drawn in HTML: one strip per indicator, one
labelled group per basis (comparable.py), one row per figure with a mark on a track scaled to
its group. Designed for a 390-pixel phone first: rows stack, labels never share a line with
another label, and each mark opens (a <details>, no script needed) onto its quote, its
English and the link to its passage. The theme pages and the home page show these; the
indicator pages draw the same groups with Plotly."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Corpus, Indicator, Target
from . import urls
from .analysis import INF, bounds, interval
from .comparable import basis_label, group_by_basis
from .views import figure, unit_for

MARKS_PER_GROUP = 6           # rows a group shows; the indicator page has them all
GROUPS_PER_STRIP = 3          # groups a strip shows (a scheme per city can make hundreds); the rest: a link
STRIPS_PER_THEME = 8


@dataclass(frozen=True)
class StripMark:
    label: str                    # "Rudong County 2021–2025 (excerpt)"
    figure: str                   # "≥30 teachers"
    left: float | None            # where the mark sits on the track, 0–100; None: no mark (unknown)
    width: float | None           # a range's length on the track; None for a single figure
    open_end: bool                # at least: the mark points right
    kind: str                     # target | achievement
    comparator: str
    year: int | None
    quote: str
    english: str                  # the target's English description
    href: str                     # its passage
    id: str                       # unique on the page
    key: str                      # "<document>/<target id>": the id of its row in data/targets.json


@dataclass(frozen=True)
class StripGroup:
    label: str                    # what kind of figures, for which governments
    marks: tuple[StripMark, ...]
    more: int                     # figures of this group not shown here
    documents: int                # documents with a figure in the group


@dataclass(frozen=True)
class Strip:
    indicator: Indicator
    name: str
    href: str
    unit: str
    groups: tuple[StripGroup, ...]
    more_groups: int = 0          # groups of figures not shown here (on the indicator page)

    @property
    def apart(self) -> bool:
        """Its figures fall into groups that do not compare."""
        return len(self.groups) + self.more_groups > 1


def _document_label(corpus: Corpus, target: Target, lang: str) -> str:
    from .charts import document_label          # charts imports plotly helpers only; no cycle at import
    return document_label(corpus.document(target.document), lang, corpus.jurisdictions[target.jurisdiction].name)


def strip(corpus: Corpus, indicator: Indicator, targets, lang: str, link, id_prefix: str,
          limit: int = MARKS_PER_GROUP) -> Strip:
    """`targets`: the indicator's figures in page order; `link`: site path -> href."""
    groups = []
    grouped = group_by_basis(targets, corpus.indicators, corpus.jurisdictions)
    for n, (b, members) in enumerate(grouped[:GROUPS_PER_STRIP]):
        shown = sorted(members, key=lambda t: -corpus.document(t.document).year)[:limit]
        shown = [t for t in members if t in shown]            # back in page order
        highs = [h for t in shown if not t.unknown for h in interval(t) if h != INF]
        top = max(highs, default=0) or 1
        marks = []
        for i, t in enumerate(shown):
            low, high = interval(t) if not t.unknown else (None, None)
            ranged = t.value is None and t.min is not None and t.max is not None and t.min != t.max
            marks.append(StripMark(
                _document_label(corpus, t, lang), figure(t, indicator, lang),
                None if low is None else round(100 * bounds(t)[0] / top, 2),
                round(100 * (t.max - t.min) / top, 2) if ranged else None,
                high == INF and not ranged, t.kind, t.comparator, t.year, t.quote, t.description,
                link(urls.document(lang, t.document)) + "#" + t.passage, f"{id_prefix}-{n}-{i}",
                f"{t.document}/{t.id}"))
        groups.append(StripGroup(basis_label(b, lang, corpus.jurisdictions), tuple(marks),
                                 len(members) - len(shown), len({t.document for t in members})))
    return Strip(indicator, indicator.name.get(lang), link(urls.indicator(lang, indicator.id)),
                 unit_for(indicator, lang, None), tuple(groups), max(0, len(grouped) - GROUPS_PER_STRIP))


def theme_strips(corpus: Corpus, targets, lang: str, link, limit: int = STRIPS_PER_THEME,
                 marks: int = MARKS_PER_GROUP) -> tuple[Strip, ...]:
    """The theme's indicators that two or more documents give figures for, those with the
    largest comparable group first: the comparisons a reader comes for."""
    by_indicator: dict[str, list[Target]] = {}
    for t in targets:
        by_indicator.setdefault(t.indicator, []).append(t)
    order = {iid: n for n, iid in enumerate(corpus.indicators)}
    ranked = []
    for iid, members in by_indicator.items():
        if len({t.document for t in members}) < 2:
            continue
        groups = group_by_basis(members, corpus.indicators, corpus.jurisdictions)
        best = len({t.document for t in groups[0][1]})
        ranked.append((-best, -len({t.document for t in members}), order[iid], iid))
    ranked.sort()
    return tuple(strip(corpus, corpus.indicators[iid], by_indicator[iid], lang, link, f"s-{iid}", marks)
                 for *_, iid in ranked[:limit])
