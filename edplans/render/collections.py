"""Collections: the detail behind the aggregate pages (every passage on a theme, every target
of a theme, indicator or jurisdiction, every use of a glossary term), written as JSON shards
that pages load on demand, page by page and filtered by province, level, jurisdiction and year.
Shard pages are gzip files (read by browse.js with DecompressionStream): about a quarter of
the bytes, which matters at thousands of documents (the site's size is its deploy limit).

A collection is split into partitions, one per province (plus one for jurisdictions outside
any province), each cut into pages of PAGE_SIZE items. One edit touches one document, so it
rebuilds only the partitions of that document's provinces. The collection's index lists
partitions, jurisdictions, levels and years with counts, so a reader's filter knows which
shards to fetch before fetching any. Items are language-neutral: each carries zh, zh_hant and
en, and one set of shards serves the three language trees."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..annotate.glossary import find_terms
from ..ingest.script import to_traditional
from ..model import Corpus, Document, Jurisdiction
from .analysis import province_of
from .hant import traditional_text
from .data import gzipped, target_row
from .views import figure

PAGE_SIZE = 50
PASSAGE_PAGE_SIZE = 25               # passages are long: a page of them stays under the page budget


def page_size(collection: str) -> int:
    return PASSAGE_PAGE_SIZE if collection.endswith("/passages") else PAGE_SIZE


def passages_id(theme: str) -> str:
    return f"themes/{theme}/passages"


def theme_targets_id(theme: str) -> str:
    return f"themes/{theme}/targets"


def indicator_targets_id(indicator: str) -> str:
    return f"indicators/{indicator}/targets"


def jurisdiction_targets_id(jurisdiction: str) -> str:
    return f"jurisdictions/{jurisdiction}/targets"


def term_id(term: str) -> str:
    return f"glossary/{term}"


def index_path(collection: str) -> str:
    return f"data/{collection}/index.json.gz"


def page_path(collection: str, partition: str, number: int) -> str:
    return f"data/{collection}/{partition}-{number}.json.gz"


def _names(name) -> list[str]:
    return [name.zh, name.en, to_traditional(name.zh)]


def document_items(document: Document, corpus: Corpus, base_url: str) -> dict[str, list[dict]]:
    """Every item this document gives every collection, in reading order."""
    items: dict[str, list[dict]] = {}
    title = _names(document.title)
    position = 0

    def add(collection: str, item: dict) -> None:
        nonlocal position
        position += 1
        items.setdefault(collection, []).append({"d": document.id, "y": document.year, "t": title,
                                                 "i": position, **item})

    themes_of = {}
    for section in document.all_sections():
        for p in section.passages:
            themes_of[p.id] = p.themes
            lead = len(p.sentences[0]) if p.lead else 0
            base = {"p": p.id, "j": section.jurisdiction}
            for theme in p.theme_ids:
                subs = [tag.partition("/")[2] for tag in p.themes if tag.partition("/")[0] == theme]
                add(passages_id(theme), {**base, "s": [s for s in subs if s], "lead": lead, "zh": p.text,
                                         "zh_hant": traditional_text(document, p), "en": p.en})
            for term in dict.fromkeys(m.term for m in find_terms(p.text, corpus.glossary)):
                add(term_id(term), base)
    for t in document.targets:
        indicator = corpus.indicators[t.indicator]
        item = {"p": t.passage, "j": t.jurisdiction, "id": t.id, "ind": t.indicator, "kind": t.kind, "year": t.year,
                "per": t.period, "quote": t.quote, "en": t.description, "jn": _names(corpus.jurisdictions[t.jurisdiction].name),
                "fig": [figure(t, indicator, "zh"), figure(t, indicator, "en")],
                "ind_name": [indicator.name.zh, indicator.name.en],
                "row": target_row(t, corpus, base_url, themes_of.get(t.passage, ()))}
        for collection in (theme_targets_id(indicator.theme), indicator_targets_id(t.indicator),
                           jurisdiction_targets_id(t.jurisdiction)):
            add(collection, item)
    return items


@dataclass(frozen=True)
class Partition:
    collection: str
    partition: str
    count: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // page_size(self.collection)))


def sort_items(items: list[dict], rank: dict[str, int]) -> list[dict]:
    return sorted(items, key=lambda it: (rank.get(it["j"], len(rank)), it["y"], it["d"], it["i"]))


def partition_files(collection: str, partition: str, items: list[dict]) -> dict[str, bytes]:
    """The shard pages of one partition (items already sorted)."""
    size = page_size(collection)
    pages = max(1, -(-len(items) // size))
    files = {}
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * size:number * size]
        # The downloads' full rows stay in the store (build/targets_files.py); pages stay lean.
        lean = [{k: v for k, v in it.items() if k != "row"} for it in chunk]
        files[page_path(collection, partition, number)] = gzipped(_json({"items": lean}))
    return files


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def index_file(collection: str, partitions: list[Partition], registry: dict[str, Jurisdiction],
               by_jurisdiction: dict[str, int], years: dict[int, int], order: list[str]) -> bytes:
    """What the browser needs before fetching a shard: partitions with their page counts,
    and the jurisdictions (`order`: this collection's, in page order), levels and years with
    counts (for the filter menus)."""
    levels: dict[str, int] = {}
    for jid, count in by_jurisdiction.items():
        level = registry[jid].level if jid in registry else "unknown"
        levels[level] = levels.get(level, 0) + count
    # gzip like the shards: the jurisdictions for the filter menu make it the larger file
    return gzipped(_json({
        "collection": collection, "page_size": page_size(collection),
        "count": sum(p.count for p in partitions),
        "partitions": [{"id": p.partition, "count": p.count, "pages": p.pages,
                        "name": _names(registry[p.partition].name) if p.partition in registry else None}
                       for p in partitions],
        "jurisdictions": [{"id": j, "count": by_jurisdiction[j], "level": registry[j].level,
                           "province": province_of(j, registry), "name": _names(registry[j].name)}
                          for j in order],
        "levels": sorted(levels.items()),
        "years": sorted(years.items()),
    }))
