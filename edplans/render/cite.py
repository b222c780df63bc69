"""How to cite a document and its passages: the values of the plain citation (site.js fills in
the section, the paragraph and the reader's date of access) and the document's BibTeX,
CSL-JSON and RIS records. Every record cites the Chinese original; an English page adds the
translation (edplans's, from that original). Nothing here invents an issuer or a date: a
document that names neither says so.

On a local build (base_url on localhost) no address is printed as if it were the
published one: the citation says it is a preview."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from . import urls


@dataclass(frozen=True)
class Citation:
    issuer: str            # "" when the document names none
    title: str             # as the page's language cites it
    year: str              # "" when the document gives no date or period
    url: str               # "" on a preview build
    bibtex: str
    csl_json: str
    ris: str


def _year(document) -> tuple[str, list[int]]:
    for kind in ("published", "issued", "generated"):
        for k, value in document.dates:
            if k == kind and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                y, m, d = (int(x) for x in value.split("-"))
                return str(y), [y, m, d]
    if document.period_start:
        return str(document.period_start), [document.period_start]
    return "", []


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def _bib(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in value)


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def citation(document, lang: str, base_url: str, preview: bool, t) -> Citation:
    """`t(key)` gives UI strings in the page's language (edition names, notes); `preview`:
    a local build (SiteConfig.preview), whose addresses are not given as the site's."""
    year, parts = _year(document)
    zh_url = "" if preview else urls.absolute(base_url, urls.document("zh", document.id))
    own_url = "" if preview else urls.absolute(base_url, urls.document(lang, document.id))
    issuer_zh = document.publisher.zh if document.publisher else ""
    issuer = document.publisher.get("zh" if lang == "zh-hant" else lang) if document.publisher else ""
    title_zh = document.title.zh
    title = f"{title_zh} [{document.title.en}]" if lang == "en" else document.title.get("zh" if lang == "zh-hant" else lang)
    key = "edplans-" + document.id
    note = t("cite_preview") if preview else ""

    bib = [f"@misc{{{key},"]
    bib.append(f"  author = {{{{{_bib(issuer_zh)}}}}}," if issuer_zh else "  author = {{Issuer not stated}},")
    bib.append(f"  title = {{{_bib(title_zh)}}},")
    if year:
        bib.append(f"  year = {{{year}}},")
    bib.append("  language = {chinese},")
    bib.append(f"  url = {{{zh_url}}}," if zh_url else f"  note = {{{_bib(note)}}},")
    bib.append("  howpublished = {edplans},\n}")
    records = ["\n".join(bib)]
    csl = [{"id": key, "type": "document", "title": title_zh, "language": "zh-Hans",
            **({"author": [{"literal": issuer_zh}]} if issuer_zh else {}),
            **({"issued": {"date-parts": [parts]}} if parts else {}),
            **({"URL": zh_url} if zh_url else {"note": note}),
            "container-title": "edplans"}]
    ris = [_ris_line("TY", "GOVDOC"), _ris_line("TI", title_zh)]
    if issuer_zh:
        ris.append(_ris_line("AU", issuer_zh))
    if year:
        ris.append(_ris_line("PY", year))
    ris += [_ris_line("LA", "zh-Hans"), _ris_line("UR", zh_url) if zh_url else _ris_line("N1", note),
            _ris_line("DB", "edplans"), _ris_line("ER", "")]
    if lang == "en":
        en_key = key + "-en"
        records.append("\n".join([
            f"@misc{{{en_key},", "  author = {{edplans}},",
            f"  title = {{{_bib(document.title.en)}}},",
            *([f"  year = {{{year}}},"] if year else []), "  language = {english},",
            f"  note = {{{_bib(t('cite_translation_note'))} {_bib(title_zh)}}},",
            f"  url = {{{own_url}}}," if own_url else f"  addendum = {{{_bib(note)}}},", "}"]))
        csl.append({"id": en_key, "type": "document", "title": document.title.en, "language": "en",
                    "original-title": title_zh, "translator": [{"literal": "edplans"}],
                    **({"author": [{"literal": issuer_zh}]} if issuer_zh else {}),
                    **({"issued": {"date-parts": [parts]}} if parts else {}),
                    **({"URL": own_url} if own_url else {"note": note}), "container-title": "edplans"})
        ris += ["", _ris_line("TY", "GOVDOC"), _ris_line("TI", document.title.en), _ris_line("TT", title_zh),
                *([_ris_line("AU", issuer_zh)] if issuer_zh else []), _ris_line("A4", "edplans"),
                *([_ris_line("PY", year)] if year else []), _ris_line("LA", "en"),
                _ris_line("UR", own_url) if own_url else _ris_line("N1", note),
                _ris_line("N1", t("cite_translation_note") + " " + title_zh), _ris_line("DB", "edplans"),
                _ris_line("ER", "")]
    return Citation(issuer, title, year, own_url, "\n\n".join(records) + "\n", _csl_json(csl), "\n".join(ris) + "\n")


def _csl_json(records: list[dict]) -> str:
    """CSL-JSON laid out for a reader: a field a line, each value on one line (indent=2 put a
    date on seven, the largest part of the record's bytes)."""
    def one(record: dict) -> str:
        return "  {\n" + ",\n".join(f"    {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
                                    for key, value in record.items()) + "\n  }"
    return "[\n" + ",\n".join(one(record) for record in records) + "\n]\n"
