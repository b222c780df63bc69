"""Regenerate the golden structure summaries in tests/golden/.

    .venv/bin/python tests/regen_golden.py           # rewrite tests/golden/<doc-id>.structure.txt
    .venv/bin/python tests/regen_golden.py --check   # only report what differs (exit 1 if anything does)

Each file is `edplans.ingest.structure.summarise(document.sections)` for one document
of content/documents, built as the site builds it (load_corpus: the editors'
corrections from document.yaml applied). After regenerating, read the diff
(`git diff tests/golden/`) before committing: every changed line is a section, a
passage id or a lead sentence that readers of the site will see change.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SUFFIX = ".structure.txt"

if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))


def golden_path(doc_id: str) -> Path:
    return GOLDEN / f"{doc_id}{SUFFIX}"


def comparable(text: str) -> list[str]:
    """Lines without trailing spaces: an editor that trims them must not break a golden file."""
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


def summaries() -> dict[str, str]:
    """doc id -> structure summary, for every document of the real content."""
    from edplans.corpus import load_corpus
    from edplans.ingest.structure import summarise

    corpus, errors = load_corpus(ROOT / "content")
    if corpus is None:
        raise SystemExit(f"content/ does not load, fix it first:\n{errors}")
    return {document.id: summarise(document.sections) for document in corpus.documents}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a golden file differs")
    args = parser.parse_args(argv)

    current = summaries()
    stale = sorted(p for p in GOLDEN.glob(f"*{SUFFIX}") if p.name[: -len(SUFFIX)] not in current)
    changed = []
    for doc_id, text in sorted(current.items()):
        path = golden_path(doc_id)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old is not None and comparable(old) == comparable(text):
            continue
        changed.append(path)
        if not args.check:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        if not args.check:
            path.unlink()
    for path in changed:
        print(f"{'differs' if args.check else 'written'}: {path.relative_to(ROOT)}")
    for path in stale:
        print(f"{'stale' if args.check else 'removed'}: {path.relative_to(ROOT)} (no such document)")
    if not changed and not stale:
        print(f"all {len(current)} golden structure files are up to date")
    return 1 if args.check and (changed or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
