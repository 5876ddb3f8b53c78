"""Notes a neurologist says as written (issue 20, third trial), read back from the PPTX of the
shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics with a
presenter: no fragment in the clinician talk's notes, questions said as speech, no spoken form on
screen, backup notes said rather than read, the UK regulator first in a UK talk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan.spoken import fragment, known_fragment
from leafdeck.plan.spoken import sentences as spoken_sentences
from leafdeck.plan.variants import select
from leafdeck.render.deck.script import sentences, spoken
from tests.render.deck.conftest import render, resolve
from tests.render.deck.test_talk_spoken import CLINICS, decks, main

__all__ = ["decks"]  # the module-scoped fixture of test_talk_spoken: the four talks, built once

SAID_ON_SCREEN = re.compile(r"\b[pn] (?:equals|less than) \d|\bp-value of\b")
"""The spoken forms ``script.aloud`` writes into notes ("p equals 1.0"): never on a slide."""


@pytest.mark.parametrize(
    ("text", "said_apart"),
    [
        (
            "Data were available for 171 people. p = 0.15 MS versus siblings.",
            ["Data were available for 171 people.", "p = 0.15 MS versus siblings."],
        ),
        ("Patients ask “Is it real?” No: it is not.", ["Patients ask “Is it real?”", "No: it is not."]),
    ],
)
def test_notes_are_split_into_sentences_at_a_p_value_and_after_a_quoted_question(
    text: str, said_apart: list[str]
) -> None:
    assert spoken_sentences(text) == said_apart


def backup(slides: list) -> list:
    return [s for s in slides if s.section != slides[0].section]


def said(notes: str) -> list[str]:
    return sentences(spoken(notes, "Sources:"))


@pytest.mark.parametrize(
    ("sentence", "is_fragment", "known"),
    [
        ("No peri-procedural complications.", True, True),
        ("No reduction in mean new combined MRI lesions at 12 months.", True, True),
        ("No other endpoint differed.", False, False),
        ("Hence randomized, double-blind, sham-controlled designs, in which neither knew.", True, True),
        ("Serious adverse events: 5 of 49 (10%) after venoplasty versus 1 of 55 (2%) after sham.", True, True),
        ("Over 50% narrowing in 66–74% of each group, so not specific to MS.", True, False),
        ("Cranial nerve damage; abdominal bleeding.", True, False),
        ("Venographic CCSVI: 1/65 (MS), 1/46 (siblings), 1/32 (unrelated controls); p=1.0.", True, True),
        ("Over 50% narrowing of any major vein: 48/65 (74%) MS, 31/47 (66%) siblings.", True, True),
        ("There were no complications around the time of the procedure.", False, False),
        ("Patients often ask “Is CCSVI real?”", False, False),
        ("The FDA classes these device studies as significant-risk studies.", False, False),
    ],
)
def test_a_fragment_is_recognised(sentence: str, is_fragment: bool, known: bool) -> None:
    assert fragment(sentence) is is_fragment
    assert known_fragment(sentence) is known


@pytest.mark.parametrize("country", CLINICS.values())
def test_every_sentence_of_the_clinician_talk_has_a_verb(decks: dict, country: str) -> None:
    found = [(s.number, x) for s in main(decks[(country, "clinician")]) for x in said(s.notes) if fragment(x)]
    assert not found


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_patient_talk_says_no_fragment_but_a_question(decks: dict, country: str) -> None:
    """The patient talk's main slides (English): a sentence without a verb is only a question put
    to the room ("What about harms?"), never a slide line's shape ("No X.", "Label: 5 of 49")."""
    said_ = [(s.number, x) for s in main(decks[(country, "patient")]) for x in said(s.notes)]
    assert not [(n, x) for n, x in said_ if known_fragment(x)]
    assert not [(n, x) for n, x in said_ if fragment(x) and not x.endswith("?")]


@pytest.mark.parametrize("key", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_no_slide_shows_the_spoken_form(decks: dict, key: tuple[str, str]) -> None:
    """Every slide, main and backup, body and tables: "p=1.0" on screen, "p equals 1.0" said."""
    shown = [(s.number, m.group(0)) for s in decks[key] for m in SAID_ON_SCREEN.finditer(s.text)]
    assert not shown


@pytest.mark.parametrize("country", CLINICS.values())
def test_questions_patients_bring_are_said_as_speech(decks: dict, country: str) -> None:
    notes = "\n".join(s.notes for s in decks[(country, "clinician")])
    assert "If asked" not in notes
    assert ", say:" not in notes
    heard = said(notes)
    assert "Patients often ask “Is CCSVI real?”" in heard
    # each further question read from the slide, then its answer (issue 20, sixth round)
    asked = re.findall(r"^“[^”]*\?” [A-Z]", notes, re.MULTILINE)
    assert len(asked) >= 3, asked
    assert "Patients also ask" not in notes


@pytest.mark.parametrize("key", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_backup_notes_are_said_not_read(decks: dict, key: tuple[str, str]) -> None:
    """No group sizes read out, no stacked or doubled brackets, no search dates, no reference list."""
    for slide in backup(decks[key]):
        text = " ".join(said(slide.notes))
        assert "n equals" not in text, (slide.number, text)
        assert not re.search(r"\) \(", text), (slide.number, text)
        assert not re.search(r"\b(\d{4}) \(\1\)", text), (slide.number, text)
        assert "searches to" not in text, (slide.number, text)
        assert not re.search(r"^\[\d+\]", slide.notes, re.M), (slide.number, slide.notes)
        if key[1] == "patient":
            assert "p equals" not in text, (slide.number, text)
            assert "p-value" not in text, (slide.number, text)


@pytest.mark.parametrize("key", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_the_references_are_named_in_one_sentence(decks: dict, key: tuple[str, str]) -> None:
    refs = [s for s in decks[key] if s.title.startswith("References")]
    assert refs
    assert refs[0].notes.startswith("The full references are on these slides;")
    assert all("et al" not in s.notes for s in refs)


def test_a_uk_talk_names_the_uk_regulator_before_the_fda(decks: dict) -> None:
    notice = {
        c: next(s for s in decks[(c, "clinician")] if s.title == "Not an approved treatment") for c in ("GB", "US")
    }
    gb = notice["GB"].text
    assert "NICE IPG640" in gb
    assert gb.index("NICE IPG640") < gb.index("The US FDA has not approved")
    assert said(notice["GB"].notes)[0].startswith("NICE's current advice, IPG640,")
    assert "NICE" not in notice["US"].text
    assert said(notice["US"].notes)[0].startswith("The US FDA has not approved")


@pytest.mark.parametrize("key", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_every_source_line_names_its_references_in_one_form(decks: dict, key: tuple[str, str]) -> None:
    """ "[7] Siddiqui AH et al., 2014" on every slide, never bare "[1], [17]" (a line too long for
    its box names the first and how many more the references list holds)."""
    lines = [
        (s.number, "".join(r.text for p in box.paras for r in p.runs))
        for s in decks[key]
        for box in s.boxes
        if box.name == "Citation"
    ]
    assert len(lines) >= 10
    for number, line in lines:
        assert line.startswith("Sources: ["), (number, line)
        assert not re.search(r"\[\d+\](?:,|$| and)", line), (number, line)
        assert all(re.match(r"\[\d+\] \w", part) for part in line.removeprefix("Sources: ").split("; ") if "[" in part)


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_material_is_introduced_to_colleagues_as_sentences(decks: dict, country: str) -> None:
    """Slide 2 of the clinician talk: the material's funding in a sentence, no form label, and
    not the publisher's name read from the governance form ("The leafdeck project made ...")."""
    notes = next(s for s in decks[(country, "clinician")] if s.title == "Disclosures").notes
    assert "the material shown today had no external funding." in notes
    assert "Funding:" not in notes
    assert "Conflicts of interest:" not in notes
    assert "leafdeck" not in notes


def test_a_series_with_one_planned_label_still_shows_its_other_values(
    bundled_kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Backup chart of the 2014 vein-narrowing study: the unrelated group's "≈70%" is a planned
    label; its 3% bar keeps its value label (a series' own labels show values, as the plot's do)."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    target = tmp_path / "talk.pptx"
    render(select(bundled_kb, "clinician", "GB"), resolve("deck-clinician", clinic="riverside"), target, "clinician")
    own = [
        series
        for slide in Presentation(str(target)).slides
        for shape in slide.shapes
        if shape.has_chart
        for series in shape.chart.plots[0].series
        if series._element.find(qn("c:dLbls")) is not None
    ]
    assert own  # the chart with a planned "≈" label is in the deck
    for series in own:
        labels = series._element.find(qn("c:dLbls"))
        assert labels.find(qn("c:showVal")).get("val") == "1", series.name
        assert labels.find(qn("c:numFmt")) is not None
