"""Values the build used to accept or echo (issue 16, items 3, 8 and 10): each is one clear
error naming the file, line and field with a hint, the previous site stays, and an error
repeats at most a short excerpt of what it read."""
from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import pytest

from edplans.cli import main
from edplans.controls import CONTROL
from edplans.errors import BuildError
from edplans.render.site import build
from edplans.serve import _error_page

DOC_DIR = "content/documents/changzhou-2019-work-points"
DOC = f"{DOC_DIR}/document.yaml"
EN = f"{DOC_DIR}/en.yaml"
REGISTRY = "content/registry/jurisdictions.yaml"
PAGE = "content/pages/about.en.md"


def _files(out: Path) -> dict[Path, bytes]:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _line(project: Path, rel: str, pattern: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.search(pattern, line))


def _set_line(project: Path, rel: str, pattern: str, new: str) -> int:
    """Replace the first line matching `pattern` with `new`; returns its number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").splitlines()
    number = _line(project, rel, pattern)
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def _failed_build(project: Path, out: Path, capsys) -> str:
    """Build through the command line: exit 1, no traceback, the site as it was; the errors."""
    before = _files(out)
    capsys.readouterr()
    assert main(["--root", str(project), "build", "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "left as it was" in err and "Traceback" not in err, err
    assert _files(out) == before
    return err


@pytest.fixture()
def site(project_copy, tmp_path):
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    return out


# --- item 8: control characters -----------------------------------------------------------

@pytest.mark.parametrize("escape, named", [("\\e[31m", "U+001B (ESCAPE)"), ("\\0", "U+0000 (NULL)"),
                                           ("\\a", "U+0007 (BELL)"), ("\\uFFFE", "U+FFFE (a noncharacter)"),
                                           ("\\x9b", "U+009B"),
                                           # past U+FFFF, the whole class is searched (controls.py)
                                           ("\\U0010FFFF", "U+10FFFF (a noncharacter)")])
def test_a_control_character_in_a_yaml_text_is_refused(project_copy, site, capsys, escape, named):
    """Written with a YAML escape, such characters reached 40–58 output files raw."""
    line = _set_line(project_copy, DOC, r"^  en: Changzhou Education", f'  en: "Changzhou{escape} Work Points"')
    err = _failed_build(project_copy, site, capsys)
    assert f"{DOC}:{line} title.en: contains the character {named}" in err, err
    assert "(hint: delete it" in err and "\\e" in err


def test_a_control_character_in_a_translation_is_refused(project_copy, site, capsys):
    line = _set_line(project_copy, EN, r"^  zh: ", '  zh: "深入贯彻\\a习近平新时代中国特色社会"')
    err = _failed_build(project_copy, site, capsys)
    assert f"{EN}:{line} p-0-1.zh: contains the character U+0007 (BELL)" in err, err


def test_a_raw_control_character_in_yaml_or_markdown_names_its_line(project_copy, site, capsys):
    path = project_copy / PAGE
    path.write_text("# About\n\nfine\n\x1b[2J cleared the screen\n", encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    assert f"{PAGE}:4 contains the character U+001B (ESCAPE)" in err, err
    assert "\x1b" not in err                 # the error itself shows it as a code point
    path.write_text("# About\n", encoding="utf-8")
    registry = project_copy / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace("en: Changzhou}", "en: Chang\x07zhou}"),
                        encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    assert f"{REGISTRY}:{_line(project_copy, REGISTRY, 'Chang.zhou')} contains the character U+0007 (BELL)" in err


def test_control_characters_in_a_source_are_shown_as_code_points_everywhere(project_copy, tmp_path):
    """A source text is never edited: its control characters are shown as `[U+001B]`, as
    bidirectional controls are, and none reaches HTML, JSON or CSV raw."""
    source = project_copy / DOC_DIR / "source.txt"
    data = source.read_bytes().replace("加强基层组织建设".encode(), "加强基层\x1b[31m组织\x07建设\ufffe".encode(), 1)
    assert data != source.read_bytes()
    source.write_bytes(data)
    _set_line(project_copy, DOC, r"^source_sha256:", f"source_sha256: {hashlib.sha256(data).hexdigest()}")
    out = tmp_path / "out"
    build(project_copy, out)
    page = (out / "zh/documents/changzhou-2019-work-points/index.html").read_text(encoding="utf-8")
    assert "加强基层[U+001B][31m组织[U+0007]建设[U+FFFE]" in page
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix in (".html", ".json", ".csv", ".gz", ".xml", ".jsonl"):
            data = path.read_bytes()
            text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
            assert not CONTROL.search(text), path.relative_to(out)
            checked += 1
    assert checked > 100


# --- item 10: bad values -------------------------------------------------------------------

@pytest.mark.parametrize("value, said", [
    ('"2019-02-30"', "'2019-02-30' is not a day of the calendar"),
    ('"0000-00-00"', "'0000-00-00' is not a day of the calendar"),
    ('"0001-01-01"', "'0001-01-01': the year 1 is out of range 1900–2100"),
])
def test_an_impossible_date_is_refused(project_copy, site, capsys, value, said):
    line = _set_line(project_copy, DOC, r"^  published:", f"  published: {value}")
    err = _failed_build(project_copy, site, capsys)
    assert f"{DOC}:{line} dates.published: {said}" in err and "(hint: check the" in err, err


@pytest.mark.parametrize("value, said", [(".nan", "must be text, not a number (nan)"),
                                         (".inf", "must be text, not a number (inf)"),
                                         ("-.inf", "must be text, not a number (-inf)"),
                                         ("2025", "must be text, not a whole number (2025)"),
                                         ("1.5", "must be text, not a number (1.5)")])
def test_a_number_where_text_is_expected_is_refused(project_copy, site, capsys, value, said):
    """`title: {en: .nan}` published a document called "nan"."""
    line = _set_line(project_copy, DOC, r"^  en: Changzhou Education", f"  en: {value}")
    err = _failed_build(project_copy, site, capsys)
    assert f"{DOC}:{line} title.en: {said}" in err and '(hint: put it in quotes: en: "' in err, err


def test_an_empty_language_list_is_an_error_not_a_fallback(project_copy, site, capsys):
    line = _set_line(project_copy, "config.yaml", r"^languages:", "languages: []")
    err = _failed_build(project_copy, site, capsys)
    assert f"config.yaml:{line} languages: must be a list such as [zh, en]" in err, err


def test_a_loop_through_province_is_an_error(project_copy, site, capsys):
    """changzhou's province is liyang and liyang's is changzhou: a → b → a."""
    path = project_copy / REGISTRY
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: changzhou")
    text = text[:start] + text[start:].replace("province: jiangsu", "province: liyang", 1)
    start = text.index("  - id: liyang")
    text = text[:start] + text[start:].replace("province: jiangsu", "province: changzhou", 1)
    path.write_text(text, encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    lines = text.splitlines()
    first = next(n for n, l in enumerate(lines, 1) if l.strip() == "province: liyang")
    second = next(n for n, l in enumerate(lines, 1) if l.strip() == "province: changzhou")
    assert f"{REGISTRY}:{first} jurisdictions[1].province: 'liyang' is of level county, not a province" in err, err
    assert f"{REGISTRY}:{second} jurisdictions[3].province: 'changzhou' is of level prefecture, not a province" in err
    assert "(hint: name the province" in err


@pytest.mark.parametrize("name", ["about.fr.md", "notes.en.md", "about.md", "about.en.markdown"])
def test_a_markdown_page_matching_no_language_is_named(project_copy, site, capsys, name):
    (project_copy / "content/pages" / name).write_text("# About\n\nNever published.\n", encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    assert f"content/pages/{name} matches no page and language" in err, err
    assert "(hint: name it <page>.<language>.md with a page of about and a language of en, zh)" in err


@pytest.mark.parametrize("image", ["![chart](https://evil.example/x.png)", "![](//evil.example/x.png)",
                                   "![x](HTTP://EVIL.EXAMPLE/x.png \"title\")", "![x](data:image/png;base64,AAAA)"])
def test_a_markdown_image_from_another_host_is_refused(project_copy, site, capsys, image):
    """The about page loaded an image from another host; nothing may. A link to it is fine."""
    (project_copy / PAGE).write_text(f"# About\n\nText.\n\n{image}\n", encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    assert f"{PAGE}:5 image from another address" in err and "(hint: put the image in static/" in err, err


def test_links_to_another_host_and_local_images_still_build(project_copy, tmp_path):
    (project_copy / PAGE).write_text("# About\n\n[a link](https://example.org/)\n\n![logo](/static/x.png)\n",
                                     encoding="utf-8")
    build(project_copy, tmp_path / "out")
    page = (tmp_path / "out/en/about/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/"' in page and 'src="/static/x.png"' in page


# --- item 3: errors repeat at most a short excerpt ------------------------------------------

SECRETS = ("root:$6$SECRETsalt$SECRETHASHSECRETHASHSECRETHASH:19000:0:99999:7:::\n"
           "daemon:x:1:1:SECRET-DAEMON:/usr/sbin:/usr/sbin/nologin\n"
           "AWS_SECRET_ACCESS_KEY=SECRETwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n"
           "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUSECRETAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
           "-----END OPENSSH PRIVATE KEY-----\n")


@pytest.mark.parametrize("content", [SECRETS, "p-0-1:\n  zh: x\n  en: y\n" + SECRETS,
                                     "password: SECRET-ONE\napi_token: \"SECRET-TWO\"\n",
                                     "'" + "SECRET" * 40 + "': {zh: x, en: y}\n"])
def test_a_translation_file_holding_secrets_is_not_echoed(project_copy, site, capsys, content):
    """en.yaml replaced by a secrets file's lines: the errors, on stderr and on serve's error
    page, repeat at most a short excerpt (60 characters of a quoted value), never its lines."""
    (project_copy / EN).write_text(content, encoding="utf-8")
    err = _failed_build(project_copy, site, capsys)
    assert EN in err
    with pytest.raises(BuildError) as caught:
        build(project_copy, site)
    page = _error_page(caught.value.report()).decode("utf-8")
    for shown in (err, page):
        assert "SECRETHASH" not in shown and "SECRET-DAEMON" not in shown and "EXAMPLEKEY" not in shown
        assert "PRIVATE KEY" not in shown and "SECRET-ONE" not in shown and "SECRET-TWO" not in shown
        assert "SECRET" * 11 not in shown
        assert all(len(line) <= 600 for line in shown.splitlines())


def test_a_long_value_is_quoted_as_a_short_excerpt(project_copy, site, capsys):
    line = _set_line(project_copy, DOC, r"^jurisdiction:", "jurisdiction: " + "x" * 5000)
    err = _failed_build(project_copy, site, capsys)
    (message,) = [l for l in err.splitlines() if f"{DOC}:{line}" in l]
    assert "jurisdiction: unknown jurisdiction 'xxxxx" in message and "…'" in message and "x" * 61 not in message
    assert len(message) < 400
