"""Command line: build [--strict], serve, check [--strict], schemas, new <raw file>, suggest <document>."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import BuildError

ROOT = Path(__file__).resolve().parent.parent


def _build(args: argparse.Namespace) -> int:
    from .render.site import build
    started = time.perf_counter()
    try:
        result = build(args.root, args.out, strict=args.strict, base_url=args.base_url, quiet=args.quiet,
                       background_cleanup=True)
    except BuildError as exc:
        print(f"build failed, {args.out} left as it was.\n{exc.report()}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(f"built {result.pages} pages ({result.rendered} rendered, the rest from .cache/build; "
          f"{result.files} files, {result.bytes / 1e6:.1f} MB) into {result.out} "
          f"in {time.perf_counter() - started:.2f}s; {len(result.warnings)} warnings")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import run_check
    return run_check(args.root, strict=args.strict, verbose=args.verbose)


def _schemas(args: argparse.Namespace) -> int:
    from .check import write_schema_files
    return write_schema_files(args.root)


def _suggest(args: argparse.Namespace) -> int:
    from .suggest import run_suggest
    return run_suggest(args.root, args.document, all_passages=args.all)


def _new(args: argparse.Namespace) -> int:
    from .scaffold.new import run_new
    return run_new(args.root, args.raw, doc_id=args.id, period=args.period)


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve
    serve(args.root, args.out, host=args.host, port=args.port, quiet=args.quiet)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this one)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the site into site/")
    p_build.add_argument("--out", type=Path, default=None)
    p_build.add_argument("--strict", action="store_true", help="fail on warnings (missing translations)")
    p_build.add_argument("--base-url", default=None, help="published address, e.g. https://x.github.io/edplans/")
    p_build.add_argument("--quiet", action="store_true",
                         help="no progress lines (a build over a second prints one a stage on stderr): CI")
    p_build.set_defaults(func=_build)
    p_check = sub.add_parser("check", help="report what each cleaning rule changed and every flagged span")
    p_check.add_argument("--strict", action="store_true", help="exit 1 if anything is flagged for review")
    p_check.add_argument("-v", "--verbose", action="store_true", help="print every change, not only counts")
    p_check.set_defaults(func=_check)
    p_schemas = sub.add_parser("schemas", help="write schemas/*.schema.json from the registries")
    p_schemas.set_defaults(func=_schemas)
    p_new = sub.add_parser("new", help="add a raw text as a new document: source.txt, its hash, and a "
                                       "document.yaml proposed from its header and title")
    p_new.add_argument("raw", type=Path, help="the raw text as collected (UTF-8)")
    p_new.add_argument("--id", default=None, help="document id (default: from the place, years and type)")
    p_new.add_argument("--period", default=None, help="the plan's years when the text names none, e.g. 2021-2025")
    p_new.set_defaults(func=_new)
    p_suggest = sub.add_parser("suggest", help="print one document's passages with proposed themes and "
                                               "the numbers still to annotate")
    p_suggest.add_argument("document", help="document id, e.g. changzhou-2024-work-points")
    p_suggest.add_argument("--all", action="store_true", help="every passage, not only those still lacking")
    p_suggest.set_defaults(func=_suggest)
    p_serve = sub.add_parser("serve", help="build, serve with live reload, rebuild on change")
    p_serve.add_argument("--out", type=Path, default=None)
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.add_argument("--quiet", action="store_true", help="no progress lines for builds over a second")
    p_serve.set_defaults(func=_serve)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    if getattr(args, "out", "absent") is None:
        args.out = args.root / "site"
    return args.func(args)
