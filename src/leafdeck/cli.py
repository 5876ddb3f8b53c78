"""Command line: ``leafdeck check | build | plan | schema | translate | new-clinic | new-presenter | preview |
serve``.

Exit codes: 0 success, 1 problems in the inputs (or an artifact failed), 2 wrong usage,
3 an internal error (a bug; the traceback goes to ``build/crash.log``; a worker killed from outside
is exit 1, not a bug), 130 interrupted by Ctrl-C,
143 stopped by SIGTERM, 129 by SIGHUP (its terminal closed; both handled as Ctrl-C is: the build's
staged files are removed, its worker processes end, earlier outputs stay as they were).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from leafdeck import GC_THRESHOLDS, __version__, commands
from leafdeck.errors import InputError, UsageError
from leafdeck.read.paths import DEFAULT_KB

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_TERMINATED = 128 + signal.SIGTERM
STOPPING = (signal.SIGTERM, signal.SIGHUP)
"""Signals handled as Ctrl-C is: ``kill PID``, and the terminal the build runs in being closed."""
CRASH_LOG = Path("build/crash.log")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.run
    previous = _terminate_as_interrupt()
    try:
        return command(args)
    except InputError as exc:
        commands.report(exc.problems, failed=True, building=args.command == "build")
        return EXIT_INPUT
    except UsageError as exc:
        for line in str(exc).splitlines():
            print(f"leafdeck {args.command}: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated as stopped:
        name = signal.Signals(stopped.number).name
        print(f"leafdeck: stopped ({name}); {_left_as_it_was(args.command)}", file=sys.stderr)
        return 128 + stopped.number
    except KeyboardInterrupt:
        print(f"leafdeck: interrupted; {_left_as_it_was(args.command)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if not _broken_pool(exc):  # the one place a bug becomes a short message
            return _crash(exc, getattr(args, "build_dir", None) or CRASH_LOG.parent)
        # a worker killed from outside (the kernel's out-of-memory killer, kill -9)
        print(
            "leafdeck: a build worker was stopped from outside (killed, or out of memory); nothing was "
            "published and earlier outputs were left as they were: run the build again, with --jobs 1 if "
            "memory is short",
            file=sys.stderr,
        )
        return EXIT_INPUT
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _broken_pool(exc: Exception) -> bool:
    """Whether ``exc`` is a build worker pool's ``BrokenProcessPool``. Its module is imported only
    by a build that starts a pool (about 15 ms of every other command's start-up), so an error
    raised where it was never imported is not one."""
    process = sys.modules.get("concurrent.futures.process")
    return process is not None and isinstance(exc, process.BrokenProcessPool)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so it unwinds (and cleans up) as after Ctrl-C."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number
        """The signal's number (the exit code is 128 plus it)."""


def _left_as_it_was(command: str) -> str:
    """What an interrupted command left: a build publishes all or nothing; the other commands
    write no outputs (``check`` only its caches, each written whole)."""
    return "earlier outputs were left as they were" if command == "build" else "nothing was changed"


def _terminate_as_interrupt() -> dict[int, signal.Handlers | Callable[..., object] | int | None]:
    """Make each of ``STOPPING`` raise ``Terminated`` (in the main thread only, where Python runs
    signal handlers); returns the handlers it replaced (none when it could not set them)."""

    def terminated(number: int, frame: object) -> None:
        raise Terminated(number)

    try:
        return {number: signal.signal(number, terminated) for number in STOPPING}
    except ValueError:  # not the main thread
        return {}


def _language_code(text: str) -> str:
    """A language code leafdeck can write in (its form, and Babel's locale data); else exit 2."""
    from leafdeck.read.languages import code_problem

    trouble = code_problem(text)
    if trouble:
        raise argparse.ArgumentTypeError(trouble)
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leafdeck", description="Patient leaflets and talk decks from one knowledge base."
    )
    parser.add_argument("--version", action="version", version=f"leafdeck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check", help="validate the sources and apply the patient-information rules (built outputs: --outputs)"
    )
    _kb_argument(check)
    check.add_argument("--format", choices=("text", "json", "html"), default="text", help="report format")
    check.add_argument(
        "--output",
        type=Path,
        default=None,
        help="write the full report (--format, --verbose) to FILE (default: standard output); "
        "the findings and the summary line always go to standard error, as a compiler's do "
        "(leafdeck check 2>&1 | grep ...)",
    )
    check.add_argument(
        "--outputs",
        nargs="?",
        type=Path,
        const=Path("output"),
        default=None,
        metavar="DIR",
        help="also check the built outputs in DIR (default DIR: output); without it only the sources are checked",
    )
    check.add_argument(
        "--build-dir",
        type=Path,
        default=Path("build"),
        help="where the fit prediction keeps its cache (default: %(default)s)",
    )
    check.add_argument(
        "--verbose", action="store_true", help="after the findings, the tables: per output, per section, readability"
    )
    check.add_argument("--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)")
    check.add_argument(
        "--release", action="store_true", help="a release check: placeholder reviewers and contacts are errors"
    )
    check.add_argument(
        "--no-fit",
        action="store_true",
        help="skip laying out the fixed-size products (short leaflet, option grid, tri-fold) to predict what would not fit",
    )
    check.add_argument(
        "--all-clinics",
        action="store_true",
        help="lay out the fixed-size products for every clinic file, not only the default (slower; --release does too)",
    )
    check.set_defaults(run=commands.check)

    build = sub.add_parser("build", help="build leaflets and decks (only what changed)")
    _matrix_arguments(build)
    build.add_argument(
        "--jobs", type=_positive, default=os.cpu_count() or 1, help="parallel processes (default: all cores)"
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="rebuild even what is up to date, and replace outputs edited by hand, keeping each edited copy "
        "beside the new one as NAME-edited-DATE",
    )
    build.add_argument(
        "--allow-expired",
        action="store_true",
        help="after the next-review date, build patient outputs anyway, stamped 'Out of date: do not issue'",
    )
    build.add_argument(
        "--presenter",
        metavar="NAME",
        default=None,
        help="show the presenter of layouts/presenters/NAME.yaml on the talks' title and disclosures slides",
    )
    build.add_argument(
        "--release", action="store_true", help="a release build: talks without a presenter (--presenter) are refused"
    )
    build.set_defaults(run=commands.build)

    plan = sub.add_parser("plan", help="print the build's jobs as JSON lines, for a scheduler")
    _matrix_arguments(plan)
    plan.add_argument(
        "--outline",
        metavar="PRODUCT",
        help="print what PRODUCT (e.g. leaflet-a4) will contain, section by section, as JSON, instead of the jobs",
    )
    plan.set_defaults(run=commands.plan)

    schema = sub.add_parser("schema", help="print the knowledge base's JSON Schema")
    schema.set_defaults(run=commands.schema)

    translate = sub.add_parser("translate", help="write a starter translation file for a language")
    translate.add_argument("language", type=_language_code, help="language code, e.g. de or de-AT")
    _kb_argument(translate)
    translate.set_defaults(run=commands.translate)

    clinic = sub.add_parser("new-clinic", help="write a commented starter brand file for a clinic")
    clinic.add_argument("name", help="file name for the clinic: lower-case letters, digits and hyphens")
    clinic.add_argument("--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)")
    clinic.set_defaults(run=commands.new_clinic)

    presenter = sub.add_parser("new-presenter", help="write a commented starter file for a talk's presenter")
    presenter.add_argument("name", help="file name for the presenter: lower-case letters, digits and hyphens")
    presenter.add_argument(
        "--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)"
    )
    presenter.set_defaults(run=commands.new_presenter)

    preview = sub.add_parser(
        "preview", help="thumbnails of every built PDF, slide and web page, and a contact sheet to review them"
    )
    preview.add_argument("--out", type=Path, default=Path("output"), help="what to preview (default: %(default)s)")
    preview.add_argument(
        "--build-dir", type=Path, default=Path("build"), help="previews go to BUILD_DIR/previews (default: %(default)s)"
    )
    preview.set_defaults(run=commands.preview)

    serve = sub.add_parser("serve", help="the brand kit: a web form to set up a clinic, preview and download its pack")
    _kb_argument(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s, this computer only)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: %(default)s)")
    serve.add_argument("--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)")
    serve.add_argument(
        "--build-dir",
        type=Path,
        default=Path("build"),
        help="uploads and downloads go to BUILD_DIR/serve (default: %(default)s)",
    )
    serve.add_argument("--jobs", type=_positive, default=2, help="packs built at once (default: %(default)s)")
    serve.set_defaults(run=commands.serve)
    return parser


def _kb_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kb", nargs="?", type=Path, default=DEFAULT_KB, help="knowledge base (default: %(default)s)")


def _matrix_arguments(parser: argparse.ArgumentParser) -> None:
    _kb_argument(parser)
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: %(default)s)")
    parser.add_argument("--build-dir", type=Path, default=Path("build"), help="intermediates (default: %(default)s)")
    parser.add_argument("--layouts", type=Path, default=Path("layouts"), help="layouts folder (default: %(default)s)")
    parser.add_argument(
        "--clinic", type=_names, default=("default",), help="clinics, comma-separated, or all (default: default)"
    )
    parser.add_argument(
        "--lang", type=_names, default=None, help="languages, comma-separated, or all (default: the knowledge base's)"
    )
    parser.add_argument(
        "--audience", type=_audiences, default=None, help="patient, clinician, advocacy, comma-separated (default: all)"
    )
    parser.add_argument("--format", type=_formats, default=None, help="pdf, pptx, html, comma-separated (default: all)")
    parser.add_argument(
        "--only", type=_names, default=None, help="product names from layouts/products.yaml, comma-separated"
    )
    parser.add_argument(
        "--shard", type=_shard, default=None, metavar="K/N", help="build only the K-th of N shares of the jobs"
    )


def _names(value: str) -> tuple[str, ...]:
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    if not names:
        raise argparse.ArgumentTypeError("expected one or more names, comma-separated")
    return names


def _audiences(value: str) -> tuple[str, ...]:
    from leafdeck.model import AUDIENCES

    return _known("audience", value, AUDIENCES)


def _formats(value: str) -> tuple[str, ...]:
    from leafdeck.render import RENDERERS

    return _known("format", value, RENDERERS)


def _known(kind: str, value: str, known: Iterable[str]) -> tuple[str, ...]:
    """The names in ``value``; an unknown one is a usage error suggesting the closest known name."""
    from leafdeck.publish.selectors import unknown_names

    names = _names(value)
    unknown = unknown_names(kind, names, known)
    if unknown:
        raise argparse.ArgumentTypeError("; ".join(unknown))
    return names


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {value!r}")
    return int(value)


def _shard(value: str) -> tuple[int, int]:
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"expected K/N with 1 <= K <= N, e.g. 2/4, got {value!r}")
    return int(k), int(n)


def _crash(exc: Exception, build_dir: Path) -> int:
    log = build_dir / CRASH_LOG.name
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        where = f"details in {log}"
    except OSError:
        where = f"could not write {log}"
    print(f"leafdeck: internal error (a bug, not your input): {type(exc).__name__}: {exc}; {where}", file=sys.stderr)
    return EXIT_BUG


def quieter_gc() -> None:
    """Collect cycles far less often than Python's defaults: a command is a short run that keeps
    most of what it builds (validated models, parsed slides) to the end, and the defaults walk
    those objects hundreds of times (about a tenth of a deck build's CPU time). Reference
    counting still frees everything else at once; cycles are still collected, later."""
    gc.set_threshold(*GC_THRESHOLDS)


def run() -> None:
    """Console-script entry point (and ``python -m leafdeck``)."""
    quieter_gc()
    code = main()
    ended(code)


def ended(code: int) -> NoReturn:
    """End the process with ``code`` once the exit handlers have run and the output is flushed,
    without tearing down the interpreter: freeing every model, plan and module one by one
    takes about a tenth of a warm ``check``, and nothing of it is kept. Every file leafdeck
    writes is closed (and renamed into place) before ``main`` returns.

    The exit is explicit after an interrupt too: CPython remembers a KeyboardInterrupt that
    passed through some C-level code as "unhandled" even when we handled it, and would otherwise
    end the process by SIGINT instead of with exit code 130 (seen about one run in three)."""
    atexit._run_exitfuncs()  # what libraries registered (temporary folders, logging) still runs
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`leafdeck check | head`)
            stream.flush()
    os._exit(code)
