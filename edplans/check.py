"""`build.py check`: per document, what each cleaning rule changed and every flagged span."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .annotate.consistency import tag_hints
from .annotate.gaps import corpus_gaps
from .annotate.schema import all_schemas, stale_schemas, write_schemas
from .config import load_config
from .corpus import load_corpus
from .errors import ErrorCollector
from .ingest.clean import RULE_NAMES


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return "(removed)"
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _passage_at(document, line: int) -> str:
    """ (in p-2-3-1): the passage holding a source line, so an editor finds it on the page too."""
    found = next((p.id for p in document.passages() if p.start_line <= line <= p.end_line), None)
    return f" (in {found})" if found else ""


def schemas_for(corpus) -> dict[str, dict]:
    return all_schemas(corpus.jurisdictions, corpus.themes, corpus.indicators)


def _load(root: Path):
    errors = ErrorCollector()
    config = load_config(root, errors)
    if config is None:
        return None, errors
    return load_corpus(config.content, cache_dir=config.cache_dir, root=root,
                       max_bytes=config.max_source_bytes, featured=config.featured_themes,
                       featured_line=config.featured_line)


def _print_errors(errors: ErrorCollector) -> None:
    print(f"{len(errors.errors)} error(s):", file=sys.stderr)
    for error in errors.errors:
        print(f"  {error}", file=sys.stderr)


def write_schema_files(root: Path) -> int:
    corpus, errors = _load(root)
    if corpus is None:
        _print_errors(errors)
        return 1
    written = write_schemas(root, schemas_for(corpus))
    print("wrote " + ", ".join(written) if written else "schemas/ is up to date")
    return 0


def print_tag_report(corpus, out) -> None:
    """Per document, the passages that mention a theme's tag hints without its tag: uneven
    tagging skews the theme shares, so each is either tagged or signed off with a reason."""
    print("== tag consistency: passages mentioning a theme's tag_hints (themes.yaml) without its tag", file=out)
    for document in sorted(corpus.documents, key=lambda d: d.id):
        hints = tag_hints(document, corpus.themes)
        open_ = [h for h in hints if h.reason is None]
        print(f"  {document.id}: {len(open_)} untagged, {len(hints) - len(open_)} signed off", file=out)
        yaml_path = document.source_file.rsplit("/", 1)[0] + "/document.yaml"
        for hint in hints:
            where = yaml_path + (f":{hint.line}" if hint.line else "")
            mark = "UNTAGGED" if hint.reason is None else "signed off"
            why = f" — {hint.reason}" if hint.reason else "; add the tag or sign it off (not_themes)"
            print(f"    {mark} {where} {hint.passage} {hint.theme} ({'、'.join(hint.hints)}){why}", file=out)


def run_check(root: Path, *, strict: bool = False, verbose: bool = False, out=None) -> int:
    out = out or sys.stdout
    corpus, errors = _load(root)
    if corpus is None:
        _print_errors(errors)
        return 1
    flagged = reviewed = 0
    for document in sorted(corpus.documents, key=lambda d: d.id):
        source = document.source_file
        print(f"== {document.id} ({source}, {document.script} script)", file=out)
        counts = Counter(entry.rule for entry in document.log)
        for rule in RULE_NAMES:
            if counts[rule]:
                print(f"  {rule:22} {counts[rule]:4} change(s)", file=out)
        if verbose:
            for entry in document.log:
                if entry.after is None:  # a cut line: what it was and why it went
                    print(f"    {source}:{entry.line} {entry.rule}: cut «{_short(entry.before)}» — {entry.note}", file=out)
                else:
                    print(f"    {source}:{entry.line} {entry.rule}: {_short(entry.before)} → {_short(entry.after)}"
                          f"{'  [' + entry.note + ']' if entry.note else ''}", file=out)
        for flag in document.flags:
            flagged += 1
            print(f"  FLAG {source}:{flag.line} {flag.kind}{_passage_at(document, flag.line)}: «{flag.excerpt}» — "
                  f"{flag.message}", file=out)
        for flag, reason in document.reviewed_flags:
            reviewed += 1
            print(f"  reviewed {source}:{flag.line} {flag.kind}: «{flag.excerpt}» — {reason.en}", file=out)
    gaps = corpus_gaps(corpus, root)
    for gap in gaps:
        if gap.kind != "tag-consistency":          # listed by the tag report below
            print(f"  GAP {gap}", file=out)
    print_tag_report(corpus, out)
    stale = stale_schemas(root, schemas_for(corpus))
    for name in stale:
        print(f"  STALE {name} differs from the registries; run `build.py schemas`", file=out)
    kinds = Counter(g.kind for g in gaps)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
    targets = sum(len(d.targets) for d in corpus.documents)
    print(f"{len(corpus.documents)} documents checked; {targets} targets; {flagged} span(s) flagged for review, "
          f"{reviewed} reviewed; annotation gaps: {summary}", file=out)
    return 1 if strict and (flagged or gaps or stale) else 0
