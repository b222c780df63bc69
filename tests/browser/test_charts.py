"""Charts and the compare page in a real Chromium: every chart draws one mark per table row,
its marks lead to the passages they quote, plotly.js is fetched (from this site) only where a
chart is about to be seen, and the compare page swaps a document in without reloading."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.site_data import document_json as read_document_json, target_rows, with_texts
import yaml
from playwright.sync_api import expect

from edplans.ingest.script import to_traditional

from .conftest import assert_no_broken_requests, assert_only_local_requests

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FEATURED = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["featured_themes"]
LOCALES = {"zh": "zh-CN", "en": "en-US", "zh-hant": "zh-TW"}
FIGURE_HEADER = {"zh": "数字", "en": "Figure"}
NORTHERN = "northern-city-14th-five-year-excerpt"
LAZY_PAGE = "/en/themes/teacher-development/"   # in a short window its charts sit below the fold

# Everything the page says about its charts, read in one go once they are drawn.
CHARTS_STATE = """() => Array.from(document.querySelectorAll('.chart-plot')).map(el => {
  const figure = el.closest('figure.chart');
  const table = figure.querySelector('.table-scroll table.data-table');
  return {
    id: figure.id,
    state: el.getAttribute('data-state'),
    marks: Number(el.getAttribute('data-marks')),
    svg: !!el.querySelector('svg.main-svg'),
    points: el.querySelectorAll('.point').length,
    rows: table.tBodies[0].rows.length,
    // a bar's customdata starts with its link; a target's mark's with its table row's number
    hrefs: (el.data || []).flatMap(trace => (trace.customdata || []).map(c => typeof c[0] !== 'number' ? c[0] :
      Array.from(document.getElementById(figure.id + '-t' + c[0]).cells).pop().querySelector('a').getAttribute('href'))),
    quoteHrefs: Array.from(table.tBodies[0].rows, row => row.cells[row.cells.length - 1].querySelector('a'))
      .map(a => a ? a.getAttribute('href') : null),
    quotes: Array.from(table.tBodies[0].rows, row => row.cells[row.cells.length - 1].textContent.trim()),
    locale: el._context && el._context.locale,
  };
})"""

# A marker of the targets chart whose centre is clear of every other marker (so the mark under
# the mouse is the one Plotly picks), with the table row it stands for (its customdata starts
# with that row's number): the row's plan (document cell) and its passage link.
PICK_POINT = """el => {
  const points = Array.from(el.querySelectorAll('.point'));
  const centres = points.map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  const k = centres.findIndex((c, i) => centres.every((o, j) => j === i || Math.hypot(o[0] - c[0], o[1] - c[1]) > 30));
  const point = points[k];
  const trace = point.closest('.trace').__data__[0].trace.index;
  const row = document.getElementById(el.closest('figure').id + '-t' + el.data[trace].customdata[point.__data__.i][0]);
  return {k: k, plan: row.cells[1].textContent.trim(),
          href: Array.from(row.cells).pop().querySelector('a').getAttribute('href')};
}"""


@lru_cache(maxsize=None)
def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def targets(site_server) -> list[dict]:
    return target_rows(site_server.root)[0]


def document_json(site_server, doc_id: str) -> dict:
    return with_texts(site_server.root, read_document_json(site_server.root, doc_id))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def href_key(href: str) -> tuple[str, str]:
    """`../../documents/<doc>/#<passage>` -> (doc, passage)."""
    match = re.search(r"documents/([^/]+)/#(.+)$", href)
    assert match, f"not a passage link: {href}"
    return match.group(1), match.group(2)


def quote_of(site_server, href: str, shown: str) -> str:
    """The targets.json quote a mark's hover label shows (the passage may hold several targets)."""
    doc, passage = href_key(href)
    quotes = [t["quote"] for t in targets(site_server)
              if t["document"] == doc and t["passage"] == passage and squeeze(t["quote"]) in shown]
    assert quotes, f"the hover of the mark linked to {href} quotes no target of that passage: {shown}"
    return max(quotes, key=len)


def draw_every_chart(page) -> None:
    """Scroll to each chart in turn, as a reader does, until all of them are drawn."""
    plots = page.locator(".chart-plot")
    assert plots.count(), "the page has no chart"
    for i in range(plots.count()):
        plots.nth(i).scroll_into_view_if_needed()
        expect(plots.nth(i)).to_have_attribute("data-state", "drawn")


def open_theme(open_page, site_server, lang: str, theme: str):
    p = open_page("desktop", LOCALES[lang])
    p.page.goto(site_server.url(f"/{lang}/themes/{theme}/"))
    draw_every_chart(p.page)
    return p


# --------------------------------------------------------------------------- 1. marks = rows


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", FEATURED)
def test_every_chart_draws_one_mark_per_table_row(open_page, site_server, theme, lang):
    """Scrolled through on a desktop, a featured theme's charts are drawn, each with as many
    marks as its table has rows, and replace their phone view; Chinese pages draw them in
    Plotly's Chinese locale, the English page in Plotly's English."""
    p = open_theme(open_page, site_server, lang, theme)
    charts = {c["id"]: c for c in p.page.evaluate(CHARTS_STATE)}
    assert set(charts) == {"chart-shares", "chart-counts"}
    for chart in charts.values():
        assert chart["state"] == "drawn" and chart["svg"], chart["id"]
        assert chart["points"] == chart["rows"] == chart["marks"] > 0, (
            f"{chart['id']}: {chart['points']} marks drawn, {chart['rows']} table rows, data-marks={chart['marks']}")
        assert chart["locale"] == ("en" if lang == "en" else "zh-CN"), chart["id"]
        expect(p.page.locator(f"#{chart['id']} .chart-rows")).to_be_hidden()
    assert_plotly_speaks(p.page.locator("#chart-counts .chart-plot"), lang)
    assert_no_broken_requests(p.log)


INDICATORS = ("new-school-places", "dual-qualified-teacher-share", "special-grade-teachers-added")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("indicator", INDICATORS)
def test_an_indicators_charts_draw_its_figures_one_comparable_group_each(open_page, site_server, indicator, lang):
    """Every figure of the indicator is a mark linked to its passage, in the chart of its
    comparable group; the marks and the table rows link the same passages."""
    p = open_page("desktop", LOCALES[lang])
    p.page.goto(site_server.url(f"/{lang}/indicators/{indicator}/"))
    draw_every_chart(p.page)
    charts = p.page.evaluate(CHARTS_STATE)
    rows = [t for t in targets(site_server) if t["indicator"] == indicator]
    assert len(charts) == len({t["comparable_group"] for t in rows})
    drawn = []
    for chart in charts:
        assert chart["state"] == "drawn" and chart["points"] == chart["rows"] == chart["marks"] > 0, chart["id"]
        assert Counter(chart["hrefs"]) == Counter(chart["quoteHrefs"]), chart["id"]
        keys = [href_key(h) for h in chart["hrefs"]]
        groups = {t["comparable_group"] for t in rows if (t["document"], t["passage"]) in keys}
        assert len(groups) == 1, (chart["id"], groups)
        drawn += keys
    assert Counter(drawn) == Counter((t["document"], t["passage"]) for t in rows)
    assert_no_broken_requests(p.log)


def assert_plotly_speaks(plot, lang: str) -> None:
    """Plotly's own words (mode-bar titles) in the chart's locale: Chinese on Chinese pages.

    The site turns the mode bar off; a throw-away plot with it on, in the chart's locale,
    shows what the registered dictionary gives Plotly."""
    titles = plot.evaluate("""el => {
      const probe = document.createElement('div');
      document.body.appendChild(probe);
      return Plotly.newPlot(probe, [{type: 'scatter', x: [1], y: [1]}], {},
                            {locale: el._context.locale, displayModeBar: true}).then(() => {
        const titles = Array.from(probe.querySelectorAll('.modebar-btn'), b => b.getAttribute('data-title'));
        Plotly.purge(probe); probe.remove();
        return titles;
      });
    }""")
    zoom = {"zh": "缩放", "zh-hant": "縮放", "en": "Zoom"}[lang]
    assert zoom in titles, titles
    if lang != "en":
        assert "Zoom" not in titles, titles


# --------------------------------------------------------------------------- 2./3. a mark


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_marks_hover_quotes_its_sentence_and_a_click_shows_it_with_its_link(open_page, site_server, lang):
    """Hovering a target's mark shows its plan and the plan's own sentence; a click shows the
    sentence under the chart with a link, which opens the document at that passage."""
    p = open_page("desktop", LOCALES[lang])
    page = p.page
    page.goto(site_server.url(f"/{lang}/indicators/{INDICATORS[0]}/"))
    draw_every_chart(page)
    plot = page.locator("#chart-indicator .chart-plot")
    picked = plot.evaluate(PICK_POINT)
    assert picked["k"] >= 0, "every mark of the chart overlaps another"
    mark = plot.locator(".point").nth(picked["k"])
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    page.mouse.move(*centre)
    label = plot.locator(".hoverlayer .hovertext")
    expect(label).to_have_count(1)
    shown = squeeze(label.text_content())
    quote = quote_of(site_server, picked["href"], shown)       # the sentence of the mark's passage
    assert squeeze(picked["plan"]) in shown, f"{picked['plan']!r} not in the hover label {shown!r}"

    indicator_url = page.url
    page.mouse.click(*centre)
    panel = page.locator("#chart-indicator .chart-pick")
    expect(panel).to_be_visible()
    expect(panel.locator(".pick-quote")).to_have_text(quote)
    assert page.url == indicator_url, "a click shows the quote; it does not leave the page"
    panel.locator("a.pick-open").click()
    expected = urljoin(indicator_url, picked["href"])
    doc, passage = href_key(picked["href"])
    assert expected == site_server.url(f"/{lang}/documents/{doc}/#{passage}")
    expect(page).to_have_url(expected)
    landing = page.locator(f"[id='{passage}']")
    expect(landing).to_have_count(1)
    expect(landing).to_contain_text(quote)
    expect(landing).to_be_in_viewport()
    assert_no_broken_requests(p.log)


# --------------------------------------------------------------------------- 4. plotly.js, lazily


def _plotly_requests(log) -> list[str]:
    return [url for url in log.requests if "/static/vendor/plotly-" in url]


def test_pages_without_charts_never_fetch_plotly(open_page, site_server):
    """A document and the glossary, read to the end, never ask for plotly.js (or charts.js)."""
    p = open_page("desktop", "en-US")
    doc = targets(site_server)[0]["document"]
    for path in (f"/en/documents/{doc}/", "/en/glossary/", f"/zh/documents/{doc}/"):
        p.page.goto(site_server.url(path))
        p.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        p.page.wait_for_load_state("networkidle")
    assert not _plotly_requests(p.log)
    assert not [url for url in p.log.requests if "charts.js" in url or "plotly-locale" in url]
    assert_only_local_requests(p.log, site_server)
    assert_no_broken_requests(p.log)


def test_plotly_is_fetched_from_the_site_when_a_chart_nears_the_viewport(open_page, site_server):
    """An indicator page (chart near the top) fetches plotly.js from this site at once; a
    theme page whose charts are far below waits until the reader scrolls towards them."""
    p = open_page("desktop", "en-US")
    page = p.page
    indicator = targets(site_server)[0]["indicator"]
    page.goto(site_server.url(f"/en/indicators/{indicator}/"))
    expect(page.locator("#chart-indicator .chart-plot")).to_have_attribute("data-state", "drawn")
    assert len(_plotly_requests(p.log)) == 1
    assert all(site_server.is_local(url) for url in _plotly_requests(p.log))
    assert not [url for url in p.log.requests if "plotly-locale" in url], "an English page needs no locale"

    lazy = open_page("desktop", "en-US")
    page = lazy.page
    page.set_viewport_size({"width": 1280, "height": 120})     # a very short window: every chart starts out of reach
    page.goto(site_server.url(LAZY_PAGE))
    page.wait_for_load_state("networkidle")
    plot = page.locator(".chart-plot").first
    top = plot.evaluate("el => el.getBoundingClientRect().top")
    assert top > page.viewport_size["height"] + 400, f"the chart is {top}px down: it should start out of reach"
    assert not _plotly_requests(lazy.log), "plotly.js fetched before any chart came near"
    assert not plot.get_attribute("data-state")
    plot.scroll_into_view_if_needed()
    expect(plot).to_have_attribute("data-state", "drawn")
    assert len(_plotly_requests(lazy.log)) == 1
    for opened in (p, lazy):
        assert_only_local_requests(opened.log, site_server)
        assert_no_broken_requests(opened.log)


# --------------------------------------------------------------------------- 5. locale


def test_traditional_pages_draw_with_plotlys_chinese_locale(open_page, site_server):
    """The traditional-script edition's charts use its own (converted) Chinese locale."""
    p = open_page("desktop", LOCALES["zh-hant"])
    indicator = targets(site_server)[0]["indicator"]
    p.page.goto(site_server.url(f"/zh-hant/indicators/{indicator}/"))
    plot = p.page.locator("#chart-indicator .chart-plot")
    expect(plot).to_have_attribute("data-state", "drawn")
    assert plot.evaluate("el => el._context.locale") == "zh-CN"
    assert [url for url in p.log.requests if url.endswith("/plotly-locale-zh-hant.js")]
    assert_plotly_speaks(plot, "zh-hant")


# --------------------------------------------------------------------------- 6. sorting


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sorting_the_targets_table_by_figure(open_page, site_server, lang):
    """The theme's every-figure table's Figure header sorts the rows by number, up then down, and
    says so. Nothing needs plotly.js: withheld, the plots hide themselves, their HTML views stay
    and the table sorts."""
    p = open_page("desktop", LOCALES[lang])
    page = p.page
    # An empty plotly.js: the charts fail quietly instead of keeping the page busy drawing.
    page.route("**/static/vendor/plotly-*", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(site_server.url(f"/{lang}/themes/{FEATURED[0]}/"))
    plot = page.locator("#chart-counts .chart-plot")
    page.locator("#chart-counts").scroll_into_view_if_needed()
    expect(plot).to_have_attribute("data-state", "failed")
    expect(plot).to_be_hidden()
    expect(page.locator("#chart-counts .chart-rows")).to_be_visible()   # the HTML view stays
    table = page.locator("#all-figures ~ .table-scroll table.sortable")
    header = table.locator("thead th", has_text=FIGURE_HEADER[lang])
    expect(header).to_have_count(1)
    expect(header).to_have_class(re.compile(r"\bnum\b"))
    column = header.evaluate("th => th.cellIndex")
    before = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.innerText)")

    def keys() -> list[float]:
        return [float(k) for k in table.locator(f"tbody tr > :nth-child({column + 1})").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-sort'))")]

    button = header.get_by_role("button")
    button.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert keys() == sorted(keys()), "ascending by the number"
    button.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert keys() == sorted(keys(), reverse=True), "descending by the number"
    expect(table.locator("thead th[aria-sort]")).to_have_count(1)
    after = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.innerText)")
    assert Counter(after) == Counter(before), "sorting only reorders the rows"
    assert_no_broken_requests(p.log)


# --------------------------------------------------------------------------- 7. compare


CELLS = """() => Array.from(document.querySelectorAll('section.compare-row')).map(row => {
  const side = s => {
    const cell = row.querySelector('.compare-cell[data-side="' + s + '"]');
    return {
      document: cell.getAttribute('data-document'),
      title: cell.querySelector('.compare-cell-title a').textContent.trim(),
      titleHref: cell.querySelector('.compare-cell-title a').href,
      stats: cell.querySelector('.compare-stats').textContent.trim(),
      passages: Array.from(cell.querySelectorAll('ul.compare-passages li'), li => ({
        href: li.querySelector('a.passage-link').href,
        text: li.querySelector('span').textContent,
        lang: li.querySelector('span').getAttribute('lang'),
      })),
      none: !!cell.querySelector('p.none'),
    };
  };
  return {theme: row.getAttribute('data-theme'), a: side('a'), b: side('b')};
})"""

TEXT_KEY = {"zh": "zh", "en": "en", "zh-hant": "zh_hant"}
TEXT_LANG = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}


def assert_cells_show(site_server, rows, side: str, doc_id: str, lang: str, texts: bool = True) -> None:
    """Each theme's cell on `side` shows `doc_id`: its passages on that theme, in the page's
    language (the text compare.js takes from the document's JSON when `texts`)."""
    doc = document_json(site_server, doc_id)
    page = site_server.url(f"/{lang}/documents/{doc_id}/")
    assert rows, "the compare page has no theme rows"
    for row in rows:
        cell, theme = row[side], row["theme"]
        assert cell["document"] == doc_id, (theme, side)
        assert cell["titleHref"] == page
        wanted = [p for p in doc["passages"] if any(tag.split("/")[0] == theme for tag in p["themes"])]
        assert [x["href"] for x in cell["passages"]] == [f"{page}#{p['id']}" for p in wanted], (theme, side)
        if texts:
            assert [x["text"] for x in cell["passages"]] == [p[TEXT_KEY[lang]] for p in wanted], (theme, side)
        assert {x["lang"] for x in cell["passages"]} <= {TEXT_LANG[lang]}
        assert cell["none"] == (not wanted)
        count = sum(1 for t in doc["targets"] if t["theme"] == theme)
        assert f"{doc['theme_shares'][theme]:.1f}%" in cell["stats"] and str(count) in cell["stats"], cell["stats"]


@pytest.mark.parametrize("lang", ["en", "zh", "zh-hant"])
def test_compare_swaps_a_document_in_without_reloading(open_page, site_server, lang):
    """Picking another second document refills that column from its data, in the page's
    language, leaves the first alone, keeps the page, and puts the pair in the address."""
    p = open_page("desktop", LOCALES[lang])
    page = p.page
    page.goto(site_server.url(f"/{lang}/compare/"))
    a, b = page.locator("#compare-a").input_value(), page.locator("#compare-b").input_value()
    assert a != b and NORTHERN not in (a, b)
    before = page.evaluate(CELLS)
    # The pair the page was built with shows the same text as the JSON the swaps read.
    assert_cells_show(site_server, before, "a", a, lang)
    assert_cells_show(site_server, before, "b", b, lang)

    page.evaluate("window.__marker = 'still here'")
    page.locator("#compare-b").select_option(NORTHERN)
    expect(page.locator("body")).to_have_attribute("data-compared", f"{a} {NORTHERN}")
    after = page.evaluate(CELLS)
    assert_cells_show(site_server, after, "b", NORTHERN, lang)
    assert [r["a"] for r in after] == [r["a"] for r in before], "the first column is untouched"
    assert page.evaluate("window.__marker") == "still here", "the page was reloaded"
    assert urlsplit(page.url).fragment == f"a={a}&b={NORTHERN}"
    expect(page.locator('.compare-doc[data-side="b"]')).to_have_text(after[0]["b"]["title"])
    assert_no_broken_requests(p.log)


def test_a_shared_compare_address_opens_its_pair(open_page, site_server):
    """Opening /en/compare/#a=…&b=… shows that pair, chosen in both menus."""
    p = open_page("desktop", "en-US")
    page = p.page
    pair = (NORTHERN, "rudong-2021-2025-five-year-plan")
    page.goto(site_server.url(f"/en/compare/#a={pair[0]}&b={pair[1]}"))
    expect(page.locator("body")).to_have_attribute("data-compared", " ".join(pair))
    expect(page.locator("#compare-a")).to_have_value(pair[0])
    expect(page.locator("#compare-b")).to_have_value(pair[1])
    rows = page.evaluate(CELLS)
    assert_cells_show(site_server, rows, "a", pair[0], "en")
    assert_cells_show(site_server, rows, "b", pair[1], "en")
    assert_no_broken_requests(p.log)


def test_traditional_compare_text_does_not_change_when_a_document_is_picked_again(open_page, site_server):
    """On /zh-hant/compare/, picking another second document and then the first one again
    shows the same text as before, and the same text as the passage's own page."""
    p = open_page("desktop", LOCALES["zh-hant"])
    page = p.page
    page.goto(site_server.url("/zh-hant/compare/"))
    a, b = page.locator("#compare-a").input_value(), page.locator("#compare-b").input_value()
    if all(x["zh_hant"] == to_traditional(x["zh"]) for x in document_json(site_server, b)["passages"]):
        pytest.skip(f"{b} was not published in traditional script")

    def texts() -> list[list[str]]:
        return [[x["text"] for x in row["b"]["passages"]] for row in page.evaluate(CELLS)]

    built = texts()
    page.locator("#compare-b").select_option(a)
    expect(page.locator("body")).to_have_attribute("data-compared", f"{a} {a}")
    page.locator("#compare-b").select_option(b)
    expect(page.locator("body")).to_have_attribute("data-compared", f"{a} {b}")
    again = texts()
    first = page.locator('.compare-cell[data-side="b"] ul.compare-passages li').first
    href, shown = first.locator("a.passage-link").get_attribute("href"), first.locator("span").text_content()
    page.goto(urljoin(page.url, href))
    own = page.locator(f"[id='{urlsplit(page.url).fragment}'] .passage-text").text_content()
    assert (built == again, shown) == (True, own)


def test_following_a_compare_address_on_the_page_changes_the_pair(open_page, site_server):
    """A #a=…&b=… link followed on the compare page itself (or Back) shows that pair."""
    p = open_page("desktop", "en-US")
    page = p.page
    page.goto(site_server.url("/en/compare/"))
    first = page.locator("body").get_attribute("data-compared")
    assert first == f'{page.locator("#compare-a").input_value()} {page.locator("#compare-b").input_value()}'
    pair = ("rudong-2021-2025-five-year-plan", NORTHERN)
    page.evaluate(f"location.hash = 'a={pair[0]}&b={pair[1]}'")
    expect(page.locator("body")).to_have_attribute("data-compared", " ".join(pair))
    assert_cells_show(site_server, page.evaluate(CELLS), "a", pair[0], "en")
    page.go_back()
    expect(page.locator("body")).to_have_attribute("data-compared", first)
