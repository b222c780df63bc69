"""One document through the whole pipeline: read, clean, structure, annotate, render its pages,
and keep what the aggregate pages need (a summary) and what the shards need (items).

Runs in a worker process; it reads only its own folder plus the shared, already-validated
registries, and writes its results into the build store under the document's fingerprint."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..annotate.gaps import consistency_gaps, document_gaps, glossary_gaps
from ..corpus import load_document
from ..errors import ContentError, ErrorCollector
from ..model import Corpus, Document
from ..render.analysis import document_passages
from ..render.collections import document_items
from ..render.data import gzipped
from ..render.site import Gathered, PageRenderer, document_files, search_pages
from ..render.views import document_view
from .store import Store
from .summary import DocSummary, digest, from_json, make_entry, target_to_json, to_json

SOURCE_FILES = ("source.txt", "document.yaml", "en.yaml")


def document_fingerprint(global_fp: str, folder: Path) -> str:
    """The document's own files and everything shared (code, templates, registries, config)."""
    h = hashlib.sha256(global_fp.encode())
    h.update(folder.name.encode())
    for name in SOURCE_FILES:
        path = folder / name
        h.update(name.encode())
        try:
            if path.is_symlink() or not path.is_file():
                h.update(b"\0missing-or-not-a-file")
                continue
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"\0unreadable")
    return h.hexdigest()


def _shares(document: Document) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Characters per theme for the whole document ("") and per jurisdiction its sections
    speak for; a passage's characters split evenly among its distinct themes."""
    shares: dict[str, dict[str, float]] = {"": {}}
    totals: dict[str, int] = {"": 0}
    for placed in document_passages(document):
        size = len(placed.passage.text)
        themes = placed.passage.theme_ids
        for scope in ("", placed.jurisdiction):
            by_theme = shares.setdefault(scope, {})
            totals[scope] = totals.get(scope, 0) + size
            for theme in themes:
                by_theme[theme] = by_theme.get(theme, 0.0) + size / len(themes)
    return shares, totals


def encode_items(items: dict[str, list[dict]]) -> dict[str, str]:
    """Each collection's items as JSON, once: hashed for the summary and stored as they are
    (items_blob; serialising them twice was a tenth of a document's build)."""
    return {collection: json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            for collection, entries in items.items()}


ITEMS = "items"     # the side data holding a document's items: an index line, then each collection's JSON


def items_blob(encoded: dict[str, str]) -> bytes:
    """A document's items as stored: one JSON line {collection: [offset, length]}, then each
    collection's items as JSON at that offset after the line. A shard reads only its own
    collection's slice: a whole province's documents parsed and held at once (every
    collection, passage texts in three scripts) took a gigabyte at 10,000 documents."""
    index, parts, offset = {}, [], 0
    for collection in sorted(encoded):
        data = encoded[collection].encode("utf-8")
        index[collection] = [offset, len(data)]
        parts.append(data)
        offset += len(data)
    return b"".join([json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), b"\n", *parts])


def _collections(items: dict[str, list[dict]], encoded: dict[str, str]) -> dict[str, tuple]:
    """collection -> its summary entry: the hash of this document's items in it and the
    items per jurisdiction (summary.make_entry)."""
    out = {}
    for collection, entries in items.items():
        counts: dict[str, int] = {}
        for item in entries:
            counts[item["j"]] = counts.get(item["j"], 0) + 1
        out[sys.intern(collection)] = make_entry(hashlib.sha256(encoded[collection].encode("utf-8")).digest()[:16],
                                                 counts)
    return out


def search_side(lang: str) -> str:
    """The side data holding a document's search page in one language (render/search.py)."""
    return f"search-{lang}.html"


def summarise(document: Document, corpus: Corpus, items: dict[str, list[dict]], encoded: dict[str, str],
              fingerprint: str, dataset_hash: str, search: dict[str, str] | None = None) -> DocSummary:
    shares, totals = _shares(document)
    collections = _collections(items, encoded)
    gaps = tuple((g.kind, g.where, g.message)
                 for g in document_gaps(document) + glossary_gaps(document, corpus.glossary)
                 + consistency_gaps(document, corpus.themes))
    meta = [document.title.zh, document.title.en, document.doc_type, document.jurisdiction,
            list(document.jurisdictions), document.period_start, document.period_end, document.year]
    hashes = {"meta": digest(meta), "targets": digest([target_to_json(t) for t in document.targets]),
              "shares": digest([shares, totals]),
              "passages": digest([e[0].hex() for c, e in sorted(collections.items()) if c.endswith("/passages")]),
              "dataset": dataset_hash,
              **{f"search:{lang}": h for lang, h in (search or {}).items()},
              "collections": digest(sorted((c, e[0].hex(), *e[1:]) for c, e in collections.items()))}
    for theme in corpus.themes:
        projection = [meta, {j: s.get(theme, 0.0) for j, s in shares.items()}, totals,
                      *([e[0].hex(), *e[1:]] if e else None for e in (collections.get(f"themes/{theme}/passages"),
                                                                      collections.get(f"themes/{theme}/targets")))]
        hashes[f"theme:{theme}"] = digest(projection)
    return DocSummary(
        id=document.id, fingerprint=fingerprint, title=document.title, doc_type=document.doc_type,
        jurisdiction=document.jurisdiction, jurisdictions=document.jurisdictions,
        period_start=document.period_start, period_end=document.period_end, year=document.year,
        script=document.script, source_file=document.source_file, source_sha256=document.source_sha256,
        passage_count=sum(1 for _ in document.passages()), targets=document.targets,
        shares=shares, totals=totals, collections=collections, gaps=gaps, hashes=hashes)


def _dataset_member(document: Document, items: dict[str, list[dict]]) -> bytes:
    """This document's lines of the one compressed download (a gzip member: members
    concatenate into one valid .jsonl.gz, so the whole file is assembled without recompressing)."""
    lines = [json.dumps({"type": "document", "id": document.id, "title": [document.title.zh, document.title.en],
                         "jurisdiction": document.jurisdiction, "doc_type": document.doc_type,
                         "period": [document.period_start, document.period_end]}, ensure_ascii=False,
                        sort_keys=True)]
    for section in document.all_sections():
        for p in section.passages:
            lines.append(json.dumps({"type": "passage", "document": document.id, "id": p.id,
                                     "section": section.id, "jurisdiction": section.jurisdiction,
                                     "themes": list(p.themes), "zh": p.text, "en": p.en},
                                    ensure_ascii=False, sort_keys=True))
    seen = set()
    for entries in items.values():
        for item in entries:
            if "row" in item and item["id"] not in seen:
                seen.add(item["id"])
                lines.append(json.dumps({"type": "target", **item["row"]}, ensure_ascii=False, sort_keys=True))
    return gzipped(("\n".join(lines) + "\n").encode("utf-8"))


@dataclass(frozen=True)
class Outcome:
    # The summary as its stored JSON: the building process reads it with from_json, as a
    # warm build does, so every summary it holds has one shape (shared, interned keys and
    # ids) whichever process built it; an unpickled one had its own copy of every string.
    summary_json: bytes | None
    errors: tuple[ContentError, ...]

    def summary(self) -> DocSummary | None:
        return from_json(self.summary_json) if self.summary_json is not None else None


def process(folder: Path, fingerprint: str, gathered: Gathered, renderer: PageRenderer, store: Store) -> Outcome:
    """Load, validate and render one document into the store; errors are returned, not raised."""
    config = gathered.config
    errors = ErrorCollector()
    reg = gathered.registries
    document = load_document(folder, config.root, reg, errors, config.cache_dir, config.max_source_bytes)
    if errors or document is None:
        return Outcome(None, tuple(errors.errors))
    corpus = Corpus((document,), reg.jurisdictions, reg.themes, reg.indicators, reg.glossary)
    items = document_items(document, corpus, config.base_url)
    encoded = encode_items(items)
    member = _dataset_member(document, items)
    view = document_view(document, corpus)
    search = search_pages(renderer, document, corpus, view)
    summary = summarise(document, corpus, items, encoded, fingerprint, hashlib.sha256(member).hexdigest(),
                        {lang: hashlib.sha256(page).hexdigest()[:32] for lang, page in search.items()})
    before = set(gathered.translator.missing)
    files = document_files(renderer, document, corpus, summary, view)
    summary_json = to_json(summary)
    store.put(fingerprint, files, missing=gathered.translator.missing - before, side={
        "summary.json": summary_json,
        ITEMS: items_blob(encoded),
        "dataset.gz": member,
        **{search_side(lang): page for lang, page in search.items()}})
    return Outcome(summary_json, ())


def cached_summary(store: Store, fingerprint: str) -> DocSummary | None:
    if not store.has(fingerprint):
        return None
    raw = store.side(fingerprint, "summary.json")
    summary = from_json(raw) if raw is not None else None
    return summary if summary is not None and summary.fingerprint == fingerprint else None


class ItemsReader:
    """One document's stored items, a collection at a time (its slice of the store's pack;
    the index line is read once)."""

    def __init__(self, store: Store, fingerprint: str):
        self.where = store.side_range(fingerprint, ITEMS)
        self.index: dict | None = None
        self.base = 0

    def get(self, collection: str, default=()) -> list[dict]:
        if self.where is None:
            return list(default)
        path, start, length = self.where
        with open(path, "rb") as stream:
            if self.index is None:
                stream.seek(start)
                line = stream.readline(length)
                self.index, self.base = json.loads(line), start + len(line)
            place = self.index.get(collection)
            if place is None:
                return list(default)
            stream.seek(self.base + place[0])
            return json.loads(stream.read(place[1]))
