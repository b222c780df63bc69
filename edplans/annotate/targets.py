"""The `passages:`, `targets:` and `not_a_target:` keys of document.yaml, typed and
checked against the registries. Anchoring quotes to the text happens later (merge.py),
once the text is cleaned and structured."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Bilingual, Indicator, Theme
from .fields import Fields, closest
from .schema import (COMPARATOR_ALIASES, COMPARATORS, NOT_TARGET_KEYS, NOT_TARGET_WHY, PASSAGE_KEYS, TARGET_KEYS,
                     TARGET_KINDS, TARGET_PERIODS, UNKNOWN_VALUE, theme_tags)


@dataclass(frozen=True)
class Registries:
    jurisdictions: dict             # id -> Jurisdiction
    themes: dict[str, Theme]
    indicators: dict[str, Indicator]
    glossary: dict = field(default_factory=dict)

    def tags(self) -> list[str]:
        return theme_tags(self.themes)


@dataclass(frozen=True)
class PassageAnnotation:
    themes: tuple[str, ...]
    lead_en: str | None
    line: int | None
    not_themes: tuple[tuple[str, str], ...] = ()   # (theme id, reason): hinted at, rightly untagged


@dataclass(frozen=True)
class Anchor:
    """What a quote entry says about where it sits: shared by targets and not_a_target."""

    field: str                   # "targets[3]"
    quote: str
    occurrence: int | None
    line: int | None             # line of the entry
    quote_line: int | None


@dataclass(frozen=True)
class RawTarget:
    anchor: Anchor
    indicator: str
    value: float | None
    min: float | None
    max: float | None
    comparator: str
    unit: str | None
    year: int | None
    kind: str
    jurisdiction: str | None
    baseline: float | None
    description: str
    note: Bilingual | None
    lines: dict[str, int | None] = field(default_factory=dict, hash=False)
    period: str = "year"
    part_of: str | None = None
    summed: bool = False
    unknown: bool = False


@dataclass(frozen=True)
class RawNotTarget:
    anchor: Anchor
    reason: str
    why: str = "reference"
    line: int | None = None      # of `why:`


def read_passages(f: Fields, data: dict, registries: Registries) -> dict[str, PassageAnnotation]:
    raw = f.mapping(data, "passages", "passages", required=False)
    result: dict[str, PassageAnnotation] = {}
    tags = registries.tags()
    for pid, item in (raw or {}).items():
        where = f"passages.{pid}"
        if not isinstance(item, dict):
            f.error(raw, pid, where, "must be a mapping (themes:, lead_en:)")
            continue
        f.known_keys(item, PASSAGE_KEYS, where)
        themes = item.get("themes")
        good: list[str] = []
        if themes is None:
            f.error(item, None, f"{where}.themes", "missing required field",
                    "every passage needs at least one theme, e.g. themes: [governance]")
        elif not isinstance(themes, list) or not themes:
            f.error(item, "themes", f"{where}.themes", "must be a non-empty list of theme ids")
        else:
            for index, tag in enumerate(themes):
                theme_id, _, sub_id = str(tag).partition("/")
                if isinstance(tag, str) and sub_id and theme_id in registries.themes and tag not in tags:
                    subs = [s.id for s in registries.themes[theme_id].subtopics]
                    f.error(themes, index, f"{where}.themes[{index}]",
                            f"theme {theme_id!r} has no sub-topic {sub_id!r}",
                            (closest(sub_id, subs) or "its sub-topics: " + ", ".join(subs)) if subs
                            else f"{theme_id!r} has no sub-topics: write {theme_id}")
                elif not isinstance(tag, str) or (tags and tag not in tags):
                    f.error(themes, index, f"{where}.themes[{index}]", f"unknown theme {tag!r}",
                            closest(str(tag), tags) or "ids are listed in content/registry/themes.yaml")
                elif tag in good:
                    f.error(themes, index, f"{where}.themes[{index}]", f"{tag!r} is listed twice")
                else:
                    good.append(tag)
        lead_en = f.text(item, "lead_en", f"{where}.lead_en", required=False)
        not_themes = _read_not_themes(f, item, where, registries, good)
        result[str(pid)] = PassageAnnotation(tuple(good), lead_en, f.lines.line(raw, pid), not_themes)
    return result


def _read_not_themes(f: Fields, item: dict, where: str, registries: Registries,
                     tags: list[str]) -> tuple[tuple[str, str], ...]:
    """`not_themes: {theme: reason}`: the tag-consistency report's sign-off, a theme whose
    hints the passage mentions but which it rightly does not carry, and why."""
    raw = f.mapping(item, "not_themes", f"{where}.not_themes", required=False)
    signed = []
    tagged = {tag.split("/")[0] for tag in tags}
    for theme, reason in (raw or {}).items():
        field = f"{where}.not_themes.{theme}"
        if theme not in registries.themes:
            f.error(raw, theme, field, f"unknown theme {theme!r}",
                    closest(str(theme), registries.themes) or "ids are listed in content/registry/themes.yaml")
        elif theme in tagged:
            f.error(raw, theme, field, f"the passage is tagged {theme!r}", "remove one of the two")
        elif not isinstance(reason, str) or not reason.strip():
            f.error(raw, theme, field, "must give the reason the passage is not tagged with it",
                    f"{theme}: names the platform only as the channel of a training scheme")
        else:
            signed.append((str(theme), reason.strip()))
    return tuple(signed)


def _anchor(f: Fields, item: dict, where: str) -> Anchor | None:
    quote = f.text(item, "quote", f"{where}.quote")
    occurrence = f.integer(item, "occurrence", f"{where}.occurrence", required=False, low=1, high=1000)
    if quote is None:
        return None
    return Anchor(where, quote, occurrence, f.lines.line(item), f.lines.line(item, "quote"))


def _number(f: Fields, item: dict, key: str, where: str) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        f.error(item, key, f"{where}.{key}", f"must be a number, not {value!r}",
                "write the figure without its unit: 1.13万个 → 11300"
                + ("; a figure whose digits were lost is written value: unknown" if key == "value" else ""))
        return None
    return value


def _values(f: Fields, item: dict, where: str) -> tuple[float | None, float | None, float | None, bool]:
    if item.get("value") == UNKNOWN_VALUE and "min" not in item and "max" not in item:
        return None, None, None, True
    value, low, high = (_number(f, item, k, where) for k in ("value", "min", "max"))
    ok = True
    if value is not None and (low is not None or high is not None):
        f.error(item, "value", f"{where}.value", "give either value: or min:/max:, not both")
        ok = False
    elif value is None and low is None and high is None:
        if not any(k in item for k in ("value", "min", "max")):
            f.error(item, None, f"{where}.value", "missing required field",
                    "add value: (or min:/max: for a range) exactly as the text gives it")
        ok = False
    elif low is not None and high is not None and low > high:
        f.error(item, "max", f"{where}.max", f"max ({high}) is below min ({low})")
        ok = False
    return value, low, high, ok


def _comparator(f: Fields, item: dict, where: str) -> str | None:
    """≥ ≤ ≈ are hard to type: the ASCII spellings >=, <= and ~ are accepted too."""
    value = item.get("comparator", "=")
    value = COMPARATOR_ALIASES.get(value, value) if isinstance(value, str) else value
    if value not in COMPARATORS:
        f.error(item, "comparator", f"{where}.comparator", f"unknown comparator {item.get('comparator')!r}",
                "one of = (exactly), ≥ or >= (at least), ≤ or <= (at most), ≈ or ~ (about)")
        return None
    return value


def _target(f: Fields, index: int, item: dict, registries: Registries) -> RawTarget | None:
    where = f"targets[{index}]"
    f.known_keys(item, TARGET_KEYS, where)
    anchor = _anchor(f, item, where)
    indicator = f.reference(item, "indicator", f"{where}.indicator", registries.indicators, "indicator")
    value, low, high, values_ok = _values(f, item, where)
    comparator = _comparator(f, item, where)
    kind = f.choice(item, "kind", f"{where}.kind", TARGET_KINDS)
    period = f.text(item, "period", f"{where}.period", required=False)
    if period is None:
        f.error(item, None, f"{where}.period", "missing required field",
                "say what kind of figure it is, so that it is set only beside its like: "
                + "; ".join(f"{k} ({v})" for k, v in TARGET_PERIODS.items()))
    elif period not in TARGET_PERIODS:
        f.error(item, "period", f"{where}.period", f"unknown value {period!r}",
                closest(period, TARGET_PERIODS) or "one of: " + ", ".join(TARGET_PERIODS))
        period = None
    part_of = f.reference(item, "part_of", f"{where}.part_of", registries.jurisdictions, "jurisdiction",
                          required=False)
    summed = item.get("summed", False)
    if not isinstance(summed, bool):
        f.error(item, "summed", f"{where}.summed", "must be true or false",
                "true when the document gives the figure in parts that add up (省优质园10所、市优质园8所)")
        summed = None
    year = f.integer(item, "year", f"{where}.year", required=False, low=1949, high=2100)
    if kind == "achievement" and "year" not in item:
        f.error(item, None, f"{where}.year", "missing required field",
                "an achievement needs the year it was reached, e.g. year: 2020")
    jurisdiction = f.reference(item, "jurisdiction", f"{where}.jurisdiction", registries.jurisdictions,
                               "jurisdiction", required=False)
    unit = f.text(item, "unit", f"{where}.unit", required=False)
    if unit and indicator and unit != registries.indicators[indicator].unit.zh:
        expected = registries.indicators[indicator].unit.zh
        f.error(item, "unit", f"{where}.unit", f"{unit!r} is not the unit of indicator {indicator!r} ({expected!r})",
                f"convert the value to {expected!r} or choose an indicator measured in {unit!r}")
        unit = None
    baseline = _number(f, item, "baseline", where)
    description = f.text(item, "description", f"{where}.description")
    note = f.bilingual(item, "note", f"{where}.note", required=False)
    if None in (anchor, indicator, comparator, kind, description, period, summed) or not values_ok:
        return None
    lines = {key: f.lines.line(item, key) for key in ("value", "min", "max", "jurisdiction", "kind", "part_of",
                                                      "comparator") if key != "comparator" or key in item}
    return RawTarget(anchor, indicator, value, low, high, comparator, unit, year, kind, jurisdiction,
                     baseline, description, note, lines, period, part_of, summed,
                     unknown=item.get("value") == UNKNOWN_VALUE)


def read_targets(f: Fields, data: dict, registries: Registries) -> list[RawTarget]:
    targets = []
    for index, item in f.items(data, "targets", "targets"):
        target = _target(f, index, item, registries)
        if target is not None:
            targets.append(target)
    return targets


def read_not_targets(f: Fields, data: dict) -> list[RawNotTarget]:
    result = []
    for index, item in f.items(data, "not_a_target", "not_a_target"):
        where = f"not_a_target[{index}]"
        f.known_keys(item, NOT_TARGET_KEYS, where)
        anchor = _anchor(f, item, where)
        why = f.choice(item, "why", f"{where}.why", NOT_TARGET_WHY)
        reason = f.text(item, "reason", f"{where}.reason")
        if anchor is not None and reason is not None and why is not None:
            result.append(RawNotTarget(anchor, reason, why, f.lines.line(item, "why")))
    return result
