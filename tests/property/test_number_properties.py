"""Property tests for numbers and placeholders: any integer or decimal written out in Chinese
numerals reads back as itself, in a sentence too; Arabic numbers with 万 keep their exact value;
a placeholder survives cleaning as written and is never read as a number.

The numerals and sentences come from tests/property/strategies.py, which writes them with its
own oracle (none of the ingest code)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from edplans.ingest.clean import clean
from edplans.ingest.numbers import candidates, quantities
from edplans.ingest.numerals import chinese_to_number, parse_number
from edplans.ingest.placeholders import placeholders

from .strategies import CHEAP, chinese_decimals, chinese_numerals, placeholder_sentences


@CHEAP
@given(chinese_numerals())
def test_any_integer_in_chinese_numerals_reads_back_as_itself(numeral):
    text, value = numeral
    assert chinese_to_number(text) == value


@CHEAP
@given(chinese_decimals())
def test_any_decimal_in_chinese_numerals_reads_back_exactly(numeral):
    text, value = numeral
    assert chinese_to_number(text) == value


@CHEAP
@given(chinese_numerals(max_value=10**8), st.sampled_from(("所", "个", "名", "人次", "万元")))
def test_a_chinese_count_in_a_sentence_is_one_quantity_with_its_value(numeral, unit):
    text, value = numeral
    assume(value > 0 and (unit != "万元" or value < 10**4))   # 零所 and 一亿万元 are not written
    sentence = f"计划新增{text}{unit}，完善体系。"
    found = quantities(sentence)
    assert [(q.text, q.low, q.unit) for q in found] == [
        (text + unit, value * (10**4 if unit == "万元" else 1), "元" if unit == "万元" else unit)]


@CHEAP
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(("万", "亿", "千")))
def test_an_arabic_number_with_a_chinese_multiplier_keeps_its_exact_value(number, multiplier):
    written = f"{number:f}"
    scale = {"万": 10**4, "亿": 10**8, "千": 1000}[multiplier]
    assert parse_number(written + multiplier) == Decimal(written) * scale


@CHEAP
@given(chinese_numerals(max_value=9999), chinese_numerals(max_value=9999), st.sampled_from(("至", "到", "-", "—")))
def test_a_range_in_chinese_numerals_gives_both_ends(low, high, separator):
    (low_text, low_value), (high_text, high_value) = low, high
    found = candidates(f"建设{low_text}{separator}{high_text}所学校。")
    assert [(q.low, q.high) for q in found] == [(low_value, high_value)]


@CHEAP
@given(placeholder_sentences())
def test_cleaning_keeps_placeholders_and_no_number_is_read_from_them(sentence):
    text, expected = sentence
    result = clean(text)
    assert [flag.kind for flag in result.flags] == [f"placeholder-{kind}" for _, kind in expected]
    (line,) = result.lines
    for cleaned in (line.canonical, line.original):
        found = placeholders(cleaned)
        assert [(p.text, p.kind) for p in found] == expected
        assert not any(q.start < p.end and p.start < q.end for q in quantities(cleaned) for p in found)
    assert candidates(line.canonical) == []
