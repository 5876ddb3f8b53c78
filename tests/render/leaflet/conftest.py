"""Leaflets built once per session from the fixture knowledge bases, with the plans behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.plan.blocks import Outline
from leafdeck.publish.pipeline import BuildRequest, build, outlines, plan
from leafdeck.read.labels import Labels, load_labels
from leafdeck.read.sources import load_kb
from tests.conftest import LAYOUTS, REPO, ROOTS

LEAFLET_KB = ROOTS / "leaflet" / "kb.yaml"
"""Every block the short products show, small enough for their page budgets."""


@pytest.fixture(scope="session")
def english() -> Labels:
    """The English interface words."""
    return load_labels(REPO / "sources", "en")


def request_for(kb: Path, tmp: Path, **options: object) -> BuildRequest:
    """A PDF build of ``kb`` for the patient audience into ``tmp``."""
    return BuildRequest(kb, LAYOUTS, tmp / "out", tmp / "build", formats=("pdf",), audiences=("patient",), **options)  # type: ignore[arg-type]


def built(tmp: Path, kb: Path) -> dict[str, Path]:
    report = build(request_for(kb, tmp))
    return {path.stem: path for path in report.written}


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF product of the leaflet fixture for patients, by name (e.g. `leaflet-a4`)."""
    return built(tmp_path_factory.mktemp("leaflet"), LEAFLET_KB)


@pytest.fixture(scope="session")
def fixture_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outline]:
    """The outline of every PDF product of the leaflet fixture for patients, by product name."""
    request = request_for(LEAFLET_KB, tmp_path_factory.mktemp("plans"))
    kb, _ = load_kb(LEAFLET_KB)
    return {job.product: found for job, found in outlines(request, kb, plan(request, kb)).items()}


@pytest.fixture(scope="session")
def minimal_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF product of the minimal fixture knowledge base."""
    return built(tmp_path_factory.mktemp("minimal"), ROOTS / "minimal" / "kb.yaml")
