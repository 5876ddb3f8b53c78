"""The presentation package around the slides: part names, sections, and the zip members.

In: a python-pptx ``Presentation`` being built. Out: direct part naming (installed on its
package), PowerPoint sections in its presentation part, and the members its ``save`` would write.
"""

from __future__ import annotations

import bisect
import uuid

from lxml import etree
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PresentationType

from leafdeck.render.deck.xmltext import xml_attr

_SECTIONS_EXTENSION = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
"""The presentation extension PowerPoint 2010 and later keep sections in."""
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_SECTION_NAMESPACE = uuid.UUID("6f1d7c2e-3a9b-5c4d-8e7f-0a1b2c3d4e5f")
"""Section ids are name-based UUIDs under this namespace: the same sections get the same ids."""


def add_sections(prs: PresentationType, names: list[str]) -> None:
    """PowerPoint sections (``p14:sectionLst``), so a presenter can hide or jump to one: each run
    of slides with one section name is a section, in order; a slide naming none stays in the
    section before it (the first ones join the first named). No list when no slide names one."""
    if not any(names):
        return
    ids = [sld_id.get("id") for sld_id in prs.slides._sldIdLst]
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
    presentation = prs.part._element
    ext_lst = presentation.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(presentation, qn("p:extLst"))
    ext_lst.append(ext)


def members(prs: PresentationType) -> dict[str, bytes]:
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


def name_parts_directly(package: OpcPackage) -> None:
    """Name new parts (slides, notes pages, charts, workbooks) by counting on from the highest number
    each name pattern has in the template, and images by the first free number: python-pptx looks
    at every part of the package for each new one, which makes a deck's cost grow with the square
    of its slides. Same names, same order."""
    highest: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template not in highest:
            head, tail = template.split("%d")
            names = [str(part.partname) for part in package.iter_parts()]
            numbers = [n[len(head) : len(n) - len(tail)] for n in names if n.startswith(head) and n.endswith(tail)]
            highest[template] = max((int(n) for n in numbers if n.isdigit()), default=0)
        highest[template] += 1
        return PackURI(template % highest[template])

    images: list[int] | None = None

    def next_image_partname(ext: str) -> PackURI:
        """python-pptx's choice (the first number free among the images' sorted numbers), with the
        numbers collected once and kept up to date instead of walking the package each time."""
        nonlocal images
        if images is None:
            images = sorted(
                part.partname.idx
                for part in package.iter_parts()
                if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None
            )
        number = next((i + 1 for i, used in enumerate(images) if i + 1 < used), len(images) + 1)
        bisect.insort(images, number)
        return PackURI(f"/ppt/media/image{number}.{ext}")

    package.next_partname = next_partname  # type: ignore[method-assign,assignment]
    package.next_image_partname = next_image_partname  # type: ignore[attr-defined]
