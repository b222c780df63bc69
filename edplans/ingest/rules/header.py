"""lift_header: a portal's metadata block (索引号, 发布机构, 成文日期 …) and the
page title above the body become metadata, not text.

The header is everything before the first body line (a sentence, or a long line).
In it, `key: value` pairs with known keys are lifted (several may share a line;
keys may be spaced out, as in `索 引 号`); a short line that is not a structural
heading is the page title. Keys are matched in simplified script. Without a header, only
a first line that names the document's kind (…工作要点, …发展规划) is taken for the title."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line
from ..structure_patterns import is_structural_heading
from .wrap import joins_next

HEADER_KEYS = (
    "信息名称", "名称", "标题", "索引号", "主题分类", "分类", "法定主动公开分类", "公开方式",
    "公开范围", "发布机构", "发文机关", "文号", "文件编号", "发文字号", "成文日期", "生成日期",
    "发布日期", "公开日期", "发布时间", "废止日期", "有效性", "时效性", "来源", "信息来源",
    "作者", "发布人", "内容概述", "主题词", "关键词", "浏览次数", "累计次数", "点击数", "字体",
)
# Longest first so 信息名称 wins over 名称, 法定主动公开分类 over 分类.
_KEY_ALTERNATION = "|".join(r"\s*".join(map(re.escape, key))
                            for key in sorted(HEADER_KEYS, key=len, reverse=True))
# A key follows a space, the start, or the end of a date or time run into the next field
# (09:15点击数：, 2023年06月01日浏览次数：), never another letter of a word (资金来源：is not 来源).
KEY_PATTERN = re.compile(rf"(?<![^\W\d日号时分秒])({_KEY_ALTERNATION})\s*[:：]")
# Page widgets: values that are not information about the document.
WIDGET_KEYS = {"浏览次数", "累计次数", "点击数", "字体"}
MAX_TITLE_LENGTH = 50
BODY_LINE = re.compile(r"[。！？；]")


def parse_header_line(text: str) -> dict[str, str] | None:
    """All key: value pairs on a line, or None if anything else is on it."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # positions below index both strings
        text = simplified
    matches = list(KEY_PATTERN.finditer(simplified))
    if not matches or simplified[: matches[0].start()].strip():
        return None
    pairs = {}
    for match, following in zip(matches, matches[1:] + [None]):
        key = re.sub(r"\s+", "", match.group(1))
        end = following.start() if following else len(text)
        # Slice the original text: values keep the script they were published in.
        pairs[key] = re.sub(r"\s+", " ", text[match.end(): end]).strip()
    return pairs


def _is_body(text: str) -> bool:
    if parse_header_line(text.strip()) is not None:
        return False  # a long line of several key: value pairs is still header
    return bool(BODY_LINE.search(text)) or len(text.strip()) > MAX_TITLE_LENGTH


def _repeats_known_name(ctx: Context, text: str) -> bool:
    known = ctx.metadata.get("信息名称") or ctx.metadata.get("名称") or ctx.metadata.get("标题")
    return known is not None and to_simplified(known) == to_simplified(text)


def _stands_alone(lines: list[Line], position: int) -> bool:
    """A page title is never the first line of a hard-wrapped paragraph: reject exactly
    the lines the wrap rule would join to the next one."""
    if position + 1 >= len(lines) or lines[position + 1].start != lines[position].end + 1:
        return True
    return not joins_next(lines[position].text, lines[position + 1].text)


# A title names the kind of document last (issuer, subject, kind: 某县2023年教育工作要点,
# 如东县“十四五”教育事业发展规划（2021—2025年）); a section heading rarely does.
TITLE_KIND = re.compile(r"(要点|计划|规划|方案|意见|通知|决定|总结|报告|纲要|办法|细则|安排|规定)[”\"]?"
                        r"\s*([（(][^（）()]{1,20}[）)])?$")


def _same(a: str, b: str) -> bool:
    return to_simplified(a.strip()) == to_simplified(b.strip())


def _lift_named_title(ctx: Context, lines: list[Line], body_start: int) -> list[Line]:
    """Without a portal header, the first line states the document's title when it names the
    document's kind and stands alone before the body; a line repeating it goes too."""
    first = next((i for i in range(body_start) if lines[i].text.strip()), None)
    if first is None:
        return lines
    text = lines[first].text.strip()
    simplified = to_simplified(text)
    if (len(text) > MAX_TITLE_LENGTH or not TITLE_KIND.search(simplified) or is_structural_heading(simplified)
            or not _stands_alone(lines, first)):
        return lines
    ctx.metadata["页面标题"] = text
    ctx.changed(lines[first].start, lines[first].text, None, "page title lifted (a first line naming the document's kind)")
    kept = []
    for line in lines[first + 1: body_start]:
        if line.text.strip() and _same(line.text, text):
            ctx.changed(line.start, line.text, None, "page title lifted (repeats the title)")
        else:
            kept.append(line)
    return lines[:first] + kept + lines[body_start:]


def lift_header(ctx: Context, lines: list[Line]) -> list[Line]:
    body_start = next((i for i, line in enumerate(lines) if _is_body(line.text)), len(lines))
    # Without a single key: value pair there is no header: only a line that names the
    # document's kind is taken for its title, any other first short line is a heading.
    if not any(parse_header_line(line.text.strip()) for line in lines[:body_start] if line.text.strip()):
        return _lift_named_title(ctx, lines, body_start)
    kept: list[Line] = []
    for position, line in enumerate(lines[:body_start]):
        text = line.text.strip()
        pairs = parse_header_line(text) if text else None
        if pairs is not None:
            for key, value in pairs.items():
                if value and key not in WIDGET_KEYS and not re.fullmatch(r"[\[\]【】\s]*", value):
                    ctx.metadata.setdefault(key, value)
            ctx.changed(line.start, line.text, None, "portal metadata lifted: " + ", ".join(pairs))
        elif text and _repeats_known_name(ctx, text):
            ctx.changed(line.start, line.text, None, "page title lifted (repeats the portal's name field)")
        elif text and "页面标题" in ctx.metadata and _same(text, ctx.metadata["页面标题"]):
            ctx.changed(line.start, line.text, None, "page title lifted (repeats the title)")
        elif (text and "页面标题" not in ctx.metadata and _stands_alone(lines, position)
              and not is_structural_heading(to_simplified(text))):
            ctx.metadata["页面标题"] = text
            ctx.changed(line.start, line.text, None, "page title lifted")
        else:
            kept.append(line)
    # The page title may come before the 名称 pair it repeats: keep one of the two.
    title = ctx.metadata.get("页面标题")
    if title and _repeats_known_name(ctx, title):
        del ctx.metadata["页面标题"]
    return kept + lines[body_start:]
