"""Reading content files as UTF-8 text, with errors an editor can act on."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ContentError

MAX_SOURCE_BYTES = 8 * 1024 * 1024


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_utf8(data: bytes, path: str) -> tuple[str | None, ContentError | None]:
    """Decode UTF-8 strictly; name the line of the first bad byte and guess the real encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, ContentError(path, "starts with a UTF-8 byte-order mark", 1,
                                  hint="save the file as UTF-8 without BOM")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 3 and data[1:4:2] == b"\x00\x00"):
        return None, ContentError(path, "is UTF-16, not UTF-8", 1,
                                  hint="convert it: iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data:
        return None, ContentError(path, "contains NUL bytes: it looks binary, not text",
                                  _line_of(data, data.index(b"\x00")),
                                  hint="only plain UTF-8 text files belong here")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        hint = "save the file as UTF-8"
        try:
            data.decode("gb18030")
            hint = "it decodes as GBK/GB18030: convert it with iconv -f GB18030 -t UTF-8"
        except UnicodeDecodeError:
            pass
        return None, ContentError(path, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                                  f"at offset {exc.start})", _line_of(data, exc.start), hint=hint)


LINK_HINT = ("replace the link with the file itself: the build reads only regular files inside the project, "
             "as GitHub Pages' safe mode does")


def not_regular(path: Path, display: str) -> ContentError | None:
    """A symbolic link (followed, one put /etc/passwd on the about page: issue 16), a folder,
    a FIFO (which would hang the read) or a device, where a file is expected."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return ContentError(display, f"cannot be read ({exc.strerror})", hint="check that the file exists")
    if stat.S_ISLNK(mode):
        return ContentError(display, "is a symbolic link", hint=LINK_HINT)
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
        return ContentError(display, f"is {kind}", hint="put the file itself here")
    return None


def unsafe_inputs(root: Path) -> list[ContentError]:
    """Every symbolic link and every entry that is neither a file nor a folder among the
    build's inputs (config.yaml, content/, templates/, static/), named; nothing followed.
    scandir's entry types come with the directory listing: no system call a file."""
    problems = []

    def visit(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path)
                elif entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                    error = not_regular(Path(entry.path), Path(entry.path).relative_to(root).as_posix())
                    if error:
                        problems.append(error)

    for name in ("config.yaml", "content", "templates", "static"):
        top = root / name
        if os.path.islink(top) or (top.exists() and not top.is_dir()):
            error = not_regular(top, name)
            if error:
                problems.append(error)
        elif top.is_dir():
            visit(str(top))
    return problems


def read_text(path: Path, display: str, *, max_bytes: int | None = None) -> tuple[str | None, bytes, ContentError | None]:
    error = not_regular(path, display)
    if error:
        return None, b"", error
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:  # checked before reading it all into memory
        return None, b"", ContentError(display, f"is {size:,} bytes, over the {max_bytes:,}-byte limit "
                                       "for one document",
                                       hint="split the document, or raise build.max_source_bytes in config.yaml")
    data = path.read_bytes()
    text, err = decode_utf8(data, display)
    return text, data, err
