"""Numeric candidates and their values, from the fixture file tests/cases/numbers.txt."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edplans.ingest.numbers import candidates, quantities
from edplans.ingest.numerals import chinese_to_number, exact, parse_number

CASES = Path(__file__).resolve().parent.parent / "cases" / "numbers.txt"


MODES = ("@candidates", "@quantities", "@numerals")


def _all_cases():
    mode = "@candidates"
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("@"):
            assert line.strip() in MODES, f"numbers.txt:{number}: unknown mode {line.strip()!r}"
            mode = line.strip()
            continue
        assert "⇒" in line, f"numbers.txt:{number}: no ⇒ in the case"
        text, _, expected = line.partition("⇒")
        yield mode, pytest.param(text.strip(), [e.strip() for e in expected.split(";") if e.strip()],
                                 id=f"line{number}")


def _cases(mode: str = "@candidates"):
    return [case for kind, case in _all_cases() if kind == mode]


def _describe(q) -> str:
    amount = exact(q.low) if q.low == q.high else f"{exact(q.low)}..{exact(q.high)}"
    parts = [f"{q.text} = {amount}", q.unit, q.comparator]
    return " ".join(p for p in parts if p)


@pytest.mark.parametrize("text, expected", _cases())
def test_candidates(text, expected):
    assert [_describe(q) for q in candidates(text)] == expected


@pytest.mark.parametrize("text, expected", _cases("@quantities"))
def test_quantities(text, expected):
    assert [_describe(q) for q in quantities(text)] == expected


@pytest.mark.parametrize("numeral, expected", _cases("@numerals"))
def test_numerals(numeral, expected):
    value = parse_number(numeral)
    assert (exact(value) if value is not None else None) == (expected[0] if expected else None)


def test_fixture_has_cases_of_both_kinds():
    cases = _cases()
    assert sum(1 for c in cases if c.values[1]) >= 15
    assert sum(1 for c in cases if not c.values[1]) >= 8
    for mode in ("@quantities", "@numerals"):
        found = _cases(mode)
        assert sum(1 for c in found if c.values[1]) >= 5 and sum(1 for c in found if not c.values[1]) >= 5, mode


@pytest.mark.parametrize("text, value", [("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105),
                                         ("三千", 3000), ("两", 2), ("二〇二五", 2025)])
def test_chinese_numerals(text, value):
    assert chinese_to_number(text) == value


def test_quantities_keep_numbers_that_are_not_candidates():
    """A target's value is checked against every number in its quote, years included."""
    values = [v for q in quantities("到2025年，建成智慧校园20所") for v in q.values]
    assert values == [2025, 20]


def test_spans_point_into_the_text():
    text = "计划新增学位1.13万个，竣工学校13所。"
    for q in candidates(text):
        assert text[q.start:q.end] == q.text
        assert re.search(r"\d", q.text)
