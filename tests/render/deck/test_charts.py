"""Study numbers as text and as chart data: written the same way in both."""

from __future__ import annotations

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.charts import number_format, number_text, ordered_arms, outcome_chart, whole_step
from leafdeck.render.deck.layout import DeckLayout, UnitStyle

PERCENT = UnitStyle(axis="% of people", suffix="%")
SCORE = UnitStyle(axis="Change in score", signed=True)
COUNT = UnitStyle(axis="Number of events", whole=True)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (41.7, PERCENT, "41.7%"),
        (83.0, PERCENT, "83%"),
        (2.0, PERCENT, "2%"),
        (1.4, SCORE, "+1.4"),
        (-0.8, SCORE, "\u22120.8"),
        (0.0, SCORE, "0"),
        (19.0, COUNT, "19"),
        (0.125, COUNT, "0.125"),
    ],
)
def test_numbers_are_written_as_the_source_gives_them(value: float, unit: UnitStyle, text: str) -> None:
    assert number_text(value, unit) == text


@pytest.mark.parametrize(
    ("unit", "fmt"),
    [
        (PERCENT, 'General"%";"\u2212"General"%"'),
        (SCORE, '"+"General;"\u2212"General;General'),
        (COUNT, 'General;"\u2212"General'),
    ],
)
def test_chart_number_formats_match_the_text(unit: UnitStyle, fmt: str) -> None:
    assert number_format(unit) == fmt


@pytest.mark.parametrize(
    ("values", "step"),
    [([1], 1), ([4, 1], 1), ([6], 1), ([7], 2), ([12], 2), ([19, 3], 5), ([30], 5), ([31], 10), ([250], 50)],
)
def test_whole_number_gridlines(values: list[float], step: float) -> None:
    assert whole_step(values) == step


def test_treated_arms_come_first(minimal_kb: KnowledgeBase) -> None:
    assert [a.id for a in ordered_arms(minimal_kb.studies[0])] == ["treated", "sham"]


def test_each_bundled_outcome_charts_its_own_values(bundled_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    for study in bundled_kb.studies:
        for outcome in study.outcomes:
            chart = outcome_chart(study, [outcome], clinician.layout)
            arms = {a.label: a.id for a in study.arms}
            charted = {arms[s.name]: s.values[0] for s in chart.series if s.values[0] is not None}
            assert charted == {v.arm: v.value for v in outcome.values}, outcome.id
            assert chart.alt_text.strip()


def test_patient_decks_write_proportions_as_natural_frequencies(bundled_kb: KnowledgeBase) -> None:
    from leafdeck.plan.variants import select
    from leafdeck.render.deck.charts import outcome_text
    from tests.render.deck.conftest import resolve

    layout = resolve("deck-patient").layout
    natural = layout.units.of("percent_of_people")
    assert natural.natural
    assert (number_text(41.7, natural), number_format(natural)) == ("42", '0;"\u2212"0')
    kb = select(bundled_kb, "patient")
    study = next(s for s in kb.studies if s.id == "canadian-trial")
    outcome = next(o for o in study.outcomes if o.id == "canadian-serious-adverse-events")
    text = "".join(run.text for run in outcome_text(study, outcome, layout))
    assert "Venoplasty about 10 in 100 (5/49) vs Sham procedure about 2 in 100 (1/55)" in text
    chart = outcome_chart(study, [outcome], layout)
    assert chart.series[0].values == (10.0,)  # the chart keeps the source's numbers
    assert "%" not in text + chart.title
