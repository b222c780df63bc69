#!/usr/bin/env python3
"""Lighthouse on a built site, page by page: serves an existing site folder on 127.0.0.1 (a
random port, gzip for text as a static host would), runs the pinned Lighthouse from
node_modules with Debian's chromium (mobile emulation and simulated throttling, Lighthouse's
defaults) and prints one markdown row a page: the four category scores, LCP, TBT, CLS and the
bytes transferred. Builds nothing itself: `make lighthouse` builds the site first.

    .venv/bin/python bench/lighthouse.py                      # site/, the default pages, 1 run
    .venv/bin/python bench/lighthouse.py site --runs 3 --out lighthouse.md
    .venv/bin/python bench/lighthouse.py --pages /en/ /en/compare/

Nothing reaches the internet: the pages are local and chromium runs without background
networking, component updates or sync. See bench/README.md.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
DEFAULT_PAGES = (
    "/en/",
    "/en/themes/teacher-development/",
    "/en/themes/digitalisation/",
    "/en/indicators/new-school-places/",
    "/en/jurisdictions/changzhou/",
    "/en/compare/",
    "/en/documents/rudong-2021-2025-five-year-plan/",
    "/en/glossary/",
    "/zh/themes/teacher-development/",
    "/zh/themes/digitalisation/",
    "/zh/indicators/new-school-places/",
)
COLUMNS = ("page", "performance", "accessibility", "best-practices", "seo", "LCP", "TBT", "CLS", "transfer size")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".md")


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Static files, no access log."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class Gzipped(Quiet):
    """Text files gzipped when the browser asks, as GitHub Pages and most static hosts serve
    them (otherwise Lighthouse would time a transfer no reader makes)."""

    _gzipped: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].split("#")[0].endswith("/"):
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()   # a folder without its "/" (redirect), 404s, other files
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            body = self._gzipped.get(key)
            if body is None:
                body = self._gzipped[key] = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path, compress: bool) -> http.server.ThreadingHTTPServer:
    handler = Gzipped if compress else Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium_version(chromium: str) -> str:
    try:
        out = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return chromium
    return out.strip().split(" built on")[0] or chromium


def page_exists(site: Path, page: str) -> bool:
    target = site / page.lstrip("/")
    return (target / "index.html").is_file() if page.endswith("/") else target.is_file()


def run_lighthouse(url: str, out: Path, chromium: str, desktop: bool = False) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if desktop:                 # Lighthouse's desktop preset: a wide screen, where plotly.js loads
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not out.is_file():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"lighthouse exited {done.returncode} for {url}:\n{tail}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not audit {url}: {report['runtimeError'].get('message')}")
    return report


def figures(report: dict) -> dict[str, float | None]:
    audits, categories = report["audits"], report["categories"]

    def numeric(audit: str) -> float | None:
        return audits.get(audit, {}).get("numericValue")

    row = {name: (categories[name]["score"] * 100 if categories.get(name, {}).get("score") is not None else None)
           for name in CATEGORIES}
    row.update(LCP=numeric("largest-contentful-paint"), TBT=numeric("total-blocking-time"),
               CLS=numeric("cumulative-layout-shift"), **{"transfer size": numeric("total-byte-weight")})
    return row


def median_row(rows: list[dict]) -> dict[str, float | None]:
    """Each column's median over the runs (Lighthouse's scores vary from run to run)."""
    out = {}
    for column in rows[0]:
        values = [r[column] for r in rows if r[column] is not None]
        out[column] = statistics.median(values) if values else None
    return out


def cells(page: str, row: dict) -> list[str]:
    def fmt(value, f):
        return "—" if value is None else f(value)
    return [f"`{page}`", *(fmt(row[c], lambda v: f"{v:.0f}") for c in CATEGORIES),
            fmt(row["LCP"], lambda v: f"{v / 1000:.1f} s"), fmt(row["TBT"], lambda v: f"{v:,.0f} ms"),
            fmt(row["CLS"], lambda v: f"{v:.3f}"), fmt(row["transfer size"], lambda v: f"{v / 1024:,.0f} KiB")]


def table(lines: list[list[str]]) -> str:
    head = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] + ["--:"] * (len(COLUMNS) - 1)) + "|"]
    return "\n".join(head + ["| " + " | ".join(line) + " |" for line in lines]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="site paths to audit, e.g. /en/ (default: 11 pages)")
    parser.add_argument("--runs", type=int, default=1, metavar="N", help="runs per page; the table shows medians (default 1)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the table (and its setup line) to FILE")
    parser.add_argument("--json", type=Path, metavar="DIR", help="keep Lighthouse's JSON reports in DIR (default: a temporary folder)")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    parser.add_argument("--desktop", action="store_true",
                        help="Lighthouse's desktop preset instead of mobile emulation (charts draw with plotly.js)")
    args = parser.parse_args(argv)

    site = Path(args.site)
    if not (site / "index.html").is_file():
        parser.error(f"{site}/ holds no built site (no index.html): run `make site` or `make lighthouse`")
    if not os.access(LIGHTHOUSE, os.X_OK):
        parser.error(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` (or `make lighthouse`)")
    chromium = os.environ.get("EDPLANS_CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        parser.error(f"no chromium at {chromium}: `make browser-deps` installs Debian's, or set EDPLANS_CHROMIUM")
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    pages = [p if p.startswith("/") else "/" + p for p in (args.pages or DEFAULT_PAGES)]
    missing = [p for p in pages if not page_exists(site, p)]
    for page in missing:
        print(f"skipped {page}: not in {site}/", file=sys.stderr)
    pages = [p for p in pages if p not in missing]
    if not pages:
        print("no pages to audit", file=sys.stderr)
        return 1

    server = serve(site.resolve(), compress=not args.no_gzip)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    lines, versions, failed, started = [], [], [], time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="edplans-lighthouse-") as tmp:
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                tmp = args.json
            for page in pages:
                rows = []
                for run in range(1, args.runs + 1):
                    t0 = time.monotonic()
                    slug = page.strip("/").replace("/", "_") or "root"
                    try:
                        report = run_lighthouse(base + page, Path(tmp) / f"{slug}-{run}.json", chromium, args.desktop)
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        print(f"{page} run {run}: {error}", file=sys.stderr)
                        continue
                    rows.append(figures(report))
                    versions.append((report["lighthouseVersion"], report["environment"].get("benchmarkIndex")))
                    for warning in report.get("runWarnings", []):
                        print(f"{page} run {run}: warning: {warning}", file=sys.stderr)
                    print(f"{page} run {run}/{args.runs}: {time.monotonic() - t0:.0f} s", file=sys.stderr)
                if rows:
                    lines.append(cells(page, median_row(rows)))
                else:
                    failed.append(page)
    finally:
        server.shutdown()

    browser = chromium_version(chromium)
    setup = ", ".join(f"Lighthouse {v}" for v in sorted({lh for lh, _ in versions})) or "Lighthouse"
    index = sorted(bi for _, bi in versions if bi)
    if index:   # Lighthouse's measure of this machine's CPU at each run: simulated timings scale with it
        setup += (f" (CPU benchmark index {index[0]:.0f}" if index[0] == index[-1] else
                  f" (CPU benchmark index {index[0]:.0f}–{index[-1]:.0f}, median {statistics.median(index):.0f}")
        setup += ")"
    about = (f"{setup}, {browser}; "
             + ("desktop preset, " if args.desktop else "mobile emulation, ")
             + "simulated throttling (Lighthouse's defaults); "
             f"{'gzip' if not args.no_gzip else 'no compression'}; median of {args.runs} run(s) a page; "
             f"{time.monotonic() - started:.0f} s in all")
    text = f"{about}\n\n{table(lines)}"
    if missing:
        text += f"\nNot in the site (skipped): {', '.join(f'`{p}`' for p in missing)}\n"
    if failed:
        text += f"\nLighthouse failed on: {', '.join(f'`{p}`' for p in failed)} (see the messages above)\n"
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
