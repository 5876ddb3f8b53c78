"""render/deck/native_chart.py writes a chart's styling with lxml: the chart XML must be the very
XML python-pptx's chart properties write. The reference below styles the same chart through those
properties, as the deck did before; both are compared element for element (serialised)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from html import escape

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from leafdeck.read.layout import Clinic, Resolved
from leafdeck.render.deck import native_chart
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.spec import ChartSpec, Series

BASE = ChartSpec(
    title="Relapses & <new> lesions",
    categories=("Relapse in a year", "New lesions on MRI"),
    series=(
        Series("Venous angioplasty", (19.0, 2.0), emphasis=True, labels=(None, None)),
        Series("Sham procedure", (3.0, 4.0), emphasis=False, labels=(None, None)),
    ),
    number_format='General"%";"\u2212"General"%"',
    alt_text="Bar chart",
    major_unit=None,
)
CASES = [
    ({}, {}),
    ({"major_unit": 5}, {"gap_width": 150, "overlap": 0}),
    ({"major_unit": 2.5}, {"gap_width": 0, "overlap": 25}),
    (
        {
            "series": (
                Series("A", (-2.0, 5.0), emphasis=False, labels=("\u22482%", None)),
                Series("B", (1.0, None), emphasis=True, labels=(None, "n/a")),
                Series("C", (3.0, 4.0), emphasis=False, labels=(None, None)),
            ),
            "number_format": "0.0",
        },
        {"overlap": -10},
    ),
]


def _chart_xml(resolved: Resolved[DeckLayout], spec: ChartSpec, styled: object) -> bytes:
    prs = Presentation(str(resolved.asset(resolved.layout.template)))
    layout = next(found for found in prs.slide_layouts if found.name == resolved.layout.layouts.chart)
    slide = prs.slides.add_slide(layout)
    placeholder = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 2)
    styled(placeholder, spec, resolved.layout, resolved.clinic)  # type: ignore[operator]
    frame = next(shape for shape in slide.shapes if shape.has_chart)
    return etree.tostring(frame.chart._chartSpace)


def _by_properties(placeholder: object, spec: ChartSpec, layout: DeckLayout, clinic: Clinic) -> None:
    """python-pptx's properties, as the deck set them before (the reference)."""
    chart = native_chart.inserted_chart(placeholder, spec)  # type: ignore[arg-type]
    sizes, font = layout.sizes, layout.font.name
    chart.font.size, chart.font.name = Pt(sizes.chart), font
    chart.font.color.rgb = native_chart.rgb(layout.palette.text)
    chart.has_title = True
    title = chart.chart_title.text_frame
    title.text = spec.title
    title.paragraphs[0].runs[0].font.size = Pt(sizes.chart_title)
    title.paragraphs[0].runs[0].font.bold = True
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(sizes.chart)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = layout.chart.gap_width, layout.chart.overlap
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(sizes.data_label)
    labels.show_value = True
    others = iter(layout.chart.others * len(spec.series))
    for series, planned in zip(plot.series, spec.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = native_chart.rgb(clinic.accent if planned.emphasis else next(others))
        if any(text is not None for text in planned.labels):  # the series' own labels show values too
            own = series.data_labels
            own.number_format, own.number_format_is_linked = spec.number_format, False
            own.font.size = Pt(sizes.data_label)
            own.position = XL_LABEL_POSITION.OUTSIDE_END
            own.show_value = True
        for index, text in enumerate(planned.labels):
            if text is not None:
                label = series.points[index].data_label
                label.text_frame.text = text
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(sizes.data_label)
                label.position = XL_LABEL_POSITION.OUTSIDE_END
    size = Pt(sizes.chart)
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = native_chart.rgb(layout.chart.gridlines)
    values.tick_labels.font.size = size
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = spec.number_format, False
    values.format.line.fill.background()
    if all(v is None or v >= 0 for s in spec.series for v in s.values):
        values.minimum_scale = 0
    if spec.major_unit is not None:
        values.major_unit = spec.major_unit
    categories = chart.category_axis
    categories.tick_labels.font.size = size
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    body_pr = categories._element.txPr.find(qn("a:bodyPr"))
    body_pr.set("rot", "0")
    body_pr.set("vert", "horz")
    categories.format.line.color.rgb = native_chart.rgb(layout.palette.rule)


@pytest.mark.parametrize(("spec_change", "style_change"), CASES)
def test_the_styled_chart_is_the_xml_python_pptx_s_properties_write(
    clinician: Resolved[DeckLayout], spec_change: dict[str, object], style_change: dict[str, object]
) -> None:
    spec = replace(BASE, **spec_change)  # type: ignore[arg-type]
    style = clinician.layout.chart.model_copy(update=style_change)
    resolved = replace(clinician, layout=clinician.layout.model_copy(update={"chart": style}))
    assert _chart_xml(resolved, spec, native_chart.add_chart) == _chart_xml(resolved, spec, _by_properties)


def _workbook(resolved: Resolved[DeckLayout], spec: ChartSpec) -> bytes:
    """The workbook embedded behind ``spec``'s chart, as python-pptx holds it."""
    prs = Presentation(str(resolved.asset(resolved.layout.template)))
    layout = next(found for found in prs.slide_layouts if found.name == resolved.layout.layouts.chart)
    slide = prs.slides.add_slide(layout)
    placeholder = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 2)
    native_chart.add_chart(placeholder, spec, resolved.layout, resolved.clinic)
    frame = next(shape for shape in slide.shapes if shape.has_chart)
    blob: bytes = frame.chart.part.chart_workbook.xlsx_part.blob
    return blob


@pytest.mark.parametrize("change", CASES, ids=range(len(CASES)))
def test_the_embedded_workbook_holds_the_chart_s_data_made_once_per_data(
    clinician: Resolved[DeckLayout], change: tuple[dict[str, object], dict[str, object]]
) -> None:
    """A chart's workbook is python-pptx's for its data; a second chart with the same data (another
    clinic's deck) embeds the very same bytes, one with other data its own workbook."""
    spec = replace(BASE, **change[0])  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(_workbook(clinician, spec))) as made:
        sheet = made.read("xl/worksheets/sheet1.xml").decode()
        names = made.read("xl/sharedStrings.xml").decode()
    for series in spec.series:
        assert escape(series.name) in names
        assert all(f"<v>{value:g}</v>" in sheet for value in series.values if value is not None)
    assert _workbook(clinician, spec) is _workbook(clinician, replace(spec, title="Another title"))
    other = replace(spec, series=(replace(spec.series[0], values=(7.5, 8.5)), *spec.series[1:]))
    with zipfile.ZipFile(io.BytesIO(_workbook(clinician, other))) as made:
        assert "<v>7.5</v>" in made.read("xl/worksheets/sheet1.xml").decode()
