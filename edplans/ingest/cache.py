"""Ingest results cached by content hash: a rebuild re-cleans only what changed.

The key covers the source bytes, the corrections and the ingest code itself, so
editing a rule invalidates every entry without anyone having to remember to."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .clean import CleanText, clean
from .state import Correction

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


def clean_cached(source: bytes, text: str, corrections: tuple[Correction, ...],
                 cache_dir: Path | None) -> CleanText:
    if cache_dir is None:
        return clean(text, corrections)
    path = cache_dir / f"{cache_key(source, corrections)}.pickle"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a truncated or stale file is only a cache miss
            path.unlink(missing_ok=True)
    result = clean(text, corrections)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
    return result
