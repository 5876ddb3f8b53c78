"""The plain logo measures in ``read.images`` that the build, ``check`` and a form share: the
pixels a printed box needs, the printed resolution, contrast on a background and the plate
decision. Table-driven, on logos drawn here (the CLI tests are in tests/test_logo_cases.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from leafdeck.read.images import Logo, backdrop, fitted, fitted_size, ink_contrast, load_logo, own_contrast, ppi

INCH = 72.0


def logo(size: tuple[int, int], ink: tuple[int, int, int], ground: tuple[int, int, int, int]) -> Logo:
    image = Image.new("RGBA", size, ground)
    ImageDraw.Draw(image).rectangle(
        (size[0] // 10, size[1] // 4, size[0] * 9 // 10, size[1] * 3 // 4), fill=(*ink, 255)
    )
    if ground[3] == 255:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return Logo(buffer.getvalue(), size[0], size[1], ground[3] != 255)


@pytest.mark.parametrize(
    ("size", "box_in", "expected"),
    [
        ((4000, 3000), (1.0, 1.0), (300, 225)),  # wide in a square box: its width sets the scale
        ((3000, 6000), (2.0, 1.0), (150, 300)),  # tall: its height does
        ((120, 38), (2.0, 1.0), (120, 38)),  # never enlarged
        ((600, 200), (2.0, 2 / 3), (600, 200)),  # exactly 300 ppi already
    ],
)
def test_fitted_size_is_what_the_box_needs_at_300_ppi(
    size: tuple[int, int], box_in: tuple[float, float], expected: tuple[int, int]
) -> None:
    made = logo(size, (0, 0, 0), (255, 255, 255, 255))
    assert fitted_size(made, box_in[0] * INCH, box_in[1] * INCH) == expected


def test_fitted_logo_has_the_pixels_it_says_and_the_same_bytes_each_time() -> None:
    made = logo((2000, 1000), (200, 30, 30), (255, 255, 255, 0))
    once, again = fitted(made, INCH, INCH), fitted(made, INCH, INCH)
    with Image.open(once.stream()) as image:
        assert image.size == (once.width, once.height) == (300, 150)
        assert image.mode == "RGBA"
    assert once.png == again.png


@pytest.mark.parametrize(
    ("size", "box_in", "expected"),
    [((120, 38), (2.533, 1.6), 47), ((1200, 400), (1.0, 1.0), 1200), ((300, 600), (1.0, 1.0), 600)],
)
def test_printed_ppi(size: tuple[int, int], box_in: tuple[float, float], expected: int) -> None:
    assert round(ppi(logo(size, (0, 0, 0), (255, 255, 255, 255)), box_in[0] * INCH, box_in[1] * INCH)) == expected


@pytest.mark.parametrize(
    ("ink", "band", "plate", "on_plate"),
    [
        ((60, 20, 110), "#330072", "#FFFFFF", True),  # dark purple on a purple band
        ((10, 10, 10), "#1F4E79", "#FFFFFF", True),  # black on navy
        ((255, 255, 255), "#1F4E79", "#FFFFFF", False),  # white knock-out on navy: fine on the band
        ((250, 250, 250), "#767676", "#FFFFFF", False),  # near-white on a mid-grey band: stands out there
        ((10, 10, 10), "#1F4E79", "#FFF4D6", True),  # the plate's colour comes from the layout
    ],
)
def test_backdrop_chooses_a_plate_by_contrast(ink: tuple[int, int, int], band: str, plate: str, on_plate: bool) -> None:
    clear = logo((900, 300), ink, (255, 255, 255, 0))
    chosen = backdrop(clear, band, plate)
    assert chosen.plate == on_plate
    assert chosen.contrast == ink_contrast(clear, plate if on_plate else band)


def test_an_opaque_logo_is_drawn_as_it_is() -> None:
    opaque = logo((900, 300), (60, 20, 110), (255, 255, 255, 255))
    assert not backdrop(opaque, "#330072", "#FFFFFF").plate


@pytest.mark.parametrize(
    ("ink", "ground", "low"),
    [((255, 255, 255), (255, 255, 255, 0), True), ((20, 20, 20), (255, 255, 255, 255), False)],
)
def test_own_contrast_tells_a_knock_out_logo_from_one_on_its_own_plate(
    ink: tuple[int, int, int], ground: tuple[int, int, int, int], low: bool
) -> None:
    assert (own_contrast(logo((900, 300), ink, ground)) < 3) == low


def test_damaged_exif_is_kept_for_a_warning_not_printed(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.jpg"
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    good = exif.tobytes()
    Image.new("RGB", (60, 20), "white").save(path, exif=good[: len(good) // 2])
    loaded = load_logo(path)
    assert loaded.damage
    assert "Corrupt EXIF" in loaded.damage[0]
    assert "EXIF" not in capfd.readouterr().err
