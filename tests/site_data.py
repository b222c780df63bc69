"""Reading the built site's data files the way a reader's program would."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path


def target_rows(site: Path) -> tuple[list[dict], list[dict]]:
    """Every target: the union of the per-theme downloads (each target is in exactly one
    theme, its indicator's), and the column descriptions."""
    rows, columns = [], []
    for path in sorted((site / "data" / "themes").glob("*/targets.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        rows += data["targets"]
        columns = data["columns"]
    return rows, columns


def target_csv_rows(site: Path) -> list[dict]:
    lines = []
    for path in sorted((site / "data" / "themes").glob("*/targets.csv")):
        lines += list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    return lines
