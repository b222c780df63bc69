"""serve's watcher: a save, a new file and a removed one are reported; editors' swap and
backup files and caches are not."""
from __future__ import annotations

import os

from edplans.watch import Watcher


def test_the_watcher_reports_saves_additions_and_removals_only(tmp_path):
    docs = tmp_path / "content" / "documents" / "a"
    docs.mkdir(parents=True)
    (docs / "document.yaml").write_text("title: a\n", encoding="utf-8")
    (docs / "en.yaml").write_text("{}\n", encoding="utf-8")
    watcher = Watcher([tmp_path / "content", tmp_path / "config.yaml"], interval=0.02).start()
    try:
        assert watcher.wait(0.3) == []              # nothing happened
        (docs / ".document.yaml.swp").write_bytes(b"x")
        (docs / "document.yaml~").write_bytes(b"x")
        (docs / "__pycache__").mkdir()
        (docs / "__pycache__" / "x.pyc").write_bytes(b"x")
        assert watcher.wait(0.3) == []
        (docs / "document.yaml").write_text("title: b\n", encoding="utf-8")
        os.utime(docs / "document.yaml", ns=(1, 1))     # a save within the same tick still differs
        (docs / "source.txt").write_text("新\n", encoding="utf-8")
        (docs / "en.yaml").unlink()
        (tmp_path / "config.yaml").write_text("x: 1\n", encoding="utf-8")   # a watched file created
        seen = set()
        while len(seen) < 4:
            changed = watcher.wait(5)
            assert changed, seen
            seen |= {p.relative_to(tmp_path).as_posix() for p in changed}
        assert seen == {"content/documents/a/document.yaml", "content/documents/a/source.txt",
                        "content/documents/a/en.yaml", "config.yaml"}
        assert not watcher.pending()
    finally:
        watcher.stop()
