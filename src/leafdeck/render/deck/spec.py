"""Slide specifications: the plan's output and the emitter's only input.

Plain frozen data, comparable with ``==``: what each slide says, at which size, with which chart
numbers and speaker notes. Nothing here knows python-pptx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from leafdeck.render.deck.layout import Box, TextStyle
from leafdeck.render.deck.measure import Run

if TYPE_CHECKING:
    from leafdeck.render.deck.visuals import Visual

ParaStyle = Literal["bullet", "plain", "numbered"]
SlideLayout = Literal["cover", "text", "chart"]


@dataclass(frozen=True)
class Para:
    """One paragraph: its runs, list level and style."""

    runs: tuple[Run, ...]
    level: int = 0
    """0 for a top-level paragraph, 1 for a sub-point."""
    style: ParaStyle = "bullet"
    label: str = ""
    """Number written in the hanging indent of a ``numbered`` paragraph, e.g. ``3.``."""
    tight: bool = False
    """Use the small paragraph spacing even at level 0 (agenda lines)."""

    @property
    def text(self) -> str:
        """The paragraph's text without its label."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Geometry:
    """Where a paragraph's text starts and how much space sits above it, in points."""

    margin: float
    """Left margin of the text (every line)."""
    hang: float
    """How far the first line (bullet or number) hangs left of the margin."""
    space_before: float


def geometry(para: Para, text: TextStyle) -> Geometry:
    """The paragraph geometry both the measurer and the emitter use."""
    space = text.space_before_sub if para.level > 0 or para.tight else text.space_before
    if para.style == "plain":
        return Geometry(text.level_indent * para.level, 0.0, space)
    return Geometry(text.indent + text.level_indent * para.level, text.indent, space)


@dataclass(frozen=True)
class TextSpec:
    """The paragraphs of one text placeholder and the size they are set in."""

    paras: tuple[Para, ...]
    size: float


@dataclass(frozen=True)
class Series:
    """One bar series (an arm or a group)."""

    name: str
    values: tuple[float | None, ...]
    """One value per category; None where the study reports none."""
    emphasis: bool
    """Drawn in the clinic's accent colour (the treated arm)."""
    labels: tuple[str | None, ...]
    """Data label text per point where it must differ from the number format (approximate values)."""


@dataclass(frozen=True)
class ChartSpec:
    """A native clustered bar chart."""

    title: str
    """Names the unit, e.g. `% of people`."""
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str
    """Excel number format of axis and data labels."""
    alt_text: str
    major_unit: float | None = None
    """Step between gridlines when the values are whole numbers (counts); None lets the viewer choose."""


@dataclass(frozen=True)
class Place:
    """Where a slide's title, text, chart, notice and logo go (the boxes its text was measured in)."""

    title: Box
    body: Box
    chart: Box
    notice: Box
    logo: Box


@dataclass(frozen=True)
class SlideSpec:
    """Everything one slide shows and says."""

    layout: SlideLayout
    title: str
    title_size: float
    body: TextSpec
    notes: str
    place: Place
    chart: ChartSpec | None = None
    visual: Visual | None = None
    """A native table or icon arrays (``visuals.py``, drawn by ``draw.py``)."""
    qr: str = ""
    """A web address shown as a QR code (the closing slide: the online copy)."""
    section: str = ""
    """The PowerPoint section the slide belongs to (e.g. `Main`, `Backup`), from the content plan."""
    citation: str | None = None
    """Short citation line, e.g. `Sources: [2] Siddiqui 2014`."""
    numbered: bool = True
    """Shows the slide number (every slide of a talk does, the title slide too)."""
    notice: str | None = None
    """A warning the slide must show (an unchecked translation); the boxes make room for it."""
    notice_size: float = 0.0


@dataclass(frozen=True)
class DeckProperties:
    """Core document properties."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    category: str
    comments: str
    version: str
    last_modified_by: str
    date: dt.datetime
    """Created and modified date (the last review), fixed so builds are reproducible."""
