"""A planned chart as a native, editable PowerPoint chart (python-pptx), styled from the layout.

In: a chart placeholder already placed on its slide, the ``ChartSpec`` (categories, series,
number format, labels, alt text), the deck layout and the clinic. Out: the chart in place.
"""

from __future__ import annotations

import functools
from typing import Any

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.placeholder import ChartPlaceholder
from pptx.util import Pt

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.parts import set_text
from leafdeck.render.deck.spec import ChartSpec
from leafdeck.render.deck.xmltext import xml_attr, xml_text


def add_chart(placeholder: ChartPlaceholder, spec: ChartSpec, layout: DeckLayout, clinic: Clinic) -> None:
    """A native, editable clustered column chart of ``spec`` in ``placeholder`` (already placed),
    styled from the layout (sizes in pt, palette) and the clinic's accent, with its alt text."""
    chart = inserted_chart(placeholder, spec)
    _styled(chart._chartSpace, spec, layout, clinic)
    _point_labels(chart, spec, layout)


def inserted_chart(placeholder: ChartPlaceholder, spec: ChartSpec) -> Chart:
    """The chart of ``spec``'s data as python-pptx inserts it in ``placeholder``, with its alt
    text, its number format and schema-valid axis ids; not yet styled."""
    # python-pptx writes a series' number format into its chart XML unescaped: a format that
    # needs escaping (a unit suffix with & or <) is set on the XML afterwards, escaped by lxml
    plain = xml_text(spec.number_format) == spec.number_format
    data = _ChartData(number_format=spec.number_format if plain else "General")
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    frame = placeholder.insert_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    for code in chart._chartSpace.iter(qn("c:formatCode")):
        code.text = spec.number_format
    _unsigned_axis_ids(chart)
    return chart


class _ChartData(CategoryChartData):
    """python-pptx's chart data, whose workbook (XlsxWriter's, about 1.5 ms a chart) is written
    once per process for the same number format, categories and series: every clinic's deck
    shows the same charts, and their workbooks differ only in their creation time, which the
    package pins (``normalise``)."""

    @property
    def xlsx_blob(self) -> bytes:
        """The workbook python-pptx embeds behind the chart (XLSX bytes)."""
        series = tuple((s.name, tuple(s.values)) for s in self)
        return _workbook(self.number_format, tuple(c.label for c in self.categories), series)


@functools.lru_cache(maxsize=64)
def _workbook(
    number_format: str, categories: tuple[Any, ...], series: tuple[tuple[str, tuple[Any, ...]], ...]
) -> bytes:
    """python-pptx's workbook of a clustered column chart of ``series`` (name, values) over
    ``categories`` with ``number_format``."""
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    return data.xlsx_blob


def _styled(space: Any, spec: ChartSpec, layout: DeckLayout, clinic: Clinic) -> None:
    """The chart's styling written into python-pptx's chart XML (``c:chartSpace``) with lxml, as
    python-pptx's chart properties write it (the same elements, attributes and order; its
    setters look every element up again through several proxies, about 3 ms a chart): text size,
    colour and font; the title; the legend below; bars' gap, overlap and colours; value labels
    above the bars; the axes' lines, tick labels, number format and scale."""
    sizes, palette = layout.sizes, layout.palette
    size = Pt(sizes.chart).centipoints
    chart, plot_area = space.find(qn("c:chart")), space.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    default = space.find(f"{qn('c:txPr')}/{qn('a:p')}/{qn('a:pPr')}/{qn('a:defRPr')}")
    default.set("sz", str(size))
    default.extend(_xml(f'{_fill(palette.text)}<a:latin typeface="{xml_attr(layout.font.name)}"/>'))
    title = _one(
        f'<c:title {_NS}><c:tx><c:rich><a:bodyPr/><a:lstStyle/></c:rich></c:tx><c:layout/><c:overlay val="0"/></c:title>'
    )
    rich = title[0][0]
    set_text(rich, spec.title)
    rich.find(f"{qn('a:p')}/{qn('a:r')}").insert(
        0, _one(f'<a:rPr {_NS} sz="{Pt(sizes.chart_title).centipoints}" b="1"/>')
    )
    chart.insert(0, title)
    plot_area.addnext(_one(f'<c:legend {_NS}><c:legendPos val="b"/><c:overlay val="0"/>{_text_props(size)}</c:legend>'))
    bars = plot_area.find(qn("c:barChart"))
    bars.find(qn("c:grouping")).addnext(_one(f'<c:varyColors {_NS} val="0"/>'))
    others = iter(layout.chart.others * len(spec.series))
    for series, planned in zip(bars.iterchildren(qn("c:ser")), spec.series, strict=True):
        colour = clinic.accent if planned.emphasis else next(others)
        series.find(qn("c:tx")).addnext(_one(f"<c:spPr {_NS}>{_fill(colour)}</c:spPr>"))
    label_size = Pt(sizes.data_label).centipoints
    shown = "".join(f'<c:{name} val="{int(name == "showVal")}"/>' for name in _SHOWN) + '<c:showLeaderLines val="1"/>'
    gap, overlap = layout.chart.gap_width, layout.chart.overlap
    after = [
        f'<c:dLbls {_NS}><c:numFmt formatCode="{xml_attr(spec.number_format)}" sourceLinked="0"/>'
        f'{_text_props(label_size)}<c:dLblPos val="outEnd"/>{shown}</c:dLbls>',
        f"<c:gapWidth {_NS}{'' if gap == _GAP else f' val={chr(34)}{gap}{chr(34)}'}/>",
    ]
    if overlap:
        after.append(f'<c:overlap {_NS} val="{overlap}"/>')
    axis_id = bars.find(qn("c:axId"))
    for xml in after:
        axis_id.addprevious(_one(xml))
    _value_axis(plot_area.find(qn("c:valAx")), spec, layout, size)
    _category_axis(plot_area.find(qn("c:catAx")), layout, size)


def _value_axis(axis: Any, spec: ChartSpec, layout: DeckLayout, size: int) -> None:
    """Gridlines in the layout's colour, no axis line, tick labels at ``size`` (centipoints) in the
    chart's number format, from 0 when no value is negative, at the planned step."""
    if all(v is None or v >= 0 for s in spec.series for v in s.values):
        axis.find(qn("c:scaling")).append(_one(f'<c:min {_NS} val="{0.0}"/>'))
    gridlines = axis.find(qn("c:majorGridlines"))
    gridlines.append(_one(f"<c:spPr {_NS}><a:ln>{_fill(layout.chart.gridlines)}</a:ln></c:spPr>"))
    gridlines.addnext(_one(f'<c:numFmt {_NS} formatCode="{xml_attr(spec.number_format)}" sourceLinked="0"/>'))
    labels = axis.find(qn("c:tickLblPos"))
    labels.addnext(_one(f"<c:spPr {_NS}><a:ln><a:noFill/></a:ln></c:spPr>"))
    labels.getnext().addnext(_one(_text_props(size)))
    if spec.major_unit is not None:
        axis.find(qn("c:crosses")).addnext(_one(f'<c:majorUnit {_NS} val="{float(spec.major_unit)}"/>'))


def _category_axis(axis: Any, layout: DeckLayout, size: int) -> None:
    """Category names below the bars, level (wrapped rather than turned on their side), at
    ``size`` (centipoints), the axis line in the layout's rule colour."""
    labels = axis.find(qn("c:tickLblPos"))
    labels.set("val", "low")
    labels.addnext(_one(f"<c:spPr {_NS}><a:ln>{_fill(layout.palette.rule)}</a:ln></c:spPr>"))
    labels.getnext().addnext(_one(_text_props(size, body='<a:bodyPr rot="0" vert="horz"/>')))


def _point_labels(chart: Chart, spec: ChartSpec, layout: DeckLayout) -> None:
    """The planned labels of single bars (python-pptx: few charts have any). A series with one
    writes its own ``c:dLbls``, which python-pptx starts with every value hidden: it shows its
    other bars' values as the plot's labels do (issue 20: the 3% bar beside "≈70%" had none)."""
    if not any(text is not None for planned in spec.series for text in planned.labels):
        return
    for series, planned in zip(chart.plots[0].series, spec.series, strict=True):
        if any(text is not None for text in planned.labels):
            own = series.data_labels
            own.number_format, own.number_format_is_linked = spec.number_format, False
            own.font.size = Pt(layout.sizes.data_label)
            own.position = XL_LABEL_POSITION.OUTSIDE_END
            own.show_value = True
        for index, text in enumerate(planned.labels):
            if text is not None:
                label = series.points[index].data_label
                label.text_frame.text = text
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(layout.sizes.data_label)
                label.position = XL_LABEL_POSITION.OUTSIDE_END


_NS = nsdecls("c", "a")
_GAP = 150
"""python-pptx leaves out a gap width of 150 (the schema's default)."""
_SHOWN = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


def _one(xml: str) -> Any:
    return parse_xml(xml)


def _xml(xml: str) -> list[Any]:
    """Elements written in the chart's namespaces."""
    return list(parse_xml(f"<c:x {_NS}>{xml}</c:x>"))


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>'


def _text_props(size: int, body: str = "<a:bodyPr/>") -> str:
    """A ``c:txPr`` setting text of ``size`` (centipoints), as python-pptx writes a font size."""
    return f'<c:txPr {_NS}>{body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr></a:p></c:txPr>'


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
