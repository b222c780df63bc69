"""A generated 200-document project (bench/corpus.py: the five plans copied into distinct
counties of a province > prefecture > county tree, annotated and translated): aggregate pages
stay under the page budget, and every passage and every target stays reachable from its
theme, its jurisdiction and its indicator, by a link or by a shard the page loads."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from edplans.render.site import build
from tests.site_data import collection_items, documents_json, read_json

DOCUMENTS = 200
PAGE_BUDGET = 300 * 1024          # bytes of HTML for any page but a document page


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scale") / "project"
    make_corpus(root, DOCUMENTS)
    build(root, root / "site")
    return root / "site"


def _collection(site: Path, collection: str) -> list[dict]:
    index = read_json(site / "data" / collection / "index.json.gz")
    items = collection_items(site, collection)
    assert len(items) == index["count"], collection
    return items


def test_aggregate_pages_stay_under_the_budget(big_site):
    pages = [p for p in big_site.rglob("index.html") if "documents" not in p.relative_to(big_site).parts]
    assert len(pages) > 1000
    heavy = sorted((p.stat().st_size, p.relative_to(big_site).as_posix()) for p in pages
                   if p.stat().st_size > PAGE_BUDGET)
    assert heavy == []


def test_every_passage_is_reachable_from_each_of_its_themes(big_site):
    documents = documents_json(big_site)
    assert len(documents) == DOCUMENTS
    expected: dict[str, set] = {}
    for doc in documents:
        for p in doc["passages"]:
            for theme in dict.fromkeys(tag.split("/")[0] for tag in p["themes"]):
                expected.setdefault(theme, set()).add((doc["id"], p["id"]))
    for theme, wanted in expected.items():
        page = (big_site / "en/themes" / theme / "index.html").read_text("utf-8")
        assert f'data-index="../../../data/themes/{theme}/passages/index.json.gz"' in page, theme
        found = {(it["d"], it["p"]) for it in _collection(big_site, f"themes/{theme}/passages")}
        assert found == wanted, theme


def test_every_target_is_reachable_from_its_theme_jurisdiction_and_indicator(big_site):
    rows = [row for doc in documents_json(big_site) for row in doc["targets"]]
    assert len(rows) > 40 * DOCUMENTS // 2
    by = {"themes": {}, "indicators": {}, "jurisdictions": {}}
    for row in rows:
        by["themes"].setdefault(row["theme"], set()).add(row["id"])
        by["indicators"].setdefault(row["indicator"], set()).add(row["id"])
        by["jurisdictions"].setdefault(row["jurisdiction"], set()).add(row["id"])
    for kind, groups in by.items():
        for key, ids in groups.items():
            collection = f"{kind}/{key}/targets"
            items = _collection(big_site, collection)
            assert {f"{it['d']}/{it['id']}" for it in items} == ids, collection
            page = (big_site / "en" / kind / key / "index.html").read_text("utf-8")
            loads = f'data-index="../../../data/{collection}/index.json.gz"' in page
            links = set(re.findall(r'href="\.\./\.\./documents/([a-z0-9-]+)/#(p-[\w-]+)"', page))
            assert loads or {(it["d"], it["p"]) for it in items} <= links, collection
