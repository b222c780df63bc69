"""The cleaning pipeline: a named, ordered list of small rules.

Each rule takes the shared Context and the current lines and returns new lines,
logging every change it makes, so `build.py check` can say what changed where and
nothing of the source disappears unaccounted for."""
from __future__ import annotations

from dataclasses import dataclass

from .rules.chrome import strip_chrome
from .rules.corrections import apply_corrections
from .rules.header import lift_header
from .rules.line_ends import normalise_line_ends
from .rules.pinyin import drop_pinyin
from .rules.spam import cut_spam_tail
from .rules.suspicious import flag_suspicious
from .rules.whitespace import normalise_whitespace
from .rules.width import normalise_width
from .rules.wrap import join_wrapped_lines
from .script import detect_script, to_simplified
from .state import Context, Correction, Flag, Line, LogEntry, Rule

# Order matters: corrections see the raw text; pinyin goes before chrome is recognised
# (a share button can carry pinyin too); wrapped lines are joined before flags and
# normalisation look at them, so a defect at a line break is seen like any other.
RULES: list[tuple[str, Rule]] = [
    ("normalise_line_ends", normalise_line_ends),
    ("apply_corrections", apply_corrections),
    ("drop_pinyin", drop_pinyin),
    ("strip_chrome", strip_chrome),
    ("lift_header", lift_header),
    ("cut_spam_tail", cut_spam_tail),
    ("join_wrapped_lines", join_wrapped_lines),
    ("flag_suspicious", flag_suspicious),
    ("normalise_width", normalise_width),
    ("normalise_whitespace", normalise_whitespace),
]
CANONICAL_RULE = "to_simplified"
RULE_NAMES = [name for name, _ in RULES] + [CANONICAL_RULE]


@dataclass(frozen=True)
class CleanLine:
    """A cleaned paragraph-or-heading line in both scripts, with its source span."""

    start: int
    end: int
    original: str   # as published (cleaned), in the source's own script
    canonical: str  # simplified (OpenCC t2s): what structure, quotes and the site use


@dataclass(frozen=True)
class CleanText:
    lines: tuple[CleanLine, ...]
    script: str
    metadata: tuple[tuple[str, str], ...]
    log: tuple[LogEntry, ...]
    flags: tuple[Flag, ...]
    correction_problems: tuple[tuple[Correction, str], ...]


def split_lines(text: str) -> list[Line]:
    return [Line(number, number, line) for number, line in enumerate(text.split("\n"), start=1)]


def clean(text: str, corrections: tuple[Correction, ...] = (), rules: list[tuple[str, Rule]] | None = None) -> CleanText:
    ctx = Context(corrections=corrections)
    lines = split_lines(text)
    for name, rule in rules if rules is not None else RULES:
        ctx.rule = name
        lines = rule(ctx, lines)
    ctx.rule = CANONICAL_RULE
    clean_lines = []
    for line in lines:
        canonical = to_simplified(line.text)
        if canonical != line.text:
            ctx.changed(line.start, line.text, canonical, "converted to simplified script (OpenCC t2s)")
        clean_lines.append(CleanLine(line.start, line.end, line.text, canonical))
    return CleanText(
        lines=tuple(clean_lines),
        script=detect_script(text),
        metadata=tuple(ctx.metadata.items()),
        log=tuple(ctx.log),
        flags=tuple(ctx.flags),
        correction_problems=tuple(ctx.problems),
    )
