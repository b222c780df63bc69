"""Characters no published text may carry raw: C0 and C1 control characters (NUL, BEL, ESC,
DEL …; tab and line ends are text), lone surrogates and Unicode noncharacters (U+FFFE,
U+FDD0 …). Through YAML escapes (`"\\e"`, `"\\0"`, `"\\uFFFE"`) they reached 40–58 output
files, HTML, JSON and CSV (issue 16). Annotations and pages refuse them; a source text shows
them as visible code points, as bidirectional controls are shown (render/safe.py)."""
from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]")
HINT = ("delete it: such a character cannot be shown on a page (in YAML, an escape such as \\0, \\a, \\e "
        "or \\uFFFE writes one)")


def describe(char: str) -> str:
    """U+001B (ESCAPE): the code point and, where Unicode has one, its name."""
    code = ord(char)
    names = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 0x1B: "ESCAPE", 0x7F: "DELETE"}
    name = names.get(code) or unicodedata.name(char, "") or (
        "a surrogate" if 0xD800 <= code <= 0xDFFF else "a noncharacter" if code >= 0xFDD0 else "a control character")
    return f"U+{code:04X} ({name})"


def visible(text: str) -> str:
    """Each such character as its code point in brackets: `a\\x1bb` -> `a[U+001B]b`."""
    return CONTROL.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


# CONTROL's class reaches past U+FFFF, which leaves the regex engine testing each character
# against its ranges one by one: ten times slower over a long text than a class within the
# Basic Multilingual Plane. So a text is searched with the BMP part, and with the whole class
# only when it holds a character past U+FFFF (a rare emoji or extension-B ideograph).
_BMP_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def find_control(text: str) -> re.Match | None:
    """The first such character in `text` (CONTROL.search, faster on long texts)."""
    if _ASTRAL.search(text):
        return CONTROL.search(text)
    return _BMP_CONTROL.search(text)


def first_control(text: str) -> tuple[int, str] | None:
    """(line, description) of the first such character in `text`, or None."""
    match = find_control(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, describe(match.group(0))
