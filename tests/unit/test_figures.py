"""The text rules behind the honesty checks (edplans/annotate/figures.py): a count after 现有,
已有 or 目前 is a stock; a lost digit cannot be set aside; each `why:` of a dismissed number is
borne out by the text or refused."""
from __future__ import annotations

import pytest

from edplans.annotate.figures import lost_digits, stock_word, weigh_dismissal
from edplans.ingest.numbers import candidates


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.mark.parametrize("text, quote, word", [
    ("针对现有128名特级、高级和骨干校长，开阔视野", "现有128名特级", "现有"),
    ("全市已有15所学校建成智慧校园，今年再建20所", "已有15所学校", "已有"),
    ("目前全区共有幼儿园40所", "共有幼儿园40所", "目前"),
    ("现有的3个基地继续发挥作用", "3个基地", "现有的"),
    # the stock word belongs to another clause: the figure after it is a target
    ("现有学校50所，今年新增学位2800个", "新增学位2800个", None),
    ("新建学校13所", "新建学校13所", None),
])
def test_a_count_after_a_stock_word_is_a_stock(text, quote, word):
    assert stock_word(text, *_span(text, quote)) == word


@pytest.mark.parametrize("quote, lost", [("新增义务教育“新优质学校”□0所", True), ("比例达1□%", True),
                                        ("新增学位1.13万个", False), ("第□批", False)])
def test_lost_digits(quote, lost):
    assert lost_digits(quote) is lost


@pytest.mark.parametrize("why, text, quote, ok", [
    ("stock", "针对现有128名校长", "现有128名校长", True),
    ("stock", "全市257名名校长基地培训对象", "257名名校长基地培训对象", False),
    ("ordinal", "迎接第40个教师节", "第40个教师节", True),
    ("ordinal", "建成40个基地", "40个基地", False),
    ("date", "到2025年，全面建成", "2025年", True),
    ("date", "“十四五”期间", "“十四五”期间", True),
    ("date", "建设基地3个", "基地3个", False),
    ("name", "推行名班主任典型示范“五个一”工作", "推行名班主任典型示范“五个一”工作", True),
    ("name", "继续做好“1+X”证书制度工作", "“1+X”证书", True),
    ("name", "新建幼儿园13所", "新建幼儿园13所", False),
    ("count", "从五个方面“再出发”", "五个方面", True),
    ("reference", "计划新增“新优质学校”□0所", "计划新增“新优质学校”□0所", False),   # lost digit: a target
])
def test_a_dismissal_is_weighed_against_the_text(why, text, quote, ok):
    assert (weigh_dismissal(why, text, *_span(text, quote)) is None) is ok


def test_one_per_year_is_a_quota_to_annotate_not_the_word_one():
    quotas = "每学年开设一节德育公开课、举办一次班级文化建设交流讲座、指导一名青年班主任。推行一个方案。"
    found = [q.text for q in candidates(quotas)]
    assert found == ["一节", "一次", "一名"]
