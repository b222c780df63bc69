"""Every output besides the document pages, as keyed jobs: collection shards and indexes,
the aggregate pages (bounded: summaries, first pages, province rows), data files, static
files, root pages and the sitemap."""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

from markupsafe import Markup

from ..config import LANGUAGES
from ..ingest.script import to_traditional
from ..model import Corpus
from ..render import urls
from ..render.collections import indicator_targets_id, page_size, jurisdiction_targets_id, page_path, passages_id, theme_targets_id
from ..render.data import COLUMNS, DOCUMENT_FIELDS, SHARE_COLUMNS, gzipped, shares_csv
from ..render.charts import document_label
from ..render.pages import (Analysis, compare_page, glossary_view, home_view, indicator_page, indicators_index,
                            jurisdiction_page, jurisdiction_pages, province_documents, theme_page, themes_index)
from ..render.markdown_pages import MARKDOWN_PAGES
from ..render.safe import shown_page
from ..render.site import plotly_path, plotly_source
from ..render.views import glossary_data
from .fingerprint import key as make_key
from .summary import digest
from .jobs import CollectionState, Job, bundled, index_job, page_job, partition_job, partition_order
from .targets_files import targets_downloads
from .search_index import search_jobs, shards

SITEMAP_CHUNK = 40000


def plan(engine) -> list[Job]:
    summaries = engine.ordered_summaries()
    analysis = _analysis(engine, summaries)
    partitions, indexes = [], []
    states = _collections(engine, analysis)
    for collection, state in states.items():
        partitions += [engine.partition_jobs[(collection, p)] for p in state.order]
        indexes.append(state.index)
    jobs, engine.entries = bundled(partitions)
    jobs += indexes
    first_pages = {c: state.first_pages for c, state in states.items()}
    jobs += _page_jobs(engine, analysis, first_pages, states)
    jobs += _province_lists(engine, analysis)
    jobs += _file_jobs(engine, analysis, summaries)
    jobs += search_jobs(engine, summaries)
    jobs.append(_search_page(engine, summaries))
    return jobs


def _search_page(engine, summaries) -> Job:
    """/<lang>/search/: the search page, which lists the index's shards (it merges them)."""
    bundles = list(shards(summaries)[1])
    return page_job("search", engine.global_fp, bundles, lambda: _views(
        engine, "search.html", lambda lang: urls.page(lang, "search"), None, bundles=bundles))


def _analysis(engine, summaries) -> Analysis:
    """The comparisons over all summaries, computed again only when what they read changed
    (an edit to a heading or a translation leaves metadata, targets and shares alone)."""
    reg = engine.gathered.registries
    projection = digest([(d.id, d.hashes["meta"], d.hashes["targets"], d.hashes["shares"], d.hashes["collections"])
                         for d in summaries])
    if engine.analysis is None or engine.analysis[0] != projection:
        corpus = Corpus(summaries, reg.jurisdictions, reg.themes, reg.indicators, reg.glossary)
        engine.analysis = (projection, Analysis.of(corpus))
    return engine.analysis[1]


def _collections(engine, analysis: Analysis) -> dict[str, CollectionState]:
    """Plan every collection, re-planning only the partitions whose members changed (and all
    of them when the page order of jurisdictions changed)."""
    reg = engine.gathered.registries
    index = engine.collections
    index.sync(engine.summaries)
    rank = analysis.index.rank
    if engine.planned_order != analysis.order:
        index.dirty = {(c, p) for c, parts in index.members.items() for p in parts}
        engine.partition_jobs.clear()
        engine.collection_states.clear()
        engine.planned_order = analysis.order
    dirty: dict[str, list[str]] = {}
    for collection, part in index.dirty:
        dirty.setdefault(collection, []).append(part)
    index.dirty = set()
    for collection in sorted(set(dirty) | (set(index.members) - set(engine.collection_states))):
        if collection not in index.members:
            engine.collection_states.pop(collection, None)
            for part in dirty.get(collection, ()):
                engine.partition_jobs.pop((collection, part), None)
            continue
        counts = {p: index.counts(collection, p) for p in index.members[collection]}
        for part in dirty.get(collection, ()):
            if part in counts:
                engine.partition_jobs[(collection, part)] = partition_job(
                    collection, part, index.members[collection][part], counts[part],
                    engine.global_fp, engine.items, rank, index.province)
            else:
                engine.partition_jobs.pop((collection, part), None)
        order = partition_order(counts, rank)
        keys = {p: engine.partition_jobs[(collection, p)].key for p in order}
        first, total, size = [], 0, page_size(collection)
        for part in order:       # the pages that hold the first page of items, across partitions
            if total >= size:
                break
            count = sum(counts[part].values())
            first += [(keys[part], page_path(collection, part, n)) for n in range(1, -(-count // size) + 1)]
            total += count
        extra = ((lambda c, parts: targets_downloads(engine.store, c, [(engine.entry(k), k) for k in parts]))
                 if collection.endswith("/targets") else None)
        job = index_job(collection, counts, keys, order, engine.global_fp, reg.jurisdictions, rank, extra,
                        lambda c=collection: ({p: index.counts(c, p) for p in index.members[c]}, index.years(c)))
        engine.collection_states[collection] = CollectionState(tuple(order), keys, job, tuple(first))
    return dict(sorted(engine.collection_states.items()))


def _first_page(engine, first_pages, collection) -> list[dict]:
    items: list[dict] = []
    size = page_size(collection)
    for job_key, path in first_pages.get(collection) or ():
        if len(items) >= size:
            break
        with open(engine.store.files(engine.entry(job_key))[path], "rb") as stream:
            items += json.loads(gzip.decompress(stream.read()))["items"]
    return items[:size]


def _views(engine, template: str, path_of, make_view, **context) -> dict[str, bytes]:
    """One page in every language; the zh-hant page reuses the zh view (converted whole)."""
    renderer = engine.renderer
    files, views = {}, {}
    for lang in engine.gathered.config.languages:
        source = "zh" if lang == "zh-hant" else lang
        path = path_of(lang)
        if make_view is not None and source not in views:
            views[source] = make_view(source, path, renderer.t(source))
        extra = {"view": views[source]} if make_view is not None else {}
        files[path] = renderer.page(template, path, lang, **extra, **context)
    return files


def _page_jobs(engine, analysis: Analysis, first_pages, states) -> list[Job]:
    corpus = analysis.corpus
    fp = engine.global_fp
    docs = corpus.documents
    # Digests of the corpus-wide projections, hashed once (not once per page: thousands of
    # page keys each hashing a list of every document would be quadratic).
    meta = digest([(d.id, d.hashes["meta"]) for d in docs])
    jobs = [
        # the headline strips read the featured themes' targets
        page_job("home", fp, [meta, digest([(d.id, d.hashes["targets"]) for d in docs])], lambda: _views(
            engine, "home.html", urls.home, lambda lang, path, t: home_view(analysis, lang, path, t))),
        page_job("themes", fp, [meta] + [[(d.id, d.hashes[f"theme:{th}"]) for d in docs] for th in corpus.themes],
                 lambda: _views(engine, "themes.html", lambda lang: urls.page(lang, "themes"),
                                lambda lang, path, t: themes_index(analysis, lang, path, t))),
        page_job("indicators", fp, digest([(d.id, [t.indicator for t in d.targets]) for d in docs]), lambda: _views(
            engine, "indicators.html", lambda lang: urls.page(lang, "indicators"),
            lambda lang, path, t: indicators_index(analysis))),
        page_job("glossary", fp, [state.index.key for c, state in states.items() if c.startswith("glossary/")],
                 lambda: _views(
            engine, "glossary.html", lambda lang: urls.page(lang, "glossary"),
            lambda lang, path, t: glossary_view(analysis), term_count=len(corpus.glossary))),
        page_job("data", fp, [meta, digest([(d.id, len(d.targets)) for d in docs]), engine.gathered.version],
                 lambda: _views(
            engine, "data.html", lambda lang: urls.page(lang, "data"), None, corpus=corpus,
            target_count=len(analysis.targets), target_columns=COLUMNS, share_columns=SHARE_COLUMNS,
            document_fields=DOCUMENT_FIELDS, document_count=len(docs), version=engine.gathered.version)),
        # the menus (titles, provinces), shares and target counts of all, passages of the pair shown
        page_job("compare", fp, [meta, digest([(d.id, d.hashes["targets"], d.hashes["shares"],
                                                d.hashes["passages"]) for d in docs])], lambda: _views(
            engine, "compare.html", lambda lang: urls.page(lang, "compare"),
            lambda lang, path, t: compare_page(analysis, lang, path, t, engine.items))),
    ]
    for name in MARKDOWN_PAGES:
        jobs.append(page_job(f"markdown {name}", fp, [], lambda name=name: _views(
            engine, "markdown_page.html", lambda lang: urls.page(lang, name), None, name=name,
            body_of=lambda lang: engine.gathered.markdown[(name, lang)])))
    for theme in corpus.themes.values():
        depends = [meta, [(d.id, d.hashes[f"theme:{theme.id}"]) for d in docs],
                   first_pages.get(passages_id(theme.id)), first_pages.get(theme_targets_id(theme.id))]
        jobs.append(page_job(f"theme {theme.id}", fp, depends, lambda theme=theme: _views(
            engine, "theme.html", lambda lang: urls.theme(lang, theme.id),
            lambda lang, path, t: theme_page(analysis, theme, lang, path, t,
                                             _first_page(engine, first_pages, passages_id(theme.id)),
                                             _first_page(engine, first_pages, theme_targets_id(theme.id)))))
                    )
    for indicator in corpus.indicators.values():
        if not analysis.indicator_counts.get(indicator.id):
            continue   # an indicator nothing quotes yet has no page
        collection = indicator_targets_id(indicator.id)
        state = states.get(collection)
        depends = [meta, state.keys if state else None, first_pages.get(collection)]
        jobs.append(page_job(f"indicator {indicator.id}", fp, depends, lambda indicator=indicator: _views(
            engine, "indicator.html", lambda lang: urls.indicator(lang, indicator.id),
            lambda lang, path, t: indicator_page(analysis, indicator, lang, path, t))))
    index = analysis.index
    for jurisdiction in jurisdiction_pages(analysis):
        # what its page shows of each document: metadata, targets (pairs, counts), shares
        own = [(d.id, d.hashes["targets"], d.hashes["shares"]) for d in index.documents.get(jurisdiction.id, ())]
        children = [c.id for c in index.children.get(jurisdiction.id, ())]
        # the pages of its own targets (their documents' fingerprints are in `own` or below)
        targets = first_pages.get(jurisdiction_targets_id(jurisdiction.id))
        jobs.append(page_job(f"jurisdiction {jurisdiction.id}", fp, [meta, own, children, targets],
                             lambda j=jurisdiction: _views(
                                 engine, "jurisdiction.html", lambda lang: urls.jurisdiction(lang, j.id),
                                 lambda lang, path, t: jurisdiction_page(analysis, j, lang, path, t))))
    return jobs


def _province_lists(engine, analysis: Analysis) -> list[Job]:
    """data/documents/provinces/<province>.json: the documents the compare page's second menu
    lists once a reader picks a province (id, label and title in each language)."""
    corpus = analysis.corpus
    jobs = []
    for province, documents in province_documents(analysis).items():
        entries = []
        for d in documents:
            name = corpus.jurisdictions[d.jurisdiction].name
            entries.append({"id": d.id, "label": {lang: document_label(d, lang, name) for lang in ("zh", "en")},
                            "title": {"zh": d.title.zh, "en": d.title.en, "zh_hant": to_traditional(d.title.zh)}})
        data = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        path = f"data/documents/provinces/{province}.json"
        jobs.append(Job(make_key("province list", engine.global_fp, path, data), f"list {province}",
                        lambda path=path, data=data: ({path: data}, {})))
    return jobs


def _file_jobs(engine, analysis: Analysis, summaries) -> list[Job]:
    fp = engine.global_fp
    shares = digest([(d.id, d.hashes["shares"]) for d in summaries])
    stylesheet = engine.root / "static" / "css" / "site.css"
    css = stylesheet.read_bytes() if stylesheet.is_file() and not stylesheet.is_symlink() else b""
    dataset = digest([(d.id, d.hashes["dataset"]) for d in summaries])
    jobs = [
        Job(make_key("shares", fp, shares), "theme shares",
            lambda: ({"data/theme-shares.csv": shares_csv(analysis.shares)}, {})),
        Job(make_key("dataset", fp, dataset), "dataset", lambda: (_dataset(engine, summaries), {})),
        _plotly_job(),
        _static_job(engine),
        # the 404 page carries the stylesheet inline (static/ is not in the shared fingerprint)
        Job(make_key("root", fp, hashlib.sha256(css).hexdigest()), "root pages", lambda: (_root_pages(engine, css), {})),
        Job(make_key("glossary data", fp), "glossary data", lambda: (_glossary_files(engine), {})),
    ]
    return jobs


def _plotly_job() -> Job:
    # Keyed on the bundle's bytes, not only its name: a file replaced in place is served anew.
    data = plotly_source().read_bytes()
    return Job(make_key("plotly", plotly_path(), hashlib.sha256(data).hexdigest()), "plotly",
               lambda: ({plotly_path(): data}, {}))


def _glossary_files(engine) -> dict[str, bytes]:
    terms = sorted(engine.gathered.registries.glossary.values(), key=lambda t: t.id)
    files = {}
    for lang in engine.gathered.config.languages:
        text = json.dumps(glossary_data(terms, lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        files[f"data/glossary/terms-{lang}.json"] = (to_traditional(text) if lang == "zh-hant" else text).encode()
    return files


def _dataset(engine, summaries) -> dict[str, Iterator[bytes]]:
    """The full dataset as one download: JSON lines, one gzip member per document, streamed
    into the store member by member (at 10,000 documents it is 330 MB: held whole and joined,
    it was the build's largest peak of memory)."""
    fingerprints = [s.fingerprint for s in sorted(summaries, key=lambda s: s.id)]
    return {"data/edplans-dataset.jsonl.gz": (engine.store.side(f, "dataset.gz") or b"" for f in fingerprints)}


def _static_job(engine) -> Job:
    static = engine.root / "static"
    files = {}
    for path in sorted(static.rglob("*")) if static.is_dir() else []:
        if path.is_file() and not path.is_symlink():
            files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    locale = files.get("static/js/plotly-locale-zh-cn.js")
    if locale is not None:
        # Plotly's interface strings for the traditional edition, converted like its pages.
        files["static/js/plotly-locale-zh-hant.js"] = to_traditional(locale.decode("utf-8")).encode("utf-8")
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return Job(make_key("static", digest.hexdigest()), "static files", lambda: (files, {}))


def _root_pages(engine, css: bytes) -> dict[str, bytes]:
    config = engine.gathered.config
    env = engine.renderer.env
    t = engine.gathered.translator
    files = {}
    site_path = urlsplit(config.base_url).path or "/"
    for template, path in (("root.html", "index.html"), ("404.html", "404.html")):
        html = shown_page(env.get_template(template).render(css=Markup(css.decode("utf-8").replace("</", "<\\/")), site_path=site_path,
            config=config, t=t, languages=config.languages, lang_tags=LANGUAGES,
            link=lambda target, path=path: urls.relative(path, target),
            absolute=lambda target: urls.absolute(config.base_url, target),
            home=urls.home, static=lambda name: f"static/{name}"))
        files[path] = html.encode("utf-8")
    # Crawlers read robots.txt at a host's root only (a project site's copy is for its own
    # host). A local preview names no sitemap: its addresses are not the site's. (Keeping
    # crawlers out of a preview made Lighthouse's SEO audit fail every page of a local build.)
    lines = ["User-agent: *", "Allow: /"] + ([] if config.preview else [f"Sitemap: {config.base_url}sitemap.xml"])
    files["robots.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    return files


def sitemap_files(engine, pages: list[str]) -> dict[str, bytes]:
    """sitemap.xml, an index of gzipped sitemaps of at most SITEMAP_CHUNK pages each (the
    protocol allows 50,000 a file), every page with its hreflang alternates. Gzipped, as the
    protocol allows: with three alternates a page takes about 460 bytes of XML, 3.4 MB at
    1,000 documents and a hundred times that at 30,000, for 0.3 MB compressed."""
    config = engine.gathered.config
    env = engine.renderer.env

    def urlset(chunk: list[str]) -> bytes:
        return shown_page(env.get_template("sitemap.xml").render(
            pages=chunk, languages=config.languages, lang_tags=LANGUAGES,
            absolute=lambda target: urls.absolute(config.base_url, target),
            in_language=lambda p, lang: urls.in_language(p, lang, config.languages))).encode("utf-8")
    ordered = sorted(pages)
    files = {f"sitemaps/sitemap-{n}.xml.gz": gzipped(urlset(ordered[i:i + SITEMAP_CHUNK]))
             for n, i in enumerate(range(0, max(len(ordered), 1), SITEMAP_CHUNK), 1)}
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    index += [f"  <sitemap><loc>{urls.absolute(config.base_url, name)}</loc></sitemap>" for name in sorted(files)]
    files["sitemap.xml"] = ("\n".join(index + ["</sitemapindex>"]) + "\n").encode("utf-8")
    return files

