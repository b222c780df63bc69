"""Reading the built site's data files the way a reader's program would."""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html import unescape
from pathlib import Path


def read_json(path: Path):
    """A JSON data file as a reader's program opens it: gzip when it ends in .gz."""
    raw = path.read_bytes()
    return json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)


def sitemap_urls(site: Path, base_url: str) -> tuple[list[str], list]:
    """What a crawler reads from site/sitemap.xml: the index's sitemap addresses (each on the
    base URL, mapped to its built file) and every <url> element of those gzipped sitemaps."""
    import xml.etree.ElementTree as ET
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == ns + "sitemapindex", index.tag
    parts, entries = [], []
    for loc in index.iter(ns + "loc"):
        assert loc.text.startswith(base_url) and loc.text.endswith(".xml.gz"), loc.text
        parts.append(loc.text)
        urlset = ET.fromstring(gzip.decompress((site / loc.text[len(base_url):]).read_bytes()))
        assert urlset.tag == ns + "urlset", urlset.tag
        entries += urlset.findall(ns + "url")
    return parts, entries


def documents_json(site: Path) -> list[dict]:
    """Every document's JSON (data/documents/<id>.json.gz), in file order."""
    return [read_json(path) for path in sorted((site / "data" / "documents").glob("*.json.gz"))
            if path.name.count(".") == 2]   # not the pages' column files (<id>.<column>.json.gz)


def page_passages(site: Path, doc_id: str, lang: str) -> dict[str, str | None]:
    """Passage id -> the text a document page carries for it, as a reader sees it (tags
    removed): the Chinese on the zh and zh-hant pages, the English on the en page (None where
    the translation is pending). The other column of each page is copied from these."""
    html_text = (site / lang / "documents" / doc_id / "index.html").read_text("utf-8")
    if lang == "en":
        found = re.findall(r'<div class="passage" id="(p-[\w-]+)">\s*<div class="passage-en">\s*<p( class="[^"]*")?>(.*?)</p>',
                           html_text, re.S)
        return {pid: None if cls else unescape(re.sub(r"<[^>]+>", "", body)) for pid, cls, body in found}
    found = re.findall(r'<div class="passage" id="(p-[\w-]+)">\s*<p class="passage-text"[^>]*>(.*?)</p>', html_text, re.S)
    return {pid: unescape(re.sub(r"<[^>]+>", "", body)) for pid, body in found}


def document_json(site: Path, doc_id: str) -> dict:
    return read_json(site / "data" / "documents" / f"{doc_id}.json.gz")


def with_texts(site: Path, doc: dict) -> dict:
    """A document's JSON with each passage's text in zh, zh_hant and en (None while pending)
    taken from the document's pages, as the compare page puts them together."""
    for lang, key in (("zh", "zh"), ("zh-hant", "zh_hant"), ("en", "en")):
        texts = page_passages(site, doc["id"], lang)
        for p in doc["passages"]:
            p[key] = texts[p["id"]]
    return doc


def target_rows(site: Path) -> tuple[list[dict], list[dict]]:
    """Every target: the union of the per-theme downloads (each target is in exactly one
    theme, its indicator's), and the column descriptions."""
    rows, columns = [], []
    for path in sorted((site / "data" / "themes").glob("*/targets.json.gz")):
        data = read_json(path)
        rows += data["targets"]
        columns = data["columns"]
    return rows, columns


def target_csv_rows(site: Path) -> list[dict]:
    lines = []
    for path in sorted((site / "data" / "themes").glob("*/targets.csv.gz")):
        lines += list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8-sig"))))
    return lines


def collection_items(site: Path, collection: str) -> list[dict]:
    """Every item of a collection, read through its index and its gzip shard pages."""
    index = read_json(site / "data" / collection / "index.json.gz")
    return [it for p in index["partitions"] for n in range(1, p["pages"] + 1)
            for it in json.loads(gzip.decompress((site / "data" / collection / f"{p['id']}-{n}.json.gz")
                                                 .read_bytes()))["items"]]
