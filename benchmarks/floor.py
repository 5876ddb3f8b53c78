"""A hand-written python-pptx floor for the deck benchmark: the least a deck writer must do.

``shape_of(deck)`` reads a built deck back into plain data (per slide: its layout, title, body
paragraphs, chart numbers and speaker notes); ``write(template, shape)`` then writes the same
number of slides, native charts and notes pages with plain python-pptx calls on the same
template, and nothing else: no planning, no measuring, no styling of runs, no footer, no
normalising. The benchmark times leafdeck's deck and this floor in one run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE


@dataclass(frozen=True)
class ChartData:
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]


@dataclass(frozen=True)
class SlideShape:
    layout: str
    title: str
    paragraphs: tuple[str, ...]
    chart: ChartData | None
    notes: str


def shape_of(deck: Path) -> list[SlideShape]:
    """What each slide of a built deck holds, as plain data."""
    slides = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        paragraphs: list[str] = []
        chart = None
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.has_text_frame:
                paragraphs = [p.text for p in shape.text_frame.paragraphs]
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False):
                plot = shape.chart.plots[0]
                series = tuple((s.name, tuple(s.values)) for s in plot.series)
                chart = ChartData(tuple(str(c) for c in plot.categories), series)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(SlideShape(slide.slide_layout.name, title, tuple(paragraphs), chart, notes))
    return slides


def write(template: Path, slides: list[SlideShape]) -> bytes:
    """The slides written with plain python-pptx calls on ``template``: the floor."""
    prs = Presentation(str(template))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for shape in slides:
        slide = prs.slides.add_slide(layouts[shape.layout])
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        placeholders[0].text_frame.text = shape.title
        if shape.paragraphs and 1 in placeholders:
            frame = placeholders[1].text_frame
            frame.text = shape.paragraphs[0]
            for text in shape.paragraphs[1:]:
                frame.add_paragraph().text = text
        if shape.chart is not None:
            data = CategoryChartData()
            data.categories = shape.chart.categories
            for name, values in shape.chart.series:
                data.add_series(name, values)
            placeholders[2].insert_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data)
        slide.notes_slide.notes_text_frame.text = shape.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def leaflet_pages(pdf: Path) -> list[list[str]]:
    """The text lines of each page of a built leaflet (pypdf), for the reportlab floor."""
    from pypdf import PdfReader

    return [
        [line for line in (page.extract_text() or "").splitlines() if line.strip()] for page in PdfReader(pdf).pages
    ]


def write_leaflet(pages: list[list[str]], target: Path, font: str, size: float) -> None:
    """The reportlab floor for a leaflet: the same lines and pages, in the same embedded font,
    as plain platypus paragraphs on A4, one page per page and nothing else: no plan, no boxes,
    figures, tables, footers or tags."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = ParagraphStyle("floor", fontName=font, fontSize=size, leading=size * 1.2)
    story: list[object] = []
    for lines in pages:
        story += [Paragraph(escape(line), style) for line in lines]
        story.append(PageBreak())
    SimpleDocTemplate(str(target), pagesize=A4, invariant=1).build(story[:-1])
