"""Put a run's staged artifacts in place of their targets: all of them, or none.

First every target is checked, and nothing is touched until all pass: it is not a folder, its
folder can be written, and it can be kept aside (a hard link of it into the staging folder; the
kernel refuses one to a file made immutable with ``chattr +i``, and Windows to a file open in a
reader; a copy where the file system has no hard links). An output changed since leafdeck wrote it (a hand edit, told by the manifest's hash) is
refused too, unless the build is forced: then the edited copy is kept beside the new file under a
dated name. When any target fails, every problem is reported together (``PUB-001``: cannot
replace; ``PUB-002``: edited by hand), nothing is replaced and no folder is left created.

Then the staged files are renamed into place, one by one (each rename is atomic, so a reader
never sees half a file). Should a rename still fail halfway, the files already replaced are put
back from the links kept aside, so the folder is again exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.publish.files import WRITE_ERROR

HAND_EDIT = "PUB-002"
"""The rule of an output changed since leafdeck wrote it."""


@dataclass(frozen=True)
class Guard:
    """What publishing must respect besides the file system."""

    changed: Callable[[Path], bool] = field(default=lambda _: False)
    """Whether a target was changed since leafdeck wrote it (see ``Manifest.changed``)."""
    keep_edits: bool = False
    """Replace edited targets anyway, keeping each edited copy under a dated name (``--force``)."""
    today: dt.date | None = None
    """The date in a kept copy's name (None: today)."""


@dataclass(frozen=True)
class Swap:
    """One staged file and the target it replaces."""

    staged: Path
    target: Path


def replace_all(swaps: list[Swap], staging: Path, guard: Guard | None = None) -> dict[Path, Path]:
    """Rename every staged file onto its target, or none (see the module's docstring); the
    previous files are kept aside in ``staging`` while it runs. Returns each edited target kept
    under a dated name → that name. Raises InputError naming every target that cannot be replaced."""
    guard = guard or Guard()
    aside = Path(tempfile.mkdtemp(prefix="previous-", dir=staging))
    created: list[Path] = []
    problems, previous, edited = _prepare(swaps, aside, guard, created)
    if problems:
        _remove_folders(created)
        raise InputError(problems)
    kept: dict[Path, Path] = {}
    done: list[Swap] = []
    current = swaps[0].target if swaps else staging
    try:
        for current in edited:
            kept[current] = _keep(current, guard.today or dt.date.today())
        for swap in swaps:
            current = swap.target
            os.replace(swap.staged, swap.target)
            done.append(swap)
    except BaseException as exc:  # a failure or an interrupt halfway: put everything back
        _undo(done, previous, list(kept.values()), created)
        if isinstance(exc, OSError):
            raise InputError([_cannot_replace(current, exc)]) from None
        raise
    return kept


def _prepare(
    swaps: list[Swap], aside: Path, guard: Guard, created: list[Path]
) -> tuple[list[Problem], dict[Path, Path], list[Path]]:
    """Check every target; keep a link to each existing one in ``aside``. Returns the problems,
    each target's link, and the edited targets to keep (when forced). Folders made for new
    targets are appended to ``created``."""
    problems: list[Problem] = []
    previous: dict[Path, Path] = {}
    edited: list[Path] = []
    for number, swap in enumerate(swaps):
        target = swap.target
        try:
            _make_folder(target.parent, created)
            if target.is_dir():
                raise IsADirectoryError(21, "a folder is in its place")
            if not os.access(target.parent, os.W_OK | os.X_OK):
                raise PermissionError(13, "its folder cannot be written")
            if target.exists():
                previous[target] = _set_aside(target, aside / f"{number:04d}-{target.name}")
        except OSError as exc:
            problems.append(_cannot_replace(target, exc))
            continue
        if target in previous and guard.changed(target):
            if guard.keep_edits:
                edited.append(target)
            else:
                problems.append(_edited(target, guard.today or dt.date.today()))
    return problems, previous, edited


def _set_aside(target: Path, aside: Path) -> Path:
    """A hard link to ``target`` at ``aside``, to put it back from. Where the file system has no
    hard links (FAT on a USB stick) a copy, as long as the target may be written: a refused link
    to a file that may not (immutable, locked) means it cannot be replaced. Raises OSError."""
    try:
        os.link(target, aside)
    except OSError:
        if not os.access(target, os.W_OK):
            raise
        shutil.copy2(target, aside)
    return aside


def _make_folder(folder: Path, created: list[Path]) -> None:
    """Make ``folder`` and its missing parents, noting each one made (outermost first)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def _keep(target: Path, today: dt.date) -> Path:
    """Link the edited ``target`` under a dated name beside it (``talk-patient-edited-2026-12-07.pptx``,
    then ``-2``, ``-3`` the same day); the link keeps the edited bytes once the target is replaced."""
    for number in range(1, 1000):
        tail = "" if number == 1 else f"-{number}"
        kept = target.with_name(f"{target.stem}-edited-{today.isoformat()}{tail}{target.suffix}")
        try:
            os.link(target, kept)
            return kept
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: a copy
            if kept.exists():
                continue
            shutil.copy2(target, kept)
            return kept
    raise FileExistsError(17, "no free name for the edited copy", str(target))


def _undo(done: list[Swap], previous: dict[Path, Path], kept: list[Path], created: list[Path]) -> None:
    """Put back every target replaced so far, remove the kept copies and the folders made."""
    for swap in reversed(done):
        if swap.target in previous:
            os.replace(previous[swap.target], swap.target)
        else:
            swap.target.unlink(missing_ok=True)
    for path in kept:
        path.unlink(missing_ok=True)
    _remove_folders(created)


def _remove_folders(created: list[Path]) -> None:
    for folder in reversed(created):
        with contextlib.suppress(OSError):  # not empty: something else was put there meanwhile
            folder.rmdir()


def _cannot_replace(target: Path, exc: OSError) -> Problem:
    reason = exc.strerror or str(exc)
    message = (
        f"cannot replace this file: {reason[:1].lower()}{reason[1:]} (is it open in another program, locked "
        "or read-only?); nothing was replaced"
    )
    return Problem(display_path(target), message=message, rule=WRITE_ERROR)


def edited_problems(targets: list[Path], guard: Guard) -> list[Problem]:
    """``PUB-002`` for each of ``targets`` changed since leafdeck wrote it (none when the build
    keeps edits): asked before rendering, so a refused build does not render for nothing."""
    if guard.keep_edits:
        return []
    return [_edited(target, guard.today or dt.date.today()) for target in targets if guard.changed(target)]


def _edited(target: Path, today: dt.date) -> Problem:
    name = f"{target.stem}-edited-{today.isoformat()}{target.suffix}"
    message = (
        "changed since leafdeck wrote it (edited by hand?), so it was not replaced and nothing else was either. "
        f"Copy your edits into the sources, move the file away, or build with --force to keep it as {name} "
        "beside the new one"
    )
    return Problem(display_path(target), message=message, rule=HAND_EDIT)
