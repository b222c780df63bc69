"""Reading content files as UTF-8 text, with errors an editor can act on."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ContentError

MAX_SOURCE_BYTES = 8 * 1024 * 1024


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16LE" or "UTF-16BE" when bytes with NULs read as text in one of them (ASCII has
    a NUL byte every other byte; a Chinese text's line ends and digits do too), else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    encoding = "UTF-16LE" if data[1::2].count(0) >= data[0::2].count(0) else "UTF-16BE"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    texty = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return encoding if "\x00" not in text and texty >= 0.95 * len(text) else None


def foreign_encoding(data: bytes) -> str | None:
    """The encoding of a text file that is not plain UTF-8, as iconv names it ("UTF-16",
    "UTF-16LE", "UTF-16BE", "GB18030"; "UTF-8-BOM" for a byte-order mark), or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "UTF-8-BOM"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "GB18030"
    except UnicodeDecodeError:
        return None


def conversion_command(encoding: str, path: str, target: str) -> str:
    """The shell command that writes `path` as plain UTF-8 to `target`."""
    if encoding == "UTF-8-BOM":
        return f"sed '1s/^\\xEF\\xBB\\xBF//' {path} > {target}"
    return f"iconv -f {encoding} -t UTF-8 {path} > {target}"


def decode_utf8(data: bytes, path: str) -> tuple[str | None, ContentError | None]:
    """Decode UTF-8 strictly; name the line of the first bad byte and guess the real encoding."""
    encoding = foreign_encoding(data)
    if encoding == "UTF-8-BOM":
        return None, ContentError(path, "starts with a UTF-8 byte-order mark", 1,
                                  hint="save the file as UTF-8 without BOM")
    if encoding and encoding.startswith("UTF-16"):
        return None, ContentError(path, "is UTF-16, not UTF-8", 1,
                                  hint=f"convert it: iconv -f {encoding} -t UTF-8")
    if b"\x00" in data:
        return None, ContentError(path, "contains NUL bytes: it looks binary, not text",
                                  _line_of(data, data.index(b"\x00")),
                                  hint="only plain UTF-8 text files belong here")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        hint = "save the file as UTF-8"
        if encoding == "GB18030":
            hint = "it decodes as GBK/GB18030: convert it with iconv -f GB18030 -t UTF-8"
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
