"""strip_chrome: the page around a document — navigation, widgets, counters, host messages —
recognised by what it looks like, not by a list of one portal's strings.

A line is chrome by its shape (see `shape_of`), judged on its simplified form, so both
scripts are caught:

* **anywhere** (these never carry the plan's words): a navigation trail (short items joined
  by > » › →, or a line that starts with one: a breadcrumb's continuation); a row of widgets
  (share, poster, report, download, membership badges, font size …: words of a page's
  controls, icons, numbers and separators only); a file size, a page count, a view counter;
  a message of the host (an HTTP status, an error, a missing page); licence, copyright and
  previous/next lines; separators and blank-looking lines;
* **only outside the body** (before its first sentence or after its last): a date or time
  alone on a line, which inside the body may be a heading of a timetable; a host's message
  worded as a sentence; and, above a title that names the document's kind (…工作要点), any
  short line without sentence punctuation (menu items and labels one a line).

Body paragraphs are never dropped: a line with a sentence in it is chrome only when it is a
host message, and nothing longer than MAX_CHROME_LENGTH is. Every cut is logged with the
shape and where the line stood, which `build.py check -v` prints."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line
from ..structure_patterns import is_structural_heading
from .header import MAX_TITLE_LENGTH, TITLE_KIND, parse_header_line
from .spam import is_spam_line

MAX_CHROME_LENGTH = 80
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u00a0\u3000]+(?=[\u4e00-\u9fff])")
SENTENCE = re.compile(r"[。！？；!?;]")
BODY_LENGTH = 50

# Navigation separators between the items of a trail (a '/' too, but only with short items).
NAV = r"(?:>>|>|»|›|→|＞|〉)"
# An item of a trail is a short name, never a bare number (生师比>15 is a comparison).
_TRAIL_ITEM = r"(?=[^\s>»›→＞〉/|｜]*[^\s>»›→＞〉/|｜\d.%])[^\s>»›→＞〉/|｜]{1,12}"
TRAIL = re.compile(rf"^\s*{_TRAIL_ITEM}(?:\s*{NAV}\s*{_TRAIL_ITEM})+\s*(?:{NAV}\s*)?$")
# With '/' only three items or more make a trail (学前/义务教育 is a heading).
SLASH_TRAIL = re.compile(rf"^\s*{_TRAIL_ITEM}(?:\s*/\s*{_TRAIL_ITEM}){{2,}}\s*$")
LOCATION_LABEL = re.compile(r"^\s*(您)?(当前|现在|所在)(的)?位置\s*[:：]")
STARTS_WITH_NAV = re.compile(rf"^\s*{NAV}\s*\S")

# The words of a page's controls. A line made only of these, icons, numbers and separators
# is a row of widgets, whatever the portal: 分享 海报 举报; VIP专享; 开通会员 免费下载; 【打印】【关闭】.
WIDGET_WORDS = (
    "分享到 分享 转发 收藏 点赞 评论 举报 投诉 纠错 下载 打印 关闭 返回顶部 返回 顶部 海报 生成 复制链接 复制 链接 "
    "二维码 扫一扫 扫码 微信 朋友圈 微博 空间 QQ 会员 VIP 专享 开通 免费 付费 积分 登录 注册 充值 立即 一键 "
    "阅读全文 全文 展开 收起 更多 字号 字体 大 中 小 默认 放大 缩小 文档 贡献者 在线 预览 原文 获取 版 高清 无水印 "
    "本页 窗口 本文"
).split()
_WIDGET = re.compile("|".join(sorted(map(re.escape, WIDGET_WORDS), key=len, reverse=True)), re.IGNORECASE)
_FILLER = re.compile(r"[\s\d.,:：、/|｜·•●○★☆◆◇■□▲△▼▽♥♡✓✔×+\-—_=*#~()（）\[\]【】〔〕<>《》“”\"'↑↓←→»«›‹]+")

SIZE = re.compile(r"^\s*(大小\s*[:：]?\s*)?\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|K|M|B|字节)\s*$", re.IGNORECASE)
PAGES = re.compile(r"^\s*((共|总)\s*\d+\s*页|\d+\s*页|第\s*\d+\s*页(\s*[/，,、]?\s*(共\s*\d+\s*页)?)?"
                   r"|\d+\s*/\s*\d+\s*页|页数\s*[:：]?\s*\d+)\s*$")
COUNTER = re.compile(r"^\s*(阅读|浏览|查看|点击|下载|访问)?(量|数|次数)?\s*[:：]?\s*\d+(\.\d+)?\s*[万千wWkK]?\+?\s*"
                     r"(次|人次|人)?\s*(阅读|浏览|查看|下载|收藏|点赞|评论|人看过|人已读|阅)?\s*$")
DATE = re.compile(r"^\s*[\[【(（]?\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*([-/.月]\s*\d{1,2}\s*日?)?"
                  r"(\s*\d{1,2}\s*[:：时]\s*\d{2}(\s*[:：分]\s*\d{2}秒?)?)?\s*[\]】)）]?\s*$")
TIME = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*$")
# A host's own message: an HTTP status or error in English, or a page/file that is missing,
# failed to load or must be retried. Worded as the host speaks of the page, not as a plan would.
HOST_ENGLISH = re.compile(r"\b([45]\d\d\b.*\b(error|not found|forbidden|gateway|unavailable)|not found|"
                          r"internal server error|bad gateway|service unavailable|access denied|forbidden|"
                          r"error\s*[:：]?\s*\d{3})\b", re.IGNORECASE)
HOST_CHINESE = re.compile(r"(页面|网页|文档|文件|链接)\s*(不存在|已被?删除|已失效|已过期|无法(访问|显示|打开|加载)"
                          r"|加载(失败|出错)|出错了?)|请?稍后(再)?(重)?试|请刷新|(网络|服务器)(连接)?(超时|异常|繁忙|错误)"
                          r"|访问(过于)?频繁|您访问的.{0,8}(不存在|已删除)")
HOST_MAX_LENGTH = 40

# Lines of portal furniture that carry words of their own.
FURNITURE: list[tuple[str, re.Pattern[str]]] = [
    ("share button", re.compile(r"扫一扫\s*在手机|扫一扫\s*分享|分享到\s*[:：]|用手机扫描二维码")),
    ("licence line", re.compile(r"ICP\s*[备证]|公网安备|网站标识码")),
    ("copyright line", re.compile(r"版权所有|copyright|©|\(c\)\s*\d{4}", re.IGNORECASE)),
    ("previous/next links", re.compile(r"^\s*(上一篇|下一篇)\s*[:：]")),
    ("font-size widget", re.compile(r"^\s*字体\s*[:：]\s*[\[【]?\s*(大\s*中\s*小)?\s*[\]】]?\s*$")),
]


def _widget_row(simplified: str) -> bool:
    if not _WIDGET.search(simplified):
        return False
    return not _FILLER.sub("", _WIDGET.sub("", simplified))


def shape_of(text: str) -> tuple[str, bool] | None:
    """(what the line looks like, whether it is chrome anywhere) or None for text.
    A shape that is not chrome anywhere is chrome only outside the body."""
    if not text.strip():
        return ("blank-looking line (spaces only)", True) if text else None
    if len(text) > MAX_CHROME_LENGTH:
        return None
    simplified = _SPACE_BETWEEN_CJK.sub("", to_simplified(text))
    if len(simplified) <= HOST_MAX_LENGTH and (HOST_ENGLISH.search(simplified) or HOST_CHINESE.search(simplified)):
        # Worded as a sentence, it is cut only outside the body, where no plan speaks.
        return "message of the host (an error or a missing page)", not SENTENCE.search(simplified)
    if SENTENCE.search(simplified):
        return None
    if re.fullmatch(r"[\s|｜丨/\\·•\-—_=*#~]+", simplified):
        return "lone separator", True
    for reason, pattern in FURNITURE:
        if pattern.search(simplified):
            return reason, True
    if LOCATION_LABEL.search(simplified) or STARTS_WITH_NAV.search(simplified) or TRAIL.search(simplified)\
            or SLASH_TRAIL.search(simplified):
        if not is_structural_heading(simplified):
            return "navigation trail (breadcrumb)", True
    if SIZE.search(simplified):
        return "file size", True
    if PAGES.search(simplified):
        return "page count", True
    if COUNTER.search(simplified) and re.search(r"[万千wWkK+次人阅览看载藏赞评点访量数]", simplified):
        return "view counter", True
    if _widget_row(simplified):
        return "row of page widgets (share, report, download, membership …)", True
    if DATE.search(simplified) or TIME.search(simplified):
        return "date or time alone on a line", False
    return None


def _is_body(text: str) -> bool:
    """A line of the plan's own text: a sentence, or a long line (not the spam after the end)."""
    simplified = to_simplified(text.strip())
    return (bool(SENTENCE.search(simplified)) or len(simplified) > BODY_LENGTH) and not is_spam_line(text)


MAX_LABEL_LENGTH = 12


def _title_index(lines: list[Line], first_body: int) -> int | None:
    """The line before the body that states the document's title by naming its kind: the
    longest such line (a menu item may name a kind too: 工作计划)."""
    best = None
    for index in range(first_body):
        text = lines[index].text.strip()
        simplified = to_simplified(text)
        if (text and len(text) <= MAX_TITLE_LENGTH and TITLE_KIND.search(simplified) and parse_header_line(text) is None
                and not is_structural_heading(simplified) and (best is None or len(text) > len(lines[best].text.strip()))):
            best = index
    return best


def _label_before_title(text: str) -> bool:
    """A short line without sentence punctuation above the title: a menu item or a label
    (首页, 信息公开, 工作计划, each on its own line), never a key: value field or a heading."""
    simplified = to_simplified(text.strip())
    return (0 < len(simplified) <= MAX_LABEL_LENGTH and not SENTENCE.search(simplified)
            and parse_header_line(simplified) is None and not is_structural_heading(simplified))


def strip_chrome(ctx: Context, lines: list[Line]) -> list[Line]:
    shapes = [shape_of(line.text) for line in lines]
    body = [i for i, (line, shape) in enumerate(zip(lines, shapes)) if shape is None and _is_body(line.text)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    title = _title_index(lines, first)
    for index in range(title or 0):
        shorter = len(lines[index].text.strip()) < len(lines[title].text.strip())
        if shapes[index] is None and shorter and _label_before_title(lines[index].text):
            shapes[index] = ("short line without sentence punctuation above the title", True)
    out = []
    for index, (line, shape) in enumerate(zip(lines, shapes)):
        if shape is None:
            out.append(line)
            continue
        reason, anywhere = shape
        where = "before the body" if index < first else "after the body" if index > last else "inside the body"
        if not anywhere and where == "inside the body":
            out.append(line)
            continue
        if reason == "copyright line":
            ctx.metadata.setdefault("版权", line.text.strip())
        ctx.changed(line.start, line.text, None, f"portal chrome: {reason}, {where}")
    return out
