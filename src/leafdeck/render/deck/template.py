"""Generate ``layouts/deck-template.pptx`` from python-pptx's default template and deck-base.yaml.

Run ``python -m leafdeck.render.deck.template`` (or ``make template``) after changing the boxes,
sizes or theme in ``layouts/deck-base.yaml``. The result is committed; the renderer opens it and
applies the clinic's colours and logo at build time.

What it does to the default (4:3, Office theme) template:
- 16:9 slide size, every master and layout shape widened to match;
- placeholders of the master and of the layouts the decks use moved to the YAML boxes;
- text styles from the YAML (sizes, bullets, indents, spacing), no autofit anywhere;
- a neutral theme (colours from the YAML, Calibri for headings and body);
- a title band and a footer rule on the master, a full-width band on the title slide;
- "Two Content" becomes "Text and Chart": a text placeholder and a chart placeholder;
- the layouts the decks do not style (section header, comparison, captions, vertical text) dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PresentationFile
from pptx.slide import SlideLayout
from pptx.util import Pt

from leafdeck.read.layout import load_unchecked
from leafdeck.render.deck.layout import Box, DeckLayout, Insets
from leafdeck.render.deck.normalise import normalise
from leafdeck.render.deck.xmltext import xml_attr

BASE_YAML = "deck-base.yaml"
TEMPLATE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Fixed creation date of the template file, so regenerating it gives the same bytes."""

_KEPT_LAYOUTS = ("Title Slide", "Title and Content", "Two Content", "Title Only", "Blank")
"""Layouts kept from the default template: the decks use the first three, people editing a deck
may add the others. The rest (section header, comparison, captions, vertical text) are dropped
rather than left unstyled for 16:9."""
_APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>leafdeck</Application><PresentationFormat>Widescreen</PresentationFormat></Properties>"
)
"""Extended properties: the default template's say "Microsoft Macintosh PowerPoint" and 4:3."""
_THEME_ORDER: tuple[str, ...] = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
)
_THEME_ORDER += ("hlink", "folHlink")


def build_template(layout: DeckLayout) -> bytes:
    """The template's bytes, generated from the layout's geometry, text styles and theme."""
    prs = Presentation()
    ratio = Pt(layout.slide.width) / prs.slide_width
    prs.slide_width, prs.slide_height = Pt(layout.slide.width), Pt(layout.slide.height)
    master = prs.slide_master
    for unused in [lay for lay in prs.slide_layouts if lay.name not in _KEPT_LAYOUTS]:
        prs.slide_layouts.remove(unused)
    for element in [master.element, *(lay.element for lay in prs.slide_layouts)]:
        _widen(element, ratio)
    _named(prs, "Blank").element.set("showMasterSp", "0")
    _style_master(master.element, layout)
    _style_cover(_named(prs, "Title Slide").element, layout)
    _style_chart_layout(_named(prs, "Two Content").element, layout)
    theme = master.part.part_related_by(RT.THEME)
    theme.blob = theme_xml(theme.blob, {name: getattr(layout.theme, name) for name in _THEME_ORDER}, layout.font.name)
    _drop_thumbnail(prs)
    _set_properties(prs)
    app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    app.blob = _APP_PROPERTIES
    out = io.BytesIO()
    prs.save(out)
    return normalise(out.getvalue(), TEMPLATE_DATE)


def theme_xml(blob: bytes, colours: dict[str, str], font: str | None = None) -> bytes:
    """A theme part with the named scheme colours (``#RRGGBB``) and, optionally, both theme fonts set."""
    root = etree.fromstring(blob)
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    for name, colour in colours.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    if font is not None:
        scheme.set("name", "leafdeck")
        for which in ("a:majorFont", "a:minorFont"):
            root.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}/{qn(which)}/{qn('a:latin')}").set("typeface", font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _widen(element: etree._Element, ratio: float) -> None:
    """Stretch every shape horizontally by ``ratio`` (4:3 to 16:9)."""
    for xfrm in element.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None and ext is not None:
            off.set("x", str(round(int(off.get("x")) * ratio)))
            ext.set("cx", str(round(int(ext.get("cx")) * ratio)))


def _style_master(master: etree._Element, layout: DeckLayout) -> None:
    boxes, sizes = layout.boxes, layout.sizes
    for ph_type, box in (("title", boxes.title), ("body", boxes.body), ("ftr", boxes.citation)):
        _place(_placeholder(master, ph_type), box)
    _place(_placeholder(master, "sldNum"), boxes.slide_number)
    _place(_placeholder(master, "dt"), boxes.logo)
    for sp in master.iter(qn("p:sp")):
        _body_pr(sp, layout)
    _placeholder(master, "title").find(qn("p:txBody")).find(qn("a:bodyPr")).set("anchor", "ctr")
    tree = master.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    _insert_rect(tree, "Title bar", boxes.title_bar, _scheme_fill("tx2"))
    _insert_rect(tree, "Footer rule", boxes.footer_rule, _rgb_fill(layout.palette.rule))
    styles = master.find(qn("p:txStyles"))
    _title_style(styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")), sizes.title[0], layout)
    body = styles.find(qn("p:bodyStyle"))
    _body_level(body.find(qn("a:lvl1pPr")), layout, 0)
    _body_level(body.find(qn("a:lvl2pPr")), layout, 1)
    for ph_type, size in (("ftr", sizes.citation), ("sldNum", sizes.slide_number), ("dt", sizes.citation)):
        _placeholder(master, ph_type).find(f".//{qn('a:defRPr')}").set("sz", _hundredths(size))


def _style_cover(cover: etree._Element, layout: DeckLayout) -> None:
    boxes, sizes = layout.boxes, layout.sizes
    cover.set("showMasterSp", "0")
    tree = cover.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    _insert_rect(tree, "Cover band", boxes.cover_band, _scheme_fill("tx2"))
    title = _placeholder(cover, "ctrTitle")
    _place(title, boxes.cover_title)
    _body_pr(title, layout, layout.text.cover_title_insets).set("anchor", "b")
    _replace_lst_style(title, _title_style(_new("a:lvl1pPr"), sizes.cover_title[0], layout))
    subtitle = _placeholder(cover, "subTitle")
    _place(subtitle, boxes.cover_subtitle)
    _body_pr(subtitle, layout).set("anchor", "t")
    level = _plain_level(_new("a:lvl1pPr"), sizes.cover_subtitle[0], layout)
    _replace_lst_style(subtitle, level)


def _style_chart_layout(chart_layout: etree._Element, layout: DeckLayout) -> None:
    chart_layout.find(qn("p:cSld")).set("name", layout.layouts.chart)
    text, chart = (sp for sp in chart_layout.iter(qn("p:sp")) if sp.find(f".//{qn('p:ph')}").get("idx") in ("1", "2"))
    _place(text, layout.boxes.beside_chart)
    _replace_lst_style(text, None)
    _place(chart, layout.boxes.chart)
    _replace_lst_style(chart, None)
    ph = chart.find(f".//{qn('p:ph')}")
    ph.set("type", "chart")
    chart.find(f".//{qn('p:cNvPr')}").set("name", "Chart Placeholder 3")


def _placeholder(parent: etree._Element, ph_type: str) -> etree._Element:
    return next(sp for sp in parent.iter(qn("p:sp")) if _ph_type(sp) == ph_type)


def _ph_type(sp: etree._Element) -> str | None:
    ph = sp.find(f".//{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")


def _place(sp: etree._Element, box: Box) -> None:
    sp_pr = sp.find(qn("p:spPr"))
    for old in sp_pr.findall(qn("a:xfrm")):
        sp_pr.remove(old)
    sp_pr.insert(0, _xfrm(box))


def _xfrm(box: Box) -> etree._Element:
    return parse_xml(
        f'<a:xfrm {nsdecls("a")}><a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/>'
        f'<a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/></a:xfrm>'
    )


def _body_pr(sp: etree._Element, layout: DeckLayout, insets: Insets | None = None) -> etree._Element:
    """Insets from the YAML, wrapping on, and never autofit (PowerPoint ignores it until edited)."""
    body_pr = sp.find(qn("p:txBody")).find(qn("a:bodyPr"))
    insets = insets or layout.text.insets
    for attr, value in (("lIns", insets.left), ("rIns", insets.right), ("tIns", insets.top), ("bIns", insets.bottom)):
        body_pr.set(attr, str(Pt(value)))
    body_pr.set("wrap", "square")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    return body_pr


def _title_style(level: etree._Element, size: float, layout: DeckLayout) -> etree._Element:
    level.set("algn", "l")
    children = [_spacing("a:lnSpc", layout.text.line_spacing), _points("a:spcBef", 0), _new("a:buNone")]
    _set_children(level, [*children, _run_props(size, "bg1", bold=True)])
    return level


def _body_level(level: etree._Element, layout: DeckLayout, depth: int) -> None:
    text = layout.text
    level.set("marL", str(Pt(text.indent + text.level_indent * depth)))
    level.set("indent", str(-Pt(text.indent)))
    children = [
        _spacing("a:lnSpc", text.line_spacing),
        _points("a:spcBef", text.space_before if depth == 0 else text.space_before_sub),
        parse_xml(f'<a:buFont {nsdecls("a")} typeface="{xml_attr(layout.font.name)}"/>'),
        parse_xml(f'<a:buChar {nsdecls("a")} char="{xml_attr(text.bullets[depth])}"/>'),
        _run_props(layout.sizes.body[0], "tx1"),
    ]
    _set_children(level, children)


def _plain_level(level: etree._Element, size: float, layout: DeckLayout) -> etree._Element:
    level.set("marL", "0")
    level.set("indent", "0")
    level.set("algn", "l")
    children = [
        _spacing("a:lnSpc", layout.text.line_spacing),
        _points("a:spcBef", layout.text.space_before),
        _new("a:buNone"),
        _run_props(size, "tx1"),
    ]
    _set_children(level, children)
    return level


def _set_children(parent: etree._Element, children: list[etree._Element]) -> None:
    for child in list(parent):
        parent.remove(child)
    parent.extend(children)


def _replace_lst_style(sp: etree._Element, level: etree._Element | None) -> None:
    tx_body = sp.find(qn("p:txBody"))
    lst = tx_body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    if level is not None:
        lst.append(level)


def _run_props(size: float, scheme: str, *, bold: bool = False) -> etree._Element:
    b = ' b="1"' if bold else ""
    return parse_xml(
        f'<a:defRPr {nsdecls("a")} sz="{_hundredths(size)}" kern="1200"{b}>'
        f'<a:solidFill><a:schemeClr val="{scheme}"/></a:solidFill>'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>'
    )


def _spacing(name: str, multiple: float) -> etree._Element:
    return parse_xml(f'<{name} {nsdecls("a")}><a:spcPct val="{round(multiple * 100000)}"/></{name}>')


def _points(name: str, points: float) -> etree._Element:
    return parse_xml(f'<{name} {nsdecls("a")}><a:spcPts val="{round(points * 100)}"/></{name}>')


def _new(name: str) -> etree._Element:
    return etree.Element(qn(name))


def _hundredths(size: float) -> str:
    return str(round(size * 100))


def _scheme_fill(scheme: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{scheme}"/></a:solidFill>'


def _rgb_fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>'


def _insert_rect(tree: etree._Element, name: str, box: Box, fill: str) -> None:
    """A borderless rectangle behind every placeholder (inserted right after the group properties)."""
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    rect = parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{max(ids) + 1}" name="{xml_attr(name)}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{Pt(box.left)}" y="{Pt(box.top)}"/>'
        f'<a:ext cx="{Pt(box.width)}" cy="{Pt(box.height)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{fill}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )
    tree.insert(list(tree).index(tree.find(qn("p:grpSpPr"))) + 1, rect)


def _named(prs: PresentationFile, name: str) -> SlideLayout:
    """python-pptx's default template's slide layout called ``name`` (it has them all)."""
    found = prs.slide_layouts.get_by_name(name)
    assert found is not None, f"python-pptx's default template has no {name!r} layout"
    return found


def _drop_thumbnail(prs: PresentationFile) -> None:
    """The default template's thumbnail shows python-pptx's blank slide; leave none rather than a wrong one."""
    package = prs.part.package
    for rel in [rel for rel in package.iter_rels() if rel.reltype == RT.THUMBNAIL]:
        package.drop_rel(rel.rId)


def _set_properties(prs: PresentationFile) -> None:
    props = prs.core_properties
    props.title = "leafdeck talk template"
    props.author = props.last_modified_by = "leafdeck"
    props.comments = "Generated by python -m leafdeck.render.deck.template from layouts/deck-base.yaml"
    props.revision = 1
    props.created = props.modified = TEMPLATE_DATE.replace(tzinfo=None)


def load_base(layouts: Path) -> DeckLayout:
    """deck-base.yaml, validated without checking that the template it names exists yet."""
    return load_unchecked(layouts / BASE_YAML, DeckLayout)


def main(argv: list[str] | None = None) -> int:
    """Write the template next to deck-base.yaml (default folder: layouts/)."""
    layouts = Path((argv if argv is not None else sys.argv[1:] or ["layouts"])[0])
    layout = load_base(layouts)
    target = layouts / layout.template
    target.write_bytes(build_template(layout))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
