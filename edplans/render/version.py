"""The site's version for citing the dataset: the date and commit it was built from.

The commit's own date, not the clock: the same commit builds the same site (byte for byte)
on any day. SOURCE_DATE_EPOCH, the reproducible-builds convention, overrides the date;
outside a git checkout the version is "unversioned"."""
from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path


def site_version(root: Path) -> tuple[str, str]:
    """(ISO date, short commit) or ("", "") when neither is known."""
    date, commit = "", ""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs %H"], capture_output=True,
                             text=True, timeout=10, check=False)
        if out.returncode == 0 and out.stdout.strip():
            date, commit = out.stdout.split()[:2]
            commit = commit[:12]
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        date = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    return date, commit
