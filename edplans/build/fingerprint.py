"""What every page depends on: the code, the templates and UI strings, the registries, the
Markdown pages and the config (with the base URL). Any change to these changes every key."""
from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
SHARED = ("templates", "content/registry", "content/pages")


def _tree(h, folder: Path, label: str) -> None:
    if not folder.is_dir():
        h.update(f"\0no {label}".encode())
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(f"\0{label}/{path.relative_to(folder).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


def global_fingerprint(root: Path, base_url: str, languages: tuple[str, ...]) -> str:
    h = hashlib.sha256(b"edplans build 1")
    _tree(h, _PACKAGE, "edplans")
    for name in SHARED:
        _tree(h, root / name, name)
    config = root / "config.yaml"
    h.update(config.read_bytes() if config.is_file() else b"\0no config")
    h.update(f"\0{base_url}\0{','.join(languages)}".encode())
    try:
        from importlib import metadata
        for package in ("jinja2", "plotly", "opencc", "markdown-it-py", "pyyaml", "pagefind"):
            h.update(f"\0{package} {metadata.version(package)}".encode())
    except Exception:  # noqa: BLE001 - a missing version only means a wider key
        pass
    return h.hexdigest()


def key(*parts) -> str:
    """A job key: the hash of its kind, its id and the fingerprints of what it reads."""
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()
