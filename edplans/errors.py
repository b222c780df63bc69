"""One error type that points at file:line, collected and reported once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .controls import visible

QUOTE_LIMIT = 60        # characters of a quoted value an error repeats
MESSAGE_LIMIT = 400     # characters of a message or hint


def excerpt(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """One line of at most `limit` characters, control characters shown as code points:
    an error repeats a short excerpt of what it read, never a whole file (issue 16)."""
    text = visible(" ".join(text.splitlines()))
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters, cut)"


_QUOTED = re.compile(r"'[^'\n]{%d,}'|\"[^\"\n]{%d,}\"" % (QUOTE_LIMIT + 1, QUOTE_LIMIT + 1))


def _short_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: f"{m.group(0)[:QUOTE_LIMIT]}…{m.group(0)[0]}", text)


@dataclass(frozen=True)
class ContentError:
    """A problem in the content, located as precisely as the input allows."""

    path: str
    message: str
    line: int | None = None
    field: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        # Messages quote values (repr); whatever a file held, only a short excerpt is repeated.
        object.__setattr__(self, "message", excerpt(_short_quotes(self.message)))
        object.__setattr__(self, "hint", excerpt(_short_quotes(self.hint)))
        object.__setattr__(self, "field", excerpt(self.field, QUOTE_LIMIT))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where} {what}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class BuildError(Exception):
    """Raised once, after collection, when the content has errors."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def report(self) -> str:
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        return f"{count} {noun}:\n" + "\n".join(f"  {e}" for e in self.errors)


@dataclass
class ErrorCollector:
    """Gathers every problem so that an editor sees them all in one run."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path: str | Path, message: str, *, line: int | None = None,
            field: str = "", hint: str = "") -> None:
        self.errors.append(ContentError(str(path), message, line, field, hint))

    def extend(self, errors: list[ContentError]) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BuildError(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)
