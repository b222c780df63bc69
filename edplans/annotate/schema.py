"""The annotation schema in one place: the keys and enumerations the loaders accept,
and the JSON Schema exported from them to schemas/ for editors' YAML tooling.

The loaders (document.py, registry.py, codebook.py) give the precise messages; the JSON
Schema lets an editor's YAML extension autocomplete keys and ids and underline mistakes
while typing. Both read the constants below, so they cannot drift apart; the schema files
embed the registries' ids, so `build.py schemas` rewrites them when a registry changes and
`build.py check --strict` fails while they are stale."""
from __future__ import annotations

import json
from pathlib import Path

DOC_TYPES = ("annual-work-points", "five-year-plan", "news-digest", "plan-excerpt")
DATE_KINDS = ("issued", "published", "generated", "posted")
FLAG_KINDS = ("replacement-character", "question-mark-in-cjk", "placeholder-number", "placeholder-name",
              "lost-character", "mojibake")
DOCUMENT_KEYS = ("title", "type", "jurisdiction", "jurisdiction_note", "period", "publisher", "dates", "source",
                 "source_sha256", "summary", "nature", "corrections", "reviewed", "sections", "passages",
                 "targets", "not_a_target")
SECTION_KEYS = ("jurisdiction", "title_en")
PASSAGE_KEYS = ("themes", "lead_en", "not_themes")
TARGET_KEYS = ("quote", "occurrence", "indicator", "value", "min", "max", "comparator", "unit", "year",
               "kind", "period", "jurisdiction", "part_of", "summed", "baseline", "description", "note")
NOT_TARGET_KEYS = ("quote", "occurrence", "why", "reason")
# What kind of figure a target is: what it may be set beside (docs/annotations.md, Comparability).
TARGET_PERIODS = {
    "year": "a figure for one year (this year's new places, a year's result)",
    "plan-total": "a total over the plan's whole period (30 teachers by 2025, added up over five years)",
    "per-year": "a yearly amount kept up over the period (100 trainees every year)",
    "level": "a level or stock to reach or hold (85% of classes, a share, a count in place by then)",
}
# Why a number in a featured-theme passage is not a target: each reason the check can weigh.
NOT_TARGET_WHY = {
    "stock": "a count of what already exists (现有, 已有, 目前): a baseline, never a target",
    "ordinal": "an ordinal (第二批, 第40个教师节)",
    "date": "a year, date or period (2019年, 十四五)",
    "name": "part of a name or slogan, in quotation marks or a title (“五个一”, 《…》)",
    "count": "how many items the text lists or covers (五个方面, 等10项内容), not an amount to reach",
    "reference": "a figure quoted from elsewhere or given as context (a law's article, a national figure)",
}
UNKNOWN_VALUE = "unknown"
SCHEME_LEVELS = ("province", "prefecture")   # indicators.yaml `within:`
COMPARATORS = ("=", "≥", "≤", "≈")
COMPARATOR_ALIASES = {">=": "≥", "<=": "≤", "~": "≈"}
TARGET_KINDS = ("target", "achievement")
TRANSLATION_KEYS = ("zh", "en", "note")
GLOSSARY_KEYS = ("id", "zh", "en", "aliases", "not_forms", "en_variants", "definition", "themes")
THEME_KEYS = ("id", "name", "description", "keywords", "tag_hints", "subtopics")
INDICATOR_KEYS = ("id", "name", "theme", "subtopic", "unit", "higher_is_better", "description",
                  "across_levels", "within", "unit_one")
JURISDICTION_KEYS = ("id", "name", "level", "parent", "province", "note")
LEVELS = ("province", "prefecture", "county", "district", "unknown")
# `jurisdiction: unknown` in a document.yaml: a place the text does not name. Built in
# (registry.py), never written in jurisdictions.yaml; the document says what its text reveals
# in `jurisdiction_note:`.
UNKNOWN_JURISDICTION = "unknown"
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = ("document", "translation", "themes", "indicators", "jurisdictions")


def _closed(properties: dict, required: tuple[str, ...] = (), description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _text(description: str = "", **extra) -> dict:
    return {"type": "string", "minLength": 1, **({"description": description} if description else {}), **extra}


BILINGUAL = _closed({"zh": _text("Chinese"), "en": _text("English")}, ("zh", "en"))
NUMBER = {"type": "number"}


def _enum(values, description: str = "") -> dict:
    values = sorted(values)
    schema = {"type": "string", "enum": values} if values else _text()
    if description:
        schema["description"] = description
    return schema


def theme_tags(themes: dict) -> list[str]:
    """Every tag a passage may carry: a theme id, or theme/sub-topic."""
    return [tag for tid, theme in themes.items() for tag in [tid] + [f"{tid}/{s.id}" for s in theme.subtopics]]


def document_schema(jurisdictions, themes: dict, indicators) -> dict:
    tags = theme_tags(themes)
    target = _closed({
        "quote": _text("verbatim clause holding the figure; either script"),
        "occurrence": {"type": "integer", "minimum": 1, "description": "which match, when the quote occurs more than once"},
        "indicator": _enum(indicators, "content/registry/indicators.yaml"),
        "value": {"anyOf": [NUMBER, {"const": UNKNOWN_VALUE}],
                  "description": "the figure as the text gives it; unknown when its digits were lost"},
        "min": NUMBER, "max": NUMBER,
        "comparator": {"enum": list(COMPARATORS) + list(COMPARATOR_ALIASES), "default": "="},
        "unit": _text("must equal the indicator's unit"),
        "year": {"type": "integer", "minimum": 1949, "maximum": 2100, "description": "deadline; defaults to the period's end"},
        "kind": {"enum": list(TARGET_KINDS)},
        "period": {"enum": list(TARGET_PERIODS), "description": "; ".join(f"{k}: {v}" for k, v in TARGET_PERIODS.items())},
        "jurisdiction": _enum(jurisdictions),
        "part_of": _enum(jurisdictions, "the jurisdiction whose figure this one is a part of (the text says so)"),
        "summed": {"type": "boolean", "description": "one of several parts that add up to the document's figure"},
        "baseline": NUMBER,
        "description": _text("English description of the figure"),
        "note": BILINGUAL,
    }, ("quote", "indicator", "kind", "period", "description"))
    ranged = {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]}
    target["oneOf"] = [{"required": ["value"], "not": ranged}, {**ranged, "not": {"required": ["value"]}}]
    target["if"] = {"properties": {"kind": {"const": "achievement"}}, "required": ["kind"]}
    target["then"] = {"required": ["year"]}
    not_target = _closed({"quote": _text(), "occurrence": {"type": "integer", "minimum": 1},
                          "why": {"enum": list(NOT_TARGET_WHY),
                                  "description": "; ".join(f"{k}: {v}" for k, v in NOT_TARGET_WHY.items())},
                          "reason": _text("why this number is not a target")}, ("quote", "why", "reason"))
    correction = _closed({"find": _text(), "replace": {"type": "string"},
                          "count": {"type": "integer", "minimum": 1}, "reason": BILINGUAL},
                         ("find", "replace", "reason"))
    reviewed = _closed({"kind": {"enum": list(FLAG_KINDS)}, "line": {"type": "integer", "minimum": 1},
                        "reason": BILINGUAL}, ("kind", "line", "reason"))
    return {
        "$schema": DRAFT, "title": "edplans document.yaml", **_closed({
            "title": BILINGUAL,
            "type": {"enum": list(DOC_TYPES)},
            "jurisdiction": _enum(jurisdictions),
            "jurisdiction_note": {**BILINGUAL, "description": "what the text reveals of the place that issued "
                                  "it, when `jurisdiction: unknown` (or a note on the one given)"},
            "period": _closed({"start": {"type": "integer"}, "end": {"type": "integer"}}, ("start", "end")),
            "publisher": BILINGUAL,
            "dates": _closed({k: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"} for k in DATE_KINDS}),
            "source": _closed({"url": {"type": "string", "pattern": "^https?://"}, "note": BILINGUAL}),
            "source_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "summary": BILINGUAL, "nature": BILINGUAL,
            "corrections": {"type": "array", "items": correction},
            "reviewed": {"type": "array", "items": reviewed},
            "sections": {"type": "object", "additionalProperties": _closed({
                "jurisdiction": _enum(jurisdictions), "title_en": _text()})},
            "passages": {"type": "object", "propertyNames": {"pattern": "^p-"}, "additionalProperties": _closed({
                "themes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _enum(tags)},
                "lead_en": _text(),
                "not_themes": {"type": "object", "propertyNames": _enum(themes), "additionalProperties": _text(),
                               "description": "themes whose hints the passage mentions but which it rightly lacks: theme -> why"}})},
            "targets": {"type": "array", "items": target},
            "not_a_target": {"type": "array", "items": not_target},
        }, ("title", "type", "jurisdiction", "period", "source_sha256"))}


def translation_schema() -> dict:
    entry = _closed({"zh": _text("the first characters of the Chinese passage, copied exactly"),
                     "en": _text("the English translation"),
                     "note": _text("translator's note: corrupt or uncertain source text")}, ("zh", "en"))
    schema = {"$schema": DRAFT, "title": "edplans en.yaml (passage id -> translation)", "type": "object",
              "propertyNames": {"pattern": "^p-[0-9a-z-]+$"}, "additionalProperties": entry}
    return schema


def themes_schema() -> dict:
    subtopic = _closed({"id": {"type": "string", "pattern": SLUG_PATTERN}, "name": BILINGUAL}, ("id", "name"))
    theme = _closed({"id": {"type": "string", "pattern": SLUG_PATTERN}, "name": BILINGUAL,
                     "description": BILINGUAL, "keywords": {"type": "array", "items": _text()},
                     "tag_hints": {"type": "array", "items": _text(),
                                   "description": "words that speak of the theme: check reports a passage using one without the tag"},
                     "subtopics": {"type": "array", "items": subtopic}}, ("id", "name", "description"))
    return {"$schema": DRAFT, "title": "edplans themes.yaml",
            **_closed({"themes": {"type": "array", "items": theme}}, ("themes",))}


def indicators_schema(themes: dict) -> dict:
    indicator = _closed({"id": {"type": "string", "pattern": SLUG_PATTERN}, "name": BILINGUAL,
                         "theme": _enum(themes), "subtopic": _text(), "unit": BILINGUAL,
                         "higher_is_better": {"type": "boolean"}, "description": BILINGUAL,
                         "across_levels": {"type": "boolean", "description": "a share or rate: compare across levels"},
                         "within": {"enum": list(SCHEME_LEVELS), "description": "a scheme of a province or city: compare only inside one"},
                         "unit_one": _text("the English unit for exactly 1 (school)")},
                        ("id", "name", "theme", "unit", "higher_is_better"))
    return {"$schema": DRAFT, "title": "edplans indicators.yaml",
            **_closed({"indicators": {"type": "array", "items": indicator}}, ("indicators",))}


def jurisdictions_schema() -> dict:
    item = _closed({"id": {"type": "string", "pattern": SLUG_PATTERN}, "name": BILINGUAL,
                    "level": {"enum": list(LEVELS)}, "parent": _text(), "province": _text(),
                    "note": BILINGUAL}, ("id", "name", "level"))
    return {"$schema": DRAFT, "title": "edplans jurisdictions.yaml",
            **_closed({"jurisdictions": {"type": "array", "items": item}}, ("jurisdictions",))}


def glossary_schema(themes: dict) -> dict:
    words = {"type": "array", "items": _text()}
    term = _closed({"id": {"type": "string", "pattern": SLUG_PATTERN}, "zh": _text("simplified form as in the texts"),
                    "en": _text("the English every translation uses"), "aliases": words,
                    "not_forms": {"type": "array", "items": _text(),
                                  "description": "longer words containing the term that mean something else"},
                    "en_variants": {"type": "array", "items": {"oneOf": [
                        _text("an English form a translation is reported for using"),
                        _closed({"en": _text("the variant"), "reason": _text("why it is right where it is used")},
                                ("en", "reason"))]}},
                    "definition": BILINGUAL, "themes": {"type": "array", "minItems": 1, "items": _enum(themes)}},
                   ("id", "zh", "en", "definition", "themes"))
    return {"$schema": DRAFT, "title": "edplans glossary.yaml",
            **_closed({"terms": {"type": "array", "items": term}}, ("terms",))}


def all_schemas(jurisdictions, themes: dict, indicators) -> dict[str, dict]:
    return {"document": document_schema(jurisdictions, themes, indicators),
            "translation": translation_schema(),
            "themes": themes_schema(),
            "indicators": indicators_schema(themes),
            "glossary": glossary_schema(themes),
            "jurisdictions": jurisdictions_schema()}


def render_schema(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def stale_schemas(root: Path, schemas: dict[str, dict]) -> list[str]:
    """Schema files under schemas/ that differ from what the current registries produce."""
    stale = []
    for name, schema in schemas.items():
        path = root / "schemas" / f"{name}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render_schema(schema):
            stale.append(f"schemas/{name}.schema.json")
    return stale


def write_schemas(root: Path, schemas: dict[str, dict]) -> list[str]:
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas.items():
        path = folder / f"{name}.schema.json"
        text = render_schema(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(f"schemas/{name}.schema.json")
    return written
