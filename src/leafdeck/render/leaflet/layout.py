"""The schema of a leaflet layout file (``layouts/leaflet-*.yaml``, ``booklet-*``, ``trifold-*``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from leafdeck.read.layout import Colour, FontFamily, Length, Palette, Part, Size

PageSize = Literal["A4", "letter", "A5"]
ColourRole = Literal["text", "muted", "primary", "accent", "inverse"]
"""Colours by role: `primary`/`accent` come from the clinic, `inverse` is the page background."""


class Margins(Part):
    """Page margins (trim edge to text)."""

    top: Length
    bottom: Length
    left: Length
    right: Length


class Page(Part):
    """Page geometry."""

    size: PageSize
    """Trim size of one page."""
    landscape: bool = False
    """Turn the page sideways (tri-folds)."""
    margins: Margins
    """Distance from the trim edge to the text."""
    columns: int = Field(default=1, ge=1, le=3)
    """Text columns (panels) per page."""
    gutter: Length = 0.0
    """Space between columns."""
    bleed: Length = 0.0
    """Extra paper outside the trim for print shops; adds TrimBox and BleedBox."""


class TextStyle(Part):
    """One paragraph style."""

    size: Size
    """Font size in points."""
    leading: float = Field(ge=1.0, le=2.5)
    """Line height as a multiple of the size."""
    bold: bool = False
    """Bold face."""
    colour: ColourRole = "text"
    """Colour by role."""
    space_before: Length = 0.0
    """Space above."""
    space_after: Length = 0.0
    """Space below."""


class Styles(Part):
    """Every text style a leaflet uses. Alignment is always left; italics are never used."""

    title: TextStyle
    subtitle: TextStyle
    heading: TextStyle
    subheading: TextStyle
    body: TextStyle
    bullet: TextStyle
    box_title: TextStyle
    caption: TextStyle
    small: TextStyle
    reference: TextStyle
    footer: TextStyle
    banner: TextStyle


class LogoPlate(Part):
    """The plate drawn behind a logo with transparent parts that would not stand out on the
    clinic's band (``read.images.backdrop`` decides, by contrast)."""

    colour: Colour
    """Colour of the plate: light, as most logos are drawn for a white page."""
    padding: Length = Field(ge=0)
    """Plate around the logo on each side; keep it under ``box.padding`` (the band's own margin)."""


class Chart(Part):
    """The trial results chart (vector, drawn from the structured numbers)."""

    width: Length
    """Drawing width."""
    panel_height: Length
    """Height of one trial's panel."""
    label_size: Size
    """Axis and value label size."""
    bar_height: Length
    """Thickness of one bar."""


class Box(Part):
    """Boxed blocks (key points, questions)."""

    padding: Length
    """Inner space."""
    border: Length
    """Border thickness."""
    writing_lines: int = Field(ge=0, le=20)
    """Ruled lines for notes under the questions."""
    line_gap: Length
    """Distance between ruled lines."""


class Budget(Part):
    """How many pages a product may have (issue 11: the short leaflet is exactly 2 or 4 pages,
    the option grid one)."""

    pages: int = Field(ge=1, le=200)
    """At most this many pages. Content that needs more fails the build with FIT-001, naming the
    product and the first section that does not fit; type is never shrunk to make it fit."""
    exact: bool = False
    """Pad to exactly ``pages`` for double-sided printing: ruled lines for the reader's notes fill
    the space before the contact details (and whole pages, when needed)."""


class LeafletLayout(Part):
    """A complete leaflet layout."""

    page: Page
    """Page geometry."""
    fonts: FontFamily
    """The one font family used throughout (embedded)."""
    palette: Palette
    """Theme colours other than the clinic's."""
    styles: Styles
    """Text styles."""
    min_font_size: Size
    """Nothing on any page may be smaller (checked by tests and `leafdeck check`)."""
    cover: Literal["full", "strip"] = "full"
    """`full`: title, subtitle and the decision in a box; `strip`: the title and the decision on
    a line or two (one-page products such as the option grid)."""
    max_gap: float = Field(default=1 / 3, gt=0.0, lt=1.0)
    """Largest share of a page left empty when a group kept together (a box, a figure, a heading
    with what follows) moves to the next page; over it, a group that can break breaks instead
    (issue 11: no page of the short leaflet more than a third empty but the last)."""
    notice_box: bool = True
    """Print a notice (an unchecked translation, an out-of-date stamp) in full in a box where the
    content starts, as well as in every page's top margin. Off (one-page products): only in the
    top margin, wrapped onto as many lines as the margin holds."""
    figure_shrink: float = Field(default=0.6, gt=0.2, le=1.0)
    """Narrowest share of the column a figure (diagram, icon arrays) may be drawn at so that it
    fits the space left on a page instead of leaving that space empty (1: never narrower)."""
    budget: Budget | None = None
    """The page budget of a fixed-size product (short leaflet, large print, option grid); none:
    as many pages as the content needs (the decision aid)."""
    chart: Chart
    """Trial chart geometry."""
    box: Box
    """Boxed blocks."""
    logo_height: Length
    """Height of the clinic logo on the first page."""
    logo_plate: LogoPlate
    """Plate behind a logo that would not stand out on the band."""
    qr_size: Length
    """Side of the QR code."""
    questions_per_group: int | None = Field(default=None, ge=1)
    """Show only the first N questions of each group (summaries); all when unset. A tri-fold
    lowers it (down to one) when its content would not fit six panels."""
    imposition: Literal["none", "booklet", "trifold"] = "none"
    """`booklet`: pages imposed 2-up in booklet order for duplex printing. `trifold`: the page is
    cut into three panels; content flows panel by panel and is imposed in folding order."""
    label: str = Field(min_length=1)
    """Label key (in sources/labels.<lang>.yaml) naming the format in the about block, e.g. `format_large`."""
    icons: IconSpec | None = None
    """Icon arrays (`icons.py`); the defaults when unset."""
    diagram: DiagramSpec | None = None
    """The veins diagram (`diagram.py`); the defaults when unset."""
    grid: GridSpec | None = None
    """The option grid and the values exercise (`grid.py`); the defaults when unset."""
    trifold: TrifoldSpec | None = None
    """Tri-fold panels (`impose.py`), with `imposition: trifold`; the defaults when unset."""


class IconSpec(Part):
    """Icon arrays: a 10 x 10 grid of person figures per arm (``render/leaflet/icons.py``)."""

    cell: Length = 12.0
    """Largest width of one figure's cell (a cell is 1.35 times as tall)."""
    min_cell: Length = 7.5
    """Smallest cell side by side; narrower, the arms are stacked instead."""
    arm_gap: Length = 24.0
    """Space between arms side by side, and below an arm when stacked."""
    label_size: Size = 12.0
    """Arm labels, frequencies and the key (never below the layout's `min_font_size`)."""
    filled: ColourRole = "primary"
    """People who had the result: solid figures of this colour with a white dot."""
    empty: ColourRole = "muted"
    """People who did not: outlines of this colour around a pale (tint) body."""
    caption: bool = True
    """Print the block's caption under the key; a summary (tri-fold) whose key says the same may
    leave it out to save room (the alternative text still says it all)."""


class DiagramSpec(Part):
    """The labelled drawing of the neck and chest veins (``render/leaflet/diagram.py``)."""

    width: Length = 500.0
    """Largest width of the drawing with its labels on both sides."""
    height: Length = 210.0
    """Largest height of the drawing (it keeps its proportions)."""
    min_width: Length = 300.0
    """Narrower than this, the labels become numbers on the drawing with a numbered key below."""
    label_size: Size = 12.0
    """Part labels (never below the layout's `min_font_size`)."""
    vein: ColourRole = "primary"
    """The veins."""
    device: ColourRole = "accent"
    """The balloon catheter."""
    outline: ColourRole = "muted"
    """The body outline, the heart's outline and leader lines."""
    stroke: Length = 1.0
    """Outline and leader line thickness."""


class GridSpec(Part):
    """The option grid table and the values exercise (``render/leaflet/grid.py``)."""

    size: float = Field(default=11.0, ge=11.0)
    """Table text size in points: at least 11 (Option Grid), and never below the layout's
    `min_font_size`."""
    leading: float = Field(default=1.25, ge=1.0, le=2.5)
    """Line height as a multiple of the size."""
    padding: Length = 4.0
    """Inner space of every cell."""
    question_share: float = Field(default=0.2, gt=0.05, lt=0.5)
    """Part of the width given to the question column."""
    min_column: float = Field(default=9.0, gt=1.0, le=40.0)
    """Narrowest option column, in multiples of the text size (about 17 characters); in a
    narrower space (an A5 page, a panel, large print) the grid is set one question at a time,
    each option's answer on its own row under the question (as the web page does on a phone)."""
    header: ColourRole = "primary"
    """Header row background (its text is white)."""
    box: Length = 14.0
    """Side of one tick box in the values exercise."""
    box_gap: Length = 10.0
    """Space between tick boxes."""


class TrifoldSpec(Part):
    """How a tri-fold's content falls on its six panels (``render/leaflet/impose.py``).

    Panels are read cover (outside right), the three inside panels, the flap (outside left),
    then the back (outside middle); none may be empty and none shows a page number."""

    new_panel: tuple[str, ...] = ("key_points", "contact")
    """Sections (their names in ``layouts/products.yaml``) that start a new panel: the first
    ends the cover, the last starts the back panel. When the content before the back panel runs
    short, ruled notes space fills the panels up to it, so no panel is left empty."""


LeafletLayout.model_rebuild()  # the drawing specs above are defined after the layout that names them
