"""The text-case format of tests/cases (README there): the reader in test_rules.py
reads what the README promises, refuses what it forbids, and says where."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_rules import CASES, INVISIBLE, FixtureError, decode, parse_cases, show

# Files in the `## name` / input / expected format; numbers.txt and annotations/ have their own.
CASE_FILES = sorted([*CASES.glob("rules/*.txt"), *CASES.glob("script/*.txt"), CASES / "clean.txt"])


def test_a_case_reads_input_expected_and_directives():
    (case,) = parse_cases(
        "A note above the first case.\n"
        "\n"
        "## two lines in, a blank line kept\n"
        "@correct[2] l x => 1+X\n"
        "first\n"
        "\n"
        "---\n"
        "first\n"
        "\n"
        "@flag mojibake\n"
        "@meta 版权: 常州日报社版权所有\n"
        "@meta 发布时间: 2022-10-10 16:51\n"
        "@problem found 0 time(s), expected 1\n"
        "@log 1, 3\n"
        "======\n", "t.txt")
    assert case.name == "two lines in, a blank line kept"
    assert case.input == ("first", "") and case.expected == ("first", "")
    assert [(c.find, c.replace, c.count) for c in case.corrections] == [("l x", "1+X", 2)]
    assert case.flags == ("mojibake",)
    assert case.meta == (("版权", "常州日报社版权所有"), ("发布时间", "2022-10-10 16:51"))
    assert case.problems == ("found 0 time(s), expected 1",)
    assert case.logged == {1, 3}
    assert case.where == "t.txt:3" and case.xfail is None


def test_empty_expected_block_unchanged_and_xfail():
    removed, same = parse_cases(
        "## removed\n|\n---\n======\n\n# a comment between cases\n"
        "## same\n@xfail BUG: something\n一、战略目标\n---\n@unchanged\n@log\n======\n")
    assert removed.input == ("|",) and removed.expected == () and removed.expected_lines == ()
    assert same.expected is None and same.expected_lines == ("一、战略目标",)
    assert same.xfail == "BUG: something" and same.logged == frozenset()


def test_escapes_and_trailing_spaces():
    assert decode(r"\u00a0a\u3000b\tc\rd") == "\u00a0a\u3000b\tc\rd"
    assert decode(r"科技、教育\教育") == "科技、教育\\教育"      # an unknown escape stays as written
    assert decode(r"\\u00a0") == "\\u00a0"                      # an escaped backslash
    assert show("a\u00a0b\\u") == r"a\u00a0b\\u"
    assert decode(show("x\u200by\ufeff\\t")) == "x\u200by\ufeff\\t"
    (case,) = parse_cases("## t\nAR VR   \nend\\u0020\n---\n@unchanged\n======\n")
    assert case.input == ("AR VR", "end ")
    (crlf,) = parse_cases("## t\r\nabc\r\n---\r\n@unchanged\r\n======\r\n")
    assert crlf.input == ("abc",)


@pytest.mark.parametrize("text, message", [
    ("## a\nx\n======\n", "has no '---'"),
    ("## a\nx\n---\ny\n## b\n", "does not end with a '======' line"),
    ("## a\nx\n---\ny\n", "is not finished"),
    ("## a\nx\n---\n======\nstray text\n", "text between cases"),
    ("## a\nx\n---\n======\n## a\nx\n---\n======\n", "is used twice"),
    ("## a\n@corect x => y\nx\n---\n======\n", "unknown directive"),
    ("## a\n@correct x -> y\nx\n---\n======\n", "@correct FIND => REPLACE"),
    ("## a\nx\n---\n@flag\n======\n", "cannot read directive"),
    ("## a\nx\n---\n@log one\n======\n", "cannot read directive"),
    ("## a\nx\n---\n@unchanged\nx\n======\n", "@unchanged and expected text"),
    ("## a\n@xfail\nx\n---\n======\n", "needs a reason"),
    ("## a\nx\n---\n======\n##   \nx\n---\n======\n", "needs a name"),
])
def test_mistakes_are_reported_with_file_and_line(text, message):
    with pytest.raises(FixtureError, match=message) as error:
        parse_cases(text, "rules/x.txt")
    assert str(error.value).startswith("rules/x.txt:")


def test_there_are_case_files():
    assert len(CASE_FILES) >= 11  # one per rule, and clean.txt


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_case_files_hold_no_invisible_characters(path: Path):
    """Invisible characters must be written as escapes (\\u00a0 …) so a reviewer sees them."""
    found = [f"{path.name}:{number}:{match.start() + 1} {show(match.group(0))}"
             for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
             for match in INVISIBLE.finditer(line)]
    assert found == [], "write these as \\uXXXX escapes (tests/cases/README.md)"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_case_files_parse(path: Path):
    assert parse_cases(path.read_text(encoding="utf-8"), path.name)


def test_the_readme_documents_every_directive():
    readme = (CASES / "README.md").read_text(encoding="utf-8")
    for directive in ("@correct", "@correct[2]", "@xfail", "@unchanged", "@flag", "@meta", "@problem", "@log"):
        assert f"`{directive}" in readme, directive
