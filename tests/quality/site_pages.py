"""The built site as the gates see it: every HTML page, whatever kinds of page there are."""
from __future__ import annotations

from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def require_npm_tool(path: Path, what: str) -> Path:
    """Fail (never skip) when a pinned npm test tool is missing, saying how to get it."""
    if not path.is_file():
        import pytest
        pytest.fail(f"{what} is missing ({path.relative_to(PROJECT_ROOT)}). It is a pinned npm test tool: "
                    "run `make test`, which runs `npm ci` to install it.", pytrace=False)
    return path


def html_pages(root: Path) -> list[str]:
    """Site-relative paths of every HTML file in the built site, sorted (hidden files skipped)."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        pages.append(rel)
    return pages


def url_path(rel: str) -> str:
    """The URL path a static host serves `rel` at: "en/about/index.html" -> "/en/about/"."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def configured_base_url(project_root: Path = PROJECT_ROOT) -> str:
    """config.yaml's base_url, which the build writes into canonical, hreflang and 404 links."""
    data = yaml.safe_load((project_root / "config.yaml").read_text(encoding="utf-8")) or {}
    url = str(data.get("base_url") or "/")
    return url if url.endswith("/") else url + "/"
