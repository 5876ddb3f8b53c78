"""Logos as people really save them, by the pixels each output draws (issue 14, cases 1 and 2).

A generated set covers every EXIF orientation (1-8) and every image mode a PNG or JPEG can hold
(RGB, RGBA, L, LA, 1-bit, palette, palette with a transparent colour, 16-bit grey, CMYK, grey
and colour JPEG). Each logo is a drawing that shows which way up it is and whether its colours
survived: a disc on the left, a bar in the middle, a small square in the top-right corner. The
loader is checked on every one; then all of them go through one real build (PDF, deck, web
page), and each output's logo is read back as pixels: the PDF page rendered by pdfium, the
deck's picture and the page's data: image decoded.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from leafdeck.read.images import backdrop, load_logo
from leafdeck.read.layout import load_model
from leafdeck.render.leaflet import LeafletLayout
from tests.conftest import LAYOUTS
from tests.realworld import (
    SHARED_CASES,
    build,
    pdf_logo,
    pptx_logos,
    project,
    web_logo,
    write_clinic,
)

W, H = 300, 100
RED, BLUE, GREEN = (210, 30, 30), (30, 90, 210), (40, 170, 60)
PRIMARY = "#1F4E79"
# the stored image is turned so that Pillow's exif_transpose (Orientation -> this) makes it upright
UNDO = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def drawing(kind: str = "colour", transparent: bool = False) -> Image.Image:
    """The upright drawing: disc left, bar middle-right, square top-right, on white or clear."""
    ground = (255, 255, 255, 0) if transparent else (255, 255, 255, 255)
    image = Image.new("RGBA", (W, H), ground)
    d = ImageDraw.Draw(image)
    disc, bar, mark = (RED, BLUE, GREEN) if kind == "colour" else ((0, 0, 0), (128, 128, 128), (0, 0, 0))
    d.ellipse((5, 5, 95, 95), fill=disc)
    if kind != "bilevel":
        d.rectangle((115, 35, 250, 65), fill=bar)
    d.rectangle((268, 3, 296, 22), fill=mark)
    return image


def grey16_png(path: Path, image: Image.Image) -> None:
    """A 16-bit greyscale PNG written byte by byte (as make_logos.py does): Pillow writes I;16 oddly."""
    grey = image.convert("L")
    rows = b"".join(
        b"\x00" + b"".join(struct.pack(">H", grey.getpixel((x, y)) * 257) for x in range(grey.width))
        for y in range(grey.height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", grey.width, grey.height, 16, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Logo:
    name: str
    kind: str  # colour, grey, bilevel
    transparent: bool
    orientation: int = 1

    def write(self, folder: Path) -> Path:
        image = drawing(self.kind, self.transparent)
        undo = UNDO[self.orientation]
        if undo is not None:
            image = image.transpose(undo)
        exif = Image.Exif()
        exif[0x0112] = self.orientation
        options = {"exif": exif.tobytes()} if self.orientation != 1 else {}
        white = Image.new("RGB", image.size, "white")
        white.paste(image, mask=image.getchannel("A"))
        jpeg = self.name.endswith("-jpeg") or self.name.startswith("exif")
        path = folder / f"{self.name}{'.jpg' if jpeg else '.png'}"
        if self.name == "rgb" or self.name.startswith("exif"):
            white.save(path, "JPEG" if path.suffix == ".jpg" else "PNG", quality=95, **options)
        elif self.name in ("rgba", "rgba-exif6"):
            image.save(path, "PNG", **options)
        elif self.name == "grey":
            white.convert("L").save(path, "PNG")
        elif self.name == "grey-alpha":
            image.convert("LA").save(path, "PNG")
        elif self.name == "bilevel":
            white.convert("L").point(lambda v: 255 if v > 128 else 0).convert("1").save(path, "PNG")
        elif self.name == "palette":
            white.quantize(16).save(path, "PNG")
        elif self.name == "palette-transparent":
            paletted = white.quantize(15)
            palette = paletted.getpalette() or []
            index = len(palette) // 3  # one more entry: the transparent one
            paletted.putpalette([*palette, 0, 0, 0])
            clear = image.getchannel("A").point(lambda a: 255 if a < 128 else 0)
            paletted.paste(index, mask=clear)
            paletted.save(path, "PNG", transparency=index)
        elif self.name == "grey16":
            grey16_png(path, white)
        elif self.name == "cmyk-jpeg":
            white.convert("CMYK").save(path, "JPEG", quality=95)
        elif self.name == "grey-jpeg":
            white.convert("L").save(path, "JPEG", quality=95)
        else:
            raise AssertionError(self.name)
        return path


LOGOS = [
    Logo("rgb", "colour", False),
    Logo("rgba", "colour", True),
    Logo("grey", "grey", False),
    Logo("grey-alpha", "grey", True),
    Logo("bilevel", "bilevel", False),
    Logo("palette", "colour", False),
    Logo("palette-transparent", "colour", True),
    Logo("grey16", "grey", False),
    Logo("cmyk-jpeg", "colour", False),
    Logo("grey-jpeg", "grey", False),
    *(Logo(f"exif{n}", "colour", False, n) for n in range(1, 9)),
    Logo("rgba-exif6", "colour", True, 6),
]


def opaque_on(image: Image.Image, ground: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """The image as seen over ``ground`` (transparent parts show it)."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, ground)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def assert_upright_drawing(image: Image.Image, kind: str, what: str) -> None:
    """The drawing reads the right way round and in its colours (or greys)."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    assert abs(width / height - W / H) < 0.12 * W / H, f"{what}: {width}x{height} is not the upright 3:1 shape"
    pixels = rgb.load()

    def where(test: object) -> list[tuple[float, float]]:
        return [
            (x / width, y / height)
            for y in range(0, height, max(1, height // 60))
            for x in range(0, width, max(1, width // 180))
            if test(*pixels[x, y])  # type: ignore[operator]
        ]

    if kind == "colour":
        disc = where(lambda r, g, b: r > 150 and g < 100 and b < 100)
        bar = where(lambda r, g, b: b > 150 and r < 100 and g < 150)
        mark = where(lambda r, g, b: g > 120 and r < 110 and b < 120)
    else:
        dark = where(lambda r, g, b: max(r, g, b) < 70)
        disc = [p for p in dark if p[0] < 0.5]
        mark = [p for p in dark if p[0] >= 0.5]
        bar = where(lambda r, g, b: 90 < r < 170 and abs(r - g) < 25 and abs(g - b) < 25) if kind == "grey" else []
    assert disc, f"{what}: the disc is missing (colours or greys lost?)"
    assert mark, f"{what}: the corner square is missing"
    mean = lambda points, i: sum(p[i] for p in points) / len(points)  # noqa: E731
    assert mean(disc, 0) < 0.35, f"{what}: the disc is not on the left (mirrored or turned)"
    assert 0.3 < mean(disc, 1) < 0.7, f"{what}: the disc is not half-way down (turned)"
    assert mean(mark, 0) > 0.8, f"{what}: the corner square is not on the right (mirrored)"
    assert mean(mark, 1) < 0.3, f"{what}: the corner square is not at the top (upside down)"
    if kind != "bilevel":
        assert bar, f"{what}: the bar is missing"
        assert 0.35 < mean(bar, 0) < 0.9, f"{what}: the bar is out of place"
        assert 0.35 < mean(bar, 1) < 0.65, f"{what}: the bar is out of place"


@pytest.mark.parametrize("logo", LOGOS, ids=lambda logo: logo.name)
def test_loader_normalises_every_mode_and_orientation(logo: Logo, tmp_path: Path) -> None:
    path = logo.write(tmp_path)
    loaded = load_logo(path)
    image = Image.open(loaded.stream())
    assert image.format == "PNG"
    assert image.mode in ("RGB", "RGBA")
    assert (image.width, image.height) == (loaded.width, loaded.height) == (W, H)
    assert loaded.transparent == logo.transparent
    if logo.transparent:
        assert image.getpixel((150, 5))[3] == 0, "the clear background was lost"
    assert_upright_drawing(opaque_on(image), logo.kind, logo.name)


def test_loader_reads_each_file_once(tmp_path: Path) -> None:
    path = LOGOS[0].write(tmp_path)
    assert load_logo(path) is load_logo(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every generated logo, one clinic each, built once as leaflet, deck and web page."""
    root = project(tmp_path_factory.mktemp("logos"))
    folder = root / "layouts" / "clinics" / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    for logo in LOGOS:
        path = logo.write(folder)
        write_clinic(root, f"logo-{logo.name}", logo=f"clinics/logos/{path.name}", primary=f'"{PRIMARY}"')
    clinics = ",".join(f"logo-{logo.name}" for logo in LOGOS)
    result = build(
        root, "--clinic", clinics, "--audience", "patient", "--only", "leaflet-a4,talk-patient,web", "--jobs", "2"
    )
    assert result.returncode == 0, result.stderr
    return root


def variant(root: Path, logo: Logo) -> Path:
    return root / "output" / f"logo-{logo.name}" / "en" / "patient"


@pytest.mark.parametrize("logo", LOGOS, ids=lambda logo: logo.name)
def test_pdf_prints_the_logo_upright_and_in_colour(built: Path, logo: Logo) -> None:
    pixels, (left, bottom, right, top) = pdf_logo(variant(built, logo) / "leaflet-a4.pdf")
    assert abs((right - left) / (top - bottom) - W / H) < 0.05, "the band is not sized from the upright shape"
    assert_upright_drawing(pixels, logo.kind, f"{logo.name} in the PDF")
    corner = pixels.getpixel((pixels.width // 2, 2))
    plate = load_model(LAYOUTS / "leaflet-a4.yaml", LeafletLayout, LAYOUTS).logo_plate.colour
    path = next((built / "layouts" / "clinics" / "logos").glob(f"{logo.name}.*"))
    behind = plate if backdrop(load_logo(path), PRIMARY, plate).plate else PRIMARY  # case 36: a plate when needed
    ground = tuple(int(behind[i : i + 2], 16) for i in (1, 3, 5)) if logo.transparent else (255, 255, 255)
    assert all(abs(a - b) < 40 for a, b in zip(corner, ground, strict=True)), f"background {corner}, not {ground}"


@pytest.mark.parametrize("logo", LOGOS, ids=lambda logo: logo.name)
def test_deck_shows_the_logo_upright_and_in_colour(built: Path, logo: Logo) -> None:
    logos = pptx_logos(variant(built, logo) / "talk-patient.pptx")
    assert logos, "no logo on any slide"
    for image, aspect in logos:
        assert abs(aspect - W / H) < 0.05, "the picture is not sized from the upright shape"
        assert image.mode in ("RGB", "RGBA")
        assert (image.mode == "RGBA") == logo.transparent
        assert_upright_drawing(opaque_on(image), logo.kind, f"{logo.name} in the deck")


@pytest.mark.parametrize("logo", LOGOS, ids=lambda logo: logo.name)
def test_web_page_shows_the_logo_upright_and_in_colour(built: Path, logo: Logo) -> None:
    image = web_logo(variant(built, logo) / "index.html")
    assert (image.mode == "RGBA") == logo.transparent
    assert_upright_drawing(opaque_on(image), logo.kind, f"{logo.name} on the web page")


@pytest.mark.parametrize(("case", "kind"), [("logo-grey16.png", "grey"), ("logo-exif6.jpg", "colour")])
def test_shared_cases_1_and_2_through_the_cli(case: str, kind: str, tmp_path: Path) -> None:
    """The issue's own files, made by ../shared/cases/make_logos.py (disc left, bar right)."""
    if not (SHARED_CASES / "make_logos.py").is_file():
        pytest.skip("../shared/cases is not beside the repository")
    root = project(tmp_path)
    folder = root / "layouts" / "clinics" / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    made = subprocess.run(
        [sys.executable, str(SHARED_CASES / "make_logos.py"), str(tmp_path / "made")], capture_output=True, check=False
    )
    assert made.returncode == 0, made.stderr
    shutil.copy(tmp_path / "made" / case, folder / case)
    write_clinic(root, "case", logo=f"clinics/logos/{case}")
    result = build(root, "--clinic", "case", "--audience", "patient", "--only", "leaflet-a4,talk-patient,web")
    assert result.returncode == 0, result.stderr
    out = root / "output" / "case" / "en" / "patient"
    pixels, (left, bottom, right, top) = pdf_logo(out / "leaflet-a4.pdf")
    assert abs((right - left) / (top - bottom) - 3) < 0.1
    images = [pixels, *(image for image, _ in pptx_logos(out / "talk-patient.pptx")), web_logo(out / "index.html")]
    for image in images:
        rgb = opaque_on(image)
        assert rgb.width > rgb.height * 2.5, "not upright"
        left_half = rgb.crop((0, 0, rgb.width // 3, rgb.height)).convert("L")
        right_part = rgb.crop((rgb.width // 2, rgb.height // 3, rgb.width, 2 * rgb.height // 3)).convert("L")
        assert left_half.getextrema()[0] < 120, "the disc is missing: a white box?"
        assert right_part.getextrema()[0] < 150, "the bar is missing: a white box?"
        if kind == "colour":
            red, green, _ = rgb.getpixel((rgb.width // 6, rgb.height // 2))
            assert red > 150, "the disc is not red on the left"
            assert green < 100, "the disc is not red on the left"
