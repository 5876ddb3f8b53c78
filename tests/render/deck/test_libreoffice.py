"""Each deck opens in LibreOffice and converts to one PDF page per slide."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import require_tool


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_libreoffice_converts_one_page_per_slide(built: dict[str, Path], tmp_path: Path, audience: str) -> None:
    soffice = require_tool("soffice")
    deck = built[audience]
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / f"{deck.stem}.pdf"
    assert len(PdfReader(pdf).pages) == len(Presentation(str(deck)).slides)
