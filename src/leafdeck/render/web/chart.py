"""A trial chart as inline SVG, with a title, a description and a table of its numbers.

In: a ``Chart`` block of the plan (one study's outcome, drawn from the structured numbers) and
the layout's chart sizes. Out: the bars (``svg``) and the numbers (``table``). The wording is the
leaflet's (labels ``arm_people``, ``value_in_100`` ...), so page and PDF say the same. Bars are
sized in percent of the chart's width and rows in ``em``, so the chart fits a phone or a desktop
and grows with the reader's text size; colours are the stylesheet's.
"""

from __future__ import annotations

from dataclasses import dataclass

from leafdeck.model import Arm
from leafdeck.plan.blocks import Chart
from leafdeck.plan.evidence import value_text
from leafdeck.read.labels import Labels
from leafdeck.render.web.html import Html, join, tag
from leafdeck.render.web.layout import WebChart


@dataclass(frozen=True)
class Bar:
    """One group's bar: who, how much, how it is written."""

    arm: Arm
    label: str
    value: float
    text: str


def _number(value: float) -> str:
    """A coordinate, written short and the same way every time."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def bars(chart: Chart, labels: Labels) -> list[Bar]:
    """The chart's bars, the procedure first, one for each arm with a value."""
    values = {v.arm: v.value for v in chart.outcome.values}
    arms = sorted((a for a in chart.study.arms if a.id in values), key=lambda arm: not arm.treated)
    return [
        Bar(
            arm,
            labels("arm_people", arm=arm.label, n=arm.n),
            values[arm.id],
            value_text(chart.outcome, values[arm.id], labels),
        )
        for arm in arms
    ]


def svg(chart: Chart, labels: Labels, spec: WebChart, ident: str) -> Html:
    """For each group, its label, its result and a bar on a common zero line."""
    shown = bars(chart, labels)
    largest = max(max((abs(bar.value) for bar in shown), default=0.0), 1e-9)
    row = 2 * spec.line + spec.above_bar + spec.bar
    shapes = []
    for i, bar in enumerate(shown):
        top = i * (row + spec.gap)
        kind = "treated" if bar.arm.treated else "comparison"
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
    height = len(shown) * row + max(len(shown) - 1, 0) * spec.gap
    description = " ".join(f"{bar.label}: {bar.text}." for bar in shown)
    return tag(
        "svg",
        tag("title", chart.heading, id=f"{ident}-title"),
        tag("desc", description, id=f"{ident}-desc"),
        *shapes,
        xmlns="http://www.w3.org/2000/svg",
        width="100%",
        height=f"{_number(height)}em",
        role="img",
        aria_labelledby=f"{ident}-title {ident}-desc",
        class_="bars",
    )


def table(chart: Chart, labels: Labels) -> Html:
    """The chart's numbers as a table: group, people, result."""
    head = tag(
        "tr",
        *(tag("th", labels(key), scope="col") for key in ("web_chart_group", "web_chart_people", "web_chart_result")),
    )
    rows = [
        tag("tr", tag("th", bar.arm.label, scope="row"), tag("td", labels.number(bar.arm.n, 0)), tag("td", bar.text))
        for bar in bars(chart, labels)
    ]
    return tag("table", tag("caption", chart.heading), tag("thead", head), tag("tbody", join(rows)), class_="data")
