"""`build.py serve`: the real server on a free port, with a rebuild on change."""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, predicate, server: subprocess.Popen, seconds: float = 40) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    last = (0, "")
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited {server.returncode}:\n{server.stdout.read()}")
        try:
            last = _get(url)
            if predicate(*last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {url}; last status {last[0]}")


def test_serve_rebuilds_and_shows_errors_in_the_browser(project_copy, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project_copy), "serve",
         "--port", str(port), "--out", str(tmp_path / "site")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        status, page = _wait_for(base + "zh/", lambda s, body: s == 200, server)
        assert '<html lang="zh-Hans">' in page and "各地教育规划" in page
        status, page = _get(base + "en/documents/rudong-2021-2025-five-year-plan/")
        assert status == 200 and "Rudong County" in page
        assert _get(base + "no/such/page/")[0] == 404
        # A directory URL without its slash is redirected, so the page's relative links work.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/en/about")
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (301, "/en/about/")
        connection.close()

        yaml_path = project_copy / "content/documents/changzhou-2019-work-points/document.yaml"
        yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
            "jurisdiction: changzhou", "jurisdiction: <b>nowhere</b>"), encoding="utf-8")
        status, page = _wait_for(base + "zh/", lambda s, body: "Build failed" in body, server)
        assert "document.yaml:6 jurisdiction: unknown jurisdiction" in page
        assert "&lt;b&gt;nowhere&lt;/b&gt;" in page and "<b>nowhere</b>" not in page
        # The last good build is still on disk.
        assert (tmp_path / "site/zh/index.html").is_file()
    finally:
        server.terminate()
        server.wait(timeout=10)
