"""The comparative pages and their data, read from the golden build of the real content:
every number a chart or table shows traces to data/targets.json or to the text, and no
template computes one."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from tests.site_data import documents_json, target_csv_rows, target_rows, with_texts
import yaml
from jinja2 import Environment, nodes

from edplans.model import Target
from edplans.render.analysis import compare_targets

ROOT = Path(__file__).resolve().parents[2]
FEATURED = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["featured_themes"]
THEMES = [t["id"] for t in yaml.safe_load((ROOT / "content/registry/themes.yaml").read_text(encoding="utf-8"))["themes"]]
LANGS = ("zh", "en", "zh-hant")
FIGURE_SCRIPT = re.compile(r'<script type="application/json" id="(chart-[a-z0-9-]+)-figure">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return Path(built_site.out)


@pytest.fixture(scope="module")
def targets(site) -> list[dict]:
    return target_rows(site)[0]


@pytest.fixture(scope="module")
def shares(site) -> dict[tuple[str, str], dict]:
    text = (site / "data/theme-shares.csv").read_text(encoding="utf-8-sig")
    return {(r["document"], r["theme"]): r for r in csv.DictReader(io.StringIO(text))}


def figures(page: Path) -> dict[str, dict]:
    """The Plotly figures embedded in a page, by chart id."""
    return {m.group(1): json.loads(m.group(2)) for m in FIGURE_SCRIPT.finditer(page.read_text(encoding="utf-8"))}


def points(figure: dict, rows: list[str] = ()):
    """(x, href) of every mark, trace by trace, in drawing order. A target's mark names its
    table row by number (`rows`: the rows' passage links, in the page's order)."""
    for trace in figure["data"]:
        for i, custom in enumerate(trace["customdata"]):
            x = trace["x"][i] + trace["base"][i] if "base" in trace else trace["x"][i]
            yield x, rows[custom] if isinstance(custom, int) else custom[0], trace


def row_links(page: Path, chart_id: str) -> list[str]:
    """The passage link of each row of a chart's table, by row number (its id says it)."""
    source = page.read_text(encoding="utf-8")
    rows = dict(re.findall(rf'<tr id="{chart_id}-t(\d+)">(.*?)</tr>', source, re.S))
    return [html.unescape(re.findall(r'<a href="([^"]+)"', rows[str(n)])[-1]) for n in range(len(rows))]


def table_rows(page: Path, chart_id: str) -> list[list[str]]:
    source = page.read_text(encoding="utf-8")
    figure_html = source[source.index(f'id="{chart_id}"'):]
    body = figure_html[figure_html.index("<tbody>"):figure_html.index("</tbody>")]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def href_target(href: str) -> tuple[str, str]:
    """'../../documents/<doc>/#p-1-2' -> (doc, passage)."""
    match = re.search(r"documents/([^/]+)/#(p-[\w-]+)$", href)
    assert match, href
    return match.group(1), match.group(2)


# --------------------------------------------------------------------------- pages

def test_every_theme_indicator_and_jurisdiction_has_a_page_in_every_language(site, targets):
    indicators = {row["indicator"] for row in targets}
    jurisdictions = {row["jurisdiction"] for row in targets}
    for lang in LANGS:
        for theme in THEMES:
            assert (site / lang / "themes" / theme / "index.html").is_file(), (lang, theme)
        for indicator in indicators:
            assert (site / lang / "indicators" / indicator / "index.html").is_file(), (lang, indicator)
        for jurisdiction in jurisdictions:
            assert (site / lang / "jurisdictions" / jurisdiction / "index.html").is_file(), (lang, jurisdiction)
        for name in ("themes", "indicators", "compare", "data"):
            assert (site / lang / name / "index.html").is_file(), (lang, name)


def test_featured_themes_come_first_on_the_themes_page(site):
    page = (site / "en/themes/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li class="theme-card[^"]*">\s*<a href="([\w-]+)/">', page)
    assert listed == FEATURED + [t for t in THEMES if t not in FEATURED]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", FEATURED)
def test_featured_theme_page_has_passages_side_by_side_by_subtopic(site, lang, theme):
    page = (site / lang / "themes" / theme / "index.html").read_text(encoding="utf-8")
    registry = next(t for t in yaml.safe_load((ROOT / "content/registry/themes.yaml").read_text(encoding="utf-8"))
                    ["themes"] if t["id"] == theme)
    groups = re.findall(r'<h3 id="sub-([\w-]+)">', page)
    assert groups and set(groups) <= {s["id"] for s in registry["subtopics"]} | {"other"}
    assert groups == sorted(groups, key=lambda g: [s["id"] for s in registry["subtopics"]].index(g)
                            if g != "other" else 99)
    # several jurisdictions per group, each a column with its passages linked to their places
    columns = re.findall(r'<div class="jurisdiction-column">', page)
    assert len(columns) >= 2 * len(groups)
    assert re.search(r'<footer><a href="\.\./\.\./documents/[\w-]+/#p-[\w-]+">', page)


# --------------------------------------------------------------------------- charts trace to the data

def strip_groups(page: Path) -> list[tuple[str, str, list[str]]]:
    """(indicator href, group label, [targets.json ids]) of every strip group on a page."""
    source = page.read_text(encoding="utf-8")
    out = []
    for strip in re.findall(r'<div class="strip">(.*?)</ul>\s*(?:<p class="strip-more">.*?</p>\s*)?</div>\s*</div>',
                            source, re.S):
        href = re.search(r'class="strip-title"><a href="([^"]+)"', strip).group(1)
        for group in strip.split('<div class="strip-group"')[1:]:
            label = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<p class="basis">(.*?)</p>', group, re.S).group(1)))
            out.append((href, label.strip(), re.findall(r'data-target="([^"]+)"', group)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", FEATURED)
def test_theme_figures_table_is_exactly_the_themes_rows_of_targets_json(site, targets, lang, theme):
    page = site / lang / "themes" / theme / "index.html"
    source = page.read_text(encoding="utf-8")
    table = source[source.index('id="all-figures"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    mine = [row for row in targets if row["theme"] == theme]
    assert len(rows) == len(mine)
    # the last cell is the quote: on English pages the English first, then the Chinese original
    for cells in rows:
        assert any(cells[-1].endswith(row["quote"]) for row in mine), cells[-1]
        if lang == "en":
            assert any(cells[-1] == f"{row['description_en']} {row['quote']}" for row in mine), cells[-1]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", FEATURED)
def test_theme_strips_set_only_comparable_figures_together(site, targets, lang, theme):
    """Every group of a strip holds figures of one indicator and one comparable group, and
    says which; an indicator whose figures fall into several groups says they do not compare."""
    by_id = {row["id"]: row for row in targets}
    groups = strip_groups(site / lang / "themes" / theme / "index.html")
    assert any(row["theme"] == theme for row in targets), "a featured theme has figures"
    for href, label, ids in groups:
        rows = [by_id[i] for i in ids]
        assert rows and len({r["indicator"] for r in rows}) == 1 and len({r["comparable_group"] for r in rows}) == 1
        period = rows[0]["period"]
        words = {"year": ("One year's", "单一年度"), "plan-total": ("Plan-period totals", "规划期合计"),
                 "per-year": ("Amounts a year", "每年"), "level": ("Levels to reach", "要达到的水平")}[period]
        assert words[0 if lang == "en" else 1] in label, (label, period)
        assert href.rstrip("/").endswith(rows[0]["indicator"])
    # the strips are the theme's indicators that two or more documents give figures for
    documents: dict[str, set] = {}
    for row in targets:
        if row["theme"] == theme:
            documents.setdefault(row["indicator"], set()).add(row["document"])
    shared = {i for i, docs in documents.items() if len(docs) > 1}
    shown = {href.rstrip("/").rsplit("/", 1)[-1] for href, _, _ in groups}
    assert shown == shared or (len(shown) == 12 and shown < shared), (shown, shared)
    for indicator in shown:
        labels = [label for href, label, _ in groups if href.rstrip("/").endswith("/" + indicator)]
        comparable = {r["comparable_group"] for r in targets if r["indicator"] == indicator}
        assert len(labels) == len(comparable), indicator


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_chart_values_are_the_annotated_values(site, targets, lang):
    """Every figure with a known value is a mark on its indicator page, in the chart of its
    comparable group, and each chart holds one group only, named in its title."""
    by_indicator: dict[str, list[dict]] = {}
    for row in targets:
        by_indicator.setdefault(row["indicator"], []).append(row)
    by_place = {}
    for row in targets:
        by_place.setdefault((row["document"], row["passage"]), []).append(row)
    checked = 0
    for indicator, rows in by_indicator.items():
        page = site / lang / "indicators" / indicator / "index.html"
        charts = figures(page)
        drawn = []
        for chart_id, figure in charts.items():
            assert chart_id.startswith("chart-indicator")
            groups = set()
            for x, href, trace in points(figure, row_links(page, chart_id)):
                doc, passage = href_target(href)
                drawn.append((doc, passage, x))
                groups |= {r["comparable_group"] for r in by_place[(doc, passage)] if r["indicator"] == indicator}
            assert len(groups) == 1, (indicator, chart_id, groups)
        assert len(charts) == len({r["comparable_group"] for r in rows}), indicator
        expected = []
        for row in rows:
            if row["value_unknown"]:
                continue
            if row["value"] is not None:
                x = row["value"]
            elif row["min"] is not None and row["max"] is not None:
                x = row["max"]          # a range bar ends at its max (base = min)
            else:
                x = row["min"] if row["min"] is not None else row["max"]
            expected.append((row["document"], row["passage"], x))
        assert sorted(drawn) == sorted(expected), indicator
        checked += 1
    assert checked == len(by_indicator)


@pytest.mark.parametrize("theme", FEATURED)
def test_share_chart_and_count_chart_trace_to_the_data_files(site, targets, shares, theme):
    page = site / "en" / "themes" / theme / "index.html"
    charts = figures(page)
    share_bars = charts["chart-shares"]["data"][0]
    docs = [href.rstrip("/").rsplit("/", 1)[-1] for href, _ in share_bars["customdata"]]
    excerpts = {d["id"] for d in documents_json(site) if d["type"] == "plan-excerpt"}
    assert excerpts, "the corpus has an excerpt, left out of the shares chart"
    assert sorted(docs) == sorted({d for d, _ in shares} - excerpts)
    assert "Excerpts are left out (1)" in page.read_text(encoding="utf-8")
    for doc, value in zip(docs, share_bars["x"]):
        assert f"{value:.1f}" == shares[(doc, theme)]["percent"]
    counted: dict[str, int] = {}
    for trace in charts["chart-counts"]["data"]:
        for (href,), count in zip(trace["customdata"], trace["x"]):
            jurisdiction = re.search(r"jurisdictions/([\w-]+)/#targets$", href).group(1)
            counted[jurisdiction] = counted.get(jurisdiction, 0) + count
    expected: dict[str, int] = {}
    for row in targets:
        if row["theme"] == theme:
            expected[row["jurisdiction"]] = expected.get(row["jurisdiction"], 0) + 1
    assert counted == expected


def test_theme_shares_count_every_character_once(site, shares):
    """A passage's characters are split among its themes: a document's shares add up to its
    text (every passage is tagged), and the document JSON repeats the same percentages."""
    for doc in map(lambda d: with_texts(site, d), documents_json(site)):
        rows = [r for (d, _), r in shares.items() if d == doc["id"]]
        total = int(rows[0]["total_characters"])
        assert total == sum(len(p["zh"]) for p in doc["passages"])
        assert abs(sum(float(r["characters"]) for r in rows) - total) < 0.05 * len(rows)
        assert {t: f"{v:.1f}" for t, v in doc["theme_shares"].items()} == {r["theme"]: r["percent"] for r in rows}


# --------------------------------------------------------------------------- data files

def test_document_json_has_every_passage_and_its_targets(site, targets):
    for doc in map(lambda d: with_texts(site, d), documents_json(site)):
        page = (site / "zh" / "documents" / doc["id"] / "index.html").read_text(encoding="utf-8")
        on_page = re.findall(r'<div class="passage" id="(p-[\w-]+)">', page)
        assert [p["id"] for p in doc["passages"]] == on_page
        assert sorted(doc["targets"], key=lambda r: r["id"]) == sorted(
            (row for row in targets if row["document"] == doc["id"]), key=lambda r: r["id"])
        for passage in doc["passages"]:
            assert passage["zh"] and passage["zh_hant"] and len(passage["zh_hant"]) == len(passage["zh"])
        for lang, page_path in doc["pages"].items():
            assert (site / page_path / "index.html").is_file(), (lang, page_path)


def test_data_page_documents_every_column(site):
    targets_header = list(target_csv_rows(site)[0])
    shares_header = (site / "data/theme-shares.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    doc = documents_json(site)[0]
    for lang in ("zh", "en"):
        page = (site / lang / "data" / "index.html").read_text(encoding="utf-8")
        documented = {name for table in re.findall(r'<table class="data-table columns-table" id="([\w-]+)">(.*?)</table>',
                                                    page, re.S)
                      for name in re.findall(r"<code>([^<]+)</code>", table[1])}
        names = {n.strip() for entry in documented for n in entry.split(",")}
        assert set(targets_header) <= names
        assert set(shares_header) <= names
        assert set(doc) <= names, set(doc) - names
        for name in ("edplans-dataset.jsonl.gz", "theme-shares.csv"):
            assert f'href="../../data/{name}"' in page


def test_every_chart_links_its_data_and_the_column_guide(site):
    for lang in ("zh", "en"):
        for theme in FEATURED:
            page = (site / lang / "themes" / theme / "index.html").read_text(encoding="utf-8")
            for figure in re.findall(r'<figure class="chart.*?</figure>', page, re.S):
                links = re.findall(r'<a href="\.\./\.\./\.\./(data/[\w./-]+\.(?:csv|json)(?:\.gz)?)" download>', figure)
                assert links and all((site / link).is_file() for link in links), links
                assert 'href="../../data/"' in figure


# --------------------------------------------------------------------------- plotly.js

def test_plotly_is_served_from_the_site_and_only_where_there_are_charts(site):
    from edplans.render.site import plotly_source
    bundle = plotly_source()     # the vendored basic bundle (edplans/vendor), not plotly.py's full one
    served = list((site / "static/vendor").glob("plotly-*.min.js"))
    assert len(served) == 1 and served[0].read_bytes() == bundle.read_bytes()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), page
        # every figure (a plot, or a table drawn as a heat map) has charts.js for its "these rows" download
        has_charts = '<figure class="chart chart-' in text
        assert ("js/charts.js" in text) == has_charts, page
        # plotly.js itself is never in the page: charts.js fetches it when a chart nears the viewport
        assert '<script src="../../../static/vendor/' not in text and 'src="../static/vendor/' not in text


def test_chinese_pages_get_plotlys_chinese_interface(site):
    zh = (site / "zh/themes/digitalisation/index.html").read_text(encoding="utf-8")
    hant = (site / "zh-hant/themes/digitalisation/index.html").read_text(encoding="utf-8")
    en = (site / "en/themes/digitalisation/index.html").read_text(encoding="utf-8")
    assert "plotly-locale-zh-cn.js" in zh and "plotly-locale-zh-hant.js" in hant and "plotly-locale" not in en
    assert '"locale": "zh-CN"' in zh and '"locale": "en"' in en
    assert "重置坐标轴" in (site / "static/js/plotly-locale-zh-cn.js").read_text(encoding="utf-8")
    assert "重置座標軸" in (site / "static/js/plotly-locale-zh-hant.js").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- change over time

def _target(indicator: str, value=None, low=None, high=None, comparator="=", period="year", summed=False,
            unknown=False) -> Target:
    return Target(id="t", document="d", passage="p-1", start=0, end=1, quote="q", indicator=indicator,
                  value=value, min=low, max=high, comparator=comparator, year=2024, kind="target",
                  jurisdiction="j", description="", period=period, summed=summed, unknown=unknown)


def test_change_kinds_compare_like_with_like():
    before = (_target("same", 5), _target("up", 5), _target("down", 5), _target("wider", low=2, high=3),
              _target("gone", 1), _target("parts", 10, summed=True), _target("parts", 8, summed=True),
              _target("floor", 1, comparator="≥"), _target("lost", 15), _target("kind", 2, period="year"))
    after = (_target("same", 5), _target("up", 7), _target("down", 3), _target("wider", low=1, high=5),
             _target("fresh", 1), _target("parts", 20), _target("floor", low=1, high=2),
             _target("lost", unknown=True), _target("kind", 30, period="plan-total"))
    order = ["same", "up", "down", "wider", "gone", "fresh", "parts", "floor", "lost", "kind"]
    changes = {c.indicator: c for c in compare_targets(before, after, order, lambda t: t.period)}
    assert {i: c.kind for i, c in changes.items()} == {
        "same": "carried", "up": "raised", "down": "lowered", "wider": "changed", "gone": "dropped",
        "fresh": "new",
        "parts": "raised",      # 10 + 8 = 18 against 20, not 8–10 against 20 nor "dropped" and "new"
        "floor": "changed",     # "at least 1" against "1 to 2" is not a rise
        "lost": "unknown",      # a figure lost in the source is not a drop
        "kind": "apart"}        # a year's 2 beside a five-year 30: not compared
    assert changes["kind"].bases == ("year", "plan-total")


def test_changzhou_page_compares_2019_with_2024(site, targets):
    page = (site / "en/jurisdictions/changzhou/index.html").read_text(encoding="utf-8")
    assert "From Changzhou 2019 to Changzhou 2024" in page
    body = page[page.index('class="data-table sortable changes-table"'):]
    body = body[:body.index("</table>")]
    rows = re.findall(r'<tr class="change-(\w+)"', body)
    own = lambda doc: {r["indicator"] for r in targets if r["document"] == doc and r["jurisdiction"] == "changzhou"}  # noqa: E731
    before, after = own("changzhou-2019-work-points"), own("changzhou-2024-work-points")
    assert rows.count("new") == len(after - before)
    assert rows.count("dropped") == len(before - after)
    assert len(rows) == len(before | after)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    text = re.sub(r"\s+", " ", text)
    # the provincial and municipal quality kindergartens of 2019 add up, and rose
    assert "Raised New provincial and municipal high-quality kindergartens 10 + 8 = 18 kindergartens 20 kindergartens" in text
    # a figure the source lost is not a drop; "at least 1" against "1 to 2" is not a rise
    assert "Figure unknown New quality schools 15 schools figure unknown (lost in the source)" in text
    assert "Changed Sports skills mastered per student ≥1 skill 1–2 skills" in text
    # every pair set apart says why, where the reader sees it
    for row in re.findall(r'<tr class="change-apart".*?</tr>', body, re.S):
        assert 'class="change-note">Not compared: ' in row


# --------------------------------------------------------------------------- templates only lay out

ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Neg)
COUNTING_FILTERS = {"length", "count", "sum", "min", "max", "round", "int", "float", "abs", "wordcount",
                    "filesizeformat", "format"}


def computations(source: str) -> list[str]:
    tree = Environment().parse(source)
    found = [f"{type(n).__name__} on line {n.lineno}" for n in tree.find_all(ARITHMETIC)]
    found += [f"|{n.name} on line {n.lineno}" for n in tree.find_all((nodes.Filter, nodes.Test))
              if n.name in COUNTING_FILTERS]
    return found


def test_the_checker_finds_a_computation():
    assert computations("{{ rows|length }} {{ a + 1 }} {{ [x, 6]|min }}") == \
        ["Add on line 1", "|length on line 1", "|min on line 1"]


def test_no_template_computes_a_figure():
    """Counts, shares, sums and heading levels come from the views; templates lay out."""
    problems = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".xml"):
            problems += [f"{path.relative_to(ROOT)}: {c}" for c in computations(path.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)
