"""The downloadable data: data/targets.json and data/targets.csv, one row per target.

Both carry the same columns, documented in COLUMNS (the data page of issue 5 lists
them). Values are written exactly as annotated; every quote is the canonical text's own
span, so it is found verbatim in the document."""
from __future__ import annotations

import csv
import io
import json

from ..model import Corpus, Target
from . import urls

COLUMNS = (
    ("id", "document id / target id; stable while the passage keeps its numbering"),
    ("document", "document id"),
    ("document_title_zh", "document title"),
    ("document_title_en", "document title in English"),
    ("jurisdiction", "jurisdiction id"),
    ("jurisdiction_zh", "jurisdiction name"),
    ("jurisdiction_en", "jurisdiction name in English"),
    ("theme", "the indicator's theme"),
    ("subtopic", "the indicator's sub-topic, if any"),
    ("passage_themes", "the passage's theme tags, main first, separated by spaces"),
    ("indicator", "indicator id"),
    ("indicator_en", "indicator name in English"),
    ("value", "the figure, when it is a single number"),
    ("min", "lower bound of a range"),
    ("max", "upper bound of a range"),
    ("comparator", "= exactly, ≥ at least, ≤ at most, ≈ about"),
    ("unit", "unit as the text gives it"),
    ("unit_en", "unit in English"),
    ("higher_is_better", "whether a larger figure is the better outcome"),
    ("year", "deadline (target) or year reached (achievement)"),
    ("kind", "target or achievement"),
    ("quote", "the sentence or clause stating the figure, verbatim from the canonical (simplified) text"),
    ("passage", "passage id"),
    ("permalink", "address of the passage on the Chinese page"),
    ("permalink_en", "address of the passage on the English page"),
    ("description_en", "what the figure says, in English"),
    ("baseline", "the starting figure, when the text gives one"),
    ("note_en", "editors' note"),
)


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def target_row(target: Target, corpus: Corpus, base_url: str, passage_themes: tuple[str, ...]) -> dict:
    document = corpus.document(target.document)
    jurisdiction = corpus.jurisdictions[target.jurisdiction]
    indicator = corpus.indicators[target.indicator]
    return {
        "id": f"{document.id}/{target.id}",
        "document": document.id,
        "document_title_zh": document.title.zh,
        "document_title_en": document.title.en,
        "jurisdiction": jurisdiction.id,
        "jurisdiction_zh": jurisdiction.name.zh,
        "jurisdiction_en": jurisdiction.name.en,
        "theme": indicator.theme,
        "subtopic": indicator.subtopic,
        "passage_themes": " ".join(passage_themes),
        "indicator": indicator.id,
        "indicator_en": indicator.name.en,
        "value": _number(target.value),
        "min": _number(target.min),
        "max": _number(target.max),
        "comparator": target.comparator,
        "unit": indicator.unit.zh,
        "unit_en": indicator.unit.en,
        "higher_is_better": indicator.higher_is_better,
        "year": target.year,
        "kind": target.kind,
        "quote": target.quote,
        "passage": target.passage,
        "permalink": urls.absolute(base_url, urls.document("zh", document.id)) + "#" + target.passage,
        "permalink_en": urls.absolute(base_url, urls.document("en", document.id)) + "#" + target.passage,
        "description_en": target.description,
        "baseline": _number(target.baseline),
        "note_en": target.note.en if target.note else None,
    }


def target_rows(corpus: Corpus, base_url: str) -> list[dict]:
    themes = {(d.id, p.id): p.themes for d in corpus.documents for p in d.passages()}
    return [target_row(t, corpus, base_url, themes[(t.document, t.passage)]) for t in corpus.targets()]


def targets_json(rows: list[dict]) -> bytes:
    payload = {"columns": [{"name": name, "description": text} for name, text in COLUMNS], "targets": rows}
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def targets_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _ in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                         for k, v in row.items()})
    # A byte-order mark so that spreadsheet programs open the Chinese text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
