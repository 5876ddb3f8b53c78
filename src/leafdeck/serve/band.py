"""The form's band picture and the countries of the clinics the server knows.

The band picture is an SVG 600 x 90 units: the clinic's name and phone in white on the main
colour, the logo at the right, drawn as the leaflets draw it (issue 21 follow-up 5)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from leafdeck.errors import InputError
from leafdeck.read.layout import load_model
from leafdeck.serve.store import Store

BAND_WIDTH, BAND_LOGO_HEIGHT, BAND_LOGO_MAX_WIDTH, BAND_PAD = 600.0, 66.0, 240.0, 12.0
"""The form's band picture (SVG units): width, logo height, widest logo, padding."""


def band_picture(layouts: Path, logo: Path | None, primary: str, paper: str) -> dict[str, Any]:
    """The form's band picture: where the logo goes (SVG units) and, as the leaflets draw it, on
    a plate of the short leaflet layout's ``logo_plate`` colour when ``read.images.backdrop``
    chooses one (``plate`` holds the plate's box and colour then); ``paper``: the form's paper."""
    if logo is None:
        return {}
    from leafdeck.read.images import backdrop, load_logo
    from leafdeck.render.leaflet.layout import LeafletLayout

    try:
        normalised = load_logo(logo)
        layout = load_model(layouts / f"leaflet-{paper}.yaml", LeafletLayout, layouts)
    except InputError:
        return {}
    width = min(BAND_LOGO_HEIGHT * normalised.aspect, BAND_LOGO_MAX_WIDTH)
    height = width / normalised.aspect if normalised.aspect else BAND_LOGO_HEIGHT
    x, y = BAND_WIDTH - BAND_PAD - width, BAND_PAD + (BAND_LOGO_HEIGHT - height) / 2
    band: dict[str, Any] = {
        "logo": "data:image/png;base64," + base64.b64encode(normalised.png).decode("ascii"),
        "width": width,
        "height": height,
        "logo_x": x,
        "logo_y": y,
    }
    plate = layout.logo_plate
    if backdrop(normalised, primary.upper(), plate.colour).plate:
        pad = BAND_PAD / 2  # the band picture is not to scale; a plate a little larger than the logo
        band["plate"] = {"x": x - pad, "y": y - pad, "width": width + 2 * pad, "height": height + 2 * pad}
        band["plate_colour"] = plate.colour
    return band


def clinic_countries(store: Store) -> list[str]:
    """The countries the clinic files in ``layouts/clinics/`` are in (read, not checked)."""
    from leafdeck.read.yamlio import load

    found = []
    for name in store.clinics():
        located, _ = load(store.clinic_file(name))
        data = located.data if located is not None else None
        country = data.get("country") if isinstance(data, dict) else None
        if isinstance(country, str):
            found.append(country)
    return found
