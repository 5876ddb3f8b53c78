"""Web pages built once per session from the web fixture (tests/roots/web: every block the page
draws, in English, French and Spanish), with the outlines they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.plan.blocks import Outline
from leafdeck.publish.pipeline import BuildRequest, build, outlines, plan
from leafdeck.read.sources import load_kb
from tests.conftest import LAYOUTS, ROOTS
from tests.render.web.dom import Document, parse

WEB_KB = ROOTS / "web" / "kb.yaml"
CLINICS = ("default", "riverside", "santa-maria")


def request_for(tmp: Path) -> BuildRequest:
    """Every web page of three clinics (one with a long accented name, one without a logo) in
    every language of the fixture."""
    return BuildRequest(
        WEB_KB, LAYOUTS, tmp / "out", tmp / "build", clinics=CLINICS, languages=("all",), formats=("html",)
    )


@pytest.fixture(scope="session")
def web_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], dict[str, Outline]]:
    tmp = tmp_path_factory.mktemp("web")
    request = request_for(tmp)
    report = build(request)
    assert not report.having("failed")
    kb, _ = load_kb(WEB_KB)
    planned = {job.folder: found for job, found in outlines(request, kb, plan(request, kb)).items()}
    pages = {path.parent.relative_to(tmp / "out").as_posix(): path for path in report.written}
    return pages, planned


@pytest.fixture(scope="session")
def pages(web_build: tuple[dict[str, Path], dict[str, Outline]]) -> dict[str, Path]:
    """The pages, keyed `clinic/language/audience`."""
    return web_build[0]


@pytest.fixture(scope="session")
def planned(web_build: tuple[dict[str, Path], dict[str, Outline]]) -> dict[str, Outline]:
    """The outline each page was rendered from, keyed like ``pages``."""
    return web_build[1]


@pytest.fixture(scope="session")
def documents(pages: dict[str, Path]) -> dict[str, Document]:
    """Those pages, parsed."""
    return {key: parse(path.read_text(encoding="utf-8")) for key, path in pages.items()}
