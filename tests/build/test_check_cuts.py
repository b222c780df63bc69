"""`build.py check -v` explains every line cleaning cut: file, line number, what the line was
and why it went (the shape of chrome and where it stood, a lifted metadata field, the spam
tail). The fixture is a download-site copy with clutter of every class."""
from __future__ import annotations

import io
import re
from pathlib import Path

from edplans.check import run_check

from .fixture_documents import add_document

FIXTURE = Path(__file__).parent / "fixtures" / "cluttered-source.txt"
DOC = "cluttered-fixture"
SOURCE = f"content/documents/{DOC}/source.txt"
REASONS = {
    1: "navigation trail", 2: "navigation trail", 3: "row of page widgets", 4: "page title lifted",
    5: "portal metadata lifted: 来源, 发布时间, 点击数", 6: "file size", 7: "page count", 8: "view counter",
    9: "row of page widgets", 19: "date or time alone on a line, after the body",
    20: "message of the host",
}


def test_check_verbose_names_file_line_and_reason_for_every_cut_line(project_copy):
    add_document(project_copy, DOC, FIXTURE, "某县2023年教育工作要点")
    out = io.StringIO()
    run_check(project_copy, verbose=True, out=out)
    report = out.getvalue().split(f"== {DOC} ", 1)[1].split("\n== ", 1)[0]
    cut = {int(m.group(1)): m.group(2) for m in re.finditer(rf"^    {re.escape(SOURCE)}:(\d+) \w+: cut «.*» — (.+)$",
                                                             report, re.MULTILINE)}
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    assert set(cut) == {n for n, text in enumerate(lines, start=1) if text.strip() and n in REASONS}
    for number, reason in REASONS.items():
        assert reason in cut[number], (number, lines[number - 1], cut[number])
