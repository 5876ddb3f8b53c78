"""Notes a neurologist would still reword (issue 20, sixth round), read back from the PPTX of the
shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics: the
authors' "safe" and NICE's "not safe" heard in order, figures explained before their numbers."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from leafdeck.read.labels import load_labels
from leafdeck.render.deck.patient_said import take_home_said
from tests.render.deck.test_talk_spoken import decks, main

REPO = Path(__file__).resolve().parents[3]

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


BARE_NICE = re.compile(r"(?<!England's )(?<!England’s )\bNICE\b(?! \()")
"""NICE named without its country (a reference's own title, "... Excellence (NICE)", aside)."""


def spoken_lines(slide: object) -> list[str]:
    """A slide's shown text and notes, less its Sources line and the reference list."""
    text = f"{slide.text}\n{slide.notes}"  # type: ignore[attr-defined]
    if slide.title.startswith("References"):  # type: ignore[attr-defined]
        return []
    return [line for line in text.split("\n") if not line.startswith("Sources:")]


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_a_us_talk_never_names_nice_without_its_country(decks: dict, audience: str) -> None:
    bare = [(s.number, line) for s in decks[("US", audience)] for line in spoken_lines(s) if BARE_NICE.search(line)]
    assert not bare, bare


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_trials_table_gives_each_trials_own_result(decks: dict, country: str) -> None:
    """The clinician trials table's result cells carry the trials' conclusions, no NICE remark."""
    slide = titled(decks[(country, "clinician")], "The procedure was tested")
    assert "Brave Dreams" in slide.text, slide.text  # type: ignore[attr-defined]
    assert "Safe but largely ineffective" in slide.text, slide.text  # type: ignore[attr-defined]
    assert "NICE" not in slide.text, slide.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("country", "start", "lead"),
    [
        (country, start, lead)
        for country in ("GB", "US")
        for start, lead in [
            ("PREMiSe", "The chart shows new active brain lesions on MRI in the PREMiSe trial, over 6 months."),
            (
                "Brave Dreams",
                "The chart shows whether people improved on a combined function test in the Brave Dreams trial, "
                "over 12 months.",
            ),
            ("Canadian", "The chart shows the change in physical quality of life score in the Canadian trial"),
        ]
    ],
)
def test_a_clinician_result_slide_opens_with_its_outcome_said(decks: dict, country: str, start: str, lead: str) -> None:
    """Slides 7 to 9 open by saying what the chart measures, never its label read after a colon."""
    notes = titled(decks[(country, "clinician")], start).notes  # type: ignore[attr-defined]
    assert notes.startswith(lead), notes[:160]


FIGURE = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)?(?![\w-])")
PER_HUNDRED = re.compile(r"\bin (?:every )?100\b")
"""A natural frequency's "in 100" is its unit, not a further figure to hold in mind."""


def crowded(notes: str) -> list[str]:
    """The spoken sentences of ``notes`` that say more than two figures."""
    spoken = [line for line in notes.split("\n") if not line.startswith("Sources:")]
    parts = [p for line in spoken for p in re.split(r"(?<=[.;?!])\s+", line)]
    return [p for p in parts if len(FIGURE.findall(PER_HUNDRED.sub("", p))) > 2]


@pytest.mark.parametrize(
    ("country", "start"),
    [(c, s) for c in ("GB", "US") for s in ("Blinded venography", "Brave Dreams", "Demand outpaced")],
)
def test_a_clinician_slide_says_at_most_two_figures_a_sentence(decks: dict, country: str, start: str) -> None:
    notes = titled(decks[(country, "clinician")], start).notes  # type: ignore[attr-defined]
    assert not crowded(notes), crowded(notes)


@pytest.mark.parametrize(
    ("start", "first", "then"),
    [
        # the number is said before it is called the team's estimate
        ("Demand outpaced", "about 30,000 people", "University at Buffalo team's own estimate"),
        # the 2014 study is introduced by name before its result
        ("Blinded venography", "Traboulsee's study in Canada", "CCSVI turned up in only"),
    ],
)
def test_clinician_notes_introduce_before_they_refer(decks: dict, start: str, first: str, then: str) -> None:
    for country in ("GB", "US"):
        notes = titled(decks[(country, "clinician")], start).notes  # type: ignore[attr-defined]
        assert first in notes, notes
        assert then in notes, notes
        assert notes.index(first) < notes.index(then), notes


@pytest.mark.parametrize(
    "unsaid",
    [
        "which is no evidence of benefit",  # slide 10's non sequitur
        "Doppler-positive participants",  # abstract style read out (slide 4)
        "reportedly showed severe extracranial stenoses",
    ],
)
def test_clinician_notes_leave_abstract_phrasing_unsaid(decks: dict, unsaid: str) -> None:
    for country in ("GB", "US"):
        said = "\n".join(s.notes for s in main(decks[(country, "clinician")]))
        assert unsaid not in said, unsaid


def notes_words(notes: str) -> int:
    return len(notes.split())


@pytest.mark.parametrize(
    ("country", "route"), [("GB", "Yellow Card to the MHRA"), ("US", "to the FDA through MedWatch")]
)
def test_the_questions_slide_names_the_countrys_route_within_200_words(decks: dict, country: str, route: str) -> None:
    """Slide 16: the asking said once, each question then read from the slide; the clinic's own
    reporting route named; at most 200 words with its Sources line."""
    notes = titled(decks[(country, "clinician")], "Patients bring these questions").notes  # type: ignore[attr-defined]
    assert notes.count("Patients often ask") == 1, notes
    assert "also ask" not in notes, notes
    assert route in notes, notes
    assert "national scheme" not in notes, notes
    assert notes_words(notes) <= 200, notes_words(notes)


@pytest.mark.parametrize("key", [(c, a) for c in ("GB", "US") for a in ("clinician", "patient")])
def test_no_talk_says_the_procedures_trade_name_or_a_verbless_pair(decks: dict, key: tuple[str, str]) -> None:
    said = "\n".join(s.notes for s in decks[key])
    assert "transvascular autonomic modulation" not in said.casefold()
    assert "PREMiSe, no complications" not in said


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_clinician_harms_slide_sums_up_its_list_rather_than_reading_it(decks: dict, country: str) -> None:
    """Slide 13 shows the FDA's list; its notes say its range, not each item (at most 3 commas a sentence)."""
    notes = titled(decks[(country, "clinician")], "Serious complications").notes  # type: ignore[attr-defined]
    spoken = [line for line in notes.split("\n") if not line.startswith("Sources:")]
    parts = [p for line in spoken for p in re.split(r"(?<=[.?!])\s+", line)]
    assert "ranged from death and stroke to abdominal bleeding" in notes, notes
    assert all(p.count(",") <= 3 for p in parts), [p for p in parts if p.count(",") > 3]


def test_a_reminder_is_shorter_than_what_it_recalls(decks: dict) -> None:
    """GB slide 15 recalls slide 3's NICE line by its main clause, not word for word."""
    slides = main(decks[("GB", "clinician")])
    first = titled(slides, "Not an approved treatment").notes.split("\n")[0]  # type: ignore[attr-defined]
    reminder = next(
        line
        for line in titled(slides, "Regulators").notes.split("\n")
        if line.startswith("As I said earlier")  # type: ignore[attr-defined]
    )
    recalled = reminder.split(", ", 1)[1]  # the item's own short pointer (seventh round)
    assert recalled == "NICE advises against it.", reminder
    assert len(recalled) < len(first), (first, recalled)


@pytest.mark.parametrize("country", ["GB", "US"])
@pytest.mark.parametrize("word", ["venoplasty", "adverse event"])
def test_the_patient_talk_proper_says_no_clinician_word(decks: dict, country: str, word: str) -> None:
    said = "\n".join(s.notes for s in main(decks[(country, "patient")]))
    assert word not in said.casefold(), word


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_patient_care_plan_backup_says_two_figures_a_sentence(decks: dict, country: str) -> None:
    slide = next(s for s in decks[(country, "patient")] if s.title.startswith("Details: Stay with your current"))
    assert "ocrelizumab" in slide.notes, slide.notes
    assert not crowded(slide.notes), crowded(slide.notes)


@pytest.mark.parametrize("title", ["el «procedimiento de liberación» para la esclerosis múltiple", "la CCSVI"])
def test_the_spanish_cover_sentence_needs_no_contraction(title: str) -> None:
    """Never "trata de el ...": the Spanish label says "trata sobre", which takes any article."""
    said = load_labels(REPO / "sources", "es").words["deck_cover_said_patient"].format(title=title)
    assert title in said, said
    assert not re.search(r"\bde el\b", said), said


@pytest.mark.parametrize("country", ["GB", "US"])
def test_backup_results_are_said_without_brackets_or_one_template(decks: dict, country: str) -> None:
    """Backup trial slides: a p-value said as a clause, never "(p equals 0.062)"; two results in
    a row never both opened with "As for"."""
    for slide in decks[(country, "clinician")]:
        lines = [line for line in slide.notes.split("\n") if not line.startswith("Sources:")]
        assert "(p equals" not in slide.notes, (slide.number, slide.notes)
        assert "(p =" not in slide.notes, (slide.number, slide.notes)
        for one, two in pairwise(lines):
            assert not (one.startswith("As for") and two.startswith("As for")), (slide.number, one, two)


@pytest.mark.parametrize(
    ("points", "limit", "said"),
    [
        # every first sentence, then second sentences in turn before any third
        ([["A b.", "C d e f.", "G h i j."], ["K l.", "M n."]], 10, ["A b. C d e f.", "K l. M n."]),
        ([["A b.", "C d e f.", "G h."], ["K l.", "M n."]], 12, ["A b. C d e f. G h.", "K l. M n."]),
        # too little room: the first sentences alone
        ([["A b.", "C d e f."], ["K l.", "M n."]], 4, ["A b.", "K l."]),
    ],
)
def test_take_home_extras_are_said_in_rounds(points: list[list[str]], limit: int, said: list[str]) -> None:
    assert take_home_said(points, limit) == said


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_patient_take_home_keeps_the_practical_advice_within_200_words(decks: dict, country: str) -> None:
    notes = titled(decks[(country, "patient")], "Take-home").notes  # type: ignore[attr-defined]
    assert "Keep taking your MS treatment" in notes, notes
    assert len(notes.split()) <= 200, len(notes.split())


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_premise_notes_point_to_nothing_still_to_come(decks: dict, country: str) -> None:
    notes = titled(decks[(country, "clinician")], "PREMiSe").notes  # type: ignore[attr-defined]
    assert "Once the analysis was adjusted" in notes, notes
    assert "that follow" not in notes, notes
