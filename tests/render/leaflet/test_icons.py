"""Icon arrays: what a printed (and photocopied) page shows, and that it tells the charts' numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.graphics.shapes import Group

from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import IconArm, IconArray
from leafdeck.plan.evidence import icon_array as planned
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet import chart
from leafdeck.render.leaflet.icons import drawing, icon_array
from tests.render.leaflet import drawn

WORDLESS = Labels("en", {"value_in_100": "", "icon_key_yes": "", "icon_key_no": ""})
"""No words at all, so every patch of ink on the page is part of a figure."""
DPI = 200


def block(*filled: int, labels: tuple[str, ...] = ()) -> IconArray:
    names = labels or ("",) * len(filled)
    arms = tuple(IconArm(name, n, 100, n, i == 0) for i, (name, n) in enumerate(zip(names, filled, strict=True)))
    return IconArray("s", "o", "", arms, "", "Alt: what the figure shows.")


@pytest.mark.parametrize(
    ("filled", "width"),
    [
        ((42, 49), 460.0),  # side by side (a leaflet column)
        ((0, 100), 460.0),  # nobody, everybody
        ((2, 5, 17), 460.0),  # three arms
        ((10, 2), 150.0),  # stacked (a narrow column)
    ],
)
def test_filled_and_empty_figures_are_told_apart_in_grey(tmp_path: Path, filled: tuple[int, ...], width: float) -> None:
    """Counted on a grey rendering: solid figures (with their white dot) against outlined ones.
    Each count includes the key's one figure of each kind."""
    theme = drawn.theme(WORDLESS)
    pdf = drawn.one_page(tmp_path / "icons.pdf", [icon_array(block(*filled), theme, width)], width)
    grey = drawn.pixels(pdf, DPI, grey=True)
    cell = (theme.layout.icons.cell if theme.layout.icons else 12.0) * DPI / 72
    bodies = [b for b in drawn.blobs(grey, lambda v: v < 200) if b.width > cell * 0.6 and b.height > cell * 0.5]
    solid = [b for b in bodies if b.solidity > 0.65]
    outlined = [b for b in bodies if b.solidity < 0.5]
    assert len(solid) == sum(filled) + 1
    assert len(outlined) == 100 * len(filled) - sum(filled) + 1
    assert len(solid) + len(outlined) == len(bodies)


@pytest.mark.parametrize("filled", [(42, 49), (2, 5, 17), (10,)])
def test_a_figure_only_measured_makes_no_shapes(filled: tuple[int, ...]) -> None:
    """Fitting a figure to a page measures it at several widths: its size is known before its
    shapes are made, and only a drawing that is drawn (or looked into) makes them, once: one
    grid of 100 figures per arm."""
    art = drawing(block(*filled), drawn.theme(WORDLESS), 460.0)
    assert art.wrap(460.0, 1e6) == (460.0, art.height)
    assert art.height > 0
    assert art.contents == []
    grids = [shape for shape in art.getContents() if isinstance(shape, Group) and len(shape.contents) == 100]
    assert len(grids) == len(filled)
    assert art.getContents() == art.contents  # made once
    assert len(art.contents) == len(grids) + 2 * 2  # and the key's figure and words (the arms have no name)


def test_filled_figures_print_dark_and_empty_ones_pale(tmp_path: Path) -> None:
    """Brightness alone separates them too: filled bodies are patches of dark grey, empty bodies
    patches of near white inside their outline."""
    theme = drawn.theme(WORDLESS)
    pdf = drawn.one_page(tmp_path / "icons.pdf", [icon_array(block(30, 70), theme, 460.0)], 460.0)
    grey = drawn.pixels(pdf, DPI, grey=True)
    area = ((theme.layout.icons.cell if theme.layout.icons else 12.0) * DPI / 72) ** 2
    dark = [b for b in drawn.blobs(grey, lambda v: v < 110) if b.area > area * 0.25]
    pale = [b for b in drawn.blobs(grey, lambda v: 200 <= v < 250) if b.area > area * 0.25]
    assert (len(dark), len(pale)) == (100 + 1, 100 + 1)


@pytest.mark.parametrize(
    ("width", "beside"),
    [(460.0, True), (150.0, False)],
)
def test_each_arm_is_named_with_its_frequency_under_its_grid(
    tmp_path: Path, english: Labels, width: float, beside: bool
) -> None:
    theme = drawn.theme(english, "decision-aid-a4")  # prints the caption (the short leaflet leaves it out)
    shown = block(42, 49, labels=("Venous angioplasty", "Sham procedure"))
    shown = IconArray("s", "o", "Heading of the figure", shown.arms, "Caption of the figure.", shown.alt)
    figure = icon_array(shown, theme, width, cite=lambda ids: " [7]")
    pdf = drawn.one_page(tmp_path / "icons.pdf", [figure], width)
    first, second = drawn.text_box(pdf, "Venous angioplasty"), drawn.text_box(pdf, "Sham procedure")
    about_42, about_49 = drawn.text_box(pdf, "about 42 in 100"), drawn.text_box(pdf, "about 49 in 100")
    if beside:
        assert (second[0] > first[2], round(second[1] - first[1])) == (True, 0)  # one row
    else:
        assert (abs(second[0] - first[0]) < 2, second[1] < about_42[1]) == (True, True)  # one above the other
    assert (about_42[1] < first[1], about_49[1] < second[1]) == (True, True)
    heading, caption = drawn.text_box(pdf, "Heading of the figure [7]"), drawn.text_box(pdf, "Caption of the figure.")
    key_yes, key_no = drawn.text_box(pdf, "Had this result"), drawn.text_box(pdf, "Did not")
    assert heading[1] > first[3] > key_yes[3] > caption[3]
    assert abs(key_yes[1] - key_no[1]) < 1 if beside else key_no[3] < key_yes[1]  # the key on one row or two
    assert figure.alt == figure.drawing.desc == shown.alt


def test_icon_arrays_tell_the_same_numbers_as_the_bar_charts(bundled_kb: KnowledgeBase, english: Labels) -> None:
    """Every chart panel counting people has icon arrays made from the same outcome: one per bar,
    in the same order, each filled with the bar's value rounded to whole people in 100, and the
    same "about N in 100" words."""
    compared = 0
    for panel in chart.panels(bundled_kb.studies, english):
        arrays = planned(panel.study, panel.outcome, english)
        if panel.outcome.unit != "percent_of_people":
            assert arrays is None
            continue
        assert arrays is not None
        assert [arm.filled for arm in arrays.arms] == [round(bar.value) for bar in panel.bars]
        assert [arm.treated for arm in arrays.arms] == [bar.treated for bar in panel.bars]
        assert [english("value_in_100", n=arm.filled) for arm in arrays.arms] == [bar.text for bar in panel.bars]
        assert all(arm.label in bar.label for arm, bar in zip(arrays.arms, panel.bars, strict=True))
        compared += 1
    assert compared >= 1


@pytest.mark.parametrize(
    ("scale", "shorter", "cell_at_least"),
    [
        (1.0, False, 12.0),  # the column's width: full-size figures
        (0.8, True, 9.6),  # drawn narrower to fit a page: the figures shrink with it
        (0.6, True, 7.5),  # never below the layout's min_cell (12 x 0.6 = 7.2)
    ],
)
def test_an_icon_array_drawn_narrower_to_fit_a_page_is_shorter_too(
    tmp_path: Path, scale: float, shorter: bool, cell_at_least: float
) -> None:
    """A figure that does not fit the rest of a page is drawn narrower (``Fitted``); its height
    must fall with its width, or it moves on and leaves a wide empty band (issue 19 §1). The
    figures are measured on the page: each body at least ``cell_at_least`` wide in pt (its body
    is 0.72 of its cell), the arms still side by side."""
    theme = drawn.theme(WORDLESS)
    column = 460.0
    full = icon_array(block(42, 49), theme, column).drawing.height
    art = icon_array(block(42, 49), theme, column * scale, scale=scale)
    assert (art.drawing.height < full) is shorter
    pdf = drawn.one_page(tmp_path / "icons.pdf", [art], column)
    grey = drawn.pixels(pdf, DPI, grey=True)
    least = cell_at_least * 0.72 * DPI / 72
    bodies = [b for b in drawn.blobs(grey, lambda v: v < 200) if b.width > least * 0.9 and b.height > least * 0.6]
    assert len(bodies) == 200 + 2  # every figure of both arms and the key's two, none smaller
