"""Run render jobs, in parallel, staged, and publish them together or not at all.

Each job renders into a file in this run's own staging folder (``files.staging_folder``, outside
every published folder; what killed runs left there is swept first). A failing job does not stop
the others: every job is rendered, so one run reports every failure. Only when all of them
succeeded are the files put in place, all of them or none (``replace.replace_all``); otherwise,
and on Ctrl-C, SIGTERM or SIGHUP, the run's staging folder is removed and every earlier output stays
byte-for-byte as it was. A clinic's materials are therefore never left at mixed versions.

Worker processes leave interrupts to the main process, which kills them when it stops early;
they are also killed by the kernel should the main process die first (Linux), so none outlives it.

A task that reads other artifacts (the web page shows its PDFs' size and page count) names
their targets in ``reads``: it starts once the tasks writing them are rendered, and is handed
each one's staged file (or, for an artifact not rendered in this run, its published target).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from leafdeck.errors import InputError, Problem
from leafdeck.publish.files import (
    cannot_write,
    refused_by_file_system,
    remove_staging,
    staging_folder,
    sweep,
    temporary,
)
from leafdeck.publish.replace import Guard, Swap, replace_all

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Status = Literal["built", "skipped", "failed", "held"]
"""`held`: rendered, but not published because another artifact failed."""


@dataclass(frozen=True)
class Task:
    """One artifact to render: where it goes and how to make it."""

    key: str
    target: Path
    render: Callable[[Path, Mapping[Path, Path]], None]
    """Writes the artifact into the temporary file it is given; the mapping gives the file to read
    for each target in ``reads``."""
    inputs: str = ""
    """Hash of everything the artifact is made from (recorded in the manifest)."""
    reads: tuple[Path, ...] = ()
    """Targets of other artifacts this one reads: it is rendered after the tasks that write them."""


@dataclass
class Result:
    """What became of one task."""

    key: str
    target: Path
    status: Status
    problems: list[Problem] = field(default_factory=list)
    bug: str | None = None
    staged: Path | None = None
    kept: Path | None = None
    """Where the hand-edited file this artifact replaced was kept (a forced build)."""


STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""Signals that stop a build (Ctrl-C, ``kill PID``, its terminal closed): the main process cleans up."""

_TASKS: list[Task] = []  # inherited by forked workers


def run(
    tasks: list[Task],
    workers: int,
    on_result: Callable[[Result], None],
    out: Path | None = None,
    guard: Guard | None = None,
) -> list[Result]:
    """Render every task, then publish them (``rendered``, then ``publish``)."""
    with rendered(tasks, workers, on_result, out) as done:
        return publish(done, guard)


@dataclass(frozen=True)
class Rendered:
    """A run's results, their files staged in ``staging`` (None: there was nothing to render)."""

    results: list[Result]
    staging: Path | None


@contextmanager
def rendered(
    tasks: list[Task], workers: int, on_result: Callable[[Result], None], out: Path | None = None
) -> Iterator[Rendered]:
    """Render every task (in ``workers`` processes when more than one) into a staging folder of
    this run's own below ``out`` (default: the folder all targets share), after sweeping what
    killed runs left there. The results are in task order; the staging folder, with whatever was
    not published from it, is removed on leaving, also after an error, Ctrl-C, SIGTERM or SIGHUP."""
    if not tasks:
        yield Rendered([], None)
        return
    out = out or Path(os.path.commonpath([task.target.parent for task in tasks]))
    sweep(out, [task.target for task in tasks])
    staging = staging_folder(out)
    try:
        if workers > 1 and len(tasks) > 1:
            yield Rendered(_parallel(tasks, workers, on_result, staging), staging)
        else:
            yield Rendered(_serial(tasks, on_result, staging), staging)
    finally:
        with _uninterrupted():  # a second Ctrl-C must not cut the clean-up short
            remove_staging(staging)


def publish(done: Rendered, guard: Guard | None = None) -> list[Result]:
    """Put every staged file in place, all of them or none: none when a task failed (their
    status becomes ``held``). Returns the results. Raises InputError, replacing nothing, when a
    target cannot be replaced or was edited by hand (see ``guard``)."""
    if done.staging is not None:
        _publish(done.results, done.staging, guard)
    return done.results


def _publish(results: list[Result], staging: Path, guard: Guard | None) -> None:
    """Put every staged file in place when no task failed, else hold them all back."""
    staged = [result for result in results if result.staged is not None]
    if not any(result.status == "failed" for result in results):
        kept = replace_all([Swap(r.staged, r.target) for r in staged if r.staged], staging, guard)
        for result in staged:
            result.kept = kept.get(result.target)
    else:
        for result in staged:
            result.status = "held"
    for result in staged:
        result.staged = None


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP are ignored inside (the clean-up after one); signals are the main
    thread's, so in another thread (a server building in the background) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _serial(tasks: list[Task], on_result: Callable[[Result], None], staging: Path) -> list[Result]:
    results: dict[int, Result] = {}
    waits = _waits(tasks)
    while len(results) < len(tasks):
        index = _ready(waits, results, set())[0]
        results[index] = _render(tasks, index, _files(tasks, index, results), staging)
        on_result(results[index])
    return [results[i] for i in range(len(tasks))]


def _waits(tasks: list[Task]) -> list[set[int]]:
    """For each task, the tasks of this run that write a file it reads."""
    writer = {task.target: i for i, task in enumerate(tasks)}
    return [{writer[p] for p in task.reads if p in writer and writer[p] != i} for i, task in enumerate(tasks)]


def _ready(waits: list[set[int]], done: Mapping[int, Result], started: set[int]) -> list[int]:
    """Tasks not started whose files to read are rendered, in task order (should reads ever form
    a cycle, the first waiting task once nothing is running, so the run always ends)."""
    waiting = [i for i in range(len(waits)) if i not in done and i not in started]
    ready = [i for i in waiting if waits[i] <= done.keys()]
    return ready or ([waiting[0]] if waiting and started <= done.keys() else [])


def _files(tasks: list[Task], index: int, done: Mapping[int, Result]) -> dict[Path, Path]:
    """Each file task ``index`` reads: staged by this run, else the published target."""
    staged = {tasks[i].target: r.staged for i, r in done.items() if r.staged is not None}
    return {path: staged.get(path, path) for path in tasks[index].reads}


def _parallel(tasks: list[Task], workers: int, on_result: Callable[[Result], None], staging: Path) -> list[Result]:
    # imported here: a build with one job never starts a pool (about 20 ms of every command's start-up)
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from multiprocessing import get_context

    global _TASKS
    _TASKS = tasks
    results: dict[int, Result] = {}
    waits, started = _waits(tasks), set[int]()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("fork"), initializer=_worker_signals, initargs=(os.getpid(),)
    )
    try:
        pending: dict[Future[Result], int] = {}
        while len(results) < len(tasks):
            for i in _ready(waits, results, started):
                started.add(i)
                pending[pool.submit(_render_inherited, i, _files(tasks, i, results), staging)] = i
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                results[index] = future.result()
                on_result(results[index])
    except BaseException:
        with _uninterrupted():
            _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(tasks))]


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now (a render in progress is not waited for), then the pool."""
    processes = getattr(pool, "_processes", None) or {}  # CPython's own; Python 3.14 adds terminate_workers()
    for process in list(processes.values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _worker_signals(parent: int) -> None:
    """Workers leave Ctrl-C, SIGTERM and SIGHUP to the main process, which stops the pool and removes the
    staging folder (otherwise each worker prints its own traceback, or dies mid-write); and they
    die with it: the kernel kills them when it ends (Linux's parent-death signal)."""
    for number in STOPPING:
        signal.signal(number, signal.SIG_IGN)
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    if os.getppid() != parent:  # the main process ended before the signal was set
        os._exit(1)


_PR_SET_PDEATHSIG = 1
"""prctl option: the signal a process gets when its parent ends (linux/prctl.h)."""
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
"""libc's prctl, found before any worker is forked (a forked child should not load libraries)."""


def _render_inherited(index: int, files: dict[Path, Path], staging: Path) -> Result:
    return _render(_TASKS, index, files, staging)


def _render(tasks: list[Task], index: int, files: dict[Path, Path], staging: Path) -> Result:
    task = tasks[index]
    staged = None
    try:
        staged = temporary(task.target, _staging_for(task.target, staging))
        task.render(staged, files)
        return Result(task.key, task.target, "built", staged=staged)
    except InputError as exc:
        _remove(staged)
        return Result(task.key, task.target, "failed", problems=exc.problems)
    except Exception as exc:  # a bug in one renderer must not stop the other artifacts
        _remove(staged)
        if refused_by_file_system(exc):  # the disk is full, or read-only: not a bug
            return Result(task.key, task.target, "failed", problems=[_write_problem(task.target, exc, staging)])
        return Result(task.key, task.target, "failed", bug=f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")


def _staging_for(target: Path, staging: Path) -> Path:
    """Where ``target`` is staged: its own folder's path below the staging folder (whose parent
    is the output folder), so a staged file says which artifact it is."""
    try:
        return staging / target.parent.relative_to(staging.parent.parent)
    except ValueError:  # a target outside the output folder
        return staging / "elsewhere"


def _write_problem(target: Path, exc: OSError, staging: Path) -> Problem:
    """The file a refused write concerns: the artifact, unless the error names a file outside
    the staging folder (an input the renderer could not read)."""
    named = Path(exc.filename) if isinstance(exc.filename, str) else None
    outside = named is not None and staging not in named.parents
    return cannot_write(named if outside and named else target, exc)


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
