"""flag_suspicious: spans that look damaged are flagged for review, never changed.

Runs before width normalisation, while a stray ASCII '?' (a lost character) is
still told apart from a full-width question mark."""
from __future__ import annotations

import re

from ..placeholders import ANY as PLACEHOLDER_LETTER, placeholders
from ..script import CJK, to_simplified
from ..state import Context, Line

# Each pattern matches exactly the suspicious characters (context only by lookaround),
# so the match start is the damaged spot and names its source line.
CHECKS: list[tuple[str, re.Pattern[str], str]] = [
    ("replacement-character", re.compile(r"\ufffd+"),
     "U+FFFD: a character was lost in decoding"),
    ("question-mark-in-cjk", re.compile(rf"(?<=[{CJK}“”])\?+(?=[{CJK}\d“”!])"),
     "'?' inside Chinese text: often a character lost in an encoding round-trip"),
    ("lost-character", re.compile(r"□+"),
     "□ marks a character that could not be recovered: say so wherever the passage is used"),
]
# A placeholder (placeholders.py) is flagged by what it stands for, with what to do about it.
PLACEHOLDER_MESSAGES = {
    "number": ("placeholder instead of a number (xx所): an anonymised or unfinished copy; no value is read "
               "from it (hint: annotate a complete copy, or sign it off under reviewed: in document.yaml)"),
    "name": ("placeholder instead of a name (xx市, “xxxx”工程): the place or name is unknown, and no "
             "jurisdiction is taken from it (hint: find the complete copy, or sign it off under reviewed:)"),
}
# Characters that decode from shifted GBK bytes but almost never occur in plans.
MOJIBAKE_RUN = re.compile(r"[睊炻氬憻捛钒踩⑾腊亍彝ァ眲趧咏逃笳茖毙妒锟斤拷烫屯]{3,}|锟斤拷|烫烫烫|屯屯屯")
# A run of three or more characters outside GB2312 in the simplified text is rare in real prose.


_CJK_CHAR = re.compile(f"[{CJK}]")


def _outside_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return True


def _rare_runs(text: str) -> list[str]:
    simplified = to_simplified(text)
    try:
        simplified.encode("gb2312")   # the usual line: all of it in GB2312, so no rare run
        return []
    except UnicodeEncodeError:
        pass
    runs, current = [], ""
    for original, char in zip(text, simplified):
        if _CJK_CHAR.match(char) and _outside_gb2312(char):
            current += original
        else:
            if len(current) >= 3:
                runs.append(current)
            current = ""
    if len(current) >= 3:
        runs.append(current)
    return runs


def _flag_placeholders(ctx: Context, line: Line) -> None:
    if not PLACEHOLDER_LETTER.search(line.text):
        return
    # Units and suffixes are matched in simplified script (個 → 个), one character for one.
    simplified = to_simplified(line.text)
    text = simplified if len(simplified) == len(line.text) else line.text
    for found in placeholders(text):
        start = max(0, found.start - 6)
        ctx.flag(f"placeholder-{found.kind}", line.source_line_at(found.start), line.text[start: found.end + 6],
                 PLACEHOLDER_MESSAGES[found.kind])


def flag_suspicious(ctx: Context, lines: list[Line]) -> list[Line]:
    for line in lines:
        for kind, pattern, message in CHECKS:
            for match in pattern.finditer(line.text):
                start = max(0, match.start() - 6)
                ctx.flag(kind, line.source_line_at(match.start()), line.text[start: match.end() + 6], message)
        _flag_placeholders(ctx, line)
        found = {m.group(0) for m in MOJIBAKE_RUN.finditer(line.text)} | set(_rare_runs(line.text))
        for run in sorted(found):
            index = line.text.find(run)
            ctx.flag("mojibake", line.source_line_at(index), line.text[max(0, index - 6): index + len(run) + 6],
                     "run of characters that look like misdecoded bytes")
    return lines
