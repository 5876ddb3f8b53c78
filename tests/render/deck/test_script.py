"""The notes as a script (``render/deck/script``): every sentence said once in the deck, and the
first slide stating the talk proper's reading time from the notes' own word count, read back
from a real deck of the tiny talk knowledge base."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from leafdeck.checks.script import Said, reading_time, repeats
from leafdeck.plan.variants import select
from leafdeck.read.sources import load_kb
from leafdeck.render.deck.plan import plan
from leafdeck.render.deck.script import aloud, minutes, spoken, words
from tests.conftest import ROOTS
from tests.render.deck.conftest import render, resolve, talk_outline


@pytest.mark.parametrize(("audience", "layout"), [("clinician", "deck-clinician"), ("patient", "deck-patient")])
def test_the_built_talk_says_each_sentence_once_and_states_its_time(audience: str, layout: str, tmp_path: Path) -> None:
    kb, _ = load_kb(ROOTS / "talk" / "kb.yaml")
    assert kb is not None
    resolved = resolve(layout)
    target = tmp_path / "talk.pptx"
    render(select(kb, audience), resolved, target, audience)  # type: ignore[arg-type]
    sections = {s.section for s in plan(talk_outline(select(kb, audience), resolved, audience), resolved)}  # type: ignore[arg-type]
    assert len(sections) == 2
    label = resolved.layout.words.sources
    slides = Presentation(str(target)).slides
    main_name = resolved.layout.words.section_main
    planned = plan(talk_outline(select(kb, audience), resolved, audience), resolved)  # type: ignore[arg-type]
    said = [
        Said(n, spec.title, slide.notes_slide.notes_text_frame.text, spec.section)
        for n, (spec, slide) in enumerate(zip(planned, slides, strict=True), 1)
    ]
    assert not repeats(said, label)
    total = sum(words(spoken(s.notes, label)) for s in said if s.section == main_name)
    rate = resolved.layout.talk.words_per_minute
    first = spoken(said[0].notes, label)
    assert f"about {minutes(total, rate)} minutes" in first
    # said as a sentence to the room: no word count, reading speed or version line read out (issue 20 point 1)
    for jargon in (f"{total} words", "words a minute", "Version", "last reviewed", "leaflet"):
        assert jargon not in first
    # the statement is what the check reads back: only the range may fail for a tiny fixture
    assert not [m for m in reading_time(said, label, rate, 0.01, 100) if "do not state" in m]


@pytest.mark.parametrize(
    ("audience", "layout", "says", "never"),
    [
        ("clinician", "deck-clinician", "Patients ask us whether", ("This leaflet", "This talk is here to help you")),
        (
            "patient",
            "deck-patient",
            "This talk is here to help you with one question:",
            ("This leaflet", "Patients ask"),
        ),
    ],
)
def test_the_title_slide_says_what_the_talk_is_for_in_talk_words(
    audience: str, layout: str, says: str, never: tuple[str, ...], tmp_path: Path
) -> None:
    """Issue 20 point 1: the title slide's notes name the decision as a talk says it (not the
    leaflets' "This leaflet helps you decide"), and the version line stays on the slide."""
    kb, _ = load_kb(ROOTS / "talk" / "kb.yaml")
    assert kb is not None
    resolved = resolve(layout)
    target = tmp_path / "talk.pptx"
    render(select(kb, audience), resolved, target, audience)  # type: ignore[arg-type]
    first = Presentation(str(target)).slides[0]
    notes = first.notes_slide.notes_text_frame.text
    shown = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert says in notes
    if audience == "patient":
        assert kb.document.decision in notes
    for phrase in never:
        assert phrase not in notes
    assert kb.governance.version in shown
    assert kb.governance.version not in notes


FORMS = {"equals": "equals", "less_than": "less than", "versus": "versus", "of": "of"}


@pytest.mark.parametrize(
    ("notes", "said"),
    [
        ("Improved in 41.7% vs 48.7% (p=0.49).", "Improved in 41.7% versus 48.7% (p equals 0.49)."),
        ("It reported OR 43 (p<0.0001) in n=65.", "It reported OR 43 (p less than 0.0001) in n equals 65."),
        ("Serious events: 5/49 after venoplasty vs. 1/55.", "Serious events: 5 of 49 after venoplasty versus 1 of 55."),
        ("Dated 10/05/2012, a ratio of 2:1.", "Dated 10/05/2012, a ratio of 2:1."),  # a date is not a fraction
        (
            "Said: 1/65.\nSources: [4] Doe J et al., 2014; p=1.0",
            "Said: 1 of 65.\nSources: [4] Doe J et al., 2014; p=1.0",
        ),
    ],
)
def test_notes_say_symbols_in_words(notes: str, said: str) -> None:
    """Issue 20 point 2: the spoken notes say "p equals 0.49", "versus", "5 of 49"; the Sources
    line is left as written."""
    kb, _ = load_kb(ROOTS / "talk" / "kb.yaml")
    assert kb is not None
    resolved = resolve("deck-clinician")
    first = plan(talk_outline(select(kb, "clinician"), resolved, "clinician"), resolved)[0]  # type: ignore[arg-type]
    (out,) = aloud([replace(first, notes=notes)], "Sources:", FORMS)
    assert out.notes == said
