"""The trial chart is drawn from the structured numbers."""

from __future__ import annotations

import pytest

from leafdeck.model import KnowledgeBase, Outcome
from leafdeck.plan.evidence import chart_outcome as headline
from leafdeck.plan.evidence import value_text
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet.chart import panels


def test_minimal_trial_gives_one_panel_procedure_first(minimal_kb: KnowledgeBase, english: Labels) -> None:
    (panel,) = panels(minimal_kb.studies, english)
    assert [(bar.label, bar.value) for bar in panel.bars] == [("Procedure (9 people)", 4.0), ("Sham (10 people)", 1.0)]
    assert panel.bars[0].treated


def test_bundled_chart_shows_each_sham_controlled_trial(bundled_kb: KnowledgeBase, english: Labels) -> None:
    shown = {p.study.id for p in panels(bundled_kb.studies, english)}
    expected = {s.id for s in bundled_kb.studies if s.kind == "randomized_trial" and s.sham_controlled}
    assert shown == expected
    assert len(shown) >= 3


def test_headline_prefers_a_primary_outcome(minimal_kb: KnowledgeBase) -> None:
    study = minimal_kb.studies[0]
    assert headline(study) == study.outcomes[0]


def outcome(unit: str) -> Outcome:
    return Outcome.model_validate({"id": "o", "label": "x", "unit": unit, "values": [{"arm": "a", "value": 1}]})


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [
        ("percent_of_people", 41.7, "about 42 in 100 people"),
        ("score_change", 1.4, "+1.4 points"),
        ("score_change", -0.8, "-0.8 points"),
        ("count", 19, "19"),
        ("people", 5, "5 people"),
    ],
)
def test_values_are_written_for_readers(unit: str, value: float, text: str, english: Labels) -> None:
    assert value_text(outcome(unit), value, english) == text


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [
        ("percent_of_people", 41.7, "environ 42 sur 100 personnes"),
        ("score_change", 1.4, "+1,4 points"),
        ("score_change", -0.8, "-0,8 points"),
    ],
)
def test_values_follow_the_locale(unit: str, value: float, text: str) -> None:
    french = Labels("fr", {"value_in_100": "environ {n} sur 100 personnes", "value_points": "{value} points"})
    assert value_text(outcome(unit), value, french) == text
