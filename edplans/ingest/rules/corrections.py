"""apply_corrections: the editors' find/replace pairs from document.yaml.

They are written against source.txt as collected (copy the damaged span straight
from the raw file), so they run first, after only carriage returns and zero-width
characters are dropped. A find stays within one line of the source.
"""
from __future__ import annotations

from ..state import Context, Line


def apply_corrections(ctx: Context, lines: list[Line]) -> list[Line]:
    texts = [line.text for line in lines]
    for number, correction in enumerate(ctx.corrections):
        found = sum(text.count(correction.find) for text in texts)
        if found != correction.count:
            ctx.problems.append((correction, f"found {found} time(s), expected {correction.count}"))
            continue
        for i, text in enumerate(texts):
            if correction.find in text:
                new = text.replace(correction.find, correction.replace)
                ctx.changed(lines[i].start, text, new, f"correction {number}: {correction.reason_en}")
                texts[i] = new
    return [Line(line.start, line.end, text) for line, text in zip(lines, texts)]
