"""The vendored plotly.js: the basic partial bundle (scatter, bar, pie) at the plotly.js
version plotly.py ships, checked against edplans/vendor/README.md, keyed on its bytes, and
served by a built site where its pages' data-plotly points, in place of the full bundle."""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest

from edplans.build import site_jobs
from edplans.render.site import PLOTLY_JS_VERSION, plotly_path, plotly_source

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "edplans" / "vendor"
README = (VENDOR / "README.md").read_text(encoding="utf-8")
BASIC_TRACES = {"scatter", "bar", "pie"}


def test_the_version_is_one_constant_everywhere():
    from plotly.offline import get_plotlyjs_version
    assert PLOTLY_JS_VERSION == get_plotlyjs_version(), "the bundle must match the plotly.js plotly.py ships"
    assert [p.name for p in VENDOR.glob("plotly-basic-*.min.js")] == [f"plotly-basic-{PLOTLY_JS_VERSION}.min.js"]
    assert plotly_source() == VENDOR / f"plotly-basic-{PLOTLY_JS_VERSION}.min.js"
    assert plotly_path() == f"static/vendor/plotly-basic-{PLOTLY_JS_VERSION}.min.js"
    assert f"`plotly.js-basic-dist-min`, version `{PLOTLY_JS_VERSION}`" in README


def test_the_file_is_the_one_the_readme_names():
    (readme_sum,) = re.findall(r"sha256: `([0-9a-f]{64})`", README)
    assert hashlib.sha256(plotly_source().read_bytes()).hexdigest() == readme_sum
    assert (VENDOR / "plotly.js-LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_it_is_the_light_basic_bundle_with_its_licence_header():
    data = plotly_source().read_bytes()
    assert len(data) < 1_500_000, len(data)
    header = data[:300].decode("ascii")
    assert f"plotly.js (basic - minified) v{PLOTLY_JS_VERSION}" in header
    assert "Licensed under the MIT license" in header
    traces = set(re.findall(rb'moduleType:"trace",name:"(\w+)"', data))
    assert {t.decode() for t in traces} == BASIC_TRACES


def test_the_plotly_job_key_follows_the_bundles_bytes(tmp_path, monkeypatch):
    """A bundle replaced under the same name is a new job key: the next build serves it."""
    before = site_jobs._plotly_job()
    replaced = tmp_path / "plotly.js"
    replaced.write_bytes(plotly_source().read_bytes() + b"\n")
    monkeypatch.setattr(site_jobs, "plotly_source", lambda: replaced)
    after = site_jobs._plotly_job()
    assert before.key != after.key
    assert after.render()[0] == {plotly_path(): replaced.read_bytes()}


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return Path(built_site.out)


def test_a_built_site_serves_the_bundle_its_pages_point_to(site):
    bundle = plotly_source().read_bytes()
    assert sorted(p.name for p in (site / "static/vendor").iterdir()) == [f"plotly-basic-{PLOTLY_JS_VERSION}.min.js"]
    assert not list(site.rglob("plotly-4*.min.js")) and not list(site.rglob("plotly.min.js"))
    pointed = set()
    for page in site.rglob("*.html"):
        for href in re.findall(r'data-plotly="([^"]+)"', page.read_text(encoding="utf-8")):
            target = (page.parent / html.unescape(href)).resolve()
            assert target.is_relative_to(site.resolve()), (page, href)
            pointed.add(target.relative_to(site.resolve()).as_posix())
    assert pointed == {plotly_path()}, "pages with charts point to the vendored bundle"
    assert (site / plotly_path()).read_bytes() == bundle


def test_every_chart_draws_with_the_basic_bundle(site):
    """plotly.js's basic bundle registers scatter, bar and pie: a figure of any other trace type
    would draw an empty plot."""
    figure = re.compile(r'<script type="application/json" id="chart-[a-z0-9-]+-figure">(.*?)</script>', re.S)
    types = {}
    for page in site.rglob("*.html"):
        for text in figure.findall(page.read_text(encoding="utf-8")):
            for trace in json.loads(text)["data"]:
                types.setdefault(trace.get("type", "scatter"), page.relative_to(site).as_posix())
    assert types and set(types) <= BASIC_TRACES, types
