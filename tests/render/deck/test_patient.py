"""The patient talk as a talk (issue 20 point 6), planned for the GB and US example clinics:
what its main slides show and what the presenter says, read from the slide plan."""

from __future__ import annotations

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.render.deck.plan import plan
from leafdeck.render.deck.sections import word_count
from leafdeck.render.deck.spec import SlideSpec
from leafdeck.render.deck.visuals import FigureSpec, IconsSpec, TableSpec
from tests.render.deck.conftest import resolve, talk_outline

MOST_SLIDES = 15
"""Main slides, the closing Questions slide included (issue 20 point 6)."""
VERDICT_BY = 4
"""The trials' verdict is shown on this slide or before it (1-based)."""
WORDS = (60, 180)
"""Spoken words on each content slide (not the title, disclosures or Questions slides)."""
MINUTES = (10, 15)
"""The whole main section at 130 words a minute."""
EMERGENCY = {"riverside": ("999", "911"), "lakeside": ("911", "999")}
"""Clinic → (its emergency number, another country's that must not appear)."""


@pytest.fixture(scope="module", params=sorted(EMERGENCY))
def talk(request: pytest.FixtureRequest, bundled_kb: KnowledgeBase) -> tuple[str, list[SlideSpec], KnowledgeBase]:
    """(clinic, the patient talk's main slides, the knowledge base as its audience sees it)."""
    resolved = resolve("deck-patient", clinic=request.param)
    kb = select(bundled_kb, "patient", resolved.clinic.country or "international")
    slides = plan(talk_outline(kb, resolved, "patient"), resolved)
    main = [s for s in slides if s.section == resolved.layout.words.section_main]
    return request.param, main, kb


def _shown(slide: SlideSpec) -> str:
    return " ".join(p.text for p in slide.body.paras)


def _spoken(slide: SlideSpec) -> str:
    return slide.notes.split("\nSources:")[0]


def test_at_most_fifteen_main_slides_ending_with_questions(talk: tuple) -> None:
    _, main, _ = talk
    assert len(main) <= MOST_SLIDES
    assert main[-1].title.startswith("Questions")


def test_the_verdict_comes_early_over_the_three_trials(talk: tuple) -> None:
    _, main, _ = talk
    tables = [i for i, s in enumerate(main, 1) if isinstance(s.visual, TableSpec)]
    assert tables
    assert tables[0] <= VERDICT_BY
    verdict = main[tables[0] - 1]
    assert "None found that it helped" in verdict.title
    assert isinstance(verdict.visual, TableSpec)
    assert len(verdict.visual.rows) == 3


def test_the_procedure_is_shown_with_the_veins_diagram(talk: tuple) -> None:
    _, main, kb = talk
    figures = [s for s in main if isinstance(s.visual, FigureSpec)]
    assert len(figures) == 1
    figure = figures[0].visual
    assert isinstance(figure, FigureSpec)
    assert figure.alt_text == " ".join(kb.diagram.alt.split())
    assert [label.text for label in figure.labels][:2] == ["Jugular veins (neck)", "Azygos vein (chest)"]
    assert kb.diagram.alt.split()[0] not in _spoken(figures[0]).split()[:1]  # notes are not the alt text


def test_one_icon_array_a_slide_and_the_chance_caveat_once(talk: tuple) -> None:
    _, main, _ = talk
    arrays = [s for s in main if isinstance(s.visual, IconsSpec)]
    assert len(arrays) >= 3
    assert len({s.title for s in arrays}) == len(arrays)
    assert all(len(s.visual.arms) == 2 for s in arrays if isinstance(s.visual, IconsSpec))
    caveat = "may be due to chance"
    results = [s for s in main if s.title != "What are the risks?"]  # the harms carry their own (issue 19)
    assert sum(caveat in _shown(s) for s in results) == 1
    assert sum(_spoken(s).count(caveat) for s in results) == 1
    assert all("Icon arrays of 100 figures" not in _spoken(s) for s in main)


def test_the_risks_slide_shows_the_serious_problems_in_numbers(talk: tuple) -> None:
    _, main, _ = talk
    slide = next(s for s in main if s.title == "What are the risks?")
    assert isinstance(slide.visual, IconsSpec)
    assert [a.filled for a in slide.visual.arms] == [10, 2]
    assert "5 of 49" in _spoken(slide)


def test_the_three_options_of_the_leaflets(talk: tuple) -> None:
    _, main, kb = talk
    slide = next(s for s in main if s.title == "Your options")
    top = [p.text for p in slide.body.paras if p.level == 0]
    gridded = {c.option for row in kb.option_grid for c in row.cells}
    assert len(top) == 3 == len(gridded)


@pytest.mark.parametrize("part", ["body", "notes"])
def test_urgent_help_gives_the_clinics_emergency_number(talk: tuple, part: str) -> None:
    clinic, main, _ = talk
    own, other = EMERGENCY[clinic]
    slide = next(s for s in main if s.title.startswith("When should I get urgent help"))
    text = _shown(slide) if part == "body" else _spoken(slide)
    assert own in text
    assert other not in " ".join(_shown(s) + _spoken(s) for s in main)


def test_keep_taking_your_ms_medicine_before_the_questions_slide(talk: tuple) -> None:
    _, main, _ = talk
    said = [i for i, s in enumerate(main) if "Keep taking your MS medicine" in _shown(s)]
    assert said
    assert said[0] < len(main) - 1


def test_notes_are_a_script_of_the_right_length(talk: tuple) -> None:
    _, main, _ = talk
    content = main[2:-1]  # after the title and disclosures, before Questions
    counts = {s.title: word_count(_spoken(s)) for s in content}
    assert all(WORDS[0] <= n <= WORDS[1] for n in counts.values()), counts
    total = sum(word_count(_spoken(s)) for s in main)
    assert MINUTES[0] * 130 <= total <= MINUTES[1] * 130, total
    sentences = [x.strip() for s in main for x in _spoken(s).replace("\n", " ").split(". ") if len(x.split()) > 4]
    assert len(sentences) == len(set(sentences))


def test_icon_arrays_are_said_in_sentences_with_their_counts(talk: tuple) -> None:
    """Issue 20 point 3: each array's numbers are said as sentences ("about 42 in every 100
    people in the real procedure group improved on ..., against about 49 in 100 in the sham
    procedure group"), never as a data label read out ("...: Venous angioplasty: about 42 in 100
    people; ..." or "In actual people, that was ...")."""
    _, main, _ = talk
    arrays = [s for s in main if isinstance(s.visual, IconsSpec) and s.title != "What are the risks?"]
    for slide in arrays:
        said = _spoken(slide)
        assert isinstance(slide.visual, IconsSpec)
        assert "In actual people" not in said
        assert "in 100 people;" not in said
        first, second = slide.visual.arms
        assert f"about {first.filled} in every 100 people in the " in said.replace("About", "about"), said
        assert f", against about {second.filled} in 100 in the " in said, said
        assert "The chart shows " not in said  # no chart label read out (issue 20, fourth trial)


def test_the_risks_array_is_labelled_in_plain_words(talk: tuple) -> None:
    """Issue 20 point 3: the risks slide names what its array counts in plain words, not the
    trials' "Had a serious adverse event"."""
    _, main, _ = talk
    slide = next(s for s in main if s.title == "What are the risks?")
    assert "adverse event" not in _shown(slide)
    assert "Serious health problems: " in _shown(slide)


def test_the_questions_slide_shows_the_questions_the_notes_ask(talk: tuple) -> None:
    """Issue 20 point 6: the slide shows every question its notes read (one from each list)."""
    _, main, _ = talk
    slide = next(s for s in main if s.title == "Questions to ask")
    shown = [p.text for p in slide.body.paras]
    assert len(shown) == 3
    assert all(q in _spoken(slide) for q in shown)
