"""The icon-array pictures (render/deck/draw.py): made of copies of two people, they look as the
whole picture drawn large and scaled down at once does.

``_icon_png`` draws and scales one filled and one outlined person and pastes 100 copies; the
reference below draws the whole picture four times larger and scales it at once, as the deck did
before. Laid on the slide's background, the two differ by at most 3 levels of 255 in any channel
of any pixel (Lanczos scaling reaches a little across the people's cells in the whole picture).
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from leafdeck.render.deck import draw
from leafdeck.render.deck.visuals import ICON_ASPECT, ICON_ROWS

COLOURS = [("#1F4E79", "#FFFFFF", "#5F6B73", "#E8EEF4"), ("#8A1538", "#FAFAF7", "#444444", "#F2E6EA")]
COUNTS = [0, 1, 9, 10, 11, 19, 20, 21, 35, 50, 79, 89, 90, 91, 99, 100]


def whole(filled: int, pixels: int, colours: tuple[str, str, str, str]) -> bytes:
    """The picture drawn whole, ``draw._SUPERSAMPLE`` times larger, then scaled down at once."""
    cell_w = pixels * draw._SUPERSAMPLE
    cell_h = round(cell_w * ICON_ASPECT)
    image = Image.new("RGBA", (cell_w * ICON_ROWS, cell_h * ICON_ROWS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    solid, dot, line, pale = (draw._hex(colour) for colour in colours)
    stroke = max(1, cell_w // 16)
    for index in range(ICON_ROWS * ICON_ROWS):
        x, y = (index % ICON_ROWS) * cell_w, (index // ICON_ROWS) * cell_h
        head = (x + cell_w * 0.34, y + cell_h * 0.06, x + cell_w * 0.66, y + cell_h * 0.31)
        body = (x + cell_w * 0.2, y + cell_h * 0.35, x + cell_w * 0.8, y + cell_h * 0.92)
        radius = round(cell_w * 0.18)
        if index < filled:
            pen.ellipse(head, fill=solid)
            pen.rounded_rectangle(body, radius, fill=solid)
            r = cell_w * 0.1
            cx, cy = x + cell_w / 2, y + cell_h * 0.6
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=dot)
        else:
            pen.ellipse(head, fill=pale, outline=line, width=stroke)
            pen.rounded_rectangle(body, radius, fill=pale, outline=line, width=stroke)
    small = image.resize((pixels * ICON_ROWS, round(pixels * ICON_ASPECT) * ICON_ROWS), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _on(background: str, png: bytes) -> Image.Image:
    """The picture laid on ``background``, as a slide shows it."""
    with Image.open(io.BytesIO(png)) as picture:
        ground = Image.new("RGBA", picture.size, draw._hex(background))
        return Image.alpha_composite(ground, picture.convert("RGBA")).convert("RGB")


@pytest.mark.parametrize("pixels", [24, 37])
@pytest.mark.parametrize("colours", COLOURS)
def test_icon_pictures_look_as_the_whole_pictures(pixels: int, colours: tuple[str, str, str, str]) -> None:
    for filled in COUNTS:
        made, reference = (
            _on(colours[1], draw._icon_png(filled, pixels, *colours)),
            _on(colours[1], whole(filled, pixels, colours)),
        )
        assert made.size == reference.size
        largest = max(high for _, high in ImageChops.difference(made, reference).getextrema())
        assert largest <= 3, (filled, largest)


def test_icon_pictures_are_the_same_bytes_each_time() -> None:
    colours = COLOURS[0]
    first = draw._icon_png(35, 24, *colours)
    draw._icon_png.cache_clear()
    draw._person.cache_clear()
    assert draw._icon_png(35, 24, *colours) == first


def test_icon_picture_size_and_filled_people() -> None:
    colours = COLOURS[0]
    with Image.open(io.BytesIO(draw._icon_png(35, 24, *colours))) as picture:
        assert picture.size == (24 * ICON_ROWS, round(24 * ICON_ASPECT) * ICON_ROWS)
        cell_h = round(24 * ICON_ASPECT)
        # the middle of each body: solid primary where filled (35 people), the pale tint elsewhere
        primary = draw._hex(colours[0])
        for index in (0, 34, 35, 99):
            x, y = (index % ICON_ROWS) * 24 + 12, (index // ICON_ROWS) * cell_h + round(cell_h * 0.8)
            pixel = picture.getpixel((x, y))
            assert (pixel == primary) == (index < 35), (index, pixel)
