"""Draw flowables onto one page and read the result back as pixels and positioned text.

Used by the tests of the drawn figures (icon arrays, diagram, option grid): they check what a
printed copy shows, not how the code builds it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.platypus import Flowable, SimpleDocTemplate

from leafdeck.read.labels import Labels
from leafdeck.read.layout import load_clinic, load_model
from leafdeck.render.leaflet import fonts, styles
from leafdeck.render.leaflet.layout import LeafletLayout
from leafdeck.render.leaflet.styles import Theme
from tests.conftest import LAYOUTS

MARGIN = 20.0


def theme(labels: Labels, layout: str = "leaflet-a4", **changes: object) -> Theme:
    """The theme of a layout in ``layouts/`` (with ``changes`` to its fields) and the default clinic."""
    model = load_model(LAYOUTS / f"{layout}.yaml", LeafletLayout, LAYOUTS)
    model = model.model_copy(update=changes) if changes else model
    fonts.register(model.fonts, LAYOUTS)
    return styles.theme(model, load_clinic(LAYOUTS, "default"), LAYOUTS, labels)


def one_page(path: Path, flowables: Sequence[Flowable], width: float, height: float = 1200.0) -> Path:
    """A PDF of one page ``width`` points wide inside a 20 pt margin, holding ``flowables``."""
    doc = SimpleDocTemplate(
        str(path),
        pagesize=(width + 2 * MARGIN, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
    )
    doc.build(list(flowables))
    return path


def pixels(path: Path, dpi: float, page: int = 0, grey: bool = False) -> Image.Image:
    """One page rendered at ``dpi`` (RGB, or 8-bit grey as a black-and-white copy would print)."""
    pdf = pdfium.PdfDocument(path)
    try:
        image = pdf[page].render(scale=dpi / 72, grayscale=grey).to_pil()
    finally:
        pdf.close()
    return image.convert("L" if grey else "RGB")


@dataclass(frozen=True)
class Blob:
    """A connected patch of pixels: its bounding box (in pixels) and how many pixels it has."""

    left: int
    top: int
    right: int
    bottom: int
    area: int

    @property
    def width(self) -> int:
        return self.right - self.left + 1

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1

    @property
    def solidity(self) -> float:
        """Share of the bounding box covered: about 0.8 for a solid shape, under 0.5 for an outline."""
        return self.area / (self.width * self.height)


def blobs(image: Image.Image, inked: Callable[[object], bool]) -> list[Blob]:
    """The 8-connected patches of pixels for which ``inked(pixel)`` holds, top to bottom."""
    width, height = image.size
    data = image.load()
    seen = bytearray(width * height)
    found = []
    for start_y in range(height):
        for start_x in range(width):
            if seen[start_y * width + start_x] or not inked(data[start_x, start_y]):
                continue
            seen[start_y * width + start_x] = 1
            stack, box, area = [(start_x, start_y)], [start_x, start_y, start_x, start_y], 0
            while stack:
                x, y = stack.pop()
                area += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
                for nx in (x - 1, x, x + 1):
                    for ny in (y - 1, y, y + 1):
                        inside = 0 <= nx < width and 0 <= ny < height
                        if inside and not seen[ny * width + nx] and inked(data[nx, ny]):
                            seen[ny * width + nx] = 1
                            stack.append((nx, ny))
            found.append(Blob(*box, area))
    return found


def text_box(path: Path, text: str, page: int = 0, *, word: bool = False) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) in points of the first place ``text`` is printed (as a whole
    word when ``word``); AssertionError if nowhere."""
    pdf = pdfium.PdfDocument(path)
    try:
        textpage = pdf[page].get_textpage()
        searcher = textpage.search(text, match_case=True, match_whole_word=word)
        hit = searcher.get_next()
        assert hit is not None, f"{text!r} is not printed"
        index, count = hit
        boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    finally:
        pdf.close()
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
