"""content/registry/jurisdictions.yaml -> Jurisdiction objects."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ErrorCollector
from ..model import Bilingual, Jurisdiction
from ..textfile import read_text
from ..yamlload import load_yaml
from .fields import Fields
from .schema import JURISDICTION_KEYS, LEVELS, UNKNOWN_JURISDICTION

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Every document whose text names no place it can be tied to: one entry for all of them, so
# no editor invents a registry id for an anonymous plan. Its level is unknown, so its figures
# are never set beside another government's as like with like (comparable.py), and its
# documents are never a series of one place's plans (analysis.document_pairs).
UNKNOWN = Jurisdiction(
    UNKNOWN_JURISDICTION, Bilingual("辖区不明", "Unknown jurisdiction"), "unknown", None, None,
    Bilingual("这些文件的文本没有写明发布地区，本站不作猜测；各文件页面说明文本透露了什么。它们未必是同一地区，"
              "彼此之间不作比较。",
              "The texts of these documents do not say which place issued them, and edplans does not guess; "
              "each document's page says what its text reveals. They may be different places and are "
              "never compared with one another."))


def load_jurisdictions(path: Path, display: str, errors: ErrorCollector) -> dict[str, Jurisdiction]:
    if not path.exists():
        errors.add(display, "is missing", hint="the registry of jurisdictions is required")
        return {}
    text, _, err = read_text(path, display)
    if err:
        errors.extend([err])
        return {}
    data, lines, err = load_yaml(text, display)
    if err:
        errors.extend([err])
        return {}
    fields = Fields(display, lines, errors)
    if not isinstance(data, dict) or "jurisdictions" not in data:
        errors.add(display, "must be a mapping with a `jurisdictions:` list", line=1)
        return {}
    fields.known_keys(data, ("jurisdictions",), "")
    raw = fields.items(data, "jurisdictions", "jurisdictions")
    ids = frozenset(item.get("id") for _, item in raw if isinstance(item.get("id"), str) and item.get("id"))
    result: dict[str, Jurisdiction] = {}
    for index, item in raw:
        where = f"jurisdictions[{index}]"
        fields.known_keys(item, JURISDICTION_KEYS, where)
        jid = fields.text(item, "id", f"{where}.id")
        if jid is not None and not SLUG.match(jid):
            fields.error(item, "id", f"{where}.id", f"{jid!r} is not a valid id",
                         "use lowercase letters, digits and hyphens, e.g. rudong")
            jid = None
        elif jid == UNKNOWN_JURISDICTION:
            fields.error(item, "id", f"{where}.id", f"{jid!r} is reserved",
                         "a document whose place is unknown says `jurisdiction: unknown` with a "
                         "`jurisdiction_note:`; remove this entry")
            jid = None
        name = fields.bilingual(item, "name", f"{where}.name")
        level = fields.choice(item, "level", f"{where}.level", LEVELS)
        parent = fields.reference(item, "parent", f"{where}.parent", ids, "jurisdiction", required=False)
        province = fields.reference(item, "province", f"{where}.province", ids, "jurisdiction", required=False)
        note = fields.bilingual(item, "note", f"{where}.note", required=False)
        if jid in result:
            fields.error(item, "id", f"{where}.id", f"duplicate jurisdiction id {jid!r}")
            continue
        if jid and name and level:
            if parent == jid:
                fields.error(item, "parent", f"{where}.parent", f"{jid!r} cannot be its own parent")
                continue
            result[jid] = Jurisdiction(jid, name, level, parent, province, note)
    _report_cycles(result, fields, raw)
    _check_provinces(result, fields, raw)
    result[UNKNOWN.id] = UNKNOWN
    return result


def _check_provinces(registry: dict[str, Jurisdiction], fields: Fields, raw: list[tuple[int, dict]]) -> None:
    """`province:` names a province: a prefecture there made a loop (a → b → a) that comparisons
    within a province walked."""
    for index, item in raw:
        own = registry.get(item.get("id"))
        if own is None or own.province is None or own.province not in registry:
            continue
        named = registry[own.province]
        if named.level != "province":
            fields.error(item, "province", f"jurisdictions[{index}].province",
                         f"{named.id!r} is of level {named.level}, not a province",
                         "name the province the jurisdiction lies in (level: province)")


def _report_cycles(registry: dict[str, Jurisdiction], fields: Fields, raw: list[tuple[int, dict]]) -> None:
    """A parent chain that loops would hide every document below it from the home page."""
    items = {item.get("id"): (index, item) for index, item in raw}
    reported: set[str] = set()
    for start in sorted(registry):
        chain, current = [], start
        while current in registry and current not in chain:
            chain.append(current)
            current = registry[current].parent
        if current in chain and current not in reported:
            loop = chain[chain.index(current):]
            reported.update(loop)
            index, item = items[current]
            fields.error(item, "parent", f"jurisdictions[{index}].parent",
                         "parents form a loop: " + " → ".join(loop + [current]),
                         "a jurisdiction's parent must be a larger one")
