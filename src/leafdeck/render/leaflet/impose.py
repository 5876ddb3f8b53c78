"""Print-shop imposition with pypdf: A5 booklets on A4 sheets, tri-fold panels on one sheet;
and where a tri-fold's content breaks to a new panel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from leafdeck.render.leaflet import tree
from leafdeck.render.leaflet.blocks import SectionStart
from leafdeck.render.leaflet.layout import TrifoldSpec

if TYPE_CHECKING:  # pypdf is imported where a file is imposed: laying out only (a check) needs none of it
    from pypdf import PdfReader, PdfWriter


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Page pairs (left, right), 1-based, for each sheet side of a saddle-stitched booklet.

    ``pages`` must be a multiple of 4. Sheet fronts and backs alternate, so printing them in
    this order on both sides (flip on the short edge), then folding, gives pages 1..n in order.
    """
    if pages % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, got {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, pages - 1 - 2 * sheet))
    return sides


def impose_booklet(source: Path, target: Path, print_only: tuple[str, str] | None = None) -> None:
    """Put ``source``'s pages two to a sheet, in booklet order, padding with blank pages.
    ``print_only``: the title and note the file then carries (``_finish``)."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(source)
    pages = list(reader.pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    while len(pages) % 4:
        pages.insert(len(pages) - 1, PageObject.create_blank_page(width=width, height=height))
    writer = PdfWriter()
    for left, right in booklet_order(len(pages)):
        sheet = writer.add_blank_page(width=2 * width, height=height)
        sheet.merge_transformed_page(pages[left - 1], Transformation())
        sheet.merge_transformed_page(pages[right - 1], Transformation().translate(width, 0))
    _finish(writer, reader, target, print_only)


TRIFOLD_PANELS = 6
"""A tri-fold has six panels, three on each side of the sheet."""
TRIFOLD_SHEETS = ((5, 6, 1), (2, 3, 4))
"""Panels (1-based, in reading order) left to right on the outside and inside of the sheet.
Outside: the flap that folds in, the back, the front cover. Inside: the three panels seen when
it is opened. So the cover is the outside right panel and the back the outside middle one."""


def page_count(source: Path) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(source).pages)


def panel_breaks(flowables: Sequence[Flowable], sections: Sequence[str]) -> list[Flowable]:
    """``flowables`` laid out for panels: a break to a new panel before the start of each section
    named in ``sections`` (a layout's ``trifold.new_panel``), unless it is already the first
    thing; and no paragraph split between two panels (the next panel may be on the other side of
    the sheet), so each one that does not fit moves whole to the next panel."""
    out: list[Flowable] = []
    for flowable in flowables:
        starts = isinstance(flowable, SectionStart) and flowable.name in sections
        if starts and any(not isinstance(f, SectionStart) for f in out):
            out.append(PageBreak())
        whole = isinstance(flowable, Paragraph) and not flowable.getKeepWithNext()
        out.append(_Whole([flowable]) if whole else flowable)
    return out


class _Whole(KeepTogether):
    """One paragraph that moves to the next panel rather than split (split only when it is taller
    than a whole panel); keeps the paragraph's attributes (its knowledge-base item) visible."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("leafdeck_"):
            return getattr(cast("list[Flowable]", self._content)[0], name)
        raise AttributeError(name)


def trifold_breaks(spec: TrifoldSpec) -> list[tuple[str, ...]]:
    """The panel breaks to try, in order: the layout's own (``trifold.new_panel``), then without
    the break before the back panel, for when the back's content (a long clinic address, many
    sources) is more than one panel and must start on the panel before."""
    return [spec.new_panel, spec.new_panel[:-1]] if len(spec.new_panel) > 1 else [spec.new_panel]


def trifold_notes(pages: int) -> int:
    """How much ruled notes space goes before the back panel of a layout that needed ``pages``
    panels: the rest of the panel before the back, plus whole panels while there are too few
    (a blank panel is never printed; no panel is left mostly empty). The reader gets room for
    their own questions (PEMAT: a tangible tool)."""
    return max(TRIFOLD_PANELS - pages, 0)


def impose_trifold(source: Path, target: Path, print_only: tuple[str, str] | None = None) -> None:
    """Six panel-sized pages → two landscape sheet sides, in folding order (``TRIFOLD_SHEETS``);
    ``print_only`` as for ``impose_booklet``.

    Raises ValueError for any other number of pages: a blank panel is never added."""
    from pypdf import PdfReader, PdfWriter, Transformation

    reader = PdfReader(source)
    pages = list(reader.pages)
    if len(pages) != TRIFOLD_PANELS:
        raise ValueError(f"a tri-fold needs exactly {TRIFOLD_PANELS} panels, got {len(pages)}")
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    writer = PdfWriter()
    for panels in TRIFOLD_SHEETS:
        sheet = writer.add_blank_page(width=3 * width, height=height)
        for slot, panel in enumerate(panels):
            sheet.merge_transformed_page(pages[panel - 1], Transformation().translate(slot * width, 0))
    _finish(writer, reader, target, print_only)


IMPOSED = (
    "Imposed for printing and folding: pages are in print order, not reading order, and carry no "
    "tags for assistive technology. To read on screen or with a screen reader, use the tagged "
    "leaflet (leaflet, large print, option grid or decision aid PDF) or the web page."
)
"""What an imposed file's metadata says of itself (``/Imposition`` in its document information)."""


def _finish(writer: PdfWriter, reader: PdfReader, target: Path, print_only: tuple[str, str] | None) -> None:
    """Keep the metadata and language, say the file is imposed (``IMPOSED``), then write
    deterministically. ``print_only`` (title, note; labels ``print_title``, ``print_only_note``):
    where a screen reader looks first, the title says the file is for printing and the subject
    and the XMP description carry the note (the file has no tags, so nothing inside says it)."""
    from pypdf.generic import NameObject

    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if k not in ("/CreationDate", "/ModDate")})
    writer.add_metadata({"/Imposition": IMPOSED})
    root = reader.root_object
    for key in ("/Lang", "/ViewerPreferences"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key]
    if print_only:
        _say_print_only(writer, reader, *print_only)
    writer.compress_identical_objects()
    with target.open("wb") as handle:
        writer.write(handle)


def _say_print_only(writer: PdfWriter, reader: PdfReader, title: str, note: str) -> None:
    """Title and subject in the document information, and the same in XMP (no PDF/UA claim)."""
    from pypdf.generic import NameObject, StreamObject

    writer.add_metadata({"/Title": title, "/Subject": note})
    lang = str(reader.root_object.get("/Lang", ""))
    creator = str(reader.metadata.get("/Creator", "")) if reader.metadata else ""
    packet = tree.xmp_packet(title, lang, creator, note, tagged=False).encode("utf-8")
    stream = StreamObject()
    stream.set_data(packet)
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
