"""What each command does. Each returns its exit code; input problems raise InputError."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from leafdeck.errors import InputError, Problem, UsageError, display_path
from leafdeck.publish.files import write_text_atomically

if TYPE_CHECKING:  # imported when used: a no-op build loads none of the build's machinery
    from leafdeck.publish.request import BuildRequest
    from leafdeck.publish.runner import Result
    from leafdeck.read.inputs import Inputs

EXIT_OK, EXIT_FAILED, EXIT_BUG = 0, 1, 3


def check(args: argparse.Namespace) -> int:
    """Validate the sources and apply every rule (and check the built outputs with ``--outputs``);
    exit 1 on any error. On standard error: the findings not waived, one located line each, then
    one summary line. ``--verbose`` prints the tables (waived findings, readability per section,
    outputs) to standard output between the two; ``--format json|html`` gives the full report,
    to standard output or to the ``--output`` file."""
    from leafdeck.checks import CheckRequest, run
    from leafdeck.checks.condense import printed
    from leafdeck.checks.report import render, summary

    request = CheckRequest(
        args.kb,
        args.layouts,
        args.outputs,
        release=args.release,
        fit=not args.no_fit,
        build_dir=args.build_dir,
        every_clinic=args.all_clinics or args.release,
    )
    results = run(request, _inputs(args.build_dir))
    for line in printed(results.findings, verbose=args.verbose):  # waived ones: --verbose lists them
        print(line, file=sys.stderr)
    sys.stderr.flush()
    if args.format != "text" or args.verbose or args.output is not None:
        report_ = render(results, args.format, findings=args.output is not None)
        if args.output is not None:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(args.output, report_)
            print(f"wrote {display_path(args.output)}", file=sys.stderr)
        else:
            sys.stdout.write(report_)
            sys.stdout.flush()
    print(summary(results), file=sys.stderr)
    return EXIT_FAILED if results.errors else EXIT_OK


def build(args: argparse.Namespace) -> int:
    """Build the requested matrix, reporting progress, and summarise."""
    from leafdeck.publish.request import up_to_date

    request = _request(args)
    unchanged = None if request.release else up_to_date(request)  # a release is always judged
    if unchanged is not None:  # nothing changed: answered without loading the build's machinery
        from leafdeck.publish.files import sweep

        sweep(request.out, list(unchanged.values()))  # but what killed runs left goes, every build
        return _nothing_to_do(unchanged)
    from leafdeck.publish.pipeline import build as build_all

    with Progress() as progress:
        report_ = build_all(request, progress.done, _inputs(request.build_dir))
    report(report_.warnings, failed=False)
    for result in report_.having("built"):
        if result.kept is not None:
            print(f"kept your edited copy of {display_path(result.target)} as {result.kept.name}", file=sys.stderr)
    for result in report_.having("failed"):
        _explain(result)
    bugs = [result for result in report_.having("failed") if result.bug]
    if bugs:
        log = _crash_log(args.build_dir, bugs)
        print(
            f"leafdeck: internal error (a bug, not your input) in {len(bugs)} artifact(s); {log}; "
            "nothing was published, earlier outputs are unchanged",
            file=sys.stderr,
        )
        return EXIT_BUG
    built, skipped, failed, held = (len(report_.having(s)) for s in ("built", "skipped", "failed", "held"))
    for page, address in report_.pages.items():
        print(f"web page {display_path(page.parent)}/ is hosted at {address}")
    summary = f"built {built}, skipped {skipped} (up to date), failed {failed}"
    if held:
        summary += f"; {held} rendered but not published, so every earlier output is unchanged"
    print(summary, file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _inputs(build_dir: Path | None) -> Inputs:
    """An empty inputs bundle that keeps its verdicts on input files (fonts, images) under
    ``build_dir/cache/``, beside the cached knowledge base (``publish.cache``), for the next
    command; it keeps none without a build folder."""
    from leafdeck.publish.manifest import code_fingerprint
    from leafdeck.read.inputs import Inputs

    return Inputs() if build_dir is None else Inputs(kept=build_dir / "cache", code=code_fingerprint())


def _nothing_to_do(unchanged: dict[str, Path]) -> int:
    """What a build prints when every artifact is up to date (as ``build`` does after a full look)."""
    from leafdeck.publish.request import address_of

    pages = {target: address_of(target) for target in unchanged.values() if target.suffix == ".html"}
    for page, address in sorted(pages.items()):
        if address:
            print(f"web page {display_path(page.parent)}/ is hosted at {address}")
    print(f"built 0, skipped {len(unchanged)} (up to date), failed 0", file=sys.stderr)
    return EXIT_OK


def plan(args: argparse.Namespace) -> int:
    """Print the jobs of the requested matrix as JSON lines (each input file read once)."""
    from leafdeck.read.inputs import Inputs

    with Inputs().active():
        return _plan(args)


def _plan(args: argparse.Namespace) -> int:
    from leafdeck.publish.pipeline import addresses
    from leafdeck.publish.pipeline import plan as plan_all
    from leafdeck.read.sources import load_kb
    from leafdeck.render import RENDERERS

    kb, _ = load_kb(args.kb)
    if args.outline:
        return _outline(args, kb)
    request = _request(args)
    jobs = plan_all(request, kb)
    hosted = addresses(request, kb, jobs)
    for job in jobs:
        print(job.as_json(args.out, RENDERERS[job.format].suffix, hosted[job]))
    return EXIT_OK


def _outline(args: argparse.Namespace, kb: object) -> int:
    """Print the content plan of one product, for every variant the other options select (by
    default the default clinic, the knowledge base's language, every audience it is made for),
    as JSON: one object per variant, in a list."""
    from leafdeck.plan.export import outline_json
    from leafdeck.publish.pipeline import outlines
    from leafdeck.publish.pipeline import plan as plan_all

    args.only = (args.outline,)
    request = _request(args)
    jobs = plan_all(request, kb)  # type: ignore[arg-type]
    if not jobs:
        print(f"leafdeck: no product {args.outline!r} for this selection (see layouts/products.yaml)", file=sys.stderr)
        return EXIT_FAILED
    found = outlines(request, kb, jobs)  # type: ignore[arg-type]
    print(json.dumps([{"job": job.key, **outline_json(found[job])} for job in jobs], indent=2, ensure_ascii=False))
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """Print the knowledge base's JSON Schema, with each field's docstring as its description:
    the models collect them only in a process started with ``SCHEMA_DOCSTRINGS`` set, so a
    process whose models were built without them prints the schema from such a process."""
    import os
    import subprocess

    from leafdeck.model import KnowledgeBase
    from leafdeck.model.types import SCHEMA_DOCSTRINGS, Node

    if Node.model_config.get("use_attribute_docstrings"):
        print(json.dumps(KnowledgeBase.model_json_schema(), indent=2))
        return EXIT_OK
    env = {**os.environ, SCHEMA_DOCSTRINGS: "1"}
    printed = subprocess.run([sys.executable, "-m", "leafdeck", "schema"], env=env, stdout=subprocess.PIPE, check=True)
    sys.stdout.write(printed.stdout.decode("utf-8"))
    return EXIT_OK


def translate(args: argparse.Namespace) -> int:
    """Write a starter translation file."""
    from leafdeck.read.sources import load_kb
    from leafdeck.read.translations import starter, translation_path

    kb, _ = load_kb(args.kb)
    target = translation_path(args.kb, args.language)
    if target.exists():
        raise InputError([Problem(str(target), message="already exists; edit it, or move it away to start again")])
    write_text_atomically(target, starter(kb, args.language, dt.date.today().isoformat()))
    print(f"wrote {target}: fill in the empty fields, then run leafdeck check")
    labels = args.kb.parent / f"labels.{args.language}.yaml"
    if not labels.exists():
        english = args.kb.parent / "labels.en.yaml"
        print(f"next: copy {english} to {labels} and translate its words (keep the {{placeholders}})")
    return EXIT_OK


def new_clinic(args: argparse.Namespace) -> int:
    """Write a commented starter brand file for a clinic."""
    from leafdeck.read.layout import CLINIC_STARTER, clinic_name_problem

    target = args.layouts / "clinics" / f"{args.name}.yaml"
    return _starter(target, args.name, clinic_name_problem(args.name), CLINIC_STARTER, "--clinic")


def new_presenter(args: argparse.Namespace) -> int:
    """Write a commented starter file for a talk's presenter."""
    from leafdeck.read.presenters import PRESENTER_STARTER, presenter_name_problem, presenter_path

    target = presenter_path(args.layouts, args.name)
    return _starter(target, args.name, presenter_name_problem(args.name), PRESENTER_STARTER, "--presenter")


def _starter(target: Path, name: str, trouble: str | None, template: str, option: str) -> int:
    from leafdeck.read.presenters import guessed_name

    """Write ``template`` (``{name}`` filled in) to a new file ``target``; raises UsageError for
    a refused ``name`` (the command typed wrong: ``trouble`` says why, with the name it could
    be), InputError for a file that exists already."""
    if trouble:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
        slug = "-".join(re.findall(r"[a-z0-9]+", plain))
        meant = f" (did you mean {slug!r}?)" if slug and slug != name else ""
        raise UsageError(f"{name!r}: {trouble}{meant}")
    if target.exists():
        raise InputError([Problem(display_path(target), message="already exists; edit it instead")])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(target, template.format(name=name, guess=guessed_name(name)))
    print(f"wrote {target}: fill it in, then run leafdeck build {option} {name}")
    return EXIT_OK


def preview(args: argparse.Namespace) -> int:
    """Thumbnails of what the build wrote, and the contact sheet."""
    from leafdeck.preview import preview as make_previews

    sheet = make_previews(args.out, args.build_dir / "previews")
    print(f"wrote {display_path(sheet)}: open it in a browser to review every file")
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    """Run the brand kit's web server until Ctrl-C (``leafdeck.serve``; imported only here)."""
    from leafdeck.serve.run import serve as run_server

    return run_server(args.kb, args.layouts, args.build_dir / "serve", args.host, args.port, args.jobs)


def _request(args: argparse.Namespace) -> BuildRequest:
    from leafdeck.publish.request import BuildRequest

    return BuildRequest(
        args.kb,
        args.layouts,
        args.out,
        args.build_dir,
        clinics=args.clinic,
        languages=args.lang,
        audiences=args.audience,
        formats=args.format,
        only=args.only,
        workers=getattr(args, "jobs", 1),
        shard=args.shard,
        force=getattr(args, "force", False),
        allow_expired=getattr(args, "allow_expired", False),
        presenter=getattr(args, "presenter", None),
        release=getattr(args, "release", False),
    )


def _crash_log(build_dir: Path, bugs: list[Result]) -> str:
    """Write every renderer's traceback to ``build_dir/crash.log``; say where they are."""
    log = build_dir / "crash.log"
    text = "".join(f"{display_path(r.target)} ({r.key}):\n{r.bug}\n" for r in bugs)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(log, text)
    except OSError:
        return f"could not write {display_path(log)}"
    return f"details in {display_path(log)}"


def _explain(result: Result) -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.bug:
        first = result.bug.splitlines()[0]
        print(f"{display_path(result.target)}: internal error (a bug): {first}", file=sys.stderr)


class Progress:
    """A progress bar on a terminal (rich), one plain line per artifact otherwise."""

    def __init__(self) -> None:
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress as Bar

            self.bar = Bar(transient=True)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("building", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def done(self, result: Result) -> None:
        """Called as each artifact finishes."""
        if self.bar is not None:
            self.bar.advance(self.task)
            self.bar.update(self.task, description=result.key)
        else:  # "rendered": staged, published only when every artifact is (trial 17d: "built" lines
            # were printed for files a failed build never wrote)
            said = "rendered" if result.status == "built" else result.status
            print(f"{said} {display_path(result.target)}", flush=True)


def report(problems: list[Problem], *, failed: bool, building: bool = False) -> None:
    """Print problems one per line, errors first; after a failure, a count and what happened to outputs."""
    for problem in sorted(problems, key=lambda p: p.severity != "error"):
        print(problem, file=sys.stderr)
    if failed:
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        outcome = "; nothing was built, earlier outputs are unchanged" if building else ""
        print(f"{errors} error(s), {warnings} warning(s){outcome}", file=sys.stderr)
