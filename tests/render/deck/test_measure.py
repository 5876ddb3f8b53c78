"""The measurer: greedy word wrap with the bundled font's advance widths and line height."""

from __future__ import annotations

import pytest

from leafdeck.render.deck.measure import Frame, Measurer, Run, TextPara

WORDS = "Three sham-controlled trials found no benefit of venous angioplasty for MS"


def test_widths_scale_with_the_size(measurer: Measurer) -> None:
    assert measurer.width(WORDS, 36) == pytest.approx(2 * measurer.width(WORDS, 18))


def test_bold_is_wider_than_regular(measurer: Measurer) -> None:
    assert measurer.width(WORDS, 24, bold=True) > measurer.width(WORDS, 24)


def test_line_height_is_the_fonts_own(measurer: Measurer) -> None:
    # Carlito, like Calibri: (1536 ascent + 512 descent + 452 line gap) / 2048 em.
    assert measurer.line_height(20) == pytest.approx(20 * 2500 / 2048, rel=1e-3)


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


def test_height_adds_lines_and_space_above_each_paragraph(measurer: Measurer) -> None:
    one_line = TextPara((Run("Short"),), 20, margin=0, space_before=10)
    two_lines = TextPara((Run(WORDS),), 20, margin=30, space_before=4)
    width = measurer.width(WORDS, 20)  # the margin pushes the second paragraph to two lines
    expected = 10 + measurer.line_height(20) + 4 + 2 * measurer.line_height(20)
    assert measurer.height([one_line, two_lines], width) == pytest.approx(expected)


def test_fits_compares_with_the_frame(measurer: Measurer) -> None:
    para = TextPara((Run(WORDS),), 24)
    height = measurer.height([para], 300)
    assert measurer.fits([para], Frame(300, height))
    assert not measurer.fits([para], Frame(300, height - 0.5))
