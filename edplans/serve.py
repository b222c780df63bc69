"""`build.py serve`: the same build, plus watching, live reload and an error page.

A save is rebuilt incrementally (build/session.py) in two phases: the pages that depend on
it are published and the open tabs reload; then the search shards whose text changed are
indexed again by Pagefind and published without a reload (nothing on a page shows them). A
save arriving while a shard is indexed stops that run: its rebuild plans the shards again,
so an index older than the pages is never published.

Every HTML response carries a small script that asks the server, by a long-polled request,
for the site's version, and reloads the tab when it changes: after a rebuild, after a failed
one (the tab then shows the errors, escaped) and when it is fixed. A failed rebuild leaves
the folder as it was. (The `livereload` package this replaces reloaded only on the second
save within three seconds, and rebuilt everything on every save.)"""
from __future__ import annotations

import html
import mimetypes
import os
import socketserver
import sys
import threading
import time
import traceback
import wsgiref.simple_server
from pathlib import Path
from urllib.parse import parse_qs

from .build.jobs import Cancelled
from .build.session import Session
from .errors import BuildError, excerpt
from .watch import Watcher

WATCHED = ("content", "templates", "static", "config.yaml")
CODE = Path(__file__).resolve().parent         # the running code: a change restarts the server
WAIT_PATH = "/.edplans-serve/version"
POLL_SECONDS = 30             # a waiting request is answered at the latest after this


class State:
    """The version the open tabs compare theirs to, and the last rebuild's errors."""

    def __init__(self):
        self.version = time.time_ns() // 1_000_000      # a restarted server is a new version too
        self.error: str | None = None
        self._changed = threading.Condition()

    def publish(self, error: str | None) -> None:
        with self._changed:
            self.error = error
            self.version += 1
            self._changed.notify_all()

    def wait(self, known: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != known, timeout)
            return self.version


def _reload_script(version: int) -> bytes:
    return (f"<script>(function(v){{function w(){{fetch('{WAIT_PATH}?known='+v,{{cache:'no-store'}})"
            ".then(function(r){if(!r.ok)throw r;return r.text()})"
            ".then(function(n){if(n!==String(v))location.reload();else w()},"
            "function(){setTimeout(w,1000)})}w()})"
            f"({version});</script>").encode("ascii")


def _inject(page: bytes, version: int) -> bytes:
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + _reload_script(version) + page[at:]


def _error_page(report: str) -> bytes:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Build failed</title>"
            "<style>body{font:16px system-ui;margin:2rem;max-width:70rem}pre{white-space:pre-wrap;"
            "background:#fde2e1;padding:1rem}</style></head><body><h1>Build failed</h1>"
            "<p>site/ still holds the last good build. Fix the problems below and save: the page reloads.</p>"
            f"<pre>{html.escape(report)}</pre></body></html>").encode("utf-8")


def _app(out: Path, state: State):
    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if path == WAIT_PATH:
            known = parse_qs(environ.get("QUERY_STRING", "")).get("known", [""])[0]
            version = state.wait(int(known) if known.isdigit() else -1, POLL_SECONDS)
            start_response("200 OK", [("Content-Type", "text/plain"), ("Cache-Control", "no-store")])
            return [str(version).encode("ascii")]
        version, error = state.version, state.error
        if error is not None and path.endswith(("/", ".html")):
            start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8"),
                                                ("Cache-Control", "no-store")])
            return [_inject(_error_page(error), version)]
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
            return [_inject(page.read_bytes(), version) if page.exists() else b"not found"]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        body = target.read_bytes()
        return [_inject(body, version) if kind.startswith("text/html") else body]
    return app


class _Server(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    daemon_threads = True        # a tab's waiting request must not keep the server from exiting

    def handle_error(self, request, client_address):
        # A tab that reloads or closes drops its waiting request: not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def _say(text: str) -> None:
    print(text, flush=True)


class Rebuilder:
    """Runs the rebuilds one after another (in the calling thread) as the watcher reports
    changes, and tells the open tabs."""

    def __init__(self, session: Session, state: State, watcher: Watcher):
        self.session, self.state, self.watcher = session, state, watcher

    def first(self) -> None:
        self._attempt(lambda: self.session.build(), first=True)

    def step(self, changed: list[Path]) -> None:
        result = self._attempt(lambda: self.session.rebuild(changed, later=True))
        if result is None or not result.later:
            return
        try:
            done = self.session.publish_later(self.watcher.pending)
        except Cancelled:
            _say("search index: a newer save came first; indexing again after its rebuild")
            return
        except BuildError as exc:
            self._failed(exc.report())
            return
        except Exception as exc:  # noqa: BLE001 - shown in the browser, the server keeps running
            traceback.print_exc()
            self._failed(excerpt(f"{type(exc).__name__}: {exc}"))
            return
        if done is not None:
            _say(f"search index: {result.later} shard(s) indexed again, {done.files} files "
                 f"published in {done.seconds:.2f}s")

    def _attempt(self, run, first: bool = False):
        try:
            result = run()
        except BuildError as exc:
            self._failed(exc.report())
            return None
        except Exception as exc:  # a template or code error: show it, keep serving
            traceback.print_exc()
            self._failed(excerpt(f"{type(exc).__name__}: {exc}"))
            return None
        if first:
            _say(f"built {result.pages} pages ({result.rendered} rendered) in {result.seconds:.2f}s")
        else:
            _say(f"rebuilt {result.pages} pages in {result.seconds:.2f}s")
        self.state.publish(None)
        return result

    def _failed(self, report: str) -> None:
        _say(f"build failed; the open pages show the errors until they are fixed:\n{report}")
        self.state.publish(report)


def serve(root: Path, out: Path, *, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> None:
    state = State()
    session = Session(root, out, base_url=f"http://{host}:{port}/", quiet=quiet)
    watcher = Watcher([root / name for name in WATCHED] + [CODE])   # before the first build: its edits count
    rebuilder = Rebuilder(session, state, watcher)
    # bound before the first build (a port in use fails at once), answering after it
    server = wsgiref.simple_server.make_server(host, port, _app(out, state), server_class=_Server,
                                               handler_class=_Quiet)
    rebuilder.first()
    threading.Thread(target=server.serve_forever, name="edplans-serve", daemon=True).start()
    watcher.start()
    _say(f"serving {out} at http://{host}:{port}/ (Ctrl-C stops); rebuilding on every save")
    try:
        while True:
            changed = watcher.wait()
            if any(CODE in path.parents for path in changed):
                # Rendering with the code in memory would store pages under the new code's
                # fingerprint (build/fingerprint.py hashes the files): start afresh instead.
                _say("edplans' code changed: restarting")
                watcher.stop()
                server.server_close()
                os.execv(sys.executable, sys.orig_argv)
            if changed:
                rebuilder.step(changed)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
    print("stopped", file=sys.stderr)
