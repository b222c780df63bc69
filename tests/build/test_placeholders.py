"""A document whose copy writes placeholders (完成x所, “xxxx”工程, xx市) builds; `check` lists each
placeholder with its file, line and passage; the page marks it in every edition; and a target
annotated on one is an error."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest

from edplans.check import run_check
from edplans.errors import BuildError
from edplans.ingest.script import to_traditional
from edplans.render.site import build

ROOT = Path(__file__).resolve().parent.parent.parent
BASE = ROOT / "tests" / "cases" / "annotations" / "base"
DOC = "content/documents/anonymised-2024"
SOURCE = ("一、推进教育优质均衡\n"
          "1.扩大优质教育资源\n"
          "到年底完成x所标准化学校建设，新增学位xx个，合格率达到x.x%。\n"
          "2.深化区域协作\n"
          "实施“xxxx”工程，推动xx市与XX县结对帮扶。\n")
DOCUMENT_YAML = """\
title: {{zh: 某市2024年教育工作要点（匿名副本）, en: A city's education work points for 2024 (anonymised copy)}}
type: annual-work-points
jurisdiction: demo-city
period: {{start: 2024, end: 2024}}
source_sha256: {sha}
sections:
  "1": {{title_en: "Advance balanced, high-quality education"}}
  1-1: {{title_en: Widen high-quality resources}}
  1-2: {{title_en: Deepen cooperation between areas}}
passages:
  p-1-1-1: {{themes: [digitalisation, school-places]}}
  p-1-2-1: {{themes: [teacher-development]}}
"""
EN_YAML = """\
p-1-1-1:
  zh: 到年底完成x所标准化学校建设
  en: By the end of the year, complete x standard schools (标准化学校), add xx school places and reach a pass rate of x.x%.
"""
TARGET_ON_PLACEHOLDER = """\
targets:
  - quote: 完成x所标准化学校
    period: year
    indicator: smart-campuses
    value: 1
    kind: target
    description: Complete x standard schools
"""


@pytest.fixture()
def project(tmp_path) -> Path:
    return placeholder_project(tmp_path)


def placeholder_project(tmp_path: Path) -> Path:
    """The annotation cases' small valid project, in three languages, plus an anonymised copy
    (also served by tests/browser/test_placeholders.py)."""
    copy = tmp_path / "project"
    shutil.copytree(BASE, copy)
    for name in ("templates", "static", "content/pages"):
        shutil.copytree(ROOT / name, copy / name)
    config = copy / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("languages: [zh, en]", "languages: [zh, en, zh-hant]"),
                      encoding="utf-8")
    folder = copy / DOC
    folder.mkdir()
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    sha = hashlib.sha256(SOURCE.encode("utf-8")).hexdigest()
    (folder / "document.yaml").write_text(DOCUMENT_YAML.format(sha=sha), encoding="utf-8")
    (folder / "en.yaml").write_text(EN_YAML, encoding="utf-8")
    return copy


def _marks(html: str) -> list[tuple[str, str, str]]:
    """(title, text, hidden text) of every placeholder mark on a page."""
    return re.findall(r'<span class="placeholder" title="([^"]*)">([^<]*)<span class="visually-hidden">([^<]*)</span></span>',
                      html)


def test_check_lists_each_placeholder_with_file_line_passage_and_a_hint(project):
    out = io.StringIO()
    assert run_check(project, out=out) == 0
    source = f"{DOC}/source.txt"
    flags = [line.strip() for line in out.getvalue().splitlines() if line.strip().startswith(f"FLAG {source}")]
    assert [re.match(r"FLAG \S+ \S+ \(in \S+\)", f).group(0) for f in flags] == [
        f"FLAG {source}:3 placeholder-number (in p-1-1-1)",
        f"FLAG {source}:3 placeholder-number (in p-1-1-1)",
        f"FLAG {source}:3 placeholder-number (in p-1-1-1)",
        f"FLAG {source}:5 placeholder-name (in p-1-2-1)",
        f"FLAG {source}:5 placeholder-name (in p-1-2-1)",
        f"FLAG {source}:5 placeholder-name (in p-1-2-1)",
    ]
    assert "«到年底完成x所标准化学" in flags[0] and "«实施“xxxx”工程，推" in flags[3] and "推动xx市与XX县" in flags[4]
    assert all("hint:" in f for f in flags)
    # Strict check fails on them until an editor signs them off; no number is read from them.
    assert run_check(project, strict=True, out=io.StringIO()) == 1
    # Both passages are in featured themes, where every number must be annotated: the placeholders
    # are not numbers to annotate.
    assert "numeric-candidate" not in out.getvalue()


def test_the_page_marks_each_placeholder_in_every_edition(project, tmp_path):
    result = build(project, tmp_path / "site")
    site = Path(result.out)
    zh = (site / "zh/documents/anonymised-2024/index.html").read_text(encoding="utf-8")
    hant = (site / "zh-hant/documents/anonymised-2024/index.html").read_text(encoding="utf-8")
    en = (site / "en/documents/anonymised-2024/index.html").read_text(encoding="utf-8")
    label = "原文为占位符"
    expected = [(label, text, f" ({label})") for text in ("x", "xx", "x.x", "xxxx", "xx", "XX")]
    assert _marks(zh) == expected
    hant_label = to_traditional(label)
    assert _marks(hant) == [(hant_label, text, f" ({hant_label})") for _, text, _ in expected]
    # The English page: the translation's own placeholders, labelled in English; the Chinese column
    # comes from the Chinese page and site.js relabels its marks from data-placeholder.
    english = "placeholder in the source"
    assert _marks(en) == [(english, text, f" ({english})") for text in ("x", "xx", "x.x")]
    assert f'data-placeholder="{english}"' in en
    # The text around the marks is intact: the mark wraps the placeholder only.
    assert re.search(r'完成<span class="placeholder"[^>]*>x<span[^>]*>[^<]*</span></span>所标准化', zh)
    assert "x (" not in re.sub(r"<[^>]+>", "", zh).replace(f"x ({label})", "")


def test_a_target_annotated_on_a_placeholder_is_an_error(project, tmp_path):
    path = project / DOC / "document.yaml"
    path.write_text(path.read_text(encoding="utf-8") + TARGET_ON_PLACEHOLDER, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path / "site")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "完成x所" in text)
    assert [str(e).split(" (hint")[0] for e in caught.value.errors] == [
        f"{DOC}/document.yaml:{line} targets[0].quote: the quote's figure is a placeholder («x»), not a number: "
        "no value can be read from it"]


@pytest.mark.checker
def test_pages_with_placeholder_marks_are_valid_html(project, tmp_path):
    from tests.quality.site_pages import require_npm_tool
    from tests.quality.test_html_valid import VNU_JAR, run_vnu
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java 17+ (`make test` installs it)"
    site = Path(build(project, tmp_path / "site").out)
    pages = [site / lang / "documents/anonymised-2024" for lang in ("zh", "en", "zh-hant")]
    assert all('class="placeholder"' in (folder / "index.html").read_text(encoding="utf-8") for folder in pages)
    checked, messages = run_vnu(java, require_npm_tool(VNU_JAR, "the Nu HTML Checker"), *pages)
    assert len([c for c in checked if c.endswith(".html")]) == 3
    assert messages == []


def test_suggest_shows_placeholders_as_nothing_to_annotate(project):
    from edplans.suggest import run_suggest
    out = io.StringIO()
    assert run_suggest(project, "anonymised-2024", out=out) == 0
    text = out.getvalue()
    assert "number to annotate" not in text
    listed = re.findall(r"# placeholder «([^»]+)» in the source \((\w+)\)", text)
    assert listed == [("x", "number"), ("xx", "number"), ("x.x", "number"),
                      ("xxxx", "name"), ("xx", "name"), ("XX", "name")]
