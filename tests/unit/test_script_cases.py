"""Script conversion, tested from the text cases in tests/cases/script/ (format:
tests/cases/README.md): to_traditional gives Taiwan's standard characters for what these
plans say (控制, 托班, 橋梁, 想像力 …), to_simplified turns the traditional sources into the
canonical text one character per character."""
from __future__ import annotations

from pathlib import Path

import pytest

from edplans.ingest.clean import clean
from edplans.ingest.script import to_simplified, to_traditional
from tests.unit.test_rules import CASES, _file_params, _unreadable, show

SCRIPT_CASES = CASES / "script"
CONVERTERS = {"to_traditional": to_traditional, "to_simplified": to_simplified}


def _params() -> list:
    return [param for path in sorted(SCRIPT_CASES.glob("*.txt")) for param in _file_params(path)]


def test_each_conversion_has_its_case_file():
    assert sorted(path.stem for path in SCRIPT_CASES.glob("*.txt")) == sorted(CONVERTERS)


@pytest.mark.parametrize("case", _params())
def test_script_case(case):
    _unreadable(case)
    convert = CONVERTERS[Path(case.source).stem]
    actual = [convert(line) for line in case.input]
    assert actual == list(case.expected_lines), (
        f"\n{case.where}  ## {case.name}\n" + "\n".join(
            f"  {show(a)}\n  expected {show(e)}" for a, e in zip(actual, case.expected_lines) if a != e))


@pytest.mark.parametrize("doc_id", ["changzhou-2024-work-points", "rudong-2021-2025-five-year-plan"])
def test_traditional_sources_keep_one_character_per_canonical_character(doc_id):
    """The published text is shown beside the canonical one span for span (quotes, leads,
    glossary terms): every cleaned line keeps its length through t2s."""
    root = CASES.parents[1]
    result = clean((root / "content" / "documents" / doc_id / "source.txt").read_text(encoding="utf-8"))
    assert result.script == "traditional"
    assert [line.start for line in result.lines if len(line.original) != len(line.canonical)] == []
