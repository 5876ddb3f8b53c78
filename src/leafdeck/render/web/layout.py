"""The schema of the web page layout (``layouts/web.yaml``).

Every size and colour of the page lives in the layout: the stylesheet it names
(``layouts/web.css``) refers to them only as CSS custom properties (``var(--h1)``), which the
renderer writes from this file and the clinic's brand. Sizes are CSS lengths in ``rem`` (so a
reader's own text-size setting scales the whole page), ``em``, ``ch``, ``px`` or ``%``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from leafdeck.read.assets import AssetPath
from leafdeck.read.contrast import contrast
from leafdeck.read.layout import Colour, Palette, Part

MIN_FOCUS_CONTRAST = 3.0
"""WCAG 2 (1.4.11): a focus indicator contrasts with the background by at least 3:1."""

CssLength = Annotated[str, StringConstraints(strict=True, pattern=r"^\d+(\.\d+)?(rem|em|ch|px|%)$")]
"""A CSS length with its unit, e.g. `1.125rem`, `44rem`, `3px`."""
FontName = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z][A-Za-z0-9 -]*$")]
"""A font family name, or a generic family such as `sans-serif`."""


class TypeScale(Part):
    """Text sizes and line heights."""

    body: CssLength
    """Body text."""
    small: CssLength
    """Captions, references, the about block."""
    h1: CssLength
    h2: CssLength
    h3: CssLength
    h4: CssLength
    line_height: float = Field(ge=1.0, le=2.5)
    """Line height of running text, as a multiple of its size."""
    heading_line_height: float = Field(ge=1.0, le=2.5)
    """Line height of headings."""


class PhoneScale(Part):
    """What changes on narrow screens (below `breakpoint`): smaller headings, less space."""

    h1: CssLength
    h2: CssLength
    h3: CssLength
    space: CssLength
    gutter: CssLength


class WebChart(Part):
    """The trial charts (inline SVG): rows of labelled bars, measured in the chart's own text size."""

    text: CssLength
    """Size of the chart's text."""
    line: float = Field(gt=1.0, le=3.0)
    """Height of a text line, in that text size (em)."""
    bar: float = Field(gt=0.0, le=3.0)
    """Thickness of a bar (em)."""
    above_bar: float = Field(ge=0.0, le=2.0)
    """Space between a group's result and its bar (em)."""
    gap: float = Field(ge=0.0, le=3.0)
    """Space between one group's bar and the next group's label (em)."""


class WebLayout(Part):
    """A complete web page layout."""

    stylesheet: AssetPath
    """The page's CSS under layouts/ (inlined); its values are custom properties set from this file."""
    fonts: tuple[FontName, ...] = Field(min_length=1)
    """Font families, first choice first; end with a generic family such as `sans-serif`."""
    palette: Palette
    """Theme colours other than the clinic's (text contrasts are checked)."""
    focus: Colour
    """Outline of the focused link or control (with the clinic's primary colour beside it)."""
    type: TypeScale
    """Text sizes."""
    phone: PhoneScale
    """Sizes on narrow screens."""
    breakpoint: CssLength
    """Below this width the page uses the `phone` sizes."""
    measure: CssLength
    """Largest width of the text column (about 70 characters is easy to read)."""
    space: CssLength
    """The vertical rhythm: space between blocks."""
    gutter: CssLength
    """Space between the text and the edge of the screen."""
    radius: CssLength
    """Corner radius of boxes."""
    rule: CssLength
    """Thickness of thin lines (table rules, box borders)."""
    band: CssLength
    """Thickness of the clinic colour's band at the top and of box edges."""
    focus_width: CssLength
    """Thickness of the focus outline."""
    logo_height: CssLength
    """Height of the clinic's logo in the page header."""
    chart: WebChart
    """Trial charts."""
    icons_width: CssLength
    """Largest width of an icon array (both groups side by side)."""
    diagram_width: CssLength
    """Largest width of the diagram of the veins."""
    label: str = Field(min_length=1)
    """Label key naming the format in the about block, e.g. `format_web`."""

    @model_validator(mode="after")
    def _visible_focus(self) -> WebLayout:
        ratio = contrast(self.focus, self.palette.background)
        if ratio < MIN_FOCUS_CONTRAST:
            raise ValueError(
                f"focus: contrast with the background is {ratio:.2f}:1; the minimum is {MIN_FOCUS_CONTRAST}:1"
            )
        return self
