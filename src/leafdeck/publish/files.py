"""The one way leafdeck writes a file: into a temporary file beside the target, then renamed into
place, so a reader never sees half a file and a failure (or Ctrl-C) leaves the old one intact."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path


def temporary(target: Path) -> Path:
    """An empty temporary file beside ``target`` (same folder, so the final rename is atomic),
    with the usual permissions (0666 less the umask), not mkstemp's 0600, so an output can be
    served once uploaded. Raises InputError when the folder cannot be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError([Problem(display_path(target.parent), message=f"cannot write here: {exc.strerror}")]) from None
    os.fchmod(fd, 0o666 & ~_umask())
    os.close(fd)
    return Path(name)


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then rename it into place; on
    any failure (or Ctrl-C) the temporary file is removed and ``target`` is untouched."""
    tmp = temporary(target)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    """``text`` as UTF-8 into ``target``, atomically (see ``write_atomically``)."""
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
