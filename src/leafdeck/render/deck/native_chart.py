"""A planned chart as a native, editable PowerPoint chart (python-pptx), styled from the layout.

In: a chart placeholder already placed on its slide, the ``ChartSpec`` (categories, series,
number format, labels, alt text), the deck layout and the clinic. Out: the chart in place.
"""

from __future__ import annotations

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import ChartPlaceholder
from pptx.util import Pt

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.spec import ChartSpec
from leafdeck.render.deck.xmltext import xml_text


def add_chart(placeholder: ChartPlaceholder, spec: ChartSpec, layout: DeckLayout, clinic: Clinic) -> None:
    """A native, editable clustered column chart of ``spec`` in ``placeholder`` (already placed),
    styled from the layout (sizes in pt, palette) and the clinic's accent, with its alt text."""
    # python-pptx writes a series' number format into its chart XML unescaped: a format that
    # needs escaping (a unit suffix with & or <) is set on the XML afterwards, escaped by lxml
    plain = xml_text(spec.number_format) == spec.number_format
    data = CategoryChartData(number_format=spec.number_format if plain else "General")
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    frame = placeholder.insert_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    for code in chart._chartSpace.iter(qn("c:formatCode")):
        code.text = spec.number_format
    _unsigned_axis_ids(chart)
    _chart_text(chart, spec, layout)
    _chart_bars(chart, spec, layout, clinic)
    _chart_axes(chart, spec, layout)


def _chart_text(chart: Chart, spec: ChartSpec, layout: DeckLayout) -> None:
    sizes, font = layout.sizes, layout.font.name
    chart.font.size, chart.font.name = Pt(sizes.chart), font
    chart.font.color.rgb = rgb(layout.palette.text)
    chart.has_title = True
    title = chart.chart_title.text_frame
    title.text = spec.title
    title.paragraphs[0].runs[0].font.size = Pt(sizes.chart_title)
    title.paragraphs[0].runs[0].font.bold = True
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(sizes.chart)


def _chart_bars(chart: Chart, spec: ChartSpec, layout: DeckLayout, clinic: Clinic) -> None:
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = layout.chart.gap_width, layout.chart.overlap
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(layout.sizes.data_label)
    labels.show_value = True
    others = iter(layout.chart.others * len(spec.series))
    for series, planned in zip(plot.series, spec.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(clinic.accent if planned.emphasis else next(others))
        for index, text in enumerate(planned.labels):
            if text is not None:
                label = series.points[index].data_label
                label.text_frame.text = text
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(layout.sizes.data_label)
                label.position = XL_LABEL_POSITION.OUTSIDE_END


def _chart_axes(chart: Chart, spec: ChartSpec, layout: DeckLayout) -> None:
    size = Pt(layout.sizes.chart)
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(layout.chart.gridlines)
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
    body_pr.set("rot", "0")  # wrap long category names rather than turn them on their side
    body_pr.set("vert", "horz")
    categories.format.line.color.rgb = rgb(layout.palette.rule)


def _unsigned_axis_ids(chart: Chart) -> None:
    """python-pptx writes negative axis ids (``c:axId``, ``c:crossAx``), which the schema's
    unsignedInt refuses: each becomes the same 32 bits read as unsigned, so the chart's axes still
    name each other and every build writes the same ids."""
    for element in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value + 2**32))


def rgb(colour: str) -> RGBColor:
    """A python-pptx colour from ``#rrggbb``."""
    return RGBColor.from_string(colour.lstrip("#").upper())
