"""Placeholder marks in a real Chromium: on the small project with an anonymised copy
(tests/build/test_placeholders.py), every edition's document page passes axe-core with the marks
on it, the English page's Chinese column (copied from the Chinese page by site.js) labels its
marks in English, and a phone never scrolls sideways."""
from __future__ import annotations

from pathlib import Path

import pytest

from edplans.ingest.script import to_traditional
from edplans.render.site import build

from ..build.test_placeholders import placeholder_project
from .conftest import DEVICES, serve_built_site
from .test_accessibility import axe_source, describe, run_axe  # noqa: F401 (axe_source is a fixture)

pytestmark = pytest.mark.browser
ORIGIN = "http://localhost:8000"   # the small project's base_url: every request is answered from its site
PAGE = "documents/anonymised-2024/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("placeholders")
    return Path(build(placeholder_project(tmp), tmp / "site").out)


@pytest.fixture()
def page_on(browser, site):
    contexts = []

    def _open(device: str, lang: str):
        context = browser.new_context(**DEVICES[device], locale="en-GB", service_workers="block")
        contexts.append(context)
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        context.route(ORIGIN + "/**", lambda route: serve_built_site(route, site))
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{ORIGIN}/{lang}/{PAGE}")
        page.wait_for_load_state("load")
        return page, requests, errors

    yield _open
    for context in contexts:
        context.close()


def test_the_copied_chinese_column_labels_its_marks_in_the_page_language(page_on):
    page, requests, errors = page_on("desktop", "en")
    marks = page.locator(".passage-text .placeholder")
    marks.first.wait_for()   # the Chinese column arrives from the Chinese page
    assert marks.count() == 6
    for i in range(marks.count()):
        mark = marks.nth(i)
        assert mark.get_attribute("title") == "placeholder in the source"
        assert mark.locator(".visually-hidden").text_content() == " (placeholder in the source)"
    shown = page.locator(".passage-en .placeholder").evaluate_all("marks => marks.map(m => m.firstChild.textContent)")
    assert shown == ["x", "xx", "x.x"]
    assert not errors and all(url.startswith(ORIGIN) for url in requests)


def test_the_traditional_pages_english_column_marks_placeholders_from_its_patch(page_on):
    """The English quotes Chinese (标准化学校), so the traditional page takes this passage's English
    from its converted patch file, as runs: the placeholder runs are marked there too."""
    page, _, errors = page_on("desktop", "zh-hant")
    marks = page.locator(".passage-en .placeholder")
    marks.first.wait_for()
    assert marks.evaluate_all("marks => marks.map(m => [m.firstChild.textContent, m.title])") == [
        [text, to_traditional("原文为占位符")] for text in ("x", "xx", "x.x")]
    assert "標準化學校" in page.locator(".passage-en").first.inner_text()
    assert not errors


@pytest.mark.parametrize("lang", ["zh", "en", "zh-hant"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_pages_with_placeholders_pass_axe_and_fit_a_phone(page_on, axe_source, lang, device):  # noqa: F811
    page, _, errors = page_on(device, lang)
    page.locator(".placeholder").first.wait_for()
    if lang == "en" and device == "desktop":
        page.locator(".passage-text .placeholder").first.wait_for()
    violations = run_axe(page, axe_source)
    assert not violations, describe(f"{lang}/{PAGE} ({device})", violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not errors
