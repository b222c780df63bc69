"""Typed field readers that turn raw YAML values into values, or collect a named error.

Every reader takes the container, the key and a dotted field path for messages;
line numbers come from the LineMap the YAML loader kept."""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Any, Collection, Iterable

from ..errors import ErrorCollector
from ..model import Bilingual
from ..yamlload import LineMap

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BILINGUAL_SHAPE = "{zh: …, en: …}"


def closest(word: str, choices: Iterable[str], n: int = 3) -> str:
    matches = difflib.get_close_matches(str(word), sorted(choices), n=n, cutoff=0.5)
    return "did you mean " + " or ".join(repr(m) for m in matches) + "?" if matches else ""


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a whole number",
            float: "a number", bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


@dataclass
class Fields:
    path: str
    lines: LineMap
    errors: ErrorCollector

    def error(self, container: Any, key: Any, field: str, message: str, hint: str = "") -> None:
        self.errors.add(self.path, message, line=self.lines.line(container, key), field=field, hint=hint)

    def mapping(self, container: Any, key: Any, field: str, *, required: bool = True,
                shape: str = "") -> dict | None:
        """`shape`: the expected value as the editor writes it (`{start: 2021, end: 2025}`),
        shown in the hint of a missing or mistyped field."""
        value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            if required:
                self.error(container, None, field, "missing required field",
                           f"add `{key}: {shape}`" if shape else f"add `{key}:`")
            return None
        if not isinstance(value, dict):
            self.error(container, key, field, f"must be a mapping, not {type_name(value)}",
                       f"write it as `{key}: {shape}`" if shape else "")
            return None
        return value

    def known_keys(self, value: dict, allowed: Iterable[str], field: str) -> None:
        allowed = list(allowed)
        for key in value:
            if key not in allowed:
                where = f"{field}.{key}" if field else str(key)
                self.error(value, key, where, "unknown key",
                           closest(key, allowed) or "allowed: " + ", ".join(allowed))

    def text(self, container: dict, key: str, field: str, *, required: bool = True) -> str | None:
        value = container.get(key)
        if value is None or value == "":
            if required:
                self.error(container, key if key in container else None, field, "missing required field",
                           f"add `{key}:` with a value")
            return None
        if not isinstance(value, str):
            # YAML reads 2025, 1.5, .nan, .inf and yes as numbers and true/false: `nan` became a title
            shown = f" ({value!r})" if isinstance(value, (int, float)) else ""
            self.error(container, key, field, f"must be text, not {type_name(value)}{shown}",
                       f"put it in quotes: {key}: \"{value}\"" if isinstance(value, (int, float)) else "")
            return None
        return value

    def integer(self, container: dict, key: str, field: str, *, required: bool = True,
                low: int | None = None, high: int | None = None) -> int | None:
        value = container.get(key)
        if value is None:
            if required:
                self.error(container, None, field, "missing required field", f"add `{key}:`")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(container, key, field, f"must be a whole number, not {type_name(value)} ({value!r})")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(container, key, field, f"{value} is out of range {low}–{high}")
            return None
        return value

    def choice(self, container: dict, key: str, field: str, choices: Iterable[str], *,
               required: bool = True) -> str | None:
        choices = list(choices)
        if required and container.get(key) in (None, ""):
            self.error(container, key if key in container else None, field, "missing required field",
                       f"add `{key}:`, one of: " + ", ".join(choices))
            return None
        value = self.text(container, key, field, required=required)
        if value is not None and value not in choices:
            self.error(container, key, field, f"unknown value {value!r}",
                       closest(value, choices) or "one of: " + ", ".join(choices))
            return None
        return value

    def reference(self, container: dict, key: str, field: str, known: Collection[str], what: str, *,
                  required: bool = True) -> str | None:
        """`known`: the ids a reference may name, as a dict or set (tested once per reference,
        for every target and section of every document: a list copy of 12,000 jurisdictions
        each time made a 10,000-document build quadratic)."""
        value = self.text(container, key, field, required=required)
        if value is not None and value not in known:
            self.error(container, key, field, f"unknown {what} {value!r}",
                       closest(value, known) or f"add it to the {what} registry first")
            return None
        return value

    def date(self, container: dict, key: str, field: str) -> str | None:
        value = self.text(container, key, field, required=False)
        if value is not None and not DATE.match(value):
            self.error(container, key, field, f"{value!r} is not a date", "write it as YYYY-MM-DD, quoted")
            return None
        if value is not None:
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                self.error(container, key, field, f"{value!r} is not a day of the calendar",
                           "check the month and the day (2019-02-30 and 0000-00-00 do not exist)")
                return None
            if not 1900 <= day.year <= 2100:
                self.error(container, key, field, f"{value!r}: the year {day.year} is out of range 1900–2100",
                           "check the year")
                return None
        return value

    def bilingual(self, container: dict, key: str, field: str, *, required: bool = True) -> Bilingual | None:
        value = self.mapping(container, key, field, required=required, shape=BILINGUAL_SHAPE)
        if value is None:
            return None
        self.known_keys(value, ("zh", "en"), field)
        zh = self.text(value, "zh", f"{field}.zh")
        en = self.text(value, "en", f"{field}.en")
        return Bilingual(zh, en) if zh is not None and en is not None else None

    def items(self, container: dict, key: str, field: str) -> list[tuple[int, dict]]:
        value = container.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(container, key, field, f"must be a list, not {type_name(value)}")
            return []
        good = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(value, index, f"{field}[{index}]", f"must be a mapping, not {type_name(item)}")
            else:
                good.append((index, item))
        return good
