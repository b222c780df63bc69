"""Writing the site: a full build links every output from the store into a staging folder
beside `out` and swaps it in; a failure at any point leaves the previous site as it was.
`serve` updates its folder file by file, each file replaced by a rename (never written in
place: site files may be hard links into the store)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import BuildError, ContentError
from .store import link_or_copy

MARKER = ".edplans-site"  # written into every build: only such a folder is ever replaced


def check_replaceable(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise BuildError([ContentError(str(out), "exists and is not a site edplans built; refusing to replace it",
                                       hint="choose another --out, or empty that folder yourself")])


def _fill(staging: Path, linked: dict[str, str], written: dict[str, bytes]) -> None:
    made: set[Path] = set()
    for rel in sorted(set(linked) | set(written)):
        target = staging / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if rel in written:
            target.write_bytes(written[rel])
        else:
            link_or_copy(linked[rel], target)
    (staging / MARKER).write_text("built by edplans; replaced whole on every build\n", encoding="utf-8")
    os.chmod(staging, 0o755)


def _discard(folder: Path, background: bool) -> None:
    """Delete the replaced site. Deleting ten thousand folders takes seconds on a slow disk;
    the command line hands it to a detached process so the build returns at once (the
    next build removes whatever a killed one left)."""
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                              str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def _leftovers(out: Path) -> None:
    """Old sites an earlier build set aside and never finished deleting."""
    for path in out.parent.glob(f".{out.name}.old-*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def write_site(linked: dict[str, str], written: dict[str, bytes], out: Path, *,
               background_cleanup: bool = False) -> None:
    """Fill a sibling temporary folder, then swap it for `out` in two renames.

    Only a folder that carries the build marker (or an empty one) is replaced, and if the
    swap fails the previous site is put back."""
    out = out.resolve()
    check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    previous.rmdir()  # a unique free name to move the old site to
    try:
        _fill(staging, linked, written)
        moved = False
        if out.exists():
            out.rename(previous)
            moved = True
        try:
            staging.rename(out)
        except BaseException:
            if moved and not out.exists():
                previous.rename(out)
            raise
        if moved:
            _discard(previous, background_cleanup)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def replace_file(out: Path, rel: str, source: str | None, data: bytes | None = None) -> None:
    """Put one file into a live site folder by rename (serve's incremental update)."""
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    os.close(handle)
    try:
        if data is not None:
            Path(tmp).write_bytes(data)
        else:
            os.unlink(tmp)
            link_or_copy(source, Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_file(out: Path, rel: str) -> None:
    target = out / rel
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
