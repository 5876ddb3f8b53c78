"""Shared fixtures: the repo's paths, tiny fixture knowledge bases, and external-tool gates."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.read.sources import load_kb

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
BUNDLED_KB = REPO / "sources" / "liberation-procedure.yaml"
LAYOUTS = REPO / "layouts"


@pytest.fixture(scope="session")
def minimal_kb() -> KnowledgeBase:
    """The smallest valid knowledge base (tests/roots/minimal/kb.yaml)."""
    kb, _ = load_kb(ROOTS / "minimal" / "kb.yaml")
    return kb


@pytest.fixture(scope="session")
def bundled_kb() -> KnowledgeBase:
    """The knowledge base shipped in sources/."""
    kb, _ = load_kb(BUNDLED_KB)
    return kb


TOOL_PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "qpdf": "qpdf",
    "soffice": "libreoffice-impress",
    "chromium": "chromium",
    "fc-list": "fontconfig",
}
"""The Debian package each external program comes from (the Makefile's DEBS)."""

FONT_PACKAGES = {"Carlito": "fonts-crosextra-carlito", "DejaVu Sans": "fonts-dejavu-core"}
"""The Debian package each font family LibreOffice or a test needs comes from."""

PRETEND_MISSING = "LEAFDECK_PRETEND_MISSING"
"""Comma-separated Debian packages the tests treat as not installed (to see the skips on a
machine that has them: packages other work uses cannot be removed to try)."""


def missing_package(package: str, installed: Callable[[], bool]) -> str | None:
    """None when ``package`` is usable (``installed()`` says so and it is not pretended missing),
    else the reason a test needing it gives: ``needs fonts-crosextra-carlito: apt-get install ...``."""
    pretended = {p.strip() for p in os.environ.get(PRETEND_MISSING, "").split(",") if p.strip()}
    if package not in pretended and installed():
        return None
    return f"needs {package}: apt-get install {package} (as root, `make system-deps` or `make test` installs it)"


def tools_required() -> bool:
    """Whether a missing tool or font fails the test instead of skipping it: in CI (``CI=true``,
    set by GitHub Actions, GitLab CI and most others) or with ``LEAFDECK_REQUIRE_TOOLS=1``, where
    every tool must be there; ``LEAFDECK_REQUIRE_TOOLS=0`` lets a CI job skip them after all."""
    required = os.environ.get("LEAFDECK_REQUIRE_TOOLS")
    if required in ("0", "1"):
        return required == "1"
    return os.environ.get("CI", "").lower() in ("true", "1")


def _missing(reason: str) -> NoReturn:
    """Skip with ``reason``, or fail where tools are required (``tools_required``: CI)."""
    if tools_required():
        pytest.fail(reason)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of an external program; skip the test without it naming its Debian package, or fail
    when LEAFDECK_REQUIRE_TOOLS=1."""
    found = shutil.which(name)
    reason = missing_package(TOOL_PACKAGES.get(name, name), lambda: found is not None)
    if reason is not None or found is None:
        _missing(reason or f"needs {name}")
    return found


def font_installed(family: str) -> bool:
    """Whether fontconfig knows the font family (what LibreOffice sets a deck's text in)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    return any(family.lower() == name.strip().lower() for line in listed.splitlines() for name in line.split(","))


def require_font(family: str) -> None:
    """Skip the test unless fontconfig has ``family`` (naming its Debian package), or fail when
    LEAFDECK_REQUIRE_TOOLS=1: LibreOffice sets text it lacks in a wider fallback font."""
    reason = missing_package(FONT_PACKAGES.get(family, family), lambda: font_installed(family))
    if reason is not None:
        _missing(reason)
