"""Emit a planned deck with python-pptx: mechanical calls, no decisions.

Opens the template, puts the clinic's colours into the theme, then adds each slide in reading
order: title, text, chart, citation line, slide number, logo. Every run gets an explicit size
(the one the planner measured); autofit stays off. Charts are native and editable, with alt
text; the logo has alt text. The saved package is normalised so builds are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph, _Run
from pptx.util import Pt

from leafdeck.read.images import fitted
from leafdeck.read.layout import Clinic, Resolved
from leafdeck.render import bidi
from leafdeck.render.deck.draw import draw
from leafdeck.render.deck.layout import Box, DeckLayout
from leafdeck.render.deck.native_chart import add_chart, rgb
from leafdeck.render.deck.normalise import packed
from leafdeck.render.deck.package import add_sections, members, name_parts_directly
from leafdeck.render.deck.parts import Parts, set_text
from leafdeck.render.deck.parts import placeholders as placeholders_of
from leafdeck.render.deck.qr import qr_png
from leafdeck.render.deck.spec import DeckProperties, Para, SlideSpec, TextSpec, geometry
from leafdeck.render.deck.template import theme_xml
from leafdeck.render.deck.xmltext import xml_attr, xml_text

__all__ = ["emit", "qr_png"]

_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""Fixed id of the slide-number field (any GUID; fixed so builds are reproducible)."""


class _Emitter:
    def __init__(self, resolved: Resolved[DeckLayout], props: DeckProperties) -> None:
        self.layout: DeckLayout = resolved.layout
        self.clinic: Clinic = resolved.clinic
        self.resolved = resolved
        self.props = props
        self.prs = Presentation(str(resolved.asset(self.layout.template)))
        name_parts_directly(self.prs.part.package)
        self.parts = Parts(self.prs)
        self._numbered: dict[int, int] = {}
        """Index of each slide layout's slide-number placeholder, by the layout's id."""

    def deck(self, slides: list[SlideSpec]) -> bytes:
        self._brand()
        names = self.layout.layouts
        layouts = {
            kind: self.prs.slide_layouts.get_by_name(getattr(names, kind)) for kind in ("cover", "text", "chart")
        }
        for spec in slides:
            self._slide(self.parts.slide(layouts[spec.layout]), spec)
        add_sections(self.prs, [spec.section for spec in slides])
        bidi.mark_rtl_paragraphs(self.prs, self.props.language)  # right-to-left paragraphs, as PowerPoint expects
        self._properties()
        return packed(members(self.prs), self.props.date)

    def _brand(self) -> None:
        theme = self.prs.slide_master.part.part_related_by(RT.THEME)
        theme.blob = theme_xml(theme.blob, {"dk2": self.clinic.primary, "accent1": self.clinic.accent})

    def _slide(self, slide: Slide, spec: SlideSpec) -> None:
        place = spec.place
        placeholders = placeholders_of(slide)
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
            self._place(placeholders[2], place.chart)
            add_chart(placeholders[2], spec.chart, self.layout, self.clinic)
        elif 2 in placeholders:
            placeholders[2].element.getparent().remove(placeholders[2].element)
        # from here on shapes are only added: python-pptx's "turbo add" counts shape ids on from the
        # highest instead of searching the slide for it before each new shape (the same ids)
        slide.shapes.turbo_add_enabled = True
        if spec.visual is not None:
            draw(slide, spec.visual, self.layout, self.clinic, self.props.language, self.parts)
        if spec.citation:
            self._citation(slide, spec.citation)
        if spec.numbered:
            self._slide_number(slide)
        self._logo(slide, place.logo)
        if spec.qr:
            self._qr(slide, spec.qr)
        set_text(self.parts.notes(slide), spec.notes)

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
        shape.fill.fore_color.rgb = rgb(self.layout.palette.tint)
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
            font.color.rgb = rgb(colour)
        run._r.get_or_add_rPr().set("lang", self.props.language)
        return run

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

    def _qr(self, slide: Slide, url: str) -> None:
        """A QR code to ``url`` (the online copy), square in the layout's box; its alt text is the address."""
        style = self.layout.qr
        box = style.box
        side = min(box.width, box.height)
        left, top = box.left + (box.width - side) / 2, box.top + (box.height - side) / 2
        png = qr_png(url, style.module_pixels, style.quiet_modules)
        picture = self.parts.picture(slide, png, Pt(left), Pt(top), Pt(side), Pt(side))
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
        alt = self.clinic.logo_alt or self.layout.words.logo_alt.format(clinic=self.clinic.name)
        self.parts.named_picture(slide, stored.png, (Pt(left), Pt(top), Pt(w), Pt(h)), "Clinic logo", alt)

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


def _box_xml(box: Box) -> str:
    """The offset and extent of a ``a:xfrm`` placing a shape at ``box``."""
    return f'<a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/><a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/>'
