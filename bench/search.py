"""Search at scale: the index's build time, bytes and memory, and how fast a query answers in
Chromium, on a built project (bench/README.md, "Search").

    .venv/bin/python bench/search.py --root /tmp/c1000 [--queries 双师型 县管校 ...]

The project must have been built (`build.py --root ROOT build`): the documents' index pages
are read from its build store. The shards are indexed again here, one at a time as the build
runs them on one core, timed, and their largest Pagefind process's peak memory read; then
ROOT/site is served on 127.0.0.1 and each query run in headless Chromium, reporting the first
query of a page (the index loading with it) and the same queries again (index loaded)."""
from __future__ import annotations

import argparse
import functools
import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from edplans.build.pipeline import Engine  # noqa: E402
from edplans.build.search_index import search_jobs, shard_count  # noqa: E402

QUERIES = {"zh": ["双师型", "县管校", "教育", "优质均衡发展", "dual-qualified"],
           "en": ["dual-qualified", "teacher training", "双师型"],
           "zh-hant": ["雙師型", "縣管校"]}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def index_figures(root: Path) -> dict:
    engine = Engine(root)
    engine.update_documents()
    summaries = engine.ordered_summaries()
    jobs = search_jobs(engine, summaries)
    seconds: dict[str, float] = {}
    size: dict[str, int] = {}
    for job in jobs:
        lang = job.name.split()[1]
        started = time.perf_counter()
        files, _ = job.render()
        seconds[lang] = seconds.get(lang, 0.0) + time.perf_counter() - started
        size[lang] = size.get(lang, 0) + sum(map(len, files.values()))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"documents": len(summaries), "passages": sum(s.passage_count for s in summaries),
            "shards": shard_count(summaries), "seconds": seconds, "bytes": size, "pagefind_peak_bytes": peak}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def query_figures(site: Path, chromium: str, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            for lang, queries in QUERIES.items():
                for query in queries:
                    first, again = [], []
                    for _ in range(rounds):
                        page = browser.new_page()
                        page.goto(f"{base}/{lang}/search/?q={query}")
                        page.wait_for_selector(".search-page[data-state=done]", timeout=60000)
                        first.append(int(page.get_attribute(".search-page", "data-last-search-ms")))
                        count = page.inner_text(".search-status")
                        # the same query again, the index loaded: what a reader waits after typing
                        page.evaluate("document.querySelector('.search-form').requestSubmit()")
                        page.wait_for_function("document.querySelector('.search-page').dataset.state === 'done'")
                        again.append(int(page.get_attribute(".search-page", "data-last-search-ms")))
                        page.close()
                    out[f"{lang} {query}"] = {"results": count, "first_ms": statistics.median(first),
                                              "again_ms": statistics.median(again)}
            browser.close()
    finally:
        server.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-index", action="store_true")
    args = parser.parse_args()
    figures = {} if args.skip_index else index_figures(args.root)
    figures["queries"] = query_figures(args.root / "site", args.chromium, args.rounds)
    figures["date"] = subprocess.run(["date", "-u", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip()
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
