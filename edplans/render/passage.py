"""One passage of a document page as HTML: its text in the page's language (runs: lead,
quoted figures, glossary terms), the targets it states, its theme tags and its permalink.

Written in Python rather than as a Jinja macro: a document page has a hundred or more
passages, and the macro call per passage was the largest part of rendering a document
(measured in bench/README.md). Every string from content or from the UI strings goes
through `text` (bidirectional controls shown, then escaped), as `{{ }}` does in a template.
The page carries its own language only; site.js sets the other column beside it."""
from __future__ import annotations

from markupsafe import Markup

from ..ingest.script import to_traditional
from .hant import keep_html
from .safe import runs_html, text


def passage_html(passage, document, t, lang: str, view, glossary_href: str, zh_tag: str) -> Markup:
    pid = text(passage.id)
    held = t("placeholder_mark")
    out = [f'<div class="passage" id="{pid}">\n']
    if lang != "en":
        if lang == "zh-hant" and view.published:
            # kept from the page's conversion: the source's characters; the mark's label converted here
            shown = keep_html(runs_html(view.published[passage.id], glossary_href, to_traditional(held)))
        else:
            shown = runs_html(view.segments[passage.id], glossary_href, held)
        out.append(f'<p class="passage-text" lang="{text(zh_tag)}">{shown}</p>\n')
    else:
        out.append('<div class="passage-en" lang="en">\n')
        english = view.english[passage.id]
        if english:
            out.append(f"<p>{runs_html(english, glossary_href, held)}</p>\n")
            if passage.en_note:
                out.append(f'<p class="translator-note"><span class="note-label">{text(t("translator_note"))}</span> '
                           f"{text(passage.en_note)}</p>")
        else:
            lead = f'<strong class="lead">{text(passage.lead_en)}.</strong> ' if passage.lead_en else ""
            out.append(f'<p class="translation-pending">{lead}{text(t("translation_pending"))}</p>\n')
        out.append("</div>\n")
    short = passage.id[2:]
    if passage.id in view.targets:
        out.append(f'<ul class="passage-targets" aria-label="{text(t("passage_targets", id=short))}">\n')
        for tv in view.targets[passage.id]:
            target = tv.target
            meta = text(t("kind_" + target.kind))
            if target.year:
                meta += f" · {text(str(target.year))}"
            if tv.jurisdiction.id not in document.jurisdictions[:1]:
                meta += f" · {text(tv.jurisdiction.name.get(lang))}"
            out.append(f'<li id="{text(target.id)}" class="target kind-{text(target.kind)}">\n'
                       f'<span class="figure">{text(tv.figure.get(lang))}</span>\n'
                       f'<span class="indicator">{text(tv.indicator.name.get(lang))}</span>\n'
                       f'<span class="target-meta">{meta}</span>\n')
            if lang == "en":
                out.append(f'<span class="target-description">{text(target.description)}</span>')
            out.append("</li>\n")
        out.append("</ul>\n")
    tags = view.tags[passage.id]
    if tags:
        out.append(f'<ul class="theme-tags passage-margin" aria-label="{text(t("passage_themes"))}">\n')
        out.extend(f'<li class="theme-tag{" featured" if tag.theme.featured else ""}">{text(tag.label.get(lang))}</li>'
                   for tag in tags)
        out.append("</ul>\n")
    out.append(f'<div class="passage-tools">\n<a class="permalink" href="#{pid}" '
               f'aria-label="{text(t("passage_permalink", id=short))}">¶&#8202;{text(short)}</a>\n</div>\n</div>\n')
    return Markup("".join(out))
