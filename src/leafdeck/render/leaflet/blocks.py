"""Flowables the story is made of: headings (with bookmarks), cited paragraphs, boxes, lines, QR."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from leafdeck.model import Statement
from leafdeck.render.leaflet.markup import cite_mark, inline
from leafdeck.render.leaflet.styles import Theme


class Heading(Paragraph):
    """A heading that also becomes a PDF bookmark."""

    def __init__(self, text: str, style: object, level: int) -> None:
        super().__init__(inline(text), style)
        self.outline_title = text
        self.outline_level = level


class Numbering:
    """Reference numbers in order of first citation, as the reader meets them."""

    def __init__(self, order: Sequence[str]) -> None:
        self.numbers = {ref_id: i for i, ref_id in enumerate(order, 1)}

    def mark(self, cites: Sequence[str]) -> str:
        """The citation mark for a statement's references."""
        return cite_mark([self.numbers[c] for c in cites if c in self.numbers])


def heading(text: str, theme: Theme, *, level: int = 0) -> list[Flowable]:
    """A section or sub-section heading that never ends a page on its own."""
    style = theme["heading" if level == 0 else "subheading"]
    keep = style.leading * 2 + theme["body"].leading * 3
    return [CondPageBreak(keep), Heading(text, style, level)]


def para(statement: Statement, theme: Theme, numbering: Numbering, style: str = "body") -> Paragraph:
    """A statement as a paragraph, with its citation numbers."""
    return Paragraph(inline(statement.text) + numbering.mark(statement.cites), theme[style])


def text(markup: str, theme: Theme, style: str = "body") -> Paragraph:
    """Already-safe markup (built from escaped text) as a paragraph."""
    return Paragraph(markup, theme[style])


def bullets(statements: Sequence[Statement], theme: Theme, numbering: Numbering) -> list[Flowable]:
    """A bulleted list, one statement per bullet."""
    return [
        Paragraph(inline(s.text) + numbering.mark(s.cites), theme["bullet_item"], bulletText="\u2022")
        for s in statements
    ]


def box(content: list[Flowable], theme: Theme, *, width: float, border: str = "primary") -> Table:
    """Content on the tint, inside a border: for key points and questions.

    One table row per block, so a long box can break between blocks across pages or panels
    (each part keeps its border) instead of leaving a gap the height of the box."""
    pad = theme.layout.box.padding
    rows = [[content[:2]], *([flowable] for flowable in content[2:])]  # a title never ends a page alone
    table = Table(rows, colWidths=[width], splitByRow=1)
    table.setStyle(
        table_style(
            theme,
            [
                ("BACKGROUND", (0, 0), (-1, -1), theme.hex("tint")),
                ("BOX", (0, 0), (-1, -1), theme.layout.box.border, theme.colour(border)),  # type: ignore[arg-type]
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), pad),
                ("BOTTOMPADDING", (0, -1), (-1, -1), pad),
            ],
        )
    )
    return table


def table_style(theme: Theme, commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style whose cells use the leaflet's font (tables default to Helvetica)."""
    body = theme["body"]
    font = [("FONTNAME", (0, 0), (-1, -1), body.fontName), ("FONTSIZE", (0, 0), (-1, -1), body.fontSize)]
    return TableStyle([*font, *commands])


class WritingLines(Flowable):
    """Ruled lines for a reader's own notes."""

    def __init__(self, count: int, gap: float, colour: object, thickness: float) -> None:
        super().__init__()
        self.count, self.gap, self.colour, self.thickness = count, gap, colour, thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.thickness)
        for i in range(self.count):
            y = i * self.gap
            canvas.line(0, y, self.width, y)


def writing_lines(theme: Theme) -> WritingLines:
    """The layout's number of ruled lines."""
    spec = theme.layout.box
    return WritingLines(spec.writing_lines, spec.line_gap, theme.hex("rule"), spec.border / 2)


def qr(url: str, theme: Theme) -> Drawing:
    """A QR code for the address (reportlab's own encoder), sized by the layout."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    side = theme.layout.qr_size
    art = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    art.add(widget)
    return art


def together(flowables: list[Flowable]) -> KeepTogether:
    """Keep a short group on one page."""
    return KeepTogether(flowables)
