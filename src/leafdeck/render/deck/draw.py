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
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.parts import Parts, run_text
from leafdeck.render.deck.picture import diagram_png
from leafdeck.render.deck.visuals import ICON_ASPECT, ICON_ROWS, FigureSpec, IconsSpec, TableSpec, Visual
from leafdeck.render.deck.xmltext import xml_attr, xml_text

DOT = 2.2
"""A leader line's dot: this many times the line's width in radius (as the leaflets draw it)."""
_SUPERSAMPLE = 4
"""Icons are drawn this many times larger, then scaled down, for smooth edges."""


def draw(slide: Slide, visual: Visual, layout: DeckLayout, clinic: Clinic, language: str, parts: Parts) -> None:
    """Add ``visual`` to ``slide`` (its boxes were placed by the planner); pictures through the
    deck's ``parts`` (one image part per picture, whatever the slides showing it)."""
    if isinstance(visual, TableSpec):
        _table(slide, visual, layout, clinic, language)
    elif isinstance(visual, FigureSpec):
        _figure(slide, visual, layout, clinic, language, parts)
    else:
        _icons(slide, visual, layout, clinic, language, parts)


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
    tbl = table._tbl
    for old in tbl.findall(qn("a:tr")):
        tbl.remove(old)
    written = parse_xml(f"<a:tbl {nsdecls('a')}>{''.join(_rows_xml(spec, layout, clinic, language))}</a:tbl>")
    tbl.extend(_with_empty_texts(written).findall(qn("a:tr")))
    frame.height = Emu(sum(Pt(height) for height in spec.heights))  # as python-pptx's row heights set it


def _rows_xml(spec: TableSpec, layout: DeckLayout, clinic: Clinic, language: str) -> list[str]:
    """The table's rows as python-pptx's cell, fill, margin and run setters write them: the
    header row bold on the clinic's primary colour, the others alternating background and tint."""
    palette, font = layout.palette, xml_attr(layout.font.name)
    pad, half = Pt(spec.padding), Pt(spec.padding / 2)
    margins = f'marL="{pad}" marR="{pad}" marT="{half}" marB="{half}"'
    size, lang = Pt(spec.size).centipoints, xml_attr(language)
    written = []
    for r, (row, height) in enumerate(zip((spec.header, *spec.rows), spec.heights, strict=True)):
        header = r == 0
        fill = clinic.primary if header else (palette.background if r % 2 else palette.tint)
        ink = (palette.background if header else palette.text).lstrip("#").upper()
        cells = "".join(
            f'<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:r><a:rPr sz="{size}" b="{int(header)}" '
            f'lang="{lang}"><a:solidFill><a:srgbClr val="{ink}"/></a:solidFill><a:latin typeface="{font}"/></a:rPr>'
            f'<a:t>{xml_text(run_text(text))}</a:t></a:r></a:p></a:txBody><a:tcPr {margins} anchor="t"><a:solidFill>'
            f'<a:srgbClr val="{fill.lstrip("#").upper()}"/></a:solidFill></a:tcPr></a:tc>'
            for text in row
        )
        written.append(f'<a:tr h="{Pt(height)}">{cells}</a:tr>')
    return written


def _with_empty_texts(element: Any) -> Any:
    """``element`` with each empty run text as python-pptx writes it (``<a:t></a:t>``, not ``<a:t/>``)."""
    for text in element.iter(qn("a:t")):
        text.text = text.text or ""
    return element


def _icons(slide: Slide, spec: IconsSpec, layout: DeckLayout, clinic: Clinic, language: str, parts: Parts) -> None:
    for arm in spec.arms:
        place = (arm.label_box, MSO_ANCHOR.BOTTOM, PP_ALIGN.CENTER)
        _label(slide, "Icon array label", place, arm.label, spec.label_size, layout, language)
        grid = arm.grid
        picture = parts.picture(
            slide,
            icon_png(arm.filled, spec.pixels, layout, clinic),
            Pt(grid.left),
            Pt(grid.top),
            Pt(grid.width),
            Pt(grid.height),
        )
        picture.name = "Icon array"
        cast("Any", picture._element).nvPicPr.cNvPr.set("descr", f"{arm.label}. {spec.alt_text}")


def _label(
    slide: Slide,
    name: str,
    place: tuple[Any, MSO_ANCHOR, PP_ALIGN],
    text: str,
    size: float,
    layout: DeckLayout,
    language: str,
) -> None:
    """A bold label in its own text box (the layout's insets and line spacing, no autofit):
    ``place`` is the box (pt), its vertical anchor and its alignment. Written as one piece of XML,
    the XML python-pptx's ``add_textbox`` and text frame, paragraph and font setters write (which
    leave out insets equal to the schema's defaults)."""
    box, anchor, align = place
    insets = layout.text.insets
    margins = "".join(
        f' {attr}="{value}"'
        for attr, value, default in (
            ("lIns", Pt(insets.left), _SIDE_INSET),
            ("rIns", Pt(insets.right), _SIDE_INSET),
            ("tIns", Pt(insets.top), _END_INSET),
            ("bIns", Pt(insets.bottom), _END_INSET),
        )
        if value != default
    )
    colour = layout.palette.text.lstrip("#").upper()
    run = (
        f'<a:r><a:rPr sz="{Pt(size).centipoints}" b="1" lang="{xml_attr(language)}"><a:solidFill>'
        f'<a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{xml_attr(layout.font.name)}"/></a:rPr>'
        f"<a:t>{xml_text(run_text(text))}</a:t></a:r>"
    )
    shapes = slide.shapes
    shapes._spTree.append(
        _with_empty_texts(
            parse_xml(
                f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{shapes._next_shape_id}" name="{xml_attr(name)}"/>'
                f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/>'
                f'<a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
                f'</a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square"{margins} anchor="{_ANCHORS[anchor]}">'
                f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="{_ALIGNS[align]}"><a:lnSpc><a:spcPct '
                f'val="{round(layout.text.line_spacing * 100000)}"/></a:lnSpc></a:pPr>{run}</a:p></p:txBody></p:sp>'
            )
        )
    )


_SIDE_INSET, _END_INSET = 91440, 45720
"""The schema's default left and right, top and bottom insets of a text box (EMU)."""
_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
_ALIGNS = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}


def _figure(slide: Slide, spec: FigureSpec, layout: DeckLayout, clinic: Clinic, language: str, parts: Parts) -> None:
    """The drawing as a picture (alternative text: the plan's), then each label as a native text
    box with a thin leader line to a dot on its part."""
    art = spec.art
    png = diagram_png(spec.pixels, layout, clinic)
    picture = parts.picture(slide, png, Pt(art.left), Pt(art.top), Pt(art.width), Pt(art.height))
    picture.name = "Diagram of the neck and chest veins"
    cast("Any", picture._element).nvPicPr.cNvPr.set("descr", spec.alt_text)
    ink = _rgb(layout.palette.text)
    for label in spec.labels:
        box = label.box
        place = (box, MSO_ANCHOR.MIDDLE, PP_ALIGN.RIGHT if label.left else PP_ALIGN.LEFT)
        _label(slide, "Diagram label", place, label.text, spec.label_size, layout, language)
        start_x = box.left + box.width if label.left else box.left
        x, y = label.target
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, Pt(start_x), Pt(box.top + box.height / 2), Pt(x), Pt(y)
        )
        line.name = "Diagram leader line"
        line.line.color.rgb = ink
        line.line.width = Pt(spec.stroke)
        r = spec.stroke * DOT
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(x - r), Pt(y - r), Pt(2 * r), Pt(2 * r))
        dot.name = "Diagram leader dot"
        dot.fill.solid()
        dot.fill.fore_color.rgb = ink
        dot.line.color.rgb = _rgb(layout.palette.background)


def icon_png(filled: int, pixels: int, layout: DeckLayout, clinic: Clinic) -> bytes:
    """A PNG of 10 x 10 people, the first ``filled`` (row by row from the top left) solid with a
    dot, the others outlined; ``pixels`` wide per person."""
    palette = layout.palette
    return _icon_png(filled, pixels, clinic.primary, palette.background, palette.muted, palette.tint)


@functools.lru_cache(maxsize=256)
def _icon_png(filled: int, pixels: int, primary: str, background: str, muted: str, tint: str) -> bytes:
    """``icon_png`` made once per process for each count, size and colours (the same bytes again):
    10 x 10 copies of the two people of ``_person``."""
    colours = (primary, background, muted, tint)
    solid, outlined = _person(True, pixels, colours), _person(False, pixels, colours)
    picture = Image.new("RGBA", (solid.width * ICON_ROWS, solid.height * ICON_ROWS), (0, 0, 0, 0))
    for index in range(ICON_ROWS * ICON_ROWS):
        at = ((index % ICON_ROWS) * solid.width, (index // ICON_ROWS) * solid.height)
        picture.paste(solid if index < filled else outlined, at)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False)
    return out.getvalue()


@functools.lru_cache(maxsize=32)
def _person(filled: bool, pixels: int, colours: tuple[str, str, str, str]) -> Image.Image:
    """One person of the picture, ``pixels`` wide and ``ICON_ASPECT`` times as tall: drawn
    ``_SUPERSAMPLE`` times larger, then scaled down (Lanczos) for smooth edges. Filled: solid
    primary with a dot in the background colour; else outlined in the muted colour around a tint
    body (``colours``: primary, background, muted, tint)."""
    cell_w = pixels * _SUPERSAMPLE
    cell_h = round(cell_w * ICON_ASPECT)
    image = Image.new("RGBA", (cell_w, cell_h), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    solid, dot, line, pale = (_hex(colour) for colour in colours)
    head = (cell_w * 0.34, cell_h * 0.06, cell_w * 0.66, cell_h * 0.31)
    body = (cell_w * 0.2, cell_h * 0.35, cell_w * 0.8, cell_h * 0.92)
    radius = round(cell_w * 0.18)
    if filled:
        pen.ellipse(head, fill=solid)
        pen.rounded_rectangle(body, radius, fill=solid)
        r = cell_w * 0.1
        cx, cy = cell_w / 2, cell_h * 0.6
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=dot)
    else:
        stroke = max(1, cell_w // 16)
        pen.ellipse(head, fill=pale, outline=line, width=stroke)
        pen.rounded_rectangle(body, radius, fill=pale, outline=line, width=stroke)
    return image.resize((pixels, round(pixels * ICON_ASPECT)), Image.Resampling.LANCZOS)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _hex(colour: str) -> tuple[int, int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), 255)
