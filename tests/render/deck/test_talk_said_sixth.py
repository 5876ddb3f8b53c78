"""Notes a neurologist would still reword (issue 20, sixth round), read back from the PPTX of the
shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics: the
authors' "safe" and NICE's "not safe" heard in order, figures explained before their numbers."""

from __future__ import annotations

import pytest

from tests.render.deck.test_talk_spoken import decks, main

__all__ = ["decks"]  # the module-scoped fixture of test_talk_spoken: the four talks, built once


def titled(slides: list, start: str) -> object:
    return next(s for s in main(slides) if s.title.startswith(start))


@pytest.mark.parametrize(
    ("country", "first", "then"),
    [
        # The authors' conclusion, then why it differs from NICE's, in that order (GB only).
        ("GB", "concluded that the procedure was safe", "NICE weighed eight studies"),
        ("GB", "NICE weighed eight studies", "judged the procedure not safe"),
        # How to read the figures comes before the numbers it explains.
        ("GB", "Each figure stands for one person out of 100", "About 42 in every 100"),
        ("US", "Each figure stands for one person out of 100", "About 42 in every 100"),
    ],
)
def test_the_patient_brave_dreams_notes_say_things_in_order(decks: dict, country: str, first: str, then: str) -> None:
    notes = titled(decks[(country, "patient")], "Brave Dreams").notes  # type: ignore[attr-defined]
    assert first in notes, notes
    assert then in notes, notes
    assert notes.index(first) < notes.index(then), notes


@pytest.mark.parametrize(("country", "cited"), [("GB", True), ("US", False)])
def test_nice_is_cited_where_the_patient_notes_name_it(decks: dict, country: str, cited: bool) -> None:
    notes = titled(decks[(country, "patient")], "Brave Dreams").notes  # type: ignore[attr-defined]
    sources = notes.split("Sources:")[1]
    assert ("NICE" in notes) is cited, notes
    assert ("NICE" in sources) is cited, notes
