#!/usr/bin/env python3
"""Benchmark of the product as it is: build synthetic corpora of growing size and measure
what a reader and an editor would feel, against Hugo on the same text.

For each size, in a fresh temporary folder: generate the corpus (bench/corpus.py); a cold
build (no ingest cache, no site); a warm build (the same command again); the size of the site
and its largest pages; Hugo on the same text, twice (bench/hugo.py), then Pagefind over Hugo's
output, as a Hugo site adds search (the cold budget: 10 × Hugo + that); one edit rebuilt through
the serve path (edplans.build.session.Session), in a fresh process. Each size prints one
markdown row as soon as it is done, so a long run keeps what it measured; see bench/README.md.

    .venv/bin/python bench/run.py --documents 100 1000 10000 --out results.md
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:   # run as a script: make `bench` importable
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402
from bench.hugo import ensure_hugo, hugo_version, write_hugo_site  # noqa: E402
from bench.measure import Run, log, run_measured, site_stats, tail  # noqa: E402

COLUMNS = ("documents", "cold s", "warm s", "ms/doc warm", "one-edit s", "pages re-rendered",
           "translation edit s", "its index s",
           "peak MB", "peak PSS MB", "site MB", "largest non-document page", "largest document page",
           "largest file",
           "Hugo cold s", "Hugo warm s", "cold ÷ Hugo", "warm ÷ Hugo",
           "Pagefind on Hugo s", "cold budget s")
# The cold budget (bench/README.md): ten Hugo builds of the same text, plus what Pagefind costs
# a Hugo site for its search index (issue 11 set 10 x Hugo before the site had search).
COLD_HUGO = 10
# bench.run is imported from ROOT (the working directory) before `code` goes on sys.path.
SERVE_CHILD = "import sys; from bench.run import serve_child; serve_child(*sys.argv[1:])"


class StepFailed(Exception):
    """A step of one size failed; the row records how far it got and the run goes on."""


def measure(count: int, work: Path, code: Path) -> dict[str, str]:
    """Every measurement of one corpus size, of the edplans checkout `code` (its build.py,
    templates and documents); cells are filled as steps finish."""
    cells = dict.fromkeys(COLUMNS, "—")
    cells["documents"] = f"{count:,}"
    project, logs = work / "project", work / "logs.txt"
    try:
        step(f"{count}: corpus", lambda: make_corpus(project, count, root=code))
        cold, warm = edplans_builds(project, logs, count, code)
        cells.update({"cold s": f"{cold.seconds:.1f}", "warm s": f"{warm.seconds:.1f}",
                      "ms/doc warm": f"{1000 * warm.seconds / count:.1f}",
                      "peak MB": f"{max(cold.peak_bytes, warm.peak_bytes) / 1e6:.0f}",
                      "peak PSS MB": f"{max(cold.peak_pss_bytes, warm.peak_pss_bytes) / 1e6:.0f}"})
        cells.update(site_cells(project / "site"))
        hugo_cold, hugo_warm, pagefind = hugo_builds(project, work, logs)
        cells.update({"Hugo cold s": f"{hugo_cold.seconds:.2f}", "Hugo warm s": f"{hugo_warm.seconds:.2f}",
                      "cold ÷ Hugo": f"{cold.seconds / hugo_cold.seconds:.1f}",
                      "warm ÷ Hugo": f"{warm.seconds / hugo_warm.seconds:.1f}",
                      "Pagefind on Hugo s": f"{pagefind.seconds:.2f}",
                      "cold budget s": f"{COLD_HUGO * hugo_cold.seconds + pagefind.seconds:.1f}"})
        cells.update(serve_edit(project, work, logs, code))
    except StepFailed as failure:
        log(f"{count}: FAILED {failure}")
        cells["documents"] += f" (failed: {str(failure).splitlines()[0]})"
    return cells


def step(label: str, action):
    """Run one step with a timestamped start and end line."""
    log(f"{label} …")
    started = time.perf_counter()
    result = action()
    log(f"{label} done in {time.perf_counter() - started:.1f} s")
    return result


def edplans_build(project: Path, logs: Path, label: str, code: Path) -> Run:
    log(f"{label} …")
    run = run_measured([sys.executable, code / "build.py", "--root", project, "build"], logs, label)
    if run.returncode:
        raise StepFailed(f"{label} exited {run.returncode}\n{tail(logs)}")
    log(f"{label} done in {run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s, load {run.load:.1f}), "
        f"peak {run.peak_bytes / 1e6:.0f} MB (PSS {run.peak_pss_bytes / 1e6:.0f} MB)")
    return run


def edplans_builds(project: Path, logs: Path, count: int, code: Path) -> tuple[Run, Run]:
    """Cold: a fresh process with no ingest cache and no site. Warm: the same command again."""
    for leftover in (project / ".cache", project / "site"):
        shutil.rmtree(leftover, ignore_errors=True)
    cold = edplans_build(project, logs, f"{count}: cold build", code)
    warm = edplans_build(project, logs, f"{count}: warm build", code)
    return cold, warm


def site_cells(site: Path) -> dict[str, str]:
    stats = step("site sizes", lambda: site_stats(site))
    log(f"  site: {stats.files:,} files, {stats.bytes / 1e6:.1f} MB")

    def sized(item: tuple[str, int]) -> str:
        return f"{item[1] / 1e3:,.0f} KB `{item[0]}`"
    return {"site MB": f"{stats.bytes / 1e6:.1f}", "largest non-document page": sized(stats.largest_page),
            "largest document page": sized(stats.largest_document), "largest file": sized(stats.largest_file)}


def hugo_builds(project: Path, work: Path, logs: Path) -> tuple[Run, Run, Run]:
    """The same text through Hugo: first run cold, second warm, into a temporary folder; then
    Pagefind over Hugo's output, as a Hugo site adds search (the pinned binary, its defaults:
    it segments the Chinese pages itself)."""
    hugo = ensure_hugo()
    source, public = work / "hugo", work / "hugo-public"
    step("Hugo site", lambda: write_hugo_site(project, source))
    runs = []
    for label in ("Hugo cold", "Hugo warm"):
        run = run_measured([hugo, "--quiet", "--source", source, "--destination", public], logs, label)
        if run.returncode:
            raise StepFailed(f"{label} exited {run.returncode}\n{tail(logs)}")
        log(f"{label} done in {run.seconds:.2f} s (CPU {run.cpu_seconds:.2f} s, load {run.load:.1f}), "
            f"peak {run.peak_bytes / 1e6:.0f} MB (PSS {run.peak_pss_bytes / 1e6:.0f} MB)")
        runs.append(run)
    run = run_measured([pagefind_executable(), "--site", public, "--silent"], logs, "Pagefind on Hugo")
    if run.returncode:
        raise StepFailed(f"Pagefind on Hugo's site exited {run.returncode}\n{tail(logs)}")
    log(f"Pagefind on Hugo's site done in {run.seconds:.2f} s (CPU {run.cpu_seconds:.2f} s, load {run.load:.1f}), "
        f"peak {run.peak_bytes / 1e6:.0f} MB")
    return runs[0], runs[1], run


def pagefind_executable() -> str:
    """The binary of the pinned pagefind[extended] package, as the build runs it."""
    from pagefind.service import get_executable
    found = get_executable()
    if found is None:
        raise StepFailed("no Pagefind binary: `make site` installs pagefind[extended]")
    return str(found)


def serve_edit(project: Path, work: Path, logs: Path, code: Path) -> dict[str, str]:
    """One edit rebuilt through the serve path, in a fresh process; "n/a" while
    edplans.build.session does not exist."""
    result_file = work / "serve-result.json"
    command = [sys.executable, "-c", SERVE_CHILD, code, project, work / "serve-site", result_file]
    log("serve: build, edit one document.yaml, rebuild …")
    run = run_measured(command, logs, "serve", cwd=ROOT)
    if run.returncode or not result_file.exists():
        raise StepFailed(f"serve edit exited {run.returncode}\n{tail(logs)}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    if result["status"] != "ok":
        log(f"serve: n/a ({result['reason']})")
        return {"one-edit s": "n/a", "pages re-rendered": "n/a"}
    log(f"serve: first build {result['build']:.1f} s; rebuild of {result['edited']} "
        f"{result['seconds']:.2f} s ({result['wall']:.2f} s wall), {result['pages']} pages; "
        f"peak {run.peak_bytes / 1e6:.0f} MB (PSS {run.peak_pss_bytes / 1e6:.0f} MB)")
    cells = {"one-edit s": f"{result['seconds']:.2f}", "pages re-rendered": f"{result['pages']}"}
    english = result.get("translation")
    if english:
        log(f"serve: rebuild of {english['edited']}: pages published in {english['seconds']:.2f} s "
            f"({english['pages']} pages), then {english['later']} search shard(s) in {english['index']:.2f} s")
        cells.update({"translation edit s": f"{english['seconds']:.2f}", "its index s": f"{english['index']:.2f}"})
    return cells


def serve_child(code: str, root: str, out: str, result_file: str) -> None:
    """In the fresh process: Session(root, out).build(), one edit, .rebuild([changed]);
    writes what it measured to `result_file` as JSON."""
    def write(**values) -> None:
        Path(result_file).write_text(json.dumps(values), encoding="utf-8")
    # Checked first: the venv's editable install would fill a module `code` lacks in from
    # the working tree, mixing two versions of edplans in one process.
    if not Path(code, "edplans", "build", "session.py").exists():
        return write(status="n/a", reason=f"{code} has no edplans/build/session.py")
    sys.path.insert(0, code)
    try:
        from edplans.build.session import Session
    except ImportError as exc:
        return write(status="n/a", reason=f"{type(exc).__name__}: {exc}")
    session = Session(Path(root), Path(out))
    started = time.perf_counter()
    session.build()
    built = time.perf_counter() - started
    changed = edit_document(Path(root))
    started = time.perf_counter()
    result = session.rebuild([changed])
    wall = time.perf_counter() - started
    values = dict(status="ok", build=built, seconds=result.seconds, pages=result.pages, wall=wall,
                  edited=str(changed.relative_to(root)))
    # A translation edit as serve rebuilds it: the pages first (what the open tab waits for),
    # then the search shards whose text changed. Code before the two phases has no `later`.
    if hasattr(session, "publish_later"):
        changed = edit_translation(Path(root))
        first = session.rebuild([changed], later=True)
        started = time.perf_counter()
        session.publish_later()
        values["translation"] = dict(edited=str(changed.relative_to(root)), seconds=first.seconds,
                                     pages=first.pages, later=first.later,
                                     index=time.perf_counter() - started)
    write(**values)


TITLE_EN = re.compile(r"^(    title_en: )(.*)$")


def edit_document(root: Path) -> Path:
    """An editor's typical small change that still validates: the first one-line English
    section title of the first document gets " (edited)" appended. Returns the file."""
    import yaml
    folder = min(p for p in (root / "content" / "documents").iterdir() if p.is_dir())
    path = folder / "document.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        match = TITLE_EN.match(line)
        if match and match.group(2)[:1] not in ("|", ">", ""):
            title = yaml.safe_load(match.group(2))
            lines[number] = match.group(1) + json.dumps(f"{title} (edited)", ensure_ascii=False)
            path.write_text("\n".join(lines), encoding="utf-8")
            return path
    raise ValueError(f"{path}: no one-line sections.*.title_en to edit")


EN_FIRST = re.compile(r"^(  en: )(.*)$")


def edit_translation(root: Path) -> Path:
    """A translator's small change: the first one-line English passage of the first document's
    en.yaml (or the first line of a folded one) gets " (edited)" appended. Returns the file."""
    folder = min(p for p in (root / "content" / "documents").iterdir() if p.is_dir())
    path = folder / "en.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        match = EN_FIRST.match(line)
        if match and match.group(2) in (">-", ">", "|", "|-"):
            lines[number + 1] += " (edited)"
            path.write_text("\n".join(lines), encoding="utf-8")
            return path
    raise ValueError(f"{path}: no folded en: passage to edit")


def markdown(rows: list[dict[str, str]]) -> str:
    text = {"largest non-document page", "largest document page", "largest file"}   # left-aligned
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("---" if c in text else "---:" for c in COLUMNS) + "|"]
    return "\n".join(lines + [table_row(row) for row in rows]) + "\n"


def table_row(row: dict[str, str]) -> str:
    return "| " + " | ".join(row[c] for c in COLUMNS) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[100, 1000], help="corpus sizes")
    parser.add_argument("--out", type=Path, help="also write the table (markdown) to this file")
    parser.add_argument("--tmp", type=Path, help="where the temporary folders go (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep each size's folder for inspection")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the edplans checkout to measure: its build.py, templates, static and documents "
                             "(default: this one), e.g. an export of an older commit")
    args = parser.parse_args()
    code = args.code.resolve()
    log(f"edplans bench of {code}; {hugo_version(ensure_hugo())}")
    print(markdown([]), end="", flush=True)
    rows = []
    for count in args.documents:
        work = Path(tempfile.mkdtemp(prefix=f"edplans-bench-{count}-", dir=args.tmp))
        log(f"{count} documents in {work}")
        try:
            rows.append(measure(count, work, code))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(table_row(rows[-1]), flush=True)
        if args.out:
            args.out.write_text(markdown(rows), encoding="utf-8")
    print("\n" + markdown(rows), end="")
    return 0 if all("failed" not in row["documents"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
