"""The clinician talk follows the clinic's country (issue 20 point 2), read back from built decks
of the shipped knowledge base: its emergency number, side-effect reporting route and trial
registers on the slides and in the notes, no other country's, and its own regulator first on the
regulators' slide."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.checks.readers import read_deck
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.read.layout import load_clinic
from leafdeck.render.deck.talk_text import repeats_title
from tests.conftest import LAYOUTS
from tests.render.deck.conftest import render, resolve

OWN = {
    "GB": ("call 999", "Yellow Card", "Be Part of Research"),
    "US": ("call 911", "MedWatch", "ClinicalTrials.gov"),
    "ES": ("call 112", "NotificaPS", "euclinicaltrials.eu"),
    "NO": ("call 113", "Norwegian Medical Products Agency", "euclinicaltrials.eu"),
}
"""Each country's emergency number, reporting route and trial register (evidence.md E1, B7, B8)."""
FIRST_REGULATOR = {"GB": "NICE", "US": "FDA"}
"""Who the regulators' slide names first."""


@pytest.fixture(scope="module")
def built(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Clinic country → the slides of its clinician talk, read back from the PPTX."""
    folder = tmp_path_factory.mktemp("country-talks")
    found = {}
    for clinic in ("riverside", "lakeside", "santa-maria", "nordfjord"):
        country = load_clinic(LAYOUTS, clinic).country
        target = folder / f"{clinic}.pptx"
        render(select(bundled_kb, "clinician", country), resolve("deck-clinician", clinic=clinic), target, "clinician")
        found[country] = read_deck(Path(target))
    return found


@pytest.mark.parametrize("country", list(OWN))
def test_the_talk_names_its_own_countrys_routes_and_no_other(built: dict[str, list], country: str) -> None:
    said = "\n".join(f"{s.text}\n{s.notes}" for s in built[country]).replace("\u00a0", " ")  # "call\u00a0999"
    for words in OWN[country]:
        assert words in said, (country, words)
    others = {w for c, ws in OWN.items() if c != country for w in ws} - set(OWN[country])
    named = [w for w in others if w in said]
    assert not named, f"a {country} clinic's talk names {named}"


@pytest.mark.parametrize(("country", "first"), list(FIRST_REGULATOR.items()))
def test_the_regulators_slide_names_the_clinics_regulator_first(
    built: dict[str, list], country: str, first: str
) -> None:
    """On screen: the notes say the clinic country's regulator once, where the talk first names
    it (a UK talk's notice slide, before the FDA: test_talk_said), so the regulators' slide shows
    it first without saying it again."""
    slide = next(s for s in built[country] if s.title.startswith("Regulators"))
    names = {name: slide.text.find(name) for name in FIRST_REGULATOR.values()}
    assert min((at, name) for name, at in names.items() if at >= 0)[1] == first, slide.text


def test_the_care_after_slide_is_a_main_slide(built: dict[str, list]) -> None:
    for country, slides in built.items():
        main = [s for s in slides if s.section == slides[0].section]
        care = [s for s in main if "stent" in s.title and ("blood thinners" in s.title or "blood-thinner" in s.title)]
        assert len(care) == 1, country
        assert len(main) <= 20


@pytest.mark.parametrize(
    ("text", "heading", "repeats"),
    [
        (
            "Published on 31 May 2019, it included three trials: PREMiSe, Brave Dreams and the Canadian trial.",
            "Cochrane 2019 found three eligible sham-controlled RCTs: PREMiSe, Brave Dreams and the Canadian trial.",
            True,
        ),
        (
            "The review brought together the three sham-controlled trials of the procedure in one place.",
            "Cochrane 2019 found three eligible sham-controlled RCTs: PREMiSe, Brave Dreams and the Canadian trial.",
            False,
        ),
        ("No serious adverse events in either arm.", "Brave Dreams (n=115): safe but did not improve function.", False),
        ("", "Any title", False),
    ],
)
def test_a_paragraph_repeating_its_title_is_recognised(text: str, heading: str, repeats: bool) -> None:
    assert repeats_title(text, heading) is repeats


def test_no_main_slide_body_repeats_its_title(built: dict[str, list]) -> None:
    for country, slides in built.items():
        for slide in slides[1:]:
            if slide.section != slides[0].section:
                continue
            body = ["".join(r.text for r in para.runs) for box in slide.boxes for para in box.paras]
            echoes = [line for line in body if line != slide.title and repeats_title(line, slide.title)]
            assert not echoes, (country, slide.number, slide.title, echoes)


REPORTING = {"GB": "Yellow Card", "US": "MedWatch", "ES": "NotificaPS", "NO": "Norwegian Medical Products Agency"}
"""Each country's side-effect reporting route, as the patient talk names it (evidence.md B8)."""


@pytest.fixture(scope="module")
def patient_built(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Clinic country → the slides of its patient talk, read back from the PPTX."""
    folder = tmp_path_factory.mktemp("country-patient-talks")
    found = {}
    for clinic in ("riverside", "lakeside"):
        country = load_clinic(LAYOUTS, clinic).country
        target = folder / f"{clinic}.pptx"
        render(select(bundled_kb, "patient", country), resolve("deck-patient", clinic=clinic), target, "patient")
        found[country] = read_deck(Path(target))
    return found


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_patient_talks_urgent_help_says_how_to_report_in_its_country(
    patient_built: dict[str, list], country: str
) -> None:
    """Issue 20 point 5: the patient talk's urgent-help slide says, in its notes and in the main
    section, the clinic's country's reporting route and no other country's."""
    slides = patient_built[country]
    main = [s for s in slides if s.section == slides[0].section]
    urgent = next(s for s in main if "urgent help" in s.title)
    assert REPORTING[country] in urgent.notes
    said = "\n".join(f"{s.text}\n{s.notes}" for s in slides)
    assert not [route for c, route in REPORTING.items() if c != country and route in said]


def test_a_us_patient_talk_names_no_english_body_in_its_main_part(patient_built: dict[str, list]) -> None:
    """Issue 20 point 5: the US patient talk's main part says nothing of "England's NICE" (the
    script's advice is worded for any country)."""
    slides = patient_built["US"]
    main = [s for s in slides if s.section == slides[0].section]
    lines = "\n".join(f"{s.text}\n{s.notes}" for s in main).split("\n")
    said = "\n".join(line for line in lines if not line.startswith("Sources:"))  # the references may be any country's
    assert "England" not in said
    assert "NICE" not in said
