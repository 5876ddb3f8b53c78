"""Print-shop imposition with pypdf: A5 booklets on A4 sheets, tri-fold panels on one sheet."""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Page pairs (left, right), 1-based, for each sheet side of a saddle-stitched booklet.

    ``pages`` must be a multiple of 4. Sheet fronts and backs alternate, so printing them in
    this order on both sides (flip on the short edge), then folding, gives pages 1..n in order.
    """
    if pages % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, got {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, pages - 1 - 2 * sheet))
    return sides


def impose_booklet(source: Path, target: Path) -> None:
    """Put ``source``'s pages two to a sheet, in booklet order, padding with blank pages."""
    reader = PdfReader(source)
    pages = list(reader.pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    while len(pages) % 4:
        pages.insert(len(pages) - 1, PageObject.create_blank_page(width=width, height=height))
    writer = PdfWriter()
    for left, right in booklet_order(len(pages)):
        sheet = writer.add_blank_page(width=2 * width, height=height)
        sheet.merge_transformed_page(pages[left - 1], Transformation())
        sheet.merge_transformed_page(pages[right - 1], Transformation().translate(width, 0))
    _finish(writer, reader, target)


TRIFOLD_SHEETS = ((5, 6, 1), (2, 3, 4))
"""Panels (1-based, in reading order) left to right on the outside and inside of the sheet.
Outside: inner flap, back, front cover. Inside: the three panels seen when it is opened."""


def page_count(source: Path) -> int:
    """How many pages a PDF has."""
    return len(PdfReader(source).pages)


def impose_trifold(source: Path, target: Path) -> None:
    """Six panel-sized pages → two landscape sheet sides, in folding order."""
    reader = PdfReader(source)
    pages = list(reader.pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    while len(pages) < 6:
        pages.append(PageObject.create_blank_page(width=width, height=height))
    writer = PdfWriter()
    for panels in TRIFOLD_SHEETS:
        sheet = writer.add_blank_page(width=3 * width, height=height)
        for slot, panel in enumerate(panels):
            sheet.merge_transformed_page(pages[panel - 1], Transformation().translate(slot * width, 0))
    _finish(writer, reader, target)


def _finish(writer: PdfWriter, reader: PdfReader, target: Path) -> None:
    """Keep the metadata and language, then write deterministically."""
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if k not in ("/CreationDate", "/ModDate")})
    root = reader.trailer["/Root"]
    for key in ("/Lang", "/ViewerPreferences"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key]
    writer.compress_identical_objects()
    with target.open("wb") as handle:
        writer.write(handle)
