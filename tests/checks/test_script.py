"""OUT-010 and OUT-011: a talk's notes read back as the script a presenter reads aloud.

Table-driven over small decks of notes (``checks.script.Said``), then once over a real deck
planned from the tiny talk knowledge base, timed by the renderer and read back from its PPTX."""

from __future__ import annotations

import pytest

from leafdeck.checks.script import Said, citations, reading_time, repeats, slide_lengths
from leafdeck.render.deck.script import minutes, sentences, spoken

SOURCES = "Sources:"


def _words(n: int, start: int = 0) -> str:
    """``n`` distinct words as one sentence."""
    return " ".join(f"w{start + i}" for i in range(n)) + "."


@pytest.mark.parametrize(
    ("counts", "flagged"),
    [
        ((60, 180, 100), []),
        ((59, 100), [1]),
        ((100, 181), [2]),
        ((10, 500), [1, 2]),
    ],
)
def test_each_main_slide_has_notes_in_range(counts: tuple[int, ...], flagged: list[int]) -> None:
    slides = [
        Said(i, f"T{i}", _words(n, i * 1000) + f"\n{SOURCES} [1] Doe, 2020", "Main") for i, n in enumerate(counts, 1)
    ]
    slides.append(Said(len(counts) + 1, "Backup", _words(3), "Backup"))  # backup slides are not held to the range
    found = slide_lengths(slides, SOURCES, 60, 180)
    assert [int(m.split()[1]) for m in found] == flagged
    assert all("talk.notes_words" in m for m in found)


def test_the_sources_line_is_not_counted_as_said() -> None:
    notes = _words(59) + f"\n{SOURCES} " + " ".join(["[1] Doe J et al., 2018"] * 10)
    assert slide_lengths([Said(1, "T", notes, "Main")], SOURCES, 60, 180)


@pytest.mark.parametrize(
    ("notes", "repeated_on"),
    [
        (["The trial found no benefit at all.", "Something else is said here."], []),
        (["The trial found no benefit at all.", "The  trial found NO benefit at all."], [2]),
        (["The trial found no benefit at all. The trial found no benefit at all."], [1]),
        (["No.", "No."], []),  # too short to count as a repeated sentence
    ],
)
def test_no_sentence_is_said_twice(notes: list[str], repeated_on: list[int]) -> None:
    slides = [Said(i, f"T{i}", n, "Main") for i, n in enumerate(notes, 1)]
    assert [int(m.split()[1]) for m in repeats(slides, SOURCES)] == repeated_on


@pytest.mark.parametrize(
    ("sections", "repeated_on"),
    [
        (["Main", "Backup"], []),  # a backup slide, shown to answer a question, says its findings in full
        (["Main", "Backup", "Backup"], [3]),  # but once within the backup section
        (["Main", "Main", "Backup"], [2]),
    ],
)
def test_the_backup_section_is_heard_apart(sections: list[str], repeated_on: list[int]) -> None:
    said = "The trial found no benefit at all."
    slides = [Said(i, f"T{i}", said, section) for i, section in enumerate(sections, 1)]
    assert [int(m.split()[1]) for m in repeats(slides, SOURCES)] == repeated_on


@pytest.mark.parametrize(
    ("per_slide", "low", "high", "problems"),
    [
        ((1300, 1300), 15, 22, 0),  # 2600 words at 130 a minute: 20 minutes
        ((900, 900), 15, 22, 1),  # 13.8 minutes: too short
        ((1500, 1500), 15, 22, 1),  # 23.1 minutes: too long
        ((700, 700), 10, 15, 0),
    ],
)
def test_reading_time_is_in_range_and_stated(
    per_slide: tuple[int, ...], low: float, high: float, problems: int
) -> None:
    total = sum(per_slide)
    said = [Said(i, f"T{i}", _words(n, i * 10000), "Main") for i, n in enumerate(per_slide, 1)]
    stated = f"This takes about {minutes(total, 130)} minutes."
    first = Said(1, "T1", said[0].notes + "\n" + stated, "Main")
    slides = [first, *said[1:]]
    # the stated sentence adds five words: recount as the check does
    found = reading_time(slides, SOURCES, 130, low, high)
    assert len([m for m in found if "talk.minutes" in m]) == problems
    assert not [m for m in found if "do not state" in m]


def test_a_first_slide_without_the_time_is_found() -> None:
    slides = [Said(1, "Title", _words(1300), "Main"), Said(2, "T2", _words(1300, 5000), "Main")]
    assert any("do not state" in m for m in reading_time(slides, SOURCES, 130, 15, 22))


def test_sentences_split_at_ends_and_lines() -> None:
    assert sentences("One two three. Four “five” six? Seven eight.\nNine ten") == [
        "One two three.",
        "Four “five” six?",
        "Seven eight.",
        "Nine ten",
    ]
    # a slide title's "(2 of 3)" stays with it: two continuation slides' titles are different sentences
    assert sentences("Details: What is it? (2 of 3)") == ["Details: What is it? (2 of 3)"]
    assert spoken(f"Said here.\n{SOURCES} [1] Doe", SOURCES) == "Said here."


@pytest.mark.parametrize(
    ("notes", "cites"),
    [
        ("The trial found no benefit.\nSources: [1] Doe J et al., 2018", False),
        ("The trial found no benefit [5].", True),
        ("Yang J, Zhang N, et al. found an association.", True),
        ("See doi:10.1000/xyz for the paper.", True),
        # issue 20 point 2: an author and year, a journal and year, a registry number
        ("The Canadian trial (Traboulsee and colleagues, 2018) found none.", True),
        ("The Canadian study (Traboulsee and colleagues, Lancet 2014) found it rare.", True),
        ("Traboulsee 2014 (Lancet): a blinded case-control study.", True),
        ("It was published in the Lancet 2014 issue.", True),
        ("The trial was registered as NCT01371760 in 2012.", True),
        ("Zamboni 2009 compared 65 people with MS with 235 controls.", True),  # surname from a Sources line
        ("Zamboni's 2009 study compared 65 people with MS with 235 controls.", False),
        ("In 2014, Traboulsee and colleagues tested the idea.", False),
        ("PREMiSe (2014, USA) randomized 19 people.", False),
        ("The estimate dates from March 2013, and the FDA warned in 2012.", False),
    ],
)
def test_spoken_notes_carry_no_citation_text(notes: str, cites: bool) -> None:
    other = Said(2, "T2", "Said here.\nSources: [3] Zamboni P et al., 2009; [4] Traboulsee AL et al., 2014", "Main")
    refs = Said(3, "Refs", "[1] Doe J et al., 2018.", "Backup")
    found = citations([Said(1, "T", notes, "Main"), other, refs], SOURCES)
    assert bool(found) is cites
