"""The build plan: every output the site has besides the document pages, as jobs with a key.

A job's key hashes what it reads (the shared fingerprint, plus the projections of the
document summaries it depends on), so the dependency map is the keys themselves: an edit
changes the keys of exactly the jobs that read what changed, and only those run again."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from ..render.analysis import OTHER
from ..render.collections import Partition, index_file, index_path, page_size, partition_files, sort_items
from .fingerprint import key as make_key


@dataclass(frozen=True)
class Job:
    key: str
    name: str                     # for progress and errors: "theme teacher-development"
    render: Callable[[], tuple[dict[str, bytes], dict[str, bytes]]]   # -> (site files, side data)
    stage: int = 2                # 1: collection partitions (pages read their first shard), 2: the rest
    bundle: str = ""              # partitions of one page: stored together with the others of this name
    alone: bool = False           # heavy (a search shard: seconds, its own process): a batch of its own
    # The site folder of a job no page shows (a search shard): `serve` publishes the pages of
    # an edit first and this folder after, once the job has run (Session.publish_later).
    later: str = ""


class Cancelled(Exception):
    """A job stopped because what it was building is out of date (serve: a newer save)."""


@dataclass(frozen=True)
class CollectionState:
    """A planned collection: its partitions in order, their job keys, its index job."""

    order: tuple[str, ...]
    keys: dict[str, str]
    index: Job
    first_pages: tuple[tuple[str, str], ...]   # (job key, shard path) of the pages holding the first page


def partition_job(collection: str, part: str, members: dict[str, tuple], counts: dict[str, int],
                  global_fp: str, load_items, rank: dict[str, int], province_of: Callable[[str], str]) -> Job:
    """One province's shards of a collection. The key holds the members' item hashes and the
    order of the partition's jurisdictions (the items are sorted by it); the job keeps only
    the member ids (a plan holds tens of thousands of partitions)."""
    doc_ids = tuple(sorted(members))
    jurisdictions = sorted(counts, key=lambda j: (rank.get(j, len(rank)), j))
    job_key = make_key("partition", global_fp, collection, part,
                       json.dumps([(d, members[d][0].hex()) for d in doc_ids]), json.dumps(jurisdictions))

    def render():
        items = []
        for doc_id in doc_ids:
            items.extend(it for it in load_items(doc_id).get(collection, []) if province_of(it["j"]) == part)
        items = sort_items(items, rank)
        # the rows of the collection's CSV and JSON downloads (targets only)
        side = ({items_name(job_key): json.dumps([it["row"] for it in items], ensure_ascii=False,
                                                 sort_keys=True).encode("utf-8")}
                if collection.endswith("/targets") else {})
        return partition_files(collection, part, items), side
    small = sum(counts.values()) <= page_size(collection)
    return Job(job_key, f"shard {collection} {part}", render, stage=1,
               bundle=f"{collection.split('/', 1)[0]} {part}" if small else "")


def items_name(partition_key: str) -> str:
    """The side data holding a targets partition's download rows."""
    return f"items-{partition_key}.json"


def bundled(jobs: list[Job]) -> tuple[list[Job], dict[str, str]]:
    """Partitions of one page each (most of an indicator's or a glossary term's, one per
    province) stored as one entry per kind and province: at 1,000 documents 13,000
    partitions, four in five of them a page of a few items, each an entry of two files.
    An edit re-renders the bundles of its province, a few hundred small pages at most.
    Returns the jobs to run and, for each bundled partition, the key of its entry."""
    groups: dict[str, list[Job]] = {}
    out, entry = [], {}
    for job in jobs:
        if job.bundle:
            groups.setdefault(job.bundle, []).append(job)
        else:
            out.append(job)
    for name, members in sorted(groups.items()):
        members = sorted(members, key=lambda j: j.key)
        key = make_key("bundle", name, *[m.key for m in members])

        def render(members=members):
            files, side = {}, {}
            for member in members:
                member_files, member_side = member.render()
                files.update(member_files)
                side.update(member_side)
            return files, side
        out.append(Job(key, f"bundle {name}", render, stage=1))
        entry.update((m.key, key) for m in members)
    return out, entry


def partition_order(counts: dict[str, dict[str, int]], rank: dict[str, int]) -> list[str]:
    """Provinces in page order (the first jurisdiction of each in the home page's order)."""
    def first(part: str) -> int:
        return min((rank.get(j, len(rank)) for j in counts[part]), default=len(rank))
    return sorted(counts, key=lambda p: (p == OTHER, first(p), p))


def _by_jurisdiction(counts: dict[str, dict[str, int]], rank: dict[str, int]) -> tuple[dict[str, int], list[str]]:
    by_j: dict[str, int] = {}
    for part_counts in counts.values():
        for j, n in part_counts.items():
            by_j[j] = by_j.get(j, 0) + n
    return by_j, sorted(by_j, key=lambda j: (rank.get(j, len(rank)), j))


def index_job(collection: str, counts: dict[str, dict[str, int]], partition_keys: dict[str, str],
              order: list[str], global_fp: str, registry, rank: dict[str, int], extra: Callable | None,
              recount: Callable[[], tuple[dict[str, dict[str, int]], dict[int, int]]]) -> Job:
    """The collection's index.json.gz (and, for targets, its CSV and JSON downloads).
    `counts` (partition -> jurisdiction -> items) makes the key; the job keeps none of it
    (thousands of collections' counts held until their jobs ran were a plan's largest part)
    and `recount` gives the same counts, and the years, when it runs."""
    _, page_order = _by_jurisdiction(counts, rank)
    job_key = make_key("index", global_fp, collection, json.dumps([(p, partition_keys[p]) for p in order]),
                       json.dumps(page_order))
    keys = [partition_keys[p] for p in order]
    order = tuple(order)

    def render():
        counts, years = recount()
        by_j, page_order = _by_jurisdiction(counts, rank)
        partitions = [Partition(collection, p, sum(counts[p].values())) for p in order]
        files = {index_path(collection): index_file(collection, partitions, registry, by_j, years, page_order)}
        if extra is not None:
            files.update(extra(collection, keys))
        return files, {}
    return Job(job_key, f"index {collection}", render)


def page_job(name: str, global_fp: str, depends, render) -> Job:
    """An aggregate page in every language; `depends` is what its key hashes."""
    return Job(make_key("page", global_fp, name, json.dumps(depends, sort_keys=True, ensure_ascii=False)),
               f"page {name}", lambda: (render(), {}))


