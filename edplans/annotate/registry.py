"""content/registry/jurisdictions.yaml -> Jurisdiction objects."""
from __future__ import annotations

from pathlib import Path

from ..errors import ErrorCollector
from ..model import Jurisdiction
from ..textfile import read_text
from ..yamlload import load_yaml
from .fields import Fields

LEVELS = ("province", "prefecture", "county", "district", "unknown")
JURISDICTION_KEYS = ("id", "name", "level", "parent", "province", "note")


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
    ids = [item.get("id") for _, item in raw]
    result: dict[str, Jurisdiction] = {}
    for index, item in raw:
        where = f"jurisdictions[{index}]"
        fields.known_keys(item, JURISDICTION_KEYS, where)
        jid = fields.text(item, "id", f"{where}.id")
        name = fields.bilingual(item, "name", f"{where}.name")
        level = fields.choice(item, "level", f"{where}.level", LEVELS)
        parent = fields.reference(item, "parent", f"{where}.parent", [i for i in ids if i], "jurisdiction",
                                  required=False)
        province = fields.reference(item, "province", f"{where}.province", [i for i in ids if i],
                                    "jurisdiction", required=False)
        note = fields.bilingual(item, "note", f"{where}.note", required=False)
        if jid in result:
            fields.error(item, "id", f"{where}.id", f"duplicate jurisdiction id {jid!r}")
            continue
        if jid and name and level:
            result[jid] = Jurisdiction(jid, name, level, parent, province, note)
    return result
