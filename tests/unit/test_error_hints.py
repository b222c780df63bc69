"""Where YAML changed a value's type, or a field has the wrong shape, the error names the
file, line and field and shows what to write (the annotation cases in tests/cases/annotations/
pin the messages without their hints; these pin the hints)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edplans.check import _load

BASE = Path(__file__).resolve().parent.parent / "cases" / "annotations" / "base"
DOC = "content/documents/demo-2024/document.yaml"


def _errors(tmp_path: Path, edit) -> list[str]:
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    path = project / DOC
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    corpus, errors = _load(project)
    assert corpus is None
    return [str(e) for e in errors.errors]


def _set(key: str, value: str | None):
    def edit(lines: list[str]) -> list[str]:
        out = [line for line in lines if not line.startswith(f"{key}:")]
        if value is not None:
            out.insert(next(i for i, line in enumerate(lines) if line.startswith(f"{key}:")), f"{key}: {value}")
        return out
    return edit


@pytest.mark.parametrize("value, shown", [
    ("0" * 64, "a whole number (0)"),
    ("1" * 64, f"a whole number ({'1' * 64})"),
])
def test_a_hash_yaml_read_as_a_number_says_to_quote_it(tmp_path, value, shown):
    assert _errors(tmp_path, _set("source_sha256", value)) == [
        f"{DOC}:5 source_sha256: must be 64 lowercase hex digits, but YAML read it as {shown} "
        "(hint: quote it: source_sha256: \"…\")"]


def test_a_quoted_hash_that_is_not_hex_points_at_sha256sum(tmp_path):
    assert _errors(tmp_path, _set("source_sha256", '"' + "0" * 63 + '"')) == [
        f"{DOC}:5 source_sha256: must be 64 lowercase hex digits (hint: run `sha256sum source.txt`)"]


@pytest.mark.parametrize("key, value, expected", [
    ("period", "[2024, 2024]", f"{DOC}:4 period: must be a mapping, not a list "
                               "(hint: write it as `period: {start: 2021, end: 2025}`)"),
    ("period", None, f"{DOC}:1 period: missing required field (hint: add `period: {{start: 2021, end: 2025}}`)"),
    ("title", "示范市2024年教育工作要点", f"{DOC}:1 title: must be a mapping, not text "
                                         "(hint: write it as `title: {zh: …, en: …}`)"),
    ("dates", '"2024-01-01"', f"{DOC}:5 dates: must be a mapping, not text "
                              "(hint: write it as `dates: {published: \"2022-09-30\"}`)"),
])
def test_a_field_of_the_wrong_shape_shows_the_shape(tmp_path, key, value, expected):
    def edit(lines):
        if key == "dates":
            return lines[:4] + [f"dates: {value}"] + lines[4:]
        return _set(key, value)(lines)
    assert expected in _errors(tmp_path, edit)
