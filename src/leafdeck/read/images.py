"""Clinic logos, normalised once on load: upright, 8-bit sRGB, transparency kept.

A logo file can be stored turned (a camera's or scanner's EXIF ``Orientation``), in 16-bit
grey, as a palette with a transparent colour, grey with alpha, CMYK with or without an ICC
profile. Each renderer used to read the file its own way, and each got some of these wrong
(a 16-bit grey PNG printed as a white box, a rotated JPEG printed sideways). Here the file is
read once and turned into one ``Logo``: PNG bytes in RGB or RGBA and their pixel size, the
size of the upright image. The PDF, the deck and the web page all draw those bytes, each scaled down first to what its
printed box needs (``fitted``), so a 4000 x 3000 phone photo does not make a 30 MB leaflet.

Three questions about a logo in a box are answered here, as plain functions the build, ``check``
and a form can share: its printed resolution (``ppi``), whether it stays visible on the colour
behind it (``ink_contrast``, ``backdrop``), and what is worth a located warning
(``logo_warnings``: LOGO-001 low resolution, LOGO-002 low contrast, LOGO-003 damaged metadata).
"""

from __future__ import annotations

import base64
import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from leafdeck.errors import InputError, Problem, display_path

if TYPE_CHECKING:  # Pillow is imported when a logo is read, not at start-up
    from PIL import Image

PRINT_PPI = 300
"""Pixels per inch a logo is stored at for its printed size: the usual resolution print shops ask
for; more pixels than this only make the file larger."""
MAX_SIDE = 2400
"""A logo is held at most this many pixels on its longer side: no layout prints one larger than
8 inches (20 cm), and 8 inches at ``PRINT_PPI`` is 2400 pixels. A 12-megapixel phone photo is
scaled down once, on load, instead of in every renderer."""
MIN_PPI = 150
"""Below this many pixels per inch at its printed size a logo looks blurred or blocky in print
(LOGO-001): the least printers usually accept for images (300 being what they ask for); the
threshold issue 18 sets."""
MIN_GRAPHIC_CONTRAST = 3.0
"""Contrast a graphic needs against what is behind it (WCAG 2.1, success criterion 1.4.11)."""
INK_SHARE = 0.8
"""A logo is judged by the contrast that this share of its opaque pixels reaches: a logo is
readable when most of it stands out, even if a thin outline or a small detail does not."""
LOW_RESOLUTION, LOW_CONTRAST, DAMAGED_METADATA = "LOGO-001", "LOGO-002", "LOGO-003"
"""The rules of a logo's warnings."""
_PT_PER_INCH = 72.0
_SAMPLE_SIDE = 256
"""Contrast is measured on a copy at most this many pixels on a side (a few milliseconds)."""
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
    damage: tuple[str, ...] = ()
    """What Pillow found wrong in the file but read past (a damaged Exif block), for LOGO-003."""

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
    """The logo, normalised once per exact content of its file and kept between commands
    (``read.inputs.Inputs.kept_value``): decoding, turning and encoding it again was about a
    tenth of a second of every command that loads a clinic with a logo. A file that cannot be
    read raises InputError, located, every time (nothing is kept for it)."""
    from leafdeck.read.inputs import current

    try:
        content = path.read_bytes()
    except OSError:
        return _decoded(path)  # says why, as it always did
    return _unstored(current().kept_value("logo", path, content, lambda: _stored(_decoded(path)), _is_stored))


def _stored(logo: Logo) -> dict[str, object]:
    """``logo`` as JSON values (its PNG in base64)."""
    return {
        "png": base64.b64encode(logo.png).decode("ascii"),
        "width": logo.width,
        "height": logo.height,
        "transparent": logo.transparent,
        "damage": list(logo.damage),
    }


def _is_stored(value: object) -> bool:
    """Whether ``value`` is what ``_stored`` makes."""
    if not isinstance(value, dict) or set(value) != {"png", "width", "height", "transparent", "damage"}:
        return False
    sizes = (value["width"], value["height"])
    return (
        isinstance(value["png"], str)
        and all(type(side) is int and side > 0 for side in sizes)
        and type(value["transparent"]) is bool
        and isinstance(value["damage"], list)
        and all(isinstance(said, str) for said in value["damage"])
    )


def _unstored(value: dict[str, object]) -> Logo:
    """The ``Logo`` that ``_stored`` wrote."""
    damage = cast("list[str]", value["damage"])
    return Logo(
        base64.b64decode(cast(str, value["png"])),
        cast(int, value["width"]),
        cast(int, value["height"]),
        cast(bool, value["transparent"]),
        tuple(damage),
    )


def _decoded(path: Path) -> Logo:
    from PIL import Image

    try:  # Pillow reports damaged metadata as warnings on stderr: kept for a located one instead
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with Image.open(path, formats=["PNG", "JPEG"]) as image:
                image.load()
                upright = normalise(image)
    except (OSError, ValueError, SyntaxError) as exc:  # checked on load already; a file changed since
        message = f"cannot read the image ({str(exc).strip() or type(exc).__name__}); export it again as PNG or JPEG"
        raise InputError([Problem(display_path(path), message=message)]) from exc
    damage = tuple(dict.fromkeys(" ".join(str(w.message).split()) for w in caught))
    if max(upright.size) > MAX_SIDE:
        scale = MAX_SIDE / max(upright.size)
        held = (max(1, round(upright.width * scale)), max(1, round(upright.height * scale)))
        upright = upright.resize(held, Image.Resampling.LANCZOS)
    return Logo(_png(upright), upright.width, upright.height, upright.mode == "RGBA", damage)


def _png(image: Image.Image) -> bytes:
    """``image`` as PNG bytes, with fixed settings so the same pixels give the same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def fitted_size(logo: Logo, width_pt: float, height_pt: float, ppi: float = PRINT_PPI) -> tuple[int, int]:
    """The pixel size (width, height) ``logo`` needs to print at ``ppi`` when drawn as large as
    fits a box of ``width_pt`` x ``height_pt`` points keeping its proportions; never larger than
    the logo itself."""
    scale = min(width_pt / logo.width, height_pt / logo.height)  # points per pixel when drawn
    needed = scale * ppi / _PT_PER_INCH  # pixels wanted per pixel held
    if needed >= 1:
        return logo.width, logo.height
    return max(1, math.ceil(logo.width * needed)), max(1, math.ceil(logo.height * needed))


def fitted(logo: Logo, width_pt: float, height_pt: float, ppi: float = PRINT_PPI) -> Logo:
    """``logo`` scaled down (never up) to ``fitted_size``: what a box of ``width_pt`` x
    ``height_pt`` points needs at ``ppi``. The same logo and box give the same bytes."""
    size = fitted_size(logo, width_pt, height_pt, ppi)
    if size == (logo.width, logo.height):
        return logo
    return _resized(logo, size)


@lru_cache(maxsize=32)
def _resized(logo: Logo, size: tuple[int, int]) -> Logo:
    from PIL import Image

    with Image.open(logo.stream()) as image:
        # reducing_gap: a box reduction first, then Lanczos (fast, same result each run); alpha premultiplied
        smaller = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return replace(logo, png=_png(smaller), width=size[0], height=size[1])


def ppi(logo: Logo, width_pt: float, height_pt: float) -> float:
    """Pixels per inch of ``logo`` printed as large as fits ``width_pt`` x ``height_pt`` points."""
    points_per_pixel = min(width_pt / logo.width, height_pt / logo.height)
    return _PT_PER_INCH / points_per_pixel


@lru_cache(maxsize=128)
@lru_cache(maxsize=256)
def ink_contrast(logo: Logo, background: str) -> float:
    """The WCAG 2 contrast with ``background`` (``#RRGGBB``) that ``INK_SHARE`` of the logo's
    opaque pixels (alpha at least half) reach; infinite for a logo without opaque pixels
    (remembered per logo and background: every product and clinic asks)."""
    ink = _ink_luminances(logo)
    if not ink:
        return math.inf
    ground = _luminance(tuple(int(background[i : i + 2], 16) for i in (1, 3, 5)))
    ratios = sorted((max(a, ground) + 0.05) / (min(a, ground) + 0.05) for a in ink)
    return ratios[min(len(ratios) - 1, int(len(ratios) * (1 - INK_SHARE)))]


@lru_cache(maxsize=32)
def own_contrast(logo: Logo) -> float:
    """The WCAG 2 contrast between the darkest and the lightest parts of the logo's opaque pixels
    (the luminance below which and above which ``1 - INK_SHARE`` of them lie, halved at each end): a
    logo drawn on a plate of its own (dark letters on a white shape) has a high one and shows on
    any background; a knock-out logo in one colour has about 1."""
    ink = sorted(_ink_luminances(logo))
    if not ink:
        return 1.0
    cut = int(len(ink) * (1 - INK_SHARE) / 2)
    return (ink[len(ink) - 1 - cut] + 0.05) / (ink[cut] + 0.05)


@dataclass(frozen=True)
class Backdrop:
    """What a logo is drawn on, and how well it shows there."""

    plate: bool
    """Draw a plate of the layout's plate colour behind the logo (else it sits on the band)."""
    contrast: float
    """``ink_contrast`` of the logo on what it is drawn on."""


def backdrop(logo: Logo, band: str, plate: str) -> Backdrop:
    """Where a logo with transparent parts goes on a coloured ``band``: on the band when most of
    it contrasts 3:1 with it, else on a ``plate``-coloured plate when that shows it better. An
    opaque logo brings its own background and is drawn as it is."""
    on_band = ink_contrast(logo, band) if logo.transparent else math.inf
    if on_band >= MIN_GRAPHIC_CONTRAST:
        return Backdrop(False, on_band)
    on_plate = ink_contrast(logo, plate)
    return Backdrop(True, on_plate) if on_plate > on_band else Backdrop(False, on_band)


def logo_warnings(
    logo: Logo,
    printed: Sequence[tuple[str, float, float]],
    backgrounds: Sequence[tuple[str, str, str]] = (),
    where: tuple[str, int, int] = ("", 0, 0),
) -> list[Problem]:
    """Warnings about ``logo``, located at ``where`` (the clinic file's ``logo:`` line):

    - LOW_RESOLUTION when it prints below ``MIN_PPI`` in one of the ``printed`` boxes (product,
      box width and height in points: the logo is drawn as large as fits, proportions kept);
    - LOW_CONTRAST when a logo with transparent parts is drawn on one of the ``backgrounds``
      (product, what it is drawn on, ``#RRGGBB``, e.g. the plate ``backdrop`` chose) and most of
      it contrasts less than ``MIN_GRAPHIC_CONTRAST`` with it; one warning per background;
    - DAMAGED_METADATA, one for the file, naming every problem Pillow read past in it.
    """
    file, line, col = where
    found: list[Problem] = []
    low = sorted((ppi(logo, w, h), name) for name, w, h in printed if ppi(logo, w, h) < MIN_PPI)
    if low:
        worst, name = low[0]
        factor = PRINT_PPI / worst
        message = (
            f"logo: {logo.width}x{logo.height} pixels print at {worst:.0f} ppi in {name} "
            f"(below {MIN_PPI} ppi in {', '.join(sorted({n for _, n in low}))}), so it looks blurred: "
            f"export it larger, at least {math.ceil(logo.width * factor)}x{math.ceil(logo.height * factor)} "
            f"pixels ({PRINT_PPI} ppi)"
        )
        found.append(Problem(file, line, col, message, "warning", LOW_RESOLUTION))
    grounds: dict[tuple[str, str], list[str]] = {}
    for name, what, colour in backgrounds if logo.transparent else ():
        grounds.setdefault((what, colour), []).append(name)
    for (what, colour), names in sorted(grounds.items()):
        contrast = ink_contrast(logo, colour)
        if contrast < MIN_GRAPHIC_CONTRAST:
            message = (
                f"logo: most of it contrasts only {contrast:.1f}:1 with {what} ({colour}) in "
                f"{', '.join(sorted(set(names)))}; a graphic needs {MIN_GRAPHIC_CONTRAST:g}:1: use a version "
                "of the logo on a solid background, or one in a colour that stands out there (e.g. white "
                "on a dark colour)"
            )
            found.append(Problem(file, line, col, message, "warning", LOW_CONTRAST))
    if logo.damage:  # one line for the file, whatever Pillow read past, in a fixed order (trial 17d)
        damage = "; ".join(sorted(d.rstrip(". ") for d in logo.damage))
        message = (
            f"logo: the file's metadata is damaged ({damage}); it is drawn as stored: if it "
            "prints turned or looks wrong, open it in an image editor and export it again"
        )
        found.append(Problem(file, line, col, message, "warning", DAMAGED_METADATA))
    return found


@lru_cache(maxsize=32)
def _ink_luminances(logo: Logo) -> tuple[float, ...]:
    """The relative luminance of each opaque pixel of a copy of ``logo`` at most
    ``_SAMPLE_SIDE`` pixels on a side, in no particular order (pixels of one colour together)."""
    from PIL import Image

    with Image.open(logo.stream()) as image:
        rgba = image.convert("RGBA")
    rgba.thumbnail((_SAMPLE_SIDE, _SAMPLE_SIDE), Image.Resampling.BOX)
    table = [_channel(v) for v in range(256)]
    colours = rgba.getcolors(_SAMPLE_SIDE * _SAMPLE_SIDE)  # (pixels, RGBA) of each colour: each is worked out once
    assert colours is not None  # at most one colour per pixel
    found: list[float] = []
    for pixels, colour in sorted(colours, key=lambda entry: cast(tuple[int, ...], entry[1])):
        r, g, b, a = cast(tuple[int, int, int, int], colour)
        if a >= 128:
            found += [0.2126 * table[r] + 0.7152 * table[g] + 0.0722 * table[b]] * pixels
    return tuple(found)


def _channel(value: int) -> float:
    """One sRGB channel (0-255) in linear light, as WCAG 2 defines relative luminance."""
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[int, ...]) -> float:
    return 0.2126 * _channel(rgb[0]) + 0.7152 * _channel(rgb[1]) + 0.0722 * _channel(rgb[2])


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
