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


def collection_items(site: Path, collection: str) -> list[dict]:
    """Every item of a collection, read through its index and its gzip shard pages."""
    import gzip
    index = json.loads((site / "data" / collection / "index.json").read_text("utf-8"))
    return [it for p in index["partitions"] for n in range(1, p["pages"] + 1)
            for it in json.loads(gzip.decompress((site / "data" / collection / f"{p['id']}-{n}.json.gz")
                                                 .read_bytes()))["items"]]
