"""`build` and the incremental rebuilds of `serve`, on one engine.

A Session keeps the gathered state between rebuilds. A change inside one document's folder
re-reads that document only; a change to anything shared (templates, registries, config,
code, static files) gathers again. Either way the plan is recomputed from the summaries,
only jobs whose key is new run, and only the files whose job changed are replaced, so the
result is the same as a full build's (tests compare them byte for byte)."""
from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, ContentError
from ..render.site import BuildResult
from .pipeline import Engine, Progress
from .jobs import Job
from .site_jobs import plan, sitemap_files
from .write import MARKER, SiteLock, environment_error, remove_file, replace_file, write_site

SIZE_WARNING = 900 * 1024 * 1024     # GitHub Pages refuses a published site over 1 GB


@dataclass(frozen=True)
class RebuildResult:
    pages: int                    # pages re-rendered
    files: int                    # files replaced or removed in the site folder
    seconds: float
    later: int = 0                # jobs left for publish_later (search shards to index again)


@dataclass(frozen=True)
class Outputs:
    linked: dict[str, str]        # site path -> stored file
    written: dict[str, bytes]     # site path -> bytes (sitemaps)
    rendered: list[str]
    warnings: list[str]
    keys: frozenset[str]          # the store entries the site is made of
    later: tuple[Job, ...] = ()   # jobs not run yet: their folders still hold the previous files


class Session:
    def __init__(self, root: Path, out: Path, *, base_url: str | None = None, strict: bool = False,
                 quiet: bool = True, workers: int | None = None, background_cleanup: bool = False):
        self.root, self.out = root, out
        self.background_cleanup = background_cleanup
        self.progress = Progress(quiet)
        self.options = dict(base_url=base_url, workers=workers, progress=self.progress)
        self.strict = strict
        self.engine: Engine | None = None
        self.current: Outputs | None = None
        self._sitemap: tuple | None = None       # (pages, fingerprint) -> files: pages rarely change

    def _outputs(self, only: set[str] | None, later: bool = False) -> Outputs:
        """Bring the store up to date and list the site's files. With `later`, the jobs that
        name a `later` folder (search shards) and are not stored yet are left for
        publish_later: their folders keep the files the site has now."""
        engine = self.engine
        built = engine.update_documents(only)
        languages = engine.gathered.config.languages
        rendered = [f"{lang}/documents/{d}/index.html" for d in built for lang in languages]
        jobs = plan(engine)
        engine.progress.stage("plan", len(jobs), "jobs")
        left = {j.key: j for j in jobs if later and j.later and not engine.store.has(j.key)}
        rendered += [p for p in engine.run([j for j in jobs if j.key not in left]) if p.endswith(".html")]
        linked = {}
        missing: set[str] = set()
        keys = [s.fingerprint for s in engine.ordered_summaries()] + [j.key for j in jobs]
        for key in keys:
            if key not in left:
                linked.update(engine.store.files(key))
                missing.update(engine.store.missing(key))
        if left:
            previous = self.current.linked if self.current else {}
            folders = tuple(j.later for j in left.values())
            linked.update((rel, path) for rel, path in previous.items() if rel.startswith(folders))
        engine.progress.stage("site", len(linked), "files")
        pages = tuple(sorted(p for p in linked if p.endswith("index.html") and p.split("/", 1)[0] in languages))
        if self._sitemap is None or self._sitemap[0] != (pages, engine.global_fp):
            self._sitemap = ((pages, engine.global_fp), sitemap_files(engine, list(pages)))
        written = self._sitemap[1]
        return Outputs(linked, written, rendered, self._warnings(engine, missing), frozenset(keys),
                       tuple(left.values()))

    def _warnings(self, engine: Engine, missing: set[str]) -> list[str]:
        warnings = sorted(engine.gathered.translator.missing | missing)
        gaps = [gap for s in sorted(engine.summaries.values(), key=lambda s: s.id) for gap in s.gaps]
        if self.strict and (warnings or gaps):
            raise BuildError([ContentError(w, "missing translation (--strict)",
                                           hint="add the key to templates/i18n/<lang>.yaml") for w in warnings]
                             + [ContentError(where, f"{kind}: {message} (--strict)",
                                             hint="`build.py check` lists what the annotations still lack")
                                for kind, where, message in gaps])
        return warnings + [f"ANNOTATION|{kind}|{where}|{message}" for kind, where, message in gaps]

    def build(self) -> BuildResult:
        """A full build: gather, bring everything up to date, swap a complete new site in.
        One build at a time per output folder; a full disk or a read-only folder is one
        error naming the path, and the previous site stays."""
        try:
            with SiteLock(self.out.resolve()):
                return self._build()
        except OSError as exc:
            raise environment_error(exc, self.out) from None

    def _build(self) -> BuildResult:
        started = time.perf_counter()
        self.progress.begin()
        try:
            self.engine = Engine(self.root, **self.options)
            # A build allocates millions of small objects that live to its end (summaries, runs,
            # items): the default thresholds ran the cyclic collector about 17,000 times over a
            # 1,000-document build (16 s of 150 s CPU). Raised for the build, restored after.
            thresholds = gc.get_threshold()
            gc.set_threshold(50_000, 20, 20)
            try:
                outputs = self._outputs(None)
            finally:
                gc.set_threshold(*thresholds)
            write_site(outputs.linked, outputs.written, self.out, background_cleanup=self.background_cleanup)
            self.current = outputs
            self.engine.store.prune(outputs.keys)
        finally:
            self.progress.end()
        return self._result(outputs, started)

    def _result(self, outputs: Outputs, started: float) -> BuildResult:
        size = sum(os.stat(p).st_size for p in outputs.linked.values()) + sum(map(len, outputs.written.values()))
        pages = sum(1 for p in list(outputs.linked) + list(outputs.written) if p.endswith(".html"))
        warnings = list(outputs.warnings)
        if size > SIZE_WARNING:
            warnings.append(f"SIZE|site|{size / 2**20:.0f} MB is close to GitHub Pages' 1 GB limit: "
                            "see the README on deploying a larger site")
        return BuildResult(self.out, len(outputs.linked) + len(outputs.written) + 1, pages, warnings,
                           len(outputs.rendered), time.perf_counter() - started, size)

    def rebuild(self, changed: list[Path] | None, *, later: bool = False) -> RebuildResult:
        """Bring the served folder up to date after `changed` files changed (None: anything
        may have). With `later`, the search shards to index again are left for
        publish_later, so the pages of an edit are published without waiting for Pagefind."""
        try:
            with SiteLock(self.out.resolve()):
                return self._rebuild(changed, later)
        except OSError as exc:
            raise environment_error(exc, self.out) from None

    def _rebuild(self, changed: list[Path] | None, later: bool) -> RebuildResult:
        started = time.perf_counter()
        self.progress.begin()
        only = self._documents_only(changed) if changed is not None else None
        try:
            if self.engine is None or self.current is None or only is None:
                self.engine = None      # a failed gather must not leave the previous one in use
                self.engine = Engine(self.root, **self.options)
                only = None
            outputs = self._outputs(only, later)
        except BuildError:
            raise                       # content errors: the engine's state stays consistent
        except BaseException:
            self.engine = None          # a template or code error part-way: gather again next time
            raise
        finally:
            self.progress.end()
        count = self._publish(outputs)
        return RebuildResult(len(set(outputs.rendered)), count, time.perf_counter() - started, len(outputs.later))

    def publish_later(self, cancelled=lambda: False) -> RebuildResult | None:
        """The second phase of a rebuild(later=True): run the search shards it left, then
        put their files in the site (the pages are already there). Raises Cancelled, and
        publishes nothing, when `cancelled()` turns true first (a newer save: its rebuild
        plans the shards again). None when nothing was left."""
        outputs = self.current
        if outputs is None or not outputs.later or self.engine is None:
            return None
        started = time.perf_counter()
        self.engine.run_here(list(outputs.later), cancelled)
        folders = tuple(job.later for job in outputs.later)
        linked = {rel: path for rel, path in outputs.linked.items() if not rel.startswith(folders)}
        missing: set[str] = set()
        for job in outputs.later:
            linked.update(self.engine.store.files(job.key))
            missing.update(self.engine.store.missing(job.key))
        warnings = sorted(set(outputs.warnings) | missing)
        try:
            with SiteLock(self.out.resolve()):
                count = self._publish(Outputs(linked, outputs.written, outputs.rendered, warnings, outputs.keys))
        except OSError as exc:
            raise environment_error(exc, self.out) from None
        return RebuildResult(0, count, time.perf_counter() - started)

    def _publish(self, outputs: Outputs) -> int:
        """Make the served folder hold `outputs`, replacing only the files that changed;
        returns how many were replaced or removed."""
        previous = self.current
        count = 0
        if previous is None or not (self.out / MARKER).exists():
            write_site(outputs.linked, outputs.written, self.out)
            count = len(outputs.linked)
        else:
            for rel, path in outputs.linked.items():
                if previous.linked.get(rel) != path:
                    replace_file(self.out, rel, path)
                    count += 1
            for rel, data in outputs.written.items():
                if previous.written.get(rel) != data:
                    replace_file(self.out, rel, None, data)
                    count += 1
            for rel in (set(previous.linked) | set(previous.written)) - set(outputs.linked) - set(outputs.written):
                remove_file(self.out, rel)
                count += 1
        self.current = outputs
        return count

    def _documents_only(self, changed: list[Path]) -> set[str] | None:
        """The document ids the change is confined to, or None when something shared changed."""
        documents = (self.root / "content" / "documents").resolve()
        ids = set()
        for path in changed:
            try:
                rel = Path(path).resolve().relative_to(documents)
            except ValueError:
                return None
            if len(rel.parts) < 2:
                return None     # a document folder added or removed: the plan changes shape
            ids.add(rel.parts[0])
        return ids


def build(root: Path, out: Path, *, strict: bool = False, base_url: str | None = None,
          quiet: bool = True, workers: int | None = None, background_cleanup: bool = False) -> BuildResult:
    """Build the whole site into `out`. Raises BuildError; `out` is untouched on failure."""
    return Session(root, out, base_url=base_url, strict=strict, quiet=quiet, workers=workers,
                   background_cleanup=background_cleanup).build()
