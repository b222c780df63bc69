"""`build.py suggest <document>`: what an editor still has to annotate in one document, as YAML
to paste into its document.yaml and complete.

Prints the passages that lack themes (with themes proposed from the codebook's keyword hints)
or an English lead, and a whole proposed target for every number still open (edplans/annotate/
propose.py): in passages tagged with a featured theme or not tagged yet, each number that no
target and no `not_a_target` quote covers. A count of what exists (现有…) is proposed under
`not_a_target`. The placeholders of anonymised copies (xx所) are listed as holding no number
to annotate. `--all` shows every passage and every number, those already annotated
commented out."""
from __future__ import annotations

import sys
from pathlib import Path

from .annotate.anchor import find_all
from .annotate.fields import closest
from .annotate.propose import Proposal, figures, propose, target_yaml
from .check import _load, _print_errors
from .ingest.placeholders import Placeholder, placeholders
from .model import Document, Passage, Theme


def proposed_themes(passage: Passage, themes: dict[str, Theme], limit: int = 3) -> list[str]:
    """Themes ranked by how many distinct keyword hints the passage contains."""
    scores = []
    for order, theme in enumerate(themes.values()):
        hits = sum(1 for word in theme.keywords if word in passage.text)
        if hits:
            scores.append((-hits, order, theme.id))
    return [tid for _, _, tid in sorted(scores)[:limit]]


def covered_spans(document: Document) -> dict[str, list[tuple[int, int]]]:
    """Per passage, the spans of its targets' and not_a_target quotes."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for target in document.targets:
        spans.setdefault(target.passage, []).append((target.start, target.end))
    for pid, start, end in document.dismissed:
        spans.setdefault(pid, []).append((start, end))
    return spans


def document_proposals(document: Document, corpus) -> list[tuple[Proposal, bool]]:
    """Every number of the document proposed as a target, with whether it is already covered."""
    passages = list(document.passages())
    spans = covered_spans(document)

    def occurrence_of(quote: str, start: int, pid: str) -> int | None:
        matches = find_all(quote, passages)
        if len(matches) < 2:
            return None
        return next((n for n, m in enumerate(matches, start=1) if m.passage.id == pid and m.start == start), None)

    result = []
    for passage in passages:
        for q in figures(passage.text):
            covered = any(s < q.end and q.start < e for s, e in spans.get(passage.id, []))
            proposal = propose(passage.text, q, passage=passage.id, themes=passage.theme_ids,
                               doc_type=document.doc_type, period_start=document.period_start,
                               period_end=document.period_end, indicators=corpus.indicators,
                               occurrence_of=lambda quote, start, pid=passage.id: occurrence_of(quote, start, pid))
            result.append((proposal, covered))
    return result


def _wanted(passage: Passage, featured: set[str]) -> bool:
    """Numbers the check requires: in featured-theme passages, and in untagged ones (not yet known)."""
    return not passage.themes or bool(featured.intersection(passage.theme_ids))


def _print_passages(document: Document, lacking: list[Passage], themes: dict[str, Theme],
                    held: dict[str, list[Placeholder]], out) -> None:
    section_of = {p.id: s for s in document.all_sections() for p in s.passages}
    if lacking:
        print("passages:", file=out)
    for passage in lacking:
        section = section_of[passage.id]
        print(f"  # {section.label}{section.title}  ({document.source_file}:{passage.start_line})", file=out)
        print(f"  # {passage.text}", file=out)
        print(f"  {passage.id}:", file=out)
        if passage.themes:
            print(f"    themes: [{', '.join(passage.themes)}]", file=out)
        else:
            proposal = proposed_themes(passage, themes)
            print(f"    themes: [{', '.join(proposal)}]   # proposed from keyword hints: check", file=out)
        if passage.lead:
            print(f"    lead_en: {passage.lead_en or ''}   # {passage.lead}", file=out)
        for found in held.get(passage.id, ()):
            print(f"    # placeholder «{found.text}» in the source ({found.kind}): no figure to annotate "
                  "(`build.py check` flags it)", file=out)


def _print_proposals(document: Document, shown: list[tuple[Proposal, bool]], out) -> None:
    """Targets, then counts of what exists under not_a_target; annotated ones commented out."""
    by_id = {p.id: p for p in document.passages()}
    for key, kinds in (("targets", ("target", "achievement")), ("not_a_target", ("stock",))):
        items = [(p, covered) for p, covered in shown if p.kind in kinds]
        if items:
            print(f"{key}:", file=out)
        for proposal, covered in items:
            passage = by_id[proposal.passage]
            print(f"  # {proposal.passage} ({document.source_file}:{passage.start_line}) …"
                  f"{passage.text[max(0, proposal.start - 20):proposal.end + 10]}…", file=out)
            if covered:
                print("  # already annotated:", file=out)
            for line in target_yaml(proposal):
                print(("  # " if covered else "  ") + line, file=out)


def run_suggest(root: Path, doc_id: str, *, all_passages: bool = False, out=None) -> int:
    out = out or sys.stdout
    corpus, errors = _load(root)
    if corpus is None:
        _print_errors(errors)
        return 1
    ids = [d.id for d in corpus.documents]
    if doc_id not in ids:
        print(f"no document {doc_id!r}; {closest(doc_id, ids) or 'documents: ' + ', '.join(ids)}", file=sys.stderr)
        return 1
    document = corpus.document(doc_id)
    featured = {t.id for t in corpus.featured_themes}
    by_id = {p.id: p for p in document.passages()}
    proposals = document_proposals(document, corpus)
    shown = [(p, covered) for p, covered in proposals
             if all_passages or (not covered and _wanted(by_id[p.passage], featured))]
    other = sum(1 for p, covered in proposals if not covered and not _wanted(by_id[p.passage], featured))
    held = {p.id: found for p in document.passages() if (found := placeholders(p.text))}
    lacking = [p for p in document.passages()
               if all_passages or not p.themes or (p.lead and not p.lead_en) or p.id in held]
    print(f"# {document.id}: {document.title.zh}", file=out)
    if not lacking and not shown:
        print("# nothing left to annotate: every passage has its themes and leads, and every number in the "
              "passages of featured themes is a target or listed in not_a_target"
              + (f" ({other} number(s) in passages of other themes are not shown)" if other else "")
              + f".\n# `build.py suggest {doc_id} --all` shows every passage and every number.", file=out)
        return 0
    _print_passages(document, lacking, corpus.themes, held, out)
    _print_proposals(document, shown, out)
    passages_note = (f"{len(lacking)} passage(s) lacking themes or an English lead or holding placeholders, "
                     if not all_passages else "")
    print(f"# {passages_note}{sum(1 for _, c in shown if not c)} number(s) to annotate"
          + (f"; {other} more in passages of other themes: --all shows them" if other and not all_passages else ""),
          file=out)
    return 0
