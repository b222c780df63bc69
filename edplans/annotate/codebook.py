"""content/registry/themes.yaml and indicators.yaml -> Theme and Indicator objects."""
from __future__ import annotations

from pathlib import Path

from ..errors import ErrorCollector
from ..model import Indicator, Subtopic, Theme
from ..textfile import read_text
from ..yamlload import load_yaml
from . import schema
from .fields import Fields, closest
from .registry import SLUG


def load_registry_list(path: Path, display: str, top_key: str,
                       errors: ErrorCollector) -> tuple[Fields | None, list[tuple[int, dict]]]:
    """Read a registry file holding `<top_key>: [ {…}, … ]`."""
    if not path.exists():
        errors.add(display, "is missing", hint=f"the {top_key} registry is required")
        return None, []
    text, _, err = read_text(path, display)
    if err is None:
        data, lines, err = load_yaml(text, display)
    if err:
        errors.extend([err])
        return None, []
    if not isinstance(data, dict) or top_key not in data:
        errors.add(display, f"must be a mapping with a `{top_key}:` list", line=1)
        return None, []
    fields = Fields(display, lines, errors)
    fields.known_keys(data, (top_key,), "")
    return fields, fields.items(data, top_key, top_key)


def read_slug(f: Fields, item: dict, where: str, seen: set[str], what: str) -> str | None:
    value = f.text(item, "id", f"{where}.id")
    if value is not None and not SLUG.match(value):
        f.error(item, "id", f"{where}.id", f"{value!r} is not a valid id",
                "use lowercase letters, digits and hyphens, e.g. teacher-development")
        return None
    if value in seen:
        f.error(item, "id", f"{where}.id", f"duplicate {what} id {value!r}",
                f"an id names one {what}: rename one of the two, or merge them")
        return None
    if value:
        seen.add(value)
    return value


def read_words(f: Fields, item: dict, key: str, field: str) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        f.error(item, key, field, "must be a list of words", "e.g. [教师, 师德]")
        return ()
    return tuple(value)


def load_themes(path: Path, display: str, featured: tuple[str, ...], featured_line: int | None,
                errors: ErrorCollector) -> dict[str, Theme]:
    f, raw = load_registry_list(path, display, "themes", errors)
    themes: dict[str, Theme] = {}
    seen: set[str] = set()
    for index, item in raw:
        where = f"themes[{index}]"
        f.known_keys(item, schema.THEME_KEYS, where)
        tid = read_slug(f, item, where, seen, "theme")
        name = f.bilingual(item, "name", f"{where}.name")
        description = f.bilingual(item, "description", f"{where}.description")
        keywords = read_words(f, item, "keywords", f"{where}.keywords")
        tag_hints = read_words(f, item, "tag_hints", f"{where}.tag_hints")
        subtopics, sub_seen = [], set()
        for sub_index, sub in f.items(item, "subtopics", f"{where}.subtopics"):
            sub_where = f"{where}.subtopics[{sub_index}]"
            f.known_keys(sub, ("id", "name"), sub_where)
            sid = read_slug(f, sub, sub_where, sub_seen, "sub-topic")
            sub_name = f.bilingual(sub, "name", f"{sub_where}.name")
            if sid and sub_name:
                subtopics.append(Subtopic(sid, sub_name))
        if tid and name and description:
            themes[tid] = Theme(tid, name, description, keywords, tuple(subtopics), tid in featured, tag_hints)
    if f is not None:
        for theme_id in featured:
            if theme_id not in themes:
                errors.add("config.yaml", f"unknown theme {theme_id!r}", line=featured_line,
                           field="featured_themes", hint=closest_hint(theme_id, themes))
    # Featured themes first, in the order config.yaml lists them; then the codebook's order.
    order = [t for t in featured if t in themes] + [t for t in themes if t not in featured]
    return {tid: themes[tid] for tid in order}


def closest_hint(word: str, known) -> str:
    return closest(word, known) or "ids are listed in content/registry/themes.yaml"


def load_indicators(path: Path, display: str, themes: dict[str, Theme],
                    errors: ErrorCollector) -> dict[str, Indicator]:
    f, raw = load_registry_list(path, display, "indicators", errors)
    indicators: dict[str, Indicator] = {}
    seen: set[str] = set()
    for index, item in raw:
        where = f"indicators[{index}]"
        f.known_keys(item, schema.INDICATOR_KEYS, where)
        iid = read_slug(f, item, where, seen, "indicator")
        name = f.bilingual(item, "name", f"{where}.name")
        theme = f.reference(item, "theme", f"{where}.theme", themes, "theme")
        subtopic = f.text(item, "subtopic", f"{where}.subtopic", required=False)
        if theme and subtopic and subtopic not in {s.id for s in themes[theme].subtopics}:
            known = [s.id for s in themes[theme].subtopics]
            f.error(item, "subtopic", f"{where}.subtopic", f"theme {theme!r} has no sub-topic {subtopic!r}",
                    closest_hint(subtopic, known) if known else f"{theme!r} has no sub-topics")
            subtopic = None
        unit = f.bilingual(item, "unit", f"{where}.unit")
        better = item.get("higher_is_better")
        if not isinstance(better, bool):
            f.error(item, "higher_is_better" if "higher_is_better" in item else None,
                    f"{where}.higher_is_better",
                    "missing required field" if better is None else "must be true or false",
                    "true when a larger figure is the better outcome")
            better = None
        description = f.bilingual(item, "description", f"{where}.description", required=False)
        flags = {}
        flags["across_levels"] = item.get("across_levels", False)
        if not isinstance(flags["across_levels"], bool):
            f.error(item, "across_levels", f"{where}.across_levels", "must be true or false",
                    "true for a share or rate, which compares across levels of government; a count does not")
            flags["across_levels"] = False
        flags["within"] = f.choice(item, "within", f"{where}.within", schema.SCHEME_LEVELS, required=False)
        unit_one = f.text(item, "unit_one", f"{where}.unit_one", required=False)
        if iid and name and theme and unit and better is not None:
            indicators[iid] = Indicator(iid, name, theme, subtopic, unit, better, description, unit_one=unit_one,
                                        **flags)
    return indicators
