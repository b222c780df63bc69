"""content/documents/<id>/document.yaml -> a validated DocumentAnnotation."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..errors import ErrorCollector
from ..model import Bilingual, Correction
from ..textfile import read_text
from ..yamlload import LineMap, load_yaml
from .fields import Fields, type_name
from .schema import DATE_KINDS, DOC_TYPES, DOCUMENT_KEYS, FLAG_KINDS, SECTION_KEYS
from .targets import PassageAnnotation, RawNotTarget, RawTarget, Registries, read_not_targets, read_passages, read_targets

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class SectionAnnotation:
    jurisdiction: str | None
    title_en: str | None
    line: int | None


@dataclass(frozen=True)
class ReviewedFlag:
    """An editor looked at a flagged span and decided it is fine (or cannot be fixed)."""

    kind: str
    line: int
    reason: Bilingual
    yaml_line: int | None


@dataclass(frozen=True)
class DocumentAnnotation:
    path: str
    title: Bilingual
    doc_type: str
    jurisdiction: str
    period_start: int | None
    period_end: int | None
    publisher: Bilingual | None
    dates: tuple[tuple[str, str], ...]
    source_url: str | None
    source_note: Bilingual | None
    source_sha256: str
    corrections: tuple[Correction, ...]
    reviewed: tuple[ReviewedFlag, ...]
    sections: dict[str, SectionAnnotation]
    lines: LineMap
    sha_line: int | None
    summary: Bilingual | None = None
    nature: Bilingual | None = None
    passages: dict[str, PassageAnnotation] | None = None
    targets: tuple[RawTarget, ...] = ()
    not_targets: tuple[RawNotTarget, ...] = ()
    jurisdiction_note: Bilingual | None = None


def _period(f: Fields, data: dict) -> tuple[int | None, int | None]:
    period = f.mapping(data, "period", "period", shape="{start: 2021, end: 2025}")
    if period is None:
        return None, None
    f.known_keys(period, ("start", "end"), "period")
    start = f.integer(period, "start", "period.start", low=1949, high=2100)
    end = f.integer(period, "end", "period.end", low=1949, high=2100)
    if start and end and end < start:
        f.error(period, "end", "period.end", f"ends ({end}) before it starts ({start})")
    return start, end


def _sha256(f: Fields, data: dict) -> str | None:
    raw = data.get("source_sha256")
    if raw is not None and not isinstance(raw, str):
        # A hash of digits only (64 zeros, say) is a whole number to YAML.
        f.error(data, "source_sha256", "source_sha256",
                f"must be 64 lowercase hex digits, but YAML read it as {type_name(raw)} ({raw!r})",
                'quote it: source_sha256: "…"')
        return None
    sha = f.text(data, "source_sha256", "source_sha256")
    if sha is not None and not SHA256.match(sha):
        f.error(data, "source_sha256", "source_sha256", "must be 64 lowercase hex digits",
                "run `sha256sum source.txt`")
        return None
    return sha


def _dates(f: Fields, data: dict) -> list[tuple[str, str]]:
    raw = f.mapping(data, "dates", "dates", required=False, shape='{published: "2022-09-30"}')
    if raw is None:
        return []
    f.known_keys(raw, DATE_KINDS, "dates")
    return [(kind, value) for kind in DATE_KINDS if (value := f.date(raw, kind, f"dates.{kind}"))]


def _source(f: Fields, data: dict) -> tuple[str | None, Bilingual | None]:
    source = f.mapping(data, "source", "source", required=False,
                       shape="{url: https://…, note: {zh: …, en: …}}")
    if source is None:
        return None, None
    f.known_keys(source, ("url", "note"), "source")
    url = f.text(source, "url", "source.url", required=False)
    if url and not re.match(r"^https?://", url):
        f.error(source, "url", "source.url", f"{url!r} is not a web address", "start it with https://")
        url = None
    return url, f.bilingual(source, "note", "source.note", required=False)


def _corrections(f: Fields, data: dict, lines: LineMap) -> list[Correction]:
    corrections = []
    for index, item in f.items(data, "corrections", "corrections"):
        where = f"corrections[{index}]"
        f.known_keys(item, ("find", "replace", "count", "reason"), where)
        find = f.text(item, "find", f"{where}.find")
        replace = item.get("replace", None)
        if replace is None:
            f.error(item, None, f"{where}.replace", "missing required field", "use replace: '' to delete")
        elif not isinstance(replace, str):
            f.error(item, "replace", f"{where}.replace", "must be text")
            replace = None
        for key, value in (("find", find), ("replace", replace)):
            if value is not None and "\n" in value:
                f.error(item, key, f"{where}.{key}", "must stay within one line of the source",
                        "split it into one correction per line")
                find = replace = None
        count = f.integer(item, "count", f"{where}.count", required=False, low=1, high=10000) or 1
        reason = f.bilingual(item, "reason", f"{where}.reason")
        if find is not None and replace is not None and reason is not None:
            corrections.append(Correction(find, replace, count, reason, lines.line(item)))
    return corrections


def _reviewed(f: Fields, data: dict, lines: LineMap) -> list[ReviewedFlag]:
    reviewed = []
    for index, item in f.items(data, "reviewed", "reviewed"):
        where = f"reviewed[{index}]"
        f.known_keys(item, ("kind", "line", "reason"), where)
        kind = f.choice(item, "kind", f"{where}.kind", FLAG_KINDS)
        flag_line = f.integer(item, "line", f"{where}.line", low=1)
        reason = f.bilingual(item, "reason", f"{where}.reason")
        if kind and flag_line and reason:
            reviewed.append(ReviewedFlag(kind, flag_line, reason, lines.line(item)))
    return reviewed


def _sections(f: Fields, data: dict, lines: LineMap, jurisdictions: Collection[str]) -> dict[str, SectionAnnotation]:
    sections: dict[str, SectionAnnotation] = {}
    raw = f.mapping(data, "sections", "sections", required=False, shape='{"1": {title_en: …}}')
    for sid, item in (raw or {}).items():
        where = f"sections.{sid}"
        if not isinstance(item, dict):
            f.error(raw, sid, where, "must be a mapping (jurisdiction:, title_en:)")
            continue
        f.known_keys(item, SECTION_KEYS, where)
        sections[str(sid)] = SectionAnnotation(
            f.reference(item, "jurisdiction", f"{where}.jurisdiction", jurisdictions, "jurisdiction",
                        required=False),
            f.text(item, "title_en", f"{where}.title_en", required=False),
            lines.line(raw, sid))
    return sections


def load_document_yaml(path: Path, display: str, jurisdictions: Collection[str],
                       errors: ErrorCollector, registries: Registries | None = None) -> DocumentAnnotation | None:
    if not path.exists():
        errors.add(display, "is missing", hint="every document folder needs a document.yaml beside source.txt")
        return None
    text, _, err = read_text(path, display)
    if err:
        errors.extend([err])
        return None
    data, lines, err = load_yaml(text, display)
    if err:
        errors.extend([err])
        return None
    if not isinstance(data, dict):
        errors.add(display, "must be a mapping of fields (title:, type:, …)", line=1)
        return None
    before = len(errors.errors)
    f = Fields(display, lines, errors)
    f.known_keys(data, DOCUMENT_KEYS, "")
    title = f.bilingual(data, "title", "title")
    doc_type = f.choice(data, "type", "type", DOC_TYPES)
    jurisdiction = f.reference(data, "jurisdiction", "jurisdiction", jurisdictions, "jurisdiction")
    jurisdiction_note = f.bilingual(data, "jurisdiction_note", "jurisdiction_note", required=False)
    start, end = _period(f, data)
    publisher = f.bilingual(data, "publisher", "publisher", required=False)
    dates = _dates(f, data)
    source_url, source_note = _source(f, data)
    sha = _sha256(f, data)
    corrections = _corrections(f, data, lines)
    reviewed = _reviewed(f, data, lines)
    sections = _sections(f, data, lines, jurisdictions)
    summary = f.bilingual(data, "summary", "summary", required=False)
    nature = f.bilingual(data, "nature", "nature", required=False)
    registries = registries or Registries(dict.fromkeys(jurisdictions), {}, {})
    passages = read_passages(f, data, registries)
    targets = read_targets(f, data, registries)
    not_targets = read_not_targets(f, data)
    if len(errors.errors) > before or None in (title, doc_type, jurisdiction, sha):
        return None
    return DocumentAnnotation(display, title, doc_type, jurisdiction, start, end, publisher,
                              tuple(dates), source_url, source_note, sha, tuple(corrections),
                              tuple(reviewed), sections, lines, lines.line(data, "source_sha256"),
                              summary, nature, passages, tuple(targets), tuple(not_targets),
                              jurisdiction_note)
