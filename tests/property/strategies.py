"""Hypothesis strategies: plan-like Chinese documents with injected scraping defects.

A generated `Doc` is a list of blocks (heading lines, paragraphs, portal chrome,
header, spam) and knows what cleaning should make of it: for every heading and
paragraph the expected cleaned line (original script), and the section id and
passage index it should end up in. The strategies deliberately avoid the inputs
that are ambiguous by nature (a hard wrap right after a closing quote, a wrapped
line that starts like `一、`, a 20-character unnumbered heading glued to the next
paragraph), so a failure of a property is a failure of the cleaner, not of the
generator. Everything here is the test's own oracle: it uses OpenCC
directly for script conversion and none of the ingest code.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal

import opencc
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

# Whole generated documents cost some 15 ms each to draw and clean: 100 per property keeps the
# folder under half a minute; plain text is cheap, so more of it. For a deeper search run with
# PROPERTY_SCALE=10 (still derandomized: the same search every time, only longer).
SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
PROPERTY = settings(max_examples=100 * SCALE, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP = settings(PROPERTY, max_examples=300 * SCALE)

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    return _T2S.convert(text)


def s2t(text: str) -> str:
    return _S2T.convert(text)


CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_RANGES}]")
# Chinese punctuation the cleaner treats as "Chinese" for spacing (a subset of its CJK_PUNCT).
CJK_PUNCT = "“”‘’、，。：；！？（）《》〈〉【】—…·"
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
NUMERAL_CHARS = "一二三四五六七八九十百零〇"
# Characters a line may end with and still be a closed paragraph (then a wrap is not joined).
PARAGRAPH_END_CHARS = set("。！？；：…”’》）」』!?;:)")

# ---------------------------------------------------------------------------------------- vocabulary

WORDS = (
    "教育 学校 发展 建设 推进 质量 深化 改革 全面 加强 实施 完善 体系 教师 学生 课程 管理 服务 优质 均衡 "
    "现代化 义务 学前 职业 高等 终身 城乡 资源 创新 特色 工程 计划 机制 保障 提升 水平 能力 素质 健康 安全 "
    "评价 队伍 师德 信息化 智慧 集团化 办学 普惠 县域 乡村 振兴 国际 交流 合作 治理 依法 党建 引领 立德树人 "
    "规划 关键 师生 家长 社会 文化 体育 艺术 劳动 实践 科技 人才 培养 督导 考核 标准 示范 指导 研究 落实 "
    "统筹 优化 布局 协调 开放 共享 绿色 融合 数字化 平台 基地 项目 经费 投入 结构 政策 制度 责任 监测 "
    "幼儿园 小学 初中 高中 中职 高校 社区 学习型 城市 名片 年度 目标 任务 措施 成效 经验 品牌 内涵"
).split()
CHARS = (
    "的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经之进着等部度家电力里如水化高自理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政日那社义事平形相全表间样与关各新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展果料象员革位入常文总次品式"
    "活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几区强放决西被干做必战先"
    "回则任取据处队南给色光门即保治北造百规热领海口东导器压志世金增争济阶油思术极交受联什认共权收证改清"
    "己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类离华名确才科张信马节话米"
    "整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难"
    "近千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候毛亲快"
    "效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)
# Words and characters that may open a paragraph or heading without looking like numbering.
_UNSAFE_START = set(NUMERAL_CHARS) | set("重（(0123456789")
# Page furniture and header keys that a random run of characters could spell by accident.
_FORBIDDEN = "版权所有 当前位置 所在位置 现在位置 蜘蛛池 上一篇 下一篇 字体 首页 主页 收藏 打印 关闭".split()
_FORBIDDEN_IN_BODY = re.compile("|".join(sorted(set(_FORBIDDEN) | {s2t(w) for w in _FORBIDDEN})))
PINYIN = ("guī huà guān fā shè zhì yǎng gòu chǎn qū yè lǐng jiàn xué jiào yù zhǎn fǎ wù dǎo zhōng xiàn "
          "shì gōng chéng nǚ lǜ xiǎo rén ér zhuàng").split()
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%"}


NUMBERS = ("2025年", "30%", "5个", "12所", "1200名", "1.5万人次", "100%", "3年", "2035年")
QUOTED = ("“立德树人”", "“双减”", "“十四五”", "《教育法》", "《义务教育法》", "“五育并举”", "“常有优学”",
          "（2023—2025年）", "（试行）", "（市、区）")
_PUA = 0xE000  # tokens travel through Hypothesis as private-use characters: one string choice, good shrinking


@dataclass(frozen=True)
class Pool:
    """The vocabulary of one script. Tokens are drawn as one string of private-use
    characters (one choice for Hypothesis, which shrinks it towards the first tokens)."""

    script: str
    tokens: tuple[str, ...]      # words first (shrinks to words), then numbers, quotes, chars
    title_tokens: int            # the first title_tokens tokens are words (for titles)

    def conv(self, text: str) -> str:
        """Text written in simplified, in this pool's script (OpenCC s2t for traditional)."""
        return s2t(text) if self.script == "traditional" else text

    def alphabet(self, titles: bool = False) -> str:
        size = self.title_tokens if titles else len(self.tokens)
        return "".join(chr(_PUA + i) for i in range(size))

    def decode(self, code: str) -> list[str]:
        return [self.tokens[ord(c) - _PUA] for c in code]


def _pool(script: str) -> Pool:
    conv = s2t if script == "traditional" else (lambda t: t)
    words = list(dict.fromkeys(conv(w) for w in WORDS))
    chars = list(dict.fromkeys(conv(c) for c in CHARS))
    # Punctuation repeated so that sentences average some ten tokens, clauses four or five.
    tokens = (words + [conv(n) for n in NUMBERS] + [conv(q) for q in QUOTED] + chars[:250]
              + ["。"] * 25 + ["，"] * 40 + ["、"] * 15)
    return Pool(script, tuple(tokens), len(words))


POOLS = {"simplified": _pool("simplified"), "traditional": _pool("traditional")}
SAFE_OPENING = {script: next(t for t in pool.tokens if t[0] not in _UNSAFE_START) for script, pool in POOLS.items()}


def _assemble(pool: Pool, tokens: list[str]) -> str:
    """Tokens -> sentences: no empty sentence, no doubled or leading separator, ends in 。."""
    out, sentence = [], ""
    for token in tokens:
        if token == "。":
            sentence = sentence.rstrip("，、")
            if sentence:
                out.append(sentence + "。")
            sentence = ""
        elif token in ("，", "、"):
            if sentence and sentence[-1] not in "，、":
                sentence += token
        else:
            sentence += token
    sentence = sentence.rstrip("，、")
    if sentence:
        out.append(sentence + "。")
    text = "".join(out)
    if not text or text[0] in _UNSAFE_START:  # never open a paragraph with what reads as numbering
        text = SAFE_OPENING[pool.script] + (text or "。")
    if _FORBIDDEN_IN_BODY.search(text):
        return pool.conv("加强教育质量建设。")
    return text


def paragraph_text(pool: Pool) -> st.SearchStrategy[str]:
    """One to four sentences of words, characters, numbers, “quotes” and 《titles》, with ， and 、."""
    return _PARAGRAPHS[pool.script]


def title_text(pool: Pool, max_len: int = 18) -> st.SearchStrategy[str]:
    """A heading title: two to five words, no punctuation."""
    return _TITLES[(pool.script, max_len)]


def _title(pool: Pool, code: str, max_len: int) -> str:
    tokens = pool.decode(code)
    if tokens[0][0] in _UNSAFE_START:
        tokens.insert(0, SAFE_OPENING[pool.script])
    text = "".join(tokens)[:max_len]
    return pool.conv("教育质量") if _FORBIDDEN_IN_BODY.search(text) else text


_PARAGRAPHS = {script: st.text(pool.alphabet(), min_size=12, max_size=80).map(
    lambda c, p=pool: _assemble(p, p.decode(c))) for script, pool in POOLS.items()}
_TITLES = {(script, n): st.text(pool.alphabet(titles=True), min_size=2, max_size=5).map(
    lambda c, p=pool, n=n: _title(p, c, n)) for script, pool in POOLS.items() for n in (18, 30)}

# ---------------------------------------------------------------------------------------- defects on a line


@dataclass
class Seg:
    """One character of a line: how it is written in the source, what cleaning should leave."""

    raw: str
    exp: str
    fragile: bool = False  # an injected mark that must keep its neighbours (no spaces, no other marks)


DEFECTS = ("fullwidth", "comma", "parens", "qmark", "fffd", "pinyin", "spaces", "indent", "wrap")
DOC_DEFECTS = ("header", "title", "chrome", "spam", "crlf", "bom")


def _is_cjk(char: str) -> bool:
    return bool(char) and CJK.fullmatch(char) is not None


def _is_chinese(char: str) -> bool:
    return _is_cjk(char) or (len(char) == 1 and char in CJK_PUNCT)


_PICKS = {most: st.lists(st.integers(0, 999), max_size=most) for most in (1, 2, 3)}


def _positions(draw, candidates: list[int], most: int) -> list[int]:
    """Up to `most` distinct candidates (none when shrunk)."""
    if not candidates:
        return []
    return sorted({candidates[i % len(candidates)] for i in draw(_PICKS[most])})


@st.composite
def damaged(draw, text: str, defects: frozenset[str], body: bool = True) -> list[Seg]:
    """Inject the enabled defects into a clean line; each segment knows its expected form."""
    segs = [Seg(c, c) for c in text]

    def exp(i: int) -> str:
        return segs[i].exp if 0 <= i < len(segs) else ""

    def calm(i: int) -> bool:
        return 0 <= i < len(segs) and not segs[i].fragile

    if "fullwidth" in defects and draw(st.booleans()):
        for seg in segs:
            if seg.raw in FULL_WIDTH:
                seg.raw = FULL_WIDTH[seg.raw]
    if body and "comma" in defects:
        spots = [i for i, s in enumerate(segs) if s.exp == "，" and _is_cjk(exp(i - 1)) and _is_cjk(exp(i + 1))]
        for i in _positions(draw, spots, 2):
            segs[i] = Seg(",", "，", fragile=True)
    if body and "parens" in defects:  # (2023—2025年) for （2023—2025年）
        for i in _positions(draw, [i for i, s in enumerate(segs) if s.exp == "（"], 2):
            close = next(j for j in range(i, len(segs)) if segs[j].exp == "）")
            if all(calm(j) for j in (i - 1, i, close, close + 1) if 0 <= j < len(segs)):
                segs[i], segs[close] = Seg("(", "（", fragile=True), Seg(")", "）", fragile=True)
    if body and "qmark" in defects:
        spots = [i for i in range(1, len(segs) - 1)
                 if all(_is_cjk(exp(j)) and calm(j) for j in (i - 1, i, i + 1))]
        for i in _positions(draw, spots, 1):
            if calm(i - 1) and calm(i + 1):
                segs[i] = Seg("?", "？", fragile=True)
    if body and "fffd" in defects:
        gaps = [i for i in range(1, len(segs)) if _is_cjk(exp(i - 1)) and _is_cjk(exp(i)) and calm(i - 1) and calm(i)]
        for i in sorted(_positions(draw, gaps, 1), reverse=True):
            segs.insert(i, Seg("\ufffd", "\ufffd", fragile=True))
    if "pinyin" in defects:
        spots = [i for i, s in enumerate(segs) if _is_cjk(s.exp) and s.raw == s.exp]
        for i in _positions(draw, spots, 3):
            segs[i].raw += f"({draw(st.sampled_from(PINYIN))})"
    if "spaces" in defects:
        gaps = [i for i in range(1, len(segs))
                if _is_chinese(exp(i - 1)) and _is_chinese(exp(i)) and calm(i - 1) and calm(i)]
        for i in sorted(_positions(draw, gaps, 3), reverse=True):
            segs.insert(i, Seg(draw(st.sampled_from((" ", "  ", "\u3000", "\u00a0",))), ""))
    if "indent" in defects and draw(st.booleans()):
        segs.insert(0, Seg(draw(st.sampled_from(("\u3000\u3000", "  ", "\u00a0\u00a0",))), ""))
        segs.append(Seg(draw(st.sampled_from(("", " ", "\u3000",))), ""))
    return segs


def _heading_like(text: str) -> bool:
    text = text.lstrip()
    return not text or text[0] in _UNSAFE_START  # the same characters in both scripts


@st.composite
def wrapped(draw, segs: list[Seg]) -> list[str]:
    """Split a paragraph into hard-wrapped lines of 20-40 (expected) characters.

    A break is placed only where the cleaner can tell it is a wrap: not after a
    character that may close a paragraph, and not before one that may open a heading."""
    lines, start = [], 0
    while True:
        target = draw(st.integers(20, 40))
        best, length = None, 0
        for gap in range(start + 1, len(segs)):
            length += len(segs[gap - 1].exp)
            if length > 40:
                break
            before = "".join(s.exp for s in segs[start:gap]).rstrip()
            after = "".join(s.exp for s in segs[gap:])
            if (length >= 20 and before and before[-1] not in PARAGRAPH_END_CHARS

                    and after.strip() and not _heading_like(after)):
                if best is None or abs(length - target) < abs(best[1] - target):
                    best = (gap, length)
        if best is None:
            lines.append("".join(s.raw for s in segs[start:]))
            return lines
        lines.append("".join(s.raw for s in segs[start:best[0]]))
        start = best[0]

# ---------------------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Block:
    kind: str                 # heading | paragraph | chrome | header | title | spam
    raw: tuple[str, ...]      # source lines
    expected: str | None = None   # the cleaned line (original script); None when it must go
    section: str | None = None    # the section id the line belongs to (its own for a heading)
    section_kind: str | None = None
    title: str | None = None      # expected title (original script) for a heading
    label: str = ""               # expected label (一、 （一） 1. 重点工程一：) for a heading
    rest: str = ""                # a numbered heading's body on the same line (1.标题。正文…)
    blank_before: bool = False


@dataclass(frozen=True)
class Doc:
    script: str
    blocks: tuple[Block, ...]
    line_end: str = "lf"          # lf | crlf | alternate
    bom: bool = False
    metadata: tuple[tuple[str, str], ...] = ()
    defects: frozenset[str] = frozenset()

    def source_lines(self) -> list[str]:
        lines: list[str] = []
        for block in self.blocks:
            if block.blank_before and lines:
                lines.append("")
            lines.extend(block.raw)
        return lines

    def text(self) -> str:
        lines = self.source_lines()
        if self.line_end == "crlf":
            out = "\r\n".join(lines)
        elif self.line_end == "alternate":
            out = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))
        else:
            out = "\n".join(lines)
        return ("\ufeff" if self.bom else "") + out

    def expected_lines(self) -> list[str]:
        """The cleaned lines, original script, in order."""
        return [b.expected for b in self.blocks if b.expected is not None]

    def expected_sections(self) -> list[tuple[str, str, str, list[str]]]:
        """(section id, kind, canonical title, canonical passage texts) in reading order."""
        out: list[tuple[str, str, str, list[str]]] = []
        for block in self.blocks:
            if block.kind == "heading":
                # Slices of the whole line's conversion, as the cleaner converts whole lines.
                canonical = t2s(block.expected)
                title = canonical[len(block.label): len(block.label) + len(block.title)]
                passages = [canonical[len(canonical) - len(block.rest):]] if block.rest else []
                out.append((block.section, block.section_kind, title, passages))
            elif block.kind == "paragraph":
                if not out or out[-1][0] != block.section:
                    out.append((block.section, "preamble", "", []))
                out[-1][3].append(t2s(block.expected))
        return out


_FIRST_NUMBER = st.one_of(st.just(1), st.integers(2, 9))


def _numeral(n: int) -> str:
    return NUMERALS[n - 1]


class _Builder:
    """Draws the blocks of a document section by section."""

    def __init__(self, draw, pool: Pool, defects: frozenset[str], blanks: str):
        self.draw, self.pool, self.defects, self.blanks = draw, pool, defects, blanks
        self.blocks: list[Block] = []

    def blank(self) -> bool:
        return self.blanks == "always" or (self.blanks == "some" and self.draw(st.booleans()))

    def paragraph(self, section: str) -> Block:
        return self.draw(paragraph_block(self.pool, self.defects, section, self.blanks))

    def add_paragraphs(self, section: str, low: int, high: int) -> int:
        count = self.draw(st.integers(low, high))
        for _ in range(count):
            self.blocks.append(self.paragraph(section))
        return count

    def heading(self, section: str, kind: str, raw_label: str, label: str, body: bool = False) -> None:
        """A heading line: label as printed (maybe a variant the cleaner normalises), then the
        title, and for an item perhaps its first paragraph on the same line (1.标题。正文…)."""
        draw = self.draw
        title = draw(title_text(self.pool))
        rest = draw(paragraph_text(self.pool)) if body else ""
        segs = draw(damaged(title + ("。" + rest if rest else ""), self.defects - {"indent"}, body=False))
        indent = ""
        if "indent" in self.defects and draw(st.booleans()):
            indent = draw(st.sampled_from(("\u3000\u3000", "  ", "\u00a0",)))
        raw = indent + raw_label + "".join(s.raw for s in segs)
        expected = label + "".join(s.exp for s in segs)
        self.blocks.append(Block("heading", (raw,), expected, section, kind, title, label, rest, self.blank()))

    def children(self, parent: str, depth: int) -> int:
        """Items and boxes (depth 3) or subsections (depth 2) under parent; returns how many."""
        draw = self.draw
        count = draw(st.integers(0, 2))
        # Numbering usually starts at 1; an excerpt may start further on.
        first = draw(_FIRST_NUMBER) - 1
        items = boxes = first
        for n in range(first + 1, first + count + 1):
            if depth == 2:
                number = _numeral(n)
                raw = draw(st.sampled_from((f"（{number}）", f"({number})",)))
                self.heading(f"{parent}-{n}", "subsection", raw, f"（{number}）")
                own = self.add_paragraphs(f"{parent}-{n}", 0, 2)
                kids = self.children(f"{parent}-{n}", 3)
                if not own and not kids:
                    self.blocks.append(self.paragraph(f"{parent}-{n}"))
            elif draw(st.integers(0, 3)) == 0:
                boxes += 1
                number = _numeral(boxes)
                label = self.pool.conv("重点工程") + number + "："
                raw = draw(st.sampled_from((label, label[:-1] + ":")))
                self.heading(f"{parent}-k{boxes}", "box", raw, label)
                self.add_paragraphs(f"{parent}-k{boxes}", 1, 2)
            else:
                items += 1
                raw, label = draw(st.sampled_from(((f"{items}.", f"{items}."), (f"{items}．", f"{items}."),
                                                   (f"{items}、", f"{items}、"))))
                inline = draw(st.booleans())
                self.heading(f"{parent}-{items}", "item", raw, label, body=inline)
                self.add_paragraphs(f"{parent}-{items}", 0 if inline else 1, 2)
        # An unnumbered heading sits just below the part or subsection it appears in (after its
        # items here, so that it does not take them in; after subsections it would be in the last).
        if depth == 3 and self.has_body() and draw(st.integers(0, 3)) == 0:
            self.heading(f"{parent}-h1", "heading", "", "")
            self.add_paragraphs(f"{parent}-h1", 1, 2)
            count += 1
        return count

    def has_body(self) -> bool:
        """Has a line with a sentence come yet? Before one, a short line reads as the page title."""
        return any(block.kind == "paragraph" or block.rest for block in self.blocks)


@st.composite
def paragraph_block(draw, pool: Pool, defects: frozenset[str], section: str, blanks: str = "some") -> Block:
    text = draw(paragraph_text(pool))
    segs = draw(damaged(text, defects))
    if "wrap" in defects and draw(st.booleans()):
        raw = tuple(draw(wrapped(segs)))
    else:
        raw = ("".join(s.raw for s in segs),)
    blank = blanks == "always" or (blanks == "some" and draw(st.booleans()))
    return Block("paragraph", raw, "".join(s.exp for s in segs), section, blank_before=blank)


TOP_CHROME = ["您当前的位置：首页 > 教育局 > 通知公告", "当前位置:主页 > 乐学新闻 >", "首页 >> 政务公开 >> 正文",
              "字体：[ 大 中 小 ]", "分享到：", "扫一扫在手机打开当前页"]
MIDDLE_CHROME = ["|", "\u00a0", "\u3000\u3000", " \u00a0 ", "｜"]
BOTTOM_CHROME = ["扫一扫在手机打开当前页", "打印】 【关闭", "【打印】 【关闭】", "苏ICP备12345678号-1", "常州日报社版权所有",
                 "版权所有：常州市教育局", "Copyright © 2022 常州市教育局", "上一篇：关于做好教育工作的通知",
                 "苏公网安备 32041102000123号", "网站标识码：3204000001"]
SPAM_ITEMS = ("色综合久久 久久婷婷 亚洲国产 综合在线 99久久 精品中文 一区二区 日韩 欧美 国产激情 电影 小说 "
              "天天综合网 久久久 av网站 午夜 精品视频 在线观看 高清 免费").split()


_SPAM_CODES = st.text("".join(chr(_PUA + i) for i in range(len(SPAM_ITEMS))), min_size=10, max_size=18)


@st.composite
def spam_line(draw, marker: bool) -> str:
    items = [SPAM_ITEMS[ord(c) - _PUA] for c in draw(_SPAM_CODES)]
    joiner = draw(st.sampled_from(("| ", "|", " | ",)))
    return ("主站蜘蛛池模板：" if marker else "") + joiner.join(items) + draw(st.sampled_from(("", "|", "| ",)))


@st.composite
def header_blocks(draw, pool: Pool, title: bool) -> tuple[list[Block], dict[str, str]]:
    """A portal's metadata block (索引号, 发布机构, 成文日期; keys maybe spaced, pairs maybe
    sharing a line), perhaps followed by the page title; and the metadata it should give."""
    serial, year, number = draw(st.integers(10**8, 10**9 - 1)), draw(st.integers(2015, 2025)), draw(st.integers(1, 99999))
    index_no = f"{serial}/{year}-{number:05d}"
    agency = pool.conv(draw(st.sampled_from(("如东县人民政府", "常州市教育局", "溧阳市教育局"))))
    keys = [pool.conv(k) for k in ("索引号", "发布机构", "成文日期")]
    if draw(st.booleans()):
        keys[0] = " ".join(keys[0])  # 索 引 号
    colon = draw(st.sampled_from((":", "：", ": ", "： ")))
    pairs = [f"{keys[0]}{colon}{index_no}", f"{keys[1]}{colon}{agency}", f"{keys[2]}{colon}2022-09-30"]
    lines = [" ".join(pairs[:2]), pairs[2]] if draw(st.booleans()) else pairs
    blocks = [Block("header", (line,)) for line in lines]
    metadata = {"索引号": index_no, "发布机构": agency, "成文日期": "2022-09-30"}
    if title:
        page_title = draw(title_text(pool, max_len=30))
        blocks.append(Block("title", (page_title,)))
        metadata["页面标题"] = page_title
    return blocks, metadata


@st.composite
def documents(draw, defects: frozenset[str] | None = None, script: str | None = None,
              doc_defects: frozenset[str] | None = None) -> Doc:
    """A plan: header, preamble, 一、 parts with （一） subsections, 1. items and 重点工程 boxes,
    plain headings, chrome between blocks and a spam tail, each defect on or off."""
    script = script or draw(st.sampled_from(("simplified", "traditional",)))
    pool = POOLS[script]
    if defects is None:
        defects = frozenset(d for d in DEFECTS if draw(st.booleans()))
    if doc_defects is None:
        doc_defects = frozenset(d for d in DOC_DEFECTS if draw(st.booleans()))
    blanks = draw(st.sampled_from(("never", "some", "always",)))
    b = _Builder(draw, pool, defects, blanks)

    metadata: dict[str, str] = {}
    if "chrome" in doc_defects:
        for line in draw(st.lists(st.sampled_from(TOP_CHROME), max_size=2)):
            b.blocks.append(Block("chrome", (pool.conv(line),)))
    if "header" in doc_defects:
        blocks, metadata = draw(header_blocks(pool, title="title" in doc_defects))
        b.blocks.extend(blocks)

    b.add_paragraphs("0", 0, 2)
    plain = 0
    parts = first_part = draw(_FIRST_NUMBER) - 1
    for _ in range(draw(st.integers(1, 3))):
        # A top-level unnumbered heading: before the first part (a later one falls in that part),
        # and only once some body text has come.
        if parts == first_part and b.has_body() and draw(st.integers(0, 3)) == 0:
            plain += 1
            b.heading(f"h{plain}", "heading", "", "")
            b.add_paragraphs(f"h{plain}", 1, 2)
            continue
        parts += 1
        b.heading(str(parts), "part", _numeral(parts) + "、", _numeral(parts) + "、")
        own = b.add_paragraphs(str(parts), 0, 2)
        kids = b.children(str(parts), draw(st.sampled_from((2, 3,))))
        if not own and not kids:
            b.blocks.append(b.paragraph(str(parts)))

    if "chrome" in doc_defects:
        for _ in range(draw(st.integers(0, 2))):  # lone separators and no-break spaces between blocks
            at = draw(st.integers(0, len(b.blocks)))
            b.blocks.insert(at, Block("chrome", (draw(st.sampled_from(MIDDLE_CHROME)),), blank_before=b.blank()))
        for line in draw(st.lists(st.sampled_from(BOTTOM_CHROME), max_size=3)):
            b.blocks.append(Block("chrome", (pool.conv(line),), blank_before=b.blank()))
    if "spam" in doc_defects:
        raw = [draw(spam_line(True))]
        if draw(st.booleans()):
            raw.append(draw(spam_line(False)))
        b.blocks.append(Block("spam", tuple(raw), blank_before=b.blank()))
    line_end = draw(st.sampled_from(("crlf", "alternate",))) if "crlf" in doc_defects else "lf"
    return Doc(script, tuple(b.blocks), line_end, "bom" in doc_defects, tuple(metadata.items()),
               defects | doc_defects)


def passage_slots(doc: Doc) -> dict[tuple[str, int], int]:
    """(section id, passage index) -> block index, for the paragraph blocks of doc."""
    slots, counts = {}, {}
    for i, block in enumerate(doc.blocks):
        if block.kind == "heading":
            counts[block.section] = 1 if block.rest else 0
        elif block.kind == "paragraph":
            counts[block.section] = counts.get(block.section, 0) + 1
            slots[(block.section, counts[block.section])] = i
    return slots


@st.composite
def edited_documents(draw, defects: frozenset[str] | None = None):
    """(doc, edited doc, section id, passage index) where the edit replaced the text of one
    paragraph, or appended a paragraph at the end of one section's own text."""
    doc = draw(documents(defects=defects))
    pool = POOLS[doc.script]
    slots = passage_slots(doc)
    blanks = "some"
    if draw(st.booleans()) and slots:
        (section, index), at = draw(st.sampled_from(sorted(slots.items())))
        old = doc.blocks[at]
        new = draw(paragraph_block(pool, doc.defects, section, blanks))
        new = replace(new, blank_before=old.blank_before)
        blocks = doc.blocks[:at] + (new,) + doc.blocks[at + 1:]
    else:
        sections = sorted({b.section for b in doc.blocks if b.section is not None})
        section = draw(st.sampled_from(sections))
        last = max(i for i, b in enumerate(doc.blocks) if b.section == section)
        index = sum(1 for (s, _) in slots if s == section) + 1
        if any(b.rest and b.section == section for b in doc.blocks):
            index += 1
        new = draw(paragraph_block(pool, doc.defects, section, blanks))
        blocks = doc.blocks[:last + 1] + (new,) + doc.blocks[last + 1:]
    return doc, replace(doc, blocks=blocks), section, index


def words_text(pool: Pool, min_words: int, max_words: int) -> st.SearchStrategy[str]:
    """Words only, no punctuation, not opening with numbering: the body of a line."""
    return st.text(pool.alphabet(titles=True), min_size=min_words, max_size=max_words).map(
        lambda c, p=pool: _title(p, c, 10**6))


SCRIPTS = st.sampled_from(("simplified", "traditional"))


@st.composite
def wrapped_opening_after_header(draw) -> Doc:
    """A metadata header, no page title, then a hard-wrapped first paragraph."""
    pool = POOLS[draw(SCRIPTS)]
    blocks, metadata = draw(header_blocks(pool, title=False))
    text = draw(paragraph_text(pool)) + draw(paragraph_text(pool))
    lines = draw(wrapped([Seg(c, c) for c in text]))
    assume(len(lines) > 1)
    blocks.append(Block("paragraph", tuple(lines), text, "0"))
    return Doc(pool.script, tuple(blocks), metadata=tuple(metadata.items()), defects=frozenset({"header", "wrap"}))


# ---------------------------------------------------------------------------------------- helpers


def walk(sections):
    for top in sections:
        yield from top.walk()


def canonical_lines(result) -> list[str]:
    return [line.canonical for line in result.lines]


def original_lines(result) -> list[str]:
    return [line.original for line in result.lines]

# ---------------------------------------------------------------------------------------- numerals and placeholders
# The test's own oracle for Chinese numerals: how a plan writes an integer or a decimal in
# characters (standard reading, with 零 for a skipped place, and the variants plans use: 十五 for
# 一十五, 两 for 二 before a place). None of the ingest code is used to write them.

CN_DIGITS = "零一二三四五六七八九"


def _chinese_below_ten_thousand(value: int) -> str:
    out, zero = "", False
    for place, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // place % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += CN_DIGITS[digit] + char
    return out


def chinese_integer(n: int) -> str:
    """12345 → 一万二千三百四十五, 10011001 → 一千零一万一千零一, 100000001 → 一亿零一."""
    if n == 0:
        return "零"
    high, rest = divmod(n, 10**8)
    middle, low = divmod(rest, 10**4)
    out, started, gap = "", False, False
    for value, suffix in ((high, "亿"), (middle, "万"), (low, "")):
        if value == 0:
            gap = gap or started
            continue
        if started and (gap or value < 1000):
            out += "零"
        out += _chinese_below_ten_thousand(value) + suffix
        started, gap = True, False
    return out


@st.composite
def chinese_numerals(draw, max_value: int = 10**12 - 1) -> tuple[str, int]:
    """(numeral, value) for an integer, in the standard reading or a variant plans also write."""
    n = draw(st.one_of(st.integers(0, 99), st.integers(0, 99_999), st.integers(0, max_value)))
    text = chinese_integer(n)
    if text.startswith("一十") and draw(st.booleans()):
        text = text[1:]                                  # 十五, 十万: the leading 一 is usually dropped
    if draw(st.booleans()):
        text = re.sub(r"二(?=[千百万亿])", "两", text, count=1)  # 两千, 两百, 两万
    return text, n


@st.composite
def chinese_decimals(draw) -> tuple[str, Decimal]:
    """(零点五, 0.5), (九十五点五, 95.5), (三点一四, 3.14): an integer part, 点, one to four digits."""
    n = draw(st.integers(0, 10**6))
    whole = chinese_integer(n)
    digits = draw(st.text("0123456789", min_size=1, max_size=4))
    return whole + "点" + "".join(CN_DIGITS[int(d)] for d in digits), Decimal(f"{n}.{digits}")


PLACEHOLDER_LETTERS = "xX×ｘＸ"
# Where a placeholder stands: before a unit (a number), before a place suffix (a name), or
# filling quotation marks (a name).
PLACEHOLDER_NUMBER_AFTER = ("所", "个", "名", "人次", "%", "万元", "年", "项")
PLACEHOLDER_NAME_AFTER = ("市", "县", "区", "学校")


@st.composite
def placeholder_runs(draw) -> str:
    """x, xx, xxx, xxxx in one of the letters an anonymised copy uses (mixed case too)."""
    letter = draw(st.sampled_from(PLACEHOLDER_LETTERS))
    run = letter * draw(st.integers(1, 4))
    if letter in "xX" and len(run) > 1 and draw(st.booleans()):
        run = "".join(draw(st.sampled_from("xX")) for _ in run)
    return run


@st.composite
def placeholder_sentences(draw) -> tuple[str, list[tuple[str, str]]]:
    """A sentence with one to three placeholders in plan prose: 完成x所, 达到xx%, “xxxx”工程,
    xx市; and the (run, kind) of each, in order, the run as width normalisation leaves it."""
    parts, expected = [SAFE_OPENING["simplified"]], []
    for _ in range(draw(st.integers(1, 3))):
        parts.append("".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))))
        run = draw(placeholder_runs())
        form = draw(st.sampled_from(("number", "name", "quoted")))
        if form == "number":
            parts.append(run + draw(st.sampled_from(PLACEHOLDER_NUMBER_AFTER)))
        elif form == "name":
            parts.append(run + draw(st.sampled_from(PLACEHOLDER_NAME_AFTER)))
        else:
            parts.append("“" + run + "”" + draw(st.sampled_from(("工程", "品牌", "行动"))))
        expected.append((run.replace("ｘ", "x").replace("Ｘ", "X"), "number" if form == "number" else "name"))
        parts.append("，")
    return "".join(parts[:-1]) + "。", expected



# ---------------------------------------------------------------------------------------- page clutter
# Chrome of download sites and other portals, drawn from its classes (issue 14), each line
# built from parts so that no one portal's string is what the cleaner is tested on. Every
# class but the date is chrome wherever it stands; a date alone only before the body or after it.

_BADGE_WORDS = ("VIP", "会员", "专享", "免费", "下载", "文档", "全文", "开通", "高清")
_WIDGET_WORDS = ("分享", "海报", "举报", "收藏", "下载", "打印", "关闭", "返回顶部", "复制链接", "点赞", "评论")
_TRAIL_ITEMS = ("信息公开", "工作计划", "政务公开", "通知公告", "教育动态", "规划计划", "部门文件", "新闻中心")
_HOST_PHRASES = ("Not Found", "Bad Gateway", "Service Unavailable", "Internal Server Error", "页面不存在",
                 "页面加载失败", "文档已被删除", "网络连接超时", "请稍后重试", "请刷新")


@st.composite
def badge_line(draw) -> str:
    """A membership badge: VIP专享文档, 开通会员 免费下载 …"""
    words = draw(st.lists(st.sampled_from(_BADGE_WORDS), min_size=2, max_size=4))
    return draw(st.sampled_from(("", " "))).join(words)


@st.composite
def size_line(draw) -> str:
    number = f"{draw(st.integers(1, 999))}" + draw(st.sampled_from(("", f".{draw(st.integers(0, 9))}")))
    unit = draw(st.sampled_from(("KB", "MB", "K", "M", "kb")))
    return draw(st.sampled_from(("", "大小："))) + number + draw(st.sampled_from(("", " "))) + unit


@st.composite
def page_count_line(draw) -> str:
    n, total = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    return draw(st.sampled_from((f"{n} 页", f"{n}页", f"共{total}页", f"共 {total} 页", f"第{n}页/共{total}页")))


@st.composite
def counter_line(draw) -> str:
    n = draw(st.integers(1, 99999))
    return draw(st.sampled_from((f"{n % 99 + 1}.{n % 10}万+", f"{n}+", f"阅读 {n}", f"{n}次浏览", f"浏览量：{n}",
                                 f"{n % 99 + 1}万次阅读", f"{n}人看过")))


@st.composite
def widget_row_line(draw) -> str:
    words = draw(st.lists(st.sampled_from(_WIDGET_WORDS), min_size=1, max_size=4, unique=True))
    if draw(st.booleans()):
        return " ".join(f"【{word}】" for word in words)
    return draw(st.sampled_from((" ", "  ", " | ", "|"))).join(words)


@st.composite
def date_line(draw) -> str:
    y, m, d = draw(st.integers(2015, 2025)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    time = f" {draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}" if draw(st.booleans()) else ""
    return draw(st.sampled_from((f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}年{m}月{d}日", f"{y}.{m}.{d}"))) + time


@st.composite
def host_message_line(draw, worded: bool = False) -> str:
    """A host's message; `worded` as a sentence (抱歉，页面不存在！), which only outside the
    body is the host's: inside it a plan may say as much."""
    phrase = draw(st.sampled_from(_HOST_PHRASES))
    if phrase[0].isascii():
        return f"{draw(st.sampled_from((404, 500, 502, 503)))} {phrase}"
    return draw(st.sampled_from(("", "抱歉，"))) + phrase + ("！" if worded else "")


@st.composite
def trail_continuation_line(draw) -> str:
    """The second line of a breadcrumb that wrapped: ` > 信息公开 > 工作计划`."""
    items = draw(st.lists(st.sampled_from(_TRAIL_ITEMS), min_size=1, max_size=3))
    sep = draw(st.sampled_from((" > ", ">", " >> ", " » ", " › ")))
    return draw(st.sampled_from(("", " "))) + sep.lstrip() + sep.join(items)


CLUTTER_ANYWHERE = {"badge": badge_line(), "size": size_line(), "pages": page_count_line(),
                    "counter": counter_line(), "widgets": widget_row_line(), "host": host_message_line(),
                    "trail": trail_continuation_line()}
CLUTTER_OUTSIDE_BODY = {"date": date_line(), "worded host": host_message_line(worded=True)}


@st.composite
def clutter_line(draw, pool: Pool, outside_body: bool) -> tuple[str, str]:
    """(class, line) in the pool's script; dates only where the body is not."""
    classes = {**CLUTTER_ANYWHERE, **(CLUTTER_OUTSIDE_BODY if outside_body else {})}
    kind = draw(st.sampled_from(sorted(classes)))
    return kind, pool.conv(draw(classes[kind]))


@st.composite
def cluttered_documents(draw, script: str | None = None) -> Doc:
    """A generated plan with clutter of every class above the body, below it and (the classes
    that are chrome anywhere) between its blocks."""
    doc = draw(documents(script=script))
    pool = POOLS[doc.script]
    body = [i for i, b in enumerate(doc.blocks) if b.kind in ("heading", "paragraph")]
    first, last = body[0], body[-1]
    blocks = list(doc.blocks)
    below = [Block("chrome", (draw(clutter_line(pool, True))[1],), blank_before=draw(st.booleans()))
             for _ in range(draw(st.integers(0, 3)))]
    tail = next((i for i in range(last + 1, len(blocks)) if blocks[i].kind == "spam"), len(blocks))
    blocks[tail:tail] = below
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(first + 1, last)) if last > first else last
        blocks.insert(at, Block("chrome", (draw(clutter_line(pool, False))[1],), blank_before=True))
    above = [Block("chrome", (draw(clutter_line(pool, True))[1],)) for _ in range(draw(st.integers(0, 3)))]
    blocks[first:first] = above
    return replace(doc, blocks=tuple(blocks), defects=doc.defects | {"clutter"})
