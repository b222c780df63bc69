"""A passage's text as a document page writes it (render/safe.py): whatever the source holds
reads literally and opens no element, with the least markup a selector cannot stand for."""
from __future__ import annotations

from html.parser import HTMLParser

from edplans.render.safe import content, runs_html
from edplans.render.views import Segment


class _Read(HTMLParser):
    """The elements and the text a browser makes of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Read:
    reader = _Read()
    reader.feed(html)
    reader.close()
    return reader


HOSTILE = ['"><script>alert(4)</script>', "' onmouseover='alert(13)", "&lt;b&gt; & ©", "abc\u202eevil"]


def test_element_text_reads_literally_and_opens_no_element():
    for value in HOSTILE:
        read = _read(f"<p>{content(value)}</p>")
        assert read.tags == [("p", {})], value
        assert "".join(read.text) == value.replace("\u202e", "[U+202E]")


def test_quotes_stay_as_written_in_element_text():
    assert content('the "Changzhou brand", the year\'s goal') == 'the "Changzhou brand", the year\'s goal'


def test_runs_carry_only_the_markup_a_reader_sees():
    runs = [Segment("加强师德师风建设。", True, ()), Segment("新增", False, ("t-1-1",)),
            Segment("名师", False, ("t-1-1",), term="famous-teachers"), Segment('"><img src=x>', False, ())]
    html = runs_html(runs, "../../glossary/")
    assert html == ('<strong>加强师德师风建设。</strong><mark>新增</mark>'
                    '<mark><a href="../../glossary/#term-famous-teachers">名师</a></mark>"&gt;&lt;img src=x&gt;')
    read = _read(f"<p>{html}</p>")
    assert [tag for tag, _ in read.tags] == ["p", "strong", "mark", "mark", "a"]
    assert "".join(read.text) == '加强师德师风建设。新增名师"><img src=x>'
