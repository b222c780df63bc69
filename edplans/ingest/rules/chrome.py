"""strip_chrome: whole lines of portal furniture (breadcrumbs, share/print buttons,
licence and copyright lines, lone separators). Patterns are written in simplified
script and matched against the simplified form of each line, so they catch both."""
from __future__ import annotations

import re

from ..script import to_simplified
from ..state import Context, Line

MAX_CHROME_LENGTH = 80
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u00a0\u3000]+(?=[\u4e00-\u9fff])")  # body paragraphs are longer; never drop those by accident

CHROME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("breadcrumb", re.compile(r"^\s*(您)?(当前|现在|所在)(的)?位置\s*[:：]")),
    ("breadcrumb", re.compile(r"^\s*(首页|主页|网站首页)\s*(>|>>|›|»|/|→)")),
    ("share button", re.compile(r"扫一扫\s*在手机|扫一扫\s*分享|分享到\s*[:：]|用手机扫描二维码")),
    ("print/close buttons", re.compile(r"^[\s【\[]*(打印|关闭|返回顶部|收藏)[\s】\]]*([【\[]?\s*(打印|关闭|返回顶部|收藏|返回)[\s】\]]*)*$")),
    ("licence line", re.compile(r"ICP\s*[备证]|公网安备|网站标识码")),
    ("copyright line", re.compile(r"版权所有|copyright|©|\(c\)\s*\d{4}", re.IGNORECASE)),
    ("previous/next links", re.compile(r"^\s*(上一篇|下一篇)\s*[:：]")),
    ("font-size widget", re.compile(r"^\s*字体\s*[:：]\s*[\[【]?\s*(大\s*中\s*小)?\s*[\]】]?\s*$")),
    ("non-breaking space line", re.compile(r"^[\s\u00a0\u3000]+$")),
    ("lone separator", re.compile(r"^[\s|｜丨/\\·•\-—_=*#]+$")),
]


def chrome_reason(text: str) -> str | None:
    if len(text) > MAX_CHROME_LENGTH or not text:
        return None
    simplified = _SPACE_BETWEEN_CJK.sub("", to_simplified(text))
    for reason, pattern in CHROME_PATTERNS:
        if pattern.search(simplified):
            return reason
    return None


def strip_chrome(ctx: Context, lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        reason = chrome_reason(line.text)
        if reason is None:
            out.append(line)
            continue
        if reason == "copyright line":
            ctx.metadata.setdefault("版权", line.text.strip())
        ctx.changed(line.start, line.text, None, f"portal chrome: {reason}")
    return out
