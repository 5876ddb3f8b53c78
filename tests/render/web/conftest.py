"""Web pages built once per session from the bundled knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.build.pipeline import BuildRequest, build
from tests.conftest import BUNDLED_KB, LAYOUTS
from tests.render.web.dom import Document, parse


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every web page of three clinics (one with a long accented name, one without a logo) in
    every language, keyed `clinic/language/audience`."""
    tmp = tmp_path_factory.mktemp("web")
    request = BuildRequest(
        BUNDLED_KB,
        LAYOUTS,
        tmp / "out",
        tmp / "build",
        clinics=("default", "riverside", "santa-maria"),
        languages=("all",),
        formats=("html",),
    )
    report = build(request)
    assert not report.having("failed")
    return {path.parent.relative_to(tmp / "out").as_posix(): path for path in report.written}


@pytest.fixture(scope="session")
def documents(pages: dict[str, Path]) -> dict[str, Document]:
    """Those pages, parsed."""
    return {key: parse(path.read_text(encoding="utf-8")) for key, path in pages.items()}
