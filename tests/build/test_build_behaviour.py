"""Small broken or copied projects: errors name file:line, builds are deterministic and atomic."""
from __future__ import annotations

import hashlib
import pickle
import re
import shutil
from pathlib import Path

import pytest

from edplans.build.pipeline import Progress
from edplans.cli import main
from edplans.build import write as write_module
from edplans.errors import BuildError
from edplans.render.site import build

DOC = "content/documents/changzhou-2019-work-points/document.yaml"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _errors(project: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path / "out")
    return [str(e) for e in caught.value.errors]


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_two_builds_are_byte_identical(project_copy, tmp_path):
    build(project_copy, tmp_path / "a")
    build(project_copy, tmp_path / "b")
    first, second = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    assert first == second and len(first) > 10


def test_cached_and_uncached_ingest_build_the_same_site(project_copy, tmp_path):
    build(project_copy, tmp_path / "cold")   # fills project_copy/.cache
    assert any((project_copy / ".cache" / "ingest").iterdir())
    build(project_copy, tmp_path / "warm")   # reads it back
    assert _hashes(tmp_path / "cold") == _hashes(tmp_path / "warm")


def test_unknown_jurisdiction_names_file_line_and_closest_ids(project_copy, tmp_path):
    _edit(project_copy, DOC, "jurisdiction: changzhou", "jurisdiction: changzou")
    line = _line_of(project_copy, DOC, "jurisdiction: changzou")
    assert _errors(project_copy, tmp_path) == [
        f"{DOC}:{line} jurisdiction: unknown jurisdiction 'changzou' (hint: did you mean 'changzhou' or 'jiangsu'?)"]


def test_yaml_syntax_error_names_its_line(project_copy, tmp_path):
    _edit(project_copy, DOC, "type: annual-work-points", "type: [annual-work-points")
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith(f"{DOC}:") and "YAML syntax error" in message


def test_every_problem_is_reported_at_once(project_copy, tmp_path):
    _edit(project_copy, DOC, "type: annual-work-points", "type: annual-workpoints")
    _edit(project_copy, DOC, "period: {start: 2019, end: 2019}", "period: {start: 2019, end: 2018}\nsubtitle: x")
    messages = _errors(project_copy, tmp_path)
    assert any("type: unknown value 'annual-workpoints'" in m and "annual-work-points" in m for m in messages)
    assert any("period.end: ends (2018) before it starts (2019)" in m for m in messages)
    assert any(m.startswith(f"{DOC}:") and "subtitle: unknown key" in m for m in messages)


def test_changed_source_without_new_hash_is_an_error(project_copy, tmp_path):
    source = project_copy / "content/documents/changzhou-2019-work-points/source.txt"
    source.write_bytes(source.read_bytes() + "补充一句。\n".encode())
    (message,) = _errors(project_copy, tmp_path)
    line = _line_of(project_copy, DOC, "source_sha256:")
    assert message.startswith(f"{DOC}:{line} source_sha256: does not match")


def test_correction_that_matches_nothing_is_an_error(project_copy, tmp_path):
    doc = "content/documents/northern-city-14th-five-year-excerpt/document.yaml"
    _edit(project_copy, doc, 'find: "steam教育"', 'find: "steem教育"')
    (message,) = _errors(project_copy, tmp_path)
    line = _line_of(project_copy, doc, 'find: "steem教育"')
    assert message.startswith(f"{doc}:{line} corrections[4].find: found 0 time(s), expected 1")


def test_failed_build_leaves_previous_site_untouched(project_copy, tmp_path):
    out = tmp_path / "site"
    build(project_copy, out)
    before = _hashes(out)
    _edit(project_copy, DOC, "jurisdiction: changzhou", "jurisdiction: nowhere")
    with pytest.raises(BuildError):
        build(project_copy, out)
    assert _hashes(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site") and p.name != ".site.lock"] == []


def test_template_error_late_in_rendering_leaves_site_untouched(project_copy, tmp_path):
    out = tmp_path / "site"
    build(project_copy, out)
    before = _hashes(out)
    (project_copy / "templates/sitemap.xml").write_text("{{ undefined_thing.boom }}", encoding="utf-8")
    with pytest.raises(Exception):
        build(project_copy, out)
    assert _hashes(out) == before


def test_content_is_escaped(project_copy, tmp_path):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    _edit(project_copy, DOC, "en: Changzhou Education Work Points for 2019", f"en: '{payload}'")
    build(project_copy, tmp_path / "out")
    html = (tmp_path / "out/en/documents/changzhou-2019-work-points/index.html").read_text(encoding="utf-8")
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html


def test_markdown_pages_render_with_raw_html_off(project_copy, tmp_path):
    (project_copy / "content/pages/about.en.md").write_text("# About\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
                                                            encoding="utf-8")
    build(project_copy, tmp_path / "out")
    html = (tmp_path / "out/en/about/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_cli_reports_errors_and_exits_non_zero(project_copy, tmp_path, capsys):
    _edit(project_copy, DOC, "jurisdiction: changzhou", "jurisdiction: nowhere")
    code = main(["--root", str(project_copy), "build", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "1 error:" in err and f"{DOC}:" in err and "left as it was" in err


def test_check_lists_rule_changes_and_flags(capsys, project_root):
    code = main(["--root", str(project_root), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert "== changzhou-2024-work-points" in out
    assert "drop_pinyin" in out and "apply_corrections" in out
    assert "reviewed content/documents/changzhou-2024-work-points/source.txt:14 lost-character" in out
    assert "0 span(s) flagged for review" in out


def test_check_strict_fails_on_an_unreviewed_flag(project_copy, capsys):
    doc = "content/documents/changzhou-2022-district-goals/document.yaml"
    path = project_copy / doc
    path.write_text(path.read_text(encoding="utf-8").split("reviewed:")[0], encoding="utf-8")
    assert main(["--root", str(project_copy), "check", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "FLAG content/documents/changzhou-2022-district-goals/source.txt:8 question-mark-in-cjk" in out


def test_stale_review_entry_is_an_error(project_copy, tmp_path):
    doc = "content/documents/changzhou-2022-district-goals/document.yaml"
    _edit(project_copy, doc, "    line: 8", "    line: 9")
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith(f"{doc}:{_line_of(project_copy, doc, '- kind: question-mark-in-cjk')} reviewed[]: "
                              "no question-mark-in-cjk flag on line 9")


def test_failure_while_writing_files_leaves_site_untouched(project_copy, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(project_copy, out)
    before = _hashes(out)
    written = []
    real_link = write_module.link_or_copy

    def failing_link(source, target):
        written.append(target)
        if len(written) == 7:  # halfway through the new site: the disk fills up
            raise OSError(28, "No space left on device", str(target))
        return real_link(source, target)

    monkeypatch.setattr(write_module, "link_or_copy", failing_link)
    (project_copy / "content/pages/about.en.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    with pytest.raises(BuildError, match="no space left on the device"):   # issue 16: an error, not OSError
        build(project_copy, out)
    monkeypatch.undo()
    assert len(written) == 7
    assert _hashes(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != ".site.lock"] == []


def test_a_missing_ui_string_fails_strict_builds_every_time(project_copy, tmp_path):
    """Document pages render in worker processes and come from the store on later builds:
    a UI string they lack must still fail --strict, the second time too."""
    i18n = project_copy / "templates" / "i18n" / "en.yaml"
    text = i18n.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("doc_contents:"))
    i18n.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    for attempt in (1, 2):
        with pytest.raises(BuildError) as caught:
            build(project_copy, tmp_path / "site", strict=True)
        assert any("doc_contents" in str(e) for e in caught.value.errors), attempt
    result = build(project_copy, tmp_path / "site")
    assert any("doc_contents" in w for w in result.warnings)


def test_a_tight_memory_budget_builds_the_same_site_in_one_process(project_copy, tmp_path, capsys):
    """build.memory_mb bounds the build: below what a forked worker could come to hold, the
    jobs run in the building process alone, and the site is the same."""
    build(project_copy, tmp_path / "wide")
    config = project_copy / "config.yaml"
    config.write_text(re.sub(r"(?m)^  memory_mb: .*$", "  memory_mb: 100", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    assert "memory_mb: 100\n" in config.read_text(encoding="utf-8")
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)
    assert main(["--root", str(project_copy), "build", "--out", str(tmp_path / "narrow")]) == 0
    assert "worker(s) forked to stay within build.memory_mb (100 MB)" in capsys.readouterr().err
    assert _hashes(tmp_path / "narrow") == _hashes(tmp_path / "wide")


def test_memory_budget_must_be_a_number_of_megabytes(project_copy, tmp_path):
    config = project_copy / "config.yaml"
    config.write_text(re.sub(r"(?m)^  memory_mb: .*$", "  memory_mb: 1.5GB", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    errors = _errors(project_copy, tmp_path)
    assert any("config.yaml" in e and "build.memory_mb" in e and "whole number" in e for e in errors), errors


def test_a_planted_ingest_cache_entry_is_a_miss_not_code(project_copy, tmp_path):
    """The ingest cache is JSON of a checked shape: a pickle (which would run code when
    loaded) or any other file at an entry's name is ignored and replaced."""
    build(project_copy, tmp_path / "first")
    entries = sorted((project_copy / ".cache" / "ingest").glob("*.json"))
    assert entries and not list((project_copy / ".cache" / "ingest").glob("*.pickle"))
    planted = pickle.dumps(("os", "system"))
    for entry in entries:
        entry.write_bytes(planted)
    shutil.rmtree(project_copy / ".cache" / "build")     # documents are read and cleaned again
    build(project_copy, tmp_path / "second")
    assert _hashes(tmp_path / "second") == _hashes(tmp_path / "first")
    assert all(entry.read_bytes() != planted and entry.read_bytes().startswith(b"{") for entry in entries)


def test_a_cache_folder_outside_the_project_is_refused(project_copy, tmp_path):
    config = project_copy / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("cache_dir: .cache/ingest", "cache_dir: ../elsewhere"),
                      encoding="utf-8")
    errors = _errors(project_copy, tmp_path)
    assert any(e.startswith("config.yaml:") and "build.cache_dir" in e and "outside the project" in e
               for e in errors), errors


def test_a_long_build_prints_one_line_a_stage_and_quiet_silences_it(project_copy, tmp_path, capsys, monkeypatch):
    """Past a second (here: at once) each stage prints one line with its counts on stderr,
    never a spinner's carriage returns; `--quiet` (CI) prints none; a build that ends within
    the delay prints only its result line."""
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    assert main(["--root", str(project_copy), "build", "--out", str(tmp_path / "a")]) == 0
    captured = capsys.readouterr()
    lines = [line.split("s ", 1)[1] for line in captured.err.splitlines()]
    assert "\r" not in captured.err
    assert [line.split(":")[0] for line in lines] == [
        "documents", "plan", "stage 1 (collection shards, search index)", "stage 2 (pages and data files)", "site"]
    assert lines[0] == "documents: 5 of 5 to build"
    files = int(lines[-1].split(": ")[1].split(" ")[0].replace(",", ""))
    assert lines[-1].endswith(" files") and f"{files + 3} files" in captured.out   # + sitemap index, its sitemap, marker
    assert "built " in captured.out and "built " not in captured.err

    shutil.rmtree(project_copy / ".cache")
    assert main(["--root", str(project_copy), "build", "--quiet", "--out", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().err == ""

    monkeypatch.setattr(Progress, "DELAY", 3600.0)
    shutil.rmtree(project_copy / ".cache")
    assert main(["--root", str(project_copy), "build", "--out", str(tmp_path / "c")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "built " in captured.out
