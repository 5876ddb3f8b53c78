"""Booklet and tri-fold imposition orders, and the six panels of the built tri-folds."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import PageBreak, Paragraph
from reportlab.platypus.flowables import Flowable

from leafdeck.publish.pipeline import BuildRequest, build
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_model
from leafdeck.render.leaflet.blocks import SectionStart
from leafdeck.render.leaflet.impose import (
    TRIFOLD_PANELS,
    TRIFOLD_SHEETS,
    booklet_order,
    impose_trifold,
    panel_breaks,
    trifold_notes,
)
from leafdeck.render.leaflet.layout import LeafletLayout
from tests.conftest import BUNDLED_KB, LAYOUTS, REPO


@pytest.mark.parametrize(
    ("pages", "sides"),
    [
        (4, [(4, 1), (2, 3)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    ],
)
def test_booklet_order(pages: int, sides: list[tuple[int, int]]) -> None:
    assert booklet_order(pages) == sides


def test_every_page_appears_once() -> None:
    flat = [p for side in booklet_order(16) for p in side]
    assert sorted(flat) == list(range(1, 17))


def test_booklet_needs_multiple_of_four() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        booklet_order(6)


def test_trifold_front_cover_is_the_outside_right_panel() -> None:
    outside, inside = TRIFOLD_SHEETS
    assert outside[2] == 1
    assert inside == (2, 3, 4)
    assert sorted(outside + inside) == [1, 2, 3, 4, 5, 6]


def shape(flowables: list[Flowable]) -> list[str]:
    return ["|" if isinstance(f, PageBreak) else f.name if isinstance(f, SectionStart) else "." for f in flowables]


@pytest.mark.parametrize(
    ("story", "breaks"),
    [
        (
            ["cover", ".", "key_points", ".", "contact", "."],
            ["cover", ".", "|", "key_points", ".", "|", "contact", "."],
        ),
        (["key_points", ".", "contact", "."], ["key_points", ".", "|", "contact", "."]),  # never a break first
        (["cover", ".", "options", "."], ["cover", ".", "options", "."]),
    ],
)
def test_panel_breaks_before_the_named_sections(story: list[str], breaks: list[str]) -> None:
    flowables: list[Flowable] = [Paragraph("x") if name == "." else SectionStart(name) for name in story]
    assert shape(panel_breaks(flowables, ("key_points", "contact"))) == breaks


@pytest.mark.parametrize(("pages", "notes"), [(3, 3), (5, 1), (6, 0), (7, 0)])
def test_notes_space_makes_up_the_six_panels(pages: int, notes: int) -> None:
    assert trifold_notes(pages) == notes


@pytest.mark.parametrize("pages", [5, 7])
def test_a_trifold_is_never_padded_with_blank_panels(tmp_path: Path, pages: int) -> None:
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "panels.pdf"
    canvas = Canvas(str(source), pagesize=(280, 595))
    for n in range(pages):
        canvas.drawString(20, 500, f"panel {n}")
        canvas.showPage()
    canvas.save()
    with pytest.raises(ValueError, match="exactly 6 panels"):
        impose_trifold(source, tmp_path / "sheet.pdf")


@pytest.fixture(scope="module")
def trifolds(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The bundled tri-folds in English, French and Spanish, by (product, language)."""
    tmp = tmp_path_factory.mktemp("trifolds")
    request = BuildRequest(
        BUNDLED_KB,
        LAYOUTS,
        tmp / "out",
        tmp / "build",
        languages=("en", "fr", "es"),
        audiences=("patient",),
        formats=("pdf",),
        only=("trifold-a4", "trifold-letter"),
    )
    written = build(request).written
    return {(path.stem, path.parts[-3]): path for path in written}


def panels(path: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each panel's printed characters with their boxes, in reading order (1 = the cover), the
    boxes relative to the panel's lower left corner."""
    pdf = pdfium.PdfDocument(path)
    try:
        found: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
        for side, order in enumerate(TRIFOLD_SHEETS):
            page = pdf[side]
            width = page.get_width() / 3
            textpage = page.get_textpage()
            chars = [(textpage.get_text_range(i, 1), textpage.get_charbox(i)) for i in range(textpage.count_chars())]
            for slot, number in enumerate(order):
                left = slot * width
                found[number] = [
                    (c, (b[0] - left, b[1], b[2] - left, b[3]))
                    for c, b in chars
                    if c.strip() and left <= (b[0] + b[2]) / 2 < left + width
                ]
        return [found[n] for n in sorted(found)]
    finally:
        pdf.close()


PRODUCTS = [(product, language) for product in ("trifold-a4", "trifold-letter") for language in ("en", "fr", "es")]


def lowest_ink(path: Path, bottom_margin: float) -> dict[int, float]:
    """For each panel (reading order), how far above the bottom margin its lowest ink is, in
    points (text, rules, boxes and notes lines alike), from a grey rendering at 36 dpi."""
    pdf = pdfium.PdfDocument(path)
    try:
        found = {}
        for side, order in enumerate(TRIFOLD_SHEETS):
            image = pdf[side].render(scale=0.5, grayscale=True).to_pil().convert("L")
            width, height = image.size
            floor = round(height - bottom_margin * 0.5)
            for slot, number in enumerate(order):
                box = image.crop((slot * width // 3, 0, (slot + 1) * width // 3, floor))
                pixels = box.load()
                inked = [y for y in range(box.height) if any(pixels[x, y] < 200 for x in range(box.width))]
                found[number] = (floor - max(inked)) / 0.5 if inked else float("inf")
        return found
    finally:
        pdf.close()


@pytest.mark.parametrize(("product", "language"), PRODUCTS)
def test_six_full_panels_in_folding_order(trifolds: dict[tuple[str, str], Path], product: str, language: str) -> None:
    """Cover outside right (the title), back outside middle (the contact details), words on every
    panel (or the notes flap's heading over its ruled lines), the reader's panels filled at least
    two thirds of the way down, no page numbers."""
    labels = load_labels(REPO / "sources", language)
    layout = load_model(LAYOUTS / f"{product}.yaml", LeafletLayout, LAYOUTS)
    path = trifolds[product, language]
    read = panels(path)
    assert len(read) == TRIFOLD_PANELS
    texts = ["".join(c for c, _ in panel) for panel in read]
    notes = labels("my_notes").replace(" ", "")
    # every panel has words, or is the flap of ruled lines under "My questions and notes" (room to write)
    assert all(len(text) > 40 or text.startswith(notes) for text in texts), texts
    assert labels("helps_you_decide").replace(" ", "") in texts[0]  # the cover
    assert labels("contact_heading").replace(" ", "") in texts[5]  # the back panel
    numbering = labels("page_of", n=1, total=6).replace(" ", "")
    assert not any(numbering in text for text in texts)
    frame = (595.0 if layout.page.size == "A4" else 612.0) - layout.page.margins.top - layout.page.margins.bottom
    gaps = lowest_ink(path, layout.page.margins.bottom)
    assert all(gaps[n] < frame / 3 for n in range(2, 6)), gaps


@pytest.mark.parametrize(("product", "language"), PRODUCTS)
def test_nothing_runs_off_a_panel(trifolds: dict[tuple[str, str], Path], product: str, language: str) -> None:
    """Every printed character sits inside its panel's margins."""
    layout = load_model(LAYOUTS / f"{product}.yaml", LeafletLayout, LAYOUTS)
    margins = layout.page.margins
    pdf = pdfium.PdfDocument(trifolds[product, language])
    width, height = pdf[0].get_width() / 3, pdf[0].get_height()
    pdf.close()
    for number, panel in enumerate(panels(trifolds[product, language]), 1):
        for char, (left, bottom, right, top) in panel:
            where = f"panel {number}: {char!r}"
            assert margins.left - 1 <= left, where
            assert right <= width - margins.right + 1, where
            assert bottom >= margins.bottom / 4, where
            assert top <= height - 1, where


def test_paragraphs_move_whole_to_the_next_panel_but_headings_stay_with_what_follows() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    body, heading = ParagraphStyle("body"), ParagraphStyle("heading", keepWithNext=1)
    laid = panel_breaks([Paragraph("Heading", heading), Paragraph("Text", body)], ())
    assert [type(f).__mro__[1] if isinstance(f, KeepTogether) else type(f) for f in laid] == [Paragraph, KeepTogether]


@pytest.mark.parametrize(
    ("new_panel", "tried"),
    [
        (("key_points", "contact"), [("key_points", "contact"), ("key_points",)]),
        (("contact",), [("contact",)]),
    ],
)
def test_the_back_panel_may_start_earlier_when_its_content_is_longer(
    new_panel: tuple[str, ...], tried: list[tuple[str, ...]]
) -> None:
    from leafdeck.render.leaflet.impose import trifold_breaks
    from leafdeck.render.leaflet.layout import TrifoldSpec

    assert trifold_breaks(TrifoldSpec(new_panel=new_panel)) == tried
