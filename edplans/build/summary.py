"""What the aggregate pages need to know of one document, small enough to hold thousands
in memory: its metadata, its targets, its theme shares and how many items it gives each
collection (passages per theme, targets per theme/indicator/jurisdiction, glossary uses).

The full text stays in the document's cached items (loaded only when a shard that holds
them is rebuilt). A summary is JSON on disk: the build trusts no executable cache."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass

from ..model import Bilingual, Target

SUMMARY_VERSION = 4


@dataclass(frozen=True)
class DocSummary:
    """Duck-types the parts of model.Document that the comparative views read."""

    id: str
    fingerprint: str
    title: Bilingual
    doc_type: str
    jurisdiction: str
    jurisdictions: tuple[str, ...]
    period_start: int | None
    period_end: int | None
    year: int
    script: str
    source_file: str
    source_sha256: str
    passage_count: int
    targets: tuple[Target, ...]
    # jurisdiction id ("" = the whole document) -> theme -> characters; totals per jurisdiction
    shares: dict[str, dict[str, float]]
    totals: dict[str, int]
    # collection id -> (hash of its items as 16 bytes, jurisdiction, count, jurisdiction,
    # count, ...): one flat tuple, as a glossary term's uses put a document in 140 collections
    # and thousands of summaries are held at once (a tuple and a dict each took 54 KB a summary)
    collections: dict[str, tuple]
    gaps: tuple[tuple[str, str, str], ...]     # (kind, where, message), for warnings
    hashes: dict[str, str]                     # projections: "meta", "theme:<id>", "indicator:<id>"

    def count(self, collection: str) -> int:
        entry = self.collections.get(collection)
        return sum(entry[2::2]) if entry else 0


def make_entry(items_hash: bytes, counts: dict[str, int]) -> tuple:
    return (items_hash, *(x for j in sorted(counts) for x in (sys.intern(j), counts[j])))


def digest(value) -> str:
    """A stable short hash of JSON-able data (sorted keys)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_TARGET_FIELDS = tuple(f.name for f in dataclasses.fields(Target))


def target_to_json(t: Target) -> dict:
    # A shallow copy (every field but the note is a plain value): asdict's deep copy cost
    # six times as much, twice per target.
    data = {name: getattr(t, name) for name in _TARGET_FIELDS}
    data["note"] = [t.note.zh, t.note.en] if t.note else None
    return data


# Values that recur across targets and documents: one object each, not one per target (ids
# are positional, "p-1-2-1" is in most documents; years and spans are few distinct ints).
# Thousands of summaries hold a hundred thousand targets.
_SHARED = ("id", "passage", "document", "indicator", "kind", "jurisdiction", "comparator")
_INTS = ("start", "end", "year")
_INT_POOL: dict[int, int] = {}


def target_from_json(data: dict) -> Target:
    note = data.get("note")
    for name in _SHARED:
        if isinstance(data.get(name), str):
            data[name] = sys.intern(data[name])
    for name in _INTS:
        value = data.get(name)
        if type(value) is int and -10**6 < value < 10**6:
            data[name] = _INT_POOL.setdefault(value, value)
    return Target(**{**data, "note": Bilingual(*note) if note else None})


def to_json(summary: DocSummary) -> bytes:
    data = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)}
    data["title"] = [summary.title.zh, summary.title.en]
    data["targets"] = [target_to_json(t) for t in summary.targets]
    data["collections"] = {c: [e[0].hex(), *e[1:]] for c, e in summary.collections.items()}
    data["version"] = SUMMARY_VERSION
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def from_json(raw: bytes) -> DocSummary | None:
    """None for anything that is not a summary of this version (then the document is rebuilt)."""
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.pop("version", None) != SUMMARY_VERSION:
            return None
        # Keys and ids recur in every summary: one string object each, not one per document.
        data["collections"] = {sys.intern(c): (bytes.fromhex(e[0]), *(sys.intern(x) if isinstance(x, str) else x
                                                                       for x in e[1:]))
                               for c, e in data["collections"].items()}
        data["title"] = Bilingual(*data["title"])
        data["targets"] = tuple(target_from_json(t) for t in data["targets"])
        data["jurisdictions"] = tuple(data["jurisdictions"])
        data["gaps"] = tuple(tuple(g) for g in data["gaps"])
        return DocSummary(**data)
    except (ValueError, TypeError, KeyError):
        return None
