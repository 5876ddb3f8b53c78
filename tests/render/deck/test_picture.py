"""The veins picture's stored coverage masks (render/deck/picture.py): they are the masks the
painter (render/deck/coverage.py) paints from the leaflets' drawing now, pixel for pixel, and a
file whose fingerprint does not match, or another size, is not used (the masks are painted);
the picture, stored as a palette image, has every pixel of the masks mixed as an RGBA image."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from leafdeck.render.deck import coverage, picture


def test_the_stored_masks_are_the_painted_ones() -> None:
    stored = picture.stored_coverage(picture.STORED_PIXELS)
    assert stored is not None, "stale veins-coverage.png: run python -m leafdeck.render.deck.picture"
    painted = coverage.painted(picture.STORED_PIXELS)
    assert len(stored) == len(painted) == 7
    for kept, fresh in zip(stored, painted, strict=True):
        assert (kept.mode, kept.size) == (fresh.mode, fresh.size)
        assert kept.tobytes() == fresh.tobytes()


@pytest.mark.parametrize(
    ("pixels", "fingerprint", "used"),
    [
        (picture.STORED_PIXELS, None, True),  # as stored: used
        (picture.STORED_PIXELS, "0" * 64, False),  # painted from another drawing: not used
        (picture.STORED_PIXELS + 1, None, False),  # another size: not used
    ],
)
def test_masks_are_used_only_with_their_fingerprint(
    pixels: int, fingerprint: str | None, used: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "masks.png"
    with Image.open(picture.STORED) as image:
        info = PngImagePlugin.PngInfo()
        info.add_text("leafdeck-fingerprint", fingerprint or image.info["leafdeck-fingerprint"])
        info.add_text("leafdeck-coverage", image.info["leafdeck-coverage"])
        image.save(target, format="PNG", pnginfo=info)
    monkeypatch.setattr(picture, "STORED", target)
    assert (picture.stored_coverage(pixels) is not None) is used


def test_a_build_without_stored_masks_paints_the_same_picture(tmp_path: Path) -> None:
    """With no stored file, a fresh process paints the masks and makes the same PNG bytes."""
    script = (
        "import sys; from pathlib import Path; from leafdeck.render.deck import picture\n"
        "picture.STORED = Path(sys.argv[1])\n"
        "sys.stdout.buffer.write(picture._png(4, '#1F4E79', '#C8102E', '#5F6B73', '#E8EEF4', '#FFFFFF', '#222222'))\n"
    )
    missing = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "none.png")], check=True, capture_output=True
    ).stdout
    kept = subprocess.run([sys.executable, "-c", script, str(picture.STORED)], check=True, capture_output=True).stdout
    assert missing == kept
    assert missing.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "colours",
    [
        ("#1F4E79", "#C8102E", "#5F6B73", "#E8EEF4", "#FFFFFF", "#222222"),
        ("#000000", "#FFFFFF", "#FF0000", "#00FF00", "#0000FF", "#FFFF00"),
        ("#7A1F5C", "#2E8B57", "#5F6B73", "#F4EEE8", "#FFFFFF", "#111111"),
    ],
)
def test_the_palette_picture_has_every_pixel_of_the_mixed_masks(colours: tuple[str, ...]) -> None:
    png = picture._png.__wrapped__(picture.STORED_PIXELS, *colours)
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "P"
        pixels = image.convert("RGBA").tobytes()
    mixed = picture._mixed(picture._coverage(picture.STORED_PIXELS), _colours(colours))
    assert pixels == mixed.tobytes()


def _colours(colours: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """The seven mask colours, mixed with reportlab's colours as the leaflets mix them."""
    from reportlab.lib.colors import Color, HexColor

    vein, device, outline, skin, paper, text = (HexColor(c) for c in colours)
    share = picture.ORGAN_SHARE
    organ = Color(*(share * c + (1 - share) * q for c, q in zip(device.rgb(), paper.rgb(), strict=True)))
    inks = (vein, device, outline, skin, organ, text)
    return [*((round(c.red * 255), round(c.green * 255), round(c.blue * 255)) for c in inks), (255, 255, 255)]
