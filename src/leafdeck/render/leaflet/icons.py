"""Icon arrays: for each arm of a trial, 100 person figures, those who had the result filled.

Natural frequencies shown as icon arrays are the format people understand best (Galesic, Garcia-
Retamero and Gigerenzer 2009; IPDAS; ``../shared/reference/patient-info-standards.md``). Filled
people are told apart by colour *and* by shape (a solid figure with a white dot against an outlined
pale one), so a black-and-white copy reads the same. The numbers are the plan's
(``plan.evidence.icon_array``), taken from the same outcome objects as the bar charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Path, String
from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.rl_config import _unset_

from leafdeck.plan.blocks import IconArm, IconArray
from leafdeck.render.leaflet.figure import Cite, Described, Figure, lines
from leafdeck.render.leaflet.fonts import BOLD, REGULAR
from leafdeck.render.leaflet.layout import IconSpec
from leafdeck.render.leaflet.markup import inline
from leafdeck.render.leaflet.styles import Theme
from leafdeck.render.leaflet.tagged import Para as Paragraph

SIDE = 10
"""Figures per row and rows per array (10 x 10 = 100 people)."""
TALL = 1.35
"""A cell's height as a multiple of its width."""
BLOCK_GAP = 0.35
"""Extra space, in cells, between the fifth and sixth row and column, so fives can be counted."""


@dataclass(frozen=True)
class Ink:
    """The colours of one icon array."""

    filled: Color
    outline: Color
    pale: Color
    text: Color


def icon_array(block: IconArray, theme: Theme, width: float, cite: Cite | None = None, scale: float = 1.0) -> Flowable:
    """The block as a figure: heading (with ``cite(block.cites)``), the arrays, each arm's label and
    "about N in 100" under its grid, a key, the caption; the alternative text is ``block.alt``.

    ``width`` is the width in points the figure is drawn at; ``scale`` is that width's share of
    the column (below 1 when the figure is drawn narrower to fit the space left on a page: the
    figures shrink with it, never below the layout's ``icons.min_cell``). Arms sit side by side
    when each grid gets at least ``icons.min_cell`` per figure, else they are stacked."""
    mark = cite(block.cites) if cite else ""
    art = drawing(block, theme, width, scale)
    flowables: list[Flowable] = []
    if block.heading:
        flowables.append(Paragraph(f"<b>{inline(block.heading)}</b>{mark}", theme["subheading"]))
    flowables.append(art)
    if block.caption and (theme.layout.icons or IconSpec()).caption:
        flowables.append(Paragraph(inline(f"{block.caption} {block.chance}".strip()), theme["caption"]))
    elif block.chance:  # without the caption, the reader is still told the difference may be chance
        flowables.append(Paragraph(inline(block.chance), theme["caption"]))
    return Figure(flowables, art, block.alt)


def drawing(block: IconArray, theme: Theme, width: float, scale: float = 1.0) -> Drawing:
    """The arrays, their labels and the key, fitted to ``width`` points (described by ``block.alt``);
    a figure's cell is at most ``scale`` of the layout's ``icons.cell`` (not below ``min_cell``)."""
    spec = theme.layout.icons or IconSpec()
    size = max(spec.label_size, theme.layout.min_font_size)
    ink = Ink(theme.colour(spec.filled), theme.colour(spec.empty), theme.hex("tint"), theme.colour("text"))
    count = len(block.arms)
    across = (width - spec.arm_gap * (count - 1)) / count
    largest = max(spec.cell * scale, min(spec.cell, spec.min_cell))
    cell = min(largest, across / (SIDE + BLOCK_GAP))
    beside = cell >= min(spec.cell, spec.min_cell)
    if not beside:
        across, cell = width, min(largest, width / (SIDE + BLOCK_GAP))
    grid_h = cell * (SIDE * TALL + BLOCK_GAP)
    texts = [_arm_text(arm, theme, size, across) for arm in block.arms]
    text_h = max(len(t) for t in texts) * size * 1.25
    arm_h = grid_h + size * 0.6 + text_h
    key_rows = _key(theme, size, width)
    key_h = len(key_rows) * size * 1.6
    height = (arm_h if beside else count * arm_h + (count - 1) * spec.arm_gap * 0.5) + size * 0.6 + key_h

    def fill(art: Drawing) -> None:
        for i, (arm, text) in enumerate(zip(block.arms, texts, strict=True)):
            x = i * (across + spec.arm_gap) if beside else 0.0
            top = height if beside else height - i * (arm_h + spec.arm_gap * 0.5)
            art.add(_grid(arm.filled, cell, ink, x, top - grid_h))
            y = top - grid_h - size * 0.6 - size
            for j, (line, bold) in enumerate(text):
                art.add(
                    String(
                        x,
                        y - j * size * 1.25,
                        line,
                        fontName=BOLD if bold else REGULAR,
                        fontSize=size,
                        fillColor=ink.text,
                    )
                )
        _draw_key(art, key_rows, size, ink, key_h)

    return Drawn(width, height, block.alt, fill=fill)


class Drawn(Described):
    """A drawing whose shapes are made (by ``fill``) only when it is first drawn or looked into:
    laying out measures a figure at several widths (``blocks.Fitted``) and, for an icon array's
    hundreds of shapes, needs only its size, which is known before. What is drawn is the same."""

    def __init__(
        self, width: float, height: float, desc: str | None = None, fill: Callable[[Drawing], None] | None = None
    ) -> None:
        super().__init__(width, height, desc)
        self._pending_shapes = fill

    def getContents(self) -> list[Any]:
        if self._pending_shapes is not None:
            fill, self._pending_shapes = self._pending_shapes, None
            fill(self)
        contents: list[Any] = super().getContents()
        return contents

    def draw(self, showBoundary: Any = _unset_) -> None:
        self.getContents()
        super().draw(showBoundary)

    def _copy(self, obj: Any) -> Any:
        self.getContents()
        return super()._copy(obj)


def _arm_text(arm: IconArm, theme: Theme, size: float, width: float) -> list[tuple[str, bool]]:
    """The arm's name (bold) and its natural frequency, wrapped to ``width``."""
    name = [(line, True) for line in lines(arm.label, BOLD, size, width)]
    frequency = [(line, False) for line in lines(theme.labels("value_in_100", n=arm.filled), REGULAR, size, width)]
    return name + frequency


def _grid(filled: int, cell: float, ink: Ink, x: float, y: float) -> Group:
    """100 figures in rows of ten from the top left, the first ``filled`` solid; ``(x, y)`` is
    the grid's lower left corner."""
    group = Group()
    for index in range(SIDE * SIDE):
        row, column = divmod(index, SIDE)
        left = x + cell * (column + (BLOCK_GAP if column >= SIDE // 2 else 0.0))
        bottom = y + cell * ((SIDE - 1 - row) * TALL + (BLOCK_GAP if row < SIDE // 2 else 0.0))
        group.add(person(left, bottom, cell, index < filled, ink))
    return group


def person(x: float, y: float, cell: float, filled: bool, ink: Ink) -> Group:
    """One figure in a cell ``cell`` wide and ``cell * TALL`` high, lower left at ``(x, y)``: a
    round head over a body with rounded shoulders. Filled: solid ``ink.filled`` with a white dot
    on the chest. Empty: an ``ink.outline`` outline around a pale body."""
    stroke = max(cell * 0.06, 0.5)
    fill, line, width = (ink.filled, None, 0.0) if filled else (ink.pale, ink.outline, stroke)
    head = Circle(x + cell * 0.5, y + cell * 0.95, cell * 0.19, fillColor=fill, strokeColor=line, strokeWidth=width)
    body = _body(x + cell * 0.14, y + cell * 0.03, cell * 0.72, cell * 0.65, cell * 0.27)
    body.fillColor, body.strokeColor, body.strokeWidth = fill, line, width
    group = Group(head, body)
    if filled:
        group.add(Circle(x + cell * 0.5, y + cell * 0.33, cell * 0.12, fillColor=white, strokeColor=None))
    return group


def _body(x: float, y: float, width: float, height: float, shoulder: float) -> Path:
    """A body: straight sides, square hips (slightly eased) and round shoulders of radius
    ``shoulder``; lower left at ``(x, y)``."""
    k, ease = 0.5523 * shoulder, shoulder * 0.25  # Bezier circle constant; hip rounding
    path = Path()
    path.moveTo(x + ease, y)
    path.lineTo(x + width - ease, y)
    path.curveTo(x + width, y, x + width, y, x + width, y + ease)
    path.lineTo(x + width, y + height - shoulder)
    path.curveTo(
        x + width, y + height - shoulder + k, x + width - shoulder + k, y + height, x + width - shoulder, y + height
    )
    path.lineTo(x + shoulder, y + height)
    path.curveTo(x + shoulder - k, y + height, x, y + height - shoulder + k, x, y + height - shoulder)
    path.lineTo(x, y + ease)
    path.curveTo(x, y, x, y, x + ease, y)
    path.closePath()
    return path


def _key(theme: Theme, size: float, width: float) -> list[list[tuple[bool, str]]]:
    """The key's entries (filled?, words), on one row when both fit, else one per row."""
    entries = [(True, theme.labels("icon_key_yes")), (False, theme.labels("icon_key_no"))]
    needed = sum(size * 2.2 + stringWidth(words, REGULAR, size) for _, words in entries) + size * 1.5
    return [entries] if needed <= width else [[entry] for entry in entries]


def _draw_key(art: Drawing, rows: list[list[tuple[bool, str]]], size: float, ink: Ink, height: float) -> None:
    """Draw the key at the bottom of ``art``: a small figure, then its words, for each entry."""
    cell = size * 0.95
    for r, row in enumerate(rows):
        y = height - (r + 1) * size * 1.6 + size * 0.25
        x = 0.0
        for filled, words in row:
            art.add(person(x, y - cell * 0.15, cell, filled, ink))
            art.add(String(x + cell * 1.3, y + size * 0.1, words, fontName=REGULAR, fontSize=size, fillColor=ink.text))
            x += cell * 1.3 + stringWidth(words, REGULAR, size) + size * 1.5
