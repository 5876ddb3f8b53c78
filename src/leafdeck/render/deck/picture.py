"""The leaflets' drawing of the neck and chest veins as a picture for a slide (Pillow).

In: the deck layout and the clinic (its colours). Out: PNG bytes of the illustration only (no
words: the slide writes the part labels as native text, see ``draw._figure``): each clinic's
picture is a mix, in its colours, of the drawing's coverage masks (``coverage.painted``).
Painting those masks imports reportlab's graphics and takes about 0.4 s, so the masks of the
layouts' picture size are stored beside this module (``veins-coverage.png``) with a fingerprint
of everything they are painted from; a fingerprint that does not match paints them afresh. The
masks hold about 130 different coverage tuples, so the picture is written as a palette image: one
palette entry per tuple, mixed as the whole RGBA picture would be (the same pixels; about 3 ms a
clinic instead of 55 ms of mixing and encoding). Deterministic: the same colours give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import sys
from pathlib import Path

from PIL import Image, ImageChops, PngImagePlugin

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.leaflet.layout import DiagramSpec

ORGAN_SHARE = 0.22
"""Share of the device colour in the heart's pale fill (as the leaflets mix it)."""
STORED = Path(__file__).with_name("veins-coverage.png")
"""The stored masks: one 8-bit image of indices into the table of coverage tuples (``Indexed``),
the table (JSON) and the fingerprint in ``tEXt``."""
STORED_PIXELS = 4
"""The picture size the masks are stored for (the layouts' ``icon_pixels`` 24, divided by 6)."""
_MASKS = 7
_FINGERPRINT = "leafdeck-fingerprint"
_TABLE = "leafdeck-coverage"
_LEAFLET = Path(__file__).parent.parent / "leaflet"
_SOURCES = (Path(__file__).with_name("coverage.py"), _LEAFLET / "diagram.py", _LEAFLET / "diagram_geometry.py")
"""The files the masks are painted from: the painter and the leaflets' drawing."""


def diagram_png(pixels: int, layout: DeckLayout, clinic: Clinic) -> bytes:
    """The illustration ``pixels`` wide per unit of its own coordinate space (``ART_W`` x
    ``ART_H`` units): veins in the clinic's primary colour, the catheter in its accent, outlines
    in the muted colour on a tint body, on a transparent ground."""
    p = layout.palette
    return _png(pixels, clinic.primary, clinic.accent, p.muted, p.tint, p.background, p.text)


FAST_PNG = 1
"""zlib level of the deck's pictures (icon arrays, the veins picture): lossless at any level; 1
encodes in about 60% of the time of Pillow's default 6 for files about a third larger (tens of
kB a picture), the trade a presenter's deck wants (issue 20 point 8)."""

_WHITE = (255, 255, 255)
"""The drawing's fixed colour (the white edges of veins and balloon), whatever the clinic's."""


Indexed = tuple[Image.Image, tuple[tuple[int, ...], ...]]
"""The masks as one 8-bit image of indices into a table of the coverage tuples it holds (each
tuple: the 7 masks' values at a pixel): the drawing has about 130 such tuples."""


@functools.lru_cache(maxsize=16)
def _png(pixels: int, vein: str, device: str, outline: str, skin: str, paper: str, text: str) -> bytes:
    """The picture as PNG bytes: a palette image (one entry per coverage tuple, each entry mixed
    exactly as the whole picture would be, so every pixel is the same) when the masks hold at most
    256 tuples, which encodes in a tenth of the time of the RGBA image; else the RGBA image."""
    colours = mask_colours(vein, device, outline, skin, paper, text)
    found = _indexed(pixels)
    if found is None:
        image = _mixed(_coverage(pixels), colours)
    else:
        index, table = found
        strips = tuple(Image.frombytes("L", (len(table), 1), bytes(t[k] for t in table)) for k in range(_MASKS))
        image = index.copy()
        image.putpalette(_mixed(strips, colours).tobytes(), "RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=FAST_PNG)
    return out.getvalue()


def _mixed(coverage: tuple[Image.Image, ...], colours: list[tuple[int, int, int]]) -> Image.Image:
    """The masks mixed in ``colours`` (one per mask), premultiplied, as an RGBA image."""
    premultiplied = [
        _sum(
            [
                mask.point(lambda v, c=colour[channel]: v * c // 255)
                for colour, mask in zip(colours, coverage, strict=True)
            ]
        )
        for channel in range(3)
    ]
    return Image.merge("RGBa", (*premultiplied, _sum(list(coverage)))).convert("RGBA")


@functools.lru_cache(maxsize=4)
def _coverage(pixels: int) -> tuple[Image.Image, ...]:
    """The drawing's masks at ``pixels``: the stored ones when they match, else painted."""
    stored = stored_coverage(pixels)
    if stored is not None:
        return stored
    from leafdeck.render.deck.coverage import painted

    return painted(pixels)


@functools.lru_cache(maxsize=4)
def _indexed(pixels: int) -> Indexed | None:
    """The drawing's masks at ``pixels`` as indices and tuples: the stored ones when they match,
    else worked out from the painted masks (None if they hold more than 256 tuples)."""
    return _stored(pixels) or indexed(_coverage(pixels))


def indexed(masks: tuple[Image.Image, ...]) -> Indexed | None:
    """``masks`` as an 8-bit image of indices into their sorted coverage tuples; None when they
    hold more than 256 different tuples (about 0.15 s: only for masks that are not stored)."""
    tuples = list(zip(*(mask.tobytes() for mask in masks), strict=True))
    table = tuple(sorted(set(tuples)))
    if len(table) > 256:
        return None
    number = {found: i for i, found in enumerate(table)}
    return Image.frombytes("L", masks[0].size, bytes(number[found] for found in tuples)), table


def stored_coverage(pixels: int) -> tuple[Image.Image, ...] | None:
    """The stored masks, if they were painted at ``pixels`` from the drawing as it is now (same
    fingerprint); None otherwise (another size, a changed drawing, or no stored file)."""
    stored = _stored(pixels)
    if stored is None:
        return None
    index, table = stored
    padding = [0] * (256 - len(table))
    return tuple(index.point([t[k] for t in table] + padding) for k in range(_MASKS))


def _stored(pixels: int) -> Indexed | None:
    """The stored indices and tuples, if painted at ``pixels`` from the drawing as it is now."""
    if pixels != STORED_PIXELS or not STORED.is_file():
        return None
    with Image.open(STORED) as image:
        table = image.info.get(_TABLE)
        if image.info.get(_FINGERPRINT) != fingerprint(pixels) or table is None or image.mode != "L":
            return None
        image.load()
        return image.copy(), tuple(tuple(found) for found in json.loads(table))


def fingerprint(pixels: int) -> str:
    """A SHA-256 of what the masks depend on: the picture size, the painter's and the drawing's
    source files, the leaflets' default diagram settings and reportlab's and Pillow's versions."""
    import reportlab  # its package's own module: only its version, nothing of its graphics

    digest = hashlib.sha256(f"{pixels}|{reportlab.Version}|{Image.__version__}|".encode())
    digest.update(DiagramSpec().model_dump_json().encode())
    for source in _SOURCES:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def store_coverage(pixels: int = STORED_PIXELS, target: Path = STORED) -> None:
    """Paint the masks at ``pixels`` and store them at ``target`` as indices and tuples with their
    fingerprint (run ``python -m leafdeck.render.deck.picture`` after changing the drawing or its
    painter). Raises ValueError if the masks hold more than 256 tuples (then none are stored)."""
    from leafdeck.render.deck.coverage import painted

    found = indexed(painted(pixels))
    if found is None:
        raise ValueError("the drawing's masks hold more than 256 coverage tuples: not stored")
    index, table = found
    info = PngImagePlugin.PngInfo()
    info.add_text(_FINGERPRINT, fingerprint(pixels))
    info.add_text(_TABLE, json.dumps([list(t) for t in table], separators=(",", ":")))
    index.save(target, format="PNG", optimize=True, pnginfo=info)


def _sum(layers: list[Image.Image]) -> Image.Image:
    total = layers[0]
    for layer in layers[1:]:
        total = ImageChops.add(total, layer)
    return total


Shares = tuple[float, float, float]
"""A colour as red, green and blue shares (0-1), as reportlab's ``HexColor`` holds it."""


def mask_colours(vein: str, device: str, outline: str, skin: str, paper: str, text: str) -> list[tuple[int, int, int]]:
    """The colour (0-255 RGB) each mask is mixed in, from the layout's and clinic's "#RRGGBB"
    colours: vein, device, outline, skin, the heart (``ORGAN_SHARE`` of the device colour on the
    paper, as the leaflets mix it with reportlab's colours: the same float arithmetic), text, white."""
    organ = _mix(_shares(device), _shares(paper), ORGAN_SHARE)
    inks = (_shares(vein), _shares(device), _shares(outline), _shares(skin), organ, _shares(text))
    return [*(_rgb(c) for c in inks), _WHITE]


def _shares(colour: str) -> Shares:
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255.0, int(value[2:4], 16) / 255.0, int(value[4:6], 16) / 255.0)


def _rgb(colour: Shares) -> tuple[int, int, int]:
    red, green, blue = (round(c * 255) for c in colour)
    return (red, green, blue)


def _mix(colour: Shares, paper: Shares, share: float) -> Shares:
    red, green, blue = (share * c + (1 - share) * q for c, q in zip(colour, paper, strict=True))
    return (red, green, blue)


if __name__ == "__main__":
    store_coverage()
    sys.stdout.write(f"stored {STORED}\n")
