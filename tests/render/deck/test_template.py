"""The committed template is what the generator makes from deck-base.yaml."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from leafdeck.render.deck.layout import Box, DeckLayout
from leafdeck.render.deck.template import build_template, load_base
from tests.conftest import LAYOUTS


@pytest.fixture(scope="module")
def base() -> DeckLayout:
    return load_base(LAYOUTS)


def _box(shape: object) -> tuple[int, int, int, int]:
    return (shape.left, shape.top, shape.width, shape.height)  # type: ignore[attr-defined]


def _emu(box: Box) -> tuple[int, int, int, int]:
    return (Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))


def test_committed_template_is_up_to_date(base: DeckLayout) -> None:
    """If this fails, run `make template` and commit layouts/deck-template.pptx."""
    assert build_template(base) == (LAYOUTS / base.template).read_bytes()


def test_generation_is_reproducible(base: DeckLayout) -> None:
    assert build_template(base) == build_template(base)


def test_template_is_16_by_9_with_placeholders_at_the_yaml_boxes(base: DeckLayout) -> None:
    prs = Presentation(io.BytesIO(build_template(base)))
    assert (prs.slide_width, prs.slide_height) == (Pt(base.slide.width), Pt(base.slide.height))
    boxes = base.boxes
    layouts = prs.slide_layouts
    cover = {ph.placeholder_format.idx: ph for ph in layouts.get_by_name(base.layouts.cover).placeholders}
    assert _box(cover[0]) == _emu(boxes.cover_title)
    assert _box(cover[1]) == _emu(boxes.cover_subtitle)
    text = {ph.placeholder_format.idx: ph for ph in layouts.get_by_name(base.layouts.text).placeholders}
    assert _box(text[0]) == _emu(boxes.title)
    assert _box(text[1]) == _emu(boxes.body)
    chart = {ph.placeholder_format.idx: ph for ph in layouts.get_by_name(base.layouts.chart).placeholders}
    assert _box(chart[1]) == _emu(boxes.beside_chart)
    assert _box(chart[2]) == _emu(boxes.chart)
    assert chart[2].element.find(f".//{qn('p:ph')}").get("type") == "chart"


def test_theme_fonts_are_calibri_and_nothing_autofits(base: DeckLayout) -> None:
    prs = Presentation(io.BytesIO(build_template(base)))
    master = prs.slide_master
    assert master.element.find(f".//{qn('a:normAutofit')}") is None
    for layout in prs.slide_layouts:
        assert layout.element.find(f".//{qn('a:normAutofit')}") is None
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = master.part.part_related_by(RT.THEME).blob
    assert theme.count(b'<a:latin typeface="Calibri"/>') == 2
