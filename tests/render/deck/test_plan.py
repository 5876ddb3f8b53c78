"""The planner and the talk drafts: pure slide specifications from the content plan, measured so
nothing overflows or shrinks below 18 pt, main slides short and never continued, backup slides
complete."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

import leafdeck.render.deck.plan as plan_module
from leafdeck.model import KnowledgeBase, Statement
from leafdeck.plan import blocks as b
from leafdeck.plan.variants import select
from leafdeck.read.layout import Resolved
from leafdeck.read.presenters import Presenter
from leafdeck.read.sources import load_kb
from leafdeck.render.deck.layout import MIN_BODY_SIZE, DeckLayout
from leafdeck.render.deck.measure import Measurer, Run, TextPara
from leafdeck.render.deck.plan import frame, plan, text_paras
from leafdeck.render.deck.sections import sentence, word_count
from leafdeck.render.deck.spec import SlideSpec
from leafdeck.render.deck.talk import fit
from leafdeck.render.deck.visuals import IconsSpec, TableSpec
from tests.conftest import ROOTS
from tests.render.deck.conftest import talk_outline

PURE_MODULES = ("plan", "sections", "talk", "visuals", "spec", "measure", "charts", "layout")


@pytest.fixture(scope="module")
def talk_kb() -> KnowledgeBase:
    kb, _ = load_kb(ROOTS / "talk" / "kb.yaml")
    assert kb is not None
    return kb


def slides_of(kb: KnowledgeBase, resolved: Resolved[DeckLayout], audience: str) -> list[SlideSpec]:
    return plan(talk_outline(select(kb, audience), resolved, audience), resolved)  # type: ignore[arg-type]


def _titles(slides: list[SlideSpec]) -> list[str]:
    return [slide.title for slide in slides]


def _with_topic(kb: KnowledgeBase, role: str, statements: list[Statement]) -> KnowledgeBase:
    topics = tuple(t.model_copy(update={"statements": tuple(statements)}) if t.role == role else t for t in kb.topics)
    return kb.model_copy(update={"topics": topics})


@pytest.mark.parametrize("module", PURE_MODULES)
def test_planning_modules_never_import_python_pptx(module: str) -> None:
    tree = ast.parse((Path(plan_module.__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name and name.split(".")[0] == "pptx"]


def test_the_plan_is_plain_comparable_data(talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    assert slides_of(talk_kb, clinician, "clinician") == slides_of(talk_kb, clinician, "clinician")


def test_the_deck_follows_the_outline_and_has_no_section_list_of_its_own(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    outline = talk_outline(select(talk_kb, "clinician"), clinician, "clinician")
    slides = plan(outline, clinician)
    main = [s for s in slides if s.section == "Main"]
    # one slide per main section of the outline (the trial charts are a section each)
    assert len(main) == len([s for s in outline.sections if not s.backup])
    trimmed = replace(outline, sections=tuple(s for s in outline.sections if s.name != "spread"))
    assert len(plan(trimmed, clinician)) == len(slides) - 1


def test_fit_takes_essential_items_first_and_keeps_reading_order() -> None:
    paras = [
        b.Paragraph("one two three four five six", item="a"),
        b.Paragraph("seven eight nine ten", item="b"),
        b.Paragraph("eleven twelve", item="c"),
    ]
    assert [p.item for p in fit(paras, 6, frozenset({"b"}))] == ["b", "c"]
    assert [p.item for p in fit(paras, 10)] == ["a", "b"]
    assert [p.item for p in fit(paras, 8)] == ["a", "c"]  # a longer one is skipped, a shorter one still fits
    assert [p.item for p in fit(paras, 1)] == ["c"]  # nothing fits: the shortest alone


def test_a_long_topic_stays_on_one_main_slide_and_the_rest_is_said(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    statements = [
        Statement(id=f"s{n}", text=f"Point {n}: the trials compared the procedure with a sham and found no benefit.")
        for n in range(30)
    ]
    slides = slides_of(_with_topic(talk_kb, "spread", statements), clinician, "clinician")
    [spread] = [s for s in slides if s.title == "Demand outpaced the evidence, mostly outside trials."]
    assert sum(word_count(p.text) for p in spread.body.paras) <= clinician.layout.talk.body_words
    assert all(s.text in spread.notes for s in statements)
    assert not [t for t in _titles(slides) if t.startswith("Demand outpaced") and "(" in t]


def test_backup_slides_hold_everything_and_may_continue(talk_kb: KnowledgeBase, patient: Resolved[DeckLayout]) -> None:
    statements = [
        Statement(id=f"s{n}", text=f"Warning sign {n}: get help at once if this happens after the procedure.")
        for n in range(20)
    ]
    slides = slides_of(_with_topic(talk_kb, "warning_signs", statements), patient, "patient")
    details = [s for s in slides if s.title.startswith("Details: When should I get urgent help")]
    assert len(details) > 1
    assert all(s.section == "Backup" for s in details)
    assert details[0].title.endswith(f"(1 of {len(details)})")
    assert [p.text for s in details for p in s.body.paras] == [s.text for s in statements]


def test_notes_say_a_paragraphs_notes_else_its_text_as_a_sentence(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    told = Statement(id="told", text="Shown on the slide", notes="Said by the speaker.", cites=("news-ref",))
    shown = Statement(id="shown", text="Only shown", depth="essential")
    slides = slides_of(_with_topic(talk_kb, "spread", [told, shown]), clinician, "clinician")
    [spread] = [s for s in slides if s.title.startswith("Demand outpaced")]
    lines = spread.notes.splitlines()
    assert "Said by the speaker." in lines
    assert "Shown on the slide" not in spread.notes
    assert "Only shown." in lines
    assert sentence("**Bold** words") == "Bold words."


AMINA = Presenter(
    name="Dr Amina Okafor",
    credentials="MD, FRCP",
    role="Consultant neurologist",
    organisation="Riverside MS Centre",
    event="Regional MS study day",
    date=dt.date(2027, 3, 12),
    disclosures=["Speaker fees from Example Pharma (2026)", "Advisory board, Example Devices Ltd (2025)"],
)
NOBODY = Presenter(name="Dr Lee Grant", disclosures="none")


@pytest.mark.parametrize(
    ("presenter", "shown", "said"),
    [
        (
            AMINA,
            ["Speaker fees from Example Pharma (2026)", "Advisory board, Example Devices Ltd (2025)"],
            "In the past 24 months I have had these financial relationships: speaker fees from Example Pharma "
            "in 2026 and advisory board, Example Devices Ltd, in 2025.",
        ),
        (NOBODY, ["No relevant financial relationships."], "I have no relevant financial relationships to declare."),
        (None, ["To be completed:"], "To be completed:"),
    ],
)
def test_disclosure_slide_shows_exactly_the_presenters_declarations(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout], presenter: Presenter | None, shown: list[str], said: str
) -> None:
    slides = slides_of(talk_kb, replace(clinician, presenter=presenter), "clinician")
    assert slides[1].title == "Disclosures"
    texts = [p.text for p in slides[1].body.paras]
    if presenter is None:  # the slide says plainly that it is to be completed, and how
        assert len(texts) == 1
        assert texts[0].startswith(shown[0])
        assert "--presenter" in texts[0]
    else:
        assert texts == shown
    assert slides[1].notes.startswith(said)
    assert talk_kb.document.unapproved_use in [p.text for p in slides[2].body.paras]


@pytest.mark.parametrize(
    ("presenter", "lines"),
    [
        (
            AMINA,
            [
                "Dr Amina Okafor, MD, FRCP",
                "Consultant neurologist, Riverside MS Centre",
                "Regional MS study day, March 12, 2027",
            ],
        ),
        (NOBODY, ["Dr Lee Grant", "Your MS clinic"]),
        (None, ["Your MS clinic"]),
    ],
)
def test_title_slide_names_the_presenter_event_and_date(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout], presenter: Presenter | None, lines: list[str]
) -> None:
    cover = slides_of(talk_kb, replace(clinician, presenter=presenter), "clinician")[0]
    texts = [p.text for p in cover.body.paras]
    assert texts[1 : 1 + len(lines)] == lines
    assert texts[-1].startswith("Version ")
    if presenter is not None:  # the thanks to the event first (issue 20 point 7), then who speaks
        first = f"Thank you for having me at {presenter.event} today" if presenter.event else f"I am {presenter.name}"
        assert cover.notes.startswith(first)
        assert f"\nI am {presenter.name}" in cover.notes or not presenter.event


def test_trial_slides_chart_the_knowledge_base_numbers(talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    [trial] = [s for s in slides_of(talk_kb, clinician, "clinician") if s.title.startswith("Trial A (n=19)")]
    assert trial.layout == "chart"
    assert trial.chart is not None
    assert trial.chart.categories == ("New lesions",)
    assert [(s.name, s.values, s.emphasis) for s in trial.chart.series] == [
        ("Procedure", (19.0,), True),
        ("Sham", (3.0,), False),
    ]
    assert [p.text for p in trial.body.paras] == ["New lesions 19 vs 3 (p=0.062), a non-significant trend."]
    assert trial.citation == "Sources: [4] Alpha A et al., 2014"


def test_the_trials_table_fits_its_box(talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]) -> None:
    [table] = [s.visual for s in slides_of(talk_kb, clinician, "clinician") if isinstance(s.visual, TableSpec)]
    box = clinician.layout.boxes.body
    assert table.size in clinician.layout.talk.table_sizes
    assert sum(table.widths) == pytest.approx(box.width)
    assert table.box.top == box.top
    assert sum(table.heights) <= box.height
    assert [row[0] for row in table.rows] == ["Trial A (2014)", "Trial B (2018)", "Trial C (2018)"]


def test_icon_arrays_sit_in_the_chart_box(talk_kb: KnowledgeBase, patient: Resolved[DeckLayout]) -> None:
    """Beside the slide's text (the chance caveat, on the first array), in the chart box; alone
    on their slide, in the whole body box."""
    icons = [s for s in slides_of(talk_kb, patient, "patient") if isinstance(s.visual, IconsSpec)]
    assert len(icons) == 2  # Trial B's and Trial C's outcomes count people
    assert [s.layout for s in icons] == ["chart", "text"]
    for slide in icons:
        chart = patient.layout.boxes.chart if slide.layout == "chart" else patient.layout.boxes.body
        assert slide.chart is None
        for arm in slide.visual.arms:  # type: ignore[union-attr]
            for box in (arm.label_box, arm.grid):
                assert chart.left - 0.01 <= box.left <= box.left + box.width <= chart.left + chart.width + 0.01
                assert chart.top - 0.01 <= box.top <= box.top + box.height <= chart.top + chart.height + 0.01
    assert [a.filled for a in icons[0].visual.arms] == [42, 49]  # type: ignore[union-attr]


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_bundled_talks_fit_their_boxes_at_18_pt_or_more(
    bundled_kb: KnowledgeBase,
    clinician: Resolved[DeckLayout],
    patient: Resolved[DeckLayout],
    measurer: Measurer,
    audience: str,
) -> None:
    resolved = clinician if audience == "clinician" else patient
    layout = resolved.layout
    slides = slides_of(bundled_kb, resolved, audience)
    assert len(set(_titles(slides))) == len(slides)
    for slide in slides:
        assert slide.notes.strip(), slide.title
        assert slide.body.size >= MIN_BODY_SIZE, slide.title
        body = text_paras(slide.body.paras, slide.body.size, layout, measurer)
        assert measurer.fits(body, frame(slide.place.body, layout)), slide.title
        title = [TextPara((Run(slide.title, bold=True),), slide.title_size)]
        assert measurer.fits(title, frame(slide.place.title, layout)) or slide.layout == "cover", slide.title


NOTICE = "This translation has not yet been checked by a clinician. Ask your MS team before acting on it."


def test_a_notice_is_on_every_slide_and_the_text_makes_room(
    bundled_kb: KnowledgeBase, patient: Resolved[DeckLayout], measurer: Measurer
) -> None:
    resolved = replace(patient, notice=NOTICE)
    layout = patient.layout
    slides = slides_of(bundled_kb, resolved, "patient")
    for slide in slides:
        assert (slide.notice, slide.notice_size > 0) == (NOTICE, True)
        notice, body = slide.place.notice, slide.place.body
        assert slide.layout == "cover" or body.top >= notice.top + notice.height
        assert measurer.fits(text_paras(slide.body.paras, slide.body.size, layout, measurer), frame(body, layout))
        if isinstance(slide.visual, IconsSpec):
            assert all(arm.label_box.top >= notice.top + notice.height for arm in slide.visual.arms)


@pytest.mark.parametrize(("language", "main"), [("fr", "Exposé"), ("es", "Principal")])
def test_talks_speak_the_output_language(bundled_kb: KnowledgeBase, language: str, main: str) -> None:
    from leafdeck.read.translations import apply, load_translation
    from tests.conftest import BUNDLED_KB
    from tests.render.deck.conftest import resolve

    translation, _ = load_translation(BUNDLED_KB.with_name(f"liberation-procedure.{language}.yaml"))
    resolved = resolve("deck-patient", language=language)
    slides = slides_of(apply(bundled_kb, translation), resolved, "patient")
    assert slides[0].section == main
    body = " ".join(para.text for slide in slides for para in slide.body.paras)
    arms = [arm.label for s in slides if isinstance(s.visual, IconsSpec) for arm in s.visual.arms]
    natural = {"fr": "environ 42 personnes sur 100", "es": "unas 42 de cada 100"}[language]
    assert any(natural in label for label in arms)  # Brave Dreams: 41.7% improved, as a natural frequency
    assert "%" not in body


def test_a_headline_too_long_for_the_title_box_is_said_instead(
    talk_kb: KnowledgeBase, clinician: Resolved[DeckLayout]
) -> None:
    long = "The vein theory did not hold up: " + ", ".join(f"finding {n} agreed" for n in range(40)) + "."
    topics = tuple(t.model_copy(update={"headline": long}) if t.role == "hypothesis" else t for t in talk_kb.topics)
    slides = slides_of(talk_kb.model_copy(update={"topics": topics}), clinician, "clinician")
    [slide] = [s for s in slides if s.title == "Did the vein theory hold up?"]
    assert slide.notes.splitlines()[0] == long
