"""`build.py new <raw file> [--id ID]`: add a document in one command.

Copies the raw text byte for byte into content/documents/<id>/source.txt, cleans it as the
build does, and writes a document.yaml with its hash and every field the text itself
proposes (propose.py), each guess commented. The folder is written beside the content,
validated as the build validates it, and only then renamed into place: a refused or failed
`new` leaves content/ as it was."""
from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from ..annotate.schema import UNKNOWN_JURISDICTION
from ..config import load_config
from ..corpus import DOC_ID, load_document, load_registries
from ..errors import ErrorCollector
from ..ingest.cache import clean_cached
from ..ingest.script import to_simplified
from ..ingest.structure import build_sections
from ..model import Section
from ..textfile import conversion_command, decode_utf8, foreign_encoding, not_regular
from .propose import Proposal, Proposals, derived_id, propose


class Refused(Exception):
    """A raw file or id `new` will not take, with the fix."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a YAML double-quoted scalar


def _comment(proposal: Proposal, given: str = "") -> str:
    if proposal.guess:
        return f"   # guessed: {proposal.guess}"
    return f"   # {given}" if given else ""


def _section_lines(sections: tuple[Section, ...]) -> list[str]:
    lines = []
    for top in sections:
        for section in top.walk():
            if section.kind == "preamble":
                continue
            heading = f"{section.label}{section.title}".replace("\n", " ")
            lines.append(f"  {_q(section.id)}: {{}}   # {heading}")
    if not lines:
        return []
    return ["# The headings' English titles: write each as \"1\": {title_en: …}.", "sections:", *lines]


def document_yaml(p: Proposals, sha: str, sections: tuple[Section, ...], raw_name: str) -> str:
    start, end = p.period.value
    out = [
        "# yaml-language-server: $schema=../../../schemas/document.schema.json",
        f"# Written by `build.py new` from {raw_name}: each field marked \"guessed\" is a proposal",
        "# to check against the text (docs/editing.md).",
        "title:",
        f"  zh: {_q(to_simplified(p.title_zh.value))}{_comment(p.title_zh, 'from the header, in simplified script')}",
        f"  en: {_q(p.title_en.value)}{_comment(p.title_en)}",
        f"type: {p.doc_type.value}{_comment(p.doc_type)}",
        f"jurisdiction: {p.jurisdiction.value}{_comment(p.jurisdiction)}",
    ]
    if p.jurisdiction.value == UNKNOWN_JURISDICTION:
        out += ["# jurisdiction_note:   # what the text reveals of its place (我市, a region, a river), if anything",
                "#   zh: …", "#   en: …"]
    out.append(f"period: {{start: {start}, end: {end}}}{_comment(p.period)}")
    if p.publisher:
        zh, en = p.publisher.value
        out += [f"publisher:{_comment(p.publisher)}",
                f"  zh: {_q(to_simplified(zh))}", f"  en: {_q(en)}"]
    if p.dates:
        out.append("dates:")
        out += [f"  {kind}: {_q(value)}   # the header's {key}" for kind, value, key in p.dates]
    out.append(f"source_sha256: {_q(sha)}   # of source.txt, which is never edited")
    out += _section_lines(sections)
    return "\n".join(out) + "\n"


def _decode(raw: Path, data: bytes, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise Refused(f"{raw} is {len(data):,} bytes, over the {max_bytes:,}-byte limit for one document "
                      "(hint: split it, or raise build.max_source_bytes in config.yaml)")
    encoding = foreign_encoding(data)
    if encoding:
        name = shlex.quote(str(raw))
        converted = shlex.quote(str(raw.with_name(raw.stem + ".utf8" + raw.suffix)))
        what = "starts with a UTF-8 byte-order mark" if encoding == "UTF-8-BOM" else f"is {encoding}, not UTF-8"
        raise Refused(f"{raw} {what}; sources are kept as plain UTF-8 (hint: convert it, then add the "
                      f"converted file: {conversion_command(encoding, name, converted)} && "
                      f"python build.py new {converted})")
    text, error = decode_utf8(data, str(raw))
    if error:
        raise Refused(str(error))
    if not text.strip():
        raise Refused(f"{raw} is empty (hint: a document needs its raw text)")
    return text


def _target_folder(content: Path, doc_id: str, derived: bool) -> Path:
    how = "derived from the title, place and years" if derived else "given"
    if not DOC_ID.match(doc_id):
        raise Refused(f"document id {doc_id!r} ({how}) must be lowercase ASCII words joined by hyphens "
                      "(hint: e.g. --id changzhou-2024-work-points)")
    folder = content / "documents" / doc_id
    if folder.exists() or folder.is_symlink():
        raise Refused(f"{folder.relative_to(content.parent)} already exists: id {doc_id!r} ({how}) is taken "
                      "(hint: pass another with --id; to replace that document, delete its folder first)")
    return folder


def _already_added(content: Path, sha: str) -> None:
    """The same raw text under a second id is one document added twice (the build refuses it
    too); a document.yaml records its source's hash, so reading those finds it."""
    for yaml_path in sorted((content / "documents").glob("*/document.yaml")):
        if sha in yaml_path.read_text(encoding="utf-8", errors="replace"):
            raise Refused(f"this text is already {yaml_path.parent.relative_to(content.parent)} "
                          f"(its source_sha256 is {sha}) (hint: edit that document instead)")


def _report(doc_id: str, p: Proposals, sections: tuple[Section, ...], rel: str, out) -> None:
    headings = sum(1 for top in sections for s in top.walk() if s.kind != "preamble")
    passages = sum(len(s.passages) for top in sections for s in top.walk())
    guessed = [name for name, proposal in (("title.en", p.title_en), ("title.zh", p.title_zh),
                                           ("type", p.doc_type), ("jurisdiction", p.jurisdiction),
                                           ("period", p.period), ("publisher", p.publisher))
               if proposal is not None and proposal.guess]
    print(f"added {rel}/ (source.txt, document.yaml): {headings} headings, {passages} passages", file=out)
    print(f"  jurisdiction: {p.jurisdiction.value}; period {p.period.value[0]}–{p.period.value[1]}; "
          f"type {p.doc_type.value}", file=out)
    print("  guessed, to check in document.yaml: " + ", ".join(guessed), file=out)
    print("still to do (docs/editing.md):", file=out)
    if p.jurisdiction.value == UNKNOWN_JURISDICTION:
        print("  - jurisdiction_note: what the text reveals of its place (or the jurisdiction, if you know it)",
              file=out)
    print(f"  - English titles of the {headings} headings (sections:)", file=out)
    print(f"  - themes of the {passages} passages, and targets: python build.py suggest {doc_id}", file=out)
    print("  - summary: and nature:, in Chinese and English", file=out)
    print(f"  - the English translation: {rel}/en.yaml", file=out)
    print(f"next: python build.py suggest {doc_id}   (then python build.py serve)", file=out)


def _write_validated(root: Path, folder: Path, raw: Path, text_yaml: str, registries, config) -> ErrorCollector:
    scratch_root = root / ".cache"
    scratch_root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="new-", dir=scratch_root))
    try:
        staged = scratch / folder.name
        staged.mkdir()
        shutil.copyfile(raw, staged / "source.txt")
        (staged / "document.yaml").write_text(text_yaml, encoding="utf-8")
        errors = ErrorCollector()
        load_document(staged, root, registries, errors, config.cache_dir, config.max_source_bytes)
        if not errors:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staged, folder)
        return errors
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def add_document(root: Path, raw: Path, *, doc_id: str | None = None,
                 period: tuple[int, int] | None = None, out=None) -> str:
    """Add `raw` as a new document; its id. Raises Refused with the fix."""
    out = out or sys.stdout
    errors = ErrorCollector()
    config = load_config(root, errors)
    if config is not None:
        registries = load_registries(config.content, root, errors, config.featured_themes, config.featured_line)
    if errors:
        raise Refused("the project does not load:\n" + "\n".join(f"  {e}" for e in errors.errors))
    problem = not_regular(raw, str(raw))
    if problem:
        raise Refused(str(problem))
    data = raw.read_bytes()
    text = _decode(raw, data, config.max_source_bytes)
    clean = clean_cached(data, text, (), config.cache_dir)
    if not clean.lines:
        raise Refused(f"{raw} has no text left after cleaning (only portal chrome, a header or spam) "
                      "(hint: check that this is the right file)")
    proposals = propose(clean, registries.jurisdictions, period)
    if proposals is None:
        raise Refused(f"{raw} names no year in its title, header or text "
                      "(hint: give the plan's years, e.g. --period 2021-2025)")
    derived = doc_id is None
    doc_id = doc_id or derived_id(proposals)
    folder = _target_folder(config.content, doc_id, derived)
    sha = hashlib.sha256(data).hexdigest()
    _already_added(config.content, sha)
    sections = build_sections(clean.lines, proposals.jurisdiction.value)
    text_yaml = document_yaml(proposals, sha, sections, raw.name)
    errors = _write_validated(root, folder, raw, text_yaml, registries, config)
    if errors:   # a proposal the loader refuses is a bug here, not the editor's: say so
        raise Refused("the document.yaml new wrote does not validate (please report this):\n"
                      + "\n".join(f"  {e}" for e in errors.errors))
    _report(doc_id, proposals, sections, folder.relative_to(root).as_posix(), out)
    return doc_id


def parse_period(text: str) -> tuple[int, int]:
    start, _, end = text.partition("-")
    return int(start), int(end or start)


def run_new(root: Path, raw: Path, *, doc_id: str | None = None, period: str | None = None, out=None) -> int:
    try:
        years = parse_period(period) if period else None
    except ValueError:
        print(f"--period {period!r}: write it as 2021-2025, or 2024 for one year", file=sys.stderr)
        return 1
    try:
        add_document(root, raw, doc_id=doc_id, period=years, out=out)
    except Refused as exc:
        print(f"new: nothing added. {exc}", file=sys.stderr)
        return 1
    return 0
