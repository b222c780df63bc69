"""Broken input gives one clear error naming the file (and line), and loses nothing."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from edplans.errors import BuildError
from edplans.render.site import build

DOC_DIR = "content/documents/changzhou-2019-work-points"
DOC = f"{DOC_DIR}/document.yaml"


def _errors(project: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path / "out")
    return [str(e) for e in caught.value.errors]


def _replace_source(project: Path, data: bytes) -> None:
    """Put new bytes in source.txt and the matching hash in document.yaml."""
    (project / DOC_DIR / "source.txt").write_bytes(data)
    yaml_path = project / DOC
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    lines = [f"source_sha256: {hashlib.sha256(data).hexdigest()}" if l.startswith("source_sha256:") else l
             for l in lines]
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_refuses_to_replace_a_folder_it_did_not_build(project_copy, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.txt").write_text("years of work", encoding="utf-8")
    (message,) = [str(e) for e in pytest.raises(BuildError, build, project_copy, precious).value.errors]
    assert "is not a site edplans built; refusing to replace it" in message
    assert (precious / "chapter1.txt").read_text(encoding="utf-8") == "years of work"


def test_rebuilding_its_own_output_is_allowed(project_copy, tmp_path):
    build(project_copy, tmp_path / "site")
    build(project_copy, tmp_path / "site")
    assert (tmp_path / "site/.edplans-site").is_file()


def test_source_with_only_chrome_is_an_error(project_copy, tmp_path):
    _replace_source(project_copy, "扫一扫在手机打开当前页\n苏ICP备15046661号-1\n|\n".encode())
    assert _errors(project_copy, tmp_path) == [
        f"{DOC_DIR}/source.txt has no text left after cleaning (only portal chrome, a header or spam) "
        "(hint: check that this is the right file; `build.py check -v` shows what each rule removed)"]


def test_multi_line_correction_is_an_error(project_copy, tmp_path):
    doc = "content/documents/northern-city-14th-five-year-excerpt/document.yaml"
    path = project_copy / doc
    path.write_text(path.read_text(encoding="utf-8").replace('replace: "STEAM教育"', 'replace: "STEAM\\n教育"'),
                    encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    assert "corrections[4].replace: must stay within one line of the source" in message


@pytest.mark.parametrize("yaml_text, expected", [
    ("- just\n- a list\n", "must be a mapping of fields"),
    ("? [a, b]\n: 1\n", "a key must be a plain word or number"),
    ("a: &x [*x]\n", "recursive alias"),
    ("title: {zh: a, en: b}\ntitle: {zh: c, en: d}\n", "duplicate key 'title'"),
])
def test_malformed_yaml_structures_are_errors_not_crashes(project_copy, tmp_path, yaml_text, expected):
    (project_copy / DOC).write_text(yaml_text, encoding="utf-8")
    messages = _errors(project_copy, tmp_path)
    assert any(m.startswith(DOC) and expected in m for m in messages), messages


def test_alias_bomb_is_built_once_not_exponentially(project_copy, tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (project_copy / DOC).write_text("\n".join(levels) + "\n", encoding="utf-8")
    messages = _errors(project_copy, tmp_path)   # finishes: shared nodes are built once
    assert any("a8: unknown key" in m for m in messages)


def test_config_that_is_not_a_mapping_is_an_error(project_copy, tmp_path):
    (project_copy / "config.yaml").write_text("- zh\n- en\n", encoding="utf-8")
    assert _errors(project_copy, tmp_path) == [
        "config.yaml:1 must be a mapping of settings (title:, base_url:, …)"]


def test_ui_string_with_a_broken_placeholder_is_an_error(project_copy, tmp_path):
    path = project_copy / "templates/i18n/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('doc_stats: "{passages} paragraphs',
                                                             'doc_stats: "{} paragraphs'), encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith("templates/i18n/en.yaml:") and "doc_stats: placeholders must be named" in message


def test_jurisdiction_parent_loop_is_an_error(project_copy, tmp_path):
    path = project_copy / "content/registry/jurisdictions.yaml"
    text = path.read_text(encoding="utf-8").replace("    level: province\n", "    level: province\n    parent: rudong\n", 1)
    path.write_text(text, encoding="utf-8")
    messages = _errors(project_copy, tmp_path)
    assert any("parents form a loop: jiangsu → rudong → nantong → jiangsu" in m for m in messages)


SOURCE = f"{DOC_DIR}/source.txt"
TEXT = "2019年常州市教育工作要点\n一、强化教育党建\n1.加强政治思想建设。深入学习领会。\n"


@pytest.mark.parametrize("data, expected", [
    (TEXT.encode("gb18030"), f"{SOURCE}:1 is not valid UTF-8 (byte 0x"),
    (("\ufeff" + TEXT).encode("utf-8"), f"{SOURCE}:1 starts with a UTF-8 byte-order mark"),
    (TEXT.encode("utf-16"), f"{SOURCE}:1 is UTF-16, not UTF-8"),
    (TEXT.encode("utf-8") + b"\xff\xfe\x80\n", f"{SOURCE}:4 is not valid UTF-8 (byte 0xff"),
    (b"", f"{SOURCE} is empty"),
    (b"  \n\n \n", f"{SOURCE} is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", f"{SOURCE}:3 contains NUL bytes: it looks binary"),
], ids=["gbk", "bom", "utf-16", "invalid-utf-8", "empty", "blank", "binary"])
def test_bad_source_files_name_the_file_and_line(project_copy, tmp_path, data, expected):
    _replace_source(project_copy, data)
    messages = _errors(project_copy, tmp_path)
    assert len(messages) == 1 and messages[0].startswith(expected), messages


def test_gbk_source_hint_says_how_to_convert(project_copy, tmp_path):
    _replace_source(project_copy, TEXT.encode("gb18030"))
    (message,) = _errors(project_copy, tmp_path)
    assert "hint: it decodes as GBK/GB18030: convert it with iconv -f GB18030 -t UTF-8" in message


def test_twenty_megabyte_source_is_refused_before_reading(project_copy, tmp_path):
    source = project_copy / SOURCE
    with source.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024)  # a sparse 20 MiB file: cheap to make, too big to ingest
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith(f"{SOURCE} is 20,971,520 bytes, over the 8,388,608-byte limit for one document")


def test_the_same_source_under_two_ids_is_an_error(project_copy, tmp_path):
    import shutil
    shutil.copytree(project_copy / DOC_DIR, project_copy / "content/documents/changzhou-2019-work-points-copy")
    (message,) = _errors(project_copy, tmp_path)
    assert message == ("content/documents/changzhou-2019-work-points-copy/source.txt is the same text as "
                       "content/documents/changzhou-2019-work-points/source.txt (hint: one document, two ids: "
                       "keep 'changzhou-2019-work-points' or 'changzhou-2019-work-points-copy', not both)")


def test_missing_registry_entry_is_named(project_copy, tmp_path):
    path = project_copy / "content/registry/jurisdictions.yaml"
    data = path.read_text(encoding="utf-8")
    start = data.index("  - id: liyang")
    end = data.index("  - id: nantong")
    path.write_text(data[:start] + data[end:], encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    doc = "content/documents/changzhou-2022-district-goals/document.yaml"
    assert message.startswith(f"{doc}:") and "sections.h2.jurisdiction: unknown jurisdiction 'liyang'" in message


@pytest.mark.parametrize("case", ["gbk", "binary", "missing-yaml"])
def test_cli_exits_non_zero_and_keeps_the_previous_site(project_copy, tmp_path, capsys, case):
    from edplans.cli import main
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if case == "gbk":
        _replace_source(project_copy, TEXT.encode("gb18030"))
    elif case == "binary":
        _replace_source(project_copy, bytes(range(256)))
    else:
        (project_copy / DOC).unlink()
    capsys.readouterr()
    assert main(["--root", str(project_copy), "build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert DOC_DIR in err and "left as it was" in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "data:text/html,<script>alert(1)</script>",
                                 "https://example.org/\"><script>alert(1)</script>", "//example.org/", "/"])
def test_base_url_must_be_an_http_address(project_copy, tmp_path, capsys, url):
    """config.yaml's base_url and the --base-url flag accept only http(s) addresses: a
    javascript: URL became links on the 404 page that ran when clicked (issue 16, item 5).
    The error names the file, line and field (or the flag); the previous site stays."""
    from edplans.cli import main
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    config = project_copy / "config.yaml"
    text = config.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("base_url:"))
    config.write_text(text.replace(next(l for l in text.splitlines() if l.startswith("base_url:")),
                                   f"base_url: '{url}'"), encoding="utf-8")
    (message,) = _errors(project_copy, tmp_path)
    assert message.startswith(f"config.yaml:{line} base_url: ") and "is not an http(s) address" in message
    assert "https://example.github.io/edplans/" in message          # the hint
    config.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--base-url", url]) == 1
    err = capsys.readouterr().err
    assert "--base-url" in err and "is not an http(s) address" in err and "left as it was" in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet",
                 "--base-url", "https://example.github.io/edplans/"]) == 0


@pytest.mark.parametrize("text, what", [
    ("title: " + "[" * 30000 + "\n", "more than 100 brackets open at once"),
    ("title:\n" + "- " * 30000 + "x\n", "more than 50 entries opened on one line"),
    ("title:\n" + "".join(" " * (2 * i) + "-\n" for i in range(1, 260)), "indented more than 400 columns"),
])
def test_deep_nesting_is_an_error_not_a_crash(project_copy, tmp_path, text, what):
    """libyaml recursed once per level and 30,000 nested `[` killed the interpreter with a
    segmentation fault (issue 16, item 4). The build runs in a child process here, so that a
    crash fails this test instead of ending the test run."""
    import subprocess
    import sys
    out = tmp_path / "site"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, str(root / "build.py"), "--root", str(project_copy), "build", "--out",
                           str(out), "--quiet"], capture_output=True, timeout=600).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (project_copy / DOC).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(root / "build.py"), "--root", str(project_copy), "build", "--out",
                           str(out), "--quiet"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert f"{DOC}:" in done.stderr and f"YAML nests too deeply: {what}" in done.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("case", ["page-to-passwd", "source-outside", "static-link", "document-folder",
                                  "dangling-translation", "source-is-a-folder", "source-is-a-fifo"])
def test_links_and_special_files_are_refused_never_followed(project_copy, tmp_path, capsys, case):
    """Safe mode, as GitHub Pages' Jekyll has it (issue 16, items 2, 7 and 9): a symbolic link
    anywhere among the inputs, a folder or a FIFO where a file belongs, is an error naming the
    path; nothing behind a link is read or published, and the previous site stays."""
    import os
    from edplans.cli import main
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-LINE\n", encoding="utf-8")
    doc_dir = project_copy / DOC_DIR
    if case == "page-to-passwd":
        target = project_copy / "content/pages/about.en.md"
        target.unlink()
        target.symlink_to(secret)
        named = "content/pages/about.en.md"
    elif case == "source-outside":
        moved = outside / "source.txt"
        (doc_dir / "source.txt").rename(moved)
        (doc_dir / "source.txt").symlink_to(moved)
        named = f"{DOC_DIR}/source.txt"
    elif case == "static-link":
        (project_copy / "static/css/extra.css").symlink_to(secret)
        named = "static/css/extra.css"
    elif case == "document-folder":
        folder = outside / "doc"
        (doc_dir).rename(folder)
        doc_dir.symlink_to(folder, target_is_directory=True)
        named = DOC_DIR
    elif case == "dangling-translation":
        (doc_dir / "en.yaml").unlink()
        (doc_dir / "en.yaml").symlink_to(outside / "missing.yaml")
        named = f"{DOC_DIR}/en.yaml"
    elif case == "source-is-a-folder":
        (doc_dir / "source.txt").unlink()
        (doc_dir / "source.txt").mkdir()
        named = f"{DOC_DIR}/source.txt"
    else:
        (doc_dir / "source.txt").unlink()
        os.mkfifo(doc_dir / "source.txt")
        named = f"{DOC_DIR}/source.txt"
    capsys.readouterr()
    assert main(["--root", str(project_copy), "build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert named in err and ("is a symbolic link" in err or "is a folder" in err or "not a regular file" in err), err
    assert "SECRET-LINE" not in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not any(b"SECRET-LINE" in data for data in before.values())
