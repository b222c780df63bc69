"""Shared fixtures: the real content built once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edplans.render.site import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuildResult:
    """The golden build of the real content, shared by every test that only reads it."""
    out = tmp_path_factory.mktemp("golden") / "site"
    return build(ROOT, out, strict=True)


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A writable copy of the project's inputs, for tests that break things on purpose."""
    copy = tmp_path / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "config.yaml", copy / "config.yaml")
    return copy
