"""The one build path behind `build`, `serve` and the tests.

1. gather what every page shares (config, registries, UI strings) and fingerprint it;
2. documents: each one whose fingerprint is not in the store is loaded, validated and
   rendered by a worker process (every core); the others are read back as summaries;
3. plan: every other output as a job with a key (build/jobs.py, build/site_jobs.py);
4. run the jobs whose key is not in the store (collection shards first, on every core);
5. write: full builds hard-link every output into a staging folder and swap it in
   (build/write.py); `serve` replaces only the files whose job changed (build/session.py).
Nothing is held in memory but the summaries; pages stream from the workers to the store."""
from __future__ import annotations

import errno
import gc
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

from ..errors import BuildError, ContentError
from ..render.site import PageRenderer, gather
from .documents import ItemsReader, Outcome, cached_summary, document_fingerprint, process
from .fingerprint import global_fingerprint
from .collection_index import CollectionIndex
from .jobs import Cancelled, Job
from .store import Store
from .summary import DocSummary

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
DISK_FAULTS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
_ACTIVE: "Engine | None" = None       # the engine a forked worker works for
STAGES = {1: "collection shards, search index", 2: "pages and data files"}


def _work_document(task: tuple[str, str]) -> Outcome:
    folder, fingerprint = task
    engine = _ACTIVE
    try:
        return process(Path(folder), fingerprint, engine.gathered, engine.renderer, engine.store)
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and (exc.errno in DISK_FAULTS or
                                         str(exc.filename or "").startswith(engine.store.folder.as_posix())):
            raise    # the machine's fault, not the document's: one error for the build (Session)
        return Outcome(None, (ContentError(folder, f"could not be built: {exc}"),))


def _work_jobs(indices: list[int]) -> list[tuple[int, list[str]]]:
    engine = _ACTIVE
    engine.items_cache.clear()
    done = []
    for index in indices:
        job = engine.pending[index]
        before = set(engine.gathered.translator.missing)
        files, side = job.render()
        engine.store.put(job.key, files, side, engine.gathered.translator.missing - before)
        done.append((index, sorted(files)))
    return done


class Progress:
    """Progress on stderr: one line a stage, with its counts, for a build that runs past a
    second (never a spinner: CI logs keep every line). The lines of a build's first second
    are held and shown once it passes a second (a timer), dropped when it ends before:
    serve's rebuilds and warm builds print only their result line."""

    DELAY = 1.0

    def __init__(self, quiet: bool = True):
        self.quiet = quiet
        self._lock = threading.Lock()
        self.begin()

    def begin(self) -> None:
        """A new build starts (serve keeps one engine across rebuilds)."""
        with self._lock:
            self.started = time.perf_counter()
            self._held: list[str] = []
            self._live = False
            self._timer: threading.Timer | None = None

    def end(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._held, self._timer = [], None

    def stage(self, name: str, count: int, unit: str = "") -> None:
        if count:
            self.note(f"{name}: {count:,} {unit}".rstrip())

    def note(self, text: str) -> None:
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        line = f"  {elapsed:6.2f}s {text}"
        with self._lock:
            self._held.append(line)
            if self._live or elapsed >= self.DELAY:
                self._print_held()
                return
            if self._timer is None:
                wait = self.DELAY - (time.perf_counter() - self.started)
                self._timer = threading.Timer(max(wait, 0.0), self._show)
                self._timer.daemon = True
                self._timer.start()

    def _show(self) -> None:
        with self._lock:
            if self._timer is None:     # the build ended first
                return
            self._print_held()

    def _print_held(self) -> None:
        self._live = True
        for line in self._held:
            print(line, file=sys.stderr, flush=True)
        self._held = []

    def warn(self, text: str) -> None:
        """A line shown at once, however short the build (unless quiet)."""
        if not self.quiet:
            print(f"  {time.perf_counter() - self.started:6.2f}s {text}", file=sys.stderr, flush=True)


class Engine:
    """The gathered state of one project: shared inputs, document summaries, the last plan."""

    def __init__(self, root: Path, *, base_url: str | None = None, workers: int | None = None,
                 quiet: bool = True, progress: Progress | None = None):
        self.root = root
        self.gathered = gather(root, base_url=base_url)
        config = self.gathered.config
        self.renderer = PageRenderer(self.gathered)
        self.global_fp = global_fingerprint(root, config.base_url, config.languages)
        cache = config.cache_dir.parent if config.cache_dir else root / ".cache"
        self.store = Store(cache / "build")
        self.workers = workers or os.cpu_count() or 1
        self.summaries: dict[str, DocSummary] = {}
        self.items_cache: dict[str, ItemsReader] = {}
        self.pending: list[Job] = []
        self.progress = progress or Progress(quiet)
        self.cancelled = _never                     # serve: a newer save makes a running job stale
        # planning state kept between serve's rebuilds (build/site_jobs.py)
        self.collections = CollectionIndex(self.gathered.registries.jurisdictions)
        self.partition_jobs: dict[tuple[str, str], Job] = {}
        self.collection_states: dict = {}
        self.planned_order: tuple = ()
        self.analysis: tuple | None = None          # (projection digest, Analysis)
        self.entries: dict[str, str] = {}           # bundled partition key -> its store entry

    def entry(self, job_key: str) -> str:
        """The store entry holding a planned job's files (a bundle's, for a bundled partition)."""
        return self.entries.get(job_key, job_key)

    # ------------------------------------------------------------------ documents

    def folders(self) -> list[Path]:
        folder = self.gathered.config.content / "documents"
        return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def update_documents(self, only: set[str] | None = None) -> list[str]:
        """Bring the summaries up to date (all documents, or the ids in `only`); return the
        ids rendered anew; raise BuildError with every problem of every document at once."""
        folders = self.folders()
        if not folders:
            raise BuildError([ContentError("content/documents", "holds no documents",
                                           hint="add content/documents/<id>/source.txt")])
        present = {f.name for f in folders}
        for gone in set(self.summaries) - present:
            del self.summaries[gone]
        misses = []
        for folder in folders:
            if only is not None and folder.name not in only and folder.name in self.summaries:
                continue
            fingerprint = document_fingerprint(self.global_fp, folder)
            current = self.summaries.get(folder.name)
            if current is not None and current.fingerprint == fingerprint:
                continue
            summary = cached_summary(self.store, fingerprint)
            if summary is not None:
                self.summaries[folder.name] = summary
            else:
                self.summaries.pop(folder.name, None)
                misses.append((str(folder), fingerprint))
        self.progress.stage("documents", len(misses), f"of {len(folders):,} to build")
        errors, built = [], []
        for errors_of, summary in self._map(_work_document, misses, lambda o: (o.errors, o.summary())):
            errors.extend(errors_of)
            if summary is not None:
                self.summaries[summary.id] = summary
                built.append(summary.id)
        errors.extend(self._duplicates())
        if errors:
            raise BuildError(errors)
        return built

    def _duplicates(self) -> list[ContentError]:
        """The same raw text under two ids is one document added twice."""
        first: dict[str, DocSummary] = {}
        errors = []
        for summary in sorted(self.summaries.values(), key=lambda s: s.id):
            earlier = first.setdefault(summary.source_sha256, summary)
            if earlier is not summary:
                errors.append(ContentError(summary.source_file, f"is the same text as {earlier.source_file}",
                                           hint=f"one document, two ids: keep {earlier.id!r} or {summary.id!r}, "
                                                "not both"))
        return errors

    def ordered_summaries(self) -> tuple[DocSummary, ...]:
        return tuple(sorted(self.summaries.values(), key=lambda d: (d.jurisdiction, d.year, d.id)))

    def items(self, doc_id: str) -> ItemsReader:
        """A document's collection items, read from the store one collection at a time
        (`.get(collection)`); the reader, which holds only the index, is kept for the task."""
        if doc_id not in self.items_cache:
            self.items_cache[doc_id] = ItemsReader(self.store, self.summaries[doc_id].fingerprint)
        return self.items_cache[doc_id]

    def _helpers(self, wanted: int) -> int:
        """How many workers to fork within the memory budget (config build.memory_mb). A
        forked worker can come to hold as much as this process: it shares its pages, but
        Python writes a reference count into every object it reads, and each page written is
        copied. At 1,000 documents this process holds about 220 MB and both cores work; at
        10,000, about 1 GB, and the jobs run here alone rather than take 1.8 GB."""
        budget = self.gathered.config.memory_mb * 10**6
        own = _resident_bytes()
        helpers = wanted
        while helpers and own * (helpers + 1) > budget:
            helpers -= 1
        if helpers < wanted:
            self.progress.warn(f"{own / 1e6:.0f} MB held: {helpers} of {wanted} worker(s) forked "
                               f"to stay within build.memory_mb ({budget / 1e6:.0f} MB)")
        return helpers

    # ------------------------------------------------------------------ jobs

    def run(self, jobs: list[Job]) -> list[str]:
        """Run the jobs whose key is not stored yet, stage by stage; return the site paths
        they wrote (the pages that were rendered)."""
        written: list[str] = []
        for stage in sorted({j.stage for j in jobs}):
            todo = [j for j in jobs if j.stage == stage and not self.store.has(j.key)]
            todo = list({j.key: j for j in todo}.values())
            self.progress.stage(f"stage {stage} ({STAGES.get(stage, 'jobs')})", len(todo),
                                f"of {sum(1 for j in jobs if j.stage == stage):,} jobs to run")
            self.pending = todo
            groups = _groups(todo, self.workers)
            for done in self._map(_work_jobs, groups):
                for _, files in done:
                    written.extend(files)
        return written

    def run_here(self, jobs: list[Job], cancelled) -> list[str]:
        """Run jobs one after another in this process (serve's second phase, beside its
        server threads), stopping with Cancelled as soon as `cancelled()` says a newer save
        makes them stale: between jobs, and inside a search shard's Pagefind run."""
        global _ACTIVE
        _ACTIVE = self
        self.pending = list({j.key: j for j in jobs if not self.store.has(j.key)}.values())
        self.cancelled = cancelled
        written: list[str] = []
        try:
            for index in range(len(self.pending)):
                if cancelled():
                    raise Cancelled("a newer save")
                for _, files in _work_jobs([index]):
                    written.extend(files)
        finally:
            self.cancelled = _never
        return written

    def _map(self, function, tasks: list, convert=None) -> list:
        """Run tasks on every core: this process takes every other task itself while
        `workers - 1` forked workers (sharing the gathered state) take the rest; inline when
        there is one task or one core. Results come back in task order, each passed through
        `convert` as soon as it arrives (a worker's results are not held until the end: at
        10,000 documents they were hundreds of megabytes)."""
        global _ACTIVE
        _ACTIVE = self
        convert = convert or (lambda result: result)
        if len(tasks) <= 1 or self.workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [convert(function(task)) for task in tasks]
        helpers = self._helpers(min(self.workers - 1, len(tasks) - 1))
        if not helpers:
            return [convert(function(task)) for task in tasks]
        context = multiprocessing.get_context("fork")
        results: list = [None] * len(tasks)
        # The summaries are shared with the worker copy-on-write; the cyclic GC would touch
        # every object's header and copy its page, so what exists before the fork is frozen.
        gc.freeze()
        try:
            with context.Pool(helpers) as pool:
                pending = []
                for i, task in enumerate(tasks):
                    if i % (helpers + 1):
                        def store(result, i=i):
                            results[i] = convert(result)
                        pending.append(pool.apply_async(function, (task,), callback=store))
                for i in range(0, len(tasks), helpers + 1):
                    results[i] = convert(function(tasks[i]))
                for job in pending:
                    job.get()                   # re-raises a worker's exception here
        finally:
            gc.unfreeze()
        return results


def _never() -> bool:
    return False


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _groups(jobs: list[Job], workers: int) -> list[list[int]]:
    """Jobs in batches for the workers: shards of one province together (they read the same
    documents' items), a heavy job alone, other jobs in runs of a few."""
    batches: dict[str, list[int]] = {}
    for index, job in enumerate(jobs):
        parts = job.name.split(" ")
        group = f"alone {index}" if job.alone else parts[-1] if job.stage == 1 else f"b{index // 8}"
        batches.setdefault(group, []).append(index)
    return [batches[k] for k in sorted(batches, key=lambda k: batches[k][0])]
