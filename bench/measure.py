"""Measuring one command: wall time, and peak memory of it and every process it starts;
measuring a built site without reading it.

The build may fan out to multiprocessing workers, whose memory `getrusage` would not add up
(it reports the largest single child), so a thread samples /proc every 50 ms and keeps the
largest SUM over the process and all its descendants of two measures:

- resident set size (RSS): pages shared after fork() count once per process, so the sum is
  an upper bound (a forked worker that shares a 1 GB parent's pages adds up to 1 GB);
- proportional set size (PSS, /proc/<pid>/smaps_rollup): each shared page divided among the
  processes sharing it, so the sum is the memory the build actually occupies, what the
  machine must have.

A worker that lives less than 50 ms can be missed."""
from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
DOCUMENT_PAGE = re.compile(r"^[^/]+/documents/[^/]+/index\.html$")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int      # largest summed RSS
    returncode: int
    cpu_seconds: float   # user + system of the process and the children it waited for
    load: float          # 1-minute load average at the end: other work on the machine skews wall time
    peak_pss_bytes: int = 0   # largest summed PSS (0 where the kernel has no smaps_rollup)


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as stream:
            for line in stream:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_memory(root_pid: int, pss: bool = True) -> tuple[int, int]:
    """(summed RSS, summed PSS) in bytes of `root_pid` and its descendants (PSS 0 when not
    asked: reading it walks every page table, about half a core at 50 ms intervals)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stream:
                    ppid = int(stream.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total = proportional = 0
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as stream:
                total += int(stream.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        if pss:
            proportional += _pss(pid)
        todo.extend(children.get(pid, ()))
    return total, proportional


class PeakSampler(threading.Thread):
    """Samples tree_memory(pid) every `interval` s until stopped; says how it goes every
    `heartbeat` s, so a long build shows it is alive."""

    def __init__(self, pid: int, label: str, interval: float = 0.05, heartbeat: float = 60.0):
        super().__init__(daemon=True)
        self.pid, self.label, self.interval, self.heartbeat = pid, label, interval, heartbeat
        self.peak = self.peak_pss = 0
        self._halt = threading.Event()

    def run(self) -> None:
        """RSS every tick; PSS (costly to read: at every tick it took about half a core while
        a 10,000-document build ran) every tenth tick and whenever RSS has grown 2 % since the
        last reading, so its peak is seen without the sampler slowing the build."""
        started = last = time.monotonic()
        tick, pss, rss_at_pss = 0, 0, 0
        while not self._halt.is_set():
            current, _ = tree_memory(self.pid, pss=False)
            if tick % 10 == 0 or current > rss_at_pss * 1.02:
                _, pss = tree_memory(self.pid)
                rss_at_pss = current
                self.peak_pss = max(self.peak_pss, pss)
            tick += 1
            self.peak = max(self.peak, current)
            if time.monotonic() - last >= self.heartbeat:
                last = time.monotonic()
                log(f"  … {self.label}: {last - started:.0f} s, {current / 1e6:.0f} MB now "
                    f"(PSS {pss / 1e6:.0f}), peak {self.peak / 1e6:.0f} MB (PSS {self.peak_pss / 1e6:.0f})")
            self._halt.wait(self.interval)

    def stop(self) -> tuple[int, int]:
        """(peak summed RSS, peak summed PSS)"""
        self._halt.set()
        self.join()
        return self.peak, self.peak_pss


def run_measured(command: list[str], output: Path, label: str, cwd: Path | None = None) -> Run:
    """Run `command` with its output appended to the file `output` (never held in memory)."""
    with open(output, "ab") as stream:
        stream.write(f"\n$ {' '.join(map(str, command))}\n".encode())
        stream.flush()
        started = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], stdout=stream, stderr=subprocess.STDOUT,
                                   cwd=cwd)
        sampler = PeakSampler(process.pid, label)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    peak, peak_pss = sampler.stop()
    return Run(seconds, peak, process.returncode, usage.ru_utime + usage.ru_stime, load_average(), peak_pss)


def tail(path: Path, size: int = 3000) -> str:
    """The end of a log file, for an error message."""
    with open(path, "rb") as stream:
        stream.seek(max(0, path.stat().st_size - size))
        return stream.read().decode("utf-8", "replace")


@dataclass(frozen=True)
class SiteStats:
    bytes: int
    files: int
    largest_page: tuple[str, int]        # the largest HTML page that is not a document page
    largest_document: tuple[str, int]    # the largest */documents/<id>/index.html
    largest_file: tuple[str, int]        # of any kind


def site_stats(site: Path) -> SiteStats:
    """Sizes from stat() alone: a 10,000-document site is never read into memory."""
    total = files = 0
    page = document = largest = ("-", 0)
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            size = os.stat(path).st_size
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            total, files = total + size, files + 1
            largest = max(largest, (rel, size), key=lambda item: item[1])
            if name.endswith(".html"):
                if DOCUMENT_PAGE.match(rel):
                    document = max(document, (rel, size), key=lambda item: item[1])
                else:
                    page = max(page, (rel, size), key=lambda item: item[1])
    return SiteStats(total, files, page, document, largest)


def load_average() -> float:
    return os.getloadavg()[0]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)
