"""Pagefind's bundle made byte-identical from one build to the next.

Pagefind 1.5.2 writes each filter's values in the order of a Rust HashMap, seeded at random
in every process: the same pages gave different filter files (and so a different metadata
file and entry) on every run. Here the filter files' values are sorted, each file named by
the hash of its sorted bytes, and the metadata and entry rewritten to name them; nothing
else changes (the index and fragments were already stable). The files are gzip'd CBOR
behind a "pagefind_dcd" signature; the small CBOR codec below reads and writes the types
they use (integers, strings, arrays, maps)."""
from __future__ import annotations

import gzip
import hashlib
import json
import struct

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, at: int):
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR item {head:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 2:
        return bytes(data[at:at + value]), at + value
    if major == 3:
        return data[at:at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(value):
            k, at = _decode(data, at)
            v, at = _decode(data, at)
            pairs.append((k, v))
        return {"__map__": pairs}, at
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if value in simple:
            return simple[value], at
        if info == 26:
            return struct.unpack(">f", value.to_bytes(4, "big"))[0], at
        if info == 27:
            return struct.unpack(">d", value.to_bytes(8, "big"))[0], at
    raise ValueError(f"unsupported CBOR item {head:#x}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict) and "__map__" in value:
        pairs = value["__map__"]
        return _head(5, len(pairs)) + b"".join(_encode(k) + _encode(v) for k, v in pairs)
    raise ValueError(f"cannot encode {type(value).__name__}")


def read(raw: bytes):
    data = gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError("trailing bytes in a Pagefind file")
    return value


def write(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


def _replace(value, names: dict[str, str]):
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_replace(v, names) for v in value]
    if isinstance(value, dict) and "__map__" in value:
        return {"__map__": [(_replace(k, names), _replace(v, names)) for k, v in value["__map__"]]}
    return value


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """One bundle's files (paths relative to the bundle) with sorted filters, renamed."""
    out = dict(files)
    names: dict[str, str] = {}
    for path in sorted(p for p in files if p.startswith("filter/") and p.endswith(".pf_filter")):
        name, values = read(files[path])
        values = sorted(values, key=lambda entry: (str(entry[0]), entry))
        data = write([name, values])
        old = path[len("filter/"):-len(".pf_filter")]
        lang = old.rsplit("_", 1)[0]
        new = f"{lang}_{hashlib.sha256(data).hexdigest()[:7]}"
        names[old] = new
        del out[path]
        out[f"filter/{new}.pf_filter"] = data
    entry = json.loads(files["pagefind-entry.json"])
    for lang, info in entry["languages"].items():
        meta_path = f"pagefind.{info['hash']}.pf_meta"
        meta = _replace(read(files[meta_path]), names)
        # the list of filters ([name, file], …) is in HashMap order too
        renamed = set(names.values())
        meta = [sorted(part) if isinstance(part, list) and part and all(
            isinstance(x, list) and len(x) == 2 and x[1] in renamed for x in part) else part for part in meta]
        data = write(meta)
        new = f"{info['hash'].rsplit('_', 1)[0]}_{hashlib.sha256(data).hexdigest()[:11]}"
        del out[meta_path]
        out[f"pagefind.{new}.pf_meta"] = data
        info["hash"] = new
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out
