"""One golden build of the real content, read by many assertions."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.site_data import page_passages, sitemap_urls

LANGS = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}
DOCUMENTS = ("changzhou-2019-work-points", "changzhou-2022-district-goals", "changzhou-2024-work-points",
             "northern-city-14th-five-year-excerpt", "rudong-2021-2025-five-year-plan")
PINYIN_ANNOTATION = re.compile(r"[\u4e00-\u9fff]\([a-zü\u0101-\u01dc]+\)")
CHROME = ("蜘蛛池", "扫一扫在手机", "掃一掃", "ICP备", "打印】", "【关闭", "当前位置", "首页 >>")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _visible_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_every_document_has_a_page_in_every_language(built_site):
    for lang in LANGS:
        for doc_id in DOCUMENTS:
            assert (built_site.out / lang / "documents" / doc_id / "index.html").is_file(), (lang, doc_id)


def test_no_pinyin_annotation_chrome_or_spam_anywhere(built_site):
    pages = sorted(built_site.out.rglob("*.html"))
    assert len(pages) >= 2 * len(DOCUMENTS) + 3
    for page in pages:
        text = _visible_text(page)
        assert not PINYIN_ANNOTATION.search(text), (page, PINYIN_ANNOTATION.search(text).group(0))
        for marker in CHROME:
            assert marker not in text, (page, marker)


def test_copyright_line_is_provenance_not_body(built_site):
    html = (built_site.out / "zh/documents/changzhou-2022-district-goals/index.html").read_text(encoding="utf-8")
    body, provenance = html.split('class="doc-body ', 1)[1].split('class="provenance"', 1)
    assert "版权所有" not in body
    assert "常州日报社版权所有" in provenance


def test_portal_header_is_metadata_not_body(built_site):
    page = built_site.out / "zh/documents/changzhou-2019-work-points/index.html"
    html = page.read_text(encoding="utf-8")
    body = html.split('class="doc-body ', 1)[1].split('class="provenance"', 1)[0]
    assert "索引号" not in body and "014109488/2019-00082" not in body
    provenance = html.split('class="provenance"', 1)[1]
    assert "014109488/2019-00082" in provenance and "市教育局" in provenance


def test_traditional_sources_are_shown_in_simplified(built_site):
    text = _visible_text(built_site.out / "zh/documents/rudong-2021-2025-five-year-plan/index.html")
    assert "如东县" in text and "规划" in text
    body = text.split("目录", 1)[1].split("出处", 1)[0]
    assert "規劃" not in body and "發展" not in body


# What opencc-python-reimplemented wrote on /zh-hant/ (issue 14): 控製作業量, 託班/託位, 橋樑, 想象力.
OLD_CONVERTER_ERRORS = ("控製", "託班", "託位", "橋樑", "想象力")


def test_the_traditional_edition_has_none_of_the_old_converters_errors(built_site, project_root):
    """A form is on a /zh-hant/ document page only where its source writes it (a traditional
    source is shown as published: rudong writes 想象力)."""
    for doc_id in DOCUMENTS:
        text = _visible_text(built_site.out / "zh-hant" / "documents" / doc_id / "index.html")
        source = (project_root / "content" / "documents" / doc_id / "source.txt").read_text(encoding="utf-8")
        assert [wrong for wrong in OLD_CONVERTER_ERRORS if wrong in text and wrong not in source] == [], doc_id
    changzhou = _visible_text(built_site.out / "zh-hant/documents/changzhou-2024-work-points/index.html")
    rudong = _visible_text(built_site.out / "zh-hant/documents/rudong-2021-2025-five-year-plan/index.html")
    assert "新增托班176個、托位3520個" in changzhou and "控制作業量" in rudong and "搭“橋梁”" in rudong


def test_passage_permalinks_are_unique_and_resolve(built_site):
    for lang in LANGS:
        for doc_id in DOCUMENTS:
            parsed = _parse(built_site.out / lang / "documents" / doc_id / "index.html")
            passages = [i for i in parsed.ids if i.startswith("p-")]
            assert passages, doc_id
            assert len(passages) == len(set(parsed.ids) & set(passages)) == len(set(passages)), doc_id
            assert len(parsed.ids) == len(set(parsed.ids)), f"duplicate id on {lang}/{doc_id}"
            for href in parsed.hrefs:
                if href.startswith("#"):
                    assert href[1:] in parsed.ids, (doc_id, href)


def test_html_lang_and_hreflang_alternates(built_site):
    for lang, tag in LANGS.items():
        for page in sorted((built_site.out / lang).rglob("index.html")):
            html = page.read_text(encoding="utf-8")
            assert _parse(page).html_lang == tag, page
            rel = page.relative_to(built_site.out / lang).as_posix()
            for other, other_tag in LANGS.items():
                other_rel = rel[: -len("index.html")]
                assert re.search(rf'hreflang="{other_tag}" href="[^"]*/{other}/{re.escape(other_rel)}"', html), (page, other)


def test_every_page_has_its_own_link_preview(built_site):
    """What a chat app or a social site shows for a shared link: the page's own title and
    address (Open Graph; X's summary card reads the same tags), never the preview host's."""
    meta = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z_]+)" content="([^"]*)">')
    for lang in LANGS:
        for page in sorted((built_site.out / lang).rglob("index.html")):
            text = page.read_text(encoding="utf-8")
            tags = dict(meta.findall(text))
            title = html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1))
            canonical = re.search(r'<link rel="canonical" href="([^"]*)">', text).group(1)
            assert html.unescape(tags["og:title"]) == title, page
            assert tags["og:url"] == canonical and canonical.endswith(
                page.relative_to(built_site.out).as_posix()[: -len("index.html")]), page
            assert tags["og:description"] and tags["og:site_name"] and tags["twitter:card"] == "summary", page
            assert tags["og:locale"] == {"zh": "zh_CN", "en": "en_GB", "zh-hant": "zh_TW"}[lang], page
            assert tags["og:type"] == ("article" if "/documents/" in page.as_posix() else "website"), page


def test_english_pages_have_english_ui_and_metadata(built_site):
    text = _visible_text(built_site.out / "en/documents/rudong-2021-2025-five-year-plan/index.html")
    for expected in ("Rudong County 14th Five-Year Plan for Education", "Rudong County People's Government",
                     "Five-year plan", "Provenance", "2021–2025", "Comprehensively strengthen Party building in the education system"):
        assert expected in text
    assert "Main tasks" in text and "二、主要任务" not in text  # headings in English (document.yaml title_en)
    # the Chinese original beside the English is copied from the Chinese page when shown
    original = "".join(t for t in page_passages(built_site.out, "rudong-2021-2025-five-year-plan", "zh").values())
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in original and "坚持以习近平" not in text


def test_unknown_jurisdiction_is_said_not_guessed(built_site):
    for lang, phrase in (("en", "cannot be established"), ("zh", "无法确定")):
        text = _visible_text(built_site.out / lang / "documents/northern-city-14th-five-year-excerpt/index.html")
        assert phrase in text


def test_editorial_note_for_every_correction(built_site):
    html = (built_site.out / "en/documents/changzhou-2024-work-points/index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<li id="correction-(\d+)">', html)
    assert notes == [str(n) for n in range(1, 9)]
    assert "source line 10" in html and "掛職鍛煉渠道" in html


def test_digest_sections_are_attributed_to_their_jurisdictions(built_site):
    text = _visible_text(built_site.out / "en/documents/changzhou-2022-district-goals/index.html")
    assert "This section speaks for: Zhonglou District" in text
    assert "This section speaks for: Liyang" in text


def test_home_lists_documents_by_jurisdiction_and_year(built_site):
    text = _visible_text(built_site.out / "en/index.html")
    changzhou = text.index("Changzhou Education Work Points for 2019")
    assert changzhou < text.index("Changzhou Education Work Points for 2024")
    assert text.index("Rudong County") < text.index("Unnamed northern city")


def test_sitemap_lists_every_page_with_alternates(built_site):
    base = re.search(r'<link rel="canonical" href="([^"]*)zh/">', (built_site.out / "zh/index.html").read_text("utf-8")).group(1)
    _, entries = sitemap_urls(built_site.out, base)
    pages = sorted(p.relative_to(built_site.out).as_posix()[: -len("index.html")]
                   for lang in LANGS for p in (built_site.out / lang).rglob("index.html"))
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    listed = sorted(e.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")[len(base):] for e in entries)
    assert listed == pages
    assert all(sorted(a.get("hreflang") for a in e.iter(xhtml)) == ["en", "zh-Hans", "zh-Hant"] for e in entries)


def test_root_page_links_to_both_languages(built_site):
    html = (built_site.out / "index.html").read_text(encoding="utf-8")
    assert 'href="zh/"' in html and 'href="en/"' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_internal_links_resolve(built_site, lang):
    for page in sorted((built_site.out / lang).rglob("*.html")):
        for href in _parse(page).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            if href.split("#")[0].endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page, href)
