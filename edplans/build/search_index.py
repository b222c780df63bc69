"""The search index: Pagefind bundles, one set per language tree, in shards.

Pagefind holds a whole index in memory while it writes it (about 340 MB for a quarter of the
1,000-document corpus, in one language) and cannot update one in place. So the documents
are split by a hash of their id into a power of two of shards, sized by passages; the
browser merges them (Pagefind's mergeIndex). An edit re-indexes only its shard in the
languages whose text changed; a shard's key is its members' search pages, not the templates.
The first shard of each language carries Pagefind's script and WebAssembly; the others only
data (a shard the hash left empty has no bundle; the search page lists those there are).

Each shard is indexed by the Pagefind binary of the pinned Python package
(`pagefind[extended]`, found with its `get_executable`) on a scratch folder of the documents'
search pages (render/search.py, stored by the document step), in one run that exits once the
bundle is written. The package's service API was used first and measured wrong for a build:
each call waited 0.1 s (its reply loop sleeps between reads: 100 s for 1,000 pages added one
by one); asyncio.run cannot nest in a running event loop (serve's server, Playwright in the
tests); and it terminates the service as soon as the last reply is read, which in a loaded CI
run left pagefind-entry.json empty."""
from __future__ import annotations

import hashlib
import subprocess
import tempfile
import time
from pathlib import Path

from ..errors import BuildError, ContentError
from ..render.search import INDEX_LANGUAGE, SEARCH_VERSION
from .documents import search_side
from .fingerprint import key as make_key
from .jobs import Cancelled, Job
from .pagefind_canon import canonical

SHARD_PASSAGES = 8000         # about 220 documents of the corpus's average length
# What a shard keeps of Pagefind's output: the data everywhere, the engine in shard 0; its
# ready-made interfaces are not used (static/js/search.js is the site's own).
ENGINE = ("pagefind.js", "pagefind-worker.js", "wasm.")
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def pagefind_version() -> str:
    try:
        from importlib import metadata
        return metadata.version("pagefind")
    except Exception:  # noqa: BLE001 - reported when the index is built
        return "missing"


def shard_count(summaries) -> int:
    total = sum(s.passage_count for s in summaries)
    count = 1
    while count * SHARD_PASSAGES < total:
        count *= 2
    return count


def shard_of(doc_id: str, count: int) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % count


def bundle_path(lang: str, shard: int) -> str:
    return f"{lang}/pagefind/{shard}/"


def shards(summaries) -> tuple[int, dict[int, list]]:
    """(shard count, shard number -> its documents' summaries in id order), the shards that
    have any."""
    count = shard_count(summaries)
    members: dict[int, list] = {}
    for summary in sorted(summaries, key=lambda s: s.id):
        members.setdefault(shard_of(summary.id, count), []).append(summary)
    return count, dict(sorted(members.items()))


def search_jobs(engine, summaries) -> list[Job]:
    count, members = shards(summaries)
    primary = min(members)
    version = pagefind_version()
    scratch = engine.store.parent / "search-scratch"
    jobs = []
    for lang in engine.gathered.config.languages:
        for shard, group in members.items():
            docs = [(s.id, s.fingerprint) for s in group]
            job_key = make_key("search", SEARCH_VERSION, version, lang, count, shard, shard == primary,
                               *[f"{s.id}:{s.hashes.get(f'search:{lang}', s.fingerprint)}" for s in group])

            def render(lang=lang, shard=shard, docs=docs):
                return _index(engine.store, scratch, lang, shard, docs, shard == primary, engine.cancelled), {}
            # stage 1: it reads only the documents' stored pages, so it runs beside the
            # collection shards rather than after them; serve publishes it after the pages
            jobs.append(Job(job_key, f"search {lang} {shard}", render, stage=1, alone=True,
                            later=bundle_path(lang, shard)))
    return jobs


def _index(store, scratch: Path, lang: str, shard: int, docs: list[tuple[str, str]], primary: bool,
           cancelled) -> dict[str, bytes]:
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        pages, out = Path(tmp) / "pages", Path(tmp) / "bundle"
        for doc_id, fingerprint in docs:
            page = store.side(fingerprint, search_side(lang))
            if page is None:
                raise BuildError([ContentError(f"content/documents/{doc_id}", "has no search page in the build cache",
                                               hint="delete .cache/build and build again")])
            folder = pages / "documents" / doc_id
            folder.mkdir(parents=True)
            (folder / "index.html").write_bytes(page)
        try:
            ran = _run([str(_executable()), "--site", str(pages), "--output-path", str(out),
                        "--force-language", INDEX_LANGUAGE[lang], "--silent"], cancelled)
        except (OSError, subprocess.SubprocessError) as exc:
            ran = subprocess.CompletedProcess([], 1, "", str(exc))
        if ran.returncode != 0:
            said = " ".join((ran.stderr or ran.stdout or "").split())[-300:]
            raise BuildError([ContentError(f"search index ({lang}, shard {shard})",
                                           f"Pagefind failed (exit {ran.returncode}): {said}",
                                           hint="`make site` installs pagefind[extended] (pyproject.toml)")])
        bundle = {}
        for path in sorted(out.rglob("*")):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and not rel.startswith(UNUSED) and (primary or not rel.startswith(ENGINE)):
                bundle[rel] = path.read_bytes()
        if "pagefind-entry.json" not in bundle:
            raise BuildError([ContentError(f"search index ({lang}, shard {shard})", "Pagefind wrote no index",
                                           hint="Pagefind wrote no pagefind-entry.json: check the shard's documents build alone")])
        prefix = bundle_path(lang, shard)
        return {prefix + rel: data for rel, data in sorted(canonical(bundle).items())}


def _run(command: list[str], cancelled, timeout: float = 3600) -> subprocess.CompletedProcess:
    """Run Pagefind; stop it as soon as `cancelled()` says its index is out of date."""
    deadline = time.monotonic() + timeout
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        while True:
            try:
                out, err = process.communicate(timeout=0.05)
                return subprocess.CompletedProcess(command, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                if cancelled():
                    process.kill()
                    process.communicate()
                    raise Cancelled(f"Pagefind run on {command[2]} stopped") from None
                if time.monotonic() > deadline:
                    process.kill()
                    raise


def _executable() -> Path:
    """The pinned package's binary (its own lookup: the extended build first)."""
    from pagefind.service import get_executable
    found = get_executable()
    if found is None:
        raise FileNotFoundError("no Pagefind binary: is pagefind[extended] installed?")
    return found
