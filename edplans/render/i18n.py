"""UI strings from templates/i18n/<lang>.yaml. A missing string is logged the way
Hugo does (i18n|MISSING_TRANSLATION|lang|key), counted, and fails --strict."""
from __future__ import annotations

from pathlib import Path

from ..errors import ErrorCollector
from ..textfile import read_text
from ..yamlload import load_yaml


class Translator:
    def __init__(self, strings: dict[str, dict[str, str]], fallback: str = "zh"):
        self.strings = strings
        self.fallback = fallback
        self.missing: set[str] = set()

    def __call__(self, lang: str, key: str, **values: object) -> str:
        text = self.strings.get(lang, {}).get(key)
        if text is None:
            self.missing.add(f"i18n|MISSING_TRANSLATION|{lang}|{key}")
            text = self.strings.get(self.fallback, {}).get(key, key)
        return text.format(**values) if values else text


def load_translator(folder: Path, languages: tuple[str, ...], errors: ErrorCollector) -> Translator:
    strings: dict[str, dict[str, str]] = {}
    for lang in languages:
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
        strings[lang] = data
    return Translator(strings, fallback=languages[0])
