"""python-pptx's slide, notes-page and picture parts, added without its repeated searches.

python-pptx builds every new slide's placeholders from its layout, and every notes page's from
the notes master, by querying the layout's or master's XML placeholder by placeholder; and it
finds an image it already holds by hashing it and walking every part of the package. For one
deck those answers never change, so ``Parts`` works each out once and copies it: the slides,
notes pages and pictures it adds are the XML python-pptx writes (same elements, ids, names,
part names and relationship ids), so decks keep their bytes.
"""

from __future__ import annotations

import copy
import re
from typing import Any, cast

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart
from pptx.presentation import Presentation
from pptx.shapes.picture import Picture
from pptx.shapes.placeholder import ChartPlaceholder, PicturePlaceholder, SlidePlaceholder, TablePlaceholder
from pptx.shapes.shapetree import _SlidePlaceholderFactory
from pptx.slide import Slide, SlideLayout
from pptx.util import Length


class Parts:
    """Adds slides, notes pages and pictures to one presentation (python-pptx's objects in and
    out; positions in EMU), remembering what python-pptx would look up again each time."""

    def __init__(self, prs: Presentation) -> None:
        self.prs = prs
        self._placeholders: dict[str, list[etree._Element]] = {}
        """The placeholder shapes python-pptx gives a new slide, by its layout's part name."""
        self._notes: list[etree._Element] | None = None
        """The placeholder shapes python-pptx gives a new notes page."""
        self._body_at = 0
        """Which of them is the body placeholder (the notes' text)."""
        self._images: dict[bytes, ImagePart] = {}
        """Each image's part in the package, by the image's bytes."""
        self._pictures: dict[tuple[object, ...], etree._Element] = {}
        """The XML of each named picture already placed, by image, position, name and alt text."""
        self._by_sha1: dict[str, ImagePart] | None = None
        """The package's image parts by the SHA-1 of their bytes (python-pptx's test of sameness)."""
        self._slide_id: int | None = None
        """The id of the last slide added (``p:sldId``)."""

    def slide(self, layout: SlideLayout | None) -> Slide:
        """A new slide at the end of the deck on ``layout``, as ``slides.add_slide`` makes it."""
        assert layout is not None, "the deck layout names a slide layout the template lacks"
        r_id, slide = self.prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        known = self._placeholders.get(str(layout.part.partname))
        if known is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._placeholders[str(layout.part.partname)] = [copy.deepcopy(e) for e in tree.iter_shape_elms()]
        else:
            tree.extend(copy.deepcopy(element) for element in known)
        ids = self.prs.slides._sldIdLst
        # python-pptx's next id is one above the highest in the list (the list's XPath grows with
        # the deck): asked once, then counted on, unless the ids ever reach the top of their range
        self._slide_id = (
            ids._next_id if self._slide_id is None or self._slide_id >= _LAST_SLIDE_ID else self._slide_id + 1
        )
        ids._add_sldId(id=self._slide_id, rId=r_id)
        return slide

    def notes(self, slide: Slide) -> etree._Element:
        """The text body (``p:txBody``) of the body placeholder of a new notes page for ``slide``
        (which has none yet), the notes page as python-pptx's ``slide.notes_slide`` makes it."""
        if self._notes is None:
            notes = slide.notes_slide
            self._notes = [copy.deepcopy(element) for element in notes.shapes._spTree.iter_shape_elms()]
            frame = notes.notes_text_frame
            assert frame is not None, "the template's notes master has no body placeholder"
            self._body_at = list(notes.shapes._spTree.iter_shape_elms()).index(frame._txBody.getparent())
            return frame._txBody
        part = slide.part
        master = self.prs.part.notes_master_part
        notes_part = NotesSlidePart._add_notes_slide_part(part.package, part, master)
        copies = [copy.deepcopy(element) for element in self._notes]
        notes_part.notes_slide.shapes._spTree.extend(copies)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        body = copies[self._body_at].find(qn("p:txBody"))
        assert body is not None, "the notes body placeholder has its text body"
        return body

    def picture(self, slide: Slide, image: bytes, left: Length, top: Length, width: Length, height: Length) -> Picture:
        """A picture of ``image`` (PNG or JPEG bytes) on ``slide``, as ``shapes.add_picture`` adds it."""
        part = self._image_part(image)
        r_id = slide.part.relate_to(part, RT.IMAGE)
        shapes = slide.shapes
        pic = shapes._add_pic_from_image_part(part, r_id, left, top, width, height)
        return cast("Picture", shapes._shape_factory(pic))

    def _image_part(self, image: bytes) -> ImagePart:
        """The package's part holding ``image``: python-pptx's ``get_or_add_image_part`` (an image
        part with the same SHA-1 if the package has one, else a new part), with the package's
        image parts hashed once per deck instead of walked for every new image."""
        part = self._images.get(image)
        if part is not None:
            return part
        if self._by_sha1 is None:
            self._by_sha1 = {}
            for found in self.prs.part.package.iter_parts():
                if isinstance(found, ImagePart):
                    self._by_sha1.setdefault(found.sha1, found)
        picture = PptxImage.from_blob(image)
        part = self._by_sha1.get(picture.sha1) or ImagePart.new(self.prs.part.package, picture)
        self._by_sha1.setdefault(picture.sha1, part)
        self._images[image] = part
        return part

    def named_picture(
        self, slide: Slide, image: bytes, box: tuple[Length, Length, Length, Length], name: str, alt: str
    ) -> None:
        """``picture`` of ``image`` at ``box`` (left, top, width, height), named ``name``, with alt
        text ``alt``; the same picture again is a copy of the first one's XML with this slide's
        shape id and image relationship (what python-pptx would write)."""
        key = (image, *box, name, alt)
        known = self._pictures.get(key)
        if known is None:
            picture = self.picture(slide, image, *box)
            picture.name = name
            cast("Any", picture._element).nvPicPr.cNvPr.set("descr", alt)
            self._pictures[key] = copy.deepcopy(picture._element)
            return
        r_id = slide.part.relate_to(self._images[image], RT.IMAGE)
        pic = copy.deepcopy(known)
        pic.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}").set("id", str(slide.shapes._next_shape_id))
        pic.find(f"{qn('p:blipFill')}/{qn('a:blip')}").set(qn("r:embed"), r_id)
        slide.shapes._spTree.append(pic)


def placeholders(slide: Slide) -> dict[int, Any]:
    """The slide's placeholder shapes by index (``idx``), the objects ``slide.placeholders`` gives,
    found by one look at each shape's XML instead of python-pptx's XPath per shape and question."""
    found = {}
    parent = slide.placeholders
    for element in slide.shapes._spTree.iter_shape_elms():
        ph = element[0].find(_PH) if len(element) else None
        if ph is not None:
            found[int(ph.get("idx", "0"))] = _placeholder(element, ph, parent)
    return found


def _placeholder(element: Any, ph: Any, parent: Any) -> Any:
    """python-pptx's ``_SlidePlaceholderFactory``: a shape (``p:sp``) placeholder's class by its
    ``ph`` type, read from the ``ph`` element in hand instead of found again by XPath; picture and
    graphic-frame placeholders by python-pptx's factory itself."""
    if element.tag == _SP:
        return _BY_TYPE.get(ph.type, SlidePlaceholder)(element, parent)
    return _SlidePlaceholderFactory(element, parent)


_LAST_SLIDE_ID = 2147483647
"""The highest slide id the schema allows; python-pptx looks for a free one below it from there."""
_PH = f"{qn('p:nvPr')}/{qn('p:ph')}"
_SP = qn("p:sp")
_BY_TYPE = {
    PP_PLACEHOLDER.BITMAP: PicturePlaceholder,
    PP_PLACEHOLDER.CHART: ChartPlaceholder,
    PP_PLACEHOLDER.PICTURE: PicturePlaceholder,
    PP_PLACEHOLDER.TABLE: TablePlaceholder,
}
"""python-pptx's placeholder classes by type; any other type is a ``SlidePlaceholder``."""
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def run_text(text: str) -> str:
    """``text`` as python-pptx stores a run's text: control characters (which XML cannot hold)
    written as ``_xHHHH_``."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)


def set_text(body: etree._Element, text: str) -> None:
    """``frame.text = text`` for the frame of text body ``body`` (``p:txBody`` or ``a:txBody``), as python-pptx sets it (a paragraph per line, a line break per
    vertical tab, control characters escaped as ``_xHHHH_``, no empty runs), written with lxml
    directly: the same elements without python-pptx's per-element lookups."""
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for line in text.split("\n"):
        paragraph = etree.SubElement(body, qn("a:p"))
        for index, piece in enumerate(line.split("\v")):
            if index:
                etree.SubElement(paragraph, qn("a:br"))
            if piece:
                run = etree.SubElement(paragraph, qn("a:r"))
                etree.SubElement(run, qn("a:t")).text = run_text(piece)
