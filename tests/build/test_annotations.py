"""The annotation layer of the real content: complete, exact, traceable."""
from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from tests.site_data import target_csv_rows, target_rows
import yaml

from edplans.annotate.schema import stale_schemas
from edplans.check import _load, run_check, schemas_for

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def corpus():
    corpus, errors = _load(ROOT)
    assert corpus is not None, [str(e) for e in errors.errors]
    return corpus


def test_check_strict_passes_with_no_gaps():
    out = io.StringIO()
    assert run_check(ROOT, strict=True, out=out) == 0, out.getvalue()[-3000:]
    assert "annotation gaps: none" in out.getvalue()


def test_every_passage_is_tagged_and_every_heading_and_lead_has_english(corpus):
    for document in corpus.documents:
        assert document.summary and document.nature, document.id
        assert 80 <= len(document.summary.en.split()) <= 150, document.id
        for section in document.all_sections():
            assert not section.title or section.title_en, (document.id, section.id)
            for passage in section.passages:
                assert passage.themes, (document.id, passage.id)
                assert not passage.lead or passage.lead_en, (document.id, passage.id)


def test_featured_passages_leave_no_number_unreviewed(corpus):
    assert [(d.id, pid, q.text) for d in corpus.documents for pid, q in d.candidates] == []


def test_well_over_a_hundred_targets_and_dozens_per_featured_theme(corpus):
    targets = list(corpus.targets())
    assert len(targets) > 150
    per_theme = defaultdict(int)   # targets in passages tagged with the theme
    for document in corpus.documents:
        for passage in document.passages():
            for theme in passage.theme_ids:
                per_theme[theme] += len(passage.targets)
    for theme in corpus.featured_themes:
        assert per_theme[theme.id] >= 24, (theme.id, per_theme[theme.id])
    assert all(document.targets for document in corpus.documents)


def test_at_least_ten_indicators_compare_two_or_more_documents(corpus):
    documents = defaultdict(set)
    for target in corpus.targets():
        documents[target.indicator].add(target.document)
    shared = sorted(i for i, docs in documents.items() if len(docs) >= 2)
    assert len(shared) >= 10, shared
    assert set(documents) == set(corpus.indicators), "every indicator in the registry is used"


def test_numbers_are_recorded_exactly_as_the_text_gives_them(corpus):
    def find(doc_id, snippet):
        return [t for t in corpus.document(doc_id).targets if snippet in t.quote]
    places = find("changzhou-2024-work-points", "新增学位1.13万个")
    assert [(t.value, t.comparator) for t in places] == [(11300, "=")]
    bases = find("changzhou-2024-work-points", "高水平基地2—3家")
    assert [(t.min, t.max) for t in bases] == [(2, 3)]
    assert all(t.value == 85 and t.comparator == "≥"
               for t in find("rudong-2021-2025-five-year-plan", "85%以上"))


def test_the_two_jurisdictions_of_the_2022_digest_keep_their_own_targets(corpus):
    jurisdictions = {t.jurisdiction for t in corpus.document("changzhou-2022-district-goals").targets}
    assert {"zhonglou-district", "liyang"} <= jurisdictions


def test_the_lost_digit_is_not_guessed(corpus):
    """□0所: a target whose tens digit the source lost is a target of unknown value."""
    lost = [t for t in corpus.document("changzhou-2024-work-points").targets if re.search(r"□\d", t.quote)]
    assert [(t.indicator, t.unknown, t.value, t.min, t.max, t.kind) for t in lost] == [
        ("new-quality-schools", True, None, None, None, "target")]


def _rows(built_site):
    return target_rows(built_site.out)


def test_targets_json_and_csv_hold_one_row_per_target(built_site, corpus):
    rows, columns = _rows(built_site)
    assert len(rows) == sum(len(d.targets) for d in corpus.documents)
    assert len({row["id"] for row in rows}) == len(rows)
    table = target_csv_rows(built_site.out)
    assert [c["name"] for c in columns] == list(table[0])
    for row, line in zip(rows, table, strict=True):
        assert line["quote"] == row["quote"] and line["id"] == row["id"]
        assert line["value"] == ("" if row["value"] is None else str(row["value"]))
    for name in ("document", "jurisdiction", "theme", "indicator", "value", "min", "max", "comparator", "unit",
                 "year", "kind", "quote", "permalink", "description_en"):
        assert name in table[0]


def _passage_texts(html: str) -> dict[str, str]:
    """Passage id -> the Chinese text a reader sees there (marks and term links removed)."""
    blocks = re.findall(r'<div class="passage" id="(p-[^"]+)">\s*<p class="passage-text"[^>]*>(.*?)</p>', html, re.S)
    return {pid: unescape(re.sub(r"<[^>]+>", "", body)) for pid, body in blocks}


def _marked_stretches(html: str) -> dict[str, list[str]]:
    """Passage id -> the stretches of its Chinese text a reader sees highlighted: the text of
    each run of <mark>s that touch (a term link or the lead's end splits a mark in two, which
    reads as one)."""
    found = {}
    for pid, body in re.findall(r'<div class="passage" id="(p-[^"]+)">\s*<p class="passage-text"[^>]*>(.*?)</p>', html, re.S):
        stretches, current, inside = [], [], False
        for token in re.split(r"(</?mark>)", body):
            if token in ("<mark>", "</mark>"):
                inside = token == "<mark>"
                continue
            shown = unescape(re.sub(r"<[^>]+>", "", token))
            if inside:
                current.append(shown)
            elif shown and current:
                stretches.append("".join(current))
                current = []
        if current:
            stretches.append("".join(current))
        if stretches:
            found[pid] = stretches
    return found


def test_every_quote_is_verbatim_in_its_document_and_its_permalink_lands(built_site, corpus):
    rows, _ = _rows(built_site)
    pages: dict[str, dict[str, str]] = {}
    for row in rows:
        document = corpus.document(row["document"])
        assert row["permalink"].endswith(f"/zh/documents/{document.id}/#{row['passage']}")
        if document.id not in pages:
            path = built_site.out / "zh" / "documents" / document.id / "index.html"
            pages[document.id] = _passage_texts(path.read_text(encoding="utf-8"))
        shown = pages[document.id]
        assert row["passage"] in shown, row["id"]                 # the permalink's anchor exists
        assert row["quote"] in shown[row["passage"]], row["id"]   # and the quote reads there verbatim


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_document_pages_mark_every_target_and_show_theme_tags(built_site, corpus, lang):
    for document in corpus.documents:
        html = (built_site.out / lang / "documents" / document.id / "index.html").read_text(encoding="utf-8")
        marks_in = html
        if lang == "en":   # the Chinese original beside the English is copied from the Chinese page
            assert f'data-column="../../../zh/documents/{document.id}/" data-column-lang="zh"' in html
            marks_in = (built_site.out / "zh" / "documents" / document.id / "index.html").read_text(encoding="utf-8")
        marked = _marked_stretches(marks_in)
        quotes = defaultdict(list)
        for target in document.targets:
            quotes[target.passage].append(target.quote)
            # each target's quote reads highlighted, in one stretch, in its passage
            assert any(target.quote in stretch for stretch in marked.get(target.passage, [])), (document.id, target.id)
        for pid, stretches in marked.items():   # and nothing else is highlighted
            assert all(any(q in stretch for q in quotes[pid]) for stretch in stretches), (document.id, pid, stretches)
        listed = re.findall(r'<li id="(t-[^"]+)"', html)
        assert sorted(listed) == sorted(t.id for t in document.targets)
        tags = re.findall(r'<ul class="theme-tags[ "]', html)
        assert len(tags) == sum(1 for _ in document.passages())


def test_schema_files_are_current_and_every_yaml_file_names_and_passes_its_schema(corpus):
    assert stale_schemas(ROOT, schemas_for(corpus)) == []
    files = {path: "document" for path in (ROOT / "content" / "documents").glob("*/document.yaml")}
    files.update({ROOT / "content" / "registry" / f"{name}.yaml": name
                  for name in ("themes", "indicators", "jurisdictions")})
    for path, name in files.items():
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path} must start with its yaml-language-server schema line"
        schema_path = (path.parent / match.group(1)).resolve()
        assert schema_path == (ROOT / "schemas" / f"{name}.schema.json").resolve(), path
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(text), schema)
