"""Notes read aloud unedited (issue 20, fifth round), read back from the PPTX of the shipped
knowledge base built for the GB (riverside) and US (lakeside) example clinics with a presenter:
each main slide says its own lines, the trials are introduced as speech, patients hear no
clinician words, and backup notes are worth reading."""

from __future__ import annotations

import pytest

from leafdeck.render.deck.script import key, repeated, sentences, spoken
from tests.render.deck.test_talk_spoken import CLINICS, decks, main

__all__ = ["decks"]  # the module-scoped fixture of test_talk_spoken: the four talks, built once


def said(notes: str) -> list[str]:
    return sentences(spoken(notes, "Sources:"))


def regulation(slides: list) -> object:
    return next(s for s in main(slides) if s.title.startswith("Regulators and expert groups"))


@pytest.mark.parametrize(
    ("country", "named", "unnamed"),
    [
        ("GB", ("NICE's current advice, IPG640,", "MHRA", "Yellow Card"), ()),
        ("US", ("investigational device exemption",), ("MHRA",)),
    ],
)
def test_the_regulation_slide_says_its_own_lines(
    decks: dict, country: str, named: tuple[str, ...], unnamed: tuple[str, ...]
) -> None:
    """The UK slide shows NICE's line the notice slide said first: its notes remind the room of it
    (reworded, not repeated word for word) and say the MHRA's Yellow Card route."""
    slide = regulation(decks[(country, "clinician")])
    notes = " ".join(said(slide.notes))
    for words in named:
        assert words in notes, (country, words, notes)
    for words in unnamed:
        assert words not in notes, (country, words)


@pytest.mark.parametrize("key_", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_no_sentence_is_said_twice_in_the_talk_proper(decks: dict, key_: tuple[str, str]) -> None:
    heard: dict[str, int] = {}
    for slide in main(decks[key_]):
        for sentence in said(slide.notes):
            if repeated(sentence):
                assert key(sentence) not in heard, (slide.number, heard.get(key(sentence)), sentence)
                heard[key(sentence)] = slide.number
