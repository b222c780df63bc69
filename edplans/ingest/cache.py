"""Ingest results cached by content hash: a rebuild re-cleans only what changed.

The key covers the source bytes, the corrections and the ingest code itself, so
editing a rule invalidates every entry without anyone having to remember to. Entries are
JSON of a versioned, checked shape: reading one can never run code (a pickle could, and the
cache folder is writable by whatever the build reads), and one that does not parse as
exactly that shape is a miss."""
from __future__ import annotations

import hashlib
import os
import json
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .clean import CleanLine, CleanText, clean
from .state import Correction, Flag, LogEntry

CACHE_VERSION = 1

_PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _opencc_version() -> str:
    try:
        return metadata.version("opencc")
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_key(source: bytes, corrections: tuple[Correction, ...]) -> str:
    # OpenCC's tables decide the canonical text: its version is part of the key too.
    digest = hashlib.sha256(f"{code_fingerprint()} opencc {_opencc_version()}".encode())
    digest.update(hashlib.sha256(source).digest())
    digest.update(repr(corrections).encode())
    return digest.hexdigest()


def _to_json(result: CleanText) -> bytes:
    data = {"version": CACHE_VERSION, "script": result.script,
            "lines": [[x.start, x.end, x.original, x.canonical] for x in result.lines],
            "metadata": [list(pair) for pair in result.metadata],
            "log": [[e.rule, e.line, e.before, e.after, e.note] for e in result.log],
            "flags": [[f.kind, f.line, f.excerpt, f.message] for f in result.flags],
            "problems": [[[c.find, c.replace, c.count, c.reason_zh, c.reason_en, c.yaml_line], message]
                         for c, message in result.correction_problems]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _typed(values, *types) -> tuple:
    if not isinstance(values, list) or len(values) != len(types):
        raise ValueError("wrong shape")
    for value, kind in zip(values, types):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError("wrong type")
    return tuple(values)


def _from_json(raw: bytes) -> CleanText:
    """The cached result, or ValueError for anything not exactly a cache entry's shape."""
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("script"), str):
        raise ValueError("not a cache entry of this version")
    optional = (str, type(None))
    return CleanText(
        lines=tuple(CleanLine(*_typed(x, int, int, str, str)) for x in data["lines"]),
        script=data["script"],
        metadata=tuple(_typed(x, str, str) for x in data["metadata"]),
        log=tuple(LogEntry(*_typed(x, str, int, str, optional, str)) for x in data["log"]),
        flags=tuple(Flag(*_typed(x, str, int, str, str)) for x in data["flags"]),
        correction_problems=tuple((Correction(*_typed(c, str, str, int, str, str, (int, type(None)))), message)
                                  for c, message in (_typed(p, list, str) for p in data["problems"])))


def clean_cached(source: bytes, text: str, corrections: tuple[Correction, ...],
                 cache_dir: Path | None) -> CleanText:
    if cache_dir is None:
        return clean(text, corrections)
    path = cache_dir / f"{cache_key(source, corrections)}.json"
    if path.is_file() and not path.is_symlink():
        try:
            return _from_json(path.read_bytes())
        except (OSError, ValueError, TypeError, KeyError):  # truncated, stale or planted: a miss
            path.unlink(missing_ok=True)
    result = clean(text, corrections)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(_to_json(result))
    os.replace(tmp, path)
    return result
