"""The trial charts as inline SVG, each with a title, a description and a table of its numbers.

The panels and their wording come from the leaflet's chart (``leaflet.chart.panels``), so the
page shows the same trials, numbers and words as the PDF. Bars are sized in percent of the
chart's width and rows in ``em``, so the chart fits a phone or a desktop and grows with the
reader's text size; colours are the stylesheet's (accent for the procedure, muted for the sham).
"""

from __future__ import annotations

from leafdeck.model import Arm
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet.chart import Panel
from leafdeck.render.web.html import Html, join, tag
from leafdeck.render.web.layout import WebChart


def _number(value: float) -> str:
    """A coordinate, written short and the same way every time."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def arms(panel: Panel) -> list[Arm]:
    """The panel's arms in the order of its bars (the procedure first)."""
    shown = {v.arm for v in panel.outcome.values}
    return [arm for arm in sorted(panel.study.arms, key=lambda arm: not arm.treated) if arm.id in shown]


def svg(panel: Panel, spec: WebChart, ident: str) -> Html:
    """One panel: for each group, its label, its result and a bar on a common zero line."""
    largest = max(max(abs(bar.value) for bar in panel.bars), 1e-9)
    row = 2 * spec.line + spec.above_bar + spec.bar
    shapes = []
    for i, bar in enumerate(panel.bars):
        top = i * (row + spec.gap)
        kind = "treated" if bar.treated else "comparison"
        shapes += [
            tag("text", bar.label, x="0", y=f"{_number(top + spec.line * 0.75)}em", class_="label"),
            tag("text", bar.text, x="0", y=f"{_number(top + spec.line * 1.75)}em", class_="value"),
            tag(
                "rect",
                x="0",
                y=f"{_number(top + 2 * spec.line + spec.above_bar)}em",
                width=f"{_number(abs(bar.value) / largest * 100)}%",
                height=f"{_number(spec.bar)}em",
                class_=f"bar {kind}",
            ),
        ]
    height = len(panel.bars) * row + (len(panel.bars) - 1) * spec.gap
    description = " ".join(f"{bar.label}: {bar.text}." for bar in panel.bars)
    return tag(
        "svg",
        tag("title", panel.heading, id=f"{ident}-title"),
        tag("desc", description, id=f"{ident}-desc"),
        *shapes,
        xmlns="http://www.w3.org/2000/svg",
        width="100%",
        height=f"{_number(height)}em",
        role="img",
        aria_labelledby=f"{ident}-title {ident}-desc",
        class_="bars",
    )


def table(panel: Panel, labels: Labels, caption: str) -> Html:
    """The panel's numbers as a table: group, people, result."""
    head = tag(
        "tr",
        *(tag("th", labels(key), scope="col") for key in ("web_chart_group", "web_chart_people", "web_chart_result")),
    )
    rows = [
        tag("tr", tag("th", arm.label, scope="row"), tag("td", labels.number(arm.n, 0)), tag("td", bar.text))
        for arm, bar in zip(arms(panel), panel.bars, strict=True)
    ]
    return tag("table", tag("caption", caption), tag("thead", head), tag("tbody", join(rows)), class_="data")
