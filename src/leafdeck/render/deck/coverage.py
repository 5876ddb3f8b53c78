"""How much of each pixel of the veins picture each of its colours covers, painted with Pillow.

In: the picture's size (pixels per unit of the drawing's own coordinates). Out: one 8-bit mask per
colour of the drawing (vein, device, outline, skin, organ, text, white, in that order), painted
from the very shapes of ``render.leaflet.diagram._illustration`` (reportlab shapes walked and
painted with Pillow, since reportlab's own bitmap renderer is not installed), supersampled. This
module imports reportlab's graphics (and with them platypus and HarfBuzz, about 0.2 s): a build
uses it only when the stored masks (``picture.stored_coverage``) do not match the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PIL import Image, ImageChops, ImageDraw
from reportlab.graphics.shapes import Circle, Ellipse, Group, Line, Path
from reportlab.lib.colors import Color

from leafdeck.render.leaflet.diagram import Ink, _illustration
from leafdeck.render.leaflet.diagram_geometry import ART_H, ART_W
from leafdeck.render.leaflet.layout import DiagramSpec

SUPERSAMPLE = 3
"""Drawn this many times larger, then scaled down, for smooth edges."""
_CURVE_STEPS = 24
Matrix = tuple[float, float, float, float, float, float]


def painted(pixels: int) -> tuple[Image.Image, ...]:
    """How much of each pixel each colour of the drawing
    covers (0-255; vein, device, outline, skin, organ, text, white, in that order). The shapes are
    painted once per size, supersampled, in codes instead of colours, so each clinic's picture is
    only a mix of these masks (painting is most of the cost; a build draws every clinic's)."""
    scale = pixels * SUPERSAMPLE
    codes = [Color(i / 255, 0, 0) for i in range(1, 7)]
    size = (round(ART_W * scale), round(ART_H * scale))
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    art = _illustration(Ink(*codes), DiagramSpec(), 1.0, 0.0)
    for shape, matrix in _shapes(art, (scale, 0.0, 0.0, -scale, 0.0, size[1])):
        _paint(pen, shape, matrix, scale)
    red, alpha = image.getchannel("R"), image.getchannel("A")
    drawn = alpha.point(lambda v: 255 if v else 0)
    masks = [
        ImageChops.multiply(red.point(lambda v, code=code: 255 if v == code else 0), drawn).reduce(SUPERSAMPLE)
        for code in (1, 2, 3, 4, 5, 6, 255)
    ]
    return tuple(masks)


def _times(a: Matrix, b: Matrix) -> Matrix:
    """The transform applying ``b`` first, then ``a``."""
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def _shapes(group: Group, matrix: Matrix) -> Iterator[tuple[object, Matrix]]:
    """Every shape of ``group`` in drawing order, with the transform from its coordinates to pixels."""
    here = _times(matrix, tuple(group.transform))
    for shape in group.contents:
        if isinstance(shape, Group):
            yield from _shapes(shape, here)
        else:
            yield shape, here


def _at(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    return (matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5])


def _rgba(colour: Color | None) -> tuple[int, int, int, int] | None:
    if colour is None:
        return None
    red, green, blue = (round(c * 255) for c in colour.rgb())
    return (red, green, blue, 255)


def _paint(pen: ImageDraw.ImageDraw, shape: object, matrix: Matrix, scale: float) -> None:
    """One reportlab shape, filled then stroked (round ends and joins)."""
    fill = _rgba(getattr(shape, "fillColor", None))
    stroke = _rgba(getattr(shape, "strokeColor", None))
    width = max(1, round(float(getattr(shape, "strokeWidth", 1) or 0) * scale)) if stroke else 0
    if isinstance(shape, Ellipse | Circle):
        rx, ry = (shape.r, shape.r) if isinstance(shape, Circle) else (shape.rx, shape.ry)
        steps = [2 * math.pi * i / 72 for i in range(72)]
        outline = [_at(matrix, shape.cx + rx * math.cos(t), shape.cy + ry * math.sin(t)) for t in steps]
        _polygon(pen, [outline], fill, stroke, width, closed=True)
    elif isinstance(shape, Line):
        line = [_at(matrix, shape.x1, shape.y1), _at(matrix, shape.x2, shape.y2)]
        _polygon(pen, [line], None, stroke, width, closed=False)
    elif isinstance(shape, Path):
        parts, closed = _flattened(shape, matrix)
        _polygon(pen, parts, fill, stroke, width, closed=closed)


def _flattened(path: Path, matrix: Matrix) -> tuple[list[list[tuple[float, float]]], bool]:
    """The path's subpaths as point lists (curves sampled), and whether it was closed."""
    points, parts, closed, i = path.points, [], False, 0
    current: list[tuple[float, float]] = []
    for op in path.operators:
        if op == 0:  # moveTo
            if current:
                parts.append(current)
            current, i = [(points[i], points[i + 1])], i + 2
        elif op == 1:  # lineTo
            current.append((points[i], points[i + 1]))
            i += 2
        elif op == 2:  # curveTo
            x0, y0 = current[-1]
            c = points[i : i + 6]
            for step in range(1, _CURVE_STEPS + 1):
                t = step / _CURVE_STEPS
                u = 1 - t
                current.append(
                    (
                        u**3 * x0 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t**3 * c[4],
                        u**3 * y0 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t**3 * c[5],
                    )
                )
            i += 6
        else:  # closePath
            closed = True
    if current:
        parts.append(current)
    return [[_at(matrix, x, y) for x, y in part] for part in parts], closed


def _polygon(
    pen: ImageDraw.ImageDraw,
    parts: list[list[tuple[float, float]]],
    fill: tuple[int, int, int, int] | None,
    stroke: tuple[int, int, int, int] | None,
    width: int,
    *,
    closed: bool,
) -> None:
    for part in parts:
        if fill is not None and len(part) > 2:
            pen.polygon(part, fill=fill)
        if stroke is not None and width > 0 and len(part) > 1:
            line = [*part, part[0]] if closed else part
            pen.line(line, fill=stroke, width=width, joint="curve")
            r = width / 2
            for x, y in (line[0], line[-1]):
                pen.ellipse((x - r, y - r, x + r, y + r), fill=stroke)
