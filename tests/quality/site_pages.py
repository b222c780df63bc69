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


def page_kind(rel: str) -> str:
    """"en/indicators/new-school-places/index.html" -> "en/indicators/*/index.html"."""
    parts = rel.split("/")
    return "/".join(parts[:2] + ["*"] + parts[3:]) if len(parts) > 3 else rel


SAMPLE_ABOVE = 20   # a kind with more pages than this is one template over many records


def sampled_pages(root: Path, every: int = 25, per_kind: int | None = None) -> list[str]:
    """Every page, except that a kind of page with more than SAMPLE_ABOVE members (an
    indicator page per indicator) is checked on its first and last members and every
    `every`-th one between: the browser gates run a few seconds per page, and such pages
    differ only in their data. With `per_kind`, at most that many of each kind (first and
    last included). The Nu HTML Checker and the link checker still read all."""
    by_kind: dict[str, list[str]] = {}
    for rel in html_pages(root):
        by_kind.setdefault(page_kind(rel), []).append(rel)
    chosen = []
    for members in by_kind.values():
        if per_kind and len(members) > per_kind:
            step = (len(members) - 1) / (per_kind - 1)
            chosen += list(dict.fromkeys(members[round(i * step)] for i in range(per_kind)))
        elif len(members) <= SAMPLE_ABOVE:
            chosen += members
        else:
            chosen += [m for i, m in enumerate(members) if i % every == 0 or i == len(members) - 1]
    return sorted(chosen)
