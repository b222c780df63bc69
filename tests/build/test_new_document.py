"""`build.py new`: raw texts written for these tests (tests/cases/new/: one with a portal
header, one with only a title line in traditional script, one with neither and no place
the registry knows) become documents that build, whose pages show what new proposed; the
raw files and ids it must refuse are refused with the fix, and content/ is left as it was."""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from edplans.cli import main
from edplans.render.site import build

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "tests" / "cases" / "new"
HEADER_DOC = "nantong-2023-work-points"
TITLE_DOC = "zhonglou-district-2021-2025-five-year-plan"
UNKNOWN_DOC = "unknown-2021-2025-plan-excerpt"
NOTE_ZH = "文中只称“我市”，提到本地主导产业和乡村教师。"
NOTE_EN = "The text calls the place only \"our city\" and mentions its leading industries and rural teachers."


def _copy_project(folder: Path) -> Path:
    for name in ("content", "templates", "static", "schemas"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "config.yaml", folder / "config.yaml")
    return folder


def _new(project: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), "new", *args])
    return code, out.getvalue(), err.getvalue()


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _facts(page: str) -> str:
    """The document header as a reader sees it: title, jurisdiction, type, period, publisher, dates."""
    return _text(page[page.index('<header class="doc-header">'):page.index('<details class="cite-document"')])


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    project = _copy_project(tmp_path_factory.mktemp("new") / "project")
    printed = {raw: _new(project, str(RAW / f"{raw}.txt")) for raw in ("portal-header", "title-line", "no-place")}
    # What an editor does next for the anonymous excerpt (docs/editing.md): say what its text
    # reveals, and tag a passage so it reaches a theme page (safety: few passages, all on its first page).
    yaml_path = project / "content" / "documents" / UNKNOWN_DOC / "document.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    note = f"jurisdiction_note:\n  zh: {json.dumps(NOTE_ZH, ensure_ascii=False)}\n  en: {json.dumps(NOTE_EN)}\n"
    text, replaced = re.subn(r"# jurisdiction_note:.*\n#   zh: …\n#   en: …\n", lambda _: note, text)
    assert replaced == 1
    yaml_path.write_text(text + "passages:\n  p-4-1:\n    themes: [teacher-development, safety]\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("new-site") / "site"
    build(project, site)
    return project, site, printed


def test_new_copies_the_raw_text_byte_for_byte_and_records_its_hash(added):
    project, _, printed = added
    for raw, doc_id in (("portal-header", HEADER_DOC), ("title-line", TITLE_DOC), ("no-place", UNKNOWN_DOC)):
        code, out, err = printed[raw]
        assert code == 0, err
        folder = project / "content" / "documents" / doc_id
        data = (RAW / f"{raw}.txt").read_bytes()
        assert (folder / "source.txt").read_bytes() == data
        assert f'source_sha256: "{hashlib.sha256(data).hexdigest()}"' in (folder / "document.yaml").read_text(
            encoding="utf-8")


def test_new_says_what_it_guessed_what_is_left_and_the_next_command(added):
    _, _, printed = added
    _, out, _ = printed["no-place"]
    assert f"added content/documents/{UNKNOWN_DOC}/" in out
    assert "jurisdiction_note" in out and "summary: and nature:" in out and "en.yaml" in out
    assert f"next: python build.py suggest {UNKNOWN_DOC}" in out
    yaml_text = (added[0] / "content/documents" / HEADER_DOC / "document.yaml").read_text(encoding="utf-8")
    assert "jurisdiction: nantong   # guessed: named in the title or publisher" in yaml_text
    assert '  issued: "2023-03-02"   # the header\'s 成文日期' in yaml_text
    # every heading is listed for its English title, with the heading it stands for
    assert '  "2-3": {}   # 3.扩大普惠资源' in yaml_text


@pytest.mark.parametrize("lang, expected", [
    ("zh", {HEADER_DOC: ["南通市2023年教育工作要点", "辖区 南通市", "年度工作要点", "2023年", "发布机构 南通市教育局",
                         "成文日期 2023-03-02", "2023-03-06"],
            TITLE_DOC: ["钟楼区“十四五”教育发展规划", "辖区 钟楼区", "五年规划", "2021—2025年"],
            UNKNOWN_DOC: ["某地2021—2025年教育规划（节选）", "辖区 辖区不明", "规划节选", "该文件的辖区无法确定",
                          "文本透露的辖区信息：" + NOTE_ZH]}),
    ("zh-hant", {HEADER_DOC: ["南通市2023年教育工作要點", "轄區 南通市"],
                 TITLE_DOC: ["鐘樓區“十四五”教育發展規劃", "轄區 鐘樓區"],
                 UNKNOWN_DOC: ["轄區 轄區不明", "該文件的轄區無法確定"]}),
    ("en", {HEADER_DOC: ["Nantong: education work points, 2023", "南通市2023年教育工作要点", "Jurisdiction Nantong",
                         "Annual work points", "Publisher Nantong Education Bureau", "2023-03-02"],
            TITLE_DOC: ["Zhonglou District: five-year education plan, 2021–2025", "Jurisdiction Zhonglou District",
                        "Five-year plan", "2021–2025"],
            UNKNOWN_DOC: ["Unknown jurisdiction: education plan (excerpt), 2021–2025",
                          "Jurisdiction Unknown jurisdiction Type", "cannot be established",
                          "What the text reveals of its place: " + NOTE_EN]}),
])
def test_the_built_pages_show_the_proposed_metadata(added, lang, expected):
    _, site, _ = added
    for doc_id, shown in expected.items():
        facts = _facts((site / lang / "documents" / doc_id / "index.html").read_text(encoding="utf-8"))
        for item in shown:
            assert item in facts, f"{lang}/{doc_id}: {item!r} not in {facts!r}"
    assert "level unknown" not in _facts((site / "en/documents" / UNKNOWN_DOC / "index.html").read_text("utf-8"))


@pytest.mark.parametrize("lang, name", [("en", "Unknown jurisdiction"), ("zh", "辖区不明"), ("zh-hant", "轄區不明")])
def test_an_unknown_jurisdiction_shows_as_unknown_on_its_page_theme_page_and_search(added, lang, name):
    _, site, _ = added
    page = (site / lang / "jurisdictions/unknown/index.html").read_text(encoding="utf-8")
    assert f"<h1>{name}" in page
    assert re.search(rf'href="\.\./\.\./documents/{UNKNOWN_DOC}/(index\.html)?"', page)
    theme = (site / lang / "themes/safety/index.html").read_text(encoding="utf-8")   # one page of passages
    assert re.search(rf"documents/{UNKNOWN_DOC}/(index\.html)?#p-4-1", theme)
    assert name in _text(theme) and re.search(r'href="[./]*jurisdictions/unknown/(index\.html)?"', theme)
    # the search page's filters: Pagefind's filter files (gzip) hold each value as text
    filters = [f for f in (site / lang / "pagefind").rglob("*.pf_filter")
               if name.encode() in gzip.decompress(f.read_bytes())]
    assert filters, "no search filter names the unknown jurisdiction"


def test_no_page_links_to_a_jurisdiction_page_that_does_not_exist(added):
    _, site, _ = added
    seen = set()
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="(?![a-z]+:)([^"#?]*jurisdictions/[^"#?]+)', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            target = target / "index.html" if href.endswith("/") else target
            seen.add(target.parent.name)
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"
    assert "unknown" in seen


def test_an_existing_id_is_refused_and_nothing_changes(added, tmp_path):
    project, _, _ = added
    before = (project / "content/documents" / HEADER_DOC / "document.yaml").read_bytes()
    code, out, err = _new(project, str(RAW / "title-line.txt"), "--id", HEADER_DOC)
    assert code == 1 and out == ""
    assert f"content/documents/{HEADER_DOC} already exists: id '{HEADER_DOC}' (given) is taken" in err
    assert "pass another with --id" in err
    # the id new derives is refused the same way (a new text, the same title, place and year)
    copy = tmp_path / "portal-header-copy.txt"
    copy.write_bytes((RAW / "portal-header.txt").read_bytes() + "\n".encode())
    code, _, err = _new(project, str(copy))
    assert code == 1 and "(derived from the title, place and years) is taken" in err
    assert (project / "content/documents" / HEADER_DOC / "document.yaml").read_bytes() == before
    code, _, err = _new(project, str(RAW / "title-line.txt"), "--id", "Zhonglou_2021")
    assert code == 1 and "must be lowercase ASCII words joined by hyphens" in err
    # the same text under another id is one document added twice
    code, _, err = _new(project, str(RAW / "portal-header.txt"), "--id", "nantong-2023-again")
    assert code == 1 and f"this text is already content/documents/{HEADER_DOC}" in err
    assert not (project / "content/documents/nantong-2023-again").exists()


@pytest.mark.parametrize("encoding, named", [
    ("gb18030", "is GB18030, not UTF-8"), ("gbk", "is GB18030, not UTF-8"),
    ("utf-16", "is UTF-16, not UTF-8"), ("utf-16-le", "is UTF-16LE, not UTF-8"),
    ("utf-16-be", "is UTF-16BE, not UTF-8")])
def test_a_raw_file_not_in_utf8_is_refused_with_the_iconv_command(tmp_path, encoding, named):
    project = _copy_project(tmp_path / "project")
    raw = tmp_path / "raw.txt"
    raw.write_bytes((RAW / "portal-header.txt").read_text(encoding="utf-8").encode(encoding))
    before = sorted(p.name for p in (project / "content/documents").iterdir())
    code, out, err = _new(project, str(raw))
    assert code == 1 and out == ""
    assert f"{raw} {named}" in err
    iconv = f"iconv -f {named.split()[1][:-1]} -t UTF-8 {raw} > {tmp_path / 'raw.utf8.txt'}"
    assert iconv in err and f"python build.py new {tmp_path / 'raw.utf8.txt'}" in err
    assert sorted(p.name for p in (project / "content/documents").iterdir()) == before
    # the command it gives works: the converted file is added
    subprocess.run(err[err.index("iconv"):err.index(" &&")], shell=True, check=True)
    code, out, err = _new(project, str(tmp_path / "raw.utf8.txt"))
    assert code == 0, err
    assert (project / "content/documents" / HEADER_DOC / "source.txt").read_text(encoding="utf-8") == \
        (RAW / "portal-header.txt").read_text(encoding="utf-8")


def _blocks(after: str) -> list[str]:
    """The YAML examples of docs/editing.md's section whose heading starts with `after`."""
    text = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    section = text[text.index(f"## {after}"):]
    section = section[:section.index("\n## ", 4)]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_the_examples_of_editing_md_build_on_a_document_new_added(tmp_path):
    """docs/editing.md's passage tags, target and translation, pasted as it says into the
    document `new` made of the portal-header text, build; the page shows them."""
    project = _copy_project(tmp_path / "project")
    assert _new(project, str(RAW / "portal-header.txt"))[0] == 0
    folder = project / "content/documents" / HEADER_DOC
    (passages,) = _blocks("2. Tag passages")
    (targets,) = _blocks("3. Add a target")
    (translation,) = _blocks("5. Add a translation")
    with (folder / "document.yaml").open("a", encoding="utf-8") as stream:
        stream.write(passages + targets)
    (folder / "en.yaml").write_text(translation, encoding="utf-8")
    build(project, tmp_path / "site")
    page = _text((tmp_path / "site/en/documents" / HEADER_DOC / "index.html").read_text(encoding="utf-8"))
    assert "Build, rebuild or expand 12 kindergartens and add 3,600 places" in page
    zh = (tmp_path / "site/zh/documents" / HEADER_DOC / "index.html").read_text(encoding="utf-8")
    # the target's quote reads highlighted (marks that touch, split by a term link, read as one)
    joined = re.sub(r"</mark>(?:<[^>]+>)*<mark>", "", zh)
    assert any("新建、改扩建幼儿园12所" in re.sub(r"<[^>]+>", "", marked) for marked in re.findall(r"<mark>(.*?)</mark>", joined))
