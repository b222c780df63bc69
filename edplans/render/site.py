"""Rendering: the environment every page shares, one page at a time, and a document's files.

The build itself (what to render, caching, parallel workers, the atomic write) lives in
edplans/build; this module turns model objects into bytes and keeps no corpus-wide state."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..annotate.targets import Registries
from ..config import LANGUAGES, SiteConfig, load_config
from ..corpus import load_registries
from ..errors import ErrorCollector
from ..ingest.script import to_traditional
from .hant import as_published, heading_shown, page_to_traditional, section_heading
from ..model import Corpus, Document
from ..textfile import unsafe_inputs
from . import urls
from .analysis import theme_shares
from .data import column_file, column_json, document_json, target_rows
from .i18n import Translator, load_translator
from .markdown_pages import render_pages
from .passage import passage_html
from .safe import content, runs_html, shown_page
from .langmark import mark_chinese
from .search import search_page
from .cite import citation
from .version import site_version
from .pages import column_path, document_json_path
from .views import document_view


@dataclass
class BuildResult:
    out: Path
    files: int
    pages: int
    warnings: list[str] = field(default_factory=list)
    rendered: int = 0             # pages rendered by this build (the rest came from the store)
    seconds: float = 0.0
    bytes: int = 0


@dataclass(frozen=True)
class Gathered:
    """Everything but the documents: config, registries, UI strings, Markdown pages."""

    config: SiteConfig
    registries: Registries
    translator: Translator
    markdown: dict[tuple[str, str], str]   # (page, lang) -> rendered HTML (raw HTML off)
    version: tuple[str, str] = ("", "")     # (date, commit) the site is built from: render/version.py


def gather(root: Path, *, base_url: str | None = None) -> Gathered:
    errors = ErrorCollector()
    errors.extend(unsafe_inputs(root))      # no link or special file among the inputs, none followed
    errors.raise_if_any()
    config = load_config(root, errors, base_url)
    errors.raise_if_any()
    assert config is not None
    translator = load_translator(root / "templates" / "i18n", config.languages, errors)
    registries = load_registries(config.content, root, errors, config.featured_themes, config.featured_line)
    rendered = render_pages(config.content, config.languages, errors)
    errors.raise_if_any()
    return Gathered(config, registries, translator, rendered, site_version(root))


def _environment(root: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(root / "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True,
                      # a build reads each template once; serve gathers anew when one changes
                      auto_reload=False)
    # |tojson keeps Chinese as characters (so the zh-hant conversion reaches embedded data);
    # jinja still escapes < > & ' for the <script> block.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["runs_html"] = runs_html
    env.globals["passage_html"] = passage_html
    env.filters["as_published"] = as_published
    # element text only, never an attribute: quotes need no escaping there (the citation records)
    env.filters["content"] = lambda value: Markup(content(value))
    env.globals["section_heading"] = section_heading
    return env


# plotly.js's basic partial bundle (scatter, bar, pie: all the site's charts draw), npm's
# plotly.js-basic-dist-min at the plotly.js version the pinned plotly package ships, vendored
# in edplans/vendor (see its README; `make vendor-plotly` refreshes it and this line).
PLOTLY_JS_VERSION = "4.1.1"


def plotly_path() -> str:
    return f"static/vendor/plotly-basic-{PLOTLY_JS_VERSION}.min.js"


def plotly_source() -> Path:
    """The vendored plotly.js bundle, served from the site: no CDN."""
    return Path(__file__).resolve().parent.parent / "vendor" / f"plotly-basic-{PLOTLY_JS_VERSION}.min.js"


class PageRenderer:
    """Renders one page of one language to bytes. Holds nothing that grows with the corpus."""

    def __init__(self, gathered: Gathered):
        self.g = gathered
        self.env = _environment(gathered.config.root)
        self.plotly_path = plotly_path()

    def page(self, template: str, path: str, lang: str, **context) -> bytes:
        config = self.g.config
        t = self.g.translator

        def link(target: str) -> str:
            return urls.relative(path, target)

        alternates = [(other, LANGUAGES[other], urls.in_language(path, other, config.languages))
                      for other in config.languages]
        html = shown_page(self.env.get_template(template).render(
            lang=lang, lang_tag=LANGUAGES[lang], path=path, link=link,
            zh_tag="zh-Hant" if lang == "zh-hant" else "zh-Hans",
            t=lambda key, **values: t(lang, key, **values),
            config=config, alternates=alternates,
            absolute=lambda target: urls.absolute(config.base_url, target), preview=config.preview,
            static=lambda name: link(f"static/{name}"), plotly=link(self.plotly_path), **context))
        html = mark_chinese(html, "zh-Hant" if lang == "zh-hant" else "zh-Hans")
        if lang == "zh-hant":
            # The whole page at once: text, attributes and embedded JSON; ASCII (markup, URLs,
            # ids) and English are untouched by s2tw; text kept as published is passed over.
            html = page_to_traditional(html)
        return html.encode("utf-8")

    def t(self, lang: str):
        source = "zh" if lang == "zh-hant" else lang
        return lambda key, **values: self.g.translator(source, key, **values)


def search_pages(renderer: PageRenderer, document: Document, corpus: Corpus, view) -> dict[str, bytes]:
    """The pages the search index reads of a document, one per language (render/search.py)."""
    pages = {}
    for lang in renderer.g.config.languages:
        source = renderer.t(lang)
        t = (lambda key, source=source, **values: to_traditional(source(key, **values))) if lang == "zh-hant" else source

        def heading(section, lang=lang, t=t):
            if section.kind == "preamble":
                return t("doc_preamble_excerpt" if document.doc_type == "plan-excerpt" else "doc_preamble")
            if lang == "en" and section.title_en:
                return section.title_en
            if lang == "zh-hant":
                return heading_shown(document, section)
            return section.label + section.title
        pages[lang] = search_page(document, view, corpus, lang, t, heading)
    return pages


def document_files(renderer: PageRenderer, document: Document, corpus: Corpus, summary, view=None) -> dict[str, bytes]:
    """A document's pages in every language and its JSON (corpus: the registries and this
    document only; a document page reads nothing of the others; summary: its counted shares)."""
    config = renderer.g.config
    view = view or document_view(document, corpus)
    # Each page carries its own language; site.js takes the other column from the other
    # edition's page (the English page for the Chinese ones, the simplified page for the
    # English one), so each text is published once. The English quotes Chinese now and then
    # (a name, a slogan): the traditional page also loads those passages converted, a small
    # patch file written only when there are any.
    files = {}
    patch_path = None
    english = column_file(document, view.english)
    converted = json.loads(to_traditional(json.dumps(english, ensure_ascii=False)))
    if patch := {pid: entry for pid, entry in converted.items() if entry != english[pid]}:
        patch_path = column_path(document.id, "en-hant")
        files[patch_path] = column_json(patch)
    columns = {"en": (urls.document("zh", document.id), None), "zh": (urls.document("en", document.id), None),
               "zh-hant": (urls.document("en", document.id), patch_path)}
    for lang in config.languages:
        path = urls.document(lang, document.id)
        cite = citation(document, lang, config.base_url, config.preview, renderer.t(lang))
        files[path] = renderer.page("document.html", path, lang, view=view, corpus=corpus, column=columns[lang],
                                    cite=cite)
    shares = theme_shares(Corpus((summary,), corpus.jurisdictions, corpus.themes))[document.id]
    rows = target_rows(corpus, config.base_url)
    files[document_json_path(document.id)] = document_json(document, corpus, shares, rows, config.languages)
    return files


def build(root: Path, out: Path, **options) -> BuildResult:
    """The one build path (edplans/build), under its historical name."""
    from ..build.session import build as build_site
    return build_site(root, out, **options)
