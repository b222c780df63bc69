"""The /zh-hant/ edition: each page is rendered like the simplified one and converted whole
with OpenCC s2tw, except the text of a source published in traditional script, which is
shown as published. s2tw is not idempotent on such text: it "corrects" the source's own
characters (研制 -> 研製, 示范 -> 示範, 想象力 -> 想像力), so that text is marked on the way
out and the page conversion passes over it.

The marks are HTML comments written by the renderer around text it has already escaped:
content can never forge one (its `<` is escaped), and they are removed with the conversion."""
from __future__ import annotations

import re

from jinja2 import pass_context
from markupsafe import Markup, escape

from ..ingest.script import to_traditional
from .safe import show_bidi_controls

KEEP_OPEN = "<!--as-published-->"
KEEP_CLOSE = "<!--/as-published-->"
_KEPT = re.compile(f"{re.escape(KEEP_OPEN)}(.*?){re.escape(KEEP_CLOSE)}", re.DOTALL)


def keep_html(html: str) -> Markup:
    """Markup (already safe) shown as published on the traditional edition."""
    return Markup(f"{KEEP_OPEN}{html}{KEEP_CLOSE}") if html else Markup("")


def keep_text(value: str) -> Markup:
    """A content string, escaped like `{{ }}` does, shown as published."""
    return keep_html(str(escape(show_bidi_controls(value))))


def page_to_traditional(html: str) -> str:
    """The whole page through s2tw but for the kept spans; the marks go."""
    out, position = [], 0
    for match in _KEPT.finditer(html):
        out.append(to_traditional(html[position: match.start()]))
        out.append(match.group(1))
        position = match.end()
    out.append(to_traditional(html[position:]))
    return "".join(out)


def shows_as_published(document, lang: str) -> bool:
    """Whether `lang`'s page shows this document's text in its own characters: the
    traditional edition of a source published in traditional script (the page says so)."""
    return lang == "zh-hant" and document.script == "traditional"


@pass_context
def as_published(context, value: str, document):
    """Template filter: a source string kept as published where the page shows it so."""
    return keep_text(value) if shows_as_published(document, context["lang"]) else value


@pass_context
def section_heading(context, section, document):
    """Template global: a section's label and title as the page shows them."""
    if shows_as_published(document, context["lang"]):
        shown = heading_shown(document, section)
        return keep_text(shown) if shown == section.heading_original else shown
    return section.label + section.title


def heading_shown(document, section) -> str:
    """A section's label and title on the traditional edition, before the page conversion:
    as published for a traditional source (and kept), else the canonical title."""
    canonical = section.label + section.title
    if shows_as_published(document, "zh-hant") and len(section.heading_original) == len(canonical):
        return section.heading_original
    return to_traditional(canonical)


def traditional_text(document, passage) -> str:
    """A passage on the traditional edition, for data the page does not convert (collection
    shards): the source's own characters for a traditional source, else s2tw."""
    if shows_as_published(document, "zh-hant") and len(passage.original) == len(passage.text):
        return passage.original
    return to_traditional(passage.text)
