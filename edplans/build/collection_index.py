"""Which documents give items to which collection partition, kept up to date document by
document: a full build adds every summary once; `serve` removes an edited document's old
summary and adds its new one, and only the partitions that changed are planned again (at
thousands of documents, recounting every collection on each save would take seconds)."""
from __future__ import annotations

from ..render.analysis import province_of


class CollectionIndex:
    def __init__(self, registry):
        self.registry = registry
        self.provinces: dict[str, str] = {}
        # collection -> partition -> doc id -> the document's summary entry for the
        # partition (summary.make_entry: items hash, jurisdiction, count, ...), shared with
        # the summary when the document lies in one province, as most do
        self.members: dict[str, dict[str, dict[str, tuple]]] = {}
        self.documents: dict[str, object] = {}      # doc id -> the summary indexed
        self.dirty: set[tuple[str, str]] = set()

    def province(self, jurisdiction: str) -> str:
        part = self.provinces.get(jurisdiction)
        if part is None:
            part = self.provinces[jurisdiction] = province_of(jurisdiction, self.registry)
        return part

    def sync(self, summaries: dict) -> None:
        """Bring the index in line with the current summaries (by fingerprint); a partition
        is dirty only when what a document gives it changed (an edit that leaves a
        collection's items alone leaves its partitions alone)."""
        for doc_id in list(self.documents):
            current = summaries.get(doc_id)
            old = self.documents[doc_id]
            if current is None:
                self._apply(doc_id, self._parts(old), {})
                del self.documents[doc_id]
            elif current.fingerprint != old.fingerprint:
                self._apply(doc_id, self._parts(old), self._parts(current))
                self.documents[doc_id] = current
        for doc_id, summary in summaries.items():
            if doc_id not in self.documents:
                self._apply(doc_id, {}, self._parts(summary))
                self.documents[doc_id] = summary

    def _parts(self, summary) -> dict[tuple[str, str], tuple]:
        parts: dict[tuple[str, str], tuple] = {}
        for collection, entry in summary.collections.items():
            provinces = {self.province(j) for j in entry[1::2]}
            if len(provinces) == 1:      # the usual case: share the summary's own entry
                parts[(collection, provinces.pop())] = entry
                continue
            by_part: dict[str, list] = {}
            for j, n in zip(entry[1::2], entry[2::2]):
                by_part.setdefault(self.province(j), []).extend((j, n))
            for part, pairs in by_part.items():
                parts[(collection, part)] = (entry[0], *pairs)
        return parts

    def _apply(self, doc_id: str, old: dict, new: dict) -> None:
        for place in old.keys() - new.keys():
            collection, part = place
            by_part = self.members.get(collection, {})
            docs = by_part.get(part, {})
            docs.pop(doc_id, None)
            if not docs:
                by_part.pop(part, None)
            if not by_part:
                self.members.pop(collection, None)
            self.dirty.add(place)
        for place, member in new.items():
            if old.get(place) != member:
                collection, part = place
                self.members.setdefault(collection, {}).setdefault(part, {})[doc_id] = member
                self.dirty.add(place)

    def counts(self, collection: str, part: str) -> dict[str, int]:
        """jurisdiction -> items in one partition."""
        out: dict[str, int] = {}
        for entry in self.members[collection][part].values():
            for j, n in zip(entry[1::2], entry[2::2]):
                out[j] = out.get(j, 0) + n
        return out

    def years(self, collection: str) -> dict[int, int]:
        out: dict[int, int] = {}
        for docs in self.members[collection].values():
            for doc_id, entry in docs.items():
                year = self.documents[doc_id].year
                out[year] = out.get(year, 0) + sum(entry[2::2])
        return out
