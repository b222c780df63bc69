#!/usr/bin/env python3
"""edplans command line: build | serve | check | new | suggest | schemas. One build function behind them all."""
from edplans.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
