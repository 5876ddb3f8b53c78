"""The icon-array pictures (render/deck/draw.py): made of copies of two people, they look as the
whole picture drawn large and scaled down at once does.

``_icon_png`` draws and scales one filled and one outlined person and pastes 100 copies; the
reference below draws the whole picture four times larger and scales it at once, as the deck did
before. Laid on the slide's background, the two differ by at most 3 levels of 255 in any channel
of any pixel (Lanczos scaling reaches a little across the people's cells in the whole picture).
"""

from __future__ import annotations

import io

import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN

from leafdeck.read.layout import Resolved
from leafdeck.render.deck import draw
from leafdeck.render.deck.layout import Box, DeckLayout
from leafdeck.render.deck.visuals import ICON_ASPECT, ICON_ROWS, TableSpec

COLOURS = [("#1F4E79", "#FFFFFF", "#5F6B73", "#E8EEF4"), ("#8A1538", "#FAFAF7", "#444444", "#F2E6EA")]
COUNTS = [0, 1, 9, 10, 11, 19, 20, 21, 35, 50, 79, 89, 90, 91, 99, 100]


def whole(filled: int, pixels: int, colours: tuple[str, str, str, str]) -> bytes:
    """The picture drawn whole, ``draw._SUPERSAMPLE`` times larger, then scaled down at once."""
    cell_w = pixels * draw._SUPERSAMPLE
    cell_h = round(cell_w * ICON_ASPECT)
    image = Image.new("RGBA", (cell_w * ICON_ROWS, cell_h * ICON_ROWS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    solid, dot, line, pale = (draw._hex(colour) for colour in colours)
    stroke = max(1, cell_w // 16)
    for index in range(ICON_ROWS * ICON_ROWS):
        x, y = (index % ICON_ROWS) * cell_w, (index // ICON_ROWS) * cell_h
        head = (x + cell_w * 0.34, y + cell_h * 0.06, x + cell_w * 0.66, y + cell_h * 0.31)
        body = (x + cell_w * 0.2, y + cell_h * 0.35, x + cell_w * 0.8, y + cell_h * 0.92)
        radius = round(cell_w * 0.18)
        if index < filled:
            pen.ellipse(head, fill=solid)
            pen.rounded_rectangle(body, radius, fill=solid)
            r = cell_w * 0.1
            cx, cy = x + cell_w / 2, y + cell_h * 0.6
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=dot)
        else:
            pen.ellipse(head, fill=pale, outline=line, width=stroke)
            pen.rounded_rectangle(body, radius, fill=pale, outline=line, width=stroke)
    small = image.resize((pixels * ICON_ROWS, round(pixels * ICON_ASPECT) * ICON_ROWS), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _on(background: str, png: bytes) -> Image.Image:
    """The picture laid on ``background``, as a slide shows it."""
    with Image.open(io.BytesIO(png)) as picture:
        ground = Image.new("RGBA", picture.size, draw._hex(background))
        return Image.alpha_composite(ground, picture.convert("RGBA")).convert("RGB")


@pytest.mark.parametrize("pixels", [24, 37])
@pytest.mark.parametrize("colours", COLOURS)
def test_icon_pictures_look_as_the_whole_pictures(pixels: int, colours: tuple[str, str, str, str]) -> None:
    for filled in COUNTS:
        made, reference = (
            _on(colours[1], draw._icon_png(filled, pixels, *colours)),
            _on(colours[1], whole(filled, pixels, colours)),
        )
        assert made.size == reference.size
        largest = max(high for _, high in ImageChops.difference(made, reference).getextrema())
        assert largest <= 3, (filled, largest)


def test_icon_pictures_are_the_same_bytes_each_time() -> None:
    colours = COLOURS[0]
    first = draw._icon_png(35, 24, *colours)
    draw._icon_png.cache_clear()
    draw._person.cache_clear()
    assert draw._icon_png(35, 24, *colours) == first


def test_icon_picture_size_and_filled_people() -> None:
    colours = COLOURS[0]
    with Image.open(io.BytesIO(draw._icon_png(35, 24, *colours))) as picture:
        assert picture.size == (24 * ICON_ROWS, round(24 * ICON_ASPECT) * ICON_ROWS)
        cell_h = round(24 * ICON_ASPECT)
        # the middle of each body: solid primary where filled (35 people), the pale tint elsewhere
        primary = draw._hex(colours[0])
        for index in (0, 34, 35, 99):
            x, y = (index % ICON_ROWS) * 24 + 12, (index // ICON_ROWS) * cell_h + round(cell_h * 0.8)
            pixel = picture.getpixel((x, y))
            assert (pixel == primary) == (index < 35), (index, pixel)


def _label_by_python_pptx(
    slide: object, name: str, place: tuple, text: str, size: float, layout, language: str
) -> None:  # type: ignore[type-arg, no-untyped-def]
    """The label as python-pptx's setters write it (the deck's code before the XML one)."""
    from pptx.util import Pt

    box, anchor, align = place
    insets = layout.text.insets
    shape = slide.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))  # type: ignore[attr-defined]
    shape.name = name
    frame = shape.text_frame
    frame.margin_left, frame.margin_right = Pt(insets.left), Pt(insets.right)
    frame.margin_top, frame.margin_bottom = Pt(insets.top), Pt(insets.bottom)
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    paragraph.line_spacing = layout.text.line_spacing
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), True, layout.font.name
    run.font.color.rgb = RGBColor.from_string(layout.palette.text.lstrip("#").upper())
    run._r.get_or_add_rPr().set("lang", language)


@pytest.mark.parametrize(
    ("insets", "anchor", "align", "text"),
    [
        ({}, MSO_ANCHOR.BOTTOM, PP_ALIGN.CENTER, "Venous angioplasty: about 42 in 100 people"),
        ({}, MSO_ANCHOR.TOP, PP_ALIGN.CENTER, ""),
        ({"left": 3.0, "top": 0.0}, MSO_ANCHOR.MIDDLE, PP_ALIGN.RIGHT, "Jugular vein & <azygos>"),
        ({"right": 9.5, "bottom": 2.0}, MSO_ANCHOR.TOP, PP_ALIGN.LEFT, 'bell\x07 "quoted" \u2248 70%'),
    ],
)
def test_labels_are_the_xml_python_pptx_writes(
    clinician: Resolved[DeckLayout], insets: dict[str, float], anchor: MSO_ANCHOR, align: PP_ALIGN, text: str
) -> None:
    layout = clinician.layout
    text_style = layout.text.model_copy(update={"insets": layout.text.insets.model_copy(update=insets)})
    layout = layout.model_copy(update={"text": text_style})
    box = Box(left=10.5, top=20.25, width=200.0, height=48.0)
    written = []
    for label in (draw._label, _label_by_python_pptx):
        prs = Presentation(str(clinician.asset(layout.template)))
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        label(slide, "Diagram label", (box, anchor, align), text, 18.0, layout, "en-GB")
        written.append(etree.tostring(slide.shapes._spTree[-1]))
    assert written[0] == written[1]


def _table_by_python_pptx(slide: object, spec: TableSpec, layout: DeckLayout, clinic: object, language: str) -> None:
    """The table as python-pptx's table, cell and run setters write it (the deck's code before)."""
    from pptx.util import Pt

    box, rows = spec.box, (spec.header, *spec.rows)
    frame = slide.shapes.add_table(  # type: ignore[attr-defined]
        len(rows), len(spec.header), Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    frame.name = "Trials table"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    table = frame.table
    table.first_row, table.horz_banding = True, False
    for index, width in enumerate(spec.widths):
        table.columns[index].width = Pt(width)
    palette = layout.palette
    for r, (row, height) in enumerate(zip(rows, spec.heights, strict=True)):
        table.rows[r].height = Pt(height)
        header = r == 0
        fill = clinic.primary if header else (palette.background if r % 2 else palette.tint)  # type: ignore[attr-defined]
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#").upper())
            cell.margin_left = cell.margin_right = Pt(spec.padding)
            cell.margin_top = cell.margin_bottom = Pt(spec.padding / 2)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            cell.text_frame.word_wrap = True
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.name = Pt(spec.size), header, layout.font.name
            colour = palette.background if header else palette.text
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
            run._r.get_or_add_rPr().set("lang", language)


@pytest.mark.parametrize("padding", [7.2, 5.76, 0.0])
def test_tables_are_the_xml_python_pptx_writes(clinician: Resolved[DeckLayout], padding: float) -> None:
    spec = TableSpec(
        header=("Trial", "People & <groups>", ""),
        rows=(("PREMiSe", "9 and 10", "bell\x07"), ("Brave Dreams", "76 and 39", "\u2248 70%")),
        widths=(100.0, 250.5, 80.0),
        heights=(30.0, 41.25, 41.25),
        size=15.0,
        padding=padding,
        box=Box(left=36.0, top=100.0, width=430.5, height=120.0),
        alt_text='The trials, "side by side"',
    )
    written = []
    for table in (draw._table, _table_by_python_pptx):
        prs = Presentation(str(clinician.asset(clinician.layout.template)))
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        table(slide, spec, clinician.layout, clinician.clinic, "en-GB")
        written.append(etree.tostring(slide.shapes._spTree[-1]))
    assert written[0] == written[1]
