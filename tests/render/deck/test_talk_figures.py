"""The last words a neurologist would change in the talk notes (issue 20, third trial), read back
from the PPTX of the shipped knowledge base built for the GB (riverside) and US (lakeside)
example clinics with the example presenter file: no spoken sentence of the main section says
more than two figures, the disclosures slide and its notes say exactly what the presenter
declared (or that they have nothing to declare, as a sentence), the opening names the event as
a sentence would, and the presenter and the material's governance are said as sentences, not
read out as lists or labels."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.checks.readers import read_deck
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.read.presenters import load_presenter
from leafdeck.render.deck.script import sentences, words
from leafdeck.render.deck.talk_text import with_verb
from tests.conftest import LAYOUTS
from tests.render.deck.conftest import CLINICS, render, resolve

AUDIENCES = {"clinician": "deck-clinician", "patient": "deck-patient"}
TALKS_OF_FIGURES = ("clinician",)
"""The talks whose every main-section sentence says at most two figures (issue 20, third trial:
the clinician talk's trial slides)."""
DECLARED = ("Speaker fees from Example Pharma (2026)", "Advisory board, Example Devices Ltd (2025)")
"""A presenter's declarations, to be shown exactly and said as one sentence."""

_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d|%)")
_ATTACHED = re.compile(r"(?<=[A-Za-z])-?\d+")
_PER_HUNDRED = re.compile(r"\b(?:in|of|sur|de|en)(?: (?:every|each|cada|chaque))? 100\b")
_NUMBER = re.compile(r"(?<![\w.,])[+\u2212-]?\d+(?:[.,]\d+)*")


def figures(said: str) -> list[str]:
    """The figures a listener hears in one spoken sentence: every number, except a year ("in
    2014"), a number that is part of a name ("T2", "MSQOL-54"), and the "in 100" of a natural
    frequency ("about 42 in 100" is one figure)."""
    text = _PER_HUNDRED.sub("", _ATTACHED.sub("", _YEAR.sub("", said)))
    return _NUMBER.findall(text)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "Functional composite improved in 41.7% after angioplasty versus 48.7% after sham at 12 months "
            "(p equals 0.49).",
            ["41.7", "48.7", "12", "0.49"],
        ),
        ("It improved in about 42% of people after the procedure and 49% after the sham.", ["42", "49"]),
        ("CCSVI turned up in only about 2 to 3 in 100 people.", ["2", "3"]),
        ("New T2 lesions leaned the same way, with 17 against 3.", ["17", "3"]),
        ("The MSQOL-54 physical score changed by +1.4 and \u22120.8.", ["+1.4", "\u22120.8"]),
        ("It ran from August 2012 to March 2016 in 6 Italian MS centres.", ["6"]),
        ("Thank you for having me at Riverside MS Study Day 2027 today, 12 March 2027.", ["12"]),
        ("Brave Dreams (2018) put 115 people into two groups at random.", ["115"]),
    ],
)
def test_the_figures_of_a_spoken_sentence_are_counted(said: str, expected: list[str]) -> None:
    assert figures(said) == expected


@pytest.fixture(scope="module")
def decks(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list]:
    """(country, audience) → the slides of that clinic's talk, built with the example presenter
    file (``layouts/presenters/example.yaml``)."""
    folder = tmp_path_factory.mktemp("figure-talks")
    speaker = load_presenter(LAYOUTS, "example")
    found = {}
    for clinic, country in CLINICS.items():
        for audience, layout in AUDIENCES.items():
            target = folder / f"{clinic}-{audience}.pptx"
            render(
                select(bundled_kb, audience, country),
                replace(resolve(layout, clinic=clinic), presenter=speaker),
                target,
                audience,
            )
            found[(country, audience)] = read_deck(target)
    return found


def main(slides: list) -> list:
    return [s for s in slides if s.section == slides[0].section]


def test_no_spoken_sentence_of_the_main_section_says_more_than_two_figures(decks: dict) -> None:
    crowded = [
        (key, slide.number, said)
        for key, slides in decks.items()
        if key[1] in TALKS_OF_FIGURES
        for slide in main(slides)
        for said in sentences(slide.notes)
        if not said.startswith("Sources:") and len(figures(said)) > 2
    ]
    assert not crowded, crowded


def test_trial_results_are_said_with_their_point_not_their_statistics(decks: dict) -> None:
    for country in CLINICS.values():
        notes = " ".join(s.notes for s in main(decks[(country, "clinician")]))
        assert "The main measure was a combined test of function, a year after the procedure." in notes
        assert "Neither difference was statistically significant." in notes
        assert "p equals 0.49" not in notes, country
        assert "p equals 0.95" not in notes, country
        assert "the Brave Dreams trial put 115 people into the venous angioplasty group or the sham" in notes


def disclosures(slides: list) -> object:
    return next(s for s in slides if s.title == "Disclosures")


def test_no_disclosures_are_shown_as_issue_20_words_and_said_as_a_sentence(decks: dict) -> None:
    for key, slides in decks.items():
        slide = disclosures(slides)
        shown = [line for line in slide.text.split("\n") if line not in (slide.title, str(slide.number))]
        assert shown == ["No relevant financial relationships."], (key, shown)
        assert slide.notes.startswith("I have no relevant financial relationships to declare. "), key


def test_declarations_are_shown_exactly_and_said_once(bundled_kb: KnowledgeBase, tmp_path: Path) -> None:
    speaker = load_presenter(LAYOUTS, "example").model_copy(update={"disclosures": DECLARED})
    target = tmp_path / "declared.pptx"
    render(
        select(bundled_kb, "clinician", "GB"),
        replace(resolve("deck-clinician", clinic="riverside"), presenter=speaker),
        target,
        "clinician",
    )
    slide = disclosures(read_deck(target))
    shown = [line for line in slide.text.split("\n") if line not in (slide.title, str(slide.number))]
    assert shown == list(DECLARED)
    assert slide.notes.startswith(  # said without the brackets (issue 20, seventh round)
        "In the past 24 months I have had these financial relationships: speaker fees from Example Pharma in 2026 "
        "and advisory board, Example Devices Ltd, in 2025."
    ), slide.notes


def test_the_disclosures_notes_say_no_label_nor_fragment(decks: dict) -> None:
    for key, slides in decks.items():
        notes = disclosures(slides).notes
        assert "Conflicts of interest:" not in notes, key
        assert "Funding:" not in notes, key
        short = [said for said in sentences(notes) if words(said) <= 3]
        assert not short, (key, short)


def test_the_example_presenter_is_named_and_thanks_the_event_as_sentences(decks: dict) -> None:
    for key, slides in decks.items():
        said = sentences(slides[0].notes)
        opening = "Thank you for having me at Riverside MS Study Day 2027 today, "
        assert said[0] in (f"{opening}12 March 2027.", f"{opening}March 12, 2027."), (key, said[0])
        assert said[1] == "I am Dr Alex Morgan, Consultant neurologist at Example MS Service.", (key, said[1])


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("No serious adverse events in either arm.", "There were no serious adverse events in either arm."),
        ("No peri-procedural complications.", "There were no peri-procedural complications."),
        (
            "No reduction in mean new combined MRI lesions at 12 months.",
            "There was no reduction in mean new combined MRI lesions at 12 months.",
        ),
        ("No other endpoint differed.", "No other endpoint differed."),
        ("No: three trials found no benefit.", "No: three trials found no benefit."),
        ("Three trials found no benefit.", "Three trials found no benefit."),
    ],
)
def test_a_verbless_no_line_is_said_as_a_sentence(text: str, spoken: str) -> None:
    assert with_verb(text) == spoken


def test_no_clinician_notes_sentence_is_a_verbless_no_line(decks: dict) -> None:
    for country in CLINICS.values():
        for slide in decks[(country, "clinician")]:
            bare = [s for s in sentences(slide.notes) if s.startswith("No ") and s.endswith(".") and with_verb(s) != s]
            assert not bare, (country, slide.number, bare)
