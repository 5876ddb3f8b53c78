"""The build's last steps: refuse to overwrite hand edits, publish, record what was written.

Publishing and recording happen under the output folder's lock (``files.output_lock``), one
build at a time; rendering does not. The manifest gets each staged file's hash before it is
published (``Manifest.expect``) and the written files' hashes after, so a build killed in
between never mistakes leafdeck's own file for a hand edit.
"""

from __future__ import annotations

import datetime as dt

from leafdeck.errors import InputError
from leafdeck.publish.files import output_lock
from leafdeck.publish.manifest import Manifest
from leafdeck.publish.replace import Guard, edited_problems
from leafdeck.publish.request import BuildRequest
from leafdeck.publish.runner import Rendered, Result, Task


def guard(request: BuildRequest, today: dt.date) -> Guard:
    """Publishing refuses to replace an output changed since leafdeck wrote it (told by the
    manifest as saved now, with what other builds published meanwhile), unless forced: then the
    edited copy is kept under a name dated ``today``."""
    manifest = Manifest.load(request.build_dir / "manifest.json")
    return Guard(manifest.changed, keep_edits=request.force, today=today)


def refuse_hand_edits(request: BuildRequest, tasks: list[Task], today: dt.date) -> None:
    """PUB-002 before anything is rendered: an output to replace was edited by hand (publishing
    asks again, under the lock, in case another build wrote it meanwhile). Asked under the output
    folder's lock too: another build publishes a file before it records its hash, so a file read
    in between (without the lock) would pass for a hand edit."""
    if not any(task.target.exists() for task in tasks):  # nothing there to have been edited
        return
    with output_lock(request.out):
        problems = edited_problems([task.target for task in tasks], guard(request, today))
    if problems:
        raise InputError(problems)


def expect(manifest: Manifest, done: Rendered) -> None:
    """Record each staged file's hash before publishing it (see ``Manifest.expect``)."""
    staged = [(result.target, result.staged) for result in done.results if result.staged is not None]
    if staged and not any(result.status == "failed" for result in done.results):
        for target, path in staged:
            manifest.expect(target, path)
        manifest.save()


def record(manifest: Manifest, tasks: list[Task], results: list[Result], fingerprint: str, keys: list[str]) -> None:
    """Note in the manifest (and save it) what each built artifact was made from and the hash of
    the file written, each up-to-date one's file, and, when nothing failed, that the run with
    ``fingerprint`` produced ``keys``."""
    inputs = {task.key: task.inputs for task in tasks}
    for result in results:
        if result.status == "built":
            manifest.record(result.key, inputs[result.key], result.target)
        elif result.status == "skipped":
            manifest.retarget(result.key, result.target)
    if all(result.status in ("built", "skipped") for result in results):
        manifest.remember(fingerprint, keys)
    manifest.save()
