"""A targets collection's downloads (data/<collection>.csv.gz, and .json.gz for themes: every row,
the columns of the data page), assembled from its partitions' stored rows, one partition at
a time."""
from __future__ import annotations

import json

from ..render.data import TargetsDownloads
from .jobs import items_name


def targets_downloads(store, collection: str, partitions: list[tuple[str, str]]) -> dict[str, bytes]:
    """`partitions`: (store entry, partition key) in page order."""
    # Every target is in exactly one theme: the theme files are the JSON download; an
    # indicator's or jurisdiction's rows as JSON are its collection's shards.
    downloads = TargetsDownloads(with_json=collection.startswith("themes/"))
    for entry, key in partitions:
        raw = store.side(entry, items_name(key))
        downloads.add(json.loads(raw) if raw else [])
    csv_file, json_file = downloads.finish()
    files = {f"data/{collection}.csv.gz": csv_file}
    if json_file is not None:
        files[f"data/{collection}.json.gz"] = json_file
    return files
