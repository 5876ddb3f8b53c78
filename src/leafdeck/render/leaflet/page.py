"""Page furniture and the document template: frames, the first-page clinic band, footers,
bookmarks and PDF metadata. Everything drawn here is measured from the layout, and tagged
(``tags``): footers, page numbers, the repeated notice and the band's colour as artifacts, the
band's clinic name, phone and logo as content; the canvas writes the structure tree (``tree``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from leafdeck import __version__
from leafdeck.model import KnowledgeBase
from leafdeck.nobreak import unbroken_phone
from leafdeck.passages import marked, phone_marked, plain
from leafdeck.read.images import backdrop, fitted, load_logo
from leafdeck.render import bidi
from leafdeck.render.leaflet import spaces, tags, tree
from leafdeck.render.leaflet.blocks import Bookmark, Heading, Keep, SectionStart
from leafdeck.render.leaflet.fonts import BOLD, REGULAR
from leafdeck.render.leaflet.geometry import frame_width, logo_box, trim_size
from leafdeck.render.leaflet.layout import Page
from leafdeck.render.leaflet.markup import inline
from leafdeck.render.leaflet.styles import Theme, clinic_language
from leafdeck.render.leaflet.tagged import Para as Paragraph


class TooLarge(Exception):
    """A flowable larger than a whole frame: ``head`` is what was being placed (it holds the
    tagged item somewhere inside), ``section`` the outline section, ``page`` where it failed."""

    def __init__(self, head: Flowable | None, section: str, page: int, frame: tuple[float, float]) -> None:
        super().__init__(f"too large on page {page} (section {section})")
        self.head, self.section, self.page, self.frame = head, section, page, frame


class LeafletDoc(BaseDocTemplate):
    """Adds a bookmark for every heading as it is placed, and records what lands where: the
    outline section of every flowable placed (``placed``: (page, section)), and the empty height
    left at the foot of each page (``empty``: (page, empty pt, frame height pt))."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = ""
        self.placed: list[tuple[int, str]] = []
        self.empty: list[tuple[int, float, float]] = []
        self._head: Flowable | None = None

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SectionStart):
            self.section = flowable.name
            return
        if isinstance(flowable, Flowable) and not isinstance(flowable, ActionFlowable):
            self.placed.append((self.page, self.section))
        if isinstance(flowable, Heading | Bookmark):
            key = f"h{id(flowable)}"
            frame = self.frame
            top = frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0.0)
            self.canv.bookmarkPage(key, fit="XYZ", left=frame._x1, top=top)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=flowable.outline_level)

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        super().handle_keepWithNext(flowables)
        self._head = flowables[0]

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            frame = (self.frame._aW, self.frame._y2 - self.frame._y1p)
            raise TooLarge(self._head, self.section, self.page, frame) from None

    def handle_pageEnd(self) -> None:
        frame = self.frame
        self.empty.append((self.page, max(0.0, frame._y - frame._y1p), frame._y2 - frame._y1p))
        super().handle_pageEnd()


def document(
    target: Path | IO[bytes], kb: KnowledgeBase, theme: Theme, geometry: Band, panels: int = 1, *, painted: bool = True
) -> LeafletDoc:
    """The document template writing to ``target`` (a path or a binary file), with first and later
    page templates and full metadata. ``painted`` False: a measurement (``writer.fits``), which
    needs only where the flowables fall: nothing is drawn on the pages (``Unpainted``) and
    nothing is written (``measuring_canvas``)."""
    page = theme.layout.page
    width, height = trim_size(page, panels)
    bleed = page.bleed
    boxes: dict[str, Any] = {}
    if bleed:
        boxes = {
            "trimBox": (bleed, bleed, bleed + width, bleed + height),
            "bleedBox": (0, 0, width + 2 * bleed, height + 2 * bleed),
        }
    doc = LeafletDoc(
        str(target) if isinstance(target, Path) else target,
        pagesize=(width + 2 * bleed, height + 2 * bleed),
        title=plain(kb.document.title),
        author=kb.governance.publisher.name,
        subject=plain(kb.document.decision),
        keywords=list(kb.document.keywords),
        creator=f"leafdeck {__version__}",
        producer=f"leafdeck {__version__}",
        lang=kb.document.language,
        displayDocTitle=1,
        invariant=1,
        pageCompression=1,
        leftMargin=page.margins.left + bleed,
        rightMargin=page.margins.right + bleed,
        topMargin=page.margins.top + bleed,
        bottomMargin=page.margins.bottom + bleed,
        **boxes,
    )
    doc.keepTogetherClass = lambda flowables: Keep(flowables, theme.layout.max_gap)
    height = geometry.height(theme.layout.box.padding)
    kind = Frame if painted else Unpainted
    band_drawn = _first_page(theme, geometry) if painted else _nothing
    first = PageTemplate("first", _frames(doc, page, height, panels, kind), onPage=band_drawn)
    later = PageTemplate("later", _frames(doc, page, 0.0, panels, kind))
    doc.addPageTemplates([first, later])
    return doc


def _frames(doc: BaseDocTemplate, page: Page, band: float, panels: int, kind: type[Frame] = Frame) -> list[Frame]:
    column = frame_width(page, panels)
    height = doc.height - band
    return [
        kind(
            doc.leftMargin + i * (column + page.gutter),
            doc.bottomMargin,
            column,
            height,
            id=f"c{i}",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        for i in range(page.columns)
    ]


class Unpainted(Frame):
    """A frame that places flowables exactly as ``Frame`` does (the same wraps, splits and
    positions) but does not draw them: a measurement needs only where they fall and throws the
    pages away. Drawing is about half of laying a booklet out (the icon arrays' shapes are made
    when drawn, every line of text is set and tagged)."""

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        own = vars(flowable)  # set there directly: drawings refuse unknown attributes when shapes are checked
        before = own.get("drawOn")
        own["drawOn"] = _nothing  # an instance attribute: hides the class's drawOn and any override
        try:
            placed: int = super()._add(flowable, canv, trySplit)
        finally:
            if before is None:
                del own["drawOn"]
            else:
                own["drawOn"] = before
        return placed

    add = _add


def _nothing(*args: Any, **kwargs: Any) -> None:
    """Draws nothing (a measurement's frames and first-page band)."""


def later_pages() -> NextPageTemplate:
    """Switch to the later-page template after the first page."""
    return NextPageTemplate("later")


@dataclass(frozen=True)
class Band:
    """Where the clinic's name, phone and logo go in the first-page band."""

    logo_width: float
    logo_height: float
    stacked: bool
    """True in narrow panels: the logo sits above the text instead of beside it."""
    text_width: float
    text_height: float

    def height(self, pad: float) -> float:
        """Height of the band plus the gap below it."""
        logo = self.logo_height + (pad if self.stacked and self.logo_height else 0.0)
        inner = logo + self.text_height if self.stacked else max(self.logo_height, self.text_height)
        return inner + pad * 3


def band(theme: Theme, width: float) -> Band:
    """The band's geometry: a logo of the layout's height (narrower than 40% of the band,
    keeping its proportions) beside the text, or above it when that makes the band shorter (a
    long clinic name wraps into fewer lines across the whole band) or the text would be cramped
    beside it. The phone number never breaks inside its digits (``unbroken_phone``)."""
    pad = theme.layout.box.padding
    if not theme.clinic.logo:
        return _arranged(theme, 0.0, 0.0, False, width - 2 * pad)
    logo_w, logo_h = logo_box(theme.layout, width, load_logo(theme.root / theme.clinic.logo))
    beside = width - 2 * pad - (logo_w + pad)
    stacked = _arranged(theme, logo_w, logo_h, True, width - 2 * pad)
    if beside < (width - 2 * pad) * 0.55:
        return stacked
    side = _arranged(theme, logo_w, logo_h, False, beside)
    return stacked if stacked.height(pad) < side.height(pad) else side


def _arranged(theme: Theme, logo_w: float, logo_h: float, stacked: bool, text_width: float) -> Band:
    text_height = sum(p.wrap(text_width, 10_000)[1] for p in _band_lines(theme))
    return Band(logo_w, logo_h, stacked, text_width, text_height)


def _band_lines(theme: Theme) -> list[Paragraph]:
    clinic, style = theme.clinic, theme["banner"]
    regular = ParagraphStyle("banner_regular", parent=style, fontName=REGULAR)
    lang = clinic_language(theme)
    phone = theme.labels("phone", phone=phone_marked(unbroken_phone(clinic.phone), lang))  # a number: no language
    return [Paragraph(inline(marked(clinic.name, lang)), style), Paragraph(inline(phone), regular)]


def _first_page(theme: Theme, geometry: Band) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        pad = theme.layout.box.padding
        height = geometry.height(pad) - pad
        top = doc.pagesize[1] - doc.topMargin
        left, right = doc.leftMargin, doc.leftMargin + doc.width
        canvas.saveState()
        with tags.artifact(canvas):
            canvas.setFillColor(theme.colour("primary"))
            canvas.rect(left, top - height, doc.width, height, stroke=0, fill=1)
        y = top - pad
        stacked = bool(theme.clinic.logo) and geometry.stacked
        if stacked:  # the logo above the text: read first
            _band_logo(canvas, theme, left + pad, y - geometry.logo_height, geometry)
            y -= geometry.logo_height + pad
        for line in _band_lines(theme):
            _, h = line.wrap(geometry.text_width, height)
            line.drawOn(canvas, left + pad, y - h)
            y -= h
        if theme.clinic.logo and not stacked:  # the logo right of the text: read after it
            logo_y = top - height / 2 - geometry.logo_height / 2
            _band_logo(canvas, theme, right - pad - geometry.logo_width, logo_y, geometry)
        canvas.restoreState()

    return draw


def _band_logo(canvas: Canvas, theme: Theme, x: float, y: float, geometry: Band) -> None:
    """The logo at (x, y) (points), tagged as a Figure with its alternative text, in the
    clinic's language when the text is the clinic's own (``logo_alt_language``)."""
    with tags.marked(canvas, "Figure", alt=logo_alt(theme), lang=logo_alt_language(theme)):
        _logo(canvas, theme, x, y, geometry)


def logo_alt_language(theme: Theme) -> str | None:
    """The language of the logo's alternative text when it is not the leaflet's: the clinic's
    (``Clinic.language``) when the clinic wrote it (``logo_alt``), else None (the label is in
    the leaflet's language)."""
    return clinic_language(theme) if theme.clinic.logo_alt else None


def logo_alt(theme: Theme) -> str:
    """The logo's alternative text: the clinic's own (``logo_alt``), else "<clinic> logo" in the
    leaflet's language."""
    clinic = theme.clinic
    return clinic.logo_alt or theme.labels("deck_logo_alt", clinic=clinic.name)


def _logo(canvas: Canvas, theme: Theme, x: float, y: float, geometry: Band) -> None:
    """The clinic's logo at (x, y), scaled down to what its printed size needs, on a plate of
    the layout's colour when it would not stand out on the band (``read.images.backdrop``)."""
    assert theme.clinic.logo is not None
    logo = load_logo(theme.root / theme.clinic.logo)  # normalised once: upright, 8-bit
    width, height, plate = geometry.logo_width, geometry.logo_height, theme.layout.logo_plate
    if backdrop(logo, theme.clinic.primary, plate.colour).plate:
        canvas.setFillColor(HexColor(plate.colour))
        pad = plate.padding
        canvas.rect(x - pad, y - pad, width + 2 * pad, height + 2 * pad, stroke=0, fill=1)
    image = ImageReader(fitted(logo, width, height).stream())
    canvas.drawImage(image, x, y, width, height, mask="auto")


class FooterCanvas(Canvas):
    """Defers every page until the end so the footer can say "page X of Y"; draws the notice
    (an out-of-date stamp, an unchecked or unfinished translation) at the top of every page
    after the first (the first has it in a box)."""

    footer: tuple[Theme, str] | None = None
    notice: str | None = None
    document: tuple[str, str, str] = ("", "en", "")
    """The title, language and tool named in the XMP metadata."""
    tagging = True
    broken_lines: frozenset[int] = frozenset()
    """Lines of the paragraph being drawn that end inside a word (``spaces.broken_lines``)."""
    """Tag the PDF (PDF/UA-1). Off only to measure what tagging costs (``benchmarks/bench.py``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []
        self.tagger: tags.Tagger | None = tags.Tagger() if self.tagging else None
        self.setNamedCB(tags.PASSAGE, tags.passage)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()
        if self.tagger is not None:
            self.tagger.page = len(self._pages)

    def save(self) -> None:
        total = len(self._pages)
        pages = []
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            if self.tagger is not None:
                self.tagger.page = number - 1
            self._draw_footer(number, total)
            self._draw_notice(number)
            for key, where in self._bookmarks:
                super().bookmarkPage(key, **where)
            pages.append(self._doc.thisPageRef())
            super().showPage()
        if self.tagger is not None:
            tree.write(self.tagger, self._doc, pages, *self.document)
        super().save()

    def bookmarkPage(self, key: str, **where: Any) -> None:
        """A destination on the page being drawn, registered when that page is written out:
        pages are deferred (``save``), so reportlab's document would otherwise name page 1."""
        self._bookmarks.append((key, where))

    def _setAnnotations(self, page: Any) -> None:
        """Also give the page its key in the structure's parent tree and the tab order of its
        structure (PDF/UA 7.18.3)."""
        super()._setAnnotations(page)
        if self.tagger is None:
            return
        page.__Defaults__ = {
            **page.__Defaults__,
            "StructParents": self._doc.pageCounter - 1,
            "Tabs": PDFName("S"),
        }

    def drawText(self, aTextObject: Any) -> None:
        """Also give each line a real space at its end, for text read from the tags (``spaces``)."""
        if self.tagger is not None:
            code = spaces.spaced(" ".join(aTextObject._code), self._doc, self.broken_lines)
            aTextObject._code = [tags.passages_marked(self, code)]
        tags.bullet_drawn(self, lambda: super(FooterCanvas, self).drawText(aTextObject))

    def linkURL(self, url: str, rect: Any, *args: Any, **kwargs: Any) -> None:
        """A link, also recorded for the structure tree, described by its address."""
        super().linkURL(url, rect, *args, **kwargs)
        tags.link(self, self._annotation, self._annotationrefs[-1], url.split(":", 1)[-1].lstrip("/"), url)

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        self._annotation = annotation
        super()._addAnnotation(annotation, name, addtopage)

    def _draw_footer(self, number: int, total: int) -> None:
        assert self.footer is not None
        theme, left_text = self.footer
        page = theme.layout.page
        style = theme["footer"]
        width, _ = self._pagesize
        y = page.bleed + page.margins.bottom / 2 - style.fontSize / 2
        left, right = page.bleed + page.margins.left, width - page.bleed - page.margins.right
        panels = theme.layout.imposition == "trifold"  # folded panels: no numbers; the version on the back
        if panels and number != total:
            return
        numbering = "" if panels else theme.labels("page_of", n=number, total=total)
        room = right - left - stringWidth(numbering, REGULAR, style.fontSize) - style.fontSize
        with tags.artifact(self, "Pagination", "Footer"):
            self.saveState()
            self.setFont(REGULAR, style.fontSize)
            self.setFillColor(theme.colour("muted"))
            self.drawString(left, y, bidi.line(_fit(left_text, room, style.fontSize), REGULAR, style.fontSize))
            self.drawRightString(right, y, bidi.line(numbering, REGULAR, style.fontSize))
            self.restoreState()

    def _draw_notice(self, number: int) -> None:
        """The notice in the top margin of page ``number``, in bold text colour: whole when it
        fits on one line, else its first sentences that do; not on the first page, whose box has
        it in full (printed twice, it read as two notices). With no box (``notice_box: false``),
        all of it, wrapped, on every page. Running text on every page is an artifact, except on
        the first page of a layout with no box: there it is read first."""
        if not self.notice or self.footer is None:
            return
        theme, _ = self.footer
        if number == 1 and theme.layout.notice_box:
            return
        page, size = theme.layout.page, theme["footer"].fontSize
        width, height = self._pagesize
        left, right = page.bleed + page.margins.left, width - page.bleed - page.margins.right
        if theme.layout.notice_box:
            lines = _notice_lines(self.notice, right - left, size)
        else:  # no box repeats it: the whole notice, on as many lines as the margin holds
            lines = simpleSplit(" ".join(self.notice.split()), BOLD, size, right - left)
        y = height - page.bleed - page.margins.top / 2 + (len(lines) - 1) * size * 0.6 - size / 3
        read = number == 1 and not theme.layout.notice_box
        with tags.marked(self, "P", first=True) if read else tags.artifact(self, "Pagination", "Header"):
            self.saveState()
            self.setFont(BOLD, size)
            self.setFillColor(theme.colour("text"))
            for line in lines:
                self.drawString(left, y, bidi.line(line, BOLD, size))
                y -= size * 1.2
            self.restoreState()


def _notice_lines(text: str, room: float, size: float) -> list[str]:
    """One line: the whole notice, or as many of its first sentences as fit; the first sentence
    wrapped only when even it is too long."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    shown = ""
    for sentence in sentences:
        candidate = f"{shown} {sentence}".strip()
        if stringWidth(candidate, BOLD, size) > room:
            break
        shown = candidate
    return [shown] if shown else simpleSplit(sentences[0], BOLD, size, room)


def _fit(text: str, room: float, size: float) -> str:
    """The footer text, shortened to its last part (the version) when the whole does not fit."""
    if stringWidth(text, REGULAR, size) <= room:
        return text
    short = text.rsplit(" · ", 1)[-1]
    return short if stringWidth(short, REGULAR, size) <= room else ""


class MeasuringCanvas(FooterCanvas):
    """The canvas of a measurement (``document(painted=False)``): pages are counted as they end,
    nothing is tagged, and ``save`` writes nothing (no footers, structure tree or PDF)."""

    tagging = False

    def save(self) -> None:
        pass


def footer_canvas(
    theme: Theme, kb: KnowledgeBase, notice: str | None = None, *, painted: bool = True
) -> type[FooterCanvas]:
    """A canvas class whose footer carries the title and version, and whose pages all show
    ``notice``; with ``painted`` False, a ``MeasuringCanvas`` that writes nothing."""
    title = plain(kb.document.title)
    text = theme.labels("footer", title=title, version=kb.governance.version)
    document = (title, kb.document.language, f"leafdeck {__version__}")
    kind = FooterCanvas if painted else MeasuringCanvas
    return type("LeafletCanvas", (kind,), {"footer": (theme, text), "notice": notice, "document": document})
