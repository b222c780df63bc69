"""content/documents/<id>/en.yaml: the English translation memory, one entry per passage.

Each entry holds the first characters of the Chinese it translates (`zh:`), so that a
passage whose text changed, or that was re-segmented, shows up as stale instead of
silently showing an old translation; the English (`en:`); and an optional translator's
`note:` for corrupt or uncertain source text."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import ErrorCollector
from ..textfile import read_text
from ..yamlload import load_yaml
from .anchor import normalise_quote
from .fields import Fields
from .schema import TRANSLATION_KEYS

MIN_ZH = 8          # characters of Chinese an entry must quote to identify its passage


@dataclass(frozen=True)
class TranslationEntry:
    passage: str
    zh: str
    en: str
    note: str | None
    line: int | None
    en_line: int | None = None


def load_translation(path: Path, display: str, errors: ErrorCollector) -> dict[str, TranslationEntry] | None:
    """None when the document has no en.yaml yet (every passage then counts as missing)."""
    if not path.exists():
        return None
    text, _, err = read_text(path, display)
    if err is None:
        data, lines, err = load_yaml(text, display)
    if err:
        errors.extend([err])
        return {}
    if data is None:
        return {}
    f = Fields(display, lines, errors)
    if not isinstance(data, dict):
        errors.add(display, "must map passage ids to {zh:, en:}", line=1, hint="p-1-1-1: {zh: …, en: …}")
        return {}
    entries = {}
    for pid, item in data.items():
        where = str(pid)
        if not isinstance(item, dict):
            f.error(data, pid, where, "must be a mapping with zh: and en:")
            continue
        f.known_keys(item, TRANSLATION_KEYS, where)
        zh = f.text(item, "zh", f"{where}.zh")
        en = f.text(item, "en", f"{where}.en")
        note = f.text(item, "note", f"{where}.note", required=False)
        if zh is not None and len(normalise_quote(zh)) < MIN_ZH:
            f.error(item, "zh", f"{where}.zh", f"quotes only {len(zh)} characters of the Chinese",
                    f"copy at least the first {MIN_ZH} characters of the passage")
            continue
        if zh and en:
            entries[str(pid)] = TranslationEntry(str(pid), zh, en.strip(), note, lines.line(data, pid),
                                                 lines.line(item, "en"))
    return entries


def is_current(entry: TranslationEntry, passage_text: str) -> bool:
    """The entry still translates this passage: its Chinese is how the passage begins."""
    return normalise_quote(passage_text).startswith(normalise_quote(entry.zh))


@dataclass(frozen=True)
class TranslationProblem:
    kind: str                    # missing | stale | orphaned
    passage: str
    line: int | None             # line in en.yaml, when there is an entry


def apply_translation(sections, entries: dict[str, TranslationEntry] | None):
    """Put each current translation on its passage. A stale entry is not shown: an old
    English text beside new Chinese would mislead more than no English at all."""
    entries = entries or {}
    problems: list[TranslationProblem] = []
    seen: set[str] = set()

    def passage(p):
        seen.add(p.id)
        entry = entries.get(p.id)
        if entry is None:
            problems.append(TranslationProblem("missing", p.id, None))
            return p
        if not is_current(entry, p.text):
            problems.append(TranslationProblem("stale", p.id, entry.line))
            return p
        return dataclasses.replace(p, en=entry.en, en_note=entry.note, en_line=entry.en_line)

    def visit(section):
        return dataclasses.replace(section, passages=tuple(passage(p) for p in section.passages),
                                   children=tuple(visit(c) for c in section.children))
    translated = tuple(visit(s) for s in sections)
    problems += [TranslationProblem("orphaned", pid, entry.line) for pid, entry in entries.items() if pid not in seen]
    return translated, tuple(problems)
