"""Where each page lives, and relative links between pages (so the site works
under any base path: a GitHub Pages project site, the local server, a folder)."""
from __future__ import annotations

import posixpath


def home(lang: str) -> str:
    return f"{lang}/index.html"


def document(lang: str, doc_id: str) -> str:
    return f"{lang}/documents/{doc_id}/index.html"


def page(lang: str, name: str) -> str:
    return f"{lang}/{name}/index.html"


def relative(from_file: str, to_file: str) -> str:
    """Link from one output file to another; directory index pages end in '/'."""
    target_dir, name = posixpath.split(to_file)
    base = posixpath.dirname(from_file) or "."
    if name == "index.html":
        path = posixpath.relpath(target_dir or ".", base)
        return "./" if path == "." else path + "/"
    return posixpath.relpath(to_file, base)


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
