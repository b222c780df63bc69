"""Publishing `site/`: the switch to a new site is one atomic step, a build killed at any
step leaves a complete site and the next build clears what it left, only one build writes a
folder at a time, and a full disk or a read-only folder is one clear error (issue 16, items 6
and 7)."""
from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edplans.build import write as write_module
from edplans.cli import main
from edplans.render.site import build

ROOT = Path(__file__).resolve().parents[2]
PAGE = "content/pages/about.en.md"


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _beside(out: Path) -> list[str]:
    """What builds leave next to the site folder, but the lock file."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                  and p.name != f".{out.name}.lock")


# The build in a child process, with the exchange switched off for the fallback runs.
CHILD = """
import sys
from edplans.build import write
if sys.argv[1] == "fallback":
    write.exchange = lambda a, b: False
from edplans.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("mode, steps", [
    ("exchange", ["staging-made", "staging-filled", "swapped"]),
    ("fallback", ["staging-made", "staging-filled", "set-aside", "swapped"]),
])
def test_a_build_killed_at_any_step_of_the_swap_leaves_a_complete_site(project_copy, tmp_path, mode, steps):
    """The process kills itself (SIGKILL, no clean-up runs) at each step of the swap in turn.
    With the exchange the site is whole at every moment; the two-rename fallback may leave no
    folder between its renames, and the next build puts the previous site back. Either way the
    next build publishes the new site and clears every folder the killed builds left."""
    out = tmp_path / "site"
    build(project_copy, out)
    old = _hashes(out)
    (project_copy / PAGE).write_text("# About\n\nA new about page.\n", encoding="utf-8")
    build(project_copy, tmp_path / "reference")
    new = _hashes(tmp_path / "reference")
    assert old != new
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for step in steps:
        done = subprocess.run([sys.executable, "-c", CHILD, mode, "--root", str(project_copy), "build", "--out",
                               str(out), "--quiet"], env=dict(env, EDPLANS_TEST_KILL_AT=step),
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == -9, (step, done.returncode, done.stderr[-2000:])
        if mode == "fallback" and step == "set-aside":
            assert not out.exists()        # the one moment the fallback has no site
        else:
            assert _hashes(out) in (old, new), step
        assert _beside(out), step          # the killed build left its folder behind
        build(project_copy, out)           # the next build: publishes, and clears what was left
        assert _hashes(out) == new, step
        assert _beside(out) == [], step
        (project_copy / PAGE).write_text(f"# About\n\nAfter the kill at {step}.\n", encoding="utf-8")
        build(project_copy, tmp_path / "reference")
        old, new = new, _hashes(tmp_path / "reference")


def test_the_switch_is_one_exchange_where_the_system_has_it(project_copy, tmp_path, monkeypatch):
    """On Linux the new site and the old one trade places in one renameat2 call: no moment
    without a site, whatever stops the build."""
    out = tmp_path / "site"
    build(project_copy, out)
    calls = []
    real = write_module.exchange

    def counted(a, b):
        calls.append((a.name, b.name))
        return real(a, b)

    monkeypatch.setattr(write_module, "exchange", counted)
    build(project_copy, out)
    assert len(calls) == 1 and calls[0][1] == "site" and calls[0][0].startswith(".site.new-")
    assert (out / write_module.MARKER).exists() and _beside(out) == []


def test_another_build_running_is_a_clear_error(project_copy, tmp_path, capsys):
    """A second build into the same folder while one runs stops at once with the holder's pid;
    the running build's folders and the site are left alone."""
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    before = _hashes(out)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from pathlib import Path; from edplans.build.write import SiteLock\n"
                               "with SiteLock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)",
                               str(out)], env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        staging = tmp_path / ".site.new-running"     # the running build's staging folder
        staging.mkdir()
        (project_copy / PAGE).write_text("# About\n\nChanged.\n", encoding="utf-8")
        capsys.readouterr()
        assert main(["--root", str(project_copy), "build", "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"{out} another build is running (pid {holder.pid})" in err, err
        assert "left as it was" in err and "Traceback" not in err
        assert staging.is_dir() and _hashes(out) == before
    finally:
        holder.kill()
        holder.wait()
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0   # lock gone with it
    assert _hashes(out) != before


@pytest.mark.parametrize("code, said", [(errno.ENOSPC, "no space left on the device"),
                                        (errno.EROFS, "the file system is read-only"),
                                        (errno.EACCES, "permission denied")])
@pytest.mark.parametrize("where", ["site", "store"])
def test_a_full_disk_or_read_only_folder_is_one_clear_error(project_copy, tmp_path, capsys, monkeypatch,
                                                            code, said, where):
    """Faults injected at the write layer: writing the new site (halfway through its files) or
    the build's store. One line naming the path and what happened, no traceback, exit 1, the
    previous site as it was and no staging folder left."""
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    before = _hashes(out)
    (project_copy / PAGE).write_text("# About\n\nChanged.\n", encoding="utf-8")
    calls = []
    if where == "site":
        real = write_module.link_or_copy

        def failing(source, target):
            calls.append(target)
            if len(calls) == 7:
                raise OSError(code, os.strerror(code), str(target))
            return real(source, target)

        monkeypatch.setattr(write_module, "link_or_copy", failing)
    else:
        from edplans.build import store as store_module

        def failing_put(self, key, *args, **kwargs):
            calls.append(key)
            raise OSError(code, os.strerror(code), str(self.folder / key))

        monkeypatch.setattr(store_module.Store, "put", failing_put)
    capsys.readouterr()
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert calls, "the fault was never reached"
    lines = err.strip().splitlines()
    assert lines[0] == f"build failed, {out} left as it was." and lines[1] == "1 error:", err
    assert said in lines[2] and ("/.site.new-" in lines[2] if where == "site" else ".cache" in lines[2]), err
    assert "Traceback" not in err
    assert _hashes(out) == before and _beside(out) == []


def test_a_read_only_output_folder_is_refused_before_building(project_copy, tmp_path, capsys, monkeypatch):
    """The lock file is the first thing written beside `site/`: a read-only parent folder stops
    the build there, naming it."""
    out = tmp_path / "site"
    assert main(["--root", str(project_copy), "build", "--out", str(out), "--quiet"]) == 0
    before = _hashes(out)
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).endswith(".site.lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(write_module.os, "open", read_only)
    capsys.readouterr()
    assert main(["--root", str(project_copy), "build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/.site.lock the file system is read-only" in err and "Traceback" not in err, err
    assert _hashes(out) == before
