"""Synthetic projects made from the five real documents, for the benchmark and the tests.

The real corpus has five documents; the budgets speak of 1,000 and 10,000. Each copy must
cost the build what a new real document would, and still validate:

- its source differs from its seed by trailing whitespace only (which the cleaner drops), so
  it is a real ingest-cache miss while passages, quotes, line numbers and `reviewed:` flags stay
  those of the seed; `source_sha256` is updated;
- its jurisdictions are its own, in a generated province → prefecture → county tree, so
  jurisdiction pages and groups grow as they would with real data;
- its title starts with its jurisdiction's name, so pages differ.

document.yaml is edited by targeted line substitutions, never re-serialised: the first line
names a schema and the build reports line numbers, so the text must stay as written.

Jurisdictions are remapped per *round*: copies 5r … 5r+4 are one copy of the real corpus and
share one generated tree (the three Changzhou documents of a round stay one city's documents
over time, so the like-for-like comparisons between a jurisdiction's documents still run).
No two copies of the same seed share a jurisdiction. The unknown jurisdiction of the northern
city excerpt stays unknown (its own unnamed city) in one round in five, and is a generated
prefecture otherwise. Deterministic: the same arguments give byte-identical files."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("templates", "static", "config.yaml", "content/pages", "content/registry")
PROVINCES = 31
UNKNOWN_EVERY = 5
# Consonant-initial syllables: concatenated pinyin stays unambiguous, so ids do not collide.
SYLLABLES = (("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei"), ("平", "ping"), ("宁", "ning"),
             ("清", "qing"), ("阳", "yang"), ("山", "shan"), ("江", "jiang"), ("河", "he"), ("湖", "hu"),
             ("林", "lin"), ("华", "hua"), ("明", "ming"), ("新", "xin"), ("长", "chang"), ("兴", "xing"),
             ("丰", "feng"), ("泰", "tai"), ("嘉", "jia"), ("德", "de"), ("桂", "gui"), ("龙", "long"))
JURISDICTION_LINE = re.compile(r"^(\s*(?:-\s+)?jurisdiction:\s*)([\"']?)([a-z0-9-]+)\2(\s*(?:#.*)?)$")
SHA_LINE = re.compile(r"^source_sha256:.*$", re.MULTILINE)


@dataclass(frozen=True)
class Seed:
    """One real document, read once: every copy is written from these bytes."""

    name: str
    source: bytes
    document: str
    english: bytes
    jurisdictions: tuple[str, ...]   # ids it uses, in order of first use


@dataclass(frozen=True)
class Entry:
    """A generated jurisdiction, as it will be written to the registry."""

    id: str
    zh: str
    en: str
    level: str
    parent: str | None
    province: str | None


def make_corpus(target: Path, count: int, root: Path = ROOT) -> None:
    """Copy the project's inputs from `root` into `target` and write `count` documents made
    from root's real ones, round-robin, each with its own source bytes and jurisdictions."""
    target, root = Path(target), Path(root)
    for name in COPIED:
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    seeds = read_seeds(root)
    tree = Tree(_real_registry(root))
    documents = target / "content" / "documents"
    for index in range(count):
        seed = seeds[index % len(seeds)]
        mapping = tree.mapping(index // len(seeds), seed.jurisdictions)
        _write_copy(documents / f"{seed.name}-c{index:05d}", seed, index, mapping, tree)
    registry = target / "content" / "registry" / "jurisdictions.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + ("" if text.endswith("\n") else "\n") + tree.yaml(), encoding="utf-8")


def read_seeds(root: Path) -> list[Seed]:
    """The real documents in name order (the order decides which copy is made from which)."""
    seeds = []
    for folder in sorted(p for p in (root / "content" / "documents").iterdir() if p.is_dir()):
        document = folder.joinpath("document.yaml").read_text(encoding="utf-8")
        used = [m.group(3) for line in document.splitlines() if (m := JURISDICTION_LINE.match(line))]
        seeds.append(Seed(folder.name, folder.joinpath("source.txt").read_bytes(), document,
                          folder.joinpath("en.yaml").read_bytes(), tuple(dict.fromkeys(used))))
    return seeds


def _real_registry(root: Path) -> dict[str, tuple[str, str | None]]:
    """id -> (level, parent) of the real jurisdictions: the shape each round copies."""
    path = root / "content" / "registry" / "jurisdictions.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {item["id"]: (item["level"], item.get("parent")) for item in data["jurisdictions"]}


def distinct_source(source: bytes, index: int) -> bytes:
    """The seed's bytes plus trailing whitespace unique to `index`: blank lines, then a line
    of spaces and tabs spelling the index in binary. The cleaner drops both, and nothing
    before them moves, so line numbers and passages are the seed's."""
    pattern = "".join(" \t"[int(bit)] for bit in f"{index:b}")
    return source + b"\n" * (1 + index % 7) + pattern.encode() + b"\n"


def _write_copy(folder: Path, seed: Seed, index: int, mapping: dict[str, str], tree: Tree) -> None:
    folder.mkdir(parents=True)
    source = distinct_source(seed.source, index)
    folder.joinpath("source.txt").write_bytes(source)
    folder.joinpath("en.yaml").write_bytes(seed.english)
    text = SHA_LINE.sub(f"source_sha256: {hashlib.sha256(source).hexdigest()}", seed.document, count=1)
    lines = [_remap_line(line, mapping) for line in text.split("\n")]
    top = mapping[seed.jurisdictions[0]] if seed.jurisdictions else None
    if top is not None:
        _prefix_title(lines, tree.names[top])
    folder.joinpath("document.yaml").write_text("\n".join(lines), encoding="utf-8")


def _remap_line(line: str, mapping: dict[str, str]) -> str:
    match = JURISDICTION_LINE.match(line)
    if not match:
        return line
    head, quote, jid, tail = match.groups()
    return f"{head}{quote}{mapping[jid]}{quote}{tail}"


def _prefix_title(lines: list[str], name: tuple[str, str]) -> None:
    """`title: {zh, en}` becomes "<jurisdiction>：<title>" / "<jurisdiction>: <title>"; the
    new value is written double-quoted (JSON is valid YAML there), on the same line."""
    start = lines.index("title:")
    for number in range(start + 1, len(lines)):
        if not lines[number].startswith("  "):
            break
        key, _, value = lines[number].strip().partition(":")
        if key in ("zh", "en"):
            title = None if value.strip()[:1] in ("|", ">") else yaml.safe_load(value)
            if not isinstance(title, str):
                raise ValueError(f"title.{key} must be a one-line scalar to be prefixed")
            joined = f"{name[0]}：{title}" if key == "zh" else f"{name[1]}: {title}"
            lines[number] = f"  {key}: {json.dumps(joined, ensure_ascii=False)}"


class Tree:
    """Generated jurisdictions. Round r maps each real id it meets to a new jurisdiction of
    the same shape: provinces to the round's province (one of 31), prefectures to new
    prefectures, counties and districts to new counties under the mapped parent, and the
    unknown one to its own unknown city one round in five, to a new prefecture otherwise."""

    def __init__(self, real: dict[str, tuple[str, str | None]]):
        self.real = real
        self.taken = set(real)
        self.provinces: dict[int, Entry] = {}
        self.others: list[Entry] = []
        self.names: dict[str, tuple[str, str]] = {}
        self.round, self.current = -1, {}

    def mapping(self, round_: int, ids: tuple[str, ...]) -> dict[str, str]:
        if round_ != self.round:
            self.round, self.current = round_, {}
        for jid in ids:
            self._map(jid)
        return self.current

    def _map(self, jid: str) -> str:
        if jid in self.current:
            return self.current[jid]
        level, parent = self.real[jid]
        if level == "province":
            generated = self._province(self.round % PROVINCES)
        elif level == "unknown" and self.round % UNKNOWN_EVERY == 0:
            generated = self._add(Entry(f"unnamed-city-r{self.round:05d}", f"未具名的城市（{self.round}）",
                                        f"Unnamed city ({self.round})", "unknown", None, None))
        else:
            province = self._province(self.round % PROVINCES)
            above = self._map(parent) if parent and self.real[parent][0] != "unknown" else province
            level = "prefecture" if level in ("prefecture", "unknown") else "county"
            zh, pinyin = _name(len(self.others), 3)
            suffix = ("市", "") if level == "prefecture" else ("县", " County")
            generated = self._add(Entry(pinyin, zh + suffix[0], pinyin.capitalize() + suffix[1],
                                        level, above, province))
        self.current[jid] = generated
        return generated

    def _province(self, number: int) -> str:
        if number not in self.provinces:
            zh, pinyin = _name((number * 53 + 7) % len(SYLLABLES) ** 2, 2)
            entry = Entry(f"{pinyin}-province", zh + "省", pinyin.capitalize() + " Province",
                          "province", None, None)
            self.provinces[number] = entry
            self._add(entry, listed=False)
        return self.provinces[number].id

    def _add(self, entry: Entry, listed: bool = True) -> str:
        if entry.id in self.taken:
            raise ValueError(f"generated jurisdiction id {entry.id!r} collides")
        self.taken.add(entry.id)
        self.names[entry.id] = (entry.zh, entry.en)
        if listed:
            self.others.append(entry)
        return entry.id

    def yaml(self) -> str:
        """Registry entries to append under `jurisdictions:` (provinces first)."""
        entries = [self.provinces[n] for n in sorted(self.provinces)] + self.others
        out = ["  # Generated by bench/corpus.py: one tree per round of copies."] if entries else []
        for e in entries:
            out.append(f"  - id: {e.id}\n    name: {{zh: {json.dumps(e.zh, ensure_ascii=False)}, "
                       f"en: {json.dumps(e.en)}}}\n    level: {e.level}")
            out += [f"    {key}: {value}" for key, value in (("parent", e.parent), ("province", e.province))
                    if value]
        return "\n".join(out) + "\n" if out else ""


def _name(number: int, length: int) -> tuple[str, str]:
    """The number-th name of `length` syllables (more once those run out), scrambled so that
    neighbours do not look alike; a bijection, so names never repeat."""
    while number >= len(SYLLABLES) ** length:
        number -= len(SYLLABLES) ** length
        length += 1
    size = len(SYLLABLES) ** length
    code = (number * 7919 + 13) % size   # 7919 is prime and coprime with 24**n
    parts = []
    for _ in range(length):
        code, digit = divmod(code, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(zh for zh, _ in parts), "".join(py for _, py in parts)
