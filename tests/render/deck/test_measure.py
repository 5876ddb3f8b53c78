"""The measurer: greedy wrap with the bundled font's kerned advance widths, lines of 1.2 em."""

from __future__ import annotations

import pytest

from leafdeck.render.deck.measure import Frame, Measurer, Run, TextPara

WORDS = "Three sham-controlled trials found no benefit of venous angioplasty for MS"


def test_widths_scale_with_the_size(measurer: Measurer) -> None:
    assert measurer.width(WORDS, 36) == pytest.approx(2 * measurer.width(WORDS, 18))


def test_bold_is_wider_than_regular(measurer: Measurer) -> None:
    assert measurer.width(WORDS, 24, bold=True) > measurer.width(WORDS, 24)


def test_a_single_line_is_1_2_em_whatever_the_font(measurer: Measurer) -> None:
    # PowerPoint's rule, which LibreOffice follows for .pptx; Carlito's own ascent + descent + line
    # gap would give 2500 / 2048 = 1.2207 em, 0.4 pt a line too much at 20 pt.
    assert measurer.line_height(20) == pytest.approx(24.0)


def test_pairs_are_kerned_as_the_font_says(measurer: Measurer) -> None:
    assert measurer.width("AV", 20) < measurer.width("A", 20) + measurer.width("V", 20)
    assert measurer.width("compared", 24) == pytest.approx(98.485, abs=0.01)  # LibreOffice's PDF


def test_a_no_break_space_is_as_wide_as_a_space(measurer: Measurer) -> None:
    assert measurer.width("p\u00a0=", 20) == pytest.approx(measurer.width("p =", 20))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Wwww catheter-venography", "Wwww catheter-"),
        ("Wwww 2009–2012", "Wwww 2009–"),
        ("Wwww well—known", "Wwww well—"),
        ("Wwww and/or", "Wwww"),
        ("Wwww −5.2", "Wwww"),
    ],
)
def test_lines_break_after_a_dash_inside_a_word_as_libreoffice_does(measurer: Measurer, text: str, first: str) -> None:
    width = measurer.width(first, 20) + 0.01
    assert measurer.lines((Run(text),), 20, width) == 2


@pytest.mark.parametrize(
    ("words", "per_line", "lines"),
    [(0, 1, 1), (1, 1, 1), (3, 3, 1), (4, 3, 2), (6, 3, 2), (7, 3, 3), (10, 2, 5), (9, 1, 9)],
)
def test_greedy_wrap(measurer: Measurer, words: int, per_line: int, lines: int) -> None:
    width = measurer.width(" ".join(["venous"] * per_line), 20) + 0.01
    assert measurer.lines((Run(" ".join(["venous"] * words)),), 20, width) == lines


def test_a_line_one_point_too_narrow_wraps(measurer: Measurer) -> None:
    width = measurer.width(WORDS, 20)
    assert measurer.lines((Run(WORDS),), 20, width) == 1
    assert measurer.lines((Run(WORDS),), 20, width - 1) == 2


def test_a_word_longer_than_the_line_breaks_between_letters(measurer: Measurer) -> None:
    doi = "doi:10.1212/WNL.0000000000000638"
    width = measurer.width(doi, 18) / 2.5
    assert measurer.lines((Run(doi),), 18, width) == 3


def test_words_run_across_runs_of_different_weight(measurer: Measurer) -> None:
    split = (Run("Design: ", bold=True), Run("randomized"))
    joined = measurer.width("Design:", 20, bold=True) + measurer.width(" randomized", 20)
    assert measurer.lines(split, 20, joined + 0.01) == 1
    assert measurer.lines(split, 20, joined - 1) == 2


def test_height_adds_lines_and_the_space_above_each_paragraph_but_the_first(measurer: Measurer) -> None:
    one_line = TextPara((Run("Short"),), 20, margin=0, space_before=10)
    two_lines = TextPara((Run(WORDS),), 20, margin=30, space_before=4)
    width = measurer.width(WORDS, 20)  # the margin pushes the second paragraph to two lines
    expected = measurer.line_height(20) + 4 + 2 * measurer.line_height(20)
    assert measurer.height([one_line, two_lines], width) == pytest.approx(expected)


def test_fits_compares_with_the_frame(measurer: Measurer) -> None:
    para = TextPara((Run(WORDS),), 24)
    height = measurer.height([para], 300)
    assert measurer.fits([para], Frame(300, height))
    assert not measurer.fits([para], Frame(300, height - 0.5))


PARAS = [
    TextPara((Run(WORDS),), 24),
    TextPara((Run("Sham "), Run("procedure", bold=True)), 20, margin=18, space_before=6),
    TextPara((Run(WORDS + " " + WORDS),), 18, space_before=9),
    TextPara((Run("MS"),), 28, margin=9, space_before=4.5),
]


@pytest.mark.parametrize("split", range(len(PARAS) + 1))
@pytest.mark.parametrize("width", [200.0, 333.3, 640.0])
def test_a_frame_grown_paragraph_by_paragraph_is_as_tall_as_measured_at_once(
    measurer: Measurer, split: int, width: float
) -> None:
    """The planner grows a slide block by block; the sum is the whole frame's to the last bit."""
    before = measurer.height(PARAS[:split], width)
    grown = measurer.grown(before, PARAS[split:], width, first=split == 0)
    assert grown == measurer.height(PARAS, width)
    alone = measurer.height(PARAS[1:2], width)  # the space above a frame's first paragraph does not count
    assert measurer.grown(0.0, PARAS[1:2], width, first=False) == alone + PARAS[1].space_before
