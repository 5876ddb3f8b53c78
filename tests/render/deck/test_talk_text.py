"""A list on a talk slide said as one sentence in the notes (``talk_text.listed``, issue 20 point 2):
the lead-in ending in a colon takes its short items, so "Death; stroke." is never read out as a
sentence of its own."""

from __future__ import annotations

import pytest

from leafdeck.render.deck.sections import Block
from leafdeck.render.deck.talk_text import listed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            ["The FDA listed reported complications:", "Death; stroke.", "Stent detachment and migration."],
            ["The FDA listed reported complications: death, stroke, stent detachment and migration.", "", ""],
        ),
        (  # an abbreviation keeps its capitals; a long paragraph after the list is not an item
            [
                "Outcomes measured:",
                "MRI lesions.",
                "This long sentence is its own paragraph and is said as it stands here.",
            ],
            [
                "Outcomes measured: MRI lesions.",
                "",
                "This long sentence is its own paragraph and is said as it stands here.",
            ],
        ),
        (["No list here.", "Death; stroke."], ["No list here.", "Death; stroke."]),
        (["A lead-in with nothing after:"], ["A lead-in with nothing after."]),  # never a line ending in a colon
        (
            [
                "It listed problems:",
                "Blood clots, and damage to the treated vein.",
                "Damage to nerves that come straight from the brain, and bleeding in the belly.",
                "The FDA gave no figures for how many people were affected.",
            ],
            [
                "It listed problems: blood clots, and damage to the treated vein, damage to nerves that come straight"
                " from the brain, and bleeding in the belly.",
                "",
                "",
                "The FDA gave no figures for how many people were affected.",
            ],
        ),
        (["Les signes :", "Un cœur qui bat vite."], ["Les signes : un cœur qui bat vite.", ""]),
        (
            ["Les signes :", "Ce sont des signes graves qui demandent une aide rapide."],
            ["Les signes.", "Ce sont des signes graves qui demandent une aide rapide."],
        ),
    ],
)
def test_a_list_is_said_as_one_sentence(said: list[str], expected: list[str]) -> None:
    blocks = listed([Block((), (text,)) for text in said], english=not said[0].startswith("Les"))
    assert [" ".join(b.notes) for b in blocks] == expected
