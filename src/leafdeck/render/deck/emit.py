"""Emit a planned deck with python-pptx: mechanical calls, no decisions.

Opens the template, puts the clinic's colours into the theme, then adds each slide in reading
order: title, text, chart, citation line, slide number, logo. Every run gets an explicit size
(the one the planner measured); autofit stays off. Charts are native and editable, with alt
text; the logo has alt text. The saved package is normalised so builds are byte-identical.
"""

from __future__ import annotations

import functools
import io
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import ChartPlaceholder
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph, _Run
from pptx.util import Pt
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from leafdeck.read.images import fitted
from leafdeck.read.layout import Clinic, Resolved
from leafdeck.render import bidi
from leafdeck.render.deck.draw import draw
from leafdeck.render.deck.layout import Box, DeckLayout
from leafdeck.render.deck.normalise import packed
from leafdeck.render.deck.spec import ChartSpec, DeckProperties, Para, SlideSpec, TextSpec, geometry
from leafdeck.render.deck.template import theme_xml
from leafdeck.render.deck.xmltext import xml_attr, xml_text

_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""Fixed id of the slide-number field (any GUID; fixed so builds are reproducible)."""
_SECTIONS_EXTENSION = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
"""The presentation extension PowerPoint 2010 and later keep sections in."""
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_SECTION_NAMESPACE = uuid.UUID("6f1d7c2e-3a9b-5c4d-8e7f-0a1b2c3d4e5f")
"""Section ids are name-based UUIDs under this namespace: the same sections get the same ids."""


class _Emitter:
    def __init__(self, resolved: Resolved[DeckLayout], props: DeckProperties) -> None:
        self.layout: DeckLayout = resolved.layout
        self.clinic: Clinic = resolved.clinic
        self.resolved = resolved
        self.props = props
        self.prs = Presentation(str(resolved.asset(self.layout.template)))
        _name_parts_directly(self.prs.part.package)
        self._numbered: dict[int, int] = {}
        """Index of each slide layout's slide-number placeholder, by the layout's id."""

    def deck(self, slides: list[SlideSpec]) -> bytes:
        self._brand()
        names = self.layout.layouts
        layouts = {
            kind: self.prs.slide_layouts.get_by_name(getattr(names, kind)) for kind in ("cover", "text", "chart")
        }
        for spec in slides:
            self._slide(self.prs.slides.add_slide(layouts[spec.layout]), spec)
        self._sections([spec.section for spec in slides])
        bidi.mark_rtl_paragraphs(self.prs, self.props.language)  # right-to-left paragraphs, as PowerPoint expects
        self._properties()
        return packed(_members(self.prs), self.props.date)

    def _brand(self) -> None:
        theme = self.prs.slide_master.part.part_related_by(RT.THEME)
        theme.blob = theme_xml(theme.blob, {"dk2": self.clinic.primary, "accent1": self.clinic.accent})

    def _slide(self, slide: Slide, spec: SlideSpec) -> None:
        place = spec.place
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        title = placeholders[0]
        self._place(title, place.title)
        self._title(title.text_frame, spec.title, spec.title_size)
        if spec.notice:
            self._notice(slide, title, place.notice, spec.notice, spec.notice_size)
        body = placeholders[1]
        if spec.body.paras:
            self._place(body, place.body)
            self._text(body.text_frame, spec.body)
        else:
            body.element.getparent().remove(body.element)
        if spec.chart is not None:
            self._chart(placeholders[2], place.chart, spec.chart)
        elif 2 in placeholders:
            placeholders[2].element.getparent().remove(placeholders[2].element)
        if spec.visual is not None:
            draw(slide, spec.visual, self.layout, self.clinic, self.props.language)
        if spec.citation:
            self._citation(slide, spec.citation)
        if spec.numbered:
            self._slide_number(slide)
        self._logo(slide, place.logo)
        if spec.qr:
            self._qr(slide, spec.qr)
        notes = slide.notes_slide.notes_text_frame
        assert notes is not None, "the template's notes master has no body placeholder"
        notes.text = spec.notes

    def _place(self, shape: BaseShape, box: Box) -> None:
        sp_pr = shape._element.spPr
        for old in sp_pr.findall(qn("a:xfrm")):
            sp_pr.remove(old)
        sp_pr.insert(0, parse_xml(f"<a:xfrm {nsdecls('a')}>{_box_xml(box)}</a:xfrm>"))

    def _title(self, frame: TextFrame, text: str, size: float) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        run = self._run_xml(text, size, bold=True)
        frame.paragraphs[0]._p.append(parse_xml(f"<a:p {nsdecls('a')}>{run}</a:p>")[0])

    def _notice(self, slide: Slide, title: BaseShape, box: Box, text: str, size: float) -> None:
        """The notice, read right after the title: a tinted strip of bold text."""
        frame = self._footer(slide, "Notice", box, "", PP_ALIGN.LEFT)
        self._run(frame.paragraphs[0], text, size, bold=True, colour=self.layout.palette.text)
        shape = cast("Any", slide.shapes[-1])  # the notice's text box (an autoshape: it has a fill)
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(self.layout.palette.tint)
        title.element.addnext(shape.element)

    def _text(self, frame: TextFrame, body: TextSpec) -> None:
        """The paragraphs, written as one piece of XML (python-pptx's setters cost more than the text)."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        tx_body = frame._txBody
        for old in tx_body.findall(qn("a:p")):
            tx_body.remove(old)
        xml = "".join(self._paragraph_xml(para, body.size) for para in body.paras)
        tx_body.extend(parse_xml(f"<a:txBody {nsdecls('a')}>{xml}</a:txBody>").findall(qn("a:p")))

    def _paragraph_xml(self, para: Para, size: float) -> str:
        style = self.layout.text
        where = geometry(para, style)
        level = f' lvl="{para.level}"' if para.level else ""
        if para.style == "bullet":
            char = xml_attr(style.bullets[min(para.level, 1)])
            bullet = f'<a:buFont typeface="{xml_attr(self.layout.font.name)}"/><a:buChar char="{char}"/>'
        else:
            bullet = "<a:buNone/>"
        p_pr = (
            f'<a:pPr{level} marL="{Pt(where.margin)}" indent="{-Pt(where.hang)}"><a:lnSpc>'
            f'<a:spcPct val="{round(style.line_spacing * 100000)}"/></a:lnSpc><a:spcBef>'
            f'<a:spcPts val="{Pt(where.space_before).centipoints}"/></a:spcBef>{bullet}</a:pPr>'
        )
        runs = [(para.label + "\t", False)] if para.style == "numbered" and para.label else []
        runs += [(run.text, run.bold) for run in para.runs]
        return f"<a:p>{p_pr}{''.join(self._run_xml(t, size, bold=b) for t, b in runs)}</a:p>"

    def _run_xml(self, content: str, size: float, *, bold: bool = False, colour: str | None = None) -> str:
        """A run as ``_run`` writes it: explicit size, weight, language and font (and colour)."""
        fill = f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>' if colour else ""
        return (
            f'<a:r><a:rPr sz="{Pt(size).centipoints}" b="{int(bold)}" lang="{xml_attr(self.props.language)}">'
            f'{fill}<a:latin typeface="{xml_attr(self.layout.font.name)}"/></a:rPr><a:t>{xml_text(content)}</a:t></a:r>'
        )

    def _run(
        self, paragraph: _Paragraph, text: str, size: float, *, bold: bool = False, colour: str | None = None
    ) -> _Run:
        run = paragraph.add_run()
        run.text = text
        font = run.font
        font.size = Pt(size)
        font.bold = bold
        font.name = self.layout.font.name
        if colour is not None:
            font.color.rgb = _rgb(colour)
        run._r.get_or_add_rPr().set("lang", self.props.language)
        return run

    def _chart(self, placeholder: ChartPlaceholder, box: Box, spec: ChartSpec) -> None:
        self._place(placeholder, box)
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
        self._chart_text(chart, spec)
        self._chart_bars(chart, spec)
        self._chart_axes(chart, spec)

    def _chart_text(self, chart: Chart, spec: ChartSpec) -> None:
        sizes, font = self.layout.sizes, self.layout.font.name
        chart.font.size, chart.font.name = Pt(sizes.chart), font
        chart.font.color.rgb = _rgb(self.layout.palette.text)
        chart.has_title = True
        title = chart.chart_title.text_frame
        title.text = spec.title
        title.paragraphs[0].runs[0].font.size = Pt(sizes.chart_title)
        title.paragraphs[0].runs[0].font.bold = True
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(sizes.chart)

    def _chart_bars(self, chart: Chart, spec: ChartSpec) -> None:
        plot = chart.plots[0]
        plot.gap_width, plot.overlap = self.layout.chart.gap_width, self.layout.chart.overlap
        plot.vary_by_categories = False
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = spec.number_format, False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(self.layout.sizes.data_label)
        labels.show_value = True
        others = iter(self.layout.chart.others * len(spec.series))
        for series, planned in zip(plot.series, spec.series, strict=True):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(self.clinic.accent if planned.emphasis else next(others))
            for index, text in enumerate(planned.labels):
                if text is not None:
                    label = series.points[index].data_label
                    label.text_frame.text = text
                    label.text_frame.paragraphs[0].runs[0].font.size = Pt(self.layout.sizes.data_label)
                    label.position = XL_LABEL_POSITION.OUTSIDE_END

    def _chart_axes(self, chart: Chart, spec: ChartSpec) -> None:
        size = Pt(self.layout.sizes.chart)
        values = chart.value_axis
        values.has_major_gridlines = True
        values.major_gridlines.format.line.color.rgb = _rgb(self.layout.chart.gridlines)
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
        categories.format.line.color.rgb = _rgb(self.layout.palette.rule)

    def _citation(self, slide: Slide, text: str) -> None:
        """The citation line: a text box as ``_footer`` makes it, written as one piece of XML."""
        insets = self.layout.text.insets
        run = self._run_xml(text, self.layout.sizes.citation, colour=self.layout.palette.muted)
        slide.shapes._spTree.append(
            parse_xml(
                f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{slide.shapes._next_shape_id}" name="Citation"/>'
                f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>{_box_xml(self.layout.boxes.citation)}'
                '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>'
                f'<a:bodyPr lIns="{Pt(insets.left)}" tIns="{Pt(insets.top)}" rIns="{Pt(insets.right)}" '
                f'bIns="{Pt(insets.bottom)}" wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p>'
                f'<a:pPr algn="l"><a:lnSpc><a:spcPct val="{round(self.layout.text.line_spacing * 100000)}"/>'
                f"</a:lnSpc></a:pPr>{run}</a:p></p:txBody></p:sp>"
            )
        )

    def _footer(self, slide: Slide, name: str, box: Box, text: str, align: PP_ALIGN) -> TextFrame:
        shape = slide.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
        shape.name = name
        frame = shape.text_frame
        insets = self.layout.text.insets
        frame.margin_left, frame.margin_right = Pt(insets.left), Pt(insets.right)
        frame.margin_top, frame.margin_bottom = Pt(insets.top), Pt(insets.bottom)
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = align
        paragraph.line_spacing = self.layout.text.line_spacing
        if text:
            self._run(paragraph, text, self.layout.sizes.citation, colour=self.layout.palette.muted)
        return frame

    def _slide_number(self, slide: Slide) -> None:
        """The slide number: the layout's slide-number placeholder holding a slide-number field
        (PowerPoint renumbers it when slides move), at the layout data's box and size."""
        layout = slide.slide_layout
        if id(layout) not in self._numbered:
            self._numbered[id(layout)] = next(
                ph.placeholder_format.idx
                for ph in cast("Iterable[Any]", layout.placeholders)  # python-pptx types its __iter__ oddly
                if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
            )
        idx = self._numbered[id(layout)]
        box, insets = self.layout.boxes.slide_number, self.layout.text.insets
        size = round(self.layout.sizes.slide_number * 100)
        colour = self.layout.palette.muted.lstrip("#").upper()
        sp = parse_xml(
            f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{slide.shapes._next_shape_id}" name="Slide number"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="{idx}"/>'
            f'</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/>'
            f'<a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/></a:xfrm></p:spPr><p:txBody>'
            f'<a:bodyPr lIns="{Pt(insets.left)}" tIns="{Pt(insets.top)}" rIns="{Pt(insets.right)}" '
            f'bIns="{Pt(insets.bottom)}" wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="r"/>'
            f'<a:fld id="{_SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{xml_attr(self.props.language)}" sz="{size}">'
            f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{xml_attr(self.layout.font.name)}"/>'
            f"</a:rPr><a:t>{len(self.prs.slides)}</a:t></a:fld></a:p></p:txBody></p:sp>"
        )
        slide.shapes._spTree.append(sp)

    def _sections(self, names: list[str]) -> None:
        """PowerPoint sections (``p14:sectionLst``), so a presenter can hide or jump to one: each run
        of slides with one section name is a section, in order; a slide naming none stays in the
        section before it (the first ones join the first named). No list when no slide names one."""
        if not any(names):
            return
        ids = [sld_id.get("id") for sld_id in self.prs.slides._sldIdLst]
        groups: list[tuple[str, list[str]]] = []
        for name, slide_id in zip(names, ids, strict=True):
            if groups and (not name or name == groups[-1][0]):
                groups[-1][1].append(slide_id)
            elif not groups and not name:
                groups.append(("", [slide_id]))
            elif groups and not groups[-1][0]:
                groups[-1] = (name, [*groups[-1][1], slide_id])
            else:
                groups.append((name, [slide_id]))
        sections = "".join(
            f'<p14:section name="{xml_attr(name)}" '
            f'id="{{{str(uuid.uuid5(_SECTION_NAMESPACE, f"{index}:{name}")).upper()}}}"><p14:sldIdLst>'
            + "".join(f'<p14:sldId id="{slide_id}"/>' for slide_id in members)
            + "</p14:sldIdLst></p14:section>"
            for index, (name, members) in enumerate(groups)
        )
        ext = parse_xml(
            f'<p:ext {nsdecls("p")} uri="{_SECTIONS_EXTENSION}"><p14:sectionLst xmlns:p14="{_P14}">{sections}'
            "</p14:sectionLst></p:ext>"
        )
        presentation = self.prs.part._element
        ext_lst = presentation.find(qn("p:extLst"))
        if ext_lst is None:
            ext_lst = etree.SubElement(presentation, qn("p:extLst"))
        ext_lst.append(ext)

    def _qr(self, slide: Slide, url: str) -> None:
        """A QR code to ``url`` (the online copy), square in the layout's box; its alt text is the address."""
        style = self.layout.qr
        box = style.box
        side = min(box.width, box.height)
        left, top = box.left + (box.width - side) / 2, box.top + (box.height - side) / 2
        png = io.BytesIO(qr_png(url, style.module_pixels, style.quiet_modules))
        picture = slide.shapes.add_picture(png, Pt(left), Pt(top), Pt(side), Pt(side))
        picture.name = "QR code"
        cast("Any", picture._element).nvPicPr.cNvPr.set("descr", url)

    def _logo(self, slide: Slide, box: Box) -> None:
        if self.clinic.logo is None:
            return
        logo = self.resolved.logo  # normalised once: upright, 8-bit RGB or RGBA
        assert logo is not None
        width, height = logo.width, logo.height
        scale = min(box.width / width, box.height / height)
        w, h = width * scale, height * scale
        left, top = box.left + (box.width - w) / 2, box.top + (box.height - h) / 2
        stored = fitted(logo, box.width, box.height)  # no more pixels than the box needs in print
        picture = slide.shapes.add_picture(stored.stream(), Pt(left), Pt(top), Pt(w), Pt(h))
        picture.name = "Clinic logo"
        alt = self.clinic.logo_alt or self.layout.words.logo_alt.format(clinic=self.clinic.name)
        cast("Any", picture._element).nvPicPr.cNvPr.set("descr", alt)

    def _properties(self) -> None:
        props, core = self.props, self.prs.core_properties
        core.title, core.subject, core.author = props.title, props.subject, props.author
        core.keywords, core.language, core.category = props.keywords, props.language, props.category
        core.comments, core.version, core.last_modified_by = props.comments, props.version, props.last_modified_by
        core.revision = 1
        core.created = core.modified = props.date


def emit(slides: list[SlideSpec], props: DeckProperties, resolved: Resolved[DeckLayout], target: Path) -> None:
    """Write the planned slides to ``target`` as a .pptx built on the layout's template."""
    target.write_bytes(_Emitter(resolved, props).deck(slides))


def _members(prs: PresentationType) -> dict[str, bytes]:
    """The zip members python-pptx's ``save`` would write (content types, package relationships,
    each part and its relationships), without zipping them."""
    package = prs.part.package
    parts = tuple(package.iter_parts())
    members = {
        CONTENT_TYPES_URI.membername: serialize_part_xml(_ContentTypesItem.xml_for(parts)),
        PACKAGE_URI.rels_uri.membername: package._rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = part.blob
        if part._rels:
            members[part.partname.rels_uri.membername] = part.rels.xml
    return members


@functools.lru_cache(maxsize=64)
def qr_png(url: str, module_pixels: int, quiet_modules: int) -> bytes:
    """A black-and-white PNG of the QR code for ``url`` (reportlab's encoder, error correction M,
    as on the leaflets), ``module_pixels`` a module, with a white border of ``quiet_modules``."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    side = (count + 2 * quiet_modules) * module_pixels
    image = Image.new("1", (side, side), 1)
    pen = ImageDraw.Draw(image)
    for row in range(count):
        for column in range(count):
            if code.isDark(row, column):
                x, y = (column + quiet_modules) * module_pixels, (row + quiet_modules) * module_pixels
                pen.rectangle((x, y, x + module_pixels - 1, y + module_pixels - 1), fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _box_xml(box: Box) -> str:
    """The offset and extent of a ``a:xfrm`` placing a shape at ``box``."""
    return f'<a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/><a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/>'


def _name_parts_directly(package: OpcPackage) -> None:
    """Name new parts (slides, notes pages, charts, workbooks) by counting on from the highest number
    each name pattern has in the template: python-pptx looks at every part of the package for each
    new one, which makes a deck's cost grow with the square of its slides. Same names, same order."""
    highest: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template not in highest:
            head, tail = template.split("%d")
            names = [str(part.partname) for part in package.iter_parts()]
            numbers = [n[len(head) : len(n) - len(tail)] for n in names if n.startswith(head) and n.endswith(tail)]
            highest[template] = max((int(n) for n in numbers if n.isdigit()), default=0)
        highest[template] += 1
        return PackURI(template % highest[template])

    package.next_partname = next_partname  # type: ignore[method-assign,assignment]


def _unsigned_axis_ids(chart: Chart) -> None:
    """python-pptx writes negative axis ids (``c:axId``, ``c:crossAx``), which the schema's
    unsignedInt refuses: each becomes the same 32 bits read as unsigned, so the chart's axes still
    name each other and every build writes the same ids."""
    for element in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value + 2**32))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())
