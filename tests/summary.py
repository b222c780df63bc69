"""Counts that gates report at the end of a test run (pages checked, payloads tried…)."""
from __future__ import annotations

COUNTS: dict[str, int] = {}


def record(name: str, count: int) -> None:
    """Keep the largest count seen for a name (a gate may run in several tests)."""
    COUNTS[name] = max(COUNTS.get(name, 0), count)
