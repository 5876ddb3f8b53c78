"""Leaflets built once per session from the fixture and bundled knowledge bases."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.build.pipeline import BuildRequest, build
from leafdeck.read.labels import Labels, load_labels
from tests.conftest import BUNDLED_KB, LAYOUTS, REPO, ROOTS


@pytest.fixture(scope="session")
def english() -> Labels:
    """The English interface words."""
    return load_labels(REPO / "sources", "en")


def built(tmp: Path, kb: Path) -> dict[str, Path]:
    report = build(BuildRequest(kb, LAYOUTS, tmp / "out", tmp / "build", formats=("pdf",)))
    return {path.stem: path for path in report.written}


@pytest.fixture(scope="session")
def bundled_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF product of the bundled knowledge base, by name (e.g. `leaflet-a4`)."""
    return built(tmp_path_factory.mktemp("bundled"), BUNDLED_KB)


@pytest.fixture(scope="session")
def minimal_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF product of the minimal fixture knowledge base."""
    return built(tmp_path_factory.mktemp("minimal"), ROOTS / "minimal" / "kb.yaml")
