"""The build cache: one folder per job key holding that job's output files, as bytes.

A key is a hash of everything the job reads, so a folder never goes stale: a job whose key
is here is not run again, and its files are hard-linked into the staging folder (copied
where links are not possible). Folders are written under a temporary name and renamed into
place, so a killed build leaves no half-written entry. Nothing here is executable: files
are the site's own bytes, the side data JSON."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

STORE_VERSION = "2"
MANIFEST = "manifest.json"


class Store:
    def __init__(self, folder: Path):
        self.folder = folder / f"v{STORE_VERSION}"
        self._root = str(self.folder)
        self._files: dict[str, tuple[str, ...]] = {}     # key -> site paths: entries never change
        self._missing: dict[str, tuple[str, ...]] = {}   # key -> UI strings its pages lacked

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        return key in self._files or os.path.isfile(f"{self._root}/{key[:2]}/{key}/{MANIFEST}")

    def files(self, key: str) -> dict[str, str]:
        """The site paths a stored job wrote, each with the stored file that holds it; empty
        when the entry is unreadable. Files are stored flat (one folder an entry: a build
        makes one mkdir per job, not one per output folder)."""
        folder = f"{self._root}/{key[:2]}/{key}"
        names = self._files.get(key)
        if names is None:
            try:
                with open(f"{folder}/{MANIFEST}", "rb") as stream:
                    data = json.loads(stream.read())
            except (OSError, ValueError):
                return {}
            names = tuple(p if isinstance(p, str) and ".." not in p.split("/") and not p.startswith("/") else ""
                          for p in data.get("files", []))
            self._files[key] = names
            self._missing[key] = tuple(m for m in data.get("missing", []) if isinstance(m, str))
        return {p: f"{folder}/f{i}" for i, p in enumerate(names) if p}

    def missing(self, key: str) -> tuple[str, ...]:
        """The UI strings missing when the entry was rendered (reported by every build that
        uses it, not only the one that rendered it: --strict must not pass the second time)."""
        if key not in self._missing:
            self.files(key)
        return self._missing.get(key, ())

    def side(self, key: str, name: str) -> bytes | None:
        try:
            return (self.entry(key) / name).read_bytes()
        except OSError:
            return None

    def put(self, key: str, files: dict[str, bytes], side: dict[str, bytes] | None = None,
            missing=()) -> None:
        """Store a job's outputs (site path -> bytes) and side data, atomically."""
        final = self.entry(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=final.parent))
        try:
            names = sorted(files)
            for i, site_path in enumerate(names):
                (staging / f"f{i}").write_bytes(files[site_path])
            for name, data in (side or {}).items():
                (staging / name).write_bytes(data)
            (staging / MANIFEST).write_text(json.dumps({"files": names, "missing": sorted(missing)}),
                                            encoding="utf-8")
            if final.exists():
                shutil.rmtree(final, ignore_errors=True)
            os.rename(staging, final)
        except FileExistsError:   # another process stored the same key first: same bytes
            shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def prune(self, keep: set[str]) -> int:
        """Remove every entry not in `keep` (after a full build): the cache stays the size of
        one site instead of growing with every edit."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for bucket in self.folder.iterdir():
            if not bucket.is_dir():
                continue
            for entry in bucket.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
        return removed


def link_or_copy(source: Path | str, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
