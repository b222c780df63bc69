"""How many pages each quality gate looked at, for the lines in pytest's terminal summary.

The gates in tests/quality and tests/browser/test_accessibility.py record here; the totals go
to tests/summary.py, whose `pytest_terminal_summary` hook (tests/conftest.py) prints them
under "quality gates", so a run that quietly checked nothing is visible.
"""
from __future__ import annotations

from collections import defaultdict

from tests import summary

LABELS = {"axe": "axe-core", "vnu": "Nu HTML Checker", "links": "link checker"}
RUN_UNITS = {"axe": "runs (every kind of page at two widths, and after language switches)", "links": "references checked"}

# gate -> the site-relative paths of the pages it checked (e.g. "en/about/index.html")
PAGES: dict[str, set[str]] = defaultdict(set)
# gate -> how many checks ran (axe runs; links followed)
RUNS: dict[str, int] = defaultdict(int)


def record(gate: str, page: str, runs: int = 1) -> None:
    PAGES[gate].add(page)
    RUNS[gate] += runs
    summary.record(f"{LABELS[gate]}: pages checked", len(PAGES[gate]))
    if gate in RUN_UNITS:
        summary.record(f"{LABELS[gate]}: {RUN_UNITS[gate]}", RUNS[gate])
