"""Writing the site: a full build links every output from the store into a staging folder
beside `out` and swaps it in with one atomic exchange; a failure or a kill at any point
leaves a complete site (the previous one or the new one). `serve` updates its folder file
by file, each file replaced by a rename (never written in place: site files may be hard
links into the store). Only one build writes a given `out` at a time (`SiteLock`)."""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import BuildError, ContentError
from .store import link_or_copy

MARKER = ".edplans-site"  # written into every build: only such a folder is ever replaced
KILL_AT = "EDPLANS_TEST_KILL_AT"  # tests: the step of the swap at which the process kills itself


def _step(name: str) -> None:
    """A point between two steps of the swap; the kill test stops the build at each in turn."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def check_replaceable(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise BuildError([ContentError(str(out), "exists and is not a site edplans built; refusing to replace it",
                                       hint="choose another --out, or empty that folder yourself")])


def environment_error(exc: OSError, out: Path) -> BuildError:
    """A failure of the machine rather than the content (a full disk, a read-only or
    forbidden folder), as one error naming the path instead of a traceback."""
    reasons = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "disk quota exceeded",
               errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
               errno.EPERM: "operation not permitted"}
    reason = reasons.get(exc.errno, exc.strerror or type(exc).__name__)
    return BuildError([ContentError(str(exc.filename or out), reason,
                                    hint=f"free space, or make the folder writable, and build again; "
                                         f"{out} was left as it was")])


class SiteLock:
    """An exclusive lock on `out` for one build (`flock` on a file beside it: released by the
    system when the holder dies, so a killed build never leaves it locked)."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out.parent / f".{out.name}.lock"
        self.fd: int | None = None

    def __enter__(self) -> "SiteLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise BuildError([ContentError(str(self.out), f"another build is running (pid {holder[:12]})",
                                           hint=f"wait for it to finish, or build into another --out "
                                                f"(the lock is {self.path})")]) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)    # releases the lock; the file stays (removing it would race)
            self.fd = None


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
    """Staging and replaced folders that killed builds left beside `out`. Called under the
    lock, so none belongs to a running build. Where the two-rename fallback was killed
    between its renames, the set-aside site is put back first."""
    found = [p for p in out.parent.glob(f".{out.name}.*-*")
             if p.name.startswith((f".{out.name}.new-", f".{out.name}.old-")) and p.is_dir() and not p.is_symlink()]
    if not out.exists():
        complete = [p for p in found if p.name.startswith(f".{out.name}.old-") and (p / MARKER).exists()]
        if complete:
            newest = max(complete, key=lambda p: p.stat().st_mtime)
            newest.rename(out)
            found.remove(newest)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (OSError, AttributeError):        # not Linux, or a C library without it
    _renameat2 = None


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux's renameat2 RENAME_EXCHANGE). False where
    the system or the file system cannot; then the caller falls back to two renames."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def write_site(linked: dict[str, str], written: dict[str, bytes], out: Path, *,
               background_cleanup: bool = False) -> None:
    """Fill a sibling temporary folder, then exchange it with `out` in one step.

    Only a folder that carries the build marker (or an empty one) is replaced. Callers hold
    `SiteLock(out)`. Where the exchange is not available the swap is two renames (the
    previous site is put back if the second fails, and by the next build if killed)."""
    out = out.resolve()
    check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _step("staging-made")
        _fill(staging, linked, written)
        _step("staging-filled")
        if not out.exists():
            staging.rename(out)
            _step("swapped")
            return
        if exchange(staging, out):
            _step("swapped")         # `out` is the new site; `staging` holds the previous one
            _discard(staging, background_cleanup)
            return
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        previous.rmdir()  # a unique free name to move the old site to
        out.rename(previous)
        _step("set-aside")
        try:
            staging.rename(out)
        except BaseException:
            if not out.exists():
                previous.rename(out)
            raise
        _step("swapped")
        _discard(previous, background_cleanup)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)   # the unfinished site, or the replaced one
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
