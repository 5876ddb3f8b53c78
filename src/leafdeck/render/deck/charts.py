"""Study numbers as slide text and as chart data, from the same ``Outcome.values``.

One chart per unit: outcomes are the categories, arms the series (the treated arm first and
emphasised). Numbers are written as the source gives them (no padded decimals), in text and
in the charts' number format alike, so a chart label and the bullet beside it read the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from leafdeck.model import Arm, Outcome, Study, Value
from leafdeck.render.deck.layout import DeckLayout, UnitStyle
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.spec import ChartSpec, Series

_MINUS = "\u2212"
_MAX_STEPS = 6


def ordered_arms(study: Study) -> list[Arm]:
    """The study's arms, treated arms first, otherwise in the order the study lists them."""
    return sorted(study.arms, key=lambda arm: not arm.treated)


def outcome_text(study: Study, outcome: Outcome, layout: DeckLayout) -> tuple[Run, ...]:
    """``Relapses (primary outcome, at 6 months): Procedure 4 vs Sham 1; p = 0.389``; when a
    count is out of another number than its group's size (``Value.of``, e.g. 31/47 siblings
    beside n = 46: evidence.md section 4b reports a denominator per measure), the line ends by
    saying so (label ``deck_denominators``, issue 20), so the two numbers do not look like a slip."""
    labels, unit = layout.words, layout.units.of(outcome.unit)
    qualifiers = [labels.primary] if outcome.primary else []
    if outcome.timeframe:
        qualifiers.append(labels.timeframe.format(timeframe=outcome.timeframe))
    head = f" ({', '.join(qualifiers)})" if qualifiers else ""
    numbers = f" {labels.versus} ".join(
        f"{arm.label} {_value_text(value, arm, unit, layout)}" for arm, value in _arm_values(study, outcome)
    )
    p = re.sub(r"(?<=\d)\.(?=\d)", layout.decimal, outcome.p_value or "")
    p_value = f"; {labels.p_value.format(p=p)}" if outcome.p_value else ""
    own = any(value.of is not None and value.of != arm.n for arm, value in _arm_values(study, outcome))
    footnote = f" ({labels.denominators})" if own else ""
    return (Run(outcome.label, bold=True), Run(f"{head}: {numbers}{p_value}{footnote}"))


def outcome_chart(study: Study, outcomes: Sequence[Outcome], layout: DeckLayout) -> ChartSpec:
    """A clustered bar chart of outcomes that share one unit."""
    unit = layout.units.of(outcomes[0].unit)
    arms = [arm for arm in ordered_arms(study) if any(_value(o, arm) is not None for o in outcomes)]
    emphasised = {a.id for a in arms if a.treated} or {arms[0].id}
    series = tuple(_series(arm, outcomes, unit, layout, arm.id in emphasised) for arm in arms)
    categories = tuple(o.label for o in outcomes)
    values = "; ".join(
        f"{category}: " + ", ".join(f"{s.name} {_label(s, i, unit, layout.decimal)}" for s in series)
        for i, category in enumerate(categories)
    )
    axis = layout.words.axis_in_100 if unit.natural else (unit.axis or "")
    alt = layout.words.chart_alt.format(title=study.short_name, unit=axis, values=values)
    step = whole_step([v for s in series for v in s.values if v is not None]) if unit.whole else None
    return ChartSpec(axis, categories, series, number_format(unit), alt, step)


def whole_step(values: Sequence[float]) -> float:
    """A gridline step of 1, 2 or 5 times a power of ten, at least 1, giving at most a few steps."""
    span = max([abs(v) for v in values] + [1.0])
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if span / (factor * magnitude) <= _MAX_STEPS:
                return float(factor * magnitude)
        magnitude *= 10


def number_text(value: float, unit: UnitStyle, decimal: str = ".") -> str:
    """A number as the source gives it (no padded decimals), with a typographic minus, a + on
    signed units, the language's decimal separator and the unit's suffix (a natural frequency:
    the whole number of people, no suffix)."""
    digits = str(round(abs(value))) if unit.natural else f"{abs(value):.10g}".replace(".", decimal)
    shown = any(ch in "123456789" for ch in digits)  # what rounds to zero is 0, never -0 or +0
    sign = (_MINUS if value < 0 else ("+" if unit.signed and value > 0 else "")) if shown else ""
    return f"{sign}{digits}" if unit.natural else f"{sign}{digits}{unit.suffix}"


def number_format(unit: UnitStyle) -> str:
    """The Excel number format writing numbers as ``number_text`` does."""
    if unit.natural:  # the chart keeps the source's numbers; its labels show whole people
        return f'0;"{_MINUS}"0'
    base = "General" + _literal(unit.suffix)
    return f'"+"{base};"{_MINUS}"{base};{base}' if unit.signed else f'{base};"{_MINUS}"{base}'


def _literal(text: str) -> str:
    """``text`` as literal characters of an Excel number format: quoted runs, with each ``"``
    (which cannot appear inside quotes) written as ``\\"``."""
    return '\\"'.join(f'"{part}"' if part else "" for part in text.split('"'))


def _arm_values(study: Study, outcome: Outcome) -> list[tuple[Arm, Value]]:
    return [(arm, value) for arm in ordered_arms(study) if (value := _value(outcome, arm)) is not None]


def _value(outcome: Outcome, arm: Arm) -> Value | None:
    return next((v for v in outcome.values if v.arm == arm.id), None)


def _value_text(value: Value, arm: Arm, unit: UnitStyle, layout: DeckLayout) -> str:
    if unit.natural:  # "about 42 in 100": already approximate
        text = layout.words.in_100.format(n=round(value.value))
    else:
        text = number_text(value.value, unit, layout.decimal)
    if value.approximate and not unit.natural:
        text = f"{layout.words.approximate} {text}"
    if value.events is not None and (unit.suffix or unit.natural):
        text += f" ({value.events}/{value.of or arm.n})"
    return text


def _series(arm: Arm, outcomes: Sequence[Outcome], unit: UnitStyle, layout: DeckLayout, emphasis: bool) -> Series:
    found = [_value(o, arm) for o in outcomes]
    mark = layout.words.approximate_mark
    labels = tuple(
        mark + number_text(v.value, unit, layout.decimal) if v is not None and v.approximate else None for v in found
    )
    return Series(arm.label, tuple(v.value if v is not None else None for v in found), emphasis, labels)


def _label(series: Series, index: int, unit: UnitStyle, decimal: str) -> str:
    value = series.values[index]
    if value is None:
        return "-"
    return series.labels[index] or number_text(value, unit, decimal)
