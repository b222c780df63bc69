"""The comparative pages on a 390-pixel phone (is_mobile, touch), in Chinese and English: the
page never scrolls sideways, no two labels or headers of a chart or table sit on top of each
other, a tap on a mark shows the sentence it quotes with a link to its passage, and a phone
never downloads plotly.js (its charts are drawn in HTML)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from tests.site_data import target_rows

from .conftest import assert_no_broken_requests, assert_only_local_requests

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FEATURED = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["featured_themes"]
LOCALES = {"zh": "zh-CN", "en": "en-US"}
PAGES = {
    "theme": f"/{{lang}}/themes/{FEATURED[0]}/",
    "indicator": "/{lang}/indicators/new-school-places/",
    "jurisdiction": "/{lang}/jurisdictions/changzhou/",
    "compare": "/{lang}/compare/",
    "home": "/{lang}/",
}

# Boxes of every label and header that charts and tables show, grouped by the chart (or
# table) they belong to: two boxes of one group must not overlap.
LABEL_BOXES = """() => {
  const groups = [];
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? r : null; };
  const take = (root, selector) => Array.from(root.querySelectorAll(selector)).map(el => {
    const r = visible(el);
    return r && {text: el.textContent.trim().slice(0, 40), x: r.left, y: r.top, w: r.width, h: r.height};
  }).filter(Boolean);
  document.querySelectorAll('figure.chart, .strip, table.changes-table, .compare-row, .home-links').forEach(root => {
    groups.push({id: root.id || root.className,
                 boxes: take(root, '.chart-title, .basis, .strip-title, .who, .fig, .rows-legend li, th, h2, h3, .home-links a')});
  });
  return groups;
}"""


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x"] < b["x"] + b["w"] - 1 and b["x"] < a["x"] + a["w"] - 1
                    and a["y"] < b["y"] + b["h"] - 1 and b["y"] < a["y"] + a["h"] - 1):
                # a box inside another is a label inside its header (an <a> in an <h3>), not a clash
                inside = lambda p, q: p["x"] >= q["x"] - 1 and p["y"] >= q["y"] - 1 and \
                    p["x"] + p["w"] <= q["x"] + q["w"] + 1 and p["y"] + p["h"] <= q["y"] + q["h"] + 1  # noqa: E731
                if not (inside(a, b) or inside(b, a)):
                    found.append((a["text"], b["text"]))
    return found


def _open(open_page, site_server, lang: str, kind: str):
    p = open_page("phone", LOCALES[lang])
    p.page.goto(site_server.url(PAGES[kind].format(lang=lang)))
    p.page.wait_for_load_state("networkidle")
    return p


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_a_phone_page_fits_and_no_labels_overlap(open_page, site_server, lang, kind):
    p = _open(open_page, site_server, lang, kind)
    page = p.page
    # scrolled to the end: lazy parts (the targets browser) have drawn what they draw
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
    groups = page.evaluate(LABEL_BOXES)
    assert groups, "the page has charts or tables to check"
    for group in groups:
        assert not _overlaps(group["boxes"]), (group["id"], _overlaps(group["boxes"])[:5])
    assert not [url for url in p.log.requests if "/static/vendor/plotly-" in url], "a phone loads no plotly.js"
    assert_only_local_requests(p.log, site_server)
    assert_no_broken_requests(p.log)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["theme", "indicator", "home"])
def test_a_tap_on_a_mark_shows_its_quote_and_its_passage(open_page, site_server, lang, kind):
    p = _open(open_page, site_server, lang, kind)
    page = p.page
    mark = page.locator(".chart-indicator .mark-row > summary, .strip .mark-row > summary").first
    mark.scroll_into_view_if_needed()
    row = mark.locator("xpath=..")
    quote = row.locator(".mark-quote q")
    expect(quote).to_be_hidden()
    mark.tap()
    expect(quote).to_be_visible()
    key = row.get_attribute("data-target")
    rows = {t["id"]: t for t in target_rows(site_server.root)[0]}
    if key:                                   # strips name their target
        assert quote.text_content() == rows[key]["quote"]
    else:                                     # an indicator chart's row: one of the indicator's targets
        assert quote.text_content() in {t["quote"] for t in rows.values() if t["indicator"] == "new-school-places"}
    if lang == "en":
        expect(row.locator(".mark-quote p")).not_to_be_empty()
    link = row.locator(".mark-quote a")
    expect(link).to_be_visible()
    # the passage lists the figure: in Chinese on a Chinese page, in English on an English one
    said = quote.text_content() if lang != "en" else row.locator(".mark-quote p").text_content()
    expected = urljoin(page.url, link.get_attribute("href"))
    link.tap()
    expect(page).to_have_url(expected)
    passage = expected.split("#")[1]
    landing = page.locator(f"[id='{passage}']")
    expect(landing).to_be_in_viewport()
    expect(landing).to_contain_text(said)
    assert_no_broken_requests(p.log)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_script_a_tapped_row_leads_to_its_sentence_in_the_table(open_page, site_server, lang):
    """An indicator chart's phone row carries no copy of its quote: without script, opened, it
    links to its row of the chart's table, which quotes the sentence and links the passage."""
    p = open_page("phone", LOCALES[lang], javascript=False)
    page = p.page
    page.goto(site_server.url(PAGES["indicator"].format(lang=lang)))
    rows = page.locator("#chart-indicator .chart-rows .mark-row")
    quotes = {t["quote"] for t in target_rows(site_server.root)[0] if t["indicator"] == "new-school-places"}
    assert rows.count() > 1
    row = rows.nth(1)
    row.locator("summary").tap()
    lead = row.locator(":scope > a[href^='#']")
    expect(lead).to_be_visible()
    lead.tap()
    target = page.locator(f"[id='{lead.get_attribute('href')[1:]}']")
    expect(target).to_be_in_viewport()
    cell = target.locator("td").last
    said = cell.locator(".cell-zh") if lang == "en" else cell.locator("a")
    assert said.text_content() in quotes
    # the row and the phone row speak of the same plan
    expect(target.locator("td").nth(1)).to_have_text(row.locator(".who").text_content())
    assert_no_broken_requests(p.log)


def test_a_phone_rows_mark_sits_at_its_figure_on_the_track(open_page, site_server):
    """On a phone each single figure's mark is drawn on its row's track (by CSS, from the row's
    --at), in proportion to its figure (the track ends at the chart's largest figure)."""
    p = _open(open_page, site_server, "en", "indicator")
    marks = p.page.evaluate("""() => Array.from(document.querySelectorAll('#chart-indicator .mark-row .track.at'), t => {
      const mark = getComputedStyle(t, '::after');
      return {left: parseFloat(mark.left), size: parseFloat(mark.width), colour: mark.backgroundColor,
              track: t.getBoundingClientRect().width, fig: t.closest('.mark-row').querySelector('.fig').textContent};
    })""")
    assert len(marks) > 1
    values = [float(re.search(r"[\d,.]+", m["fig"]).group().replace(",", "")) for m in marks]
    largest = max(range(len(values)), key=values.__getitem__)
    assert 0 < marks[largest]["left"] <= marks[largest]["track"] + 0.5
    assert len(set(values)) > 1, "the page's chart has figures of different sizes"
    for mark, value in zip(marks, values):
        assert mark["size"] == 12 and mark["colour"] != "rgba(0, 0, 0, 0)", mark
        assert abs(mark["left"] - marks[largest]["left"] * value / values[largest]) < 1, (mark, value)
