"""What the drawn figures share: a Drawing that carries its alternative text, a figure flowable
(heading, drawing, caption kept together) and word wrapping for labels inside a drawing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.utils import simpleSplit
from reportlab.lib.validators import isStringOrNone
from reportlab.platypus import Flowable, KeepTogether

from leafdeck.render.leaflet import tags

Cite = Callable[[Sequence[str]], str]
"""Reference ids → the citation mark to print after a text (``""`` when the product prints none)."""


class Described(Drawing):
    """A vector drawing with a text description (``desc``): the block's alternative text.

    Drawn as a Figure element of the PDF's structure tree with ``desc`` as its Alt (``tags``)."""

    _attrMap = AttrMap(BASE=Drawing, desc=AttrMapValue(isStringOrNone, desc="alternative text"))

    def __init__(self, width: float, height: float, desc: str | None = None) -> None:
        super().__init__(width, height)
        self.desc = desc
        self.hAlign = "LEFT"

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0, *args: Any, **kwargs: Any) -> None:
        with tags.marked(canvas, "Figure", alt=self.desc):
            super().drawOn(canvas, x, y, _sW, *args, **kwargs)


class Figure(KeepTogether):
    """A figure's flowables (heading, drawing, caption), kept on one page when they fit.

    ``drawing`` is the vector drawing; ``alt`` its alternative text."""

    def __init__(self, flowables: list[Flowable], drawing: Drawing, alt: str) -> None:
        super().__init__(flowables)
        self.drawing = drawing
        self.alt = alt


def lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` wrapped at word boundaries to lines no wider than ``width`` points (a word longer
    than the line stays whole)."""
    return simpleSplit(text, font, size, width) if text else []
