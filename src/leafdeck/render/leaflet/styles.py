"""Paragraph styles from a layout and a clinic brand: the only place roles become colours."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from leafdeck.passages import other
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render import bidi
from leafdeck.render.leaflet.fonts import BOLD, REGULAR
from leafdeck.render.leaflet.layout import ColourRole, LeafletLayout, TextStyle


@dataclass(frozen=True)
class Theme:
    """Resolved styles and colours for one leaflet."""

    layout: LeafletLayout
    clinic: Clinic
    styles: dict[str, ParagraphStyle]
    root: Path
    """The layouts folder, where the clinic's logo lives."""
    labels: Labels
    """Interface words and formats of the leaflet's language."""

    def colour(self, role: ColourRole) -> Color:
        """The colour for a role."""
        palette = self.layout.palette
        table = {
            "text": palette.text,
            "muted": palette.muted,
            "primary": self.clinic.primary,
            "accent": self.clinic.accent,
            "inverse": palette.background,
        }
        return HexColor(table[role])

    def hex(self, name: str) -> Color:
        """A palette colour by field name (tint, rule, background)."""
        return HexColor(getattr(self.layout.palette, name))

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]


def theme(layout: LeafletLayout, clinic: Clinic, root: Path, labels: Labels) -> Theme:
    """Every paragraph style of the layout, left-aligned, never italic."""
    partial = Theme(layout, clinic, {}, root, labels)
    styles = {name: _style(name, getattr(layout.styles, name), partial) for name in type(layout.styles).model_fields}
    styles["lead"] = ParagraphStyle(
        "lead", parent=styles["body"], keepWithNext=1
    )  # a lead-in stays with what it introduces
    styles["bullet_item"] = ParagraphStyle(
        "bullet_item", parent=styles["bullet"], leftIndent=styles["bullet"].fontSize * 1.3, bulletIndent=0
    )
    bidi.paragraph_styles(styles, labels.language, (clinic.name, clinic.phone, clinic.address))  # right-to-left text
    return Theme(layout, clinic, styles, root, labels)


def _style(name: str, spec: TextStyle, partial: Theme) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if spec.bold else REGULAR,
        fontSize=spec.size,
        leading=spec.size * spec.leading,
        textColor=partial.colour(spec.colour),
        alignment=TA_LEFT,
        spaceBefore=spec.space_before,
        spaceAfter=spec.space_after,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,  # only a word longer than the line (a web address) is ever split
        hyphenationLang="",
        keepWithNext=int(name in ("heading", "subheading", "box_title")),
        bulletFontName=REGULAR,
        bulletFontSize=spec.size,
    )


def clinic_language(theme: Theme) -> str | None:
    """The language the clinic writes its details in, when not the leaflet's (``Clinic.language``):
    its name, phone and address are then marked as passages in it."""
    return other(theme.clinic.language, theme.labels.language)
