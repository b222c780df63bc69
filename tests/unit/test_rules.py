"""The cleaning rules, tested from the text cases in tests/cases (format: tests/cases/README.md),
and the log's promise on the five real documents: nothing of a source disappears or
changes without a log entry saying where and how."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from edplans.ingest.clean import CANONICAL_RULE, RULES, CleanText, clean
from edplans.ingest.rules.corrections import apply_corrections
from edplans.ingest.state import Context, Correction, Line, LogEntry

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
RULE_CASES = CASES / "rules"
CLEAN_CASES = CASES / "clean.txt"
RULE_FUNCTIONS = dict(RULES)
MIN_CASES_PER_RULE = 5


# --------------------------------------------------------------------------- the format

class FixtureError(ValueError):
    """A case file that does not follow tests/cases/README.md."""


@dataclass(frozen=True)
class Case:
    source: str                      # file name, for messages
    line: int                        # line of the `## name` header
    name: str
    input: tuple[str, ...]
    expected: tuple[str, ...] | None  # None: @unchanged
    corrections: tuple[Correction, ...] = ()
    flags: tuple[str, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    logged: frozenset[int] | None = None
    xfail: str | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def expected_lines(self) -> tuple[str, ...]:
        return self.input if self.expected is None else self.expected


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|t|r|\\)")
_CORRECT = re.compile(r"^@correct(?:\[(\d+)\])? (.+?) => (.*)$")
# Characters a reader cannot see: they must be written as \uXXXX escapes.
INVISIBLE = re.compile("[\t\r\u00a0\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\ufffd]")


def decode(text: str) -> str:
    """Undo the escapes of the case format: \\uXXXX, \\t, \\r, \\\\."""
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return {"t": "\t", "r": "\r", "\\": "\\"}.get(code) or chr(int(code[1:], 16))
    return _ESCAPE.sub(one, text)


def show(text: str) -> str:
    """The reverse, for messages: invisible characters as the escapes a case would use."""
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text.replace("\\", "\\\\"))


def _build(source: str, line: int, name: str, raw_input: list[tuple[int, str]],
           raw_expected: list[tuple[int, str]]) -> Case:
    def fail(number: int, message: str) -> FixtureError:
        return FixtureError(f"{source}:{number}: {message} (case {name!r}; format: tests/cases/README.md)")

    inputs, corrections, xfail = [], [], None
    for number, text in raw_input:
        if text.startswith("@correct"):
            match = _CORRECT.match(text)
            if not match:
                raise fail(number, "write a correction as `@correct FIND => REPLACE` or `@correct[2] FIND => REPLACE`")
            count, find, replace = match.groups()
            corrections.append(Correction(decode(find), decode(replace), int(count or 1), "", f"case line {number}"))
        elif text.startswith("@xfail"):
            xfail = text[len("@xfail"):].strip()
            if not xfail:
                raise fail(number, "@xfail needs a reason: which bug, what goes wrong")
        elif text.startswith("@"):
            raise fail(number, f"unknown directive in the input block: {text.split()[0]!r} "
                               "(input directives: @correct, @xfail)")
        else:
            inputs.append(decode(text))

    expected: list[str] | None = []
    flags, meta, problems, logged, unchanged = [], [], [], None, False
    for number, text in raw_expected:
        word = text.split(" ", 1)[0]
        rest = text[len(word):].strip()
        if word == "@unchanged":
            unchanged = True
        elif word == "@flag" and rest:
            flags.append(rest)
        elif word == "@meta" and ":" in rest:
            key, _, value = rest.partition(":")
            meta.append((decode(key.strip()), decode(value.strip())))
        elif word == "@problem" and rest:
            problems.append(decode(rest))
        elif word == "@log" and not rest:
            logged = logged or frozenset()
        elif word == "@log" and re.fullmatch(r"\d+(\s*,\s*\d+)*", rest):
            logged = (logged or frozenset()) | {int(n) for n in re.split(r"\s*,\s*", rest)}
        elif text.startswith("@"):
            raise fail(number, f"cannot read directive {text!r} (expected-block directives: "
                               "@unchanged, @flag KIND, @meta KEY: VALUE, @problem MESSAGE, @log N, N)")
        else:
            expected.append(decode(text))
    if unchanged:
        if expected:
            raise fail(raw_expected[0][0], "@unchanged and expected text lines together: keep one")
        expected = None
    keys = [key for key, _ in meta]
    if len(set(keys)) != len(keys):
        raise fail(raw_expected[0][0], "the same @meta key twice")
    return Case(source, line, name, tuple(inputs), None if expected is None else tuple(expected),
                tuple(corrections), tuple(flags), tuple(meta), tuple(problems), logged, xfail)


def _is_header(line: str) -> bool:
    return line.startswith("## ") or line == "##"


def parse_cases(text: str, source: str = "<cases>") -> list[Case]:
    """Read a case file (format: tests/cases/README.md)."""
    cases: list[Case] = []
    state, name, header_line = "between", "", 0
    raw_input: list[tuple[int, str]] = []
    raw_expected: list[tuple[int, str]] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline
    seen_case = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r").rstrip(" \t")
        if state == "between":
            if _is_header(line):
                name, header_line, state = line[2:].strip(), number, "input"
                raw_input, raw_expected, seen_case = [], [], True
                if not name:
                    raise FixtureError(f"{source}:{number}: a case needs a name after '## '")
                if any(case.name == name for case in cases):
                    raise FixtureError(f"{source}:{number}: case name {name!r} is used twice in this file")
            elif seen_case and line and not line.startswith("#"):
                raise FixtureError(f"{source}:{number}: text between cases: start a case with '## name', "
                                   "or make the line a '#' comment (did a case end with '======' too early?)")
        elif state == "input":
            if line == "---":
                state = "expected"
            elif line == "======" or _is_header(line):
                raise FixtureError(f"{source}:{number}: case {name!r} (line {header_line}) has no '---' "
                                   "between its input and its expected output")
            else:
                raw_input.append((number, line))
        else:
            if line == "======":
                cases.append(_build(source, header_line, name, raw_input, raw_expected))
                state = "between"
            elif line == "---" or _is_header(line):
                raise FixtureError(f"{source}:{number}: case {name!r} (line {header_line}) does not end "
                                   "with a '======' line")
            else:
                raw_expected.append((number, line))
    if state != "between":
        raise FixtureError(f"{source}: case {name!r} (line {header_line}) is not finished: "
                           "it needs '---' and a closing '======'")
    return cases


def load_cases(path: Path) -> list[Case]:
    text = path.read_text(encoding="utf-8")
    return parse_cases(text, path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path))


def _case_id(stem: str, number: int, case: Case) -> str:
    plain = unicodedata.normalize("NFKD", case.name)  # xué -> xue, then the Chinese goes
    ascii_name = re.sub(r"\s+", " ", re.sub(r"[^\x20-\x7e]", " ", plain)).strip()[:60]
    return f"{stem}#{number:02d} {ascii_name}".strip()


def _params(stem: str, cases: list[Case]) -> list:
    params = []
    for number, case in enumerate(cases, start=1):
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=_case_id(stem, number, case), marks=marks))
    return params


def _file_params(path: Path) -> list:
    """The cases of one file; a file that cannot be read becomes one failing test, not a
    collection error that would hide every other case."""
    try:
        return _params(path.stem, load_cases(path))
    except (FixtureError, OSError, UnicodeDecodeError) as error:
        return [pytest.param(FixtureError(str(error)), id=f"{path.stem} (unreadable)")]


def _rule_params() -> list:
    return [param for path in sorted(RULE_CASES.glob("*.txt")) for param in _file_params(path)]


def _unreadable(case) -> None:
    if isinstance(case, FixtureError):
        pytest.fail(str(case), pytrace=False)


# --------------------------------------------------------------------------- the log's promise

def unaccounted(before: list[Line], after: list[Line], log: list[LogEntry] | tuple[LogEntry, ...]) -> list[str]:
    """Lines a rule removed or changed without a log entry at their line number.

    A line is present in the output when an output line's span covers it; a line that
    was absorbed into a longer one (joined) needs an entry at the joined line's start.
    Blank lines may vanish silently: they carry no text."""
    logged = {entry.line for entry in log}
    covering = {n: out for out in after for n in range(out.start, out.end + 1)}
    problems = []
    for line in before:
        out = covering.get(line.start)
        if out is None:
            if line.text and line.start not in logged:
                problems.append(f"line {line.start} '{show(line.text)}' was removed without a log entry")
        elif (out.start, out.end, out.text) != (line.start, line.end, line.text) and out.start not in logged:
            problems.append(f"line {line.start} '{show(line.text)}' became '{show(out.text)}' "
                            f"(line {out.start}) without a log entry")
    return problems


def replay(source: str, result: CleanText) -> list[str]:
    """Replay the log over the raw lines: each entry's `before` must be what the line
    read at that moment, and the end state must be exactly the cleaned lines (original
    script before to_simplified, canonical after). Returns the disagreements."""
    text = dict(enumerate(source.split("\n"), start=1))
    end = {n: n for n in text}
    problems = []

    def apply(entry: LogEntry) -> None:
        n = entry.line
        if entry.rule == "join_wrapped_lines" and entry.note.startswith("joined onto line"):
            return  # the same join, recorded again at the absorbed line's own number
        if n not in text:
            problems.append(f"{entry.rule}: logged line {n}, which an earlier rule had already removed")
            return
        if entry.rule == "join_wrapped_lines" and "\n" in entry.before:
            head, _, tail = entry.before.rpartition("\n")
            following = end[n] + 1
            if head != text[n] or text.get(following) != tail:
                problems.append(f"join at line {n}: logged '{show(entry.before)}', but lines {n} and {following} "
                                f"read '{show(text[n])}' and '{show(text.get(following, '<gone>'))}'")
                return
            del text[following]
            end[n] = end.pop(following)
        elif entry.before != text[n]:
            problems.append(f"{entry.rule}: line {n} logged as '{show(entry.before)}' but read '{show(text[n])}'")
            return
        if entry.after is None:
            del text[n], end[n]
        else:
            text[n] = entry.after

    for entry in result.log:
        if entry.rule != CANONICAL_RULE:
            apply(entry)
    starts = {line.start: line for line in result.lines}
    for n in sorted(text):
        line = starts.get(n)
        if line is None:
            if text[n]:
                problems.append(f"line {n} '{show(text[n])}' is missing from the output without a log entry")
        elif text[n] != line.original or end[n] != line.end:
            problems.append(f"line {n}: the log ends at '{show(text[n])}' (to line {end[n]}), the output reads "
                            f"'{show(line.original)}' (to line {line.end})")
    for n in starts:
        if n not in text:
            problems.append(f"output line {n} comes from a source line the log says was removed")
    for entry in result.log:
        if entry.rule == CANONICAL_RULE:
            apply(entry)
    for line in result.lines:
        if text.get(line.start) != line.canonical:
            problems.append(f"line {line.start}: after to_simplified the log gives '{show(text.get(line.start, ''))}', "
                            f"the output has '{show(line.canonical)}'")
    return problems


# --------------------------------------------------------------------------- running a case

def _mismatches(case: Case, actual: list[str], flags: list[str], metadata: dict[str, str],
                problems: list[str], logged: set[int]) -> list[str]:
    found = []
    if tuple(actual) != case.expected_lines:
        found.append("text differs")
    if tuple(flags) != case.flags:
        found.append(f"flags: expected {list(case.flags)}, got {flags}")
    if dict(case.meta) != metadata:
        found.append(f"metadata: expected {dict(case.meta)}, got {metadata}")
    if tuple(problems) != case.problems:
        found.append(f"correction problems: expected {list(case.problems)}, got {problems}")
    if case.logged is not None and logged != case.logged:
        found.append(f"logged lines: expected {sorted(case.logged)}, got {sorted(logged)}")
    return found


def _report(case: Case, actual: list[str], found: list[str], log) -> str:
    def block(lines) -> str:
        return "\n".join(f"    | {show(line)}" for line in lines) or "    (no lines)"
    def after(entry) -> str:
        return "removed" if entry.after is None else f"'{show(entry.after)}'"
    entries = "\n".join(f"    {e.rule} line {e.line}: '{show(e.before)}' -> {after(e)} ({e.note})" for e in log)
    return (f"\n{case.where}  ## {case.name}\n" + "\n".join(f"  - {f}" for f in found)
            + f"\n  input:\n{block(case.input)}\n  expected:\n{block(case.expected_lines)}"
            + f"\n  actual:\n{block(actual)}\n  log:\n{entries or '    (empty)'}")


@pytest.mark.parametrize("case", _rule_params())
def test_rule_case(case: Case):
    """One case of tests/cases/rules/<rule>.txt: that rule alone, on lines numbered from 1."""
    _unreadable(case)
    stem = Path(case.source).stem
    if stem not in RULE_FUNCTIONS:
        pytest.fail(f"{case.source}: no rule named {stem!r} in RULES ({', '.join(RULE_FUNCTIONS)})", pytrace=False)
    rule = RULE_FUNCTIONS[stem]
    ctx = Context(corrections=case.corrections, rule=stem)
    before = [Line(n, n, text) for n, text in enumerate(case.input, start=1)]
    after = rule(ctx, list(before))
    actual = [line.text for line in after]
    found = _mismatches(case, actual, [f.kind for f in ctx.flags], ctx.metadata,
                        [message for _, message in ctx.problems], {e.line for e in ctx.log})
    found += unaccounted(before, after, ctx.log)
    assert not found, _report(case, actual, found, ctx.log)


@pytest.mark.parametrize("case", _file_params(CLEAN_CASES))
def test_clean_case(case: Case):
    """One case of tests/cases/clean.txt: the whole pipeline, raw text to canonical lines."""
    _unreadable(case)
    source = "\n".join(case.input)
    result = clean(source, case.corrections)
    actual = [line.canonical for line in result.lines]
    found = _mismatches(case, actual, [f.kind for f in result.flags], dict(result.metadata),
                        [message for _, message in result.correction_problems], {e.line for e in result.log})
    found += replay(source, result)
    assert not found, _report(case, actual, found, result.log)


def test_every_rule_has_its_cases():
    """A rule without a case file, a case file naming no rule, or a thin file all fail here."""
    files = {path.stem: path for path in RULE_CASES.glob("*.txt")}
    assert sorted(set(RULE_FUNCTIONS) - set(files)) == [], "rules without tests/cases/rules/<rule>.txt"
    assert sorted(set(files) - set(RULE_FUNCTIONS)) == [], "case files that name no rule in RULES"
    thin = {stem: len(load_cases(path)) for stem, path in files.items()
            if len(load_cases(path)) < MIN_CASES_PER_RULE}
    assert thin == {}, f"each rule needs at least {MIN_CASES_PER_RULE} cases"
    assert len(load_cases(CLEAN_CASES)) >= MIN_CASES_PER_RULE


# --------------------------------------------------------------------------- apply_corrections, directly

def test_correction_count_mismatch_is_reported_and_nothing_is_replaced():
    correction = Correction("5g", "5G", 1, "小写", "lower case", yaml_line=7)
    ctx = Context(corrections=(correction,))
    lines = [Line(1, 1, "实施5g 教育平台建设"), Line(2, 2, "推进5g等网络技术的广泛使用。")]
    out = apply_corrections(ctx, list(lines))
    assert [line.text for line in out] == [line.text for line in lines]
    assert ctx.problems == [(correction, "found 2 time(s), expected 1")]
    assert ctx.problems[0][0].yaml_line == 7  # so `build.py check` can point at document.yaml
    assert ctx.log == []


def test_correction_is_applied_and_logged_at_its_line():
    correction = Correction("“十三五“", "“十三五”", 1, "引号", "An opening quotation mark stood where the closing one belongs.")
    ctx = Context(corrections=(correction,))
    ctx.rule = "apply_corrections"
    lines = [Line(1, 1, "加强教育科研工作。"), Line(2, 2, "做好“十三五“规划结题及成果的推广。")]
    out = apply_corrections(ctx, lines)
    assert [line.text for line in out] == ["加强教育科研工作。", "做好“十三五”规划结题及成果的推广。"]
    assert [(e.rule, e.line, e.before, e.after) for e in ctx.log] == [
        ("apply_corrections", 2, "做好“十三五“规划结题及成果的推广。", "做好“十三五”规划结题及成果的推广。")]
    assert "closing one belongs" in ctx.log[0].note
    assert ctx.problems == []


def test_corrections_reach_the_cleaned_text_through_clean():
    source = "做好“十三五“规划结题及成果的推广。\n\n扫一扫在手机打开当前页"
    result = clean(source, (Correction("“十三五“", "“十三五”", 1, "", ""),))
    assert [line.canonical for line in result.lines] == ["做好“十三五”规划结题及成果的推广。"]
    wrong = Correction("“十四五“", "“十四五”", 1, "", "")
    assert clean(source, (wrong,)).correction_problems == ((wrong, "found 0 time(s), expected 1"),)


# --------------------------------------------------------------------------- the five real documents

def _corpus():
    from edplans.corpus import load_corpus
    corpus, errors = load_corpus(ROOT / "content")
    assert corpus is not None, f"the real content does not load: {errors}"
    return corpus


@pytest.fixture(scope="module")
def real_documents() -> dict[str, tuple[str, CleanText]]:
    """doc id -> (source text, clean() with the editors' corrections from document.yaml)."""
    documents = {}
    for document in _corpus().documents:
        source = (ROOT / document.source_file).read_text(encoding="utf-8")
        corrections = tuple(Correction(c.find, c.replace, c.count, c.reason.zh, c.reason.en, c.yaml_line)
                            for c in document.corrections)
        documents[document.id] = (source, clean(source, corrections))
    return documents


DOC_IDS = sorted(path.name for path in (ROOT / "content" / "documents").iterdir() if path.is_dir())


def test_there_are_five_real_documents():
    assert DOC_IDS == ["changzhou-2019-work-points", "changzhou-2022-district-goals", "changzhou-2024-work-points",
                       "northern-city-14th-five-year-excerpt", "rudong-2021-2025-five-year-plan"]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_removed_source_line_is_logged(real_documents, doc_id):
    source, result = real_documents[doc_id]
    covered = {n for line in result.lines for n in range(line.start, line.end + 1)}
    logged = {entry.line for entry in result.log}
    missing = [(n, text) for n, text in enumerate(source.split("\n"), start=1)
               if text and n not in covered and n not in logged]
    assert missing == [], f"{doc_id}: source lines gone from the cleaned text with no log entry"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_changed_line_is_logged(real_documents, doc_id):
    source, result = real_documents[doc_id]
    raw = source.split("\n")
    logged = Counter(entry.line for entry in result.log)
    silent = [(line.start, line.canonical[:30]) for line in result.lines
              if (line.start != line.end or raw[line.start - 1] != line.canonical) and not logged[line.start]]
    assert silent == [], f"{doc_id}: cleaned lines that differ from their source with no log entry"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_the_log_replays_to_the_cleaned_text(real_documents, doc_id):
    source, result = real_documents[doc_id]
    assert replay(source, result) == []


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clean_is_idempotent_on_its_own_output(real_documents, doc_id):
    _, result = real_documents[doc_id]
    canonical = [line.canonical for line in result.lines]
    again = clean("\n".join(canonical))
    assert [line.canonical for line in again.lines] == canonical
    assert again.metadata == ()  # no body line is mistaken for portal metadata the second time
    # Cleaning raises no new doubts about its own output (□ stays flagged, a fixed '?' does not).
    assert Counter(f.kind for f in again.flags) <= Counter(f.kind for f in result.flags)


def test_real_documents_lose_their_chrome_and_spam(real_documents):
    """Spot checks a reader would make: the furniture is gone, the text is there."""
    everything = {doc_id: "\n".join(line.canonical for line in result.lines)
                  for doc_id, (_, result) in real_documents.items()}
    for doc_id, text in everything.items():
        for furniture in ("扫一扫在手机打开当前页", "ICP备", "版权所有", "当前位置", "您当前的位置", "蜘蛛池", "(guī)", "\u00a0"):
            assert furniture not in text, f"{doc_id} still shows {furniture!r}"
    assert "“常州终身教育在线”站群系统性能" in everything["changzhou-2019-work-points"]
    assert "规划的关键一年，也是万亿之城再出发的第一年。" in everything["changzhou-2024-work-points"]
    assert "畅通“市、区、校”挂职锻炼渠道。" in everything["changzhou-2024-work-points"]
    assert "开展“三查两讲一谈”活动" in everything["northern-city-14th-five-year-excerpt"]
    rudong = dict(real_documents["rudong-2021-2025-five-year-plan"][1].metadata)
    assert rudong["文号"] == "東政發〔2022〕30號"
    assert "页面标题" not in rudong and "累计次数" not in rudong and "字体" not in rudong


def test_a_flag_in_a_joined_line_names_its_own_source_line():
    result = clean("一、教育教育\n教育教育教育教育教育教育教育教育教育教育\n教?教育。\n教育教育教育教育教育教育教育教育教育教育\n教育\ufffd教育。")
    assert [line.original for line in result.lines][1].startswith("教育教育")
    assert [(flag.kind, flag.line) for flag in result.flags] == [
        ("question-mark-in-cjk", 3), ("replacement-character", 5)]
