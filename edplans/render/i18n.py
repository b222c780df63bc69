"""UI strings from templates/i18n/<lang>.yaml. A missing string is logged the way
Hugo does (i18n|MISSING_TRANSLATION|lang|key), counted, and fails --strict."""
from __future__ import annotations

import string
from pathlib import Path

from ..errors import ErrorCollector
from ..textfile import read_text
from ..ingest.script import to_traditional
from ..yamlload import load_yaml

DERIVED_LANGUAGE = "zh-hant"   # generated from zh, never edited by hand


def _placeholder_problem(text: str) -> str | None:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return f"broken placeholder: {exc}"
    if any(not name.isidentifier() for name in fields):
        return "placeholders must be named ({} or {0} is not)"
    return None


class Translator:
    def __init__(self, strings: dict[str, dict[str, str]], fallback: str = "zh"):
        self.strings = strings
        self.fallback = fallback
        self.missing: set[str] = set()

    def __call__(self, lang: str, key: str, **values: object) -> str:
        # "{count} targets" has a singular form "<key>_one" where a language needs one.
        if values.get("count") == 1 and f"{key}_one" in self.strings.get(lang, {}):
            key = f"{key}_one"
        text = self.strings.get(lang, {}).get(key)
        if text is None:
            self.missing.add(f"i18n|MISSING_TRANSLATION|{lang}|{key}")
            text = self.strings.get(self.fallback, {}).get(key, key)
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            self.missing.add(f"i18n|BAD_PLACEHOLDER|{lang}|{key}")
            return text


def load_translator(folder: Path, languages: tuple[str, ...], errors: ErrorCollector) -> Translator:
    strings: dict[str, dict[str, str]] = {}
    for lang in languages:
        if lang == DERIVED_LANGUAGE:
            continue
        path = folder / f"{lang}.yaml"
        display = f"templates/i18n/{lang}.yaml"
        if not path.exists():
            errors.add(display, "is missing", hint="copy zh.yaml and translate its values")
            continue
        text, _, err = read_text(path, display)
        data, lines, err = (None, None, err) if err else load_yaml(text, display)
        if err:
            errors.extend([err])
            continue
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            errors.add(display, "must map each key to a string", line=1)
            continue
        for key, text in data.items():
            problem = _placeholder_problem(text)
            if problem:
                errors.add(display, problem, line=lines.line(data, key), field=str(key),
                           hint="placeholders are named, like {count}; write {{ and }} for braces")
        strings[lang] = data
    if DERIVED_LANGUAGE in languages and "zh" in strings:
        # The traditional edition's strings are the simplified ones, converted (s2tw).
        strings[DERIVED_LANGUAGE] = {key: to_traditional(text) for key, text in strings["zh"].items()}
    return Translator(strings, fallback=languages[0])
