"""What the annotation layer still lacks. Not errors (a new document can be built and
read before it is curated), but counted: `check --strict` and `build --strict` fail on any."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Corpus, Document
from .consistency import HAN, english_names, field_line, registry_names, tag_hints, variant_problems
from .glossary import find_english, find_terms

SUMMARY_EN_WORDS = (80, 150)
SUMMARY_ZH_CHARS = (130, 300)   # about as much reading as 80–150 English words
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Gap:
    kind: str                    # numeric-candidate | comparator | theme | lead | heading | summary | nature
                                 # | translation-*
    where: str                   # file:line or file
    message: str

    def __str__(self) -> str:
        return f"{self.where} {self.kind}: {self.message}"


def _yaml(document: Document) -> str:
    return document.source_file.rsplit("/", 1)[0] + "/document.yaml"


def glossary_gaps(document: Document, glossary: dict) -> list[Gap]:
    """An English passage translating a glossary term without the term's English, or with
    only a variant the glossary gives no reason for."""
    gaps = []
    for passage in document.passages():
        if not passage.en:
            continue
        where = document.translation_file + (f":{passage.en_line}" if passage.en_line else "")
        found = list(dict.fromkeys(m.term for m in find_terms(passage.text, glossary)))
        used = {m.term for m in find_english(passage.en, found, glossary)}
        for term_id in found:
            term = glossary[term_id]
            if term_id not in used:
                gaps.append(Gap("glossary-term", where,
                                f"{passage.id}.en translates «{term.zh}» without “{term.en}” (or a variant "
                                f"in en_variants)"))
            for variant in variant_problems(passage.en, term, glossary):
                gaps.append(Gap("glossary-variant", where,
                                f"{passage.id}.en renders «{term.zh}» as “{variant}”, a variant without a reason; "
                                f"hint: write “{term.en}”, or give the variant its reason in "
                                f"content/registry/glossary.yaml ({term.id}.en_variants: - {{en: {variant}, reason: …}})"))
    return gaps


def consistency_gaps(document: Document, themes: dict, root=None) -> list[Gap]:
    """Passages that speak of a theme without its tag and without an editor's sign-off; English
    names that quote Chinese where the site cannot mark its language."""
    yaml_path = _yaml(document)
    gaps = []
    for hint in tag_hints(document, themes):
        if hint.reason is None:
            where = yaml_path + (f":{hint.line}" if hint.line else "")
            gaps.append(Gap("tag-consistency", where,
                            f"passages.{hint.passage} mentions {'、'.join(hint.hints)} but is not tagged {hint.theme}; "
                            f"hint: add the tag, or sign it off: not_themes: {{{hint.theme}: why}}"))
    for field, value in english_names(document):
        if HAN.search(value):
            keys = tuple(field.split(".")) if field.startswith("title") else ("sections", field.split(".")[1], "title_en")
            line = field_line(root, yaml_path, keys)
            gaps.append(Gap("unmarked-chinese", yaml_path + (f":{line}" if line else ""),
                            f"{field} «{value}» has Chinese in English text the site writes where its language "
                            f"cannot be marked (a <title>, an attribute); hint: give it in pinyin or English, "
                            f"and quote the Chinese in the passage or a note"))
    return gaps


def document_gaps(document: Document) -> list[Gap]:
    yaml_path = _yaml(document)
    gaps = []
    for kind, text, low, high, unit in (
            ("summary", document.summary.en if document.summary else None, *SUMMARY_EN_WORDS, "English words"),
            ("summary", document.summary.zh if document.summary else None, *SUMMARY_ZH_CHARS, "Chinese characters")):
        if text is None:
            gaps.append(Gap("summary", yaml_path, "no summary: {zh, en}"))
            break
        size = len(text.split()) if unit == "English words" else len(CJK.findall(text))
        if not low <= size <= high:
            gaps.append(Gap("summary", yaml_path, f"the summary has {size} {unit}; write {low}–{high}"))
    if document.nature is None:
        gaps.append(Gap("nature", yaml_path, "no note on what kind of document this is and how binding: nature: {zh, en}"))
    for section in document.all_sections():
        if section.title and not section.title_en:
            gaps.append(Gap("heading", yaml_path, f"section {section.id} «{section.title}» has no title_en"))
        for passage in section.passages:
            if not passage.themes:
                gaps.append(Gap("theme", yaml_path, f"passage {passage.id} has no themes"))
            if passage.lead and not passage.lead_en:
                gaps.append(Gap("lead", yaml_path, f"passage {passage.id} lead «{passage.lead}» has no lead_en"))
    for problem in document.translation_problems:
        where = document.translation_file + (f":{problem.line}" if problem.line else "")
        message = {"missing": f"passage {problem.passage} has no English",
                   "stale": f"{problem.passage}: the Chinese has changed since this was translated (zh: no longer "
                            "matches how the passage begins); update the English and zh:",
                   "orphaned": f"{problem.passage} is not a passage of the document any more; move or remove it"}
        gaps.append(Gap(f"translation-{problem.kind}", where, message[problem.kind]))
    for line, field, message in document.comparator_gaps:
        gaps.append(Gap("comparator", f"{yaml_path}:{line}" if line else yaml_path, f"{field}: {message}"))
    source = document.source_file
    lines = {p.id: p.start_line for p in document.passages()}
    for passage_id, quantity in document.candidates:
        gaps.append(Gap("numeric-candidate", f"{source}:{lines[passage_id]}",
                        f"«{quantity.text}» in {passage_id} is neither a target nor listed in not_a_target"))
    return gaps


def registry_gaps(corpus: Corpus, root=None) -> list[Gap]:
    """Registry names quoting Chinese in their English (written into <title>s and attributes)."""
    return [Gap("unmarked-chinese", _at(root, path, field), f"{field} «{value}» has Chinese in English text the site writes where its "
                f"language cannot be marked (a <title>, an <option>, an attribute); hint: give it in pinyin or English")
            for path, field, value in registry_names(corpus.themes, corpus.indicators, corpus.jurisdictions,
                                                     corpus.glossary)
            if HAN.search(value)]


def _at(root, path: str, field: str) -> str:
    """file:line of a registry entry's field (`<id>.name.en`, `<id>.subtopics.<id>.name.en`)."""
    top = {"themes.yaml": "themes", "indicators.yaml": "indicators", "jurisdictions.yaml": "jurisdictions",
           "glossary.yaml": "terms"}[path.rsplit("/", 1)[1]]
    line = field_line(root, path, (top, *field.split(".")))
    return path + (f":{line}" if line else "")


def indicator_name_gaps(corpus: Corpus, root=None) -> list[Gap]:
    """An indicator whose English name translates a glossary term without the term's English
    (or with a variant nobody gave a reason for): indicator names are read beside the texts."""
    gaps = []
    for indicator in corpus.indicators.values():
        found = list(dict.fromkeys(m.term for m in find_terms(indicator.name.zh, corpus.glossary)))
        used = {m.term for m in find_english(indicator.name.en, found, corpus.glossary)}
        for term_id in found:
            term = corpus.glossary[term_id]
            problems = variant_problems(indicator.name.en, term, corpus.glossary)
            if term_id in used and not problems:
                continue
            where = _at(root, "content/registry/indicators.yaml", f"{indicator.id}.name.en")
            if term_id not in used:
                gaps.append(Gap("glossary-term", where, f"{indicator.id}.name.en «{indicator.name.en}» translates "
                                f"«{term.zh}» without “{term.en}”; hint: use the glossary's English"))
            for variant in problems:
                gaps.append(Gap("glossary-variant", where, f"{indicator.id}.name.en renders «{term.zh}» as “{variant}”, "
                                f"a variant without a reason; hint: write “{term.en}”, or give the variant its reason "
                                f"in content/registry/glossary.yaml"))
    return gaps


def corpus_gaps(corpus: Corpus, root=None) -> list[Gap]:
    """Everything still missing or inconsistent; `root` (the project) lets a report name the
    line of a registry or document field it read back."""
    return registry_gaps(corpus, root) + indicator_name_gaps(corpus, root) + [
        gap for document in sorted(corpus.documents, key=lambda d: d.id)
        for gap in document_gaps(document) + glossary_gaps(document, corpus.glossary)
        + consistency_gaps(document, corpus.themes, root)]
