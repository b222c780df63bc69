"""Small multiples of an indicator's figures, drawn in HTML: one strip per indicator, one
labelled group per basis (comparable.py), one row per figure with a mark on a track scaled to
its group. Designed for a 390-pixel phone first: rows stack, labels never share a line with
another label, and each mark opens (a <details>, no script needed) onto its quote, its
English and the link to its passage. The theme pages and the home page show these; the
indicator pages draw the same groups with Plotly."""
from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..model import Corpus, Indicator, Target
from . import urls
from .charts import Row, document_label, mark_row, scale_top
from .comparable import basis_label, group_by_basis
from .views import figure, unit_for

MARKS_PER_GROUP = 6           # rows a group shows; the indicator page has them all
GROUPS_PER_STRIP = 3          # groups a strip shows (a scheme per city can make hundreds); the rest: a link
STRIPS_PER_THEME = 8


@dataclass(frozen=True)
class StripGroup:
    label: str                    # what kind of figures, for which governments
    rows: tuple[Row, ...]
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


def strip(corpus: Corpus, indicator: Indicator, grouped, lang: str, link, tr, id_prefix: str,
          limit: int = MARKS_PER_GROUP) -> Strip:
    """`grouped`: the indicator's figures by basis (comparable.group_by_basis), in page order;
    `link`: site path -> href; `tr`: the page's UI strings."""
    groups = []
    for n, (b, members) in enumerate(grouped[:GROUPS_PER_STRIP]):
        latest = {id(t) for t in heapq.nlargest(limit, members, key=lambda t: corpus.document(t.document).year)}
        shown = [t for t in members if id(t) in latest]            # the latest documents', in page order
        top = scale_top(shown)
        rows = tuple(mark_row(t, figure(t, indicator, lang),
                              document_label(corpus.document(t.document), lang,
                                             corpus.jurisdictions[t.jurisdiction].name),
                              link(urls.document(lang, t.document)) + "#" + t.passage, f"{id_prefix}-{n}-{i}",
                              top, lang, tr, key=f"{t.document}/{t.id}")
                     for i, t in enumerate(shown))
        groups.append(StripGroup(basis_label(b, lang, corpus.jurisdictions), rows,
                                 len(members) - len(shown), len({t.document for t in members})))
    return Strip(indicator, indicator.name.get(lang), link(urls.indicator(lang, indicator.id)),
                 unit_for(indicator, lang, None), tuple(groups), max(0, len(grouped) - GROUPS_PER_STRIP))


def theme_strips(corpus: Corpus, targets, lang: str, link, tr, limit: int = STRIPS_PER_THEME,
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
        ranked.append((-best, -len({t.document for t in members}), order[iid], iid, groups))
    ranked.sort(key=lambda r: r[:3])
    return tuple(strip(corpus, corpus.indicators[iid], groups, lang, link, tr, f"s-{iid}", marks)
                 for *_, iid, groups in ranked[:limit])
