"""Like with like (docs/annotations.md, Comparability), on the real content: the figures a
policy reader found set side by side unlike (issue 12) now sit in separate groups or are
fixed in the annotations, and every change table compares only figures of one basis."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edplans.check import _load
from edplans.render.analysis import document_pairs, level_of
from edplans.render.comparable import basis, basis_label, group_by_basis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    corpus, errors = _load(ROOT)
    assert corpus is not None, [str(e) for e in errors.errors]
    return corpus


def _targets(corpus, doc_id: str, snippet: str):
    return [t for t in corpus.document(doc_id).targets if snippet in t.quote]


def _groups(corpus, indicator: str) -> list[set[str]]:
    """The documents in each comparable group of an indicator."""
    targets = [t for t in corpus.targets() if t.indicator == indicator]
    return [{t.document for t in members} for _, members in group_by_basis(targets, corpus.indicators,
                                                                           corpus.jurisdictions)]


@pytest.mark.parametrize("indicator, apart", [
    # a district beside a city
    ("new-school-places", ("changzhou-2022-district-goals", "changzhou-2024-work-points")),
    # one year's result beside a five-year target
    ("special-grade-teachers-added", ("changzhou-2022-district-goals", "rudong-2021-2025-five-year-plan")),
    ("industry-colleges", ("changzhou-2022-district-goals", "rudong-2021-2025-five-year-plan")),
    # different provinces' schemes (the northern city is not in Jiangsu, as far as anyone knows)
    ("provincial-quality-vocational-programmes", ("northern-city-14th-five-year-excerpt",
                                                  "changzhou-2024-work-points")),
])
def test_figures_the_review_found_unlike_are_in_separate_groups(corpus, indicator, apart):
    groups = _groups(corpus, indicator)
    assert all(not set(apart) <= group for group in groups), groups
    assert all(any(doc in group for group in groups) for doc in apart)


def test_a_share_compares_across_levels_and_a_count_does_not(corpus):
    registry = corpus.jurisdictions
    share = corpus.indicators["dual-qualified-teacher-share"]
    count = corpus.indicators["new-school-places"]
    assert share.across_levels and not count.across_levels
    city, district = (next(t for t in corpus.targets() if t.jurisdiction == j) for j in ("changzhou",
                                                                                       "zhonglou-district"))
    assert basis(city, share, registry).tier is None
    assert basis(city, count, registry).tier == "prefecture" and basis(district, count, registry).tier == "county"


def test_different_measures_have_different_indicators(corpus):
    # 150 new face-to-face courses are not 100 courses developed and offered online
    assert [t.indicator for t in _targets(corpus, "changzhou-2019-work-points", "150余门面授课程")] == [
        "community-education-courses"]
    assert [t.indicator for t in _targets(corpus, "changzhou-2024-work-points", "社区教育课程100门")] == [
        "community-education-courses-developed"]
    # 优秀教师 is not the 名特优 scheme
    assert [t.indicator for t in _targets(corpus, "changzhou-2019-work-points", "优秀教师500名")] == [
        "excellent-teachers-added"]
    assert [t.indicator for t in _targets(corpus, "changzhou-2024-work-points", "名特优")] == [
        "famous-teachers-added"]
    # 50 key construction projects are projects, not 50 schools
    assert [t.indicator for t in _targets(corpus, "changzhou-2019-work-points", "50个学校重点建设项目")] == [
        "key-school-construction-projects"]


def test_counts_of_what_already_exists_are_not_targets(corpus):
    quotes = " ".join(t.quote for t in corpus.document("changzhou-2019-work-points").targets)
    for existing in ("现有128名", "257名名校长基地培训对象", "140余名党政后备干部"):
        assert existing not in quotes


def test_the_five_ones_quotas_are_targets_like_rudongs_steam_list(corpus):
    quotas = [t for t in corpus.document("changzhou-2019-work-points").targets
              if t.indicator.startswith("famous-class-teacher-") and t.indicator.endswith("-per-year")]
    assert len(quotas) == 5
    assert {(t.value, t.period, t.kind) for t in quotas} == {(1, "per-year", "target")}


def test_quality_kindergartens_add_up_and_rise(corpus):
    parts = [t for t in corpus.document("changzhou-2019-work-points").targets
             if t.indicator == "quality-kindergartens-added"]
    assert sorted(t.value for t in parts) == [8, 10] and all(t.summed for t in parts)
    assert level_of(parts) == (18, 18)
    pair = next(p for p in document_pairs(corpus, corpus.jurisdictions["changzhou"])
                if p.before.id == "changzhou-2019-work-points")
    kinds = {c.indicator: c.kind for c in pair.changes}
    assert kinds["quality-kindergartens-added"] == "raised"       # 18 -> 20
    assert kinds["new-quality-schools"] == "unknown"              # 15 -> □0
    assert kinds["sports-skills-per-student"] == "changed"        # ≥1 -> 1–2 is not a rise
    assert "principals-trained" not in {c.indicator for c in pair.changes if c.before}


def test_every_change_compares_figures_of_one_basis(corpus):
    """Raised, lowered, carried or changed: the two sides share a basis; anything else is
    set apart with both bases, for the note the reader sees."""
    checked = 0
    for jurisdiction in corpus.jurisdictions.values():
        for pair in document_pairs(corpus, jurisdiction):
            for change in pair.changes:
                of = lambda ts: {basis(t, corpus.indicators[t.indicator], corpus.jurisdictions) for t in ts}  # noqa: E731
                if change.kind in ("raised", "lowered", "carried", "changed", "unknown"):
                    assert of(change.before) & of(change.after), change
                    checked += 1
                elif change.kind == "apart":
                    assert not of(change.before) & of(change.after) and all(change.bases)
    assert checked >= 5


def test_every_target_states_its_period_and_a_stock_is_never_one(corpus):
    from edplans.annotate.figures import stock_word
    for document in corpus.documents:
        for passage in document.passages():
            for t in passage.targets:
                assert t.period in ("year", "plan-total", "per-year", "level")
                assert t.kind == "achievement" or stock_word(passage.text, t.start, t.end) is None, t.quote


def test_excerpts_are_labelled_wherever_their_figures_appear(built_site):
    site = Path(built_site.out)
    for lang, word in (("en", "(excerpt)"), ("zh", "（节选）")):
        page = (site / lang / "indicators" / "famous-teacher-studios" / "index.html").read_text(encoding="utf-8")
        assert re.search(r"(Unnamed northern city|未具名的北方城市) 2021–2025 \((excerpt|节选)\)", page), lang


def test_figures_of_an_unknown_jurisdiction_compare_with_no_other_document(corpus):
    """`jurisdiction: unknown` documents may each be a different place of a different level:
    each one's figures form a group of their own. A registry place of unknown level (the
    northern city) still compares with itself, and with nobody else."""
    import dataclasses

    from edplans.annotate.registry import UNKNOWN
    registry = corpus.jurisdictions
    assert registry["unknown"] == UNKNOWN
    target = next(t for t in corpus.targets() if not corpus.indicators[t.indicator].across_levels
                  and t.jurisdiction == "unnamed-northern-city")
    indicator = corpus.indicators[target.indicator]
    a, b = (dataclasses.replace(target, jurisdiction="unknown", document=d) for d in ("doc-a", "doc-b"))
    own_a, own_b = (dataclasses.replace(target, document=d) for d in ("doc-a", "doc-b"))
    assert basis(a, indicator, registry) != basis(b, indicator, registry)
    assert basis(own_a, indicator, registry) == basis(own_b, indicator, registry)
    assert basis(own_a, indicator, registry) != basis(a, indicator, registry)
    groups = group_by_basis([a, b, own_a], corpus.indicators, registry)
    assert sorted(sorted(t.document for t in members) for _, members in groups) == [["doc-a"], ["doc-a"], ["doc-b"]]
    labels = {basis_label(b_, "en", registry) for b_, _ in groups}
    assert any(label.endswith("governments of unknown level, one document only") for label in labels), labels
    assert any(label.endswith("Unnamed northern city only") for label in labels), labels
    assert document_pairs(corpus, UNKNOWN) == ()
    # a province's own scheme: whose scheme an anonymous document's figure follows is unknown too
    scheme = next(i for i in corpus.indicators.values() if i.within)
    a, b = (dataclasses.replace(target, jurisdiction="unknown", document=d, indicator=scheme.id)
            for d in ("doc-a", "doc-b"))
    assert basis(a, scheme, registry) != basis(b, scheme, registry)
