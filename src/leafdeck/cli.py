"""Command line: ``leafdeck check | build | schema``.

Exit codes: 0 success, 1 problems in the inputs, 2 wrong usage, 3 an internal error (a bug;
the traceback goes to ``build/crash.log``).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from leafdeck import __version__
from leafdeck.errors import InputError, Problem
from leafdeck.sources import DEFAULT_KB

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
CRASH_LOG = Path("build/crash.log")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except InputError as exc:
        _report(exc.problems, failed=True, building=args.command == "build")
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("leafdeck: interrupted; earlier outputs were left as they were", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place a bug becomes a short message
        return _crash(exc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leafdeck", description="Patient leaflets and talk decks from one knowledge base."
    )
    parser.add_argument("--version", action="version", version=f"leafdeck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the knowledge base and layouts")
    check.add_argument("kb", nargs="?", type=Path, default=DEFAULT_KB, help="knowledge base (default: %(default)s)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="build leaflets and decks")
    build.add_argument("kb", nargs="?", type=Path, default=DEFAULT_KB, help="knowledge base (default: %(default)s)")
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: %(default)s)")
    build.add_argument("--build-dir", type=Path, default=Path("build"), help="intermediates (default: %(default)s)")
    build.add_argument("--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)")
    build.add_argument("--clinic", default="default", help="clinic brand in layouts/clinics/ (default: %(default)s)")
    build.add_argument("--format", type=_formats, default=None, help="comma-separated formats (default: all)")
    build.set_defaults(run=_build)

    schema = commands.add_parser("schema", help="print the knowledge base's JSON Schema")
    schema.set_defaults(run=_schema)

    translate = commands.add_parser("translate", help="write a starter translation file for a language")
    translate.add_argument("language", help="language code, e.g. fr")
    translate.add_argument("kb", nargs="?", type=Path, default=DEFAULT_KB, help="knowledge base (default: %(default)s)")
    translate.set_defaults(run=_translate)
    return parser


def _formats(value: str) -> tuple[str, ...]:
    from leafdeck.render import RENDERERS

    names = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [n for n in names if n not in RENDERERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(RENDERERS)}"
        )
    return names


def _check(args: argparse.Namespace) -> int:
    from leafdeck.pipeline import check

    warnings = check(args.kb, Path("layouts"))
    _report(warnings, failed=False)
    print(f"{args.kb}: OK ({len(warnings)} warning(s))", file=sys.stderr)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from leafdeck.pipeline import BuildRequest, build

    request = BuildRequest(args.kb, args.layouts, args.out, args.build_dir, args.clinic, args.format)
    report = build(request)
    _report(report.warnings, failed=False)
    for path in report.written:
        print(f"wrote {path}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from leafdeck.model import KnowledgeBase

    print(json.dumps(KnowledgeBase.model_json_schema(), indent=2))
    return EXIT_OK


def _translate(args: argparse.Namespace) -> int:
    import datetime as dt

    from leafdeck.sources import load_kb
    from leafdeck.translations import starter, translation_path

    kb, _ = load_kb(args.kb)
    target = translation_path(args.kb, args.language)
    if target.exists():
        raise InputError([Problem(str(target), message="already exists; edit it, or move it away to start again")])
    target.write_text(starter(kb, args.language, dt.date.today().isoformat()), encoding="utf-8")
    print(f"wrote {target}: fill in the empty fields, then run leafdeck check")
    return EXIT_OK


def _report(problems: list[Problem], *, failed: bool, building: bool = False) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    if failed:
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        outcome = "; nothing was built, earlier outputs are unchanged" if building else ""
        print(f"{errors} error(s), {warnings} warning(s){outcome}", file=sys.stderr)


def _crash(exc: Exception) -> int:
    try:
        CRASH_LOG.parent.mkdir(parents=True, exist_ok=True)
        CRASH_LOG.write_text(traceback.format_exc(), encoding="utf-8")
        where = f"details in {CRASH_LOG}"
    except OSError:
        where = "could not write build/crash.log"
    print(f"leafdeck: internal error (a bug, not your input): {type(exc).__name__}: {exc}; {where}", file=sys.stderr)
    return EXIT_BUG


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
