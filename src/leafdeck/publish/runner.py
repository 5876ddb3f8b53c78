"""Run render jobs, in parallel, staged, and publish them together or not at all.

Each job renders into a temporary file beside its target. A failing job does not stop the
others: every job is rendered, so one run reports every failure. Only when all of them
succeeded are the files renamed into place; otherwise (and on Ctrl-C) every temporary file is
removed and every earlier output stays byte-for-byte as it was. A clinic's materials are
therefore never left at mixed versions.

A task that reads other artifacts (the web page shows its PDFs' size and page count) names
their targets in ``reads``: it starts once the tasks writing them are rendered, and is handed
each one's staged file (or, for an artifact not rendered in this run, its published target).
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Literal

from leafdeck.errors import InputError, Problem
from leafdeck.publish.files import temporary

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


_TASKS: list[Task] = []  # inherited by forked workers


def run(tasks: list[Task], workers: int, on_result: Callable[[Result], None]) -> list[Result]:
    """Render every task (in ``workers`` processes when more than one), then publish the
    successful ones. Returns one result per task, in task order."""
    try:
        results = _parallel(tasks, workers, on_result) if workers > 1 and len(tasks) > 1 else _serial(tasks, on_result)
    except BaseException:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        try:
            _discard_staged(tasks)
        finally:
            signal.signal(signal.SIGINT, previous)
        raise
    publish = not any(result.status == "failed" for result in results)
    for result in results:
        if result.staged is None:
            continue
        if publish:
            os.replace(result.staged, result.target)
        else:
            result.staged.unlink(missing_ok=True)
            result.status = "held"
        result.staged = None
    return results


def _serial(tasks: list[Task], on_result: Callable[[Result], None]) -> list[Result]:
    results: dict[int, Result] = {}
    waits = _waits(tasks)
    while len(results) < len(tasks):
        index = _ready(waits, results, set())[0]
        results[index] = _render(tasks, index, _files(tasks, index, results))
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


def _parallel(tasks: list[Task], workers: int, on_result: Callable[[Result], None]) -> list[Result]:
    global _TASKS
    _TASKS = tasks
    results: dict[int, Result] = {}
    waits, started = _waits(tasks), set[int]()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=_ignore_ctrl_c) as pool:
        pending: dict[Future[Result], int] = {}
        try:
            while len(results) < len(tasks):
                for i in _ready(waits, results, started):
                    started.add(i)
                    pending[pool.submit(_render_inherited, i, _files(tasks, i, results))] = i
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    results[index] = future.result()
                    on_result(results[index])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [results[i] for i in range(len(tasks))]


def _ignore_ctrl_c() -> None:
    """Workers leave Ctrl-C to the main process, which stops the pool and removes every
    temporary file (otherwise each worker prints its own KeyboardInterrupt traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_inherited(index: int, files: dict[Path, Path]) -> Result:
    return _render(_TASKS, index, files)


def _render(tasks: list[Task], index: int, files: dict[Path, Path]) -> Result:
    task = tasks[index]
    staged = None
    try:
        staged = temporary(task.target)
        task.render(staged, files)
        return Result(task.key, task.target, "built", staged=staged)
    except InputError as exc:
        _remove(staged)
        return Result(task.key, task.target, "failed", problems=exc.problems)
    except Exception as exc:  # a bug in one renderer must not stop the other artifacts
        _remove(staged)
        return Result(task.key, task.target, "failed", bug=f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _discard_staged(tasks: list[Task]) -> None:
    """Remove every temporary file a task may have left (after Ctrl-C or a crash)."""
    for folder in {task.target.parent for task in tasks}:
        for task in tasks:
            for leftover in folder.glob(f".{task.target.name}.*.tmp"):
                leftover.unlink(missing_ok=True)
