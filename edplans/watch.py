"""Which project files changed: a polling watcher for `serve`.

Polling, not inotify: it needs no extra package and sees edits on any file system (a
mounted or synced folder too). A scan stats every watched file; it repeats after at least
`interval` seconds and at least twice the last scan's time, so on a large corpus the watcher
never takes more than a third of a core."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

# Editors' swap and backup files, caches: saving them is not an edit.
IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", "~", ".pyc")
IGNORED_FOLDERS = {"__pycache__", ".git", ".cache", "node_modules"}


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(IGNORED_SUFFIXES)


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """path -> (modification time in ns, size) of every watched file."""
    found: dict[str, tuple[int, int]] = {}

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if _ignored(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in IGNORED_FOLDERS:
                        walk(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    found[entry.path] = (info.st_mtime_ns, info.st_size)
            except OSError:
                continue                # removed while scanned: the next scan sees it gone
    for path in paths:
        if path.is_dir():
            walk(str(path))
        elif path.is_file():
            info = path.stat()
            found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


class Watcher:
    """Scans `paths` in a thread; `wait()` returns the files changed, added or removed
    since the last call, waiting for the first of them."""

    def __init__(self, paths: list[Path], interval: float = 0.2):
        self.paths = paths
        self.interval = interval
        self._known = snapshot(paths)
        self._changed: set[str] = set()
        self._condition = threading.Condition()
        self._stopped = False
        self.scan_seconds = 0.0

    def start(self) -> "Watcher":
        threading.Thread(target=self._run, name="edplans-watch", daemon=True).start()
        return self

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                if self._stopped:
                    return
                self._condition.wait(max(self.interval, 2 * self.scan_seconds))
                if self._stopped:
                    return
            started = time.perf_counter()
            current = snapshot(self.paths)
            self.scan_seconds = time.perf_counter() - started
            changed = {p for p in current.keys() | self._known.keys() if current.get(p) != self._known.get(p)}
            self._known = current
            if changed:
                with self._condition:
                    self._changed |= changed
                    self._condition.notify_all()

    def pending(self) -> bool:
        """Whether a change is waiting (serve cancels a stale search index job on it)."""
        with self._condition:
            return bool(self._changed)

    def wait(self, timeout: float | None = None) -> list[Path]:
        with self._condition:
            self._condition.wait_for(lambda: self._changed or self._stopped, timeout)
            changed, self._changed = sorted(self._changed), set()
        return [Path(p) for p in changed]
