"""The saved decks, read back with python-pptx: what a presenter (and a screen reader) gets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.picture import Picture
from pptx.util import Inches

import leafdeck.render.deck as deck_renderer
from leafdeck.model import KnowledgeBase
from leafdeck.plan.evidence import chart_outcome
from leafdeck.plan.variants import select
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import MIN_BODY_SIZE, DeckLayout
from leafdeck.render.deck.measure import Measurer
from tests.render.deck.conftest import DECKS, overflowing, render, resolve, run_sizes, talk_outline

AUDIENCES = ["clinician", "patient", "advocacy"]


def _slides(deck: Path) -> list:  # type: ignore[type-arg]
    return list(Presentation(str(deck)).slides)


def _charts(deck: Path) -> list[GraphicFrame]:
    return [shape for slide in _slides(deck) for shape in slide.shapes if getattr(shape, "has_chart", False)]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_slide_has_a_unique_filled_title_and_notes(built: dict[str, Path], audience: str) -> None:
    slides = _slides(built[audience])
    titles = [slide.shapes.title.text for slide in slides]
    assert all(titles)
    assert len(set(titles)) == len(titles)
    for slide, title in zip(slides, titles, strict=True):
        assert slide.has_notes_slide, title
        assert slide.notes_slide.notes_text_frame.text.strip(), title


@pytest.mark.parametrize("audience", AUDIENCES)
def test_disclosure_is_slide_two(built: dict[str, Path], bundled_kb: KnowledgeBase, audience: str) -> None:
    slide = _slides(built[audience])[1]
    assert slide.shapes.title.text == "Disclosures"
    assert slide.placeholders[1].text_frame.text.startswith("To be completed:")  # built without a presenter


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_text_frame_overflows_its_box(built: dict[str, Path], measurer: Measurer, audience: str) -> None:
    assert overflowing(built[audience], measurer) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_body_text_is_never_below_18_pt(built: dict[str, Path], audience: str) -> None:
    sizes = run_sizes(built[audience], lambda shape: shape.placeholder_format.idx == 1)  # type: ignore[attr-defined]
    assert sizes
    assert min(sizes) >= MIN_BODY_SIZE


@pytest.mark.parametrize("audience", AUDIENCES)
def test_charts_are_native_and_carry_the_knowledge_base_numbers(
    built: dict[str, Path], bundled_kb: KnowledgeBase, audience: str
) -> None:
    kb = select(bundled_kb, audience)  # type: ignore[arg-type]
    expected = {
        (outcome.label, arm.label): value.value
        for study in kb.studies
        for outcome in study.outcomes
        for arm in study.arms
        for value in outcome.values
        if value.arm == arm.id
    }
    charted = {}
    for frame in _charts(built[audience]):
        plot = frame.chart.plots[0]
        for series in plot.series:
            for category, value in zip(plot.categories, series.values, strict=True):
                if value is not None:
                    charted[(category, series.name)] = value
    # the talk's outline says which trials and outcomes it shows (at its depth): the clinician talk
    # charts every outcome of each trial in its backup, the patient talk each trial's main result
    talk = talk_outline(kb, resolve(DECKS[audience]), audience).kb
    trials = [s for s in talk.studies if s.kind == "randomized_trial"]
    assert len(_charts(built[audience])) >= len(trials)
    assert charted.items() <= expected.items()
    for trial in trials:
        for outcome in trial.outcomes if audience == "clinician" else [chart_outcome(trial)]:
            assert outcome is not None
            assert any(key[0] == outcome.label for key in charted), outcome.id


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_chart_and_picture_has_alt_text(built: dict[str, Path], audience: str) -> None:
    shapes = [s for slide in _slides(built[audience]) for s in slide.shapes if isinstance(s, GraphicFrame | Picture)]
    assert shapes
    for shape in shapes:
        assert shape._element.find(f".//{qn('p:cNvPr')}").get("descr", "").strip(), shape.name


def test_core_properties(built: dict[str, Path], bundled_kb: KnowledgeBase) -> None:
    props = Presentation(str(built["clinician"])).core_properties
    assert props.title == bundled_kb.document.title.replace("**", "")
    assert props.author == "; ".join(p.name for p in bundled_kb.governance.authors)
    assert props.subject
    assert props.keywords == "; ".join(bundled_kb.document.keywords)
    assert props.revision == 1
    assert props.language == bundled_kb.document.language
    assert props.version == bundled_kb.governance.version
    assert "python-pptx" not in props.comments


def test_slides_are_16_by_9_and_nothing_autofits(built: dict[str, Path]) -> None:
    prs = Presentation(str(built["clinician"]))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
                assert body_pr.find(qn("a:normAutofit")) is None
                assert body_pr.find(qn("a:spAutoFit")) is None


def test_shapes_are_in_reading_order(built: dict[str, Path]) -> None:
    for slide in _slides(built["clinician"]):
        names = [shape.name for shape in slide.shapes]
        kinds = ["title" if s.is_placeholder and s.placeholder_format.idx == 0 else s.name for s in slide.shapes]
        assert kinds[0] == "title", names
        footer = [n for n in names if n in ("Citation", "Slide number")]
        assert names[-len(footer) :] == footer if footer else True, names


def test_slide_numbers_are_fields(built: dict[str, Path]) -> None:
    for number, slide in enumerate(_slides(built["clinician"])[1:], start=2):
        box = next(s for s in slide.shapes if s.name == "Slide number")
        field = box.text_frame._txBody.find(f".//{qn('a:fld')}")
        assert field.get("type") == "slidenum"
        assert field.findtext(qn("a:t")) == str(number)


def test_trial_slides_cite_their_sources(built: dict[str, Path]) -> None:
    for slide in _slides(built["clinician"]):
        if any(getattr(s, "has_chart", False) for s in slide.shapes):
            citation = next(s for s in slide.shapes if s.name == "Citation")
            assert citation.text_frame.text.startswith("Sources: [")


def test_two_builds_are_byte_identical(minimal_kb: KnowledgeBase, tmp_path: Path) -> None:
    resolved = resolve("deck-clinician")
    kb = select(minimal_kb, "clinician")
    render(kb, resolved, tmp_path / "one.pptx")
    render(kb, resolved, tmp_path / "two.pptx")
    assert (tmp_path / "one.pptx").read_bytes() == (tmp_path / "two.pptx").read_bytes()


def test_the_clinic_brand_shows(minimal_kb: KnowledgeBase, logo_root: Path, tmp_path: Path) -> None:
    resolved: Resolved[DeckLayout] = resolve("deck-patient", logo_root, "branded")
    target = tmp_path / "branded.pptx"
    render(select(minimal_kb, "patient"), resolved, target)
    prs = Presentation(str(target))
    theme = prs.slide_master.part.part_related_by(RT.THEME).blob
    assert b'<a:dk2><a:srgbClr val="7A1F5C"/></a:dk2>' in theme
    assert b'<a:accent1><a:srgbClr val="0B6E4F"/></a:accent1>' in theme
    for slide in prs.slides:
        logos = [s for s in slide.shapes if isinstance(s, Picture)]
        assert [s._element.nvPicPr.cNvPr.get("descr") for s in logos] == ["Branded MS clinic logo"]
    chart = _charts(target)[0].chart
    treated = chart.plots[0].series[0]
    assert str(treated.format.fill.fore_color.rgb) == "0B6E4F"
    assert "Branded MS clinic" in prs.slides[0].placeholders[1].text_frame.text


def test_the_pipeline_knows_the_deck_renderer() -> None:
    from leafdeck.render import RENDERERS

    renderer = RENDERERS["pptx"]
    assert (renderer.suffix, renderer.layout_model, renderer.render) == (".pptx", DeckLayout, deck_renderer.render)


def test_a_notice_is_read_right_after_every_title(minimal_kb: KnowledgeBase, tmp_path: Path) -> None:
    notice = "This translation has not yet been checked by a clinician."
    target = tmp_path / "notice.pptx"
    render(select(minimal_kb, "patient"), replace(resolve("deck-patient"), notice=notice), target)
    for slide in _slides(target):
        shapes = list(slide.shapes)
        assert shapes[0].is_placeholder
        assert shapes[0].placeholder_format.idx == 0
        assert (shapes[1].name, shapes[1].text_frame.text) == ("Notice", notice)
