"""Logos as clinics really send them (issue 18, cases 29, 31, 36 and 37), through the real CLI.

Each kind has three inputs or more; every row is a clinic in a throwaway project, built (and
checked) the way a volunteer types it, and the outputs are read back: the pixel size of the
image each format embeds, file sizes, the warnings with their place, and the rendered band of
the first page (pdfium) to see whether the logo stands out.

- oversized (29): the image embedded in the PDF and the deck is what its printed box needs at
  300 ppi, the web page's is at most 360 pixels high, and the files stay small;
- low resolution (37): LOGO-001 at the clinic file's ``logo:`` line below 150 ppi;
- transparent on the band (36): a plate of ``logo_plate``'s colour behind a logo that would not
  stand out on the band, none behind one that does, LOGO-002 when neither helps;
- damaged metadata (31): no raw Pillow warning, LOGO-003 at the ``logo:`` line, the logo drawn.
"""

from __future__ import annotations

import io
import math
import re
import struct
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from leafdeck.read.layout import load_model
from leafdeck.render.leaflet import LeafletLayout
from tests.conftest import LAYOUTS
from tests.realworld import build, check, located, pdf_images, pdf_page, position, pptx_logos, project, web_logo
from tests.realworld import write_clinic as clinic_file

PPI = 300


def drawing(size: tuple[int, int], ink: tuple[int, ...], ground: tuple[int, ...]) -> Image.Image:
    """A logo: a disc and a bar in ``ink`` on ``ground`` (RGBA: alpha 0 is a transparent ground)."""
    width, height = size
    image = Image.new("RGBA", size, ground)
    pen = ImageDraw.Draw(image)
    pen.ellipse((width * 0.02, height * 0.05, width * 0.3, height * 0.95), fill=ink)
    pen.rectangle((width * 0.38, height * 0.3, width * 0.98, height * 0.7), fill=ink)
    return image


def photo(size: tuple[int, int]) -> Image.Image:
    """A phone photo: noise (which JPEG cannot shrink much) under the drawing."""
    noise = Image.effect_noise(size, 60).convert("L")
    rgb = Image.merge("RGB", (noise, noise.rotate(180), Image.linear_gradient("L").resize(size)))
    rgb.paste(drawing(size, (200, 30, 30, 255), (0, 0, 0, 0)), mask=drawing(size, (0, 0, 0, 255), (0, 0, 0, 0)))
    return rgb


@dataclass(frozen=True)
class Row:
    name: str
    write: Callable[[Path], None]
    suffix: str = ".png"
    primary: str = "#1F4E79"


def _save(image: Callable[[], Image.Image], **options: object) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        made = image()
        if path.suffix == ".jpg":
            made = made.convert("RGB")
        made.save(path, **options)

    return write


def _make(root: Path, rows: list[Row]) -> None:
    folder = root / "layouts" / "clinics" / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    for row in rows:
        row.write(folder / f"{row.name}{row.suffix}")
        clinic_file(root, row.name, logo=f"clinics/logos/{row.name}{row.suffix}", primary=f'"{row.primary}"')


def _built(root: Path, rows: list[Row], only: str) -> subprocess.CompletedProcess[str]:
    result = build(root, "--clinic", ",".join(r.name for r in rows), "--audience", "patient", "--only", only)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def _out(root: Path, row: Row) -> Path:
    return root / "output" / row.name / "en" / "patient"


def _warnings(stderr: str, root: Path, row: Row, rule: str) -> list[str]:
    """The ``rule`` warnings at the row's clinic file's ``logo:`` value."""
    path = root / "layouts" / "clinics" / f"{row.name}.yaml"
    line, col = position(path, f"clinics/logos/{row.name}")
    lines = [line_ for line_ in stderr.splitlines() if f": {rule}: " in line_ and f"clinics/{row.name}.yaml" in line_]
    assert all(
        (f, li, co) == (f"layouts/clinics/{row.name}.yaml", line, col) for f, li, co, _ in located("\n".join(lines))
    )
    return lines


# --- oversized (case 29) --------------------------------------------------------------------

OVERSIZED = [
    Row("phone-photo", _save(lambda: photo((4000, 3000)), quality=60), ".jpg"),
    Row("poster-png", _save(lambda: drawing((3000, 3000), (20, 20, 20, 255), (255, 255, 255, 0)))),
    Row("tall-banner", _save(lambda: drawing((1200, 5000), (30, 90, 210, 255), (255, 255, 255, 255)))),
]


@pytest.fixture(scope="module")
def oversized(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = project(tmp_path_factory.mktemp("oversized"))
    _make(root, OVERSIZED)
    return root, _built(root, OVERSIZED, "leaflet-a4,trifold-a4,talk-patient,web").stderr


def _pdf_image_sizes(path: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    return [(image.image.width, image.image.height) for image in PdfReader(path).pages[0].images if image.image]


@pytest.mark.parametrize("row", OVERSIZED, ids=lambda r: r.name)
@pytest.mark.parametrize("product", ["leaflet-a4", "trifold-a4"])
def test_pdf_embeds_what_the_printed_box_needs(oversized: tuple[Path, str], row: Row, product: str) -> None:
    root, _ = oversized
    pdf = _out(root, row) / f"{product}.pdf"
    assert pdf.stat().st_size < 1_500_000, f"{pdf.stat().st_size:,} bytes"
    left, bottom, right, top = pdf_images(pdf)[0]  # the band's logo is the first image drawn
    wanted = (math.ceil((right - left) / 72 * PPI), math.ceil((top - bottom) / 72 * PPI))
    sizes = _pdf_image_sizes(pdf)
    assert any(abs(w - wanted[0]) <= 2 and abs(h - wanted[1]) <= 2 for w, h in sizes), (sizes, wanted)


@pytest.mark.parametrize("row", OVERSIZED, ids=lambda r: r.name)
def test_deck_embeds_what_each_logo_box_needs(oversized: tuple[Path, str], row: Row) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    root, _ = oversized
    deck = _out(root, row) / "talk-patient.pptx"
    assert deck.stat().st_size < 3_000_000, f"{deck.stat().st_size:,} bytes"
    pictures = [s for slide in Presentation(str(deck)).slides for s in slide.shapes if s.name == "Clinic logo"]
    assert pictures
    for picture in pictures:
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            size = image.size
        inches = (Emu(picture.width).inches, Emu(picture.height).inches)
        assert size[0] <= math.ceil(inches[0] * PPI) + 2, (size, inches)
        assert size[0] >= math.floor(inches[0] * PPI) - 2, (size, inches)
    assert len(pptx_logos(deck)) == len(pictures)


@pytest.mark.parametrize("row", OVERSIZED, ids=lambda r: r.name)
def test_web_page_embeds_a_small_logo_and_no_warning(oversized: tuple[Path, str], row: Row) -> None:
    root, stderr = oversized
    image = web_logo(_out(root, row) / "index.html")
    assert image.height <= 360
    assert (_out(root, row) / "index.html").stat().st_size < 1_000_000
    assert not _warnings(stderr, root, row, "LOGO-001")


# --- low resolution (case 37) ---------------------------------------------------------------

LOW = [
    Row("tiny-120x38", _save(lambda: drawing((120, 38), (200, 30, 30, 255), (255, 255, 255, 255)))),
    Row("small-jpeg", _save(lambda: drawing((200, 60), (30, 90, 210, 255), (255, 255, 255, 255)), quality=90), ".jpg"),
    Row("web-icon", _save(lambda: drawing((300, 100), (20, 20, 20, 255), (255, 255, 255, 0)))),
]
SHARP = Row("sharp-1600", _save(lambda: drawing((1600, 500), (200, 30, 30, 255), (255, 255, 255, 255))))


@pytest.fixture(scope="module")
def low(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = project(tmp_path_factory.mktemp("low"))
    _make(root, [*LOW, SHARP])
    checked = check(root)
    assert "Traceback" not in checked.stderr
    return root, checked.stderr, _built(root, [*LOW, SHARP], "leaflet-a4,talk-patient").stderr


@pytest.mark.parametrize("row", LOW, ids=lambda r: r.name)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_low_resolution_logo_is_a_located_warning(low: tuple[Path, str, str], row: Row, command: str) -> None:
    root, checked, built = low
    found = _warnings(checked if command == "check" else built, root, row, "LOGO-001")
    assert len(found) == 1, found
    ppi = int(re.search(r"print at (\d+) ppi", found[0])[1])  # type: ignore[index]
    assert ppi < 150
    assert found[0].endswith("(warning)")
    assert "pixels (300 ppi)" in found[0]


def test_a_sharp_logo_has_no_warning(low: tuple[Path, str, str]) -> None:
    root, checked, built = low
    assert not _warnings(checked + built, root, SHARP, "LOGO-001")


def test_the_printed_resolution_is_computed_from_the_layout_box(low: tuple[Path, str, str]) -> None:
    """The leaflet's printed logo (its bounds in the PDF) at the pixels of the 120 x 38 file."""
    root, _, built = low
    row = LOW[0]
    left, _, right, _ = pdf_images(_out(root, row) / "leaflet-a4.pdf")[0]
    leaflet_ppi = 120 / ((right - left) / 72)
    found = _warnings(built, root, row, "LOGO-001")[0]
    worst = int(re.search(r"print at (\d+) ppi", found)[1])  # type: ignore[index]
    assert worst <= round(leaflet_ppi) + 1  # the worst product (the deck's cover box) or the leaflet
    assert "leaflet-a4" in found


# --- transparent logos on the band (case 36) -------------------------------------------------


def _clear(ink: tuple[int, int, int]) -> Callable[[Path], None]:
    return _save(lambda: drawing((900, 300), (*ink, 255), (255, 255, 255, 0)))


BAND = [  # (row, expect a plate)
    (Row("purple-on-purple", _clear((60, 20, 110)), primary="#330072"), True),
    (Row("black-on-blue", _clear((10, 10, 10)), primary="#1F4E79"), True),
    (Row("navy-on-green", _clear((0, 30, 80)), primary="#1E6B33"), True),
    (Row("white-on-blue", _clear((255, 255, 255)), primary="#1F4E79"), False),
    (Row("opaque-on-blue", _save(lambda: drawing((900, 300), (10, 10, 10, 255), (255, 255, 255, 255)))), False),
]
NEITHER = Row("neither", _clear((150, 150, 150)), primary="#767676")
"""Light grey on a grey band: 1.5:1 there and 3.0:1 on a white plate, just under what a graphic needs."""


@pytest.fixture(scope="module")
def band(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = project(tmp_path_factory.mktemp("band"))
    rows = [row for row, _ in BAND] + [NEITHER]
    _make(root, rows)
    return root, _built(root, rows, "leaflet-a4,option-grid-a4,trifold-a4").stderr


@pytest.fixture(scope="module")
def band_checked(band: tuple[Path, str]) -> str:
    """``leafdeck check`` of the same project: every product, decks and web pages included."""
    result = check(band[0])
    assert "Traceback" not in result.stderr
    return result.stderr


def _luminance(rgb: tuple[int, ...]) -> float:
    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])


def _spread(pixels: Image.Image) -> float:
    """Contrast between the darkest and the lightest tenth of a region: about 1 when it is one colour."""
    data = pixels.convert("RGB").tobytes()
    values = sorted(_luminance(tuple(data[i : i + 3])) for i in range(0, len(data), 3))
    dark, light = values[len(values) // 10], values[-len(values) // 10]
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("row", "plate"), BAND, ids=lambda x: x.name if isinstance(x, Row) else str(x))
@pytest.mark.parametrize("product", ["leaflet-a4", "option-grid-a4", "trifold-a4"])
def test_a_logo_stands_out_on_the_band(band: tuple[Path, str], row: Row, plate: bool, product: str) -> None:
    root, stderr = band
    pdf = _out(root, row) / f"{product}.pdf"
    scale = 4.0
    page = pdf_page(pdf, 0, scale)
    left, bottom, right, top = pdf_images(pdf)[0]
    height = page.height / scale
    box = tuple(round(v * scale) for v in (left, height - top, right, height - bottom))
    logo = page.crop(box)
    assert _spread(logo) >= 3.0, "the logo does not stand out from what is behind it"
    plate_spec = load_model(LAYOUTS / f"{product}.yaml", LeafletLayout, LAYOUTS).logo_plate
    pad = plate_spec.padding * scale
    ring = page.getpixel((round(box[0] - pad / 2), round((box[1] + box[3]) / 2)))
    plate_rgb = tuple(int(plate_spec.colour[i : i + 2], 16) for i in (1, 3, 5))
    band_rgb = tuple(int(row.primary[i : i + 2], 16) for i in (1, 3, 5))
    expected = plate_rgb if plate else band_rgb
    assert all(abs(a - b) < 24 for a, b in zip(ring, expected, strict=True)), (ring, expected)
    assert not _warnings(stderr, root, row, "LOGO-002")


def test_a_logo_no_plate_helps_is_a_located_warning(band: tuple[Path, str]) -> None:
    root, stderr = band
    found = _warnings(stderr, root, NEITHER, "LOGO-002")
    assert len(found) == 1, found
    assert "3:1" in found[0]
    assert "solid background" in found[0]


# --- damaged metadata (case 31) -------------------------------------------------------------


def _exif(block: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        exif = Image.Exif()
        exif[0x0112] = 1
        exif[0x010F] = "Phone"
        image = drawing((600, 200), (200, 30, 30, 255), (255, 255, 255, 255)).convert("RGB")
        image.save(path, exif=block(exif.tobytes()), quality=90)

    return write


def _png_exif(path: Path) -> None:
    """A PNG whose eXIf chunk says it holds 65535 entries and then ends."""
    buffer = io.BytesIO()
    drawing((600, 200), (200, 30, 30, 255), (255, 255, 255, 255)).save(buffer, "PNG")
    png = buffer.getvalue()
    data = b"MM\x00*\x00\x00\x00\x08\xff\xff"
    chunk = struct.pack(">I", len(data)) + b"eXIf" + data + struct.pack(">I", zlib.crc32(b"eXIf" + data))
    path.write_bytes(png[:33] + chunk + png[33:])  # after the signature and IHDR


DAMAGED = [
    Row("exif-truncated", _exif(lambda good: good[: len(good) // 2]), ".jpg"),
    Row("exif-garbage", _exif(lambda _: b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x05\x00" + b"\xff" * 40), ".jpg"),
    Row("exif-offsets", _exif(lambda good: good[:14] + b"\x00\x09" + b"\x7f" * (len(good) - 16)), ".jpg"),
    Row("png-exif-chunk", _png_exif),
]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = project(tmp_path_factory.mktemp("damaged"))
    _make(root, DAMAGED)
    return root, check(root).stderr, _built(root, DAMAGED, "leaflet-a4,web").stderr


@pytest.mark.parametrize("row", DAMAGED, ids=lambda r: r.name)
def test_damaged_metadata_is_a_located_warning_not_a_raw_one(damaged: tuple[Path, str, str], row: Row) -> None:
    root, checked, built = damaged
    for stderr in (checked, built):
        assert "UserWarning" not in stderr
        assert "warnings.warn" not in stderr
        # every line about the damaged metadata is the located warning (the clinics' names say "exif" too)
        assert all(" LOGO-003: " in line for line in stderr.splitlines() if "EXIF DATA" in line.upper()), stderr
    found = _warnings(built, root, row, "LOGO-003")
    assert len(found) == 1, built  # one line for the file, however many problems Pillow read past
    assert "export it again" in found[0]
    assert pdf_images(_out(root, row) / "leaflet-a4.pdf"), "the logo is still drawn"
    assert web_logo(_out(root, row) / "index.html").width == 600


def test_a_knock_out_logo_is_a_located_warning_where_it_sits_on_white(
    band: tuple[Path, str], band_checked: str
) -> None:
    """A white logo on a transparent ground stands out on the band, but not on the decks' and web
    page's white: LOGO-002 names those products."""
    root, _ = band
    white = next(row for row, _ in BAND if row.name == "white-on-blue")
    found = _warnings(band_checked, root, white, "LOGO-002")
    assert len(found) == 2, found
    assert any("slide background" in line and "talk-patient" in line for line in found)
    assert any("page background" in line and "web" in line for line in found)


@pytest.mark.parametrize("bundled", ["riverside", "lakeside", "santa-maria", "nordfjord"])
def test_the_bundled_clinics_logos_have_no_warning(band_checked: str, bundled: str) -> None:
    """Logos on a white shape of their own (riverside, lakeside) or opaque ones show everywhere."""
    assert not [line for line in band_checked.splitlines() if f"clinics/{bundled}.yaml" in line and ": LOGO-" in line]
