"""Notes read aloud unedited (issue 20, fifth round), read back from the PPTX of the shipped
knowledge base built for the GB (riverside) and US (lakeside) example clinics with a presenter:
each main slide says its own lines, the trials are introduced as speech, patients hear no
clinician words, and backup notes are worth reading."""

from __future__ import annotations

import pytest

from leafdeck.plan.spoken import has_main_verb, has_verb, measure_form, without_p_values
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
        ("GB", ("As I said earlier, NICE advises against it.", "MHRA", "Yellow Card"), ()),
        ("US", ("investigational device exemption",), ("MHRA",)),
    ],
)
def test_the_regulation_slide_says_its_own_lines(
    decks: dict, country: str, named: tuple[str, ...], unnamed: tuple[str, ...]
) -> None:
    """The UK slide shows NICE's line the notice slide said first: its notes remind the room of it
    in a few words (seventh round: a pointer, not slide 3's sentence) and say the MHRA's Yellow
    Card route."""
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


@pytest.mark.parametrize(
    ("label", "form"),
    [
        ("Improved on a combined function test", "whether"),
        ("Had a relapse", "whether"),
        ("met CCSVI criteria on a vein X-ray", "whether"),
        ("Change in physical quality of life score", "the"),
        ("new active brain lesions on MRI", "plain"),
        ("Combined MRI lesions", "plain"),
        ("Relapses", "plain"),
        ("Venous outflow restored", "plain"),
    ],
)
def test_an_outcome_label_is_named_as_speech(label: str, form: str) -> None:
    assert measure_form(label) == form


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_trials_are_introduced_in_turn_without_quoted_labels(decks: dict, country: str) -> None:
    """Clinician slide 6: three trials, each in its turn, the main measure named, never quoted."""
    slide = next(s for s in main(decks[(country, "clinician")]) if s.title.startswith("The procedure was tested"))
    lines = spoken(slide.notes, "Sources:").split("\n")
    assert [x.split(" the ", 1)[0] for x in lines] == ["First,", "Next,", "Finally,"], lines
    assert not any(q in slide.notes for q in '“”"'), slide.notes
    assert all("Its main measure was " in x for x in lines)


CLINICIAN_WORDS = ("T2", "statistically significant", "MSQOL-54", "peri-procedural", "(TVAM)", "−0.8", "-0.8")
"""Words of the clinician register a patient must not hear (issue 20, fifth round, point 3)."""


@pytest.mark.parametrize("country", CLINICS.values())
@pytest.mark.parametrize("word", CLINICIAN_WORDS)
def test_patients_hear_no_clinician_words(decks: dict, country: str, word: str) -> None:
    """Main and backup slides of the patient talk."""
    heard = [(s.number, x) for s in decks[(country, "patient")] for x in said(s.notes) if word in x]
    assert not heard


@pytest.mark.parametrize(
    ("notes", "to_patients"),
    [
        (
            "That difference was not significant, with a p-value of 0.062. It was small.",
            "That difference was not significant. It was small.",
        ),
        ("Relapses: 4 against 1 (p = 0.389). That could be chance.", "Relapses: 4 against 1. That could be chance."),
        ("The p-value was 0.95. Neither group did better.", "Neither group did better."),
        ("The p-values were 0.62 for disability and 1.0 for relapses.", ""),
        ("Cette différence n'était pas nette, avec une valeur p de 0,062.", "Cette différence n'était pas nette."),
        ("Los valores p fueron 0,62 para la discapacidad. Fue poco.", "Fue poco."),
        ("También eso podría ser el azar, con un valor p de 0,389.", "También eso podría ser el azar."),
        ("The groups had 76 and 39 people, over 12 months.", "The groups had 76 and 39 people, over 12 months."),
        ("In 2012 the FDA listed problems, with no figures.", "In 2012 the FDA listed problems, with no figures."),
    ],
)
def test_p_values_are_left_out_for_patients_in_any_language(notes: str, to_patients: str) -> None:
    assert without_p_values(notes) == to_patients


def backup(slides: list) -> list:
    return [s for s in slides if s.section != slides[0].section and not s.title.startswith("References")]


@pytest.mark.parametrize("key_", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_backup_notes_are_worth_reading(decks: dict, key_: tuple[str, str]) -> None:
    """No "Here is X in full", no lone p-value sentence, no "the figures were" for one number, no
    "Not statistically significant; ..." label, no line ending in a colon, no sentence twice."""
    for slide in backup(decks[key_]):
        lines = spoken(slide.notes, "Sources:").split("\n")
        heard = said(slide.notes)
        assert not [x for x in heard if x.startswith("Here is")], slide.number
        assert not [x for x in heard if x.startswith(("The p-value was", "The p-values were"))], slide.number
        assert not [x for x in heard if x.startswith("Not statistically significant;")], slide.number
        assert not [x for x in lines if x.rstrip().endswith(":")], (slide.number, lines)
        for x in heard:
            if "the figures were" in x:
                values = x.split("the figures were", 1)[1]
                assert " and " in values, (slide.number, x)
        keys = [key(x) for x in heard if repeated(x)]
        assert len(keys) == len(set(keys)), (slide.number, heard)


@pytest.mark.parametrize("country", CLINICS.values())
def test_a_backup_slide_points_to_the_findings_the_talk_said(decks: dict, country: str) -> None:
    """The clinician talk's trial backup slides: the findings' notes said on the main slides are
    not read again; one pointer names the trial instead."""
    slides = backup(decks[(country, "clinician")])
    main_heard = {key(x) for s in main(decks[(country, "clinician")]) for x in said(s.notes) if repeated(x)}
    pointers = [s for s in slides if "earlier in the talk;" in s.notes]
    assert {"PREMiSe", "Brave Dreams", "Canadian trial"} <= {
        w for s in pointers for w in ("PREMiSe", "Brave Dreams", "Canadian trial") if w in s.notes
    }
    for slide in slides:
        copied = [x for x in said(slide.notes) if repeated(x) and key(x) in main_heard]
        assert len(copied) <= 1, (slide.number, copied)


@pytest.mark.parametrize(
    ("country", "named", "unnamed"),
    [("GB", ("The US FDA has not approved", "Here in the UK, England's NICE"), ()), ("US", ("The US FDA",), ("NICE",))],
)
def test_the_patient_talk_names_the_own_regulator_and_not_the_publisher(
    decks: dict, country: str, named: tuple[str, ...], unnamed: tuple[str, ...]
) -> None:
    slides = decks[(country, "patient")]
    disclosures = next(s for s in slides if s.title == "Disclosures")
    assert "leafdeck" not in disclosures.notes
    assert "the material shown today had no external funding." in disclosures.notes
    what = next(s for s in main(slides) if s.title.startswith("What is the"))
    notes = " ".join(said(what.notes))
    for words in named:
        assert words in notes, (country, words)
    for words in unnamed:
        assert words not in notes, (country, words)


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_patient_talk_says_once_that_the_authors_called_it_safe(decks: dict, country: str) -> None:
    slide = next(s for s in main(decks[(country, "patient")]) if s.title.startswith("Brave Dreams"))
    notes = " ".join(said(slide.notes))
    assert notes.count("safe but largely ineffective") == 1
    assert "called the procedure safe" not in notes


@pytest.mark.parametrize("country", CLINICS.values())
def test_a_label_left_to_the_chart_is_read_back_from_the_chart(decks: dict, country: str) -> None:
    """The patient backup slide of the Canadian trial shows "(MSQOL-54)" in its chart's category,
    which ``check --outputs`` reads (OUT-001 coverage), and does not read it out."""
    slide = next(s for s in decks[(country, "patient")] if s.title.startswith("Canadian trial, 2018"))
    assert "MSQOL-54" in slide.text
    assert "MSQOL" not in spoken(slide.notes, "Sources:")


@pytest.mark.parametrize(
    ("sentence", "verb", "main_verb"),
    [
        ("Blood clots, and damage to the treated vein.", True, False),
        ("Damage to nerves that come straight from the brain, and bleeding in the belly.", True, False),
        ("Stents coming loose and moving out of place.", False, False),
        ("The FDA gave no figures for how many people were affected.", True, True),
        ("Patients treated abroad reported more problems.", True, True),
        ("These can be signs of a blood clot in the lungs.", True, True),
        ("The trial that ended early was small.", True, True),
    ],
)
def test_a_verb_of_the_sentence_is_told_from_one_in_a_clause(sentence: str, verb: bool, main_verb: bool) -> None:
    """``spoken.has_verb`` (any verb-like word, unchanged) against ``has_main_verb`` (not one in a
    relative clause, nor an "-ed" adjective after a determiner)."""
    assert has_verb(sentence) is verb
    assert has_main_verb(sentence) is main_verb
