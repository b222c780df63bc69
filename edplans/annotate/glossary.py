"""content/registry/glossary.yaml -> GlossaryTerm objects, and finding terms in text.

A term is found in the canonical (simplified) text by its `zh` form or any alias;
matching is leftmost-longest, so 智慧教育示范区 wins over 智慧教育 where both fit.
In English, only terms found in the passage's Chinese are looked for."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ErrorCollector
from ..model import GlossaryTerm, Theme
from .codebook import read_slug, read_words, load_registry_list
from .schema import GLOSSARY_KEYS


def load_glossary(path: Path, display: str, themes: dict[str, Theme],
                  errors: ErrorCollector) -> dict[str, GlossaryTerm]:
    f, raw = load_registry_list(path, display, "terms", errors)
    terms: dict[str, GlossaryTerm] = {}
    seen: set[str] = set()
    owner: dict[str, str] = {}
    for index, item in raw:
        where = f"terms[{index}]"
        f.known_keys(item, GLOSSARY_KEYS, where)
        tid = read_slug(f, item, where, seen, "term")
        zh = f.text(item, "zh", f"{where}.zh")
        en = f.text(item, "en", f"{where}.en")
        aliases = read_words(f, item, "aliases", f"{where}.aliases")
        not_forms = read_words(f, item, "not_forms", f"{where}.not_forms")
        for index, form in enumerate(not_forms):
            if zh and zh not in form:
                f.error(item["not_forms"], index, f"{where}.not_forms[{index}]",
                        f"{form!r} does not contain {zh!r}",
                        "not_forms lists longer words that contain the term but mean something else (预算编制)")
        variants, reasons = read_variants(f, item, f"{where}.en_variants")
        definition = f.bilingual(item, "definition", f"{where}.definition")
        term_themes = read_words(f, item, "themes", f"{where}.themes")
        for theme in term_themes:
            if theme not in themes:
                f.error(item, "themes", f"{where}.themes", f"unknown theme {theme!r}",
                        "ids are listed in content/registry/themes.yaml")
        for form in ([zh] if zh else []) + list(aliases):
            if form in owner and owner[form] != tid:
                f.error(item, "aliases" if form != zh else "zh", f"{where}.aliases",
                        f"{form!r} already belongs to term {owner[form]!r}",
                        "a form can name only one term: remove it from one of the two")
            owner.setdefault(form, tid)
        if tid and zh and en and definition:
            terms[tid] = GlossaryTerm(tid, zh, en, aliases, variants, definition, term_themes, reasons, not_forms)
    return terms


def read_variants(f, item: dict, field: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """`en_variants:` entries, each a bare string (recognised, but a translation using it is
    reported: it is not the glossary's English) or `{en: …, reason: …}` (right where used,
    and why)."""
    value = item.get("en_variants")
    if value is None:
        return (), ()
    if not isinstance(value, list):
        f.error(item, "en_variants", field, "must be a list", "e.g. [{en: homeroom teacher, reason: …}]")
        return (), ()
    variants, reasons = [], []
    for index, entry in enumerate(value):
        if isinstance(entry, str) and entry:
            variants.append(entry)
        elif isinstance(entry, dict):
            f.known_keys(entry, ("en", "reason"), f"{field}[{index}]")
            en = f.text(entry, "en", f"{field}[{index}].en")
            reason = f.text(entry, "reason", f"{field}[{index}].reason")
            if en and reason:
                variants.append(en)
                reasons.append((en, reason))
        else:
            f.error(value, index, f"{field}[{index}]", "must be an English form or {en:, reason:}",
                    "e.g. {en: homeroom teacher, reason: the school's own English name for the post}")
    return tuple(variants), tuple(reasons)


@dataclass(frozen=True)
class TermMatch:
    term: str
    start: int
    end: int


class _Finder:
    """One glossary's Chinese forms as one pattern, and the matches of the texts it has seen:
    a passage is searched by the page, the collections and the gap check, several times."""

    LIMIT = 4096                      # texts remembered (a few documents' passages)

    def __init__(self, terms: dict[str, GlossaryTerm]):
        self.terms = terms
        lookup = dict(sorted((form, t.id) for t in terms.values() for form in (t.zh, *t.aliases)))
        # words that contain a term but mean something else (预算编制, drawing up a budget):
        # matched, being longer, and then dropped
        ignored = {form for t in terms.values() for form in t.not_forms if form not in lookup}
        ordered = sorted([*lookup, *ignored], key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(f) for f in ordered))
        self.lookup = lookup
        self.seen: dict[str, tuple[TermMatch, ...]] = {}

    def find(self, text: str) -> tuple[TermMatch, ...]:
        found = self.seen.get(text)
        if found is None:
            if len(self.seen) >= self.LIMIT:
                self.seen.clear()
            found = self.seen[text] = tuple(TermMatch(self.lookup[m.group(0)], m.start(), m.end())
                                            for m in self.pattern.finditer(text) if m.group(0) in self.lookup)
        return found


_FINDERS: dict[int, _Finder] = {}


def find_terms(text: str, terms: dict[str, GlossaryTerm]) -> tuple[TermMatch, ...]:
    """Every glossary term in a Chinese text, leftmost-longest. The finder is made once per
    glossary (the registry is built once per build and never changes after)."""
    if not terms:
        return ()
    finder = _FINDERS.get(id(terms))
    if finder is None or finder.terms is not terms:
        if len(_FINDERS) > 8:
            _FINDERS.clear()
        finder = _FINDERS[id(terms)] = _Finder(terms)
    return finder.find(text)


def english_forms(term: GlossaryTerm) -> list[str]:
    return sorted({term.en.strip('"'), *[v.strip('"') for v in term.en_variants]}, key=len, reverse=True)


_ENGLISH_MEMO: dict = {"terms": None, "seen": {}}


def find_english(text: str, term_ids: list[str], terms: dict[str, GlossaryTerm]) -> list[TermMatch]:
    """Occurrences in English of the given terms, leftmost-longest, whole words, any case.
    Remembered for the last few thousand texts of one glossary: a build asks twice for each
    passage (its runs on the page, and the check that the translation uses the glossary's
    English)."""
    memo = _ENGLISH_MEMO
    if memo["terms"] is not terms or len(memo["seen"]) >= _Finder.LIMIT:
        memo["terms"], memo["seen"] = terms, {}
    key = (text, tuple(term_ids))
    found = memo["seen"].get(key)
    if found is None:
        found = memo["seen"][key] = tuple(_find_english(text, term_ids, terms))
    return list(found)


def _find_english(text: str, term_ids: list[str], terms: dict[str, GlossaryTerm]) -> list[TermMatch]:
    forms = [(form, tid) for tid in term_ids for form in english_forms(terms[tid]) if form]
    if not forms:
        return []
    forms.sort(key=lambda item: len(item[0]), reverse=True)
    lookup = {form.lower(): tid for form, tid in reversed(forms)}
    pattern = _en_pattern(tuple(f for f, _ in forms))
    return [TermMatch(lookup[m.group(1).lower()], m.start(), m.end()) for m in pattern.finditer(text)]


@lru_cache(maxsize=512)
def _en_pattern(forms: tuple[str, ...]) -> re.Pattern:
    # a form is found in the plural too (class teacher, class teachers)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?:e?s)?(?![\w-])", re.IGNORECASE)
