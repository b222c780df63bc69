"""A source published in traditional script is shown in its own characters on /zh-hant/
wherever the page says so: its passages, headings and quoted metadata are not run through
s2tw again with the rest of the page (s2tw would "correct" the source's 研制, 示范, 想象力
into 研製, 示範, 想像力). The fixture is a traditional source whose cleaning removes pinyin
annotations and a portal header, as the real ones do."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from edplans.render.site import build

from .fixture_documents import add_document

FIXTURE = Path(__file__).parent / "fixtures" / "traditional-source.txt"
DOC = "traditional-fixture"


def _visible(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site(tmp_path_factory, project_root) -> Path:
    project = tmp_path_factory.mktemp("as-published") / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(project_root / name, project / name)
    shutil.copy(project_root / "config.yaml", project / "config.yaml")
    for other in (project / "content" / "documents").iterdir():  # a small site: one simplified source stays
        if other.name != "changzhou-2019-work-points":
            shutil.rmtree(other)
    add_document(project, DOC, FIXTURE, "某县2023年教育示范工作要点")
    out = project / "site"
    build(project, out)
    return out


def test_the_traditional_page_shows_the_sources_own_characters(site):
    page = site / "zh-hant" / "documents" / DOC / "index.html"
    text = _visible(page)
    assert "此处显示原文用字" not in text and "此處顯示原文用字" in text  # the page says so
    body = text.split("目錄", 1)[1].split("出處", 1)[0]
    for own in ("研制“1+N”整體性培養方案", "控制作業量", "想象力", "一、建設教育示范區", "2.打造示范學校",
                "新增托班12個、托位240個", "搭建家校“橋梁”", "可復制的經驗范式"):
        assert own in body, own
    for converted in ("研製", "示範", "想像力", "複製", "規(guī)"):
        assert converted not in body, converted
    assert "as-published" not in page.read_text(encoding="utf-8")  # the marks go with the conversion


def test_quoted_metadata_keeps_the_published_characters(site):
    text = _visible(site / "zh-hant" / "documents" / DOC / "index.html")
    provenance = text.split("出處", 1)[1]
    assert "某縣2023年教育示范工作要點" in provenance and "示範工作" not in provenance


def test_the_simplified_and_english_pages_are_unchanged_by_it(site):
    zh = _visible(site / "zh" / "documents" / DOC / "index.html")
    assert "研制“1+N”整体性培养方案" in zh and "建设教育示范区" in zh and "想象力" in zh
    for lang in ("zh", "en"):
        assert "as-published" not in (site / lang / "documents" / DOC / "index.html").read_text(encoding="utf-8")


def test_a_simplified_source_is_still_converted(site):
    text = _visible(site / "zh-hant" / "documents" / "changzhou-2019-work-points" / "index.html")
    assert "研製德育教材內容" in text and "研制德育" not in text
