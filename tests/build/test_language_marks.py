"""Chinese inside English text carries its language (issue 17): the renderer wraps each run of
Han characters in English text in <span lang="zh-Hans"> (zh-Hant on the traditional edition,
or for a run written in traditional characters), on every page and from every content field,
escaped, and leaves alone what cannot hold markup."""
from __future__ import annotations

import re

from edplans.render.langmark import mark_chinese

NEW_TERMS = {  # id: (Chinese, English) of terms added for issue 17
    "authorised-staffing": ("编制", "authorised staffing"),
    "registered-headcount-staffing": ("员额制", "registered-headcount staffing"),
    "simultaneous-public-private-enrolment": ("公民同招", "simultaneous public–private enrolment"),
    "three-classrooms": ("三个课堂", "&#34;Three Classrooms&#34;"),
    "student-teacher-ratio": ("生师比", "student–teacher ratio"),
    "teaching-research": ("教研", "teaching research"),
    "quality-focused-development": ("内涵发展", "quality-focused development"),
    "curriculum-bases": ("课程基地", "curriculum bases"),
    "full-time-teachers": ("专任教师", "full-time teachers"),
    "nursery-classes": ("托班", "nursery classes"),
    "childcare-places": ("托位", "childcare places"),
    "integrated-nursery-kindergarten": ("托幼一体化", "integrated nursery and kindergarten provision"),
    "double-excellence-plan": ("双优计划", "&#34;Double Excellence Plan&#34;"),
    "city-wide-industry-education-consortia": ("市域产教联合体", "city-wide industry–education consortia"),
    "sector-wide-industry-education-communities": ("行业产教融合共同体",
                                                   "sector-wide industry–education integration communities"),
    "four-consciousnesses": ("四个意识", "the &#34;four consciousnesses&#34;"),
    "two-upholds": ("两个维护", "the &#34;two upholds&#34;"),
    "all-round-education-by-all": ("三全育人", "&#34;education by all staff, throughout and in all respects&#34;"),
    "spirit-of-educators": ("教育家精神", "the spirit of educators"),
    "one-network-services": ("一网通办", "one-network government services"),
    "at-most-one-trip": ("最多跑一次", "&#34;at most one trip&#34;"),
    "county-wide": ("县域", "county"),
    "class-teacher": ("班主任", "class teacher"),
    "leading-plan": ("领航计划", "Leading Plan"),
    "secondary-and-higher-vocational": ("中高职", "secondary and higher vocational"),
}


def _entry(page: str, term_id: str) -> str:
    start = page.index(f'<div class="term-entry" id="term-{term_id}">')
    end = page.find('<div class="term-entry"', start + 10)
    return page[start:end if end > 0 else len(page)]


def test_the_glossary_page_lists_the_new_terms_in_both_languages(built_site):
    for lang, zh_tag in (("en", "zh-Hans"), ("zh", "zh-Hans"), ("zh-hant", "zh-Hant")):
        page = (built_site.out / lang / "glossary" / "index.html").read_text(encoding="utf-8")
        for term_id, (zh, en) in NEW_TERMS.items():
            entry = _entry(page, term_id)
            assert '<span class="term-en"' in entry and f">{en}</span>" in entry, (lang, term_id)
            if lang != "zh-hant":   # the traditional page shows the converted form
                assert f'<span class="term-zh" lang="{zh_tag}">{zh}</span>' in entry, (lang, term_id)
            assert entry.count("<p") >= 2, "a definition in each language"
    # 中高职 is its own entry, no longer an alias of higher vocational education
    en = (built_site.out / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "中高职" not in _entry(en, "higher-vocational")


def test_chinese_in_english_text_is_marked_on_every_edition(built_site):
    # the about page (Markdown): traditional characters quoted on the English page say so
    about = (built_site.out / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="zh-Hant">繁體中文</span>' in about and '<span lang="zh-Hans">软件</span>' in about
    # a translator's note on the English page
    page = (built_site.out / "en/documents/changzhou-2024-work-points/index.html").read_text(encoding="utf-8")
    note = page[page.index('id="p-4-18-1"'):]
    note = note[note.index('class="translator-note"'):note.index("</p>", note.index('class="translator-note"'))]
    assert '<span lang="zh-Hans">学校</span>' in note and '<span lang="zh-Hans">劳动教育课程</span>' in note
    # an English definition on the Chinese glossary page quotes 编制
    zh = (built_site.out / "zh" / "glossary" / "index.html").read_text(encoding="utf-8")
    other = _entry(zh, "registered-headcount-staffing")
    other = other[other.index('class="term-other" lang="en"'):]
    assert '<span lang="zh-Hans">编制</span>' in other[:other.index("</p>")]
    # the traditional edition marks the converted run zh-Hant
    hant = (built_site.out / "zh-hant" / "glossary" / "index.html").read_text(encoding="utf-8")
    other = _entry(hant, "registered-headcount-staffing")
    other = other[other.index('class="term-other" lang="en"'):]
    assert '<span lang="zh-Hant">編制</span>' in other[:other.index("</p>")]
    # nowhere on an English page is a Han run in English text left unmarked
    for path in (built_site.out / "en").rglob("index.html"):
        assert not _unmarked(path.read_text(encoding="utf-8")), path


def _unmarked(html: str) -> list[str]:
    """Han runs in English text outside a lang="zh-…" element (a test-side reading of the page:
    body text only, scripts and attributes aside)."""
    body = re.sub(r"(?s)<script.*?</script>|<title>.*?</title>|<!--.*?-->", "", html)
    found, stack = [], []
    for match in re.finditer(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)", body):
        closing, name, attrs, text = match.groups()
        if text is not None:
            if not any(stack) and re.search(r"[\u4e00-\u9fff]", text):
                found.append(text.strip())
        elif name.lower() in ("br", "img", "input", "meta", "link", "hr", "source", "wbr") or attrs.endswith("/"):
            continue
        elif closing:
            if stack:
                stack.pop()
        else:
            lang = re.search(r'\slang="([^"]*)"', attrs)
            stack.append(lang.group(1).startswith("zh") if lang else (stack[-1] if stack else False))
    return found


def test_mark_chinese_wraps_runs_only_in_english_text():
    html = ('<html lang="en"><head><title>A 中文 title</title><script>var s = "</p>中";</script></head>'
            '<body><p title="属性 stays">The &lt;b&gt; 规划 plan, “三名工程”。</p>'
            '<p lang="zh-Hans">中文段落</p><div lang="en">Note: 學校 and 学校</div><br>后</body></html>')
    out = mark_chinese(html, "zh-Hans")
    assert '<title>A 中文 title</title>' in out and '<script>var s = "</p>中";</script>' in out
    assert 'title="属性 stays"' in out
    assert 'The &lt;b&gt; <span lang="zh-Hans">规划</span> plan, “<span lang="zh-Hans">三名工程”。</span>' in out
    assert '<p lang="zh-Hans">中文段落</p>' in out
    assert '<span lang="zh-Hant">學校</span> and <span lang="zh-Hans">学校</span>' in out
    assert '<br><span lang="zh-Hans">后</span>' in out
    assert mark_chinese(html.replace('lang="en"', 'lang="zh-Hans"').replace('<div lang="en">', "<div>"),
                        "zh-Hans").count("<span") == 0
    assert mark_chinese(html, "zh-Hant").count('lang="zh-Hant"') == 5


def test_mark_chinese_on_a_chinese_page_marks_only_inside_its_english_elements():
    html = ('<html lang="zh-Hans"><body><p>中文</p><a lang="en" href="/中/">English <b>中</b></a>'
            '<p>后文</p><!-- 注 --><p lang="en">x<br/>文<i>y</i> 學</p><p>完</p></body></html>')
    out = mark_chinese(html, "zh-Hans")
    assert out == html.replace("<b>中</b>", '<b><span lang="zh-Hans">中</span></b>') \
        .replace("<br/>文", '<br/><span lang="zh-Hans">文</span>').replace(" 學</p>", ' <span lang="zh-Hant">學</span></p>')
