"""What may be set side by side (docs/annotations.md, Comparability).

Two figures compare when they belong to one indicator and have the same basis: the same
period (a year's figure, a plan-period total, a yearly amount, a level to reach), the same
tier of government unless the indicator is a share or a rate (`across_levels`), and, for a
province's or a city's own scheme (`within`), the same province or city. Every chart, table
and change table groups its figures by basis and labels each group where the reader sees it;
nothing here decides how it is drawn."""
from __future__ import annotations

from dataclasses import dataclass

from ..annotate.schema import UNKNOWN_JURISDICTION
from ..model import Bilingual, Document, Indicator, Jurisdiction, Target

# Districts and counties (and county-level cities) are one tier: county-level governments.
TIERS = {"province": "province", "prefecture": "prefecture", "county": "county", "district": "county",
         "unknown": "unknown"}
TIER_ORDER = ("province", "prefecture", "county", "unknown")
PERIOD_ORDER = ("year", "per-year", "plan-total", "level")

PERIOD_NAMES = {
    "year": Bilingual("单一年度的数字", "one year's figures"),
    "plan-total": Bilingual("规划期合计", "plan-period totals"),
    "per-year": Bilingual("规划期内每年的数量", "amounts a year, kept over the period"),
    "level": Bilingual("要达到的水平", "levels to reach"),
}
PERIOD_SHORT = {
    "year": Bilingual("当年", "a year"),
    "plan-total": Bilingual("规划期合计", "plan total"),
    "per-year": Bilingual("每年", "per year"),
    "level": Bilingual("水平", "level"),
}
TIER_NAMES = {
    "province": Bilingual("省级", "provinces"),
    "prefecture": Bilingual("地级市", "prefecture-level cities"),
    "county": Bilingual("县级（县、县级市、区）", "counties and districts"),
    "unknown": Bilingual("级别不明", "governments of unknown level"),
    None: Bilingual("各级政府", "all levels of government"),
}
EXCERPT_TYPES = frozenset({"plan-excerpt"})
EXCERPT = Bilingual("节选", "excerpt")


@dataclass(frozen=True, order=True)
class Basis:
    period: str
    tier: str | None              # None: a share or rate, compared across levels
    within: str | None            # the province or city of a scheme of its own, else None
    alone: str | None = None      # unknown level: the one place (or anonymous document) it compares within

    def sort_key(self) -> tuple:
        return (PERIOD_ORDER.index(self.period) if self.period in PERIOD_ORDER else 9,
                TIER_ORDER.index(self.tier) if self.tier in TIER_ORDER else -1, self.within or "",
                self.alone or "")


def ancestor_at(jurisdiction: str, level: str, registry: dict[str, Jurisdiction]) -> str | None:
    """The jurisdiction itself or the first one above it at `level`."""
    item, seen = registry.get(jurisdiction), set()
    while item is not None and item.id not in seen:
        if item.level == level:
            return item.id
        if level == "province" and item.province in registry:
            return item.province
        seen.add(item.id)
        item = registry.get(item.parent) if item.parent else None
    return None


def basis(target: Target, indicator: Indicator, registry: dict[str, Jurisdiction]) -> Basis:
    level = registry[target.jurisdiction].level if target.jurisdiction in registry else "unknown"
    tier = None if indicator.across_levels else TIERS.get(level, "unknown")
    unknown_place = target.jurisdiction == UNKNOWN_JURISDICTION
    # Two governments whose level is unknown are not known to be of one level: never like with
    # like. A place's figures still compare with its own; every document of `jurisdiction:
    # unknown` may be a different place, so its figures stand alone, as they do under a
    # province's or city's own scheme (whose, nobody knows).
    alone = None
    if tier == "unknown":
        alone = target.document if unknown_place else target.jurisdiction
    within = None
    if indicator.within:
        if unknown_place:
            alone = target.document
        else:
            within = ancestor_at(target.jurisdiction, indicator.within, registry) or target.jurisdiction
    return Basis(target.period, tier, within, alone)


def basis_label(b: Basis, lang: str, registry: dict[str, Jurisdiction]) -> str:
    """"Plan-period totals, counties and districts" / "规划期合计 · 县级（县、县级市、区）"."""
    period = PERIOD_NAMES[b.period].get(lang) if b.period in PERIOD_NAMES else b.period
    parts = [period[:1].upper() + period[1:] if lang == "en" else period, TIER_NAMES[b.tier].get(lang)]
    if b.within:
        place = registry[b.within].name.get(lang) if b.within in registry else b.within
        parts.append(f"in {place}'s scheme" if lang == "en" else f"{place}的评定")
    if b.alone:
        place = registry[b.alone].name.get(lang) if b.alone in registry else None
        parts.append((f"{place} only" if lang == "en" else f"仅{place}") if place else
                     ("one document only" if lang == "en" else "仅本文件"))
    return (", " if lang == "en" else " · ").join(parts)


def why_apart(a: Basis, b: Basis, lang: str, registry: dict[str, Jurisdiction]) -> str:
    """Why two figures of one indicator are not compared, in a phrase."""
    reasons = []
    if a.period != b.period:
        pa, pb = (PERIOD_SHORT[x.period].get(lang) for x in (a, b))
        reasons.append(f"{pa} vs {pb}" if lang == "en" else f"{pa}与{pb}")
    if a.tier != b.tier:
        reasons.append("different levels of government" if lang == "en" else "政府层级不同")
    elif a.alone != b.alone:
        reasons.append("levels of government unknown" if lang == "en" else "政府层级不明")
    if a.within != b.within:
        reasons.append("different provinces' or cities' schemes" if lang == "en" else "分属不同地区的评定")
    return ("; " if lang == "en" else "；").join(reasons)


def is_excerpt(document: Document) -> bool:
    return document.doc_type in EXCERPT_TYPES


def group_by_basis(targets, indicators: dict[str, Indicator], registry) -> list[tuple[Basis, list[Target]]]:
    """Targets grouped by basis: the group with the most documents first (it is the
    comparison the page leads with), then by period and tier; targets keep their order."""
    groups: dict[Basis, list[Target]] = {}
    for t in targets:
        groups.setdefault(basis(t, indicators[t.indicator], registry), []).append(t)
    return sorted(groups.items(), key=lambda item: (-len({t.document for t in item[1]}), item[0].sort_key()))
