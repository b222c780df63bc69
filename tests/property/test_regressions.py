"""Regressions: eight bugs these properties found in the cleaning rules, now fixed.

Each test starts from the smallest failing input Hypothesis found (an @example), then
searches on. They were strict xfails while the bugs lasted: a title taken from a wrapped
first line, rule order (width, flags and chrome before joins, pinyin and whitespace),
runs of ASCII marks, a spaced-out comma, and a spam tail followed by blank lines."""
from __future__ import annotations

from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from edplans.ingest.clean import clean

from .strategies import (BOTTOM_CHROME, CJK, PINYIN, POOLS, PROPERTY, SPAM_ITEMS, TOP_CHROME, Block, Doc,
                         canonical_lines, original_lines, paragraph_text, words_text, wrapped_opening_after_header)

SIMPLIFIED = POOLS["simplified"]
# Each test starts with the smallest failing input Hypothesis found (an @example); the search then
# runs in full. Shrinking is off to keep a regression cheap: drop `phases` to shrink a new failure.
BUG = settings(PROPERTY, phases=(Phase.explicit, Phase.reuse, Phase.generate))
WRAPPED_OPENING = Doc("simplified", (
    Block("header", ("索引号:100000000/2015-00001",)),
    Block("paragraph", ("教育教育教育教育教育教育教育教育教育教育", "教育教育。"), "教育教育教育教育教育教育教育教育教育教育教育教育。", "0")))
CHROME_WITH_CHINESE = sorted({line for line in TOP_CHROME + BOTTOM_CHROME if len(CJK.findall(line)) >= 2})


@BUG
@given(wrapped_opening_after_header())
@example(WRAPPED_OPENING)
def test_first_wrapped_line_after_a_header_is_not_taken_for_the_title(doc):
    result = clean(doc.text())
    assert original_lines(result) == doc.expected_lines()
    assert "页面标题" not in dict(result.metadata)


@BUG
@given(words_text(SIMPLIFIED, 10, 16), st.sampled_from(("30%", "2025", "12")), words_text(SIMPLIFIED, 2, 6))
@example("教育教育教育教育教育教育教育教育教育教育", "30%", "教育教育")
def test_ascii_comma_at_a_wrap_is_normalised(head, number, tail):
    result = clean(f"{head}{number},\n{tail}。")
    assert original_lines(result) == [f"{head}{number}，{tail}。"]


@BUG
@given(words_text(SIMPLIFIED, 10, 16), words_text(SIMPLIFIED, 2, 6))
@example("教育教育教育教育教育教育教育教育教育教育", "教育教育")
def test_question_mark_at_the_start_of_a_wrapped_line_is_flagged(head, tail):
    result = clean(f"{head}\n?{tail}。")
    assert original_lines(result) == [f"{head}？{tail}。"]
    assert "question-mark-in-cjk" in {flag.kind for flag in result.flags}


@BUG
@given(words_text(SIMPLIFIED, 1, 6), st.text(",;:!?", min_size=2, max_size=3))
@example("教育发展", "?!")
def test_a_run_of_ascii_punctuation_is_normalised_in_one_pass(words, marks):
    first = canonical_lines(clean(words + marks))
    assert canonical_lines(clean("\n".join(first))) == first


def _inject(line: str, index: int, insert: str) -> str:
    spots = [m.end() for m in CJK.finditer(line)][:-1]
    at = spots[index % len(spots)]
    return line[:at] + insert + line[at:]


@BUG
@given(paragraph_text(SIMPLIFIED), st.sampled_from(CHROME_WITH_CHINESE), st.integers(0, 20),
       st.sampled_from(PINYIN))
@example("教育教育。", "扫一扫在手机打开当前页", 2, "sǎo")
def test_chrome_with_pinyin_is_stripped(body, chrome, index, syllable):
    result = clean(body + "\n" + _inject(chrome, index, f"({syllable})"))
    assert original_lines(result) == [body]


@BUG
@given(paragraph_text(SIMPLIFIED), st.sampled_from(CHROME_WITH_CHINESE), st.integers(0, 20),
       st.sampled_from((" ", "\u3000", "\u00a0")))
@example("教育教育。", "扫一扫在手机打开当前页", 4, " ")
def test_chrome_with_a_stray_space_is_stripped(body, chrome, index, space):
    result = clean(body + "\n" + _inject(chrome, index, space))
    assert original_lines(result) == [body]


@BUG
@given(st.lists(paragraph_text(SIMPLIFIED), min_size=1, max_size=4),
       st.lists(st.sampled_from(SPAM_ITEMS), min_size=10, max_size=14), st.integers(1, 6))
@example(["教育教育。"], ["色综合久久"] * 10, 1)
def test_spam_tail_followed_by_blank_lines_is_cut(body, items, blanks):
    result = clean("\n".join(body) + "\n主站蜘蛛池模板：" + "| ".join(items) + "\n" * blanks)
    assert original_lines(result) == body


@BUG
@given(words_text(SIMPLIFIED, 1, 6), st.sampled_from(",;:!?"), words_text(SIMPLIFIED, 1, 6))
@example("加强教育", ",", "推进发展")
def test_ascii_punctuation_between_spaces_is_normalised(head, mark, tail):
    full = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}[mark]
    result = clean(f"{head} {mark} {tail}。")
    assert original_lines(result) == [f"{head}{full}{tail}。"]
