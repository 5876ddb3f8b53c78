"""leafdeck benchmarks: figures only, never assertions. Run with `make bench`.

Measures, on this machine:
0. every example clinic's talk decks (English) built as a whole `leafdeck build` process, per
   slide, against the floor writing the same slides as a whole process, and their ratio;
   each talk deck per slide against a hand-written python-pptx floor (benchmarks/floor.py) that
   writes the same number of slides, native charts and notes pages, and their ratio;
   the short leaflet tagged (PDF/UA-1) against the same leaflet untagged and a plain reportlab
   floor writing the same lines and pages (benchmarks/floor.py);
1. warm in-process render time per product (median of several runs) and pages per second;
2. matrix throughput for generated clinics x 3 languages x 3 audiences, with 1 and 2 jobs;
3. the no-op rebuild of that matrix (in process, and as a whole `leafdeck build` command);
4. peak memory of the build process and of its workers;
5. `leafdeck serve` under load: ten clinics pressing Download at once (benchmarks/serve_load.py);
6. `leafdeck check` on the shipped sources as a whole process, with the fit cache warm and cold,
   beside its floor: a fresh process composing every sources/ and layouts/ YAML file with
   libyaml (targets: warm at most 15x the floor, cold at most 3 s).

`--only check` (or any comma-separated list of decks, tagging, render, matrix, serve, check) runs
some of them.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import floor
import serve_load
from pypdf import PdfReader

from leafdeck.errors import InputError
from leafdeck.publish.jobs import Job
from leafdeck.publish.pipeline import BuildRequest, _clinics, _languages, _layouts, build, outlines
from leafdeck.publish.pipeline import plan as plan_jobs
from leafdeck.read.layout import Resolved
from leafdeck.read.sources import load_kb
from leafdeck.render import RENDERERS

REPO = Path(__file__).resolve().parent.parent
PRODUCTS = [
    ("leaflet-a4", "patient"),
    ("leaflet-large-print-a4", "patient"),
    ("booklet-a5", "patient"),
    ("trifold-letter", "patient"),
    ("talk-clinician", "clinician"),
    ("talk-patient", "patient"),
]
DECKS = [("talk-clinician", "clinician"), ("talk-patient", "patient")]
ONLINE = "https://example.org/x/"
SECTIONS = ("decks", "tagging", "render", "matrix", "serve", "check")


def main() -> None:
    args = _arguments()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    )
    os.chdir(REPO)
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        # A user's shell lets Python cache compiled modules; a machine that forbids it would
        # recompile leafdeck's ~160 modules in every command (about 0.1 s), and not the floor's.
        print("  (PYTHONDONTWRITEBYTECODE was set: unset for the measured commands, as in a user's shell)")
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    if "decks" in sections:
        decks_as_process(args.repeat)
        decks_vs_floor(args.repeat)
    if "tagging" in sections:
        tagging_cost(args.repeat)
    if "render" in sections:
        render_times(args.repeat)
    for clinics in args.clinics if "matrix" in sections else []:
        only = None if clinics <= args.full_up_to else tuple(args.large_only.split(","))
        matrix(clinics, args.jobs, only)
    if "check" in sections:
        check_times(args.check_runs)
    print(
        f"peak memory: this process {_rss(resource.RUSAGE_SELF):.0f} MB, largest worker {_rss(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    if args.serve_packs and "serve" in sections:
        serve_load.run(args.serve_packs, workers=2)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--clinics",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[10, 100],
        help="matrix sizes (default 10,100)",
    )
    parser.add_argument(
        "--jobs",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[1, 2],
        help="worker counts to compare (default 1,2)",
    )
    parser.add_argument("--repeat", type=int, default=7, help="warm renders per product (default 7)")
    parser.add_argument(
        "--full-up-to", type=int, default=10, help="largest matrix built with every product (default 10)"
    )
    parser.add_argument(
        "--serve-packs",
        type=int,
        default=10,
        help="leafdeck serve load test: concurrent downloads (0 skips; default 10)",
    )
    parser.add_argument("--large-only", default="leaflet-a4", help="products of larger matrices (default leaflet-a4)")
    parser.add_argument(
        "--only",
        default="decks,tagging,render,matrix,serve,check",
        help="sections to run (default decks,tagging,render,matrix,serve,check)",
    )
    parser.add_argument("--check-runs", type=int, default=5, help="runs of each check figure (default 5)")
    return parser.parse_args()


FLOOR_COMPOSE = """
import glob, yaml
for name in sorted(glob.glob("sources/*.yaml") + glob.glob("layouts/**/*.yaml", recursive=True)):
    with open(name, encoding="utf-8") as file:
        yaml.compose(file.read(), Loader=yaml.CSafeLoader)
"""
"""The check's floor: a fresh interpreter composing every source and layout YAML file once with
libyaml, and nothing else (no validation, no rule)."""
CHECK_WARM_TIMES = 15
CHECK_COLD_SECONDS = 3.0


def check_times(runs: int) -> None:
    """`leafdeck check` on the shipped sources as a whole process (interpreter start, imports,
    reading, validating, every rule, the fit prediction), median of ``runs``, with the fit cache
    warm (after one check) and cold (emptied before each run), beside the floor."""
    with tempfile.TemporaryDirectory() as scratch:
        build_dir = Path(scratch) / "build"
        command = [sys.executable, "-m", "leafdeck", "check", "--build-dir", str(build_dir)]
        floor_s, floor_cpu = _command_times([sys.executable, "-c", FLOOR_COMPOSE], runs)
        cold, cold_cpu = _command_times(command, runs, before=lambda: shutil.rmtree(build_dir, ignore_errors=True))
        warm, warm_cpu = _command_times(command, runs)  # the last cold run left the cache warm
    limit = CHECK_WARM_TIMES * floor_s
    print(f"check on the shipped sources, whole processes, median of {runs} (wall; CPU of the process beside it):")
    print(
        "  floor (fresh python composing every sources/ and layouts/ YAML file with libyaml): "
        f"{floor_s:.3f} s (CPU {floor_cpu:.3f} s)"
    )
    print(
        f"  leafdeck check, fit cache warm: {warm:.3f} s = {warm / floor_s:.1f}x the floor (CPU {warm_cpu:.3f} s = "
        f"{warm_cpu / floor_cpu:.1f}x) (target <= {CHECK_WARM_TIMES}x = {limit:.2f} s: {'met' if warm <= limit else 'missed'})"
    )
    print(
        f"  leafdeck check, fit cache cold: {cold:.3f} s = {cold / floor_s:.1f}x the floor (CPU {cold_cpu:.3f} s) "
        f"(target <= {CHECK_COLD_SECONDS:.0f} s: {'met' if cold <= CHECK_COLD_SECONDS else 'missed'})"
    )


def _command_times(command: list[str], runs: int, before: Callable[[], object] = lambda: None) -> tuple[float, float]:
    """Median wall time and median CPU time (user and system) of a whole command: on a machine
    shared with other work the CPU time moves less than the wall time."""
    walls, cpus = [], []
    for _ in range(runs):
        before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def render_times(repeat: int) -> None:
    """Warm, in-process render time per product: the renderer alone, outline and layout ready."""
    print("\nwarm render time (median of", repeat - 1, "after one warm-up):")
    with tempfile.TemporaryDirectory() as scratch:
        for job, outline, resolved in _prepared(PRODUCTS):
            renderer = RENDERERS[job.format]
            target = Path(scratch) / f"{job.product}{renderer.suffix}"
            try:
                median = _median(lambda: renderer.render(outline, resolved, target), repeat)  # noqa: B023
            except InputError as error:  # a product that does not build is reported, not timed
                print(f"  {job.product:24} not built: {error.problems[0].message}")
                continue
            pages = len(PdfReader(target).pages) if job.format == "pdf" else None
            rate = f", {pages} pages, {pages / median:.0f} pages/s" if pages else ""
            print(f"  {job.product:24} {median * 1000:7.0f} ms{rate}")


def decks_vs_floor(repeat: int) -> None:
    """Each talk deck against the hand-written python-pptx floor (benchmarks/floor.py) writing the
    same number of slides, native charts and notes pages on the same template, timed in turn."""
    print("\ndecks per slide against the python-pptx floor (each the median of", repeat - 1, "runs, taken in turn):")
    with tempfile.TemporaryDirectory() as scratch:
        for job, outline, resolved in _prepared(DECKS):
            target = Path(scratch) / f"{job.product}.pptx"
            RENDERERS["pptx"].render(outline, resolved, target)
            shape = floor.shape_of(target)
            template = resolved.asset(resolved.layout.template)
            deck, bare = _interleaved(
                lambda: RENDERERS["pptx"].render(outline, resolved, target),  # noqa: B023
                lambda: floor.write(template, shape),  # noqa: B023
                repeat,
            )
            slides, charts = len(shape), sum(s.chart is not None for s in shape)
            print(
                f"  {job.product:16} {slides} slides, {charts} charts, {slides} notes pages: "
                f"leafdeck {deck / slides * 1000:.1f} ms/slide, floor {bare / slides * 1000:.1f} ms/slide, "
                f"ratio {deck / bare:.2f}x (target <= 1.3x)"
            )


def decks_as_process(repeat: int) -> None:
    """Every example clinic's talk decks in English (every clinic of layouts/clinics/ x
    talk-clinician and talk-patient, for each audience the build gives them) built by one whole
    ``leafdeck build --jobs 1`` process into fresh folders (interpreter start, imports, loading
    and validating inputs, planning, measuring text, writing), against one whole floor process
    (``python benchmarks/floor.py``: start, import python-pptx, load the same slides from JSON,
    write the same decks). Figures are the median CPU time (user + system) of each process per
    slide over ``repeat - 1`` runs taken in turn after one warm-up; wall times beside them."""
    print(f"\nevery example clinic's decks as a whole process, per slide (median of {repeat - 1} runs, taken in turn):")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        counter = iter(range(10**6))

        def build_decks() -> Path:
            out = root / f"run{next(counter)}"
            subprocess.run(_decks_command(out), check=True, capture_output=True)
            return out / "out"

        built = sorted(build_decks().rglob("*.pptx"))
        templates = {job.product: resolved.asset(resolved.layout.template) for job, _, resolved in _prepared(DECKS)}
        decks = [(templates[path.stem], root / f"floor-{i}.pptx", floor.shape_of(path)) for i, path in enumerate(built)]
        shapes = root / "shapes.json"
        floor.save_shapes(decks, shapes)
        slides = sum(len(d[2]) for d in decks)
        charts = sum(s.chart is not None for d in decks for s in d[2])
        bare = [sys.executable, str(REPO / "benchmarks" / "floor.py"), str(shapes)]
        kept = root / "kept-build"  # one build folder for every run: its caches kept, as a user's are
        (deck_cpu, deck_wall), (floor_cpu, floor_wall), (kept_cpu, kept_wall) = _processes_in_turn(
            [
                lambda: subprocess.run(_decks_command(root / f"run{next(counter)}"), check=True, capture_output=True),
                lambda: subprocess.run(bare, check=True, capture_output=True),
                lambda: subprocess.run(
                    _decks_command(root / f"run{next(counter)}", kept), check=True, capture_output=True
                ),
            ],
            repeat,
        )
        print(f"  {len(built)} decks, {slides} slides, {charts} charts, {slides} notes pages (5 clinics x en)")
        print(
            f"  CPU per slide: leafdeck {deck_cpu / slides * 1000:.2f} ms, floor {floor_cpu / slides * 1000:.2f} ms, "
            f"ratio {deck_cpu / floor_cpu:.2f}x (target <= 1.3x)"
        )
        print(
            f"  wall per slide: leafdeck {deck_wall / slides * 1000:.2f} ms, floor {floor_wall / slides * 1000:.2f} ms, "
            f"ratio {deck_wall / floor_wall:.2f}x; whole processes {deck_wall:.2f} s and {floor_wall:.2f} s"
        )
        print(
            f"  the same into fresh output folders with one build folder kept (its caches warm): CPU per slide "
            f"{kept_cpu / slides * 1000:.2f} ms, ratio {kept_cpu / floor_cpu:.2f}x; wall {kept_wall:.2f} s"
        )


def _decks_command(folder: Path, build_dir: Path | None = None) -> list[str]:
    """``leafdeck build`` of every clinic's English talk decks, one process, into fresh folders
    (or into a fresh output folder with the given ``build_dir``, kept from run to run)."""
    only = ",".join(name for name, _ in DECKS)
    command = [sys.executable, "-m", "leafdeck", "build", "--clinic", "all", "--only", only, "--jobs", "1"]
    return [*command, "--out", str(folder / "out"), "--build-dir", str(build_dir or folder / "build")]


def _processes_in_turn(runs: list[object], repeat: int) -> list[tuple[float, float]]:
    """(median CPU seconds of the child process, median wall seconds) of each call, all run in
    turn ``repeat`` times; the first run of each is a warm-up and is not counted."""
    times: list[list[tuple[float, float]]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, found in zip(runs, times, strict=True):
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            run()  # type: ignore[operator]
            after, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter() - start
            found.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall))
    return [(statistics.median(c for c, _ in t[1:]), statistics.median(w for _, w in t[1:])) for t in times]


def tagging_cost(repeat: int) -> None:
    """The short leaflet tagged, untagged (``FooterCanvas.tagging`` off) and the reportlab floor
    (the same lines and pages as plain paragraphs), each the median CPU time of this process over
    ``3 * repeat - 1`` runs taken in turn (CPU time, not wall time: the difference is a few per
    cent, and a shared machine's load would hide it); target: tagging adds at most 10% (issue 22)."""
    from leafdeck.render.leaflet import fonts, page

    print("\nshort leaflet, tagged against untagged and the reportlab floor (median CPU times, taken in turn):")
    with tempfile.TemporaryDirectory() as scratch:
        for job, outline, resolved in _prepared([("leaflet-a4", "patient")]):
            target = Path(scratch) / "leaflet.pdf"
            RENDERERS["pdf"].render(outline, resolved, target)
            pages = floor.leaflet_pages(target)
            size = float(resolved.layout.styles.body.size)  # type: ignore[attr-defined]

            def untagged() -> None:
                page.FooterCanvas.tagging = False
                try:
                    RENDERERS["pdf"].render(outline, resolved, target)  # noqa: B023
                finally:
                    page.FooterCanvas.tagging = True

            tagged, bare, least = _in_turn(
                [
                    lambda: RENDERERS["pdf"].render(outline, resolved, target),  # noqa: B023
                    untagged,
                    lambda: floor.write_leaflet(pages, Path(scratch) / "floor.pdf", fonts.REGULAR, size),  # noqa: B023
                ],
                3 * repeat,
                time.process_time,
            )
            print(
                f"  {job.product:16} {len(pages)} pages: tagged {tagged * 1000:.0f} ms, untagged {bare * 1000:.0f} ms "
                f"(tagging +{(tagged / bare - 1) * 100:.1f}%, target <= 10%), reportlab floor {least * 1000:.0f} ms"
            )


def _in_turn(runs: list[object], repeat: int, clock: object = time.perf_counter) -> list[float]:
    """Median seconds (by ``clock``) of each call, all run in turn ``repeat`` times after one
    warm-up each."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, found in zip(runs, times, strict=True):
            start = clock()  # type: ignore[operator]
            run()  # type: ignore[operator]
            found.append(clock() - start)  # type: ignore[operator]
    return [statistics.median(t[1:]) for t in times]


def _prepared(products: list[tuple[str, str]]) -> list[tuple[Job, object, Resolved]]:
    """Each (product, audience) of the default clinic in English: its job, outline and resolved layout."""
    request = replace(
        BuildRequest(REPO / "sources" / "liberation-procedure.yaml", REPO / "layouts", Path(), Path()),
        only=tuple(name for name, _ in products),
    )
    kb, _ = load_kb(request.kb)
    wanted = set(products)
    jobs = [job for job in plan_jobs(request, kb) if (job.product, job.audience) in wanted and job.clinic == "default"]
    jobs = [job for job in jobs if job.language == kb.document.language]
    found = outlines(request, kb, jobs)
    languages, _ = _languages(request, kb, {job.language for job in jobs})
    clinic = _clinics(request.layouts, {"default"})["default"]
    prepared = []
    for name, audience in products:
        job = next(j for j in jobs if (j.product, j.audience) == (name, audience))
        layout, _ = _layouts(request.layouts, {(job.layout, job.format)})[job.layout]
        language = languages[job.language]
        resolved = Resolved(layout, clinic, request.layouts, ONLINE, language.labels, language.notice)
        prepared.append((job, found[job], resolved))
    return prepared


def _interleaved(first: object, second: object, repeat: int) -> tuple[float, float]:
    """Median seconds of each of two calls, run in turn ``repeat`` times after one warm-up each, so
    a change in the machine's load touches both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, found in zip((first, second), times, strict=True):
            start = time.perf_counter()
            run()  # type: ignore[operator]
            found.append(time.perf_counter() - start)
    return statistics.median(times[0][1:]), statistics.median(times[1][1:])


def _median(run: object, repeat: int) -> float:
    """Median seconds of ``repeat - 1`` calls of ``run`` after one warm-up."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def matrix(clinics: int, jobs: list[int], only: tuple[str, ...] | None) -> None:
    """Build clinics x languages x audiences with each worker count, then a no-op rebuild."""
    with tempfile.TemporaryDirectory() as scratch:
        root = _project(Path(scratch), clinics)
        products = "every product" if only is None else f"only {', '.join(only)}"
        print(f"\nmatrix: {clinics} generated clinics x en, fr, es x patient, clinician, advocacy ({products})")
        timings = {}
        for workers in jobs:
            request = replace(_request(root, workers, f"run{workers}"), only=only)
            start = time.perf_counter()
            report = build(request)
            elapsed = time.perf_counter() - start
            timings[workers] = elapsed
            built = len(report.having("built"))
            failed = len(report.having("failed"))
            print(
                f"  {workers} job(s): {built} artifacts in {elapsed:.1f} s = {built / elapsed:.1f} artifacts/s ({failed} failed)"
            )
        if 1 in timings and 2 in timings:
            print(f"  speed-up from 1 to 2 jobs: {timings[1] / timings[2]:.2f}x")
        last = replace(_request(root, jobs[-1], f"run{jobs[-1]}"), only=only)
        start = time.perf_counter()
        report = build(last)
        print(
            f"  no-op rebuild in process: {time.perf_counter() - start:.3f} s ({len(report.having('skipped'))} skipped, {len(report.having('built'))} built)"
        )
        command = [
            sys.executable,
            "-m",
            "leafdeck",
            "build",
            str(last.kb),
            "--layouts",
            str(last.layouts),
            "--out",
            str(last.out),
            "--build-dir",
            str(last.build_dir),
            "--clinic",
            "all",
            "--lang",
            "all",
            "--jobs",
            str(last.workers),
        ]
        command += ["--only", ",".join(only)] if only else []
        noop, python = _command_time(command), _command_time([sys.executable, "-c", "pass"])
        print(f"  no-op rebuild as a command (with interpreter start and imports): {noop:.3f} s (median of 5)")
        print(
            f"  Python's own start-up (python -c pass), same run: {python:.3f} s; leafdeck adds {noop - python:.3f} s"
        )


def _command_time(command: list[str], runs: int = 5, before: Callable[[], object] = lambda: None) -> float:
    """Median wall time of a whole command, interpreter start included (``before`` runs untimed
    before each run)."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _project(root: Path, clinics: int) -> Path:
    """A copy of the sources and layouts with ``clinics`` generated clinic brands."""
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(REPO / "layouts", root / "layouts")
    template = (REPO / "layouts" / "clinics" / "riverside.yaml").read_text(encoding="utf-8")
    for path in (root / "layouts" / "clinics").glob("*.yaml"):
        path.unlink()
    for i in range(clinics):
        text = template.replace("Riverside MS Centre", f"Generated MS Centre {i:03d}")
        (root / "layouts" / "clinics" / f"clinic-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return root


def _request(root: Path, workers: int, name: str) -> BuildRequest:
    base = BuildRequest(
        root / "sources" / "liberation-procedure.yaml", root / "layouts", root / name / "out", root / name / "build"
    )
    return replace(base, clinics=("all",), languages=("all",), workers=workers)


def _rss(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


if __name__ == "__main__":
    main()
