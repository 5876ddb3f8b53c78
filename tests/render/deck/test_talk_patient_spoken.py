"""The patient talk a neurologist gives unedited (issue 20, fourth trial), read back from the
PPTX of the shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics
with a presenter: results said as findings, each fact once, options compared in sentences, plain
words on the title slide, the reporting route on the urgent-help slide with the clinic country's
sources, the take-home messages before Questions, one name for the real procedure."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.checks.readers import read_deck
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.read.layout import load_clinic
from tests.conftest import LAYOUTS
from tests.render.deck.conftest import CLINICS, SPEAKER, render, resolve

ROUTES = {"GB": ("MHRA's Yellow Card scheme", "MedWatch"), "US": ("MedWatch", "Yellow Card")}
"""Country → (its reporting route, shown on the urgent-help slide; another country's, never)."""
REGULATOR_SOURCES = {
    "GB": ("North West Ambulance Service", "Kingston and Richmond NHS", "MHRA"),
    "US": ("US FDA (Food and Drug Administration), 2012", "US FDA (Food and Drug Administration)"),
}
"""The sources evidence.md verifies for the urgent-help slide in each country (B6, B8, section 5)."""
TREATED = ("Venous angioplasty", "Venoplasty")
"""The trials' own names for their treated arm: the patient talk shows one plain name instead."""
LABEL_COLON = re.compile(r"\w: [A-Z]")
RUN_ON = re.compile(r" and [^,]* and [^,]* and ")
"""Three "and"s with no comma between them: a list read as one run-on phrase."""


@pytest.fixture(scope="module")
def talks(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Country → the slides of that clinic's patient talk, built with ``SPEAKER`` and read back."""
    folder = tmp_path_factory.mktemp("patient-talks")
    found = {}
    for clinic, country in CLINICS.items():
        assert load_clinic(LAYOUTS, clinic).country == country
        target = folder / f"{clinic}.pptx"
        render(
            select(bundled_kb, "patient", country),
            replace(resolve("deck-patient", clinic=clinic), presenter=SPEAKER),
            target,
            "patient",
        )
        found[country] = read_deck(Path(target))
    return found


def main(slides: list) -> list:
    return [s for s in slides if s.section == slides[0].section]


def spoken(slide: object) -> str:
    return slide.notes.split("\nSources:")[0]  # type: ignore[attr-defined]


def shown(slide: object) -> list[str]:
    return ["".join(r.text for r in para.runs) for box in slide.boxes for para in box.paras]  # type: ignore[attr-defined]


def sources_line(slide: object) -> str:
    return next((line for line in shown(slide) if line.startswith("Sources:")), "")


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text.replace("\n", " ")) if s.strip()]


def titled(slides: list, start: str) -> object:
    return next(s for s in main(slides) if s.title.startswith(start))


@pytest.mark.parametrize("country", CLINICS.values())
def test_results_are_said_as_findings_with_the_group_sizes_once(talks: dict, country: str) -> None:
    """Point 1: no chart label read out, each trial's group sizes said once in the talk."""
    slides = main(talks[country])
    results = [s for s in slides if "no clear difference in how many people" in s.title]
    assert len(results) == 3
    said = " ".join(spoken(s) for s in results)
    assert "This slide shows one result" not in said
    assert said.count("The groups had 76 and 39 people") == 1
    assert said.count("The groups had 49 and 55 people") == 1
    assert "49 people in the" not in said  # not again in the trial's design
    assert "55 people in the" not in said
    relapse = next(s for s in results if s.title.endswith("had a relapse"))
    assert "about 10 in every 100 people in the real procedure group had a relapse, against about 11 in 100" in spoken(
        relapse
    )
    assert "In real numbers, that is 5 against 6." in spoken(relapse)


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_risks_slide_says_each_fact_once(talks: dict, country: str) -> None:
    """Point 2: the serious problems' counts once, and no aside that only names the term."""
    slide = titled(talks[country], "What are the risks?")
    said = spoken(slide)
    assert said.count("5 of 49") == 1
    assert said.count("1 of 55") == 1
    assert said.count("may be due to chance") == 1
    assert "The trial's own term" not in said
    assert any("(the groups had 49 and 55 people)" in line for line in shown(slide))


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_options_are_compared_in_spoken_sentences(talks: dict, country: str) -> None:
    """Point 3: no label read with colon and capital, no "(DMTs)", no "and ... and ... and"."""
    said = spoken(titled(talks[country], "Your options"))
    assert not LABEL_COLON.search(said), said
    assert "(" not in said
    assert "It includes disease-modifying therapies, treatment for relapses and symptoms, and rehabilitation" in said
    for sentence in sentences_of(said):
        assert not RUN_ON.search(sentence), sentence


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_title_slide_says_its_subject_in_plain_words(talks: dict, country: str) -> None:
    """Point 4: no "(venous angioplasty) for CCSVI" said to patients on slide 1."""
    notes = talks[country][0].notes
    assert "The subject of this talk is the “liberation procedure” for multiple sclerosis, and what" in notes
    assert "CCSVI" not in notes
    assert "angioplasty" not in notes


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_urgent_help_slide_shows_the_reporting_route_and_cites_its_countrys_sources(
    talks: dict, country: str
) -> None:
    """Point 5: the route on the slide, its sources the clinic country's regulator and health
    service (never the Canadian news story where those support the statement)."""
    slide = titled(talks[country], "When should I get urgent help")
    own, other = ROUTES[country]
    body = " ".join(shown(slide))
    assert own in body
    assert other not in body + slide.notes
    line = sources_line(slide)
    assert "Global News" not in line + slide.notes
    for source in REGULATOR_SOURCES[country]:
        assert source in slide.notes.split("\nSources:")[1], (source, slide.notes)
    assert re.search(r"\[\d+\]", line)


@pytest.mark.parametrize("country", CLINICS.values())
def test_take_home_messages_come_before_questions_within_fifteen_slides(talks: dict, country: str) -> None:
    """Point 7: the take-home slide in the main talk, just before Questions, at most 15 slides."""
    slides = main(talks[country])
    titles = [s.title for s in slides]
    assert len(slides) <= 15
    assert titles[-2:] == ["Take-home messages", "Questions?"]
    assert "Take-home messages" not in [s.title for s in talks[country][len(slides) :]]
    take_home = slides[-2]
    assert len([line for line in shown(take_home) if not line.startswith("Sources:")]) >= 4
    assert 60 <= len(spoken(take_home).split()) <= 180


@pytest.mark.parametrize("country", CLINICS.values())
def test_one_plain_name_for_the_real_procedure(talks: dict, country: str) -> None:
    """Point 8: the verdict table and the icon arrays name the treated groups one way."""
    slides = main(talks[country])
    for slide in slides[3:-2]:
        assert not any(line.startswith(TREATED) or f"; {TREATED[1]}" in line for line in shown(slide)), slide.title
    arrays = [line for s in slides for line in shown(s) if line.startswith("Real procedure: about ")]
    assert len(arrays) == 4  # three results and the risks


@pytest.fixture(scope="module")
def us_clinician(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> list:
    """The US (lakeside) clinician talk's main slides, read back."""
    target = tmp_path_factory.mktemp("us-clinician") / "talk.pptx"
    resolved = replace(resolve("deck-clinician", clinic="lakeside"), presenter=SPEAKER)
    render(select(bundled_kb, "clinician", "US"), resolved, target, "clinician")
    return main(read_deck(target))


def test_the_us_clinician_talk_leads_with_the_fda_and_names_nice_as_englands(us_clinician: list) -> None:
    """Point 6: the FDA first; NICE only as "England's NICE", never the bare guidance code, in
    what is shown and said; the stent-care slide cites the FDA before the Canadian news story."""
    for slide in us_clinician:
        lines = [line for line in [*shown(slide)[1:], *spoken(slide).split("\n")] if not line.startswith("Sources:")]
        for line in lines:
            for match in re.finditer(r"NICE", line):
                assert line[: match.start()].endswith("England's "), line
    regulators = titled(us_clinician, "Regulators and expert groups")
    body = [line for line in shown(regulators)[1:] if not line.startswith("Sources:")]
    assert "FDA" in body[0]
    assert all("NICE" not in line for line in body[:1])
    care = titled(us_clinician, "Patients who return after the procedure")  # the headline fits at 28 pt
    line = sources_line(care)
    assert line.index("US FDA") < line.index("Global News")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "En 2012, la FDA (la agencia de medicamentos de EE. UU.) advirtió de problemas graves. No dijo cuántos.",
            "En 2012, la FDA (la agencia de medicamentos de EE. UU.) advirtió de problemas graves.",
        ),
        ("PREMiSe was run in the USA. It was small.", "PREMiSe was run in the USA."),
        ("Proven MS treatments exist. Keep taking them.", "Proven MS treatments exist."),
    ],
)
def test_a_take_home_bullet_is_a_whole_sentence(text: str, first: str) -> None:
    """The take-home slide shows each point's first sentence: never cut inside "EE. UU."."""
    from leafdeck.render.deck.patient_said import whole

    assert whole(text)[0] == first


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_take_home_bullets_are_shown_sentences_the_notes_say(talks: dict, country: str) -> None:
    take_home = titled(talks[country], "Take-home messages")
    bullets = [line for line in shown(take_home)[1:] if not line.startswith("Sources:")]
    assert len(bullets) == 5
    said = " ".join(spoken(take_home).split())
    for bullet in bullets:
        assert bullet.endswith("."), bullet
        assert bullet.replace("**", "") in said, bullet
