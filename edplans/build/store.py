"""The build cache: each job key's output files, as bytes, plus its side data.

A key is a hash of everything the job reads, so an entry never goes stale: a job whose key
is here is not run again, and its files are hard-linked into the staging folder (copied
where links are not possible). Nothing here is executable: files are the site's own bytes,
side data JSON or gzip.

Layout (`v3/<key[:2]>/`): an entry's site files are `<key>.<n>`, and `<key>.pack` holds one
JSON header line (the site paths, the UI strings its pages lacked, the side data's names and
lengths) followed by the side data. The pack is written last, under a temporary name renamed
into place, so an entry without its pack was never finished and does not exist. No folder
per entry: on this kind of disk a `mkdir` costs half a millisecond, and a build at 1,000
documents stores 17,000 entries. A file that may be linked into a site is never rewritten in
place: a stale one is unlinked first."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

STORE_VERSION = "3"
PACK = ".pack"


class Store:
    def __init__(self, folder: Path):
        self.parent = folder
        self.folder = folder / f"v{STORE_VERSION}"
        self._root = str(self.folder)
        self._buckets: set[str] = set()
        self._headers: dict[str, dict] = {}        # key -> its pack's header: entries never change

    def _base(self, key: str) -> str:
        return f"{self._root}/{key[:2]}/{key}"

    def has(self, key: str) -> bool:
        """A finished, readable entry (a damaged one is a miss: its job runs again)."""
        return self._header(key) is not None

    def _header(self, key: str) -> dict | None:
        header = self._headers.get(key)
        if header is None:
            try:
                with open(self._base(key) + PACK, "rb") as stream:
                    line = stream.readline()
                    data = json.loads(line)
                files = [p if isinstance(p, str) and ".." not in p.split("/") and not p.startswith("/") else ""
                         for p in data.get("files", [])]
                side, offset = {}, 0
                for name, length in data.get("side", []):
                    side[str(name)] = (offset, int(length))
                    offset += int(length)
                header = {"files": files, "side": side, "start": len(line),
                          "missing": tuple(m for m in data.get("missing", []) if isinstance(m, str))}
            except (OSError, ValueError, TypeError):
                return None
            self._headers[key] = header
        return header

    def files(self, key: str) -> dict[str, str]:
        """The site paths a stored job wrote, each with the stored file that holds it; empty
        when the entry is missing or unreadable."""
        header = self._header(key)
        if header is None:
            return {}
        base = self._base(key)
        return {p: f"{base}.{i}" for i, p in enumerate(header["files"]) if p}

    def missing(self, key: str) -> tuple[str, ...]:
        """The UI strings missing when the entry was rendered (reported by every build that
        uses it, not only the one that rendered it: --strict must not pass the second time)."""
        header = self._header(key)
        return header["missing"] if header else ()

    def side(self, key: str, name: str) -> bytes | None:
        where = self.side_range(key, name)
        if where is None:
            return None
        path, start, length = where
        try:
            with open(path, "rb") as stream:
                stream.seek(start)
                data = stream.read(length)
        except OSError:
            return None
        return data if len(data) == length else None

    def side_range(self, key: str, name: str) -> tuple[str, int, int] | None:
        """(pack path, offset, length) of one side data, for reading part of it."""
        header = self._header(key)
        if header is None or name not in header["side"]:
            return None
        offset, length = header["side"][name]
        return self._base(key) + PACK, header["start"] + offset, length

    def put(self, key: str, files: dict[str, bytes | Iterable[bytes]], side: dict[str, bytes] | None = None,
            missing=()) -> None:
        """Store a job's outputs (site path -> bytes, or an iterable of chunks for a file too
        large to hold) and side data; the entry exists once its pack is renamed into place."""
        base = self._base(key)
        if self._header(key) is not None:
            return                      # another process stored the same key: same bytes
        bucket = key[:2]
        if bucket not in self._buckets:
            os.makedirs(f"{self._root}/{bucket}", exist_ok=True)
            self._buckets.add(bucket)
        names = sorted(files)
        for i, site_path in enumerate(names):
            _write_new(f"{base}.{i}", files[site_path])
        side = side or {}
        header = json.dumps({"files": names, "missing": sorted(missing),
                             "side": [[name, len(data)] for name, data in side.items()]}, ensure_ascii=False)
        temporary = f"{base}.{os.getpid()}.tmp"
        _write_new(temporary, b"".join([header.encode("utf-8"), b"\n", *side.values()]))
        os.replace(temporary, base + PACK)

    def prune(self, keep: set[str]) -> int:
        """Remove every entry not in `keep`, unfinished entries and older store versions
        (after a full build): the cache stays the size of one site instead of growing with
        every edit."""
        removed = 0
        if self.parent.is_dir():
            for old in self.parent.iterdir():
                if old.name.startswith("v") and old.name != self.folder.name and old.is_dir() \
                        and not old.is_symlink():
                    shutil.rmtree(old, ignore_errors=True)
        if not self.folder.is_dir():
            return 0
        for bucket in os.scandir(self.folder):
            if not bucket.is_dir(follow_symlinks=False):
                continue
            with os.scandir(bucket.path) as entries:
                names = [e.name for e in entries]
            finished = {n[:-len(PACK)] for n in names if n.endswith(PACK)}
            for name in names:
                key = name.split(".", 1)[0]
                if key not in keep or key not in finished:
                    try:
                        os.unlink(f"{bucket.path}/{name}")
                    except OSError:
                        continue
                    removed += name.endswith(PACK)
                    self._headers.pop(key, None)
        return removed


def _write_new(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write a new file; one left by an unfinished entry may be linked into a served site,
    so it is unlinked, never truncated."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with open(fd, "wb") as stream:
        if isinstance(data, (bytes, bytearray)):
            stream.write(data)
        else:
            for chunk in data:
                stream.write(chunk)


def link_or_copy(source: Path | str, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
