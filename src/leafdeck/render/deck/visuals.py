"""Tables and icon arrays on talk slides, as plain data (no python-pptx).

A draft (``TableDraft``, ``IconsDraft``) says what to show; the planner places it on its slide
with ``placed(place, layout, measurer)``, which measures with the bundled fonts and returns the
spec ``draw.py`` writes: a native PowerPoint table sized to fit its box, or one 10 x 10 picture
grid per arm. Lengths are in points, from the slide's top left.
"""

from __future__ import annotations

from dataclasses import dataclass

from leafdeck.render.deck.layout import Box, DeckLayout
from leafdeck.render.deck.measure import Measurer, Run
from leafdeck.render.deck.spec import Place

ICON_ROWS = 10
"""An icon array is 10 x 10 people."""
ICON_ASPECT = 1.3
"""A person's cell is this many times as tall as it is wide."""
LABEL_LINES = 2
"""Lines kept for an arm's label above its grid."""
LABEL_SHARE = 0.27
"""Most of the chart box's width a column of diagram labels takes (labels wrap to fit): the
drawing keeps at least the middle 46%."""


@dataclass(frozen=True)
class TableSpec:
    """A native table: header and rows of plain text, column widths and row heights in points,
    text size in points, placed at ``box`` (its height is the rows' total)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    """Header first, then one per row."""
    size: float
    padding: float
    box: Box
    alt_text: str


@dataclass(frozen=True)
class IconArmSpec:
    """One arm's 10 x 10 grid: ``filled`` of 100 people had the result; its label above it."""

    label: str
    filled: int
    label_box: Box
    grid: Box


@dataclass(frozen=True)
class IconsSpec:
    """Icon arrays side by side; ``pixels`` per cell in the pictures, label size in points."""

    arms: tuple[IconArmSpec, ...]
    label_size: float
    pixels: int
    alt_text: str


@dataclass(frozen=True)
class FigureLabelSpec:
    """One part's label: its words in ``box``, right-aligned when ``left`` (then the leader line
    runs from the box's right edge), and the point on the drawing it names."""

    text: str
    box: Box
    left: bool
    target: tuple[float, float]


@dataclass(frozen=True)
class FigureSpec:
    """The drawing of the neck and chest veins at ``art`` with its part labels around it; the
    picture is ``pixels`` wide per unit of the drawing's own coordinates."""

    art: Box
    labels: tuple[FigureLabelSpec, ...]
    label_size: float
    pixels: int
    alt_text: str
    stroke: float = 1.0
    """Leader lines' width in points (the leaflets' ``DiagramSpec.stroke``)."""


Visual = TableSpec | IconsSpec | FigureSpec
"""What a slide shows besides its text and chart."""


@dataclass(frozen=True)
class TableDraft:
    """A table to fit in the slide's full-width text box (the slide then has no body text)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    alt_text: str
    beside: bool = False
    """Tables take the whole body box: no text beside them."""

    def placed(self, place: Place, layout: DeckLayout, measurer: Measurer) -> TableSpec:
        """The table at the largest of ``layout.talk.table_sizes`` at which it fits ``place.body``
        (else at the smallest), columns as wide as their text needs."""
        box, style = place.body, layout.talk
        keep = 1 - 2 * layout.text.slack  # of each cell's width: renderers wrap a table cell a little early
        chosen: tuple[float, tuple[float, ...], tuple[float, ...]] | None = None
        for size in style.table_sizes:
            widths = _widths(self.header, self.rows, box.width, size, style.table_padding, keep, measurer)
            heights = tuple(
                _row_height(row, widths, size, style.table_padding, keep, measurer, bold=index == 0)
                for index, row in enumerate((self.header, *self.rows))
            )
            chosen = (size, widths, heights)
            if sum(heights) <= box.height * (1 - layout.text.slack):
                break
        assert chosen is not None
        size, widths, heights = chosen
        placed = box.model_copy(update={"height": sum(heights)})
        return TableSpec(self.header, self.rows, widths, heights, size, style.table_padding, placed, self.alt_text)


def _widths(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    total: float,
    size: float,
    pad: float,
    keep: float,
    m: Measurer,
) -> tuple[float, ...]:
    """Column widths summing to ``total`` (points): each wide enough for its longest word (or
    header word) within ``keep`` of the cell's text width, the rest shared in proportion to how
    much text the column holds."""
    columns = list(zip(header, *rows, strict=True))
    least = [
        max([m.width(word, size, bold=i == 0) for i, cell in enumerate(col) for word in cell.split()] or [0.0]) / keep
        + 2 * pad
        for col in columns
    ]
    weights = [sum(m.width(cell, size) for cell in col if cell) + 1.0 for col in columns]
    widths = [0.0] * len(columns)
    free = set(range(len(columns)))
    room = total
    while free:
        share = room / sum(weights[i] for i in free)
        narrow = {i for i in free if weights[i] * share < least[i]}
        if not narrow:
            for i in free:
                widths[i] = weights[i] * share
            break
        for i in narrow:
            widths[i] = least[i]
            room -= least[i]
        free -= narrow
    return tuple(widths)


def _row_height(
    row: tuple[str, ...], widths: tuple[float, ...], size: float, pad: float, keep: float, m: Measurer, *, bold: bool
) -> float:
    """A row's height in points: its tallest cell wrapped in ``keep`` of the cell's text width."""
    cells = [(cell, width) for cell, width in zip(row, widths, strict=True) if cell]
    lines = max([m.lines((Run(cell, bold=bold),), size, (width - 2 * pad) * keep) for cell, width in cells] or [1])
    return lines * m.line_height(size) + pad


@dataclass(frozen=True)
class IconArmDraft:
    """One arm: its label (with its natural frequency) and how many of 100 had the result."""

    label: str
    filled: int


@dataclass(frozen=True)
class IconsDraft:
    """Icon arrays for one outcome, drawn in the chart box with the text beside them."""

    arms: tuple[IconArmDraft, ...]
    alt_text: str
    beside: bool = True
    """The slide's text goes in the box beside the arrays."""

    def placed(self, place: Place, layout: DeckLayout, measurer: Measurer) -> IconsSpec:
        """Grids side by side in ``place.chart`` (``place.body`` when no text goes beside them), as large as ``layout.talk.icon_cell`` allows,
        each under its label (as many lines as the longest label needs at the grid's width, at
        least two), centred in the box."""
        box, style = (place.chart if self.beside else place.body), layout.talk
        count = len(self.arms)
        insets = layout.text.insets
        lines = LABEL_LINES
        while True:
            label_height = lines * measurer.line_height(style.icon_label_size) + insets.top + insets.bottom
            across = (box.width - style.icon_gap * (count - 1)) / (ICON_ROWS * count)
            down = (box.height - label_height - style.icon_gap) / (ICON_ROWS * ICON_ASPECT)
            cell = min(style.icon_cell, across, down)
            grid_w, grid_h = cell * ICON_ROWS, cell * ICON_ROWS * ICON_ASPECT
            room = (grid_w - insets.left - insets.right) * (1 - layout.text.slack)
            needed = max(measurer.lines((Run(a.label, bold=True),), style.icon_label_size, room) for a in self.arms)
            if needed <= lines:
                break
            lines = needed
        used_w = grid_w * count + style.icon_gap * (count - 1)
        used_h = label_height + style.icon_gap + grid_h
        left, top = box.left + (box.width - used_w) / 2, box.top + (box.height - used_h) / 2
        arms = []
        for index, arm in enumerate(self.arms):
            x = left + index * (grid_w + style.icon_gap)
            label = Box(left=x, top=top, width=grid_w, height=label_height)
            grid = Box(left=x, top=top + label_height + style.icon_gap, width=grid_w, height=grid_h)
            arms.append(IconArmSpec(arm.label, arm.filled, label, grid))
        return IconsSpec(tuple(arms), style.icon_label_size, style.icon_pixels, self.alt_text)


@dataclass(frozen=True)
class FigureDraft:
    """The leaflets' drawing of the neck and chest veins (``render.leaflet.diagram``), its part
    labels (jugular vein, azygos vein, heart, balloon: the plan's ``Diagram.labels``) beside it,
    in the chart box with the slide's text beside it."""

    labels: tuple[str, ...]
    alt_text: str
    beside: bool = True

    def placed(self, place: Place, layout: DeckLayout, measurer: Measurer) -> FigureSpec:
        """The drawing as tall as ``place.chart`` allows while a column of labels (at
        ``layout.talk.icon_label_size``, as wide as the longest needs, at most ``LABEL_SHARE`` of
        the box) fits each side; each label level with its part."""
        from leafdeck.render.leaflet.diagram_geometry import ART_H, ART_W, LEFT, TARGETS
        from leafdeck.render.leaflet.layout import DiagramSpec

        box, size = place.chart, layout.talk.icon_label_size
        pad = layout.text.insets.left + layout.text.insets.right
        widest = max((measurer.width(label, size, bold=True) for label in self.labels), default=0.0) + pad
        column = min(widest * (1 + layout.text.wrap_slack * 2), box.width * LABEL_SHARE)
        scale = min(box.height / ART_H, (box.width - 2 * column) / ART_W)
        art_w, art_h = ART_W * scale, ART_H * scale
        left, top = box.left + (box.width - art_w) / 2, box.top + (box.height - art_h) / 2
        room = (column - pad) * (1 - layout.text.wrap_slack)  # as ``plan.frame`` measures a box
        placed = []
        for index, (label, (x, y)) in enumerate(zip(self.labels, TARGETS, strict=False)):
            lines = measurer.lines((Run(label, bold=True),), size, room)
            inner = lines * measurer.line_height(size) / (1 - layout.text.slack)
            height = inner + layout.text.insets.top + layout.text.insets.bottom
            target = (left + x * scale, top + art_h - y * scale)
            on_left = index in LEFT
            x0 = left - column if on_left else left + art_w
            spot = Box(left=x0, top=target[1] - height / 2, width=column, height=height)
            placed.append(FigureLabelSpec(label, spot, on_left, target))
        art = Box(left=left, top=top, width=art_w, height=art_h)
        stroke = DiagramSpec().stroke
        return FigureSpec(art, tuple(placed), size, max(1, layout.talk.icon_pixels // 6), self.alt_text, stroke)


VisualDraft = TableDraft | IconsDraft | FigureDraft
"""A visual before the planner knows its box."""
