"""Draw a slide's table or icon arrays with python-pptx: mechanical, no decisions.

In: a placed ``visuals.TableSpec`` or ``visuals.IconsSpec`` (points), the deck layout, the clinic.
Out: a native PowerPoint table (editable; header in the clinic's primary colour, body rows
alternating background and tint), or per arm a label text box above a picture of 10 x 10 people,
filled people solid in the clinic's primary colour with a dot in the background colour, the others
outlined in the muted colour around a tint body (so a black-and-white print still tells them
apart). Pictures are drawn with Pillow, deterministic for the same numbers and colours.
"""

from __future__ import annotations

import functools
import io
from typing import Any, cast

from PIL import Image, ImageDraw
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.slide import Slide
from pptx.text.text import _Paragraph
from pptx.util import Pt

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.visuals import ICON_ASPECT, ICON_ROWS, IconsSpec, TableSpec, Visual

_SUPERSAMPLE = 4
"""Icons are drawn this many times larger, then scaled down, for smooth edges."""


def draw(slide: Slide, visual: Visual, layout: DeckLayout, clinic: Clinic, language: str) -> None:
    """Add ``visual`` to ``slide`` (its boxes were placed by the planner)."""
    if isinstance(visual, TableSpec):
        _table(slide, visual, layout, clinic, language)
    else:
        _icons(slide, visual, layout, clinic, language)


def _table(slide: Slide, spec: TableSpec, layout: DeckLayout, clinic: Clinic, language: str) -> None:
    box = spec.box
    rows = (spec.header, *spec.rows)
    frame = slide.shapes.add_table(
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
        fill = clinic.primary if header else (palette.background if r % 2 else palette.tint)
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(fill)
            cell.margin_left = cell.margin_right = Pt(spec.padding)
            cell.margin_top = cell.margin_bottom = Pt(spec.padding / 2)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            frame_text = cell.text_frame
            frame_text.word_wrap = True
            colour = palette.background if header else palette.text
            _run(frame_text.paragraphs[0], text, spec.size, layout, language, bold=header, colour=colour)


def _icons(slide: Slide, spec: IconsSpec, layout: DeckLayout, clinic: Clinic, language: str) -> None:
    insets = layout.text.insets
    for arm in spec.arms:
        box = arm.label_box
        label = slide.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
        label.name = "Icon array label"
        frame = label.text_frame
        frame.margin_left, frame.margin_right = Pt(insets.left), Pt(insets.right)
        frame.margin_top, frame.margin_bottom = Pt(insets.top), Pt(insets.bottom)
        frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        paragraph.line_spacing = layout.text.line_spacing
        _run(paragraph, arm.label, spec.label_size, layout, language, bold=True, colour=layout.palette.text)
        grid = arm.grid
        picture = slide.shapes.add_picture(
            io.BytesIO(icon_png(arm.filled, spec.pixels, layout, clinic)),
            Pt(grid.left),
            Pt(grid.top),
            Pt(grid.width),
            Pt(grid.height),
        )
        picture.name = "Icon array"
        cast("Any", picture._element).nvPicPr.cNvPr.set("descr", f"{arm.label}. {spec.alt_text}")


def icon_png(filled: int, pixels: int, layout: DeckLayout, clinic: Clinic) -> bytes:
    """A PNG of 10 x 10 people, the first ``filled`` (row by row from the top left) solid with a
    dot, the others outlined; ``pixels`` wide per person."""
    palette = layout.palette
    return _icon_png(filled, pixels, clinic.primary, palette.background, palette.muted, palette.tint)


@functools.lru_cache(maxsize=256)
def _icon_png(filled: int, pixels: int, primary: str, background: str, muted: str, tint: str) -> bytes:
    """``icon_png`` drawn once per process for each count, size and colours (the same bytes again).

    The picture is 10 x 10 people drawn ``_SUPERSAMPLE`` times larger, then scaled down (Lanczos).
    Each person is drawn inside its own cell, and a scaled row of pixels depends only on the drawn
    rows its filter reaches (less than one row of people either way), so the rows of people more
    than one row away from the first outlined person are the same pixels as in the picture of 100
    (or of 0) filled people: those come from the two whole pictures drawn once per size and
    colours, and only the rows around the change are drawn and scaled again."""
    colours = (primary, background, muted, tint)
    small_h = round(pixels * ICON_ASPECT)
    full, empty = _scaled(ICON_ROWS * ICON_ROWS, pixels, colours), _scaled(0, pixels, colours)
    first, last = max(0, filled // ICON_ROWS - 1), min(ICON_ROWS, -(-filled // ICON_ROWS) + 1)
    picture = Image.new("RGBA", full.size, (0, 0, 0, 0))
    picture.paste(full.crop((0, 0, full.width, first * small_h)), (0, 0))
    picture.paste(empty.crop((0, last * small_h, full.width, full.height)), (0, last * small_h))
    if first < last:
        cell_h = round(pixels * _SUPERSAMPLE * ICON_ASPECT)
        rows = range(max(0, first - 1), min(ICON_ROWS, last + 1))
        drawn = _drawn(filled, pixels, colours, rows)
        source = drawn.crop((0, rows.start * cell_h, drawn.width, rows.stop * cell_h))  # the rows the filter reaches
        box = (0, (first - rows.start) * cell_h, source.width, (last - rows.start) * cell_h)
        changed = source.resize((full.width, (last - first) * small_h), Image.Resampling.LANCZOS, box=box)
        picture.paste(changed, (0, first * small_h))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False)
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def _scaled(filled: int, pixels: int, colours: tuple[str, str, str, str]) -> Image.Image:
    """The whole picture of ``filled`` people, drawn large and scaled down to ``pixels`` a person."""
    small = (pixels * ICON_ROWS, round(pixels * ICON_ASPECT) * ICON_ROWS)
    return _drawn(filled, pixels, colours, range(ICON_ROWS)).resize(small, Image.Resampling.LANCZOS)


def _drawn(filled: int, pixels: int, colours: tuple[str, str, str, str], rows: range) -> Image.Image:
    """10 x 10 people drawn ``_SUPERSAMPLE`` times larger than ``pixels`` a person; only the
    people of ``rows`` are drawn (the rest of the picture stays clear)."""
    cell_w = pixels * _SUPERSAMPLE
    cell_h = round(cell_w * ICON_ASPECT)
    image = Image.new("RGBA", (cell_w * ICON_ROWS, cell_h * ICON_ROWS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    solid, dot, line, pale = (_hex(colour) for colour in colours)
    stroke = max(1, cell_w // 16)
    for index in range(rows.start * ICON_ROWS, rows.stop * ICON_ROWS):
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
    return image


def _run(
    paragraph: _Paragraph, text: str, size: float, layout: DeckLayout, language: str, *, bold: bool, colour: str
) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, layout.font.name
    run.font.color.rgb = _rgb(colour)
    run._r.get_or_add_rPr().set("lang", language)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _hex(colour: str) -> tuple[int, int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), 255)
