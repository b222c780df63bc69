"""Broken input gives one clear error naming the file (and line), and loses nothing."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from edplans.errors import BuildError
from edplans.render.site import build

DOC_DIR = "content/documents/changzhou-2019-work-points"
DOC = f"{DOC_DIR}/document.yaml"


def _errors(project: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path / "out")
    return [str(e) for e in caught.value.errors]


def _replace_source(project: Path, data: bytes) -> None:
    """Put new bytes in source.txt and the matching hash in document.yaml."""
    (project / DOC_DIR / "source.txt").write_bytes(data)
    yaml_path = project / DOC
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    lines = [f"source_sha256: {hashlib.sha256(data).hexdigest()}" if l.startswith("source_sha256:") else l
             for l in lines]
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_refuses_to_replace_a_folder_it_did_not_build(project_copy, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.txt").write_text("years of work", encoding="utf-8")
    (message,) = [str(e) for e in pytest.raises(BuildError, build, project_copy, precious).value.errors]
    assert "is not a site edplans built; refusing to replace it" in message
    assert (precious / "chapter1.txt").read_text(encoding="utf-8") == "years of work"


def test_rebuilding_its_own_output_is_allowed(project_copy, tmp_path):
    build(project_copy, tmp_path / "site")
    build(project_copy, tmp_path / "site")
    assert (tmp_path / "site/.edplans-site").is_file()


def test_source_with_only_chrome_is_an_error(project_copy, tmp_path):
    _replace_source(project_copy, "扫一扫在手机打开当前页\n苏ICP备15046661号-1\n|\n".encode())
    assert _errors(project_copy, tmp_path) == [
        f"{DOC_DIR}/source.txt has no text left after cleaning (only portal chrome, a header or spam) "
        "(hint: check that this is the right file; `build.py check -v` shows what each rule removed)"]


def test_multi_line_correction_is_an_error(project_copy, tmp_path):
    doc = "content/documents/northern-city-14th-five-year-excerpt/document.yaml"
    path = project_copy / doc
    path.write_text(path.read_text(encoding="utf-8").replace('replace: "STEAM教育"', 'replace: "STEAM\\n教育"'),
                    encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    assert "corrections[4].replace: must stay within one line of the source" in message


@pytest.mark.parametrize("yaml_text, expected", [
    ("- just\n- a list\n", "must be a mapping of fields"),
    ("? [a, b]\n: 1\n", "a key must be a plain word or number"),
    ("a: &x [*x]\n", "recursive alias"),
    ("title: {zh: a, en: b}\ntitle: {zh: c, en: d}\n", "duplicate key 'title'"),
])
def test_malformed_yaml_structures_are_errors_not_crashes(project_copy, tmp_path, yaml_text, expected):
    (project_copy / DOC).write_text(yaml_text, encoding="utf-8")
    messages = _errors(project_copy, tmp_path)
    assert any(m.startswith(DOC) and expected in m for m in messages), messages


def test_alias_bomb_is_built_once_not_exponentially(project_copy, tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (project_copy / DOC).write_text("\n".join(levels) + "\n", encoding="utf-8")
    messages = _errors(project_copy, tmp_path)   # finishes: shared nodes are built once
    assert any("a8: unknown key" in m for m in messages)


def test_config_that_is_not_a_mapping_is_an_error(project_copy, tmp_path):
    (project_copy / "config.yaml").write_text("- zh\n- en\n", encoding="utf-8")
    assert _errors(project_copy, tmp_path) == [
        "config.yaml:1 must be a mapping of settings (title:, base_url:, …)"]


def test_ui_string_with_a_broken_placeholder_is_an_error(project_copy, tmp_path):
    path = project_copy / "templates/i18n/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('doc_stats: "{passages} paragraphs',
                                                             'doc_stats: "{} paragraphs'), encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith("templates/i18n/en.yaml:") and "doc_stats: placeholders must be named" in message


def test_jurisdiction_parent_loop_is_an_error(project_copy, tmp_path):
    path = project_copy / "content/registry/jurisdictions.yaml"
    text = path.read_text(encoding="utf-8").replace("    level: province\n", "    level: province\n    parent: rudong\n", 1)
    path.write_text(text, encoding="utf-8")
    messages = _errors(project_copy, tmp_path)
    assert any("parents form a loop: jiangsu → rudong → nantong → jiangsu" in m for m in messages)
