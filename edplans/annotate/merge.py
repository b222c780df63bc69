"""Merge a document's annotations into its structured text: theme tags and English leads
onto passages, quotes anchored to spans, targets resolved into frozen Target objects,
and the numbers in featured-theme passages that nobody has looked at yet."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ErrorCollector
from ..ingest.numbers import Quantity, quantities
from ..ingest.numerals import exact
from ..ingest.placeholders import placeholders
from ..model import Passage, Section, Target
from .anchor import Match, find_all, nearest_miss
from .document import DocumentAnnotation
from .figures import lost_digits, stock_word, weigh_dismissal
from .propose import COMPARATOR_MEANING, comparator_of, figures
from .fields import closest
from .targets import Anchor, RawTarget, Registries


@dataclass(frozen=True)
class Merged:
    sections: tuple[Section, ...]
    targets: tuple[Target, ...]
    candidates: tuple[tuple[str, Quantity], ...]   # (passage id, number) not yet annotated
    dismissed: tuple[tuple[str, int, int], ...] = ()   # (passage id, start, end) of not_a_target quotes
    comparator_gaps: tuple[tuple[int | None, str, str], ...] = ()   # (line, field, message)


def _anchor(anchor: Anchor, passages: list[Passage], meta: DocumentAnnotation,
            errors: ErrorCollector) -> Match | None:
    matches = find_all(anchor.quote, passages)
    where = f"{anchor.field}.quote"
    if not matches:
        errors.add(meta.path, f"quote «{anchor.quote}» is not in the text", line=anchor.quote_line,
                   field=where, hint=nearest_miss(anchor.quote, passages))
        return None
    if anchor.occurrence is not None:
        if anchor.occurrence > len(matches):
            errors.add(meta.path, f"occurrence {anchor.occurrence}, but the quote occurs {len(matches)} time(s)",
                       line=anchor.quote_line, field=f"{anchor.field}.occurrence",
                       hint=f"use a number from 1 to {len(matches)}")
            return None
        return matches[anchor.occurrence - 1]
    if len(matches) > 1:
        places = ", ".join(dict.fromkeys(m.passage.id for m in matches))
        errors.add(meta.path, f"quote «{anchor.quote}» occurs {len(matches)} times (in {places})",
                   line=anchor.quote_line, field=where,
                   hint=f"quote more of the sentence, or add occurrence: 1 to {len(matches)}")
        return None
    return matches[0]


def _same(given: float, stated: Decimal) -> bool:
    """Exactly the number the text states: the YAML value as written (its shortest repr:
    0.1 is 0.1, 11300.0 is 11300) against the parser's exact Decimal."""
    return Decimal(repr(given)) == stated


def _check_values(raw: RawTarget, quote_text: str, meta: DocumentAnnotation, errors: ErrorCollector) -> bool:
    """The value must be one the quote states: guards against typos and unconverted 万."""
    held = [p for p in placeholders(quote_text) if p.kind == "number"]
    if held:
        errors.add(meta.path, f"the quote's figure is a placeholder («{held[0].text}»), not a number: no value can be "
                   "read from it", line=raw.anchor.quote_line or raw.anchor.line, field=f"{raw.anchor.field}.quote",
                   hint="a placeholder is not a target: remove this target (`build.py check` lists the placeholder), "
                        "or annotate a complete copy of the document")
        return False
    if raw.unknown:
        if lost_digits(quote_text):
            return True
        errors.add(meta.path, "value: unknown, but the quote's figure has no lost digit (□)",
                   line=raw.lines.get("value") or raw.anchor.line, field=f"{raw.anchor.field}.value",
                   hint="value: unknown is for a figure whose digits the source lost; give the number otherwise")
        return False
    numbers = [v for q in quantities(quote_text) for v in q.values]
    ok = True
    for key in ("value", "min", "max"):
        given = getattr(raw, key)
        if given is None or any(_same(given, n) for n in numbers):
            continue
        listed = ", ".join(_format(n) for n in dict.fromkeys(numbers)) or "none"
        errors.add(meta.path, f"{_format(given)} is not a number the quote gives (it gives: {listed})",
                   line=raw.lines.get(key) or raw.anchor.line, field=f"{raw.anchor.field}.{key}",
                   hint="write the figure exactly as the text gives it, in the indicator's unit: "
                        "1.13万个 → 11300")
        ok = False
    return ok


def _format(number: float | Decimal) -> str:
    return exact(number) if isinstance(number, Decimal) else exact(Decimal(repr(number)))


def _apply_passages(sections: tuple[Section, ...], meta: DocumentAnnotation,
                    targets: dict[str, tuple[Target, ...]]) -> tuple[Section, ...]:
    notes = meta.passages or {}

    def passage(p: Passage) -> Passage:
        note = notes.get(p.id)
        if note is None:
            return dataclasses.replace(p, targets=targets.get(p.id, ()))
        return dataclasses.replace(p, themes=note.themes, lead_en=note.lead_en, targets=targets.get(p.id, ()),
                                   annotation_line=note.line, not_themes=note.not_themes)

    def visit(section: Section) -> Section:
        return dataclasses.replace(section, passages=tuple(passage(p) for p in section.passages),
                                   children=tuple(visit(c) for c in section.children))
    return tuple(visit(s) for s in sections)


def merge_annotations(doc_id: str, sections: tuple[Section, ...], meta: DocumentAnnotation,
                      registries: Registries, errors: ErrorCollector) -> Merged:
    featured = frozenset(t.id for t in registries.themes.values() if t.featured)
    all_sections = [s for top in sections for s in top.walk()]
    passages = [p for s in all_sections for p in s.passages]
    section_of = {p.id: s for s in all_sections for p in s.passages}
    by_id = {p.id: p for p in passages}
    for pid, note in (meta.passages or {}).items():
        if pid not in by_id:
            errors.add(meta.path, f"no passage {pid!r} in the text", line=note.line, field=f"passages.{pid}",
                       hint=closest(pid, by_id) or "`build.py suggest <id>` lists passage ids")
        elif note.lead_en and by_id[pid].lead is None:
            errors.add(meta.path, "this passage has no lead sentence to translate", line=note.line,
                       field=f"passages.{pid}.lead_en", hint="remove lead_en, or translate the section title instead")

    spans: dict[str, list[tuple[int, int]]] = {}
    built: dict[str, list[tuple[int, RawTarget, Match]]] = {}
    seen: dict[tuple, str] = {}
    comparator_gaps: list[tuple[int | None, str, str]] = []
    dismissed: list[tuple[str, int, int]] = []
    for raw in meta.targets:
        match = _anchor(raw.anchor, passages, meta, errors)
        if match is None or not _check_values(raw, match.passage.text[match.start:match.end], meta, errors):
            continue
        if not _check_figure(raw, match, meta, registries, section_of[match.passage.id], errors):
            continue
        key = (match.passage.id, match.start, match.end, raw.indicator, raw.value, raw.min, raw.max)
        if key in seen:
            errors.add(meta.path, f"repeats {seen[key]} (same quote, indicator and value)", line=raw.anchor.line,
                       field=raw.anchor.field, hint="remove one of the two")
            continue
        seen[key] = raw.anchor.field
        gap = unstated_comparator(raw, match.passage.text[match.start:match.end])
        if gap:
            comparator_gaps.append((raw.lines.get("comparator") or raw.anchor.line, f"{raw.anchor.field}.comparator",
                                    gap))
        spans.setdefault(match.passage.id, []).append((match.start, match.end))
        built.setdefault(match.passage.id, []).append((match.start, raw, match))
    for raw_not in meta.not_targets:
        match = _anchor(raw_not.anchor, passages, meta, errors)
        if match is not None:
            spans.setdefault(match.passage.id, []).append((match.start, match.end))
            dismissed.append((match.passage.id, match.start, match.end))
            problem = weigh_dismissal(raw_not.why, match.passage.text, match.start, match.end)
            if problem:
                errors.add(meta.path, problem, line=raw_not.line or raw_not.anchor.line,
                           field=f"{raw_not.anchor.field}.why",
                           hint="move it to targets: (value: unknown for lost digits)" if "lost" in problem else
                           "choose the why: the text bears out, or annotate the number as a target")
    _check_summed(built, meta, errors)

    targets: dict[str, tuple[Target, ...]] = {}
    for pid, items in built.items():
        items.sort(key=lambda item: (item[0], item[2].end))
        targets[pid] = tuple(_target(doc_id, pid, n, raw, match, section_of[pid], meta)
                             for n, (_, raw, match) in enumerate(items, start=1))

    merged_sections = _apply_passages(sections, meta, targets)
    open_numbers = []
    for section in (s for top in merged_sections for s in top.walk()):
        for p in section.passages:
            if not featured.intersection(p.theme_ids):
                continue
            covered = spans.get(p.id, [])
            for q in figures(p.text):
                if not any(start < q.end and q.start < end for start, end in covered):
                    open_numbers.append((p.id, q))
    ordered = tuple(t for top in merged_sections for sec in top.walk() for p in sec.passages for t in p.targets)
    return Merged(merged_sections, ordered, tuple(open_numbers), tuple(dismissed), tuple(comparator_gaps))


def unstated_comparator(raw: RawTarget, quote: str) -> str | None:
    """A target whose quote words its figure as a bound (超过80%, 80%以上, 左右) but whose YAML
    leaves the comparator at = : the figure would be shown as exact. None when they agree."""
    if raw.comparator != "=" or raw.unknown:
        return None
    given = [v for v in (raw.value, raw.min, raw.max) if v is not None]
    words = set()
    for q in quantities(quote):
        if any(_same(v, n) for v in given for n in q.values):
            words.add(comparator_of(quote, q))
    stated = {c for c, _ in words}
    if len(stated) != 1 or stated <= {None, "="}:
        return None
    wanted = stated.pop()
    return (f"the quote «{quote}» states the figure as {COMPARATOR_MEANING[wanted]}, but comparator is "
            f"{'=' if raw.lines.get('comparator') else 'missing (=)'}; add comparator: \"{wanted}\"")


def _check_figure(raw: RawTarget, match: Match, meta: DocumentAnnotation, registries: Registries,
                  section: Section, errors: ErrorCollector) -> bool:
    """A target is not a count of what exists; `part_of` names a jurisdiction above its own."""
    ok = True
    word = stock_word(match.passage.text, match.start, match.end)
    if word and raw.kind == "target":
        errors.add(meta.path, f"«{word}» comes before the figure: a count of what already exists is a baseline, "
                   "not a target", line=raw.lines.get("kind") or raw.anchor.line, field=f"{raw.anchor.field}.kind",
                   hint="give it as baseline: of the target it qualifies, or list it under not_a_target "
                        "with why: stock")
        ok = False
    if raw.part_of:
        own = raw.jurisdiction or section.jurisdiction
        ancestors, seen = [], set()
        item = registries.jurisdictions.get(own)
        while item is not None and item.parent and item.parent not in seen:
            seen.add(item.parent)
            ancestors.append(item.parent)
            item = registries.jurisdictions.get(item.parent)
        if raw.part_of not in ancestors:
            errors.add(meta.path, f"part_of: {raw.part_of!r} is not a jurisdiction above {own!r}",
                       line=raw.lines.get("part_of") or raw.anchor.line, field=f"{raw.anchor.field}.part_of",
                       hint=("one of: " + ", ".join(ancestors)) if ancestors else
                       f"{own!r} has no parent in content/registry/jurisdictions.yaml")
            ok = False
    return ok


def _check_summed(built: dict, meta: DocumentAnnotation, errors: ErrorCollector) -> None:
    """Parts that add up come at least two to an indicator, in one jurisdiction, kind and period."""
    groups: dict[tuple, list[RawTarget]] = {}
    for items in built.values():
        for _, raw, _match in items:
            if raw.summed:
                groups.setdefault((raw.indicator, raw.jurisdiction, raw.kind, raw.period), []).append(raw)
    for (indicator, *_), raws in groups.items():
        if len(raws) < 2:
            raw = raws[0]
            errors.add(meta.path, f"summed: true, but it is the only part for {indicator!r}",
                       line=raw.anchor.line, field=f"{raw.anchor.field}.summed",
                       hint="summed marks figures that add up (省优质园10所、市优质园8所): mark each part, "
                            "with the same indicator, kind and period")


def _target(doc_id: str, pid: str, number: int, raw: RawTarget, match: Match, section: Section,
            meta: DocumentAnnotation) -> Target:
    return Target(
        id=f"t-{pid[2:]}-{number}", document=doc_id, passage=pid, start=match.start, end=match.end,
        quote=match.passage.text[match.start:match.end], indicator=raw.indicator,
        value=raw.value, min=raw.min, max=raw.max, comparator=raw.comparator, 
        year=raw.year if raw.year is not None else meta.period_end, kind=raw.kind,
        jurisdiction=raw.jurisdiction or section.jurisdiction, description=raw.description,
        baseline=raw.baseline, note=raw.note, period=raw.period, part_of=raw.part_of, summed=raw.summed,
        unknown=raw.unknown)
