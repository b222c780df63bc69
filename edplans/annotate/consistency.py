"""Consistency the per-field validation cannot see: a glossary term rendered by a variant
nobody gave a reason for, a passage that speaks of a theme (its `tag_hints`) without its tag,
and Chinese inside English where the site cannot mark its language (a title, an attribute).
Each is a Gap: `check` lists them and `check --strict` fails on any."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..yamlload import load_yaml

from ..model import Document, GlossaryTerm, Theme
from .glossary import find_english

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def same_name(form: str, name: str) -> bool:
    """One name in another grammatical form: case, a leading article, singular or plural,
    hyphen or space, quotes (smart campus / Smart campuses / the smart-campus)."""
    a, b = _words(form), _words(name)
    return len(a) == len(b) and all(x == y or x in (y + "s", y + "es") or y in (x + "s", x + "es")
                                    for x, y in zip(a, b))


def _words(text: str) -> list[str]:
    text = re.sub(r"^(?:a|an|the)\s+", "", text.strip().strip('"“”').lower())
    return [w for w in re.split(r"[\s\-–]+", text.replace('"', "")) if w]


def variant_problems(en: str, term: GlossaryTerm, glossary: dict) -> list[str]:
    """The variants without a reason that render `term` in `en` (one name per term: a variant
    is there only where the glossary says why it is right)."""
    forms = [en[m.start:m.end] for m in find_english(en, [term.id], glossary)]
    forms = [form for form in forms if not same_name(form, term.en)]
    reasoned = [variant for variant, _ in term.variant_reasons]
    return sorted({form for form in forms if not any(same_name(form, variant) for variant in reasoned)})


@dataclass(frozen=True)
class TagHint:
    passage: str
    theme: str
    hints: tuple[str, ...]       # the theme's hints the passage mentions
    reason: str | None           # an editor's sign-off (passages.<id>.not_themes), or None
    line: int | None             # the passage's entry in document.yaml


def tag_hints(document: Document, themes: dict[str, Theme]) -> list[TagHint]:
    """Passages mentioning a theme's tag hints without carrying its tag, in text order."""
    hinted = [t for t in themes.values() if t.tag_hints]
    found = []
    for passage in document.passages():
        tagged = set(passage.theme_ids)
        signed = dict(passage.not_themes)
        for theme in hinted:
            if theme.id in tagged:
                continue
            hints = tuple(h for h in theme.tag_hints if h in passage.text)
            if hints:
                found.append(TagHint(passage.id, theme.id, hints, signed.get(theme.id), passage.annotation_line))
    return found


def english_names(document: Document) -> list[tuple[str, str]]:
    """English text of a document that the site writes where no markup can go: its title
    (the page's <title>, the cite box's data attributes) and section headings (tables of
    contents, <title> of search results). (field, text)."""
    names = [("title.en", document.title.en)]
    names += [(f"sections.{s.id}.title_en", s.title_en) for s in document.all_sections() if s.title_en]
    return names


def registry_names(themes: dict, indicators: dict, jurisdictions: dict, glossary: dict) -> list[tuple[str, str, str]]:
    """(file, field, English) for registry names, which the site writes into <title>,
    <option> and aria-label attributes, where a Chinese run cannot be marked."""
    out = []
    for theme in themes.values():
        out.append(("content/registry/themes.yaml", f"{theme.id}.name.en", theme.name.en))
        out += [("content/registry/themes.yaml", f"{theme.id}.subtopics.{s.id}.name.en", s.name.en)
                for s in theme.subtopics]
    for indicator in indicators.values():
        out.append(("content/registry/indicators.yaml", f"{indicator.id}.name.en", indicator.name.en))
    for jurisdiction in jurisdictions.values():
        out.append(("content/registry/jurisdictions.yaml", f"{jurisdiction.id}.name.en", jurisdiction.name.en))
    for term in glossary.values():
        out.append(("content/registry/glossary.yaml", f"{term.id}.en", term.en))
    return out


def field_line(root: Path | None, display: str, keys: tuple) -> int | None:
    """The line of a field in a content YAML file (keys: the path to it), for a report that
    needs one; read only when there is something to report."""
    if root is None or not (root / display).is_file():
        return None
    data, lines, err = load_yaml((root / display).read_text(encoding="utf-8"), display)
    if err:
        return None
    container, line = data, None
    for key in keys:
        if isinstance(container, dict) and key in container:
            line = lines.line(container, key)
            container = container[key]
        elif isinstance(container, list):
            match = next((i for i, item in enumerate(container) if isinstance(item, dict) and item.get("id") == key), None)
            if match is None:
                break
            line = lines.line(container, match)
            container = container[match]
        else:
            break
    return line
