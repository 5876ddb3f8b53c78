"""The one way leafdeck writes a file: into a temporary file, then renamed into place, so a reader
never sees half a file and a failure (or Ctrl-C) leaves the old one intact.

A build stages its artifacts in a folder of its own, ``<out>/.leafdeck-staging/<pid>-<token>/``,
outside every published folder (``<out>/<clinic>/<language>/<audience>/`` is what a clinic
uploads), and removes only that folder. The staging folder of a run that was killed (its process
is gone) is swept by the next build. Builds into one output folder render side by side but
publish one at a time, under a lock (``output_lock``); one that has to wait says so.

A file-system failure while writing (no space left, a read-only disk, no permission) is the
user's to fix, not a bug: it raises InputError under ``WRITE_ERROR``, naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeGuard

from leafdeck.errors import InputError, Problem, display_path

WRITE_ERROR = "PUB-001"
"""The rule of an output that cannot be written or replaced (full disk, permissions, a locked file)."""

STAGING = ".leafdeck-staging"
"""The folder below the output folder where each run stages its artifacts, one sub-folder per run."""

_RUN = re.compile(r"(?P<pid>\d+)-[A-Za-z0-9_]+")
_LEGACY_SCRATCH = re.compile(r"tmp[A-Za-z0-9_]{8}")

ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.ENOTDIR, errno.EISDIR}
)
"""OSError numbers that mean the file system refused a write (the user's to fix), not a bug."""


def cannot_write(path: Path, exc: OSError) -> Problem:
    """The located problem for a write the file system refused: ``PATH: PUB-001: cannot write
    here: no space left on device``."""
    reason = exc.strerror or str(exc)
    return Problem(display_path(path), message=f"cannot write here: {reason[:1].lower()}{reason[1:]}", rule=WRITE_ERROR)


def refused_by_file_system(exc: BaseException) -> TypeGuard[OSError]:
    """Whether ``exc`` is the file system refusing a write (see ``ENVIRONMENT_ERRNOS``)."""
    return isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS


def temporary(target: Path, folder: Path | None = None) -> Path:
    """An empty temporary file named after ``target`` in ``folder`` (default: beside ``target``,
    so the final rename is atomic), with the usual permissions (0666 less the umask), not mkstemp's
    0600, so an output can be served once uploaded. Raises InputError when the folder cannot be
    written."""
    where = folder or target.parent
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=where)
    except OSError as exc:
        raise InputError([cannot_write(where, exc)]) from None
    os.fchmod(fd, 0o666 & ~_umask())
    os.close(fd)
    return Path(name)


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then rename it into place; on
    any failure (or Ctrl-C) the temporary file is removed and ``target`` is untouched. A write
    the file system refuses raises InputError naming ``target``."""
    tmp = temporary(target)
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        if refused_by_file_system(exc):
            raise InputError([cannot_write(target, exc)]) from None
        raise
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    """``text`` as UTF-8 into ``target``, atomically (see ``write_atomically``)."""
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


@contextmanager
def output_lock(out: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the output folder ``out`` (created if missing) while one build publishes: another
    build into it calls ``waiting`` (default: says so on standard error) and waits its turn.
    The lock is the kernel's (flock on the folder itself), so a killed build releases it and
    no lock file is left behind. Raises InputError when the folder cannot be made."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_RDONLY)
    except OSError as exc:
        raise InputError([cannot_write(out, exc)]) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            (waiting or (lambda: _say_waiting(out)))()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _say_waiting(out: Path) -> None:
    print(
        f"leafdeck: another build is writing into {display_path(out)}; waiting for it to finish (Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )


def staging_folder(out: Path) -> Path:
    """A new, empty staging folder for this run below ``out`` (see the module's docstring).
    Raises InputError when it cannot be made."""
    parent = out / STAGING
    for _ in range(_ATTEMPTS):  # another run may remove the empty parent between the two calls
        try:
            parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise InputError([cannot_write(parent, exc)]) from None
    raise InputError([cannot_write(parent, FileNotFoundError(2, "it keeps disappearing"))])


_ATTEMPTS = 5
"""How often a staging folder is tried for when the parent another run just emptied is removed."""


def sweep(out: Path, targets: list[Path]) -> list[Path]:
    """Remove what killed builds left: staging folders of runs whose process is gone, and (from
    earlier leafdeck versions staged beside their targets) ``.NAME.*.tmp`` files and ``tmpXXXXXXXX/``
    scratch folders in the folders of ``targets``. Returns what was removed. Never touches a
    live run's files."""
    removed = []
    parent = out / STAGING
    for run in sorted(parent.iterdir()) if parent.is_dir() else []:
        match = _RUN.fullmatch(run.name)
        if match and not _alive(int(match["pid"])):
            shutil.rmtree(run, ignore_errors=True)
            removed.append(run)
    for folder in sorted({target.parent for target in targets}):
        names = {target.name for target in targets if target.parent == folder}
        for leftover in sorted(folder.glob(".*.tmp")) if folder.is_dir() else []:
            if any(leftover.name.startswith(f".{name}.") for name in names) and leftover.is_file():
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
        for scratch in sorted(folder.glob("tmp*")) if folder.is_dir() else []:
            if _LEGACY_SCRATCH.fullmatch(scratch.name) and scratch.is_dir() and _only_scratch(scratch):
                shutil.rmtree(scratch, ignore_errors=True)
                removed.append(scratch)
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
    return removed


def remove_staging(folder: Path) -> None:
    """Remove this run's staging folder, and the parent ``.leafdeck-staging`` when it is left empty."""
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # another run's folder is still there, or it is already gone
        folder.parent.rmdir()


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (a staging folder's owner)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _only_scratch(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but the booklet and tri-fold renderer's ``pages.pdf``."""
    return all(entry.name == "pages.pdf" for entry in folder.iterdir())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
