"""Clinic logos, normalised once on load: upright, 8-bit sRGB, transparency kept.

A logo file can be stored turned (a camera's or scanner's EXIF ``Orientation``), in 16-bit
grey, as a palette with a transparent colour, grey with alpha, CMYK with or without an ICC
profile. Each renderer used to read the file its own way, and each got some of these wrong
(a 16-bit grey PNG printed as a white box, a rotated JPEG printed sideways). Here the file is
read once and turned into one ``Logo``: PNG bytes in RGB or RGBA and their pixel size, the
size of the upright image. The PDF, the deck and the web page all draw those bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from leafdeck.errors import InputError, Problem, display_path

if TYPE_CHECKING:  # Pillow is imported when a logo is read, not at start-up
    from PIL import Image

_INTEGER_GREY = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "I;16S", "I;32", "I;32B", "I;32L"})


@dataclass(frozen=True)
class Logo:
    """A logo as every renderer draws it."""

    png: bytes
    """The upright image as a PNG, RGB or RGBA, 8 bits per channel."""
    width: int
    """Width in pixels, upright."""
    height: int
    """Height in pixels, upright."""
    transparent: bool
    """Whether the image has transparent or translucent pixels."""

    def stream(self) -> io.BytesIO:
        """The PNG as a fresh file-like object (reportlab and python-pptx read from one)."""
        return io.BytesIO(self.png)

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height


def load_logo(path: Path) -> Logo:
    """The normalised logo in ``path``; read once per file version (memoised on its size and
    modification time), so a build's renderers and forked workers share one decoded copy."""
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _load(path: Path, mtime_ns: int, size: int) -> Logo:
    from PIL import Image

    try:
        with Image.open(path, formats=["PNG", "JPEG"]) as image:
            image.load()
            upright = normalise(image)
    except (OSError, ValueError, SyntaxError) as exc:  # checked on load already; a file changed since
        message = f"cannot read the image ({str(exc).strip() or type(exc).__name__}); export it again as PNG or JPEG"
        raise InputError([Problem(display_path(path), message=message)]) from exc
    buffer = io.BytesIO()
    upright.save(buffer, format="PNG")
    return Logo(buffer.getvalue(), upright.width, upright.height, upright.mode == "RGBA")


def normalise(image: Image.Image) -> Image.Image:
    """``image`` upright (EXIF orientation applied) in RGB, or RGBA when any pixel is not opaque.

    Modes are converted by what their values mean: 16- and 32-bit grey is scaled to 8 bits
    (not clipped, which turns it white), a palette's or a grey or RGB image's transparent colour
    becomes alpha, CMYK and other colour spaces go through their ICC profile to sRGB when they
    carry one."""
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)
    info = dict(image.info)
    if upright.mode in _INTEGER_GREY:
        upright = _grey_to_8_bits(upright, info.get("transparency"))
    elif upright.mode in ("1", "P", "PA", "L", "LA", "La", "RGB", "RGBa", "RGBX") and "transparency" in info:
        upright = upright.convert("RGBA")
    rgb, alpha = _split_alpha(upright)
    rgb = _to_srgb(rgb, info.get("icc_profile"))
    if alpha is None or alpha.getextrema() == (255, 255):
        return rgb
    rgb.putalpha(alpha)
    return rgb


def _grey_to_8_bits(image: Image.Image, transparent: object) -> Image.Image:
    """16-bit (or 32-bit) integer grey to 8-bit grey with alpha, keeping the tonal range."""
    from PIL import ImageMath

    wide = image.convert("I")
    high = int(cast("tuple[int, int]", wide.getextrema())[1])  # an "I" image's are whole numbers
    top = 65535 if high > 255 or image.mode.startswith("I;16") else 255
    top = max(top, high)  # a 32-bit image may go beyond 16 bits
    grey = wide.point(lambda v: v * (255 / top), "L")
    if isinstance(transparent, int):
        mask = ImageMath.lambda_eval(lambda a: (a["v"] != transparent) * 255, v=wide).convert("L")
        grey = grey.convert("LA")
        grey.putalpha(mask)
    return grey


def _split_alpha(image: Image.Image) -> tuple[Image.Image, Image.Image | None]:
    """The colour part (in a mode ``_to_srgb`` converts) and the alpha channel, if any."""
    if image.mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        return rgba.convert("RGB"), rgba.getchannel("A")
    if image.mode in ("CMYK", "L", "RGB", "LAB", "YCbCr", "HSV"):
        return image, None
    return image.convert("RGB"), None


def _to_srgb(image: Image.Image, icc: object) -> Image.Image:
    """RGB in sRGB: through the embedded ICC profile when there is one that fits the mode."""
    if isinstance(icc, bytes) and icc and image.mode in ("RGB", "CMYK", "L"):
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            if converted is not None:
                return converted
        except (OSError, ValueError, ImageCms.PyCMSError):
            pass  # a broken or unsupported profile: the plain conversion below is the best guess
    return image if image.mode == "RGB" else image.convert("RGB")
