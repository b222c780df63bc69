"""Where each page lives, and relative links between pages (so the site works
under any base path: a GitHub Pages project site, the local server, a folder)."""
from __future__ import annotations

import posixpath
from functools import lru_cache


def home(lang: str) -> str:
    return f"{lang}/index.html"


def document(lang: str, doc_id: str) -> str:
    return f"{lang}/documents/{doc_id}/index.html"


def page(lang: str, name: str) -> str:
    return f"{lang}/{name}/index.html"


@lru_cache(maxsize=32768)      # bounded: thousands of pages, a few dozen links each
def relative(from_file: str, to_file: str) -> str:
    """Link from one output file to another; directory index pages end in '/'.

    Both are site-root-relative POSIX paths without '..', so the link is string work: up
    from the page's folder to the common prefix, then down (no filesystem path calls)."""
    target_dir, name = posixpath.split(to_file)
    here = from_file.split("/")[:-1]
    there = target_dir.split("/") if target_dir else []
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    if name == "index.html":
        return "/".join(parts) + "/" if parts else "./"
    return "/".join(parts + [name])


def absolute(base_url: str, to_file: str) -> str:
    directory, name = posixpath.split(to_file)
    return base_url + (directory + "/" if name == "index.html" and directory else
                       "" if name == "index.html" else to_file)


def in_language(path: str, lang: str, languages: tuple[str, ...]) -> str | None:
    """The same page in another language tree, or None for language-neutral files."""
    head, _, rest = path.partition("/")
    return f"{lang}/{rest}" if head in languages and rest else None


def theme(lang: str, theme_id: str) -> str:
    return f"{lang}/themes/{theme_id}/index.html"


def indicator(lang: str, indicator_id: str) -> str:
    return f"{lang}/indicators/{indicator_id}/index.html"


def jurisdiction(lang: str, jurisdiction_id: str) -> str:
    return f"{lang}/jurisdictions/{jurisdiction_id}/index.html"
