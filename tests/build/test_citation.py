"""What a reader copies to cite: the document records parse in their formats and name the
document as its annotations do; the dataset's citation gives the version the site was built
from; a local build never passes its address off as the site's."""
from __future__ import annotations

import html
import json
import re

from edplans.corpus import load_corpus
from edplans.render.version import site_version
from tests.conftest import ROOT


def _blocks(page: str) -> dict[str, str]:
    """Cite-this-document records, by format name, as a reader sees and copies them: the text,
    unescaped (Chinese in an English record sits in <span lang="zh-Hans">)."""
    found = re.findall(r'<p class="cite-format-name">([^<]+)</p><pre class="cite-text">(.*?)</pre>', page, re.S)
    return {name: html.unescape(re.sub(r"<[^>]+>", "", text)) for name, text in found}


def test_document_records_parse_and_name_the_document(built_site):
    corpus, _ = load_corpus(ROOT / "content")
    for document in corpus.documents:
        for lang, records in (("zh", 1), ("en", 2)):
            page = (built_site.out / lang / "documents" / document.id / "index.html").read_text(encoding="utf-8")
            blocks = _blocks(page)
            assert set(blocks) == {"BibTeX", "CSL-JSON", "RIS"}, document.id
            items = json.loads(blocks["CSL-JSON"])
            assert len(items) == records
            assert items[0]["title"] == document.title.zh
            if document.publisher:
                assert items[0]["author"] == [{"literal": document.publisher.zh}]
            else:
                assert "author" not in items[0]       # no issuer invented
            if records == 2:
                assert items[1]["title"] == document.title.en and items[1]["original-title"] == document.title.zh
            ris = blocks["RIS"].strip().split("\n\n")
            assert len(ris) == records and all(r.startswith("TY  - ") and r.rstrip().endswith("ER  -") for r in ris)
            assert blocks["BibTeX"].count("@misc{") == records
            assert blocks["BibTeX"].count("{") == blocks["BibTeX"].count("}")
            # the golden build is a local preview: no localhost address in what is cited
            assert "localhost" not in "".join(blocks.values())


def test_dataset_citation_gives_the_version_it_was_built_from(built_site):
    date, commit = site_version(ROOT)
    for lang in ("zh", "en"):
        page = (built_site.out / lang / "data" / "index.html").read_text(encoding="utf-8")
        citation = html.unescape(re.search(r'id="dataset-citation">(.*?)</p>', page, re.S).group(1))
        bibtex = html.unescape(re.search(r'<pre class="cite-text">(@misc\{edplans-dataset.*?)</pre>', page, re.S).group(1))
        if commit:
            assert commit in citation and date in citation
            assert f"year = {{{date[:4]}}}," in bibtex
        assert "CC BY 4.0" in citation and "localhost" not in citation + bibtex
