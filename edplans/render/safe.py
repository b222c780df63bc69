"""What every string from content goes through before it reaches a page: bidirectional
controls shown as visible code points, then HTML escaping. Jinja escapes every `{{ }}`, and
each rendered page has its controls shown at once (shown_page: the same as showing them in
each `{{ }}` value, a Jinja `finalize`, which cost a Python call per value, a million a build
of 100 documents); passage runs, built in Python for speed, do both themselves."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

# Bidirectional controls in content could reorder what a reader sees ("Trojan Source").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def show_bidi_controls(value):
    # ASCII holds no control of these (most of what a template writes: ids, classes, links)
    if isinstance(value, str) and not value.isascii() and BIDI_CONTROLS.search(value):
        shown = BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", value)
        # Already-safe markup (|tojson data blocks) stays safe: the replacement is plain ASCII.
        return Markup(shown) if isinstance(value, Markup) else shown
    return value


def shown_page(html: str) -> str:
    """A rendered page (or file) with every bidirectional control shown as its code point:
    the values written into it are the only place one can come from (templates hold none)."""
    return show_bidi_controls(html)


def text(value: str) -> str:
    """A content string as HTML text: controls shown, then escaped."""
    return str(escape(show_bidi_controls(value)))


def content(value: str) -> str:
    """A content string as the text of an element, never an attribute value: controls shown,
    then `&`, `<` and `>` escaped, which is all element text needs (no tag can open). Quotes
    stay as they are: `&#34;`/`&#39;` cost five bytes each, a percent of an English document
    page."""
    return str(show_bidi_controls(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs_html(segments, glossary_href: str, placeholder_label: str = "") -> Markup:
    """A passage's text in runs, as the template would write it: the lead sentence in
    <strong>, quoted figures in <mark> (the targets they state are listed under the text),
    glossary terms as links to their entry, placeholders of the source (xx所) in a marked span
    that says what they are, on hover (title) and to a screen reader (hidden text). One Python
    loop instead of a Jinja macro call per run (the largest cost of a document page). A
    hundred passages write this markup thousands of times, so it carries no class or attribute
    that a selector on the passage can stand for (site.css: `.passage mark`, a term is
    `.passage a[href*="#term-"]`)."""
    href = text(glossary_href)
    label = text(placeholder_label)
    out = []
    for segment in segments:
        piece = content(segment.text)
        if getattr(segment, "placeholder", False):
            piece = (f'<span class="placeholder" title="{label}">{piece}'
                     f'<span class="visually-hidden"> ({label})</span></span>')
        if segment.term:
            piece = f'<a href="{href}#term-{text(segment.term)}">{piece}</a>'
        if segment.targets:
            piece = f"<mark>{piece}</mark>"
        if segment.lead:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return Markup("".join(out))
