"""The leaflets' drawing of the neck and chest veins as a picture for a slide (Pillow).

In: the deck layout and the clinic (its colours). Out: PNG bytes of the illustration only (no
words: the slide writes the part labels as native text, see ``draw._figure``): each clinic's
picture is a mix, in its colours, of the drawing's coverage masks (``coverage.painted``).
Painting those masks imports reportlab's graphics and takes about 0.4 s, so the masks of the
layouts' picture size are stored beside this module (``veins-coverage.png``) with a fingerprint
of everything they are painted from; a fingerprint that does not match paints them afresh.
Deterministic: the same colours give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import sys
from pathlib import Path

from PIL import Image, ImageChops, PngImagePlugin
from reportlab.lib.colors import Color, HexColor

from leafdeck.read.layout import Clinic
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.leaflet.layout import DiagramSpec

ORGAN_SHARE = 0.22
"""Share of the device colour in the heart's pale fill (as the leaflets mix it)."""
STORED = Path(__file__).with_name("veins-coverage.png")
"""The stored masks: one greyscale image, the 7 masks one below the other, fingerprint in ``tEXt``."""
STORED_PIXELS = 4
"""The picture size the masks are stored for (the layouts' ``icon_pixels`` 24, divided by 6)."""
_MASKS = 7
_FINGERPRINT = "leafdeck-fingerprint"
_LEAFLET = Path(__file__).parent.parent / "leaflet"
_SOURCES = (Path(__file__).with_name("coverage.py"), _LEAFLET / "diagram.py", _LEAFLET / "diagram_geometry.py")
"""The files the masks are painted from: the painter and the leaflets' drawing."""


def diagram_png(pixels: int, layout: DeckLayout, clinic: Clinic) -> bytes:
    """The illustration ``pixels`` wide per unit of its own coordinate space (``ART_W`` x
    ``ART_H`` units): veins in the clinic's primary colour, the catheter in its accent, outlines
    in the muted colour on a tint body, on a transparent ground."""
    p = layout.palette
    return _png(pixels, clinic.primary, clinic.accent, p.muted, p.tint, p.background, p.text)


_WHITE = (255, 255, 255)
"""The drawing's fixed colour (the white edges of veins and balloon), whatever the clinic's."""


@functools.lru_cache(maxsize=16)
def _png(pixels: int, vein: str, device: str, outline: str, skin: str, paper: str, text: str) -> bytes:
    organ = _mix(HexColor(device), HexColor(paper), ORGAN_SHARE)
    inks = (HexColor(vein), HexColor(device), HexColor(outline), HexColor(skin), organ, HexColor(text))
    colours = [*(_rgb(c) for c in inks), _WHITE]
    coverage = _coverage(pixels)
    premultiplied = [
        _sum(
            [
                mask.point(lambda v, c=colour[channel]: v * c // 255)
                for colour, mask in zip(colours, coverage, strict=True)
            ]
        )
        for channel in range(3)
    ]
    image = Image.merge("RGBa", (*premultiplied, _sum(list(coverage)))).convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _coverage(pixels: int) -> tuple[Image.Image, ...]:
    """The drawing's masks at ``pixels``: the stored ones when they match, else painted."""
    stored = stored_coverage(pixels)
    if stored is not None:
        return stored
    from leafdeck.render.deck.coverage import painted

    return painted(pixels)


def stored_coverage(pixels: int) -> tuple[Image.Image, ...] | None:
    """The stored masks, if they were painted at ``pixels`` from the drawing as it is now (same
    fingerprint); None otherwise (another size, a changed drawing, or no stored file)."""
    if pixels != STORED_PIXELS or not STORED.is_file():
        return None
    with Image.open(STORED) as image:
        if image.info.get(_FINGERPRINT) != fingerprint(pixels):
            return None
        image.load()
        width, height = image.width, image.height // _MASKS
        return tuple(image.crop((0, i * height, width, (i + 1) * height)) for i in range(_MASKS))


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
    """Paint the masks at ``pixels`` and store them at ``target`` with their fingerprint (run
    ``python -m leafdeck.render.deck.picture`` after changing the drawing or its painter)."""
    from leafdeck.render.deck.coverage import painted

    masks = painted(pixels)
    width, height = masks[0].size
    sheet = Image.new("L", (width, height * len(masks)))
    for index, mask in enumerate(masks):
        sheet.paste(mask, (0, index * height))
    info = PngImagePlugin.PngInfo()
    info.add_text(_FINGERPRINT, fingerprint(pixels))
    sheet.save(target, format="PNG", optimize=True, pnginfo=info)


def _sum(layers: list[Image.Image]) -> Image.Image:
    total = layers[0]
    for layer in layers[1:]:
        total = ImageChops.add(total, layer)
    return total


def _rgb(colour: Color) -> tuple[int, int, int]:
    red, green, blue = (round(c * 255) for c in colour.rgb())
    return (red, green, blue)


def _mix(colour: Color, paper: Color, share: float) -> Color:
    return Color(*(share * c + (1 - share) * q for c, q in zip(colour.rgb(), paper.rgb(), strict=True)))


if __name__ == "__main__":
    store_coverage()
    sys.stdout.write(f"stored {STORED}\n")
