"""Gather the whole corpus: registry, then each document (read, verify, clean,
structure, annotate). All problems are collected and raised once."""
from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from .annotate.codebook import load_indicators, load_themes
from .annotate.document import DocumentAnnotation, load_document_yaml
from .annotate.fields import closest
from .annotate.glossary import load_glossary
from .annotate.merge import merge_annotations
from .annotate.registry import load_jurisdictions
from .annotate.targets import Registries
from .annotate.translation import apply_translation, load_translation
from .errors import ErrorCollector
from .ingest.cache import clean_cached
from .ingest.clean import CleanText
from .ingest.state import Correction as IngestCorrection
from .ingest.structure import build_sections
from .model import Corpus, Document, Section
from .textfile import MAX_SOURCE_BYTES, read_text

DOC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _annotate_sections(sections: tuple[Section, ...], meta: DocumentAnnotation) -> tuple[Section, ...]:
    def visit(section: Section, inherited: str) -> Section:
        note = meta.sections.get(section.id)
        jurisdiction = (note.jurisdiction if note and note.jurisdiction else inherited)
        return dataclasses.replace(
            section, jurisdiction=jurisdiction, title_en=note.title_en if note else None,
            children=tuple(visit(child, jurisdiction) for child in section.children))
    return tuple(visit(section, meta.jurisdiction) for section in sections)


def _read_source(folder: Path, root: Path, errors: ErrorCollector, max_bytes: int) -> tuple[str, bytes] | None:
    source_path = folder / "source.txt"
    display = _rel(source_path, root)
    if not source_path.exists():
        errors.add(display, "is missing", hint="put the raw text, as collected, in source.txt")
        return None
    text, data, err = read_text(source_path, display, max_bytes=max_bytes)
    if err:
        errors.extend([err])
        return None
    if not text.strip():
        errors.add(display, "is empty", hint="a document needs its raw text")
        return None
    return text, data


def _review_flags(clean: CleanText, meta: DocumentAnnotation, source_display: str,
                  errors: ErrorCollector) -> tuple[list, list]:
    """Split flags into open ones and those an editor signed off; a stale sign-off is an error."""
    open_flags, reviewed = [], []
    for flag in clean.flags:
        note = next((r for r in meta.reviewed if r.kind == flag.kind and r.line == flag.line), None)
        (reviewed.append((flag, note.reason)) if note else open_flags.append(flag))
    for note in meta.reviewed:
        if not any(f.kind == note.kind and f.line == note.line for f in clean.flags):
            errors.add(meta.path, f"no {note.kind} flag on line {note.line} of {source_display}",
                       line=note.yaml_line, field="reviewed[]",
                       hint="the flag is gone (fixed or moved): remove or update this entry")
    return open_flags, reviewed


def _clean(data: bytes, text: str, meta: DocumentAnnotation, source_display: str,
           errors: ErrorCollector, cache_dir: Path | None) -> CleanText:
    corrections = tuple(IngestCorrection(c.find, c.replace, c.count, c.reason.zh, c.reason.en, c.yaml_line)
                        for c in meta.corrections)
    clean = clean_cached(data, text, corrections, cache_dir)
    for correction, problem in clean.correction_problems:
        index = corrections.index(correction)
        errors.add(meta.path, f"{problem} in {source_display}", line=correction.yaml_line,
                   field=f"corrections[{index}].find",
                   hint="copy the text exactly as it stands in source.txt, or set count:")
    if not clean.lines:
        errors.add(source_display, "has no text left after cleaning (only portal chrome, a header or spam)",
                   hint="check that this is the right file; `build.py check -v` shows what each rule removed")
    return clean


def _sections(clean: CleanText, meta: DocumentAnnotation, errors: ErrorCollector) -> tuple[Section, ...]:
    sections = build_sections(clean.lines, meta.jurisdiction)
    known_ids = {s.id for top in sections for s in top.walk()}
    for sid, note in meta.sections.items():
        if sid not in known_ids:
            errors.add(meta.path, f"no section {sid!r} in the text", line=note.line, field=f"sections.{sid}",
                       hint=closest(sid, known_ids) or "run `build.py check` to list section ids")
    return _annotate_sections(sections, meta)


def load_document(folder: Path, root: Path, registries: Registries, errors: ErrorCollector,
                  cache_dir: Path | None, max_bytes: int = MAX_SOURCE_BYTES) -> Document | None:
    doc_id = folder.name
    if not DOC_ID.match(doc_id):
        errors.add(_rel(folder, root), f"document id {doc_id!r} must be lowercase words joined by hyphens",
                   hint="rename the folder, e.g. changzhou-2024-work-points")
        return None
    meta = load_document_yaml(folder / "document.yaml", _rel(folder / "document.yaml", root),
                              registries.jurisdictions, errors, registries)
    source = _read_source(folder, root, errors, max_bytes)
    if source is None or meta is None:
        return None
    text, data = source
    source_display = _rel(folder / "source.txt", root)
    actual = hashlib.sha256(data).hexdigest()
    if actual != meta.source_sha256:
        errors.add(meta.path, f"does not match {source_display} (its sha256 is {actual})",
                   line=meta.sha_line, field="source_sha256",
                   hint="raw sources are never edited; if the new text is intended, update the hash")
        return None
    clean = _clean(data, text, meta, source_display, errors, cache_dir)
    if not clean.lines:
        return None  # nothing to anchor sections, passages or quotes to: one error is enough
    open_flags, reviewed = _review_flags(clean, meta, source_display, errors)
    merged = merge_annotations(doc_id, _sections(clean, meta, errors), meta, registries, errors)
    en_display = _rel(folder / "en.yaml", root)
    sections, translation_problems = apply_translation(
        merged.sections, load_translation(folder / "en.yaml", en_display, errors))
    section_jurisdictions = {s.jurisdiction for top in sections for s in top.walk()}
    return Document(
        id=doc_id, title=meta.title, doc_type=meta.doc_type, jurisdiction=meta.jurisdiction,
        jurisdictions=tuple([meta.jurisdiction] + sorted(section_jurisdictions - {meta.jurisdiction})),
        period_start=meta.period_start, period_end=meta.period_end, year=meta.period_start or 0,
        publisher=meta.publisher, dates=meta.dates, source_note=meta.source_note,
        source_url=meta.source_url, source_file=source_display, source_sha256=actual,
        script=clean.script, portal_metadata=clean.metadata, corrections=meta.corrections,
        sections=sections, summary=meta.summary, nature=meta.nature,
        jurisdiction_note=meta.jurisdiction_note, targets=merged.targets,
        candidates=merged.candidates, dismissed=merged.dismissed, comparator_gaps=merged.comparator_gaps,
        translation_problems=translation_problems, translation_file=en_display,
        flags=tuple(open_flags), reviewed_flags=tuple(reviewed), log=clean.log)


def _report_duplicate_sources(documents: list[Document], errors: ErrorCollector) -> None:
    """The same raw text under two ids is one document added twice."""
    first: dict[str, Document] = {}
    for document in documents:
        earlier = first.setdefault(document.source_sha256, document)
        if earlier is not document:
            errors.add(document.source_file, f"is the same text as {earlier.source_file}",
                       hint=f"one document, two ids: keep {earlier.id!r} or {document.id!r}, not both")


def load_registries(content: Path, root: Path, errors: ErrorCollector, featured: tuple[str, ...] = (),
                    featured_line: int | None = None) -> Registries:
    folder = content / "registry"
    jurisdictions = load_jurisdictions(folder / "jurisdictions.yaml", _rel(folder / "jurisdictions.yaml", root),
                                       errors)
    themes = load_themes(folder / "themes.yaml", _rel(folder / "themes.yaml", root), featured, featured_line,
                         errors)
    indicators = load_indicators(folder / "indicators.yaml", _rel(folder / "indicators.yaml", root), themes,
                                 errors)
    glossary = load_glossary(folder / "glossary.yaml", _rel(folder / "glossary.yaml", root), themes, errors)
    return Registries(jurisdictions, themes, indicators, glossary)


def load_corpus(content: Path, *, cache_dir: Path | None = None, root: Path | None = None,
                max_bytes: int = MAX_SOURCE_BYTES, featured: tuple[str, ...] = (),
                featured_line: int | None = None) -> tuple[Corpus | None, ErrorCollector]:
    root = root or content.parent
    errors = ErrorCollector()
    registries = load_registries(content, root, errors, featured, featured_line)
    documents = []
    doc_root = content / "documents"
    folders = sorted(p for p in doc_root.iterdir() if p.is_dir()) if doc_root.is_dir() else []
    if not folders:
        errors.add(_rel(doc_root, root), "holds no documents", hint="add content/documents/<id>/source.txt")
    for folder in folders:
        document = load_document(folder, root, registries, errors, cache_dir, max_bytes)
        if document is not None:
            documents.append(document)
    _report_duplicate_sources(documents, errors)
    if errors:
        return None, errors
    documents.sort(key=lambda d: (d.jurisdiction, d.year, d.id))
    return Corpus(tuple(documents), registries.jurisdictions, registries.themes, registries.indicators,
                  registries.glossary), errors
