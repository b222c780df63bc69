"""Every malformed-annotation case in tests/cases/annotations/ produces exactly the
errors its header lists (file:line field: message), and the exported JSON Schema agrees
with the header about whether an editor's YAML tooling would flag the file."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from edplans.annotate.gaps import corpus_gaps
from edplans.annotate.schema import all_schemas
from edplans.check import _load

CASES = Path(__file__).resolve().parent.parent / "cases" / "annotations"
BASE = CASES / "base"
SCHEMA_FOR = {"content/documents/demo-2024/document.yaml": "document",
              "content/registry/indicators.yaml": "indicators",
              "content/registry/themes.yaml": "themes",
              "content/registry/jurisdictions.yaml": "jurisdictions"}


def _header(text: str) -> dict[str, list[str]]:
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        header.setdefault(key, []).append(value)
    return header


def _message(error) -> str:
    """The error as reported, without its hint (hints may be reworded freely)."""
    return str(dataclasses.replace(error, hint=""))


@pytest.fixture(scope="module")
def base_schemas():
    corpus, errors = _load(BASE)
    assert corpus is not None, errors.errors
    return all_schemas(corpus.jurisdictions, corpus.themes, corpus.indicators)


def test_base_is_valid_and_complete(base_schemas):
    corpus, errors = _load(BASE)
    assert not errors.errors
    assert corpus_gaps(corpus) == []
    assert len(corpus.documents[0].targets) == 7
    for rel, name in SCHEMA_FOR.items():
        jsonschema.validate(yaml.safe_load((BASE / rel).read_text(encoding="utf-8")), base_schemas[name])


def test_there_are_at_least_thirty_cases():
    assert len(list(CASES.glob("*.yaml"))) >= 30


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_case(case: Path, tmp_path: Path, base_schemas):
    text = case.read_text(encoding="utf-8")
    header = _header(text)
    assert header.get("error"), f"{case.name}: a case must list the errors it expects"
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    target = project / header["replaces"][0]
    assert target.exists(), f"{case.name}: replaces an unknown file"
    target.write_text(text, encoding="utf-8")
    corpus, errors = _load(project)
    assert corpus is None
    assert [_message(e) for e in errors.errors] == header["error"]
    verdict = header.get("schema", [None])[0]
    if verdict is not None:
        schema = base_schemas[SCHEMA_FOR[header["replaces"][0]]]
        valid = jsonschema.Draft202012Validator(schema).is_valid(yaml.safe_load(text))
        assert valid == (verdict == "accepts"), f"the JSON Schema {'accepts' if valid else 'rejects'} {case.name}"
