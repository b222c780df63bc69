"""The state that cleaning rules pass along, and the log they keep."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Line:
    """A line of text and the span of source lines (1-based, inclusive) it came from.

    `breaks` lists (offset in text, source line) where each joined source line begins;
    join_wrapped_lines sets it and flag_suspicious, which runs next, uses it to name the
    physical line of a flagged span. Rules that change lengths afterwards drop it."""

    start: int
    end: int
    text: str
    breaks: tuple[tuple[int, int], ...] = ()

    def source_line_at(self, offset: int) -> int:
        line = self.start
        for position, number in self.breaks:
            if offset >= position:
                line = number
        return line


@dataclass(frozen=True)
class LogEntry:
    """What one rule did at one place. `after` is None when the text was removed."""

    rule: str
    line: int
    before: str
    after: str | None
    note: str = ""


@dataclass(frozen=True)
class Flag:
    """A span that looks damaged, for an editor to review (`build.py check`)."""

    kind: str
    line: int
    excerpt: str
    message: str


@dataclass(frozen=True)
class Correction:
    """An editor's find/replace from document.yaml, applied to the raw lines."""

    find: str
    replace: str
    count: int
    reason_zh: str
    reason_en: str
    yaml_line: int | None = None


@dataclass
class Context:
    """What rules share besides the lines: settings in, log/flags/metadata out."""

    corrections: tuple[Correction, ...] = ()
    rule: str = ""
    log: list[LogEntry] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[Correction, str]] = field(default_factory=list)

    def changed(self, line: int, before: str, after: str | None, note: str = "") -> None:
        self.log.append(LogEntry(self.rule, line, before, after, note))

    def flag(self, kind: str, line: int, excerpt: str, message: str) -> None:
        self.flags.append(Flag(kind, line, excerpt, message))


Rule = Callable[[Context, list[Line]], list[Line]]


def map_text(ctx: Context, lines: list[Line], fn: Callable[[str], str], note: str = "") -> list[Line]:
    """Apply a text-to-text function to every line, logging each line it changes."""
    out = []
    for line in lines:
        new = fn(line.text)
        if new != line.text:
            ctx.changed(line.start, line.text, new, note)
            line = Line(line.start, line.end, new)
        out.append(line)
    return out
