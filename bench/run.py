#!/usr/bin/env python3
"""Build synthetic corpora of growing size; report time and memory per build."""
from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(target: Path, count: int) -> None:
    """Copy the project's inputs and multiply its documents into `count` distinct ones."""
    for name in ("templates", "static"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "config.yaml", target / "config.yaml")
    shutil.copytree(ROOT / "content" / "registry", target / "content" / "registry")
    shutil.copytree(ROOT / "content" / "pages", target / "content" / "pages")
    seeds = sorted((ROOT / "content" / "documents").iterdir())
    for index in range(count):
        seed = seeds[index % len(seeds)]
        folder = target / "content" / "documents" / f"{seed.name}-copy{index:05d}"
        folder.mkdir(parents=True)
        # A distinct paragraph per copy: every copy is a real cache miss on a cold build.
        source = seed.joinpath("source.txt").read_bytes() + f"\n第{index}份合成文件的附加段落。\n".encode()
        folder.joinpath("source.txt").write_bytes(source)
        yaml_text = seed.joinpath("document.yaml").read_text(encoding="utf-8")
        old_hash = next(line for line in yaml_text.splitlines() if line.startswith("source_sha256:"))
        yaml_text = yaml_text.replace(old_hash, f"source_sha256: {hashlib.sha256(source).hexdigest()}")
        folder.joinpath("document.yaml").write_text(yaml_text, encoding="utf-8")


def timed_build(project: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `build.py build` in a fresh process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "build"],
                   check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, nargs="+", default=[50, 200, 1000])
    args = parser.parse_args()
    print(f"{'documents':>9} {'cold s':>8} {'warm s':>8} {'ms/doc warm':>12} {'peak MiB':>9}")
    for count in args.documents:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            make_corpus(project, count)
            cold, _ = timed_build(project)
            warm, peak = timed_build(project)
            print(f"{count:>9} {cold:>8.1f} {warm:>8.1f} {1000 * warm / count:>12.1f} {peak:>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
