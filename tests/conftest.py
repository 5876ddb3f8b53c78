"""Shared fixtures: the repo's paths, tiny fixture knowledge bases, and external-tool gates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def require_tool(name: str) -> str:
    """Path of an external program; skip the test without it, or fail when LEAFDECK_REQUIRE_TOOLS=1."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (make system-deps installs it)"
    if os.environ.get("LEAFDECK_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)
