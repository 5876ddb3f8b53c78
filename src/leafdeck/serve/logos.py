"""Warnings about an uploaded logo that loads but may print badly: too few pixels for its printed
height, and transparent parts that show the band's colour.

Minimal stand-ins until the ``images`` branch's warnings (``read/images.py``) are merged; the
lead swaps these for those. Both are warnings (SRC-002): the build still runs."""

from __future__ import annotations

from pathlib import Path

from leafdeck.errors import LOAD_WARNING, Problem
from leafdeck.read.images import load_logo

MIN_PPI = 150
"""Below this many pixels per inch at its printed height, a logo looks soft or blocky in print
(150 ppi is the usual floor for line art printed on an office printer; 300 is a print shop's)."""


def logo_warnings(path: Path, printed_height_pt: float, where: str) -> list[Problem]:
    """Warnings for the logo file at ``path`` printed ``printed_height_pt`` points high (the
    leaflet layout's ``logo_height``); ``where`` is the clinic file the logo is named in."""
    logo = load_logo(path)
    warnings = []
    ppi = logo.height / (printed_height_pt / 72)
    if ppi < MIN_PPI:
        message = (
            f"logo: {logo.width}x{logo.height} pixels prints at {ppi:.0f} ppi on the leaflets "
            f"({printed_height_pt / 72 * 25.4:.0f} mm high); at least {MIN_PPI} ppi "
            f"({round(MIN_PPI * printed_height_pt / 72)} pixels high) prints sharply: upload a larger file"
        )
        warnings.append(Problem(where, message=message, severity="warning", rule=LOAD_WARNING))
    if logo.transparent:
        message = (
            "logo: has transparent parts, which show the main colour of the band behind them; "
            "check the band below, and if the logo is hard to see, upload it on a white background"
        )
        warnings.append(Problem(where, message=message, severity="warning", rule=LOAD_WARNING))
    return warnings
