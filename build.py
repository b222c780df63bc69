#!/usr/bin/env python3
"""edplans command line: build | serve | check. One build function behind all three."""
from edplans.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
