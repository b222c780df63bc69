"""The downloadable data, documented column by column on the data page:

- targets.csv.gz and targets.json.gz per theme, targets.csv.gz per indicator and
  jurisdiction, one row per target, the same COLUMNS (gzip: the rows repeat across the three
  groupings and the full dataset, and compress to about a quarter);
- data/theme-shares.csv, each document's share of text per theme (SHARE_COLUMNS);
- data/documents/<id>.json.gz, one document's passages, theme shares and targets
  (DOCUMENT_FIELDS), which the compare page reads (the passages' text it takes from the
  document's pages).

 Values are written exactly as annotated; every quote is the canonical text's own
span, so it is found verbatim in the document."""
from __future__ import annotations

import csv
import gzip
import io
import json

from ..ingest.script import to_traditional
from ..model import Corpus, Document, Target
from . import urls
from .comparable import basis
from .analysis import ThemeShare, province_of

COLUMNS = (
    ("id", "document id / target id; stable while the passage keeps its numbering",
     "文件编号/数字编号；所在段落编号不变时保持稳定"),
    ("document", "document id",
     "文件编号"),
    ("document_title_zh", "document title",
     "文件标题"),
    ("document_title_en", "document title in English",
     "文件英文标题"),
    ("jurisdiction", "jurisdiction id",
     "辖区编号"),
    ("jurisdiction_zh", "jurisdiction name",
     "辖区名称"),
    ("jurisdiction_en", "jurisdiction name in English",
     "辖区英文名称"),
    ("theme", "the indicator's theme",
     "指标所属主题"),
    ("subtopic", "the indicator's sub-topic, if any",
     "指标所属子主题（如有）"),
    ("passage_themes", "the passage's theme tags, main first, separated by spaces",
     "所在段落的主题标签，主要主题在前，以空格分隔"),
    ("indicator", "indicator id",
     "指标编号"),
    ("indicator_en", "indicator name in English",
     "指标英文名称"),
    ("value", "the figure, when it is a single number",
     "单个数值"),
    ("min", "lower bound of a range",
     "区间下限"),
    ("max", "upper bound of a range",
     "区间上限"),
    ("comparator", "= exactly, ≥ at least, ≤ at most, ≈ about",
     "= 恰为，≥ 不少于，≤ 不超过，≈ 约为"),
    ("unit", "unit as the text gives it",
     "原文所用单位"),
    ("unit_en", "unit in English",
     "单位的英文"),
    ("higher_is_better", "whether a larger figure is the better outcome",
     "数值越大是否越好"),
    ("year", "deadline (target) or year reached (achievement)",
     "目标期限（目标）或达成年份（已完成）"),
    ("kind", "target or achievement",
     "target（目标）或 achievement（已完成）"),
    ("period", "what kind of figure: year (one year's), plan-total (over the plan period), per-year (each "
     "year of the period), level (a level to reach)",
     "数字类别：year（单一年度）、plan-total（规划期合计）、per-year（规划期内每年）、level（要达到的水平）"),
    ("jurisdiction_level", "the jurisdiction's level: province, prefecture, county, district or unknown",
     "地区层级：province（省）、prefecture（地级市）、county（县级）、district（区）或 unknown（不明）"),
    ("comparable_group", "figures of one indicator with the same group compare (period, tier of government, "
     "scheme; at an unknown level, the one jurisdiction, or the one document when the jurisdiction is "
     "unknown); compare no others",
     "同一指标下此列相同的数字才可比（数字类别、政府层级、评定范围；层级不明时限于同一地区，地区不明时限于同一文件）"),
    ("part_of", "the jurisdiction whose figure this is a part of, when the text says so",
     "原文说明此数字属于其一部分的上级地区"),
    ("summed", "true when the document gives its figure in parts that add up",
     "文件将数字分项给出、各项相加时为 true"),
    ("value_unknown", "true when the source lost the figure's digits",
     "原文数字缺损时为 true"),
    ("quote", "the sentence or clause stating the figure, verbatim from the canonical (simplified) text",
     "陈述该数字的句子或分句，逐字取自规范（简体）文本"),
    ("passage", "passage id",
     "段落编号"),
    ("permalink", "address of the passage on the Chinese page",
     "该段落在中文页面上的地址"),
    ("permalink_en", "address of the passage on the English page",
     "该段落在英文页面上的地址"),
    ("description_en", "what the figure says, in English",
     "该数字含义的英文说明"),
    ("baseline", "the starting figure, when the text gives one",
     "原文给出的起点数值（如有）"),
    ("note_en", "editors' note",
     "编者注（英文）"),
)


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _group(b) -> str:
    """"plan-total/county", "level/all", "year/prefecture/jiangsu": a basis as one field."""
    return "/".join(x for x in (b.period, b.tier or "all", b.within, b.alone) if x)


def target_row(target: Target, corpus: Corpus, base_url: str, passage_themes: tuple[str, ...]) -> dict:
    document = corpus.document(target.document)
    jurisdiction = corpus.jurisdictions[target.jurisdiction]
    indicator = corpus.indicators[target.indicator]
    return {
        "id": f"{document.id}/{target.id}",
        "document": document.id,
        "document_title_zh": document.title.zh,
        "document_title_en": document.title.en,
        "jurisdiction": jurisdiction.id,
        "jurisdiction_zh": jurisdiction.name.zh,
        "jurisdiction_en": jurisdiction.name.en,
        "theme": indicator.theme,
        "subtopic": indicator.subtopic,
        "passage_themes": " ".join(passage_themes),
        "indicator": indicator.id,
        "indicator_en": indicator.name.en,
        "value": _number(target.value),
        "min": _number(target.min),
        "max": _number(target.max),
        "comparator": target.comparator,
        "unit": indicator.unit.zh,
        "unit_en": indicator.unit.en,
        "higher_is_better": indicator.higher_is_better,
        "year": target.year,
        "kind": target.kind,
        "period": target.period,
        "jurisdiction_level": jurisdiction.level,
        "comparable_group": _group(basis(target, indicator, corpus.jurisdictions)),
        "part_of": target.part_of,
        "summed": target.summed,
        "value_unknown": target.unknown,
        "quote": target.quote,
        "passage": target.passage,
        "permalink": urls.absolute(base_url, urls.document("zh", document.id)) + "#" + target.passage,
        "permalink_en": urls.absolute(base_url, urls.document("en", document.id)) + "#" + target.passage,
        "description_en": target.description,
        "baseline": _number(target.baseline),
        "note_en": target.note.en if target.note else None,
    }


def target_rows(corpus: Corpus, base_url: str) -> list[dict]:
    themes = {(d.id, p.id): p.themes for d in corpus.documents for p in d.passages()}
    return [target_row(t, corpus, base_url, themes[(t.document, t.passage)]) for t in corpus.targets()]


class TargetsDownloads:
    """A set of target rows as the CSV and (optionally) JSON downloads, gzip, written as the
    rows arrive: a theme's rows at 10,000 documents (tens of thousands, with their quotes)
    held whole, with their CSV and JSON text, took hundreds of megabytes."""

    def __init__(self, with_json: bool):
        self.csv = _GzipStream()
        self.buffer = io.StringIO()
        self.writer = csv.DictWriter(self.buffer, fieldnames=[name for name, _, _ in COLUMNS], lineterminator="\r\n")
        # A byte-order mark so that spreadsheet programs open the Chinese text as UTF-8.
        self.buffer.write("\ufeff")
        self.writer.writeheader()
        self.json = _GzipStream() if with_json else None
        self.first = True
        if self.json:
            columns = [{"name": name, "description": en, "description_zh": zh} for name, en, zh in COLUMNS]
            self.json.write('{"columns":' + json.dumps(columns, ensure_ascii=False, separators=(",", ":"))
                            + ',"targets":[')

    def add(self, rows: list[dict]) -> None:
        for row in rows:
            self.writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                                  for k, v in row.items()})
            if self.json:
                self.json.write(("" if self.first else ",") + json.dumps(row, ensure_ascii=False, separators=(",", ":")))
                self.first = False
        self.csv.write(self.buffer.getvalue())
        self.buffer.seek(0)
        self.buffer.truncate()

    def finish(self) -> tuple[bytes, bytes | None]:
        """(csv.gz, json.gz or None)"""
        self.csv.write(self.buffer.getvalue())
        if self.json:
            self.json.write("]}\n")
        return self.csv.close(), self.json.close() if self.json else None


class _GzipStream:
    """Text in, gzip out, deterministic (no name, no timestamp), like gzipped()."""

    def __init__(self):
        self.out = io.BytesIO()
        self.file = gzip.GzipFile(fileobj=self.out, mode="wb", compresslevel=6, mtime=0)

    def write(self, text: str) -> None:
        if text:
            self.file.write(text.encode("utf-8"))

    def close(self) -> bytes:
        self.file.close()
        return self.out.getvalue()


SHARE_COLUMNS = (
    ("document", "document id", "文件编号"),
    ("theme", "theme id", "主题编号"),
    ("characters", "characters of passage text on the theme; a passage tagged with n themes gives 1/n of "
     "its characters to each", "该主题的段落字数；标有n个主题的段落，每个主题计其字数的1/n"),
    ("total_characters", "all passage characters of the document (headings not counted)",
     "文件全部段落字数（不计标题）"),
    ("percent", "characters / total_characters × 100, to one decimal", "字数占比（%），保留一位小数"),
)


def shares_csv(shares: dict[str, dict[str, ThemeShare]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in SHARE_COLUMNS])
    for doc_id, by_theme in shares.items():
        for theme, share in by_theme.items():
            writer.writerow([doc_id, theme, f"{share.characters:.2f}", share.total, f"{share.percent:.1f}"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


DOCUMENT_FIELDS = (
    ("id, title, title_zh_hant", "document id; title in zh and en; the title in traditional characters",
     "文件编号；中英文标题；繁体标题"),
    ("jurisdiction", "id and names of the jurisdiction the document belongs to", "文件所属辖区的编号与名称"),
    ("province", "id of the province the jurisdiction lies in (\"other\" when none is known); the compare page "
     "lists a province's documents from data/documents/provinces/<province>.json",
     "该辖区所在省份的编号（不明时为 \"other\"）；比较页面从 data/documents/provinces/<省份>.json 读取一省的文件列表"),
    ("type, year, period", "kind of document; first year; start and end years", "文件类型；起始年份；起止年份"),
    ("pages", "the document's page in each language, relative to the site root", "各语言的文件页面（相对网站根目录）"),
    ("theme_shares", "theme id -> percent of the passage text, as in theme-shares.csv",
     "主题编号 → 段落字数占比（%），与 theme-shares.csv 相同"),
    ("passages", "every passage in reading order: id, section, jurisdiction, themes (tags, main first); "
     "its text is on the document's pages (the element with the passage id) and, in both languages, "
     "in edplans-dataset.jsonl.gz",
     "按阅读顺序列出全部段落：编号、章节、辖区、主题标签（主要主题在前）；段落文字见文件页面"
     "（以段落编号为 id 的元素），中英文全文亦见 edplans-dataset.jsonl.gz"),
    ("targets", "the document's rows of targets.json, same columns", "该文件在 targets.json 中的各行，列相同"),
)


def gzipped(data: bytes) -> bytes:
    """A download as gzip, byte for byte the same for the same input (no timestamp)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def column_file(document: Document, runs: dict) -> dict:
    """A document's English column as runs, for data/documents/<id>.en-hant.json.gz: the
    passages whose English quotes Chinese characters, converted for the traditional page (it
    takes the rest of its English column from the English page). Passage id -> {"runs":
    [[text, lead, term, targets(, 1 for a placeholder)], ...], "note": translator's note} or, untranslated,
    {"pending": the English lead sentence}. Runs are text: site.js writes them with
    textContent."""
    column = {}
    for p in document.passages():
        segments = runs.get(p.id)
        if segments:
            column[p.id] = {"runs": [[r.text, 1 if r.lead else 0, r.term or "", " ".join(r.targets)]
                                     + ([1] if r.placeholder else []) for r in segments]}
            if p.en_note:
                column[p.id]["note"] = p.en_note
        else:
            column[p.id] = {"pending": p.lead_en or ""}
    return column


def column_json(column: dict) -> bytes:
    return gzipped((json.dumps(column, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))


def document_json(document: Document, corpus: Corpus, shares: dict[str, ThemeShare], rows: list[dict],
                  languages: tuple[str, ...]) -> bytes:
    jurisdiction = corpus.jurisdictions[document.jurisdiction]
    passages = []
    for section in document.all_sections():
        for p in section.passages:
            # the text is in the document's pages (the compare page reads it there) and the dataset
            passages.append({"id": p.id, "section": section.id, "jurisdiction": section.jurisdiction,
                             "themes": list(p.themes)})
    payload = {
        "id": document.id,
        "title": {"zh": document.title.zh, "en": document.title.en},
        "title_zh_hant": to_traditional(document.title.zh),
        "jurisdiction": {"id": jurisdiction.id, "zh": jurisdiction.name.zh, "en": jurisdiction.name.en},
        "province": province_of(jurisdiction.id, corpus.jurisdictions),
        "type": document.doc_type,
        "year": document.year,
        "period": [document.period_start, document.period_end],
        "pages": {lang: urls.document(lang, document.id).removesuffix("index.html") for lang in languages},
        "theme_shares": {theme: share.percent for theme, share in shares.items()},
        "passages": passages,
        "targets": [row for row in rows if row["document"] == document.id],
    }
    return gzipped((json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
