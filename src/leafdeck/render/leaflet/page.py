"""Page furniture and the document template: frames, the first-page clinic band, footers,
bookmarks and PDF metadata. Everything drawn here is measured from the layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, A5, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Paragraph

from leafdeck import __version__
from leafdeck.model import KnowledgeBase
from leafdeck.render.leaflet.blocks import Heading
from leafdeck.render.leaflet.fonts import REGULAR
from leafdeck.render.leaflet.layout import Page
from leafdeck.render.leaflet.styles import Theme

_SIZES = {"A4": A4, "letter": letter, "A5": A5}


def trim_size(page: Page, panels: int = 1) -> tuple[float, float]:
    """Width and height of the trimmed page (or of one of its ``panels``), in points."""
    width, height = landscape(_SIZES[page.size]) if page.landscape else _SIZES[page.size]
    return width / panels, height


def frame_width(page: Page, panels: int = 1) -> float:
    """Width of one text column."""
    width = trim_size(page, panels)[0] - page.margins.left - page.margins.right
    return (width - page.gutter * (page.columns - 1)) / page.columns


class LeafletDoc(BaseDocTemplate):
    """Adds a bookmark for every heading as it is placed."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=flowable.outline_level)


def document(target: Path, kb: KnowledgeBase, theme: Theme, band_height: float, panels: int = 1) -> LeafletDoc:
    """The document template with first and later page templates and full metadata."""
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
        str(target),
        pagesize=(width + 2 * bleed, height + 2 * bleed),
        title=kb.document.title,
        author=kb.governance.publisher.name,
        subject=kb.document.decision,
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
    first = PageTemplate("first", _frames(doc, page, band_height, panels), onPage=_first_page(theme, band_height))
    later = PageTemplate("later", _frames(doc, page, 0.0, panels))
    doc.addPageTemplates([first, later])
    return doc


def _frames(doc: BaseDocTemplate, page: Page, band: float, panels: int) -> list[Frame]:
    column = frame_width(page, panels)
    height = doc.height - band
    return [
        Frame(
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


def later_pages() -> NextPageTemplate:
    """Switch to the later-page template after the first page."""
    return NextPageTemplate("later")


def band_height(theme: Theme, width: float) -> float:
    """Height of the clinic band at the top of the first page (plus the gap below it)."""
    pad = theme.layout.box.padding
    text_height = sum(p.wrap(_band_text_width(theme, width), 10_000)[1] for p in _band_lines(theme))
    return max(theme.layout.logo_height, text_height) + pad * 3


def _band_lines(theme: Theme) -> list[Paragraph]:
    clinic, style = theme.clinic, theme["banner"]
    regular = ParagraphStyle("banner_regular", parent=style, fontName=REGULAR)
    phone = theme.labels("phone", phone=clinic.phone)
    return [Paragraph(escape(clinic.name), style), Paragraph(escape(phone), regular)]


def _band_text_width(theme: Theme, width: float) -> float:
    pad = theme.layout.box.padding
    logo = theme.layout.logo_height * 3 + pad if theme.clinic.logo else 0.0
    return width - 2 * pad - logo


def _first_page(theme: Theme, height: float) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        pad = theme.layout.box.padding
        band = height - pad
        top = doc.pagesize[1] - doc.topMargin
        canvas.saveState()
        canvas.setFillColor(theme.colour("primary"))
        canvas.rect(doc.leftMargin, top - band, doc.width, band, stroke=0, fill=1)
        y = top - pad
        for line in _band_lines(theme):
            _, h = line.wrap(_band_text_width(theme, doc.width), band)
            line.drawOn(canvas, doc.leftMargin + pad, y - h)
            y -= h
        if theme.clinic.logo:
            _logo(canvas, theme, doc.leftMargin + doc.width - pad, top - band / 2)
        canvas.restoreState()

    return draw


def _logo(canvas: Canvas, theme: Theme, right: float, middle: float) -> None:
    assert theme.clinic.logo is not None
    image = ImageReader(str(theme.root / theme.clinic.logo))
    w, h = image.getSize()
    height = theme.layout.logo_height
    width = height * w / h
    canvas.drawImage(image, right - width, middle - height / 2, width, height, mask="auto")


class FooterCanvas(Canvas):
    """Defers every page until the end so the footer can say "page X of Y"."""

    footer: tuple[Theme, str] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        assert self.footer is not None
        theme, left_text = self.footer
        page = theme.layout.page
        style = theme["footer"]
        width, _ = self._pagesize
        y = page.bleed + page.margins.bottom / 2 - style.fontSize / 2
        left, right = page.bleed + page.margins.left, width - page.bleed - page.margins.right
        numbering = theme.labels("page_of", n=number, total=total)
        room = right - left - stringWidth(numbering, REGULAR, style.fontSize) - style.fontSize
        self.saveState()
        self.setFont(REGULAR, style.fontSize)
        self.setFillColor(theme.colour("muted"))
        self.drawString(left, y, _fit(left_text, room, style.fontSize))
        self.drawRightString(right, y, numbering)
        self.restoreState()


def _fit(text: str, room: float, size: float) -> str:
    """The footer text, shortened to its last part (the version) when the whole does not fit."""
    if stringWidth(text, REGULAR, size) <= room:
        return text
    short = text.rsplit(" · ", 1)[-1]
    return short if stringWidth(short, REGULAR, size) <= room else ""


def footer_canvas(theme: Theme, kb: KnowledgeBase) -> type[FooterCanvas]:
    """A canvas class whose footer carries the title and version."""
    text = theme.labels("footer", title=kb.document.title, version=kb.governance.version)
    return type("LeafletCanvas", (FooterCanvas,), {"footer": (theme, text)})
