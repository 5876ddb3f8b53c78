"""Where inputs live by default. Import-light: the command line and a no-op build read these."""

from __future__ import annotations

from pathlib import Path

DEFAULT_KB = Path("sources/liberation-procedure.yaml")
"""The knowledge base a command reads when none is named."""
SETTINGS_NAME = "checks.yaml"
"""The quality gate's settings file, beside the knowledge base (named here, import-light, so a
build whose settings were found good before need not import the checks)."""
PROJECT_SOURCES = Path("sources")
"""The project's own sources folder: label files fall back to it, and a build watches it."""


def real_path(path: Path) -> Path | None:
    """``path`` made absolute with every symbolic link followed, or None when the links loop
    (``a.png -> b.png -> a.png``) or cannot be followed: Python raises RuntimeError for a loop
    up to 3.12 and OSError from 3.13. Every path leafdeck resolves goes through here."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def loop_message(path: Path) -> str:
    """What to say about a path whose symbolic links loop (``real_path`` gave None)."""
    return f"{path} is a symbolic link that leads back to itself (a loop); point it at the real file"
