"""The build plan: every output the site has besides the document pages, as jobs with a key.

A job's key hashes what it reads (the shared fingerprint, plus the projections of the
document summaries it depends on), so the dependency map is the keys themselves: an edit
changes the keys of exactly the jobs that read what changed, and only those run again."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from ..render import urls
from ..render.collections import (OTHER, Partition, index_file, index_path, partition_files, province_of,
                                  sort_items)
from .fingerprint import key as make_key


@dataclass(frozen=True)
class Job:
    key: str
    name: str                     # for progress and errors: "theme teacher-development"
    render: Callable[[], tuple[dict[str, bytes], dict[str, bytes]]]   # -> (site files, side data)
    stage: int = 2                # 1: collection partitions (pages read their first shard), 2: the rest


@dataclass(frozen=True)
class CollectionPlan:
    collection: str
    partitions: dict[str, list[tuple[str, str]]]    # partition -> [(doc id, items hash)]
    counts: dict[str, dict[str, int]]                # partition -> jurisdiction -> count
    years: dict[int, int]


def collection_plans(summaries, registry) -> dict[str, CollectionPlan]:
    """Every collection with its partitions (provinces) and their member documents."""
    members: dict[str, dict[str, list[tuple[str, str]]]] = {}
    counts: dict[str, dict[str, dict[str, int]]] = {}
    years: dict[str, dict[int, int]] = {}
    provinces: dict[str, str] = {}
    for summary in summaries:
        for collection, entry in summary.collections.items():
            by_part = members.setdefault(collection, {})
            for jurisdiction, n in entry["n"].items():
                part = provinces.get(jurisdiction)
                if part is None:
                    part = provinces[jurisdiction] = province_of(jurisdiction, registry)
                docs = by_part.setdefault(part, [])
                if not docs or docs[-1][0] != summary.id:
                    docs.append((summary.id, entry["h"]))
                cell = counts.setdefault(collection, {}).setdefault(part, {})
                cell[jurisdiction] = cell.get(jurisdiction, 0) + n
                y = years.setdefault(collection, {})
                y[summary.year] = y.get(summary.year, 0) + n
    return {c: CollectionPlan(c, members[c], counts[c], years[c]) for c in sorted(members)}


def partition_order(plan: CollectionPlan, registry, rank: dict[str, int]) -> list[str]:
    """Provinces in page order (the first jurisdiction of each in the home page's order)."""
    def first(part: str) -> int:
        return min((rank.get(j, len(rank)) for j in plan.counts[part]), default=len(rank))
    return sorted(plan.partitions, key=lambda p: (p == OTHER, first(p), p))


def partition_job(plan: CollectionPlan, part: str, global_fp: str, load_items, rank) -> Job:
    members = plan.partitions[part]
    job_key = make_key("partition", global_fp, plan.collection, part, json.dumps(members))

    def render():
        wanted = {j for j in plan.counts[part]}
        items = []
        for doc_id, _ in members:
            items.extend(it for it in load_items(doc_id).get(plan.collection, []) if it["j"] in wanted)
        items = sort_items(items, rank)
        side = {"items.json": json.dumps(items, ensure_ascii=False, sort_keys=True).encode("utf-8")}
        return partition_files(plan.collection, part, items), side
    return Job(job_key, f"shard {plan.collection} {part}", render, stage=1)


def index_job(plan: CollectionPlan, partition_keys: dict[str, str], order: list[str], global_fp: str,
              registry, page_order: list[str], extra: Callable | None) -> Job:
    """The collection's index.json (and, for targets, its CSV and JSON downloads)."""
    job_key = make_key("index", global_fp, plan.collection, json.dumps([(p, partition_keys[p]) for p in order]))

    def render():
        by_j: dict[str, int] = {}
        for part in order:
            for j, n in plan.counts[part].items():
                by_j[j] = by_j.get(j, 0) + n
        partitions = [Partition(plan.collection, p, sum(plan.counts[p].values())) for p in order]
        files = {index_path(plan.collection): index_file(plan.collection, partitions, registry, by_j,
                                                         plan.years, page_order)}
        if extra is not None:
            files.update(extra(plan.collection, [partition_keys[p] for p in order]))
        return files, {}
    return Job(job_key, f"index {plan.collection}", render)


def page_job(name: str, global_fp: str, depends, render) -> Job:
    """An aggregate page in every language; `depends` is what its key hashes."""
    return Job(make_key("page", global_fp, name, json.dumps(depends, sort_keys=True, ensure_ascii=False)),
               f"page {name}", lambda: (render(), {}))


def page_paths(files) -> list[str]:
    return sorted(p for p in files if p.endswith(".html"))


def lang_paths(languages, make) -> dict[str, str]:
    return {lang: make(lang) for lang in languages}


__all__ = ["Job", "CollectionPlan", "collection_plans", "partition_order", "partition_job", "index_job",
           "page_job", "page_paths", "lang_paths", "urls"]
