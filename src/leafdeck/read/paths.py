"""Where inputs live by default. Import-light: the command line and a no-op build read these."""

from __future__ import annotations

from pathlib import Path

DEFAULT_KB = Path("sources/liberation-procedure.yaml")
"""The knowledge base a command reads when none is named."""
PROJECT_SOURCES = Path("sources")
"""The project's own sources folder: label files fall back to it, and a build watches it."""
