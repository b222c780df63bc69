"""Shared fixtures: the real content built once per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

# Every chart figure a test build makes is validated by plotly.py (a build skips the check).
os.environ["EDPLANS_VALIDATE_CHARTS"] = "1"

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


def pytest_collection_modifyitems(session, config, items):
    """Fail loudly if a whole test folder was silently left out of a full run.

    Runs before -m/-k deselection, so `make test-fast` (-m "not browser") still passes."""
    if config.args not in ([], ["tests"], [str(ROOT / "tests")]):
        return  # a narrowed run (a file, a folder) collects what it was asked for
    collected = {Path(item.path).parent.name for item in items}
    expected = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    missing = expected - collected
    if missing:
        raise pytest.UsageError(f"test folders not collected: {sorted(missing)} (check norecursedirs)")


def pytest_terminal_summary(terminalreporter):
    from tests.summary import COUNTS
    if COUNTS:
        terminalreporter.write_sep("-", "quality gates")
        for name, count in sorted(COUNTS.items()):
            terminalreporter.write_line(f"{name}: {count}")
