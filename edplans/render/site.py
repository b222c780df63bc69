"""The one build path behind `build`, `serve` and the tests: gather, validate,
render everything in memory, then write to a temporary folder and swap it in.
A failure at any point leaves the previous site/ exactly as it was."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from markdown_it import MarkdownIt

from ..config import LANGUAGES, SiteConfig, load_config
from ..annotate.gaps import corpus_gaps
from ..corpus import load_corpus
from ..errors import BuildError, ContentError, ErrorCollector
from ..ingest.script import to_traditional
from ..model import Corpus
from ..textfile import read_text
from . import urls
from .analysis import jurisdiction_groups
from .data import (COLUMNS, DOCUMENT_FIELDS, SHARE_COLUMNS, document_json, shares_csv, target_rows, targets_csv,
                   targets_json)
from .i18n import Translator, load_translator
from .pages import (Analysis, compare_page, document_json_path, indicator_page, indicators_index,
                    jurisdiction_page, jurisdiction_pages, theme_page, themes_index)
from .views import document_view, glossary_data, glossary_entries

MARKDOWN_PAGES = ("about",)


@dataclass
class BuildResult:
    out: Path
    files: int
    pages: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Gathered:
    config: SiteConfig
    corpus: Corpus
    translator: Translator
    markdown: dict[tuple[str, str], str]   # (page, lang) -> rendered HTML (raw HTML off)


def _markdown() -> MarkdownIt:
    # commonmark with raw HTML disabled: editors' Markdown can never inject markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def gather(root: Path, *, base_url: str | None = None) -> Gathered:
    errors = ErrorCollector()
    config = load_config(root, errors, base_url)
    errors.raise_if_any()
    assert config is not None
    translator = load_translator(root / "templates" / "i18n", config.languages, errors)
    corpus, corpus_errors = load_corpus(config.content, cache_dir=config.cache_dir, root=root,
                                        max_bytes=config.max_source_bytes,
                                 featured=config.featured_themes, featured_line=config.featured_line)
    errors.extend(corpus_errors.errors)
    md = _markdown()
    rendered = {}
    for name in MARKDOWN_PAGES:
        for lang in config.languages:
            source_lang = "zh" if lang == "zh-hant" else lang   # converted with the page (s2tw)
            path = config.content / "pages" / f"{name}.{source_lang}.md"
            display = f"content/pages/{name}.{source_lang}.md"
            if not path.exists():
                errors.add(display, "is missing", hint=f"every language needs its {name} page")
                continue
            text, _, err = read_text(path, display)
            if err:
                errors.extend([err])
            else:
                rendered[(name, lang)] = md.render(text)
    errors.raise_if_any()
    assert corpus is not None
    return Gathered(config, corpus, translator, rendered)


# Bidirectional controls in content could reorder what a reader sees ("Trojan Source"):
# every string a template prints shows them as visible code points instead.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _show_bidi_controls(value):
    if isinstance(value, str) and BIDI_CONTROLS.search(value):
        shown = BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", value)
        # Already-safe markup (|tojson data blocks) stays safe: the replacement is plain ASCII.
        return Markup(shown) if isinstance(value, Markup) else shown
    return value


def _environment(root: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(root / "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, finalize=_show_bidi_controls)
    # |tojson keeps Chinese as characters (so the zh-hant conversion reaches embedded data);
    # jinja still escapes < > & ' for the <script> block.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def plotly_bundle() -> tuple[str, bytes]:
    """plotly.js from the installed (pinned) plotly package, served from the site: no CDN."""
    import plotly
    from plotly.offline import get_plotlyjs_version
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return f"static/vendor/plotly-{get_plotlyjs_version()}.min.js", source.read_bytes()


class Renderer:
    """Renders every page of every language into a dict of output path -> bytes."""

    def __init__(self, gathered: Gathered):
        self.g = gathered
        self.env = _environment(gathered.config.root)
        self.files: dict[str, bytes] = {}
        self.page_paths: list[str] = []
        self.plotly_path, self.plotly_js = plotly_bundle()

    def _page(self, template: str, path: str, lang: str, **context) -> None:
        config = self.g.config
        t = self.g.translator

        def link(target: str) -> str:
            return urls.relative(path, target)

        alternates = [(other, LANGUAGES[other], urls.in_language(path, other, config.languages))
                      for other in config.languages]
        html = self.env.get_template(template).render(
            lang=lang, lang_tag=LANGUAGES[lang], path=path, link=link,
            zh_tag="zh-Hant" if lang == "zh-hant" else "zh-Hans",
            t=lambda key, **values: t(lang, key, **values),
            config=config, alternates=alternates,
            absolute=lambda target: urls.absolute(config.base_url, target),
            static=lambda name: link(f"static/{name}"), plotly=link(self.plotly_path), **context)
        if lang == "zh-hant":
            # The whole page at once: text, attributes and embedded JSON; ASCII (markup, URLs,
            # ids) and English are untouched by s2tw.
            html = to_traditional(html)
        self.files[path] = html.encode("utf-8")
        self.page_paths.append(path)

    def render(self) -> dict[str, bytes]:
        corpus = self.g.corpus
        config = self.g.config
        groups = jurisdiction_groups(corpus)
        views = [document_view(d, corpus) for d in corpus.documents]
        entries = glossary_entries(corpus)
        analysis = Analysis.of(corpus)
        index = indicators_index(analysis)
        self.files[self.plotly_path] = self.plotly_js
        # zh-hant pages reuse the zh views: same links, converted as a whole afterwards.
        built: dict[tuple, object] = {}

        def view_for(key, lang, make):
            source = "zh" if lang == "zh-hant" else lang
            if (key, source) not in built:
                built[(key, source)] = make(source)
            return built[(key, source)]

        rows = target_rows(corpus, config.base_url)
        for lang in config.languages:
            t = lambda key, lang=lang, **values: self.g.translator("zh" if lang == "zh-hant" else lang, key, **values)  # noqa: E731
            self._page("home.html", urls.home(lang), lang, groups=groups, corpus=corpus,
                       document_count=len(corpus.documents),
                       jurisdiction_count=len({j for d in corpus.documents for j in d.jurisdictions}))
            glossary_page = urls.page(lang, "glossary")
            for view in views:
                path = urls.document(lang, view.document.id)
                self._page("document.html", path, lang, view=view, corpus=corpus,
                           glossary_data=lambda terms, lang, path=path: glossary_data(
                               terms, lang, urls.relative(path, glossary_page)))
            self._page("glossary.html", glossary_page, lang, entries=entries, corpus=corpus,
                       term_count=len(entries))
            for name in MARKDOWN_PAGES:
                self._page("markdown_page.html", urls.page(lang, name), lang, name=name,
                           body=self.g.markdown[(name, lang)])
            path = urls.page(lang, "themes")
            self._page("themes.html", path, lang, corpus=corpus,
                       view=view_for("themes", lang, lambda src, path=path, t=t: themes_index(analysis, src, path, t)))
            for theme in corpus.themes.values():
                path = urls.theme(lang, theme.id)
                self._page("theme.html", path, lang, corpus=corpus, view=view_for(
                    ("theme", theme.id), lang, lambda src, path=path, t=t, theme=theme:
                    theme_page(analysis, theme, src, path, t)))
            self._page("indicators.html", urls.page(lang, "indicators"), lang, corpus=corpus, view=index)
            for indicator in corpus.indicators.values():
                if not analysis.indicator_counts.get(indicator.id):
                    continue   # an indicator nothing quotes yet has no page
                path = urls.indicator(lang, indicator.id)
                self._page("indicator.html", path, lang, corpus=corpus, view=view_for(
                    ("indicator", indicator.id), lang, lambda src, path=path, t=t, indicator=indicator:
                    indicator_page(analysis, indicator, src, path, t)))
            for jurisdiction in jurisdiction_pages(analysis):
                path = urls.jurisdiction(lang, jurisdiction.id)
                self._page("jurisdiction.html", path, lang, corpus=corpus, view=view_for(
                    ("jurisdiction", jurisdiction.id), lang, lambda src, path=path, t=t, j=jurisdiction:
                    jurisdiction_page(analysis, j, src, path, t)))
            path = urls.page(lang, "compare")
            self._page("compare.html", path, lang, corpus=corpus, view=view_for(
                "compare", lang, lambda src, path=path, t=t: compare_page(analysis, src, path, t)))
            self._page("data.html", urls.page(lang, "data"), lang, corpus=corpus, target_count=len(rows),
                       target_columns=COLUMNS, share_columns=SHARE_COLUMNS, document_fields=DOCUMENT_FIELDS)
        self.files["data/targets.json"] = targets_json(rows)
        self.files["data/targets.csv"] = targets_csv(rows)
        self.files["data/theme-shares.csv"] = shares_csv(analysis.shares)
        for document in corpus.documents:
            self.files[document_json_path(document.id)] = document_json(
                document, corpus, analysis.shares[document.id], rows, config.languages)
        self._root_pages()
        return self.files

    def _root_pages(self) -> None:
        config = self.g.config
        t = self.g.translator
        for template, path in (("root.html", "index.html"), ("404.html", "404.html")):
            html = self.env.get_template(template).render(
                config=config, t=t, languages=config.languages, lang_tags=LANGUAGES,
                link=lambda target, path=path: urls.relative(path, target),
                absolute=lambda target: urls.absolute(config.base_url, target),
                home=urls.home, static=lambda name: f"static/{name}" if path == "index.html" else
                config.base_url + f"static/{name}")
            self.files[path] = html.encode("utf-8")
        sitemap = self.env.get_template("sitemap.xml").render(
            pages=sorted(self.page_paths), languages=config.languages, lang_tags=LANGUAGES,
            absolute=lambda target: urls.absolute(config.base_url, target),
            in_language=lambda p, lang: urls.in_language(p, lang, config.languages))
        self.files["sitemap.xml"] = sitemap.encode("utf-8")


def _static_files(root: Path) -> dict[str, bytes]:
    static = root / "static"
    return {f"static/{p.relative_to(static).as_posix()}": p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file()}


MARKER = ".edplans-site"  # written into every build: only such a folder is ever replaced


def _check_replaceable(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise BuildError([ContentError(str(out), "exists and is not a site edplans built; refusing to replace it",
                                       hint="choose another --out, or empty that folder yourself")])


def write_atomic(files: dict[str, bytes], out: Path) -> None:
    """Write into a sibling temporary folder, then swap it for `out` in two renames.

    Only a folder that carries the build marker (or an empty one) is replaced, and if
    the swap fails the previous site is put back."""
    out = out.resolve()
    _check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    previous.rmdir()  # a unique free name to move the old site to
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text("built by edplans; replaced whole on every build\n", encoding="utf-8")
        os.chmod(staging, 0o755)
        moved = False
        if out.exists():
            out.rename(previous)
            moved = True
        try:
            staging.rename(out)
        except BaseException:
            if moved and not out.exists():
                previous.rename(out)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def build(root: Path, out: Path, *, strict: bool = False, base_url: str | None = None) -> BuildResult:
    """Build the whole site into `out`. Raises BuildError; `out` is untouched on failure."""
    gathered = gather(root, base_url=base_url)
    renderer = Renderer(gathered)
    files = renderer.render()
    files.update(_static_files(root))
    # Plotly's interface strings for the traditional edition, converted like its pages.
    locale = files.get("static/js/plotly-locale-zh-cn.js")
    if locale is not None:
        files["static/js/plotly-locale-zh-hant.js"] = to_traditional(locale.decode("utf-8")).encode("utf-8")
    warnings = sorted(gathered.translator.missing)
    gaps = corpus_gaps(gathered.corpus)
    if strict and (warnings or gaps):
        raise BuildError([ContentError(w, "missing translation (--strict)",
                                       hint="add the key to templates/i18n/<lang>.yaml") for w in warnings]
                         + [ContentError(g.where, f"{g.kind}: {g.message} (--strict)",
                                         hint="`build.py check` lists what the annotations still lack")
                            for g in gaps])
    warnings += [f"ANNOTATION|{g.kind}|{g.where}|{g.message}" for g in gaps]
    write_atomic(files, out)
    return BuildResult(out, len(files), len(renderer.page_paths), warnings)
