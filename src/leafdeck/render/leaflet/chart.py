"""The trial results chart: one small vector panel per sham-controlled trial.

Each panel shows the trial's headline outcome for the procedure arm and the sham arm, drawn
from the structured numbers. Panels are scaled separately (their units differ), so each says
its unit in words; percentages are shown as natural frequencies ("42 in 100").
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from leafdeck.model import Outcome, Study
from leafdeck.plan.evidence import chart_outcome, value_text
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet.figure import Described
from leafdeck.render.leaflet.fonts import BOLD, REGULAR
from leafdeck.render.leaflet.styles import Theme


@dataclass(frozen=True)
class Bar:
    """One bar: who, how much, how it is written."""

    label: str
    value: float
    text: str
    treated: bool


@dataclass(frozen=True)
class Panel:
    """One trial's headline result, ready to draw."""

    study: Study
    outcome: Outcome
    bars: tuple[Bar, ...]
    heading: str


def panels(studies: tuple[Study, ...], labels: Labels) -> list[Panel]:
    """A panel for each sham-controlled randomized trial that has an outcome to show."""
    found = []
    for study in studies:
        outcome = chart_outcome(study)
        if study.kind == "randomized_trial" and study.sham_controlled and outcome is not None:
            found.append(Panel(study, outcome, _bars(study, outcome, labels), _heading(study, outcome, labels)))
    return found


def _heading(study: Study, outcome: Outcome, labels: Labels) -> str:
    where = f", {study.country}" if study.country else ""
    when = labels("chart_panel_over", timeframe=outcome.timeframe) if outcome.timeframe else ""
    return labels("chart_panel", study=study.short_name, year=study.year, country=where, outcome=outcome.label) + when


def _bars(study: Study, outcome: Outcome, labels: Labels) -> tuple[Bar, ...]:
    by_arm = {v.arm: v for v in outcome.values}
    ordered = sorted(study.arms, key=lambda arm: not arm.treated)
    return tuple(
        Bar(
            labels("arm_people", arm=arm.label, n=arm.n),
            by_arm[arm.id].value,
            value_text(outcome, by_arm[arm.id].value, labels),
            arm.treated,
        )
        for arm in ordered
        if arm.id in by_arm
    )


def drawing(panel: Panel, theme: Theme, width: float) -> Described:
    """Labelled horizontal bars on a common zero line, fitted to ``width``, described by its
    words and numbers (``alt``).

    Labels sit left of the bars when there is room, otherwise above them (narrow panels)."""
    spec = theme.layout.chart
    size, width = spec.label_size, min(spec.width, width)
    label_width = max(stringWidth(bar.label, REGULAR, size) for bar in panel.bars) + size
    text_width = max(stringWidth(bar.text, BOLD, size) for bar in panel.bars) + size
    stacked = label_width > width * 0.45
    start = 0.0 if stacked else label_width
    scale = (width - start - text_width) / max(max(abs(bar.value) for bar in panel.bars), 1e-9)
    row = spec.bar_height * 1.6 + (size * 1.3 if stacked else 0.0)
    height = len(panel.bars) * row
    art = Described(width, height, alt(panel))
    ink = theme.colour("text")
    for i, bar in enumerate(panel.bars):
        y = height - (i + 1) * row + spec.bar_height * 0.3
        middle = y + (spec.bar_height - size * 0.7) / 2
        length = abs(bar.value) * scale
        label_y = y + spec.bar_height + size * 0.35 if stacked else middle
        art.add(String(0, label_y, bar.label, fontName=REGULAR, fontSize=size, fillColor=ink))
        colour = theme.colour("accent") if bar.treated else theme.colour("muted")
        art.add(Rect(start, y, length, spec.bar_height, fillColor=colour, strokeColor=None))
        art.add(String(start + length + size * 0.4, middle, bar.text, fontName=BOLD, fontSize=size, fillColor=ink))
    if not stacked:
        art.add(Line(start, 0, start, height, strokeColor=theme.hex("rule"), strokeWidth=theme.layout.box.border))
    return art


def alt(panel: Panel) -> str:
    """The chart in words, for its alternative text: the panel's heading, then each bar's label
    and value as printed (natural frequencies for percentages)."""
    bars = "; ".join(f"{bar.label}: {bar.text}" for bar in panel.bars)
    return f"{panel.heading}. {bars}."
