"""The consistency `check` reports (issue 17): a glossary term rendered by a variant nobody
gave a reason for, a passage that speaks of a theme without its tag, and Chinese in English
text that the site cannot mark with its language. Each fails `check --strict`, names the
file, line and field, and goes away once fixed or signed off."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from edplans.check import run_check

DOC = Path("content") / "documents"
ROOT = Path(__file__).resolve().parent.parent.parent


def _check(project: Path) -> tuple[int, str]:
    if not (project / "schemas").exists():     # else every strict check fails on stale schemas
        shutil.copytree(ROOT / "schemas", project / "schemas")
    out = io.StringIO()
    code = run_check(project, strict=True, out=out)
    return code, out.getvalue()


def _line_of(path: Path, pattern: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if re.search(pattern, line))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_content_passes_the_consistency_rules():
    code, out = _check(ROOT)
    assert code == 0, out[-3000:]
    assert "UNTAGGED" not in out and "glossary-variant" not in out and "unmarked-chinese" not in out


def test_a_rendering_by_a_variant_without_a_reason_fails_the_check(project_copy):
    en_yaml = project_copy / DOC / "changzhou-2019-work-points" / "en.yaml"
    glossary = project_copy / "content" / "registry" / "glossary.yaml"
    text = en_yaml.read_text(encoding="utf-8")
    block = text[text.index("\np-7-30-1:"):]
    block = block[:block.index("\np-", 5)]
    en_line = text[:text.index("\np-7-30-1:")].count("\n") + 1 + block[1:].splitlines().index("  en: >-") + 1
    en_yaml.write_text(text.replace(block, re.sub(r"(?<!famous )\bclass teacher(s?)\b", r"homeroom teacher\1", block)),
                       encoding="utf-8")
    # recognised as the term's variant, but without a reason
    _replace(glossary, "    zh: 班主任\n    en: class teacher\n    aliases: []\n",
             "    zh: 班主任\n    en: class teacher\n    aliases: []\n    en_variants: [homeroom teacher]\n")
    code, out = _check(project_copy)
    assert code == 1
    line = (f"content/documents/changzhou-2019-work-points/en.yaml:{en_line} glossary-variant: p-7-30-1.en "
            "renders «班主任» as “homeroom teacher")
    assert line in out, out[-3000:]
    assert "hint: write “class teacher”, or give the variant its reason" in out
    # a reason makes the variant right where it is used
    _replace(glossary, "    en_variants: [homeroom teacher]\n",
             "    en_variants:\n      - {en: homeroom teacher, reason: \"the American name, kept in a test\"}\n")
    code, out = _check(project_copy)
    assert "glossary-variant" not in out and code == 0, out[-3000:]


def test_the_tag_report_lists_a_passage_built_to_lack_its_tag(project_copy):
    document = project_copy / DOC / "changzhou-2024-work-points" / "document.yaml"
    _replace(document, "themes: [whole-person, digitalisation/platforms]", "themes: [whole-person]")
    line = _line_of(document, r"^  p-4-18-1:")
    code, out = _check(project_copy)
    assert code == 1
    assert (f"UNTAGGED content/documents/changzhou-2024-work-points/document.yaml:{line} p-4-18-1 digitalisation "
            "(APP、电子化)") in out, out[-3000:]
    assert re.search(r"changzhou-2024-work-points: 1 untagged, \d+ signed off", out)
    assert re.search(r"changzhou-2019-work-points: 0 untagged, \d+ signed off", out)
    # signed off with a reason: listed, no longer failing
    _replace(document, "  p-4-18-1:\n    themes: [whole-person]\n",
             "  p-4-18-1:\n    themes: [whole-person]\n    not_themes:\n"
             "      digitalisation: the app only records the labour practice\n")
    code, out = _check(project_copy)
    assert code == 0, out[-3000:]
    assert "signed off content/documents/changzhou-2024-work-points/document.yaml" in out
    assert "p-4-18-1 digitalisation (APP、电子化) — the app only records the labour practice" in out


def test_a_sign_off_names_a_theme_and_gives_a_reason(project_copy):
    document = project_copy / DOC / "changzhou-2024-work-points" / "document.yaml"
    _replace(document, "themes: [whole-person, digitalisation/platforms]\n",
             "themes: [whole-person, digitalisation/platforms]\n    not_themes:\n      digitalisaton: typo\n"
             "      digitalisation: tagged as well\n")
    code, out = _check(project_copy)
    assert code == 1


def test_an_unmarked_chinese_run_in_english_text_fails_the_check(project_copy):
    """A title is written into <title> and attributes, where no <span lang> can go."""
    document = project_copy / DOC / "northern-city-14th-five-year-excerpt" / "document.yaml"
    text = document.read_text(encoding="utf-8")
    title_en = re.search(r"(?m)^title:\n  zh: .*\n  en: (.*)$", text)
    _replace(document, f"  en: {title_en.group(1)}\n", f"  en: {title_en.group(1)} (兴边富民)\n")
    line = _line_of(document, r"兴边富民\)$")
    indicators = project_copy / "content" / "registry" / "indicators.yaml"
    _replace(indicators, 'en: Pass rate of "Leading Plan" schools', 'en: Pass rate of 领航计划 schools')
    ind_line = _line_of(indicators, "Pass rate of 领航计划 schools")
    code, out = _check(project_copy)
    assert code == 1
    assert (f"content/documents/northern-city-14th-five-year-excerpt/document.yaml:{line} unmarked-chinese: "
            "title.en «") in out, out[-3000:]
    assert (f"content/registry/indicators.yaml:{ind_line} unmarked-chinese: "
            "navigator-plan-schools-pass-rate.name.en «Pass rate of 领航计划 schools at end-of-term assessment»") in out
    assert "hint: give it in pinyin or English" in out
