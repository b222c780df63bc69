"""`build.py serve`: the same build, plus watching, live reload and an error page. A save
rebuilds incrementally (build/session.py): only the pages that depend on the changed file.

A failed rebuild leaves site/ as it was; the browser shows the errors (escaped)
until the next good build, then reloads into the site."""
from __future__ import annotations

import html
import mimetypes
from pathlib import Path

from livereload import Server

from .errors import BuildError, excerpt
from .build.session import Session

WATCHED = ("content", "templates", "static", "config.yaml", "edplans")


class _State:
    error: str | None = None


def _error_page(report: str) -> bytes:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Build failed</title>"
            "<style>body{font:16px system-ui;margin:2rem;max-width:70rem}pre{white-space:pre-wrap;"
            "background:#fde2e1;padding:1rem}</style></head><body><h1>Build failed</h1>"
            "<p>site/ still holds the last good build. Fix the problems below and save: the page reloads.</p>"
            f"<pre>{html.escape(report)}</pre></body></html>").encode("utf-8")


def _app(out: Path, state: _State):
    def app(environ, start_response):
        if state.error is not None and environ.get("PATH_INFO", "/").endswith(("/", ".html")):
            start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8")])
            return [_error_page(state.error)]
        path = environ.get("PATH_INFO", "/")
        rel = path.lstrip("/")
        root = out.resolve()
        target = (out / rel).resolve() if "\x00" not in rel else root / "\x00"
        inside = target == root or root in target.parents
        if inside and target.is_dir() and not path.endswith("/"):
            # Relative links on a directory page only work from its URL with a slash.
            start_response("301 Moved Permanently", [("Location", path + "/")])
            return [b""]
        if inside and target.is_dir():
            target = target / "index.html"
        if not inside or not target.is_file():
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
            page = out / "404.html"
            return [page.read_bytes() if page.exists() else b"not found"]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [target.read_bytes()]
    return app


def serve(root: Path, out: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    state = _State()
    session = Session(root, out, base_url=f"http://{host}:{port}/", quiet=False)

    def rebuild(changed: list[Path] | None) -> None:
        try:
            if changed is None or state.error is not None:
                result = session.build()
                print(f"rebuilt {result.rendered} pages in {result.seconds:.2f}s", flush=True)
            else:
                result = session.rebuild(changed)
                print(f"rebuilt {result.pages} pages in {result.seconds:.2f}s", flush=True)
            state.error = None
        except BuildError as exc:
            state.error = exc.report()
            print(state.error, flush=True)
        except Exception as exc:  # a template or code error: show it, keep serving
            state.error = excerpt(f"{type(exc).__name__}: {exc}")
            print(state.error, flush=True)

    def on_change(changed=None) -> None:
        # livereload passes the changed files when it can tell; otherwise everything is rebuilt
        files = [Path(p) for p in changed if isinstance(p, str)] if isinstance(changed, list) else []
        rebuild(files or None)

    rebuild(None)
    server = Server(_app(out, state))
    for name in WATCHED:
        server.watch(str(root / name), on_change)
    server.serve(host=host, port=port, open_url_delay=None)
