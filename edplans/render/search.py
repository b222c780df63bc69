"""What the search index reads of one document: a small HTML page per language, made for
Pagefind alone (never published), with one sub-result per passage.

Chinese is indexed one character a word. Pagefind's own Chinese segmentation (jieba when
indexing, the browser's Intl.Segmenter when searching) splits the same text differently on
the two sides, so a query missed words the text has (县管校 in 县管校聘, 双师 in 双师型); one
character a word, searched as an exact phrase (static/js/search.js spaces the query the same
way), finds every run of characters the text contains, like find-in-page. README, "Search".

Each passage is an `<h2 id="p-…">` (its place: section and paragraph, the sub-result's
title) followed by its text as the page shows it, then, after a ⁂, the other language's
names of the glossary terms it uses: "dual-qualified" finds 双师型 passages on /zh/ and 双师型
finds their English on /en/. Passages the English edition has not translated yet are
indexed there in Chinese (the page shows them beside the original)."""
from __future__ import annotations

import re
from html import escape

from ..annotate.glossary import find_terms
from ..ingest.script import to_traditional
from .comparable import ancestor_at

SEARCH_VERSION = 1            # bump when the page's shape or the index options change
KEYWORDS = "⁂"                 # starts a passage's glossary names; search.js cuts excerpts there
# Chinese characters (the unified ideographs and their extensions, the compatibility forms)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# Pagefind indexes this as the language of the Chinese trees: a code with no stemming and no
# segmentation of its own, since the text arrives one character a word.
INDEX_LANGUAGE = {"zh": "zxx", "zh-hant": "zxx", "en": "en"}


def spaced(text: str) -> str:
    """Each Chinese character a word of its own: 县管校聘 -> ' 县 管 校 聘 '."""
    return HAN.sub(lambda m: " " + " ".join(m.group()) + " ", text)


def _clean(text: str) -> str:
    return escape(" ".join(spaced(text).split()), quote=True)


def _years(document) -> list[int]:
    start, end = document.period_start, document.period_end or document.period_start
    if not start:
        return []
    return list(range(start, (end if end and end >= start else start) + 1))


def search_page(document, view, corpus, lang: str, t, heading_of) -> bytes:
    """The page Pagefind indexes for one document in one language. `t(key)` gives UI
    strings in the page's language; `heading_of(section)` a section's title as shown."""
    hant = lang == "zh-hant"
    source = "zh" if hant else lang

    def local(value: str) -> str:
        return to_traditional(value) if hant else value

    def name(bilingual) -> str:
        return local(bilingual.get(source))

    registry = corpus.jurisdictions
    place = registry[document.jurisdiction]
    province = ancestor_at(place.id, "province", registry)
    filters = {
        "province": [name(registry[province].name)] if province else [t("search_unknown_province")],
        "jurisdiction": [name(place.name)],
        "level": [t(f"level_{place.level}")],
        "type": [t(f"type_{document.doc_type}")],
        "year": [str(y) for y in _years(document)],
        "theme": sorted({name(corpus.themes[tag.split("/", 1)[0]].name)
                         for p in document.passages() for tag in p.themes if tag.split("/", 1)[0] in corpus.themes}),
    }
    period = (t("period_range", start=document.period_start, end=document.period_end)
              if document.period_start and document.period_end and document.period_start != document.period_end
              else t("period_single", start=document.period_start) if document.period_start else "")
    meta = {"title": name(document.title), "place": name(place.name), "period": period,
            "type": filters["type"][0]}
    out = [f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE[lang]}"><head><meta charset="utf-8"></head><body>']
    out += [f'<span data-pagefind-meta="{key}">{escape(value)}</span>' for key, value in meta.items()]
    out += [f'<span data-pagefind-filter="{key}">{escape(value)}</span>'
            for key, values in filters.items() for value in values]
    # The title and place come first: a query for them finds the document.
    out.append(f'<main data-pagefind-body><p>{_clean(meta["title"] + " " + meta["place"])}</p>')
    glossary = corpus.glossary
    for section, _depth, _level in view.sections:
        heading = heading_of(section)
        for passage in section.passages:
            out.append(f'<h2 id="{escape(passage.id)}">{_clean(heading)} ¶{escape(passage.id[2:])}</h2>')
            terms = [glossary[m.term] for m in find_terms(passage.text, glossary)]
            if lang == "en":
                english = view.english.get(passage.id)
                shown = "".join(s.text for s in english) if english else passage.text
                other = [term.zh for term in terms] + ([term.en for term in terms] if not english else [])
            else:
                runs = view.published.get(passage.id) if hant and view.published else None
                shown = "".join(s.text for s in runs) if runs else local(passage.text)
                other = [term.en for term in terms]
            out.append(f"<p>{_clean(shown)}</p>")
            if other:
                out.append(f"<p>{KEYWORDS} {_clean(' · '.join(dict.fromkeys(other)))}</p>")
    out.append("</main></body></html>")
    return "\n".join(out).encode("utf-8")
