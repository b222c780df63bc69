"""`build.py suggest <document>`: what an editor needs to annotate one document.

Prints each passage (id, lead, text), its curated themes or, if it has none, the themes
whose keyword hints it contains (a proposal: the editor decides), the numbers in
featured-theme passages that are neither targets nor dismissed, and the placeholders (xx所)
that hold no number to annotate. Output is YAML-shaped so
it can be pasted into document.yaml and completed."""
from __future__ import annotations

import sys
from pathlib import Path

from .annotate.fields import closest
from .check import _load, _print_errors
from .ingest.numbers import candidates
from .ingest.placeholders import placeholders
from .model import Passage, Theme


def proposed_themes(passage: Passage, themes: dict[str, Theme], limit: int = 3) -> list[str]:
    """Themes ranked by how many distinct keyword hints the passage contains."""
    scores = []
    for order, theme in enumerate(themes.values()):
        hits = sum(1 for word in theme.keywords if word in passage.text)
        if hits:
            scores.append((-hits, order, theme.id))
    return [tid for _, _, tid in sorted(scores)[:limit]]


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
    open_numbers: dict[str, list] = {}
    for pid, quantity in document.candidates:
        open_numbers.setdefault(pid, []).append(quantity)
    featured = {t.id for t in corpus.featured_themes}
    print(f"# {document.id}: {document.title.zh}", file=out)
    print("passages:", file=out)
    shown = 0
    for section in document.all_sections():
        for passage in section.passages:
            held = placeholders(passage.text)
            lacking = (not passage.themes or (passage.lead and not passage.lead_en) or passage.id in open_numbers
                       or held)
            if not (all_passages or lacking):
                continue
            shown += 1
            print(f"  # {section.label}{section.title}  (source.txt:{passage.start_line})", file=out)
            print(f"  # {passage.text}", file=out)
            print(f"  {passage.id}:", file=out)
            if passage.themes:
                print(f"    themes: [{', '.join(passage.themes)}]", file=out)
            else:
                proposal = proposed_themes(passage, corpus.themes)
                print(f"    themes: [{', '.join(proposal)}]   # proposed from keyword hints: check", file=out)
            if passage.lead:
                print(f"    lead_en: {passage.lead_en or ''}   # {passage.lead}", file=out)
            numbers = open_numbers.get(passage.id, [])
            if not numbers and not featured.intersection(passage.theme_ids) and all_passages:
                numbers = candidates(passage.text)
            for quantity in numbers:
                print(f"    # number to annotate: «{quantity.text}» (target, or not_a_target with a reason)",
                      file=out)
            for found in held:
                print(f"    # placeholder «{found.text}» in the source ({found.kind}): no figure to annotate "
                      "(`build.py check` flags it)", file=out)
    print(f"# {shown} passage(s) shown", file=out)
    return 0
