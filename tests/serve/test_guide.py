"""The printing guide's advice per file (issue 21 follow-up 6): the real page count, and a file
with an odd number of pages marked double-sided gets told to add a blank page or print one-sided."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from leafdeck.serve import guide


def _pdf(path: Path, pages: int, width: float, height: float) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width, height)
    with path.open("wb") as file:
        writer.write(file)
    return path


@pytest.mark.parametrize(
    ("pages", "landscape", "paper", "starts", "odd"),
    [
        (1, False, "A4", "one-sided", False),
        (2, False, "A4", "double-sided, flip on the long edge", False),
        (3, False, "A4", "double-sided, flip on the long edge", True),
        (5, True, "A4", "double-sided, flip on the short edge", True),
        (4, True, "US Letter", "double-sided, flip on the short edge", False),
    ],
)
def test_each_file_s_advice_follows_its_real_pages(
    tmp_path: Path, pages: int, landscape: bool, paper: str, starts: str, odd: bool
) -> None:
    width, height = guide.PAPERS_PT[paper]
    path = _pdf(tmp_path / "x.pdf", pages, *((height, width) if landscape else (width, height)))
    advice = guide.advice_for(path, "en/patient/x.pdf")
    assert (advice.pages, advice.paper) == (pages, paper)
    assert advice.sides.startswith(starts)
    said = "add a blank page at the end before printing double-sided, or print this file one-sided"
    assert (said in advice.sides) == odd
    assert (f"odd number of pages ({pages})" in advice.sides) == odd


@pytest.mark.parametrize(("pages", "said"), [(0, ""), (1, "1 page; "), (2, "2 pages; "), (7, "7 pages; ")])
def test_page_counts_are_pluralised(pages: int, said: str) -> None:
    assert guide.pages_said(pages) == said
