"""`build.py suggest`: the proposed targets of tests/cases/suggest.txt, word for word; numbers
already annotated or dismissed left out; what it says when nothing is left; and the `check`
warning for a quote that bounds its figure (超过, 以上) while the YAML says `=`."""
from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from edplans.annotate.propose import figures, propose, target_yaml
from edplans.check import run_check, write_schema_files
from edplans.model import Bilingual, Indicator
from edplans.suggest import run_suggest

CASES = Path(__file__).resolve().parent.parent / "cases"
BASE = CASES / "annotations" / "base"
DOCUMENT = "content/documents/demo-2024/document.yaml"


@dataclass
class Case:
    name: str
    line: int
    doc_type: str = ""
    period: tuple[int, int] = (0, 0)
    themes: tuple[str, ...] = ()
    indicators: dict | None = None
    text: str = ""
    expected: tuple[str, ...] = ()
    xfail: str | None = None


def _directive(case: Case, line: str, where: str) -> None:
    name, _, rest = line[1:].partition(" ")
    if name == "document":
        doc_type, _, years = rest.partition(" ")
        start, _, end = years.partition("-")
        case.doc_type, case.period = doc_type, (int(start), int(end))
    elif name == "xfail":
        case.xfail = rest.strip()
    elif name == "themes":
        case.themes = tuple(rest.split())
    elif name == "indicator":
        parts = rest.split()
        theme = parts[3] if len(parts) > 3 else "other"
        case.indicators[parts[0]] = Indicator(parts[0], Bilingual(parts[2], parts[0]), theme, None,
                                              Bilingual(parts[1], parts[1]), True)
    else:
        raise ValueError(f"{where}: unknown directive @{name}")


def parse(path: Path) -> list[Case]:
    cases, case, block = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        if case is None:
            if line.startswith("## "):
                case, block = Case(line[3:].strip(), number, indicators={}), "input"
            elif line.strip() and not line.startswith("#"):
                raise ValueError(f"{where}: text between cases")
        elif line == "---":
            block = "expected"
        elif line == "======":
            if not case.doc_type or not case.text:
                raise ValueError(f"{path.name}:{case.line}: a case needs @document and a passage")
            cases.append(case)
            case = None
        elif block == "input" and line.startswith("@"):
            _directive(case, line, where)
        elif block == "input":
            if case.text:
                raise ValueError(f"{where}: the passage is one line")
            case.text = line
        else:
            case.expected += (line,)
    if case is not None:
        raise ValueError(f"{path.name}:{case.line}: case {case.name!r} is not finished")
    return cases


SUGGEST_CASES = parse(CASES / "suggest.txt")


def proposed_yaml(case: Case) -> list[str]:
    lines = []
    for q in figures(case.text):
        proposal = propose(case.text, q, passage="p-1", themes=case.themes, doc_type=case.doc_type,
                           period_start=case.period[0], period_end=case.period[1], indicators=case.indicators)
        lines += target_yaml(proposal)
    return lines


@pytest.mark.parametrize("case", [
    pytest.param(c, id=f"line{c.line}", marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
    for c in SUGGEST_CASES])
def test_proposed_targets(case):
    assert proposed_yaml(case) == list(case.expected), f"suggest.txt:{case.line} {case.name}"


def test_the_fixture_covers_each_word_kind_and_year_form():
    text = "\n".join("\n".join(c.expected) for c in SUGGEST_CASES)
    for field in ('comparator: "≥"', 'comparator: "≤"', 'comparator: "≈"', "kind: achievement", "why: stock",
                  "period: per-year", "period: plan-total", "period: level", "min: 5"):
        assert field in text
    assert len(SUGGEST_CASES) >= 15


def test_a_quote_is_verbatim_and_the_value_one_the_quote_gives():
    """What the build checks of a pasted target holds for every proposal."""
    from edplans.ingest.numbers import quantities
    for case in (c for c in SUGGEST_CASES if not c.xfail):
        for q in figures(case.text):
            p = propose(case.text, q, passage="p-1", themes=(), doc_type=case.doc_type,
                        period_start=case.period[0], period_end=case.period[1], indicators={})
            assert p.quote in case.text
            given = [v for n in quantities(p.quote) for v in n.values]
            assert all(v in given for v in p.values.values())


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "site-project"
    shutil.copytree(BASE, root)
    assert write_schema_files(root) == 0     # so that check --strict weighs the annotations alone
    return root


def _suggest(root: Path, *args) -> str:
    out = io.StringIO()
    assert run_suggest(root, "demo-2024", out=out, **dict(args)) == 0
    return out.getvalue()


def _drop_target(root: Path, quote: str) -> None:
    path = root / DOCUMENT
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"  - quote: {re.escape(quote)}\n(?:    .*\n)+", text)
    path.write_text(text.replace(entry.group(0), ""), encoding="utf-8")


def test_a_finished_document_says_nothing_is_left_and_how_to_see_everything(project):
    output = _suggest(project)
    assert "nothing left to annotate" in output
    assert "build.py suggest demo-2024 --all" in output
    assert "quote:" not in output


def test_only_the_number_left_open_is_proposed(project):
    _drop_target(project, "建成智慧校园20所")
    output = _suggest(project)
    proposed = re.findall(r"^  - quote: (.*)$", output, flags=re.M)
    # the other targets' figures and the dismissed 全区新增学位1.13万个 are not proposed again
    assert proposed == ["建成智慧校园20所"]
    block = output[output.index("  - quote: 建成智慧校园20所"):]
    assert "    indicator: smart-campuses" in block
    assert "    value: 20\n" in block and "    year: 2024" in block and "    kind: target" in block
    assert "1 number(s) to annotate" in output


def test_all_shows_every_number_and_comments_out_the_annotated_ones(project):
    output = _suggest(project, ("all_passages", True))
    assert "nothing left" not in output
    assert re.findall(r"^  - quote: ", output, flags=re.M) == []      # nothing is open
    commented = re.findall(r"^  # - quote: (.*)$", output, flags=re.M)
    assert "新增名师工作室10个" in commented and len(commented) == 8   # 7 targets and the dismissed figure
    assert output.count("# already annotated:") == 8
    # 新增学位1.13万个 occurs twice (全区新增学位1.13万个): the proposal says which
    assert "  # - quote: 新增学位1.13万个\n  #   occurrence: 1\n" in output


def test_a_proposal_reads_back_as_the_yaml_it_means():
    """Every proposal of the text cases, once its comments are dropped, is YAML whose quote is
    verbatim: a quote YAML would misread (a colon and a space, a leading %) is quoted."""
    import yaml
    from edplans.annotate.propose import _yaml_scalar
    for text in ("目标: 90%", "%以上", "“十四五”期间", "a #b"):
        assert yaml.safe_load(f"k: {_yaml_scalar(text)}") == {"k": text}
    for case in (c for c in SUGGEST_CASES if not c.xfail):
        items = yaml.safe_load("\n".join(case.expected) or "[]") or []
        assert all(item["quote"] in case.text for item in items)


def _check(root: Path, strict: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    status = run_check(root, strict=strict, out=out)
    return status, out.getvalue()


def test_check_warns_when_the_quote_bounds_the_figure_but_the_comparator_is_missing(project):
    path = project / DOCUMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    comparator: "≥"\n', "", 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = next(n for n, line in enumerate(lines, start=1) if "quote: 培训骨干教师2000人次以上" in line)
    status, output = _check(project)
    assert status == 0
    assert (f"GAP {DOCUMENT}:{entry} comparator: targets[1].comparator: the quote «培训骨干教师2000人次以上» "
            "states the figure as at least (≥), but comparator is missing (=); add comparator: \"≥\"") in output
    assert _check(project, strict=True)[0] == 1


def test_check_warns_on_an_explicit_equals_at_its_line(project):
    path = project / DOCUMENT
    text = path.read_text(encoding="utf-8").replace('    comparator: "≥"\n', '    comparator: "="\n', 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, item in enumerate(text.splitlines(), start=1) if item == '    comparator: "="')
    status, output = _check(project)
    assert f"{DOCUMENT}:{line} comparator: targets[1].comparator: the quote «培训骨干教师2000人次以上»" in output
    assert "but comparator is =;" in output


def test_reach_is_not_a_bound_and_raises_no_warning(project):
    """达到15% (the base's 交流轮岗 target, comparator left at =) states the level exactly."""
    status, output = _check(project, strict=True)
    assert status == 0 and "comparator:" not in output


def test_a_passage_not_tagged_yet_gets_themes_and_its_numbers_proposed(project):
    """A new document has no themes yet: its numbers are proposed all the same."""
    path = project / DOCUMENT
    text = path.read_text(encoding="utf-8")
    untagged = text.replace("  p-2-3-1:\n    themes: [digitalisation, school-places]\n"
                            "    lead_en: Complete 20 smart campuses\n", "")
    assert untagged != text
    path.write_text(untagged, encoding="utf-8")
    _drop_target(project, "建成智慧校园20所")
    output = _suggest(project)
    assert re.search(r"^  p-2-3-1:\n    themes: \[.*\]   # proposed from keyword hints: check$", output, flags=re.M)
    assert re.findall(r"^  - quote: (.*)$", output, flags=re.M) == ["建成智慧校园20所"]


def test_check_requires_a_figure_followed_by_a_noun_like_any_other(project):
    import hashlib
    source = project / "content/documents/demo-2024/source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("建成智慧校园20所。", "建成智慧校园20所，覆盖2.6万学生。"),
                      encoding="utf-8")
    path = project / DOCUMENT
    path.write_text(re.sub(r"source_sha256: \w+", "source_sha256: " + hashlib.sha256(source.read_bytes()).hexdigest(),
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    status, output = _check(project, strict=True)
    assert status == 1
    assert "numeric-candidate: «2.6万» in p-2-3-1 is neither a target nor listed in not_a_target" in output
    assert re.findall(r"^  - quote: (.*)$", _suggest(project), flags=re.M) == ["覆盖2.6万"]
