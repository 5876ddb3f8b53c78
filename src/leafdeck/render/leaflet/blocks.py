"""Flowables the story is made of: headings (with bookmarks), paragraphs tagged with the item
they print (for located misfit messages), boxes, ruled lines, the notes filler, QR codes."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from leafdeck.plan import blocks as plan
from leafdeck.render.leaflet import tags
from leafdeck.render.leaflet.figure import Described
from leafdeck.render.leaflet.markup import inline, plain
from leafdeck.render.leaflet.styles import Theme
from leafdeck.render.leaflet.tagged import ListItem, Para, TableTags

__all__ = ["ListItem", "Para", "Table", "TableTags"]


class Heading(Para):
    """A heading that also becomes a PDF bookmark (at outline ``level``), tagged as a heading of
    ``rank`` (0 the title, 1 a section, 2 a sub-section; default ``level + 1``)."""

    role = tags.HEADING

    def __init__(self, text: str, style: object, level: int, rank: int | None = None) -> None:
        super().__init__(inline(text), style)
        self.outline_title = plain(text)  # a bookmark holds only the words
        self.outline_level = level
        self.rank = level + 1 if rank is None else rank


def heading(text: str, theme: Theme, *, level: int = 0) -> list[Flowable]:
    """A section or sub-section heading that never ends a page on its own."""
    style = theme["heading" if level == 0 else "subheading"]
    keep = style.leading * 2 + theme["body"].leading * 3
    return [CondPageBreak(keep), Heading(text, style, level)]


def text(markup: str, theme: Theme, style: str = "body") -> Para:
    """Already-safe markup (built from escaped text) as a paragraph (tagged P)."""
    return Para(markup, theme[style])


def title(markup: str, theme: Theme, style: str = "box_title") -> Para:
    """Already-safe markup as a section's title printed inside a block (the key points box):
    tagged as a section heading."""
    para = Para(markup, theme[style])
    para.role, para.rank = tags.HEADING, 1
    return para


def subheading(markup: str, theme: Theme, style: str, *, joined: bool = False) -> Para:
    """Already-safe markup as a title inside a section (a question group, an option's "What it
    can do", a FAQ question, a chart's title, a step's title): tagged as a heading one level
    under its section (rank 2, as the options' and studies' names), with no bookmark.
    ``style``: its text style; ``joined``: no space after it and kept with what follows, so it
    reads as the first line of the paragraph under it (a step's title)."""
    chosen = theme[style]
    if joined:
        chosen = ParagraphStyle(f"{chosen.name}_joined", parent=chosen, spaceAfter=0, keepWithNext=1)
    para = Para(markup, chosen)
    para.role, para.rank = tags.HEADING, 2
    return para


def bullet(markup: str, theme: Theme, list_key: object = None) -> ListItem:
    """Already-safe markup as one bulleted list item of the list ``list_key`` names."""
    return ListItem(markup, theme["bullet_item"], bulletText="\u2022", list_key=list_key)


ITEM = "leafdeck_item"
"""The attribute a flowable carries naming the plan paragraph it prints: (item id, field)."""


def tagged(flowable: Flowable, paragraph: plan.Paragraph) -> Flowable:
    """``flowable``, marked as printing ``paragraph`` (its item id and field), so a misfit can
    be reported at the item's line in the knowledge base."""
    if paragraph.item:
        setattr(flowable, ITEM, (paragraph.item, paragraph.field))
    return flowable


class Bookmark(Flowable):
    """A zero-size PDF bookmark to the place it lands: for a title inside a box, where reportlab
    does not report the flowables it places."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.outline_title, self.outline_level = plain(title), level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class SectionStart(Flowable):
    """A zero-size marker where a section of the outline starts (``name``: its contents entry;
    ``kinds``: the kinds of its blocks), so the document can say which section lands on which
    page, and padding can go before the contact details."""

    def __init__(self, name: str, kinds: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.name, self.kinds = name, kinds

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        tags.section(self.canv)


def box(
    content: list[Flowable],
    theme: Theme,
    *,
    width: float,
    border: str = "primary",
    bookmark: str = "",
    whole: bool = False,
) -> Keep:
    """Content on the tint, inside a border: for key points and questions. Kept on one page when
    it fits one; otherwise it breaks between rows.

    One table row per block, so a long box can break between blocks across pages or panels
    (each part keeps its border) instead of leaving a gap the height of the box."""
    pad = theme.layout.box.padding
    rows = [[content[:2]], *([flowable] for flowable in content[2:])]  # a title never ends a page alone
    table = Table(rows, colWidths=[width], splitByRow=1, renderCB=TableTags())
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
    gap = 1.0 if whole else theme.layout.max_gap  # 1.0: moved to the next page whenever it fits one
    return Keep([Bookmark(bookmark), table] if bookmark else [table], gap)


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
        with tags.artifact(canvas):
            canvas.setStrokeColor(self.colour)
            canvas.setLineWidth(self.thickness)
            for i in range(self.count):
                y = i * self.gap
                canvas.line(0, y, self.width, y)


def writing_lines(theme: Theme, count: int | None = None) -> WritingLines:
    """``count`` ruled lines (the layout's number when None), the layout's gap apart."""
    spec = theme.layout.box
    return WritingLines(
        spec.writing_lines if count is None else count, spec.line_gap, theme.hex("rule"), spec.border / 2
    )


class NotesFill(Flowable):
    """Ruled lines for the reader's notes under a title, filling the rest of the frame: pads a
    product to its exact page budget. Takes no room when less than ``least`` lines would fit."""

    def __init__(self, title: Paragraph, theme: Theme, least: int = 3) -> None:
        super().__init__()
        self.title, self.theme, self.least = title, theme, least
        self.size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, title = self.title.wrap(avail_width, avail_height)
        gap = self.theme.layout.box.line_gap
        room = int((avail_height - title - self.title.style.spaceAfter) // gap)
        self.lines = room
        self.size = (avail_width, avail_height) if room >= self.least else (avail_width, 0.0)
        return self.size

    def draw(self) -> None:
        if not self.size[1]:
            return
        width, height = self.size
        _, title = self.title.wrap(width, height)
        self.title.drawOn(self.canv, 0, height - title)
        lines = writing_lines(self.theme, self.lines)
        lines.wrap(width, height)
        lines.drawOn(self.canv, 0, height - title - self.title.style.spaceAfter - self.lines * lines.gap)


def qr(url: str, theme: Theme, alt: str) -> Described:
    """A QR code for the address (reportlab's own encoder), sized by the layout; ``alt`` is its
    alternative text (what it leads to)."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = _qr_bounds(url)
    side = theme.layout.qr_size
    art = Described(side, side, alt)
    art.transform = [side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0]
    art.add(widget)
    return art


@lru_cache(maxsize=64)
def _qr_bounds(url: str) -> tuple[float, float, float, float]:
    """The bounds of the QR code of ``url`` (points, before scaling): encoding it is the cost, and
    every product of a language and audience, and every attempt to fit a tri-fold, prints the
    same address."""
    x0, y0, x1, y1 = QrCodeWidget(url, barLevel="M").getBounds()
    return x0, y0, x1, y1


class Keep(KeepTogether):
    """A group kept on one page, unless that would leave too much of this page empty.

    reportlab's KeepTogether moves a group that does not fit the rest of the frame to the next
    one, whatever it leaves behind. Here the group moves only when it fits a fresh frame and the
    space it leaves is under ``gap`` of the frame (the layout's ``max_gap``); otherwise, when its
    content can break here (a long box, a table, a paragraph after a heading), it flows on."""

    def __init__(self, flowables: list[Flowable], gap: float) -> None:
        super().__init__(flowables)
        self.gap = gap

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        if not parts or not isinstance(parts[0], type(self.FrameBreak)) or frame is None:
            return parts
        full = frame._y2 - frame._y1p
        if full >= self._H and (aH < full * self.gap or not self._breaks_here(aW, aH)):
            return parts
        flowed = self._flow(aW, aH)
        return parts if flowed is None else flowed

    def _breaks_here(self, aW: float, aH: float) -> bool:
        """Whether the content can start here: what fits whole, then a piece of the next."""
        room = aH
        for flowable in self._content:
            _, height = flowable.wrapOn(self.canv, aW, room)
            if height <= room:
                room -= height + flowable.getSpaceAfter() + flowable.getSpaceBefore()
                continue
            pieces = flowable.split(aW, room)
            return bool(pieces) and not isinstance(pieces[0], type(self.FrameBreak))
        return True

    def _flow(self, aW: float, aH: float) -> list[Flowable] | None:
        """The content to place one by one from here: as it is when its first flowable fits,
        else that flowable's split; None when even that cannot start here."""
        first, rest = self._content[0], self._content[1:]
        if first.wrapOn(self.canv, aW, aH)[1] <= aH:
            return list(self._content)
        pieces = first.split(aW, aH)
        if not pieces or isinstance(pieces[0], type(self.FrameBreak)):
            return None
        return [*pieces, *rest]


class Fitted(Flowable):
    """A figure drawn at the widest width, from the column's down to ``least`` of it, at which it
    fits the space left on the page, so a tall figure need not leave the rest of a page empty.
    ``make(width)`` draws the figure for a width in points (a flowable, or a group kept together,
    whose parts are stacked here); widths step down by ``STEP`` of the column."""

    STEP = 0.05

    def __init__(self, make: Callable[[float], Flowable], least: float) -> None:
        super().__init__()
        self.make, self.least = make, least
        self._made: dict[float, tuple[list[Flowable], list[tuple[float, float]], float]] = {}
        self._chosen: tuple[list[Flowable], list[tuple[float, float]], float] | None = None

    def _at(self, width: float, column: float) -> tuple[list[Flowable], list[tuple[float, float]], float]:
        if width not in self._made:
            made = self.make(width)
            parts = list(made._content) if isinstance(made, KeepTogether) else [made]
            sizes, height, after = [], 0.0, 0.0
            for i, part in enumerate(parts):
                _, h = part.wrap(column, 1e6)
                gap = 0.0 if i == 0 else max(after, part.getSpaceBefore())
                sizes.append((gap, h))
                height += gap + h
                after = part.getSpaceAfter()
            self._made[width] = (parts, sizes, height)
        return self._made[width]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        steps = int((1 - self.least) / self.STEP + 1e-9)
        widths = [aW * (1 - self.STEP * i) for i in range(steps + 1)]
        chosen = next((self._at(w, aW) for w in widths if self._at(w, aW)[2] <= aH), None)
        self._chosen = chosen or self._at(aW, aW)
        self.width = aW
        return aW, self._chosen[2]

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return [self] if self.wrap(aW, aH)[1] <= aH else []

    def draw(self) -> None:
        assert self._chosen is not None
        parts, sizes, height = self._chosen
        y = height
        for part, (gap, h) in zip(parts, sizes, strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)


def lead_into(heading: Flowable, body: list[Flowable], theme: Theme) -> list[Flowable]:
    """``heading`` kept on the page of the start of ``body``. reportlab's keepWithNext does not
    join a heading to a group kept together (a box, a figure), so the group is opened and the
    heading put at its head."""
    first, rest = body[0], body[1:]
    inner = list(first._content) if isinstance(first, KeepTogether) else [first]
    return [Keep([heading, *inner], theme.layout.max_gap), *rest]


def together(flowables: list[Flowable], theme: Theme) -> Keep:
    """Keep a group on one page, within the layout's ``max_gap``."""
    return Keep(flowables, theme.layout.max_gap)
