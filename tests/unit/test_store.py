"""The build store: what a build finds again, what a killed build leaves, and that a file
linked into a served site is never changed through the store."""
from __future__ import annotations

import os

from edplans.build.store import PACK, Store

KEY = "ab" + "0" * 62
OTHER = "cd" + "1" * 62


def test_entry_round_trip(tmp_path):
    store = Store(tmp_path)
    assert not store.has(KEY) and store.files(KEY) == {} and store.side(KEY, "x") is None
    store.put(KEY, {"en/b/index.html": b"<b>", "en/a/index.html": b"<a>"},
              {"summary.json": b'{"s": 1}', "dataset.gz": b"\x1f\x8b\x00binary\n\xff"}, missing={"ui_key"})
    fresh = Store(tmp_path)                     # another build reads it from disk
    assert fresh.has(KEY)
    files = fresh.files(KEY)
    assert sorted(files) == ["en/a/index.html", "en/b/index.html"]
    assert open(files["en/a/index.html"], "rb").read() == b"<a>"
    assert fresh.side(KEY, "summary.json") == b'{"s": 1}'
    assert fresh.side(KEY, "dataset.gz") == b"\x1f\x8b\x00binary\n\xff"
    assert fresh.side(KEY, "nothing") is None
    assert fresh.missing(KEY) == ("ui_key",)
    # one folder per bucket, none per entry
    assert [p.name for p in (tmp_path / "v3").iterdir()] == ["ab"]


def test_unfinished_entry_is_absent_and_its_linked_files_untouched(tmp_path):
    store = Store(tmp_path)
    store.put(KEY, {"en/index.html": b"old"})
    site = tmp_path / "site.html"
    os.link(store.files(KEY)["en/index.html"], site)        # a build linked it into a site
    os.unlink(tmp_path / "v3" / "ab" / (KEY + PACK))        # as if the build had been killed
    store = Store(tmp_path)
    assert not store.has(KEY)
    store.put(KEY, {"en/index.html": b"new"})
    assert open(store.files(KEY)["en/index.html"], "rb").read() == b"new"
    assert site.read_bytes() == b"old"                      # the served file did not change


def test_prune_keeps_only_what_the_site_uses(tmp_path):
    store = Store(tmp_path)
    store.put(KEY, {"a": b"1"}, {"s": b"2"})
    store.put(OTHER, {"b": b"3"})
    (tmp_path / "v3" / "ab" / ("ef" + "2" * 62 + ".0")).write_bytes(b"unfinished")
    (tmp_path / "v2" / "ab").mkdir(parents=True)             # an older store version
    assert store.prune({KEY}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v3"]
    names = sorted(p.name for p in (tmp_path / "v3").rglob("*") if p.is_file())
    assert names == [KEY + ".0", KEY + PACK]
    assert not Store(tmp_path).has(OTHER) and Store(tmp_path).side(KEY, "s") == b"2"


def test_unreadable_pack_is_a_miss(tmp_path):
    store = Store(tmp_path)
    store.put(KEY, {"a": b"1"})
    (tmp_path / "v3" / "ab" / (KEY + PACK)).write_bytes(b"not json\n")
    store = Store(tmp_path)
    assert not store.has(KEY) and store.files(KEY) == {}
    store.put(KEY, {"a": b"2"})                 # the job runs again and replaces it
    assert open(store.files(KEY)["a"], "rb").read() == b"2"


def test_a_large_file_is_written_from_chunks(tmp_path):
    """The dataset download is streamed member by member, never held whole."""
    store = Store(tmp_path)
    store.put(KEY, {"data/all.gz": (bytes([i]) * 1000 for i in range(3)), "small": b"s"})
    files = Store(tmp_path).files(KEY)
    assert open(files["data/all.gz"], "rb").read() == b"\x00" * 1000 + b"\x01" * 1000 + b"\x02" * 1000
    assert open(files["small"], "rb").read() == b"s"
