"""The planner: pure slide specifications, measured so nothing overflows or shrinks below 18 pt."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import leafdeck.render.deck.plan as plan_module
from leafdeck.model import KnowledgeBase, Statement
from leafdeck.plan.variants import cited_ids, select
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import MIN_BODY_SIZE, DeckLayout
from leafdeck.render.deck.measure import Measurer, Run, TextPara
from leafdeck.render.deck.plan import frame, plan, text_paras
from leafdeck.render.deck.spec import SlideSpec

PURE_MODULES = ("plan", "sections", "spec", "measure", "charts", "layout")


def _titles(slides: list[SlideSpec]) -> list[str]:
    return [slide.title for slide in slides]


def _topic(kb: KnowledgeBase, statements: list[Statement]) -> KnowledgeBase:
    topic = kb.topics[0].model_copy(update={"statements": tuple(statements)})
    return kb.model_copy(update={"topics": (topic,)})


@pytest.mark.parametrize("module", PURE_MODULES)
def test_planning_modules_never_import_python_pptx(module: str) -> None:
    tree = ast.parse((Path(plan_module.__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name and name.split(".")[0] == "pptx"]


def test_the_plan_is_plain_comparable_data(minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    kb = select(minimal_kb, "clinician")
    assert plan(kb, clinician) == plan(kb, clinician)


def test_sections_in_layout_order_and_empty_ones_left_out(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    # The minimal knowledge base has no hypothesis, spread, safety or regulation topic and no
    # prevalence study: those sections are skipped, not left empty.
    assert _titles(plan(select(minimal_kb, "clinician"), clinician)) == [
        "A tiny test leaflet",
        "Disclosures",
        "Not an approved treatment",
        "Agenda",
        "What is it?",
        "A (2018)",
        "The alternatives",
        "Questions patients ask",
        "Making the decision",
        "Take-home messages",
        "References",
    ]


def test_disclosure_is_slide_two_and_the_notice_follows(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    slides = plan(select(minimal_kb, "clinician"), clinician)
    assert slides[1].title == clinician.layout.labels.disclosure
    assert slides[1].body.paras[0].text == minimal_kb.governance.disclosures
    assert minimal_kb.document.unapproved_use in [p.text for p in slides[2].body.paras]


def test_agenda_names_the_later_sections(minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    slides = plan(select(minimal_kb, "clinician"), clinician)
    agenda = next(s for s in slides if s.title == "Agenda")
    assert [p.text for p in agenda.body.paras] == [
        "What is it?",
        "Randomized trials",
        "The alternatives",
        "Questions patients ask",
        "Making the decision",
        "Take-home messages",
    ]


def test_trial_chart_carries_the_knowledge_base_numbers(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    trial = next(s for s in plan(select(minimal_kb, "clinician"), clinician) if s.title == "A (2018)")
    assert trial.layout == "chart"
    assert trial.chart is not None
    assert trial.chart.categories == ("Relapses",)
    assert [(s.name, s.values, s.emphasis) for s in trial.chart.series] == [
        ("Procedure", (4.0,), True),
        ("Sham", (1.0,), False),
    ]
    assert "Relapses: Procedure 4, Sham 1" in trial.chart.alt_text
    texts = [p.text for p in trial.body.paras]
    assert "Participants: Procedure (n\u00a0=\u00a09), Sham (n\u00a0=\u00a010)" in texts
    assert "Relapses (primary outcome): Procedure 4 vs Sham 1; p\u00a0=\u00a00.389" in texts
    assert trial.citation == "Sources: [1] Doe 2018"


@pytest.mark.parametrize(
    ("audience", "citation"),
    [("clinician", "Sources: [1] Doe 2018; [2] Roe 2019"), ("patient", "Sources: [1] Doe 2018")],
)
def test_citation_line_names_what_the_slide_cites(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout], audience: str, citation: str
) -> None:
    slide = next(s for s in plan(select(minimal_kb, audience), clinician) if s.title == "What is it?")  # type: ignore[arg-type]
    assert slide.citation == citation


def test_references_are_numbered_in_order_of_first_citation(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    kb = select(minimal_kb, "clinician")
    references = plan(kb, clinician)[-1]
    assert [p.label for p in references.body.paras] == ["1.", "2."]
    firsts = [kb.reference(ref_id).authors for ref_id in cited_ids(kb)]
    assert [p.text.split(".")[0] + "." for p in references.body.paras] == [a.split(".")[0] + "." for a in firsts]
    assert "Not checked." in references.notes


def test_notes_use_statement_notes_where_there_are_some(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    told = Statement(id="told", text="Shown on the slide.", notes="Said by the speaker.", cites=("trial-ref",))
    kb = _topic(minimal_kb, [told, Statement(id="untold", text="Only shown.")])
    slide = next(s for s in plan(kb, clinician) if s.title == "What is it?")
    assert "Said by the speaker." in slide.notes
    assert "Shown on the slide." not in slide.notes
    assert "Only shown." in slide.notes


def test_long_content_continues_on_numbered_slides(minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    statements = [
        Statement(id=f"s{n}", text=f"Point {n}: the trials compared the procedure with a sham and found no benefit.")
        for n in range(30)
    ]
    slides = [s for s in plan(_topic(minimal_kb, statements), clinician) if s.title.startswith("What is it?")]
    count = len(slides)
    assert count > 1
    assert _titles(slides) == [f"What is it? ({n} of {count})" for n in range(1, count + 1)]
    assert [p.text for s in slides for p in s.body.paras] == [s.text for s in statements]


def test_a_statement_longer_than_a_slide_is_split_not_lost(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    words = [f"word{n}" for n in range(600)]
    slides = plan(_topic(minimal_kb, [Statement(id="long", text=" ".join(words))]), clinician)
    shown = " ".join(p.text for s in slides if s.title.startswith("What is it?") for p in s.body.paras)
    assert shown.split() == words


def test_duplicate_section_titles_are_made_unique(minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    topic = minimal_kb.topics[0].model_copy(update={"title": "Disclosures"})
    titles = _titles(plan(minimal_kb.model_copy(update={"topics": (topic,)}), clinician))
    assert "Disclosures" in titles
    assert "Disclosures (2)" in titles


def test_no_trials_means_no_trial_slides(minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    study = minimal_kb.studies[0].model_copy(update={"kind": "uncontrolled"})
    slides = plan(minimal_kb.model_copy(update={"studies": (study,)}), clinician)
    assert "A (2018)" not in _titles(slides)
    assert "Randomized trials" not in [p.text for s in slides if s.title == "Agenda" for p in s.body.paras]


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_bundled_deck_text_fits_its_boxes_at_allowed_sizes(
    bundled_kb: KnowledgeBase,
    clinician: Resolved[DeckLayout],
    patient: Resolved[DeckLayout],
    measurer: Measurer,
    audience: str,
) -> None:
    resolved = clinician if audience == "clinician" else patient
    layout = resolved.layout
    slides = plan(select(bundled_kb, audience), resolved)  # type: ignore[arg-type]
    assert len(set(_titles(slides))) == len(slides)
    for slide in slides:
        assert slide.notes.strip(), slide.title
        assert slide.body.size >= MIN_BODY_SIZE, slide.title
        boxes = layout.boxes
        expected = {"cover": boxes.cover_subtitle, "chart": boxes.beside_chart, "text": boxes.body}[slide.layout]
        assert slide.place.body == expected
        body = text_paras(slide.body.paras, slide.body.size, layout, measurer)
        assert measurer.fits(body, frame(slide.place.body, layout)), slide.title
        title = [TextPara((Run(slide.title, bold=True),), slide.title_size)]
        assert measurer.fits(title, frame(slide.place.title, layout)), slide.title


def test_bundled_patient_deck_is_shorter(
    bundled_kb: KnowledgeBase, clinician: Resolved[DeckLayout], patient: Resolved[DeckLayout]
) -> None:
    assert len(plan(select(bundled_kb, "patient"), patient)) < len(plan(select(bundled_kb, "clinician"), clinician))


NOTICE = "This translation has not yet been checked by a clinician. Ask your MS team before acting on it."


def test_a_notice_is_on_every_slide_and_the_text_makes_room(
    bundled_kb: KnowledgeBase, patient: Resolved[DeckLayout], measurer: Measurer
) -> None:
    resolved = replace(patient, notice=NOTICE)
    layout = patient.layout
    slides = plan(select(bundled_kb, "patient"), resolved)
    assert slides[0].title == plan(select(bundled_kb, "patient"), patient)[0].title  # the cover never splits
    for slide in slides:
        assert (slide.notice, slide.notice_size > 0) == (NOTICE, True)
        notice, body = slide.place.notice, slide.place.body
        assert slide.layout == "cover" or body.top >= notice.top + notice.height
        assert measurer.fits(text_paras(slide.body.paras, slide.body.size, layout, measurer), frame(body, layout))


def test_options_section_gives_each_option_a_slide_with_benefits_and_harms(
    minimal_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    layout = clinician.layout.model_copy(update={"sections": ("title", "disclosure", "agenda", "options")})
    slides = plan(minimal_kb, replace(clinician, layout=layout))
    assert _titles(slides)[3:] == ["Option 1: The procedure", "Option 2: Stay with your plan"]
    procedure = slides[3]
    assert [p.text for p in procedure.body.paras] == [
        "Not approved for this use. A balloon in a vein.",
        "Benefits",
        "None shown.",
        "Harms",
        "Serious harms were reported.",
    ]
    assert [p.text for p in slides[2].body.paras] == ["The alternatives"]


@pytest.mark.parametrize(("language", "agenda", "decimal"), [("fr", "Programme", ","), ("es", "Índice", ",")])
def test_decks_speak_the_output_language(bundled_kb: KnowledgeBase, language: str, agenda: str, decimal: str) -> None:
    from leafdeck.read.translations import apply, load_translation
    from tests.conftest import BUNDLED_KB
    from tests.render.deck.conftest import resolve

    translation, _ = load_translation(BUNDLED_KB.with_name(f"liberation-procedure.{language}.yaml"))
    kb = select(apply(bundled_kb, translation), "patient")
    slides = plan(kb, resolve("deck-patient", language=language))
    titles = [s.title for s in slides]
    assert agenda in titles
    assert "Agenda" not in titles
    body = " ".join(para.text for slide in slides for para in slide.body.paras)
    assert f"+1{decimal}4" in body  # Canadian trial: change in the physical quality-of-life score
    assert "1.4" not in body
    natural = {"fr": "environ 42 sur 100", "es": "unas 42 de cada 100"}[language]
    assert natural in body  # Brave Dreams: 41.7% improved, read by patients as a natural frequency
    assert "%" not in body
