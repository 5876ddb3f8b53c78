"""The labelled drawing of the neck and chest veins, with a balloon catheter in one jugular vein.

A front view, as in the anatomy figures of patient leaflets: the person's right is the reader's
left. The two internal jugular veins run down the neck and join the veins from the arms; the
superior vena cava takes their blood down into the heart; the azygos vein climbs the chest and
arches over into the vena cava; a balloon catheter, passed up through the heart, is inflated in
the left jugular vein (what the "liberation procedure" does: ``../shared/evidence.md``). Drawn
in the layout's colours with outlines and shapes that survive a black-and-white copy; the words
are the plan's (``block.labels``, ``block.figure``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Ellipse, Group, Line, Path, String
from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from leafdeck.plan.blocks import Diagram
from leafdeck.render.leaflet.diagram_geometry import ART_H, ART_W, LEFT, TARGETS
from leafdeck.render.leaflet.figure import Cite, Described, Figure, lines
from leafdeck.render.leaflet.fonts import BOLD
from leafdeck.render.leaflet.layout import DiagramSpec
from leafdeck.render.leaflet.markup import inline
from leafdeck.render.leaflet.styles import Theme
from leafdeck.render.leaflet.tagged import Para as Paragraph


@dataclass(frozen=True)
class Ink:
    """The drawing's colours."""

    vein: Color
    device: Color
    outline: Color
    skin: Color
    organ: Color
    text: Color


def diagram(block: Diagram, theme: Theme, width: float, cite: Cite | None = None) -> Flowable:
    """The drawing, labelled, with ``block.figure.caption`` (and ``cite(figure.cites)``) under it;
    the alternative text is ``block.figure.alt``. ``width`` is the column width in points."""
    art = drawing(block, theme, width)
    mark = cite(block.figure.cites) if cite else ""
    caption = Paragraph(inline(block.figure.caption) + mark, theme["caption"])
    size = max((theme.layout.diagram or DiagramSpec()).label_size, theme.layout.min_font_size)
    return Figure([Spacer(1, size * 0.6), art, caption], art, block.figure.alt)


def drawing(block: Diagram, theme: Theme, width: float) -> Described:
    """The illustration with its labels beside it (leader lines to each part), or, narrower than
    the layout's ``diagram.min_width``, with numbers on it and a numbered key below."""
    spec = theme.layout.diagram or DiagramSpec()
    size = max(spec.label_size, theme.layout.min_font_size)
    ink = _ink(theme, spec)
    total = min(width, spec.width)
    if total >= spec.min_width:
        return _beside(block, ink, spec, size, total)
    return _numbered(block, ink, spec, size, width)


def _ink(theme: Theme, spec: DiagramSpec) -> Ink:
    organ = _mix(theme.colour(spec.device), theme.hex("background"), 0.22)
    return Ink(
        theme.colour(spec.vein),
        theme.colour(spec.device),
        theme.colour(spec.outline),
        theme.hex("tint"),
        organ,
        theme.colour("text"),
    )


def _mix(colour: Color, paper: Color, share: float) -> Color:
    """``share`` of ``colour`` on ``paper`` (a pale tint of a theme colour)."""
    return Color(*(share * c + (1 - share) * p for c, p in zip(colour.rgb(), paper.rgb(), strict=True)))


def _beside(block: Diagram, ink: Ink, spec: DiagramSpec, size: float, total: float) -> Described:
    """Labels in a column each side, as wide as their longest label where the width allows (else
    sharing what is left after the illustration, which keeps at least 30% of the width)."""
    sides: dict[bool, list[tuple[float, int]]] = {True: [], False: []}
    for index, (_, y) in enumerate(TARGETS[: len(block.labels)]):
        sides[index in LEFT].append((y, index))
    need = {
        side: max((stringWidth(block.labels[i], BOLD, size) for _, i in entries), default=0.0) + size * 1.2
        for side, entries in sides.items()
    }
    art_w = min(ART_W * spec.height / ART_H, max(total * 0.3, total - need[True] - need[False]))
    spare = total - art_w
    share = {side: spare * need[side] / (need[True] + need[False]) for side in need}
    columns = {side: min(need[side], share[side]) for side in need}
    scale = art_w / ART_W
    left = (total - columns[True] - art_w - columns[False]) / 2 + columns[True]
    picture = Described(total, ART_H * scale, block.figure.alt)
    picture.add(_illustration(ink, spec, scale, left))
    for on_left, entries in sides.items():
        edge = left - size * 0.6 if on_left else left + art_w + size * 0.6
        placed = [(y * scale, i) for y, i in entries]
        _label_column(picture, block, placed, on_left, ink, spec, size, (left, scale), edge, columns[on_left] - size)
    return picture


def _label_column(
    picture: Described,
    block: Diagram,
    entries: list[tuple[float, int]],
    on_left: bool,
    ink: Ink,
    spec: DiagramSpec,
    size: float,
    art: tuple[float, float],
    edge: float,
    room: float,
) -> None:
    """Labels on one side, each level with its part where it can be, pushed apart so none overlap;
    the words end (left side) or start (right side) at ``edge``, wrapped to ``room``; a leader
    line runs from the words to a dot on the part. ``art`` is the illustration's left and scale."""
    leading, floor = size * 1.2, picture.height
    left, scale = art
    for y, index in sorted(entries, reverse=True):
        words = lines(block.labels[index], BOLD, size, room)
        baseline = min(y + size * 0.35, floor) - size * 0.8
        for n, line in enumerate(words):
            x = edge - stringWidth(line, BOLD, size) if on_left else edge
            picture.add(String(x, baseline - n * leading, line, fontName=BOLD, fontSize=size, fillColor=ink.text))
        start = edge + size * 0.2 if on_left else edge - size * 0.2
        x_part, y_part = left + TARGETS[index][0] * scale, TARGETS[index][1] * scale
        picture.add(_leader(start, baseline + size * 0.3, x_part, y_part, ink, spec))
        floor = baseline - (len(words) - 1) * leading - size * 0.5


def _leader(x0: float, y0: float, x1: float, y1: float, ink: Ink, spec: DiagramSpec) -> Group:
    """A thin line from a label to a dot on the part it names."""
    return Group(
        Line(x0, y0, x1, y1, strokeColor=ink.text, strokeWidth=spec.stroke * 0.75),
        Circle(x1, y1, spec.stroke * 2.2, fillColor=ink.text, strokeColor=white, strokeWidth=spec.stroke * 0.6),
    )


def _numbered(block: Diagram, ink: Ink, spec: DiagramSpec, size: float, width: float) -> Described:
    """Narrow columns: numbers in circles on the parts, the words in a numbered key below."""
    scale = min(width / ART_W, spec.height / ART_H)
    art_w, art_h = ART_W * scale, ART_H * scale
    leading = size * 1.25
    key = [lines(label, BOLD, size, width - size * 2.2) for label in block.labels]
    key_h = sum(len(k) for k in key) * leading + size * 0.8
    picture = Described(width, art_h + key_h, block.figure.alt)
    left = (width - art_w) / 2
    picture.add(_illustration(ink, spec, scale, left, bottom=key_h))
    y = key_h - size * 1.2
    for number, words in enumerate(key, 1):
        x, yy = left + TARGETS[number - 1][0] * scale, key_h + TARGETS[number - 1][1] * scale
        away = x - size * 1.6 if number - 1 in LEFT else x + size * 1.6
        picture.add(_leader(away, yy, x, yy, ink, spec))
        picture.add(_badge(away, yy, str(number), size, ink))
        picture.add(_badge(size * 0.6, y + size * 0.3, str(number), size, ink))
        for n, line in enumerate(words):
            text = String(size * 1.6, y - n * leading, line, fontName=BOLD, fontSize=size, fillColor=ink.text)
            picture.add(text)
        y -= len(words) * leading
    return picture


def _badge(x: float, y: float, number: str, size: float, ink: Ink) -> Group:
    """A white number in a dark circle centred on ``(x, y)``."""
    return Group(
        Circle(x, y, size * 0.6, fillColor=ink.text, strokeColor=white, strokeWidth=1),
        String(x, y - size * 0.35, number, fontName=BOLD, fontSize=size, fillColor=white, textAnchor="middle"),
    )


def _illustration(ink: Ink, spec: DiagramSpec, scale: float, left: float, bottom: float = 0.0) -> Group:
    """Body outline, azygos vein, heart, the great veins, then the catheter and its balloon."""
    group = Group()
    group.add(_body(ink, spec))
    group.add(_vessel(AZYGOS, 6.0, ink))
    group.add(_heart(ink, spec))
    for path, thickness in ((SUBCLAVIAN_R, 7.0), (SUBCLAVIAN_L, 7.0), (JUGULAR_R, 9.0), (JUGULAR_L, 9.0)):
        group.add(_vessel(path, thickness, ink))
    group.add(_vessel(VENA_CAVA, 12.0, ink))
    group.add(_catheter(ink, spec))
    group.transform = (scale, 0, 0, scale, left, bottom)
    return group


Points = tuple[tuple[float, ...], ...]
"""A path: a start point, then line ends (x, y) or curves (c1x, c1y, c2x, c2y, x, y)."""

JUGULAR_R: Points = ((82, 272), (81, 230), (80, 200), (79, 186, 84, 176, 90, 170))
JUGULAR_L: Points = ((118, 272), (119, 230), (121, 200), (122, 184, 104, 176, 90, 168))
SUBCLAVIAN_R: Points = ((80, 190), (62, 182, 40, 181, 20, 180))
SUBCLAVIAN_L: Points = ((121, 192), (140, 184, 160, 182, 180, 180))
VENA_CAVA: Points = ((90, 172), (90, 112))
AZYGOS: Points = ((52, 0), (54, 60), (54, 124), (54, 158, 74, 162, 88, 146))
CATHETER: Points = ((98, 0), (97, 50), (92, 100), (91, 150), (91, 168), (104, 175, 120, 184, 120, 200), (119, 246))


def _path(points: Points) -> Path:
    path = Path()
    path.moveTo(*points[0])
    for step in points[1:]:
        if len(step) == 2:
            path.lineTo(*step)
        else:
            path.curveTo(*step)
    return path


def _vessel(points: Points, thickness: float, ink: Ink) -> Group:
    """A vein: a thick rounded stroke of the vein colour over a slightly wider white edge, so
    crossing veins stay apart when copied in grey."""
    edge, core = _path(points), _path(points)
    for line, colour, width in ((edge, white, thickness + 2.0), (core, ink.vein, thickness)):
        line.strokeColor, line.strokeWidth, line.fillColor = colour, width, None
        line.strokeLineCap = line.strokeLineJoin = 1
    return Group(edge, core)


def _body(ink: Ink, spec: DiagramSpec) -> Group:
    """The neck, shoulders and chest: a pale shape, outlined except where the page crops it."""
    points: Points = (
        (64, 272),
        (64, 236),
        (64, 214, 62, 200, 50, 193),
        (38, 185, 16, 182, 8, 166),
        (2, 150, 6, 120, 12, 96),
        (16, 60, 14, 24, 16, 0),
        (184, 0),
        (186, 24, 184, 60, 188, 96),
        (194, 120, 198, 150, 192, 166),
        (184, 182, 162, 185, 150, 193),
        (138, 200, 136, 214, 136, 236),
        (136, 272),
    )
    fill = _path(points)
    fill.closePath()
    fill.fillColor, fill.strokeColor = ink.skin, None
    outline = _path(points)
    outline.fillColor, outline.strokeColor, outline.strokeWidth = None, ink.outline, spec.stroke * 1.2
    outline.strokeLineJoin = 1
    group = Group(fill, outline)
    for points in (((64, 257), (56, 261, 46, 266, 40, 272)), ((136, 257), (144, 261, 154, 266, 160, 272))):
        jaw = _path(points)  # the angles of the jaw, where the page crops the head
        jaw.fillColor, jaw.strokeColor, jaw.strokeWidth = None, ink.outline, spec.stroke * 1.2
        group.add(jaw)
    return group


def _heart(ink: Ink, spec: DiagramSpec) -> Group:
    """The heart, its apex down and to the reader's right, with the groove between its halves."""
    shape = _path(
        (
            (82, 122),
            (70, 118, 64, 100, 68, 82),
            (72, 62, 100, 44, 140, 36),
            (154, 52, 158, 84, 146, 106),
            (138, 120, 118, 128, 100, 126),
            (92, 126, 86, 124, 82, 122),
        )
    )
    shape.closePath()
    shape.fillColor, shape.strokeColor, shape.strokeWidth = ink.organ, ink.outline, spec.stroke * 1.2
    groove = _path(((112, 122), (104, 96, 110, 66, 132, 42)))
    groove.fillColor, groove.strokeColor, groove.strokeWidth = None, ink.outline, spec.stroke
    return Group(shape, groove)


def _catheter(ink: Ink, spec: DiagramSpec) -> Group:
    """The catheter, a thin line up through the heart and the veins, and its inflated balloon in
    the reader's-right jugular vein: the vein bulges around it; bands mark the balloon's ends."""
    tube = _path(CATHETER)
    tube.fillColor, tube.strokeColor, tube.strokeWidth = None, ink.device, spec.stroke * 1.6
    halo = _path(CATHETER)
    halo.fillColor, halo.strokeColor, halo.strokeWidth = None, white, spec.stroke * 3.2
    bulge = Ellipse(119.5, 232, 11.5, 22, fillColor=ink.vein, strokeColor=white, strokeWidth=1.0)
    balloon = Ellipse(119.5, 232, 7.5, 18, fillColor=ink.device, strokeColor=white, strokeWidth=1.6)
    bands = [Line(114.5, y, 124.5, y, strokeColor=ink.text, strokeWidth=1.6) for y in (219.0, 245.0)]
    tip = Line(119.4, 250, 119.2, 258, strokeColor=ink.device, strokeWidth=spec.stroke * 1.6)
    return Group(halo, tube, bulge, balloon, *bands, tip)
