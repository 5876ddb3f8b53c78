"""Where things go on a leaflet page, in points, without laying anything out: the trimmed page
(or panel) size, the width of a text column, and the logo's box in the first-page band. Kept
apart from ``page`` so that ``check`` (the logo warnings) never imports reportlab's platypus."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, A5, landscape, letter

from leafdeck.read.images import Logo
from leafdeck.render.leaflet.layout import LeafletLayout, Page

_SIZES = {"A4": A4, "letter": letter, "A5": A5}


def trim_size(page: Page, panels: int = 1) -> tuple[float, float]:
    """Width and height of the trimmed page (or of one of its ``panels``), in points."""
    width, height = landscape(_SIZES[page.size]) if page.landscape else _SIZES[page.size]
    return width / panels, height


def frame_width(page: Page, panels: int = 1) -> float:
    """Width of one text column."""
    width = trim_size(page, panels)[0] - page.margins.left - page.margins.right
    return (width - page.gutter * (page.columns - 1)) / page.columns


def logo_box(layout: LeafletLayout, width: float, logo: Logo) -> tuple[float, float]:
    """Width and height in points of ``logo`` in the first-page band of a column ``width`` points
    wide: the layout's ``logo_height``, narrower than 40% of the band, proportions kept."""
    height = layout.logo_height
    box_width = min(height * logo.aspect, (width - 2 * layout.box.padding) * 0.4)
    return box_width, box_width / logo.aspect
