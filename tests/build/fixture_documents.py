"""Adding a fixture source to a copied project as a document, the way an editor would: the
raw text byte for byte, a document.yaml with its hash and the fields a build requires."""
from __future__ import annotations

import hashlib
from pathlib import Path


def add_document(project: Path, doc_id: str, fixture: Path, title_zh: str,
                 title_en: str = "A county's 2023 education work points", *,
                 jurisdiction: str = "changzhou", year: int = 2023) -> Path:
    """Writes content/documents/<doc_id>/ from `fixture`; returns the folder."""
    folder = project / "content" / "documents" / doc_id
    folder.mkdir()
    source = fixture.read_bytes()
    (folder / "source.txt").write_bytes(source)
    (folder / "document.yaml").write_text(
        f"title:\n  zh: {title_zh}\n  en: {title_en}\n"
        f"type: annual-work-points\njurisdiction: {jurisdiction}\nperiod: {{start: {year}, end: {year}}}\n"
        f"source_sha256: {hashlib.sha256(source).hexdigest()}\n", encoding="utf-8")
    return folder
