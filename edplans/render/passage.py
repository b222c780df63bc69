"""One passage of a document page as HTML: its text in the page's language (runs: lead,
quoted figures, glossary terms), the targets it states, its theme tags and its permalink.

Written in Python rather than as a Jinja macro: a document page has a hundred or more
passages, and the macro call per passage was the largest part of rendering a document
(measured in bench/README.md). Every string from content or from the UI strings goes
through `text` in an attribute (bidirectional controls shown, then escaped), as `{{ }}` does
in a template, and through `content` as an element's text (the same, quotes left as they are).
The page carries its own language only; site.js sets the other column beside it.

A page writes this markup a hundred times or more (a third of a document page was the same
classes, wrappers and attributes on every passage), so it holds only what a reader sees or
a selector on the passage cannot stand for: site.css styles `.passage mark`, `.theme-tags
li`, a target's figure `.passage-targets b` and the permalink `.passage > a`; site.js wraps
the permalink and the cite box it adds in `.passage-tools`."""
from __future__ import annotations

from markupsafe import Markup

from ..ingest.script import to_traditional
from .hant import keep_html
from .safe import content, runs_html, text


def passage_html(passage, document, t, lang: str, view, glossary_href: str) -> Markup:
    pid = text(passage.id)
    held = t("placeholder_mark")
    out = [f'<div class="passage" id="{pid}">']
    if lang != "en":
        # in the page's language (<html lang>); site.js gives a column copied to another page its own
        if lang == "zh-hant" and view.published:
            # kept from the page's conversion: the source's characters; the mark's label converted here
            shown = keep_html(runs_html(view.published[passage.id], glossary_href, to_traditional(held)))
        else:
            shown = runs_html(view.segments[passage.id], glossary_href, held)
        out.append(f'<p class="passage-text">{shown}</p>')
    else:
        out.append('<div class="passage-en">')
        english = view.english[passage.id]
        if english:
            out.append(f"<p>{runs_html(english, glossary_href, held)}</p>")
            if passage.en_note:
                out.append(f'<p class="translator-note"><span class="note-label">{content(t("translator_note"))}</span> '
                           f"{content(passage.en_note)}</p>")
        else:
            lead = f"<strong>{content(passage.lead_en)}.</strong> " if passage.lead_en else ""
            out.append(f'<p class="translation-pending">{lead}{content(t("translation_pending"))}</p>')
        out.append("</div>")
    short = passage.id[2:]
    if passage.id in view.targets:
        out.append(f'<ul class="passage-targets" aria-label="{text(t("passage_targets", id=short))}">')
        for tv in view.targets[passage.id]:
            target = tv.target
            meta = content(t("kind_" + target.kind))
            if target.year:
                meta += f" · {content(str(target.year))}"
            if tv.jurisdiction.id not in document.jurisdictions[:1]:
                meta += f" · {content(tv.jurisdiction.name.get(lang))}"
            # a target is the default kind; the figure in <b>. The indicator keeps a span of its
            # own: a space shaped in one text run with Chinese takes the Chinese font's width.
            kind = "" if target.kind == "target" else f' class="kind-{text(target.kind)}"'
            out.append(f'<li id="{text(target.id)}"{kind}><b>{content(tv.figure.get(lang))}</b> '
                       f'<span>{content(tv.indicator.name.get(lang))}</span> <span class="meta">{meta}</span>')
            if lang == "en":
                out.append(f' <span class="description">{content(target.description)}</span>')
            out.append("</li>")
        out.append("</ul>")
    tags = view.tags[passage.id]
    if tags:
        out.append(f'<ul class="theme-tags" aria-label="{text(t("passage_themes"))}">')
        featured = ' class="featured"'
        out.extend(f'<li{featured if tag.theme.featured else ""}>{content(tag.label.get(lang))}</li>' for tag in tags)
        out.append("</ul>")
    # The passage's link to itself (site.css and site.js find it by its href); U+200A, a hair
    # space, between the pilcrow and the number. site.js puts the passage's cite box beside it.
    out.append(f'<a href="#{pid}" aria-label="{text(t("passage_permalink", id=short))}">¶\u200a{content(short)}</a></div>')
    return Markup("".join(out))
