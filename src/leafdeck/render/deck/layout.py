"""The deck layout: what `layouts/deck-*.yaml` may say about a talk deck.

Every size, colour, length and fixed label the deck renderer uses lives here (loaded from
YAML), never in the renderer's code. Boxes are in points, measured from the slide's top left.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, cast

from pydantic import Field, field_validator

from leafdeck.model import OutcomeUnit
from leafdeck.read.assets import AssetPath
from leafdeck.read.layout import Colour, FontFamily, Length, Palette, Part, Resolved, Size, Text

MIN_BODY_SIZE = 18.0
"""Body text on slides is never smaller than this (patient-info-standards A6 #67)."""

BodySize = Annotated[float, Field(ge=MIN_BODY_SIZE)]
"""A body font size in points: 18 or more."""


class SlideSize(Part):
    """Slide dimensions."""

    width: Length
    height: Length


class Box(Part):
    """A rectangle on the slide."""

    left: Length
    top: Length
    width: Length = Field(gt=0)
    height: Length = Field(gt=0)


class Boxes(Part):
    """Where things go. Placeholders in the template are generated at these boxes."""

    title_bar: Box
    """Brand-coloured band behind slide titles (slide master)."""
    title: Box
    """Slide title placeholder."""
    body: Box
    """Text placeholder of a text-only slide."""
    beside_chart: Box
    """Text placeholder of a slide with a chart."""
    chart: Box
    """Chart placeholder."""
    footer_rule: Box
    """Thin line above the footer (its height is the line's thickness)."""
    citation: Box
    """Short citation line."""
    logo: Box
    """Clinic logo on content slides (scaled to fit, aspect kept)."""
    slide_number: Box
    """Slide number field."""
    cover_band: Box
    """Brand-coloured band of the title slide."""
    cover_title: Box
    """Title of the title slide."""
    cover_subtitle: Box
    """Subtitle, clinic and version lines of the title slide."""
    cover_logo: Box
    """Clinic logo on the title slide."""
    notice: Box
    """Strip under the title bar for a notice every slide must show (an unchecked translation);
    the text and chart boxes start below it on those slides."""
    cover_notice: Box
    """The notice on the title slide, in the band above the title."""

    def making_room(self) -> Boxes:
        """These boxes with the text and chart boxes (and the cover title) moved clear of the notice."""
        moved = {name: _below(getattr(self, name), self.notice) for name in ("body", "beside_chart", "chart")}
        return self.model_copy(update={**moved, "cover_title": _below(self.cover_title, self.cover_notice)})


def _below(box: Box, above: Box) -> Box:
    """``box`` with its top moved down to the bottom of ``above`` (its bottom stays)."""
    bottom = above.top + above.height
    return box.model_copy(update={"top": bottom, "height": box.height - (bottom - box.top)})


class Insets(Part):
    """Inner margins of every text box."""

    left: Length
    right: Length
    top: Length
    bottom: Length


class Sizes(Part):
    """Font sizes in points. Lists are tried largest first; content that fits at none is split."""

    cover_title: tuple[Size, ...] = Field(min_length=1)
    cover_subtitle: tuple[BodySize, ...] = Field(min_length=1)
    title: tuple[Size, ...] = Field(min_length=1)
    body: tuple[BodySize, ...] = Field(min_length=1)
    """Body text; each at least 18 pt."""
    references: tuple[BodySize, ...] = Field(min_length=1)
    """Reference list entries; each at least 18 pt."""
    citation: Size
    slide_number: Size
    chart: Size
    """Axis labels and legend."""
    chart_title: Size
    data_label: Size
    notice: tuple[Size, ...] = Field(min_length=1)
    """The notice every slide shows when there is one."""

    @field_validator("cover_title", "cover_subtitle", "title", "body", "references")
    @classmethod
    def _largest_first(cls, sizes: tuple[float, ...]) -> tuple[float, ...]:
        if list(sizes) != sorted(sizes, reverse=True):
            raise ValueError("list sizes largest first, e.g. [24, 22, 20]")
        return sizes


class TextStyle(Part):
    """Paragraph geometry, shared by the template, the measurer and the emitter."""

    insets: Insets
    line_spacing: float = Field(gt=0.5, le=3)
    """Multiple of the font's single line height."""
    space_before: Length
    """Space above each top-level paragraph."""
    space_before_sub: Length
    """Space above each second-level paragraph."""
    indent: Length
    """Hanging indent of a bullet or a numbered entry (where the text starts)."""
    level_indent: Length
    """Extra indent of second-level bullets."""
    bullets: tuple[Text, Text]
    """Bullet characters of the two levels."""
    slack: float = Field(ge=0, lt=0.2)
    """Fraction of each box's height held back when measuring: the margin between what the planner
    measures and what a renderer sets."""
    wrap_slack: float = Field(ge=0, lt=0.2)
    """Fraction of each box's width held back when wrapping: a line the planner finds just fitting
    may not fit a renderer that rounds glyph positions, and the planner then counts one line more."""
    title_lines: int = Field(ge=1, le=3)
    """Most lines a slide's title may take (the title slide's aside): a longer action title gives
    way to its section's title and is said first in the notes (``talk.title``)."""
    cover_title_insets: Insets
    """Inner margins of the title slide's title, which sits on the bottom of its box: the bottom one
    leaves room for the last line's descenders (a line's cell reaches 0.35 em below the baseline,
    its line box 0.2 em)."""


class Theme(Part):
    """Neutral theme colours of the template; the clinic's colours replace dk2 and accent1 at build time."""

    dk1: Colour
    lt1: Colour
    dk2: Colour
    lt2: Colour
    accent1: Colour
    accent2: Colour
    accent3: Colour
    accent4: Colour
    accent5: Colour
    accent6: Colour
    hlink: Colour
    folHlink: Colour


class ChartStyle(Part):
    """Native chart styling. The emphasised series (the treated arm) takes the clinic accent."""

    others: tuple[Colour, ...] = Field(min_length=1)
    """Fills of the other series, in turn (at least 3:1 against white)."""
    gridlines: Colour
    gap_width: int = Field(ge=0, le=500)
    overlap: int = Field(ge=-100, le=100)


class UnitStyle(Part):
    """How an outcome unit is written on slides and charts."""

    axis: Text | None = None
    """Chart title naming the unit, e.g. `% of people`: from the `deck_axis_<unit>` label."""
    suffix: str = ""
    """Written after each number, e.g. `%`."""
    signed: bool = False
    """Show a + on positive numbers (changes in a score)."""
    whole: bool = False
    """Values are whole numbers (counts): chart gridlines fall on whole numbers."""
    natural: bool = False
    """Write values as natural frequencies, rounded to whole people (`about 42 in 100`, the
    `deck_in_100` label; chart axis `deck_axis_in_100`), not as numbers with the suffix."""


class Units(Part):
    """How each outcome unit is written."""

    percent_of_people: UnitStyle
    count: UnitStyle
    score_change: UnitStyle
    people: UnitStyle

    def of(self, unit: OutcomeUnit) -> UnitStyle:
        """The style of one unit."""
        style: UnitStyle = getattr(self, unit)
        return style


class LayoutNames(Part):
    """Names of the template's slide layouts used for each kind of slide."""

    cover: Text
    text: Text
    chart: Text


class Labels(Part):
    """Fixed words on slides. Formats use Python `str.format` fields as named."""

    continued: Text
    """Title of a continuation slide: `{title}`, `{index}`, `{count}`."""
    cover_version: Text
    """Version line of the title slide: `{version}`, `{reviewed}` (a date in the output's language)."""
    design: Text
    participants: Text
    arm: Text
    """One arm in the participants line: `{label}`, `{n}`."""
    follow_up: Text
    primary: Text
    timeframe: Text
    """Timeframe after an outcome label: `{timeframe}`."""
    p_value: Text
    """P-value after an outcome's numbers: `{p}`."""
    versus: Text
    """Between two arms' numbers."""
    denominators: Text
    """After an outcome's numbers when a group's count is of another number of people than the
    group's size in the participants line (the study reports a denominator per measure)."""
    approximate: Text
    """Written before an approximate number in text."""
    approximate_mark: Text
    """Written before an approximate number in a chart's data label."""
    sources: Text
    """Start of the citation line."""
    sources_more: Text
    """End of a citation line naming only the first of its references: `{count}` more."""
    chart_alt: Text
    """Chart alt text: `{title}`, `{unit}`, `{values}`."""
    logo_alt: Text
    """Logo alt text when the clinic gives none: `{clinic}`."""
    in_100: Text
    """A percentage of people as a natural frequency: `{n}` (a whole number)."""
    axis_in_100: Text
    """Chart axis title for natural frequencies."""
    deck_category: Text
    """Core property `category`, e.g. `Talk deck`."""
    section_main: Text
    """Name of the PowerPoint section holding the talk itself, e.g. `Main`."""
    section_backup: Text
    """Name of the PowerPoint section after the talk, e.g. `Backup`."""
    table_title: Text
    """Action title of the trials table slide when the source gives none: `{count}`."""
    faq_title: Text
    """Action title of the slide of questions patients bring."""
    take_home_title: Text
    """Action title of the take-home slide."""
    asked: Text
    """Speaker notes answering a question patients bring: `{question}`, `{answer}`."""
    details: Text
    """Title of a backup slide holding the details of a main slide: `{title}`."""
    presenter_intro: Text
    """The first words of the speaker notes, when the talk has a presenter: `{who}` (name,
    credentials, post and organisation)."""
    disclosures_said: Text
    """The speaker notes of the disclosures slide listing declarations: `{declarations}`."""
    closing_said: Text
    """The speaker notes of the closing "Questions" slide: `{clinic}`."""
    timing_said: Text
    """The last sentence of the first slide's notes: how long the talk proper takes to read
    aloud, `{minutes}`, `{words}`, `{slides}`, `{rate}` (``render/deck/script.timed``)."""


class TalkStyle(Part):
    """What keeps a talk's main slides short and its numbers visual (``render/deck/talk.py``).

    Which sections a talk shows, and in which order, is the content plan's (``layouts/products.yaml``)."""

    body_words: int = Field(ge=10, le=120)
    """Most words of body text on a main slide; what does not fit goes to the speaker notes."""
    clinician_titles: bool
    """Use the knowledge base's action titles (``headline``, clinician register) as slide titles;
    otherwise the sections' own titles (plain questions for patient groups)."""
    patient: bool = False
    """Build the main slides the patient talk's way (``render/deck/patient.py``): the diagram
    beside what the procedure is, the verdict as a title over the trials, one icon array a
    slide with the chance caveat once, the three options of the leaflets, spoken notes."""
    table_sizes: tuple[Size, ...] = Field(min_length=1)
    """Sizes of a table's text in points, largest first; the largest at which the table fits."""
    table_padding: Length
    """Inner margin of each table cell (left and right; half of it top and bottom)."""
    icon_cell: Length = Field(gt=0)
    """Largest side of one person's cell in an icon array (10 x 10 cells per arm)."""
    icon_gap: Length
    """Space between two arms' grids, and between a grid and its label."""
    icon_label_size: Size
    """Arm labels above the grids, in points."""
    icon_pixels: int = Field(ge=8, le=200)
    """Pixels per cell of the icon array pictures (drawn once, scaled by the viewer)."""
    words_per_minute: int = Field(ge=60, le=250)
    """How fast a presenter reads the notes aloud: the first slide's notes state the time of the
    talk proper from its notes' word count at this rate; ``check --outputs`` holds it to
    ``minutes`` (OUT-011)."""
    notes_words: tuple[int, int]
    """Fewest and most spoken words in the notes of each main slide (OUT-010)."""
    minutes: tuple[float, float]
    """Shortest and longest reading time of the talk proper's notes, in minutes (OUT-011)."""

    @field_validator("notes_words", "minutes")
    @classmethod
    def _low_high(cls, pair: tuple[float, float]) -> tuple[float, float]:
        if not 0 < pair[0] <= pair[1]:
            raise ValueError("give the lowest then the highest, both above 0, e.g. [60, 180]")
        return pair

    @field_validator("table_sizes")
    @classmethod
    def _largest_first(cls, sizes: tuple[float, ...]) -> tuple[float, ...]:
        if list(sizes) != sorted(sizes, reverse=True):
            raise ValueError("list sizes largest first, e.g. [16, 14, 12]")
        return sizes


class QrStyle(Part):
    """The QR code to the online copy on a talk's closing slide, in the title bar's right end."""

    box: Box
    """Where the code goes (a square, scaled to fit and centred)."""
    title: Box
    """The closing slide's title, clear of the code."""
    module_pixels: int = Field(ge=1, le=64)
    """Pixels per module in the PNG (the viewer scales it; no smoothing needed)."""
    quiet_modules: int = Field(ge=4, le=10)
    """White border around the code, in modules (readers need at least 4)."""


class DeckLayout(Part):
    """A talk deck: template, geometry, fonts, colours and labels (the content plan says what it shows)."""

    template: AssetPath
    """The .pptx template (slide master and layouts), generated by `make template`."""
    slide: SlideSize
    font: FontFamily
    """Measured with these files; the family name is written into the deck."""
    palette: Palette
    theme: Theme
    layouts: LayoutNames
    boxes: Boxes
    sizes: Sizes
    text: TextStyle
    chart: ChartStyle
    units: Units
    labels: Labels | None = None
    """The words on slides: filled from `sources/labels.<language>.yaml` (`deck_` keys) by `localised`."""
    qr: QrStyle
    """The QR code to the online copy on the closing slide."""
    talk: TalkStyle
    """How a talk's main slides are kept short: body words, table sizes, icon arrays."""
    decimal: str = "."
    """Decimal separator of the deck's language (set by `localised`)."""

    @property
    def words(self) -> Labels:
        """The words on slides (the layout must have been through `localised`)."""
        if self.labels is None:
            raise ValueError("deck layout used before localised(): no words for its slides")
        return self.labels


def localised(resolved: Resolved[DeckLayout]) -> Resolved[DeckLayout]:
    """The deck layout with the words, axis titles and decimal separator of the output's language."""
    from babel.numbers import get_decimal_symbol

    words = resolved.labels.words
    layout = resolved.layout
    labels = Labels.model_validate(
        {name: words[name if name == "deck_category" else f"deck_{name}"] for name in Labels.model_fields}
    )
    units = Units.model_validate(
        {
            name: layout.units.of(cast("OutcomeUnit", name)).model_copy(update={"axis": words[f"deck_axis_{name}"]})
            for name in Units.model_fields
        }
    )
    decimal = get_decimal_symbol(resolved.labels.locale)
    return replace(resolved, layout=layout.model_copy(update={"labels": labels, "units": units, "decimal": decimal}))
