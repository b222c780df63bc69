"""Clean lines -> a section tree of passages with stable ids.

Headings: 一、 (part) > （一） (subsection) > 1. (item) | 重点工程一： (box), and
short unnumbered lines such as `钟楼区：5个“再出发”实现民生跃升` (heading).
Ids come from the numbering (`2-1-3`), never from a running counter across the
file, so editing one section leaves every other id alone."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Passage, Section
from .clean import CleanLine
from .structure_patterns import match_heading

RANK = {"preamble": 0, "heading": 1, "part": 1, "subsection": 2, "item": 3, "box": 3}
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月(\d{1,2}日)?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")
ID_PREFIX = {"box": "k", "heading": "h"}
SENTENCE = re.compile(r"[^。！？；]*(?:[。！？；]+[”’」』）)]*|$)")
MAX_LEAD = 25
MAX_ITEM_TITLE = 40
MAX_PLAIN_HEADING = 40


def split_sentences(text: str) -> tuple[str, ...]:
    """Split after 。！？； keeping closing quotes with the sentence they close."""
    return tuple(s for s in SENTENCE.findall(text) if s)


def lead_sentence(sentences: tuple[str, ...]) -> str | None:
    """A short first sentence that states what the paragraph is about (加强师德师风建设。)."""
    if len(sentences) < 2 or not sentences[0].endswith("。"):
        return None
    first = sentences[0][:-1]
    if len(first) > MAX_LEAD or "：" in first or first.count("，") > 1 or re.match(r"^\d{4}年", first):
        return None
    return first


def _plain_heading(text: str) -> bool:
    return (len(text) <= MAX_PLAIN_HEADING and not DATE_LINE.match(text) and not re.search(r"[。！？；，、]$|[。！？；]", text)
            and not text.endswith("："))


@dataclass
class _Node:
    kind: str
    number: int | None
    label: str
    title: str
    start_line: int
    rank: float = 0
    id: str = ""
    lines: list[CleanLine] = field(default_factory=list)
    # The body that followed the title on the heading's own line: its first
    # sentence is not a lead, the heading already is the title.
    rest: CleanLine | None = None
    children: list["_Node"] = field(default_factory=list)
    original: str = ""   # label and title as published (the source's own script)


def _classify(line: CleanLine) -> tuple[str, int | None, str, str, str] | None:
    """(kind, number, label, title, rest-of-line) for a heading line, else None."""
    text = line.canonical
    heading = match_heading(text)
    if heading:
        kind, number, rest = heading
        label = text[: len(text) - len(rest)]
        sentences = split_sentences(rest)
        if len(sentences) > 1 and len(sentences[0]) <= MAX_ITEM_TITLE + 1:
            return kind, number, label, sentences[0].rstrip("。"), rest[len(sentences[0]):]
        if len(rest) > MAX_ITEM_TITLE + 1 and kind == "item":
            return None  # "1.5亿元…" style body text, not a heading
        return kind, number, label, rest.rstrip("。"), ""
    if _plain_heading(text):
        return "heading", None, "", text, ""
    return None


def _build_tree(lines: tuple[CleanLine, ...]) -> list[_Node]:
    preamble = _Node("preamble", None, "", "", lines[0].start if lines else 1, id="0")
    roots: list[_Node] = [preamble]
    stack: list[_Node] = []
    for line in lines:
        found = _classify(line)
        if found is None:
            (stack[-1] if stack else preamble).lines.append(line)
            continue
        kind, number, label, title, rest = found
        # An unnumbered heading sits just below the part or subsection it appears in.
        rank = RANK[kind] if kind != "heading" or not stack else _numbered_rank(stack) + 0.5
        node = _Node(kind, number, label, title, line.start, rank)
        # t2s keeps one character per character: the same span of the original line.
        node.original = line.original[: len(label) + len(title)]
        while stack and stack[-1].rank >= rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        if rest:
            node.rest = CleanLine(line.start, line.end, _rest_of(line.original, rest), rest)
            node.lines.append(node.rest)
    if not preamble.lines:
        roots.remove(preamble)
    return roots


def _numbered_rank(stack: list[_Node]) -> float:
    """Rank of the part or subsection an unnumbered heading falls in (items and boxes close)."""
    return next((RANK[node.kind] for node in reversed(stack) if node.kind in ("part", "subsection")), 0.5)


def _rest_of(original: str, canonical_rest: str) -> str:
    """The original-script text matching the tail of the canonical line (t2s keeps length)."""
    return original[len(original) - len(canonical_rest):]


def _assign_ids(nodes: list[_Node], parent_id: str, used: set[str]) -> None:
    headings = 0
    for node in nodes:
        if node.kind == "preamble":
            continue
        if node.kind == "heading":
            headings += 1
            part = f"h{headings}"
        else:
            part = f"{ID_PREFIX.get(node.kind, '')}{node.number}"
        candidate = f"{parent_id}-{part}" if parent_id else part
        node.id = candidate
        suffix = 2
        while node.id in used:  # numbering that repeats: "r2" cannot be read as a number
            node.id = f"{candidate}r{suffix}"
            suffix += 1
        used.add(node.id)
        _assign_ids(node.children, node.id, used)


def _freeze(node: _Node, jurisdiction: str) -> Section:
    passages = []
    for index, line in enumerate(node.lines, start=1):
        sentences = split_sentences(line.canonical)
        passages.append(Passage(
            id=f"p-{node.id}-{index}", section_id=node.id, index=index,
            lead=None if line is node.rest else lead_sentence(sentences), text=line.canonical, original=line.original,
            sentences=sentences, start_line=line.start, end_line=line.end))
    return Section(
        id=node.id, kind=node.kind, number=node.number, label=node.label, title=node.title,
        title_en=None, start_line=node.start_line, jurisdiction=jurisdiction, heading_original=node.original,
        passages=tuple(passages), children=tuple(_freeze(c, jurisdiction) for c in node.children))


def build_sections(lines: tuple[CleanLine, ...], jurisdiction: str = "") -> tuple[Section, ...]:
    roots = _build_tree(lines)
    _assign_ids(roots, "", {"0"})
    return tuple(_freeze(node, jurisdiction) for node in roots)


def summarise(sections: tuple[Section, ...]) -> str:
    """A readable outline for golden files: one line per section, passage ids and leads."""
    out = []
    for top in sections:
        for section in top.walk():
            depth = section.id.count("-")
            out.append(f"{'  ' * depth}[{section.id}] {section.kind} {section.label}{section.title}")
            for passage in section.passages:
                lead = f" «{passage.lead}»" if passage.lead else ""
                out.append(f"{'  ' * depth}  {passage.id} L{passage.start_line} {len(passage.text)}字{lead}")
    return "\n".join(out) + "\n"
