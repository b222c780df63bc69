"""Structure: the section tree and passage ids of the five real documents (golden
summaries plus the facts a reader checks first), id stability, and the small text
functions (sentences, lead sentences, Chinese numerals)."""
from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

import pytest

from edplans.ingest.clean import CleanLine, clean
from edplans.ingest.state import Correction
from edplans.ingest.structure import build_sections, lead_sentence, split_sentences, summarise
from edplans.ingest.structure_patterns import chinese_numeral
from tests.regen_golden import GOLDEN, SUFFIX, comparable, golden_path

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = ".venv/bin/python tests/regen_golden.py"
DOC_IDS = sorted(path.name for path in (ROOT / "content" / "documents").iterdir() if path.is_dir())


@pytest.fixture(scope="module")
def corpus():
    from edplans.corpus import load_corpus
    corpus, errors = load_corpus(ROOT / "content")
    assert corpus is not None, f"the real content does not load: {errors}"
    return corpus


def sections_of(corpus, doc_id):
    return list(corpus.document(doc_id).all_sections())


def by_id(corpus, doc_id):
    return {section.id: section for section in corpus.document(doc_id).all_sections()}


def numbers(sections) -> list[int]:
    return [section.number for section in sections]


def clean_lines(corpus, doc_id) -> tuple[CleanLine, ...]:
    """The cleaned lines of a real document, corrections applied, as structure receives them."""
    document = corpus.document(doc_id)
    source = (ROOT / document.source_file).read_text(encoding="utf-8")
    corrections = tuple(Correction(c.find, c.replace, c.count, c.reason.zh, c.reason.en) for c in document.corrections)
    return clean(source, corrections).lines


# --------------------------------------------------------------------------- golden summaries

@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_structure_matches_golden_summary(corpus, doc_id):
    actual = summarise(corpus.document(doc_id).sections)
    path = golden_path(doc_id)
    how = (f"If the change is intended, regenerate the golden files with `{REGENERATE}` "
           f"and review `git diff tests/golden/` before committing.")
    assert path.exists(), f"no golden file {path.relative_to(ROOT)} for {doc_id}. {how}"
    expected = path.read_text(encoding="utf-8")
    if comparable(actual) != comparable(expected):
        diff = "\n".join(list(difflib.unified_diff(comparable(expected), comparable(actual), "golden", "now",
                                                   lineterm="", n=1))[:60])
        pytest.fail(f"the structure of {doc_id} differs from {path.relative_to(ROOT)}:\n{diff}\n\n{how}",
                    pytrace=False)


def test_the_regeneration_script_agrees(capsys):
    """The command the failure message recommends works, and finds nothing to change."""
    from tests import regen_golden
    assert regen_golden.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_golden_files_match_the_documents():
    golden = sorted(path.name[: -len(SUFFIX)] for path in GOLDEN.glob(f"*{SUFFIX}"))
    assert golden == DOC_IDS, f"golden files and documents differ: run `{REGENERATE}`"


# --------------------------------------------------------------------------- what a reader checks first

def test_2024_work_points_has_6_parts_and_items_1_to_26(corpus):
    doc_id = "changzhou-2024-work-points"
    top = corpus.document(doc_id).sections
    parts = [s for s in top if s.kind == "part"]
    assert numbers(parts) == [1, 2, 3, 4, 5, 6]
    assert [s.kind for s in top] == ["preamble"] + ["part"] * 6
    items = [s for s in sections_of(corpus, doc_id) if s.kind == "item"]
    assert numbers(items) == list(range(1, 27))
    # Items sit in their parts as printed: 1-4 in part 1, …, 24-26 in part 6.
    assert {p.number: numbers(p.children) for p in parts} == {
        1: [1, 2, 3, 4], 2: [5, 6, 7, 8, 9], 3: [10, 11, 12, 13, 14],
        4: [15, 16, 17, 18, 19, 20], 5: [21, 22, 23], 6: [24, 25, 26]}
    sections = by_id(corpus, doc_id)
    assert sections["1"].label + sections["1"].title == "一、把牢政治方向，切实强化更加有力的党建引领"
    assert sections["1-1"].label == "1." and sections["1-1"].title == "全面加强教育系统党的建设"


def test_2024_passage_ids_follow_the_numbering(corpus):
    passages = {p.id: p for p in corpus.document("changzhou-2024-work-points").passages()}
    item5 = passages["p-2-5-1"]  # item 5 (in part 2), its first paragraph
    assert item5.section_id == "2-5"
    assert item5.text.startswith("研发资源预警和可视化学位系统")
    assert passages["p-1-1-1"].text.startswith("巩固深化学习贯彻习近平新时代中国特色社会主义思想主题教育")
    assert passages["p-0-1"].text.startswith("2024年是实施“十四五”规划的关键一年")
    # The text keeps the script it was published in beside the canonical one.
    assert item5.original.startswith("研發資源預警和可視化學位系統")


def test_2019_work_points_has_10_parts_and_items_1_to_41(corpus):
    doc_id = "changzhou-2019-work-points"
    parts = [s for s in corpus.document(doc_id).sections if s.kind == "part"]
    assert numbers(parts) == list(range(1, 11))
    items = [s for s in sections_of(corpus, doc_id) if s.kind == "item"]
    assert numbers(items) == list(range(1, 42))
    assert [len(p.children) for p in parts] == [6, 7, 3, 5, 4, 2, 3, 6, 2, 3]
    assert all(len(item.passages) == 1 for item in items)
    sections = by_id(corpus, doc_id)
    assert sections["10-41"].title == "推动公益惠民服务项目持续发展"
    # The title is the heading, the passage the rest of the line, with no lead of its own.
    first = sections["1-1"].passages[0]
    assert first.text.startswith("深入学习领会习近平新时代") and first.lead is None


def test_rudong_plan_has_3_parts_their_subsections_items_and_11_boxes(corpus):
    doc_id = "rudong-2021-2025-five-year-plan"
    parts = [s for s in corpus.document(doc_id).sections if s.kind == "part"]
    assert [p.label + p.title for p in parts] == ["一、战略目标", "二、主要任务", "三、保障措施"]
    subsections = {p.number: [c for c in p.children if c.kind == "subsection"] for p in parts}
    assert {n: numbers(subs) for n, subs in subsections.items()} == {
        1: [1, 2, 3, 4], 2: [1, 2, 3, 4, 5, 6, 7, 8, 9], 3: [1, 2, 3, 4, 5]}
    assert subsections[1][0].label + subsections[1][0].title == "（一）指导思想"
    for subsection in (s for subs in subsections.values() for s in subs):
        assert re.fullmatch(r"（[一二三四五六七八九十]+）", subsection.label), subsection.label
        assert chinese_numeral(subsection.label[1:-1]) == subsection.number
    sections = by_id(corpus, doc_id)
    assert numbers(c for c in sections["1-4"].children if c.kind == "item") == list(range(1, 11))
    assert numbers(c for c in sections["2-2"].children if c.kind == "item") == [1, 2, 3, 4]
    assert sections["2-2-1"].title == "推进学前教育普及普惠发展"
    boxes = [s for s in sections_of(corpus, doc_id) if s.kind == "box"]
    assert len(boxes) == 11
    assert numbers(boxes) == list(range(1, 12))
    assert [b.id for b in boxes] == ["2-1-k1", "2-2-k2", "2-4-k3", "2-5-k4", "2-5-k5", "2-6-k6", "2-6-k7",
                                     "2-7-k8", "2-7-k9", "2-7-k10", "2-9-k11"]
    assert boxes[0].label == "重点工程一：" and boxes[0].title == "学生综合素养全面提升工程"
    assert boxes[10].label == "重点工程十一：" and boxes[10].title == "教育评价改革促进工程"
    assert all(box.passages for box in boxes)


def test_northern_city_excerpt_has_subsections_4_and_5_with_lead_sentences(corpus):
    doc_id = "northern-city-14th-five-year-excerpt"
    top = corpus.document(doc_id).sections
    assert [(s.id, s.kind) for s in top] == [("0", "preamble"), ("4", "subsection"), ("5", "subsection")]
    four, five = top[1], top[2]
    assert four.label + four.title == "（四）实施新时代教师队伍建设工程"
    assert five.label + five.title == "（五）实施教育信息化推进工程"
    assert [p.lead for p in four.passages] == ["加强师德师风建设", "实施“361”工程名师培养计划", "完善教师全员培训制度",
                                             "加强教育科研工作", "完善教师管理制度", "保障中小学教师待遇"]
    assert len(five.passages) == 5 and all(p.lead for p in five.passages)
    assert five.passages[0].lead == "建设智慧校园"
    first = four.passages[0]
    assert first.id == "p-4-1" and first.body.startswith("完善对教师师德的考核和管理")


def test_district_goals_headings_speak_for_their_districts(corpus):
    document = corpus.document("changzhou-2022-district-goals")
    headings = [s for s in document.all_sections() if s.kind == "heading"]
    assert [(s.id, s.title, s.jurisdiction) for s in headings] == [
        ("h1", "钟楼区：5个“再出发”实现民生跃升", "zhonglou-district"),
        ("h2", "溧阳市：深入推进教育高质量发展", "liyang")]
    assert document.sections[0].kind == "preamble" and document.sections[0].jurisdiction == "changzhou"
    assert all(p.id.startswith("p-h1-") for p in headings[0].passages)
    assert set(document.jurisdictions) == {"changzhou", "zhonglou-district", "liyang"}


# --------------------------------------------------------------------------- ids

@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_ids_are_unique_within_a_document(corpus, doc_id):
    document = corpus.document(doc_id)
    section_ids = [s.id for s in document.all_sections()]
    passage_ids = [p.id for p in document.passages()]
    assert len(section_ids) == len(set(section_ids))
    assert len(passage_ids) == len(set(passage_ids))


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_ids_follow_the_numbering(corpus, doc_id):
    def visit(section, parent_id):
        last = section.id.rsplit("-", 1)[-1]
        if section.kind == "preamble":
            assert section.id == "0"
        elif section.kind == "box":
            assert last == f"k{section.number}"
        elif section.kind == "heading":
            assert last.startswith("h")
        else:
            assert last == str(section.number), f"{section.id} is {section.kind} {section.label}"
        assert section.id == (f"{parent_id}-{last}" if parent_id else last)
        assert [p.id for p in section.passages] == [f"p-{section.id}-{n}" for n in range(1, len(section.passages) + 1)]
        assert all(p.section_id == section.id for p in section.passages)
        for child in section.children:
            visit(child, section.id)
    for top in corpus.document(doc_id).sections:
        visit(top, "")


def _passages(sections) -> dict[str, str]:
    return {p.id: p.text for top in sections for s in top.walk() for p in s.passages}


def _insert(lines: tuple[CleanLine, ...], after_line: int, text: str, shift: int = 2) -> tuple[CleanLine, ...]:
    """A new paragraph after source line `after_line`; later lines move down as in a real edit."""
    out = []
    for line in lines:
        if line.start > after_line:
            line = dataclasses.replace(line, start=line.start + shift, end=line.end + shift)
        out.append(line)
        if line.start == after_line:
            out.append(CleanLine(after_line + 2, after_line + 2, text, text))
    assert len(out) == len(lines) + 1, f"no clean line starts at {after_line}"
    return tuple(out)


@pytest.mark.parametrize("doc_id, after_line, touched", [
    ("rudong-2021-2025-five-year-plan", 82, "2-1"),        # a paragraph in （一） of part 2
    ("rudong-2021-2025-five-year-plan", 8, "0"),           # a paragraph in the preamble
    ("changzhou-2019-work-points", 16, "1-1"),             # a second paragraph in item 1
    ("northern-city-14th-five-year-excerpt", 4, "4"),      # a paragraph in （四）
])
def test_passage_ids_stay_when_text_elsewhere_changes(corpus, doc_id, after_line, touched):
    lines = clean_lines(corpus, doc_id)
    before = _passages(build_sections(lines))
    after = _passages(build_sections(_insert(lines, after_line, "新增一段说明文字。这是编辑加入的段落。")))
    untouched_before = {pid: t for pid, t in before.items() if not pid.startswith(f"p-{touched}-")}
    untouched_after = {pid: t for pid, t in after.items() if not pid.startswith(f"p-{touched}-")}
    assert untouched_after == untouched_before
    assert len(after) == len(before) + 1
    # Within the touched section, the paragraph before the new one keeps its id; the new one follows it.
    assert after[f"p-{touched}-1"] == before[f"p-{touched}-1"]
    assert after[f"p-{touched}-2"] == "新增一段说明文字。这是编辑加入的段落。"


def test_section_ids_stay_when_a_paragraph_is_added(corpus):
    lines = clean_lines(corpus, "rudong-2021-2025-five-year-plan")
    ids = [s.id for top in build_sections(lines) for s in top.walk()]
    edited = [s.id for top in build_sections(_insert(lines, 126, "补充说明。")) for s in top.walk()]
    assert edited == ids


# --------------------------------------------------------------------------- sentences, leads, numerals

SENTENCE_IDS = ["closing-quote", "closing-single-quote", "closing-paren", "all-five-marks", "no-mark", "empty",
                "decimal-points", "commas-do-not-split", "question-exclamation"]


@pytest.mark.parametrize("text, sentences", [
    ("打造“智慧教育示范工程。”下一句开始。", ("打造“智慧教育示范工程。”", "下一句开始。")),
    ("提出“双减”要求。’其后", ("提出“双减”要求。’", "其后")),
    ("（详见附件。）其后。", ("（详见附件。）", "其后。")),
    ("甲。乙！丙？丁；戊", ("甲。", "乙！", "丙？", "丁；", "戊")),
    ("没有句号的标题", ("没有句号的标题",)),
    ("", ()),
    ("落实《教育信息化2.0行动计划》。投入1.16亿元。", ("落实《教育信息化2.0行动计划》。", "投入1.16亿元。")),
    ("逗号，顿号、冒号：都不分句。", ("逗号，顿号、冒号：都不分句。",)),
    ("常州教育又将迎来哪些新气象？！我们将陆续推出。", ("常州教育又将迎来哪些新气象？！", "我们将陆续推出。")),
], ids=SENTENCE_IDS)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


LEAD_IDS = ["short", "one-comma", "quotes-and-digits", "25-chars", "26-chars", "single-sentence", "semicolon",
            "colon-and-year", "colon", "year-prefix", "two-commas", "empty"]


@pytest.mark.parametrize("text, lead", [
    ("加强师德师风建设。完善对教师师德的考核和管理。", "加强师德师风建设"),
    ("坚持正确舆论导向，树立教育良好形象。围绕立德树人，弘扬主旋律。", "坚持正确舆论导向，树立教育良好形象"),
    ("实施“361”工程名师培养计划。加强高素质管理人才培养。", "实施“361”工程名师培养计划"),
    ("一二三四五六七八九十一二三四五六七八九十一二三四五。其后。", "一二三四五六七八九十一二三四五六七八九十一二三四五"),  # 25: still a lead
    ("一二三四五六七八九十一二三四五六七八九十一二三四五六。其后。", None),  # 26: too long
    ("加强师德师风建设。", None),                                  # one sentence: nothing to lead
    ("加强师德师风建设；完善对教师师德的考核和管理。", None),          # a lead ends with 。
    ("2022年，钟楼教育发展的关键词是：民生跃升。将从五个方面“再出发”。", None),  # colon
    ("主要为：县城筹建幼儿园。其后。", None),                            # colon
    ("2021年全面完成。其后。", None),                                   # starts with a year
    ("以德率才，五育并举，提升高度。其后。", None),                      # two commas: a list, not a lead
    ("", None),
], ids=LEAD_IDS)
def test_lead_sentence(text, lead):
    assert lead_sentence(split_sentences(text)) == lead


NUMERALS = [("一", 1), ("四", 4), ("九", 9), ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("二十三", 23),
            ("九十九", 99)]


@pytest.mark.parametrize("numeral, value", NUMERALS, ids=[str(value) for _, value in NUMERALS])
def test_chinese_numeral(numeral, value):
    assert chinese_numeral(numeral) == value


def line(number: int, text: str) -> CleanLine:
    """A clean line whose original and canonical text are the same."""
    return CleanLine(number, number, text, text)


def test_headings_are_told_from_body_text():
    sections = build_sections((
        line(1, "为深入贯彻党的十九大精神，制定本规划。"),
        line(2, "一、战略目标"),
        line(3, "1.5亿元用于改扩建学校，其余用于设备更新，确保项目按期竣工投入使用并发挥效益。"),
        line(4, "1.推进学前教育普及普惠发展"),
        line(5, "重点工程一：学位建设全面攻坚工程"),
        line(6, "钟楼区：5个“再出发”实现民生跃升"),
    ))
    outline = [(s.id, s.kind, s.title) for top in sections for s in top.walk()]
    assert outline == [("0", "preamble", ""), ("1", "part", "战略目标"), ("1-1", "item", "推进学前教育普及普惠发展"),
                       ("1-k1", "box", "学位建设全面攻坚工程"), ("1-h1", "heading", "钟楼区：5个“再出发”实现民生跃升")]
    assert sections[1].passages[0].text.startswith("1.5亿元")


def test_unnumbered_heading_stays_inside_its_part_and_dates_are_not_headings():
    sections = build_sections((
        line(1, "一、战略目标"),
        line(2, "主要指标"),
        line(3, "1.学前教育毛入园率达到98%以上，普惠性幼儿园覆盖率稳定在90%。"),
        line(4, "二、主要任务"),
        line(5, "（一）全面落实立德树人根本任务"),
        line(6, "推进新思想铸魂育人。突出政治启蒙和价值观塑造。"),
        line(7, "2019年4月18日"),
    ))
    outline = [(s.id, s.kind) for top in sections for s in top.walk()]
    assert outline == [("1", "part"), ("1-h1", "heading"), ("1-h1-1", "item"), ("2", "part"), ("2-1", "subsection")]
    assert [p.text for p in sections[1].children[0].passages] == ["推进新思想铸魂育人。突出政治启蒙和价值观塑造。", "2019年4月18日"]


def test_repeated_numbering_gets_an_unambiguous_suffix():
    sections = build_sections((line(1, "二、主要任务"), line(2, "（一）甲"), line(3, "正文一。"),
                               line(4, "（一）乙"), line(5, "正文二。")))
    assert [s.id for s in sections[0].children] == ["2-1", "2-1r2"]
    assert sections[0].children[1].passages[0].id == "p-2-1r2-1"
