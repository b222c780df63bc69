"""Find an editor's quote in the canonical text.

Both sides are normalised before matching: script (t2s, quote only: the canonical text
is simplified already), width (NFKC: full-width letters, digits and punctuation fold to
their ASCII forms) and whitespace (removed). So a quote may be copied from the
traditional-script source or typed with other punctuation widths. Matches are mapped
back to spans of the canonical text, which is what the site marks."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..ingest.script import to_simplified
from ..model import Passage


def _fold(char: str) -> str:
    if char.isspace():
        return ""
    return unicodedata.normalize("NFKC", char)


@lru_cache(maxsize=4096)
def normalise_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised text, and for each of its characters the index in `text` it came from."""
    out, origin = [], []
    for index, char in enumerate(text):
        folded = _fold(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), tuple(origin)


def normalise_quote(quote: str) -> str:
    return normalise_with_map(to_simplified(quote))[0]


@dataclass(frozen=True)
class Match:
    passage: Passage
    start: int                   # span in passage.text
    end: int


def find_all(quote: str, passages: list[Passage]) -> list[Match]:
    needle = normalise_quote(quote)
    if not needle:
        return []
    matches = []
    for passage in passages:
        haystack, origin = normalise_with_map(passage.text)
        at = haystack.find(needle)
        while at != -1:
            end = origin[at + len(needle) - 1] + 1
            matches.append(Match(passage, origin[at], end))
            at = haystack.find(needle, at + 1)
    return matches


def nearest_miss(quote: str, passages: list[Passage]) -> str:
    """A hint for a quote that matches nothing: where its longest matching start is, and
    how the text goes on from there."""
    needle = normalise_quote(quote)
    best: tuple[int, Passage | None, int] = (0, None, 0)
    for passage in passages:
        haystack, origin = normalise_with_map(passage.text)
        low, high = 0, len(needle)
        while low < high:       # longest prefix of the quote found in this passage
            mid = (low + high + 1) // 2
            if needle[:mid] in haystack:
                low = mid
            else:
                high = mid - 1
        if low > best[0]:
            at = haystack.find(needle[:low])
            best = (low, passage, origin[at + low - 1] + 1 if low else 0)
    length, passage, end = best
    if passage is None or length < 2:
        return "copy the quote from the text; `build.py suggest <id>` prints every passage"
    follows = passage.text[end:end + 12]
    return (f"the first {length} characters match in {passage.id}, where the text goes on "
            f"«{follows}» instead of «{needle[length:length + 12]}»")
