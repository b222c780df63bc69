"""`build.py serve` in Chromium: a tab left open follows the editor's saves by itself — the
edit, the error page of a broken file, the page again once it is fixed — without a reload."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

DOC = "northern-city-14th-five-year-excerpt"
HEADING = "Implement the new-era teacher development project"
EDITED = "Carry out the teacher development project of the new era"
JURISDICTION = "jurisdiction: unnamed-northern-city"
TIMEOUT = 30_000             # ms: a loaded CI machine; the time an edit took is printed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def served(project_copy, tmp_path):
    """`build.py serve` on a copy of the project, on a free port; its output in a file,
    printed if the test fails."""
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--root", str(project_copy), "serve",
             "--port", str(port), "--out", str(tmp_path / "site")],
            stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"serve exited {server.returncode}:\n{log_path.read_text('utf-8')}")
            try:
                with urllib.request.urlopen(base + "en/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"serve did not answer:\n{log_path.read_text('utf-8')}")
                time.sleep(0.2)
        yield base, project_copy, log_path
    finally:
        server.terminate()
        server.wait(timeout=10)
        print(log_path.read_text("utf-8"))


def _save(path: Path, old: str, new: str) -> float:
    text = path.read_text("utf-8")
    assert old in text
    # written aside and renamed over, as editors save: the server never reads half a file
    aside = path.with_name(".saving-" + path.name)
    aside.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(aside, path)
    return time.monotonic()


def test_an_open_tab_follows_edits_errors_and_fixes(browser, served):
    base, project, log_path = served
    document = project / "content/documents" / DOC / "document.yaml"
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        loads = []
        page.on("load", lambda: loads.append(page.url))
        page.goto(base + f"en/documents/{DOC}/")
        heading = page.locator("h2#s-4")
        expect(heading).to_have_text(HEADING)

        # an edit: the open tab shows it by itself
        saved = _save(document, f"title_en: {HEADING}", f"title_en: {EDITED}")
        expect(heading).to_have_text(EDITED, timeout=TIMEOUT)
        print(f"edit reached the open tab in {time.monotonic() - saved:.2f}s")

        # broken: the tab shows the errors, escaped, without a reload by hand
        _save(document, JURISDICTION, "jurisdiction: <b>nowhere</b>")
        expect(page.locator("h1")).to_have_text("Build failed", timeout=TIMEOUT)
        report = page.locator("pre")
        expect(report).to_contain_text(f"content/documents/{DOC}/document.yaml:6 jurisdiction: "
                                       "unknown jurisdiction '<b>nowhere</b>'")
        assert page.locator("pre b").count() == 0            # shown as text, not markup
        assert page.url == base + f"en/documents/{DOC}/"     # the same tab, the same address

        # fixed: the page returns, with the edit
        _save(document, "jurisdiction: <b>nowhere</b>", JURISDICTION)
        expect(heading).to_have_text(EDITED, timeout=TIMEOUT)
        # loaded once by the test, reloaded by the server after each of the three saves (the
        # heading shows before the reloaded page's load event: a clean-clone run caught it)
        end = time.monotonic() + 10
        while len(loads) < 4 and time.monotonic() < end:
            page.wait_for_timeout(100)
        assert len(loads) >= 4 and set(loads) == {base + f"en/documents/{DOC}/"}, loads
    finally:
        context.close()
    log = log_path.read_text("utf-8")
    assert "build failed" in log
    assert sum(1 for line in log.splitlines() if line.startswith("rebuilt ") and " pages in " in line) >= 2
