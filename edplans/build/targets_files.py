"""A targets collection's downloads (data/<collection>.csv.gz, and .json.gz for themes: every row,
the columns of the data page), assembled from its partitions' stored items."""
from __future__ import annotations

import json

from ..render.data import gzipped, targets_csv, targets_json
from .jobs import items_name


def targets_downloads(store, collection: str, partitions: list[tuple[str, str]]) -> dict[str, bytes]:
    """`partitions`: (store entry, partition key) in page order."""
    rows = []
    for entry, key in partitions:
        raw = store.side(entry, items_name(key))
        rows.extend(item["row"] for item in (json.loads(raw) if raw else []))
    files = {f"data/{collection}.csv.gz": gzipped(targets_csv(rows))}
    if collection.startswith("themes/"):
        # Every target is in exactly one theme: the theme files are the JSON download; an
        # indicator's or jurisdiction's rows as JSON are its collection's shards.
        files[f"data/{collection}.json.gz"] = gzipped(targets_json(rows))
    return files
