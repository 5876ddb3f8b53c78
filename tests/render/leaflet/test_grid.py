"""The option grid and the values exercise, read back from the rendered page."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.plan.blocks import GridLine, OptionColumn, OptionGrid, Paragraph, Values
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet.grid import option_grid, values
from leafdeck.render.leaflet.markup import cite_mark
from tests.render.leaflet import drawn, pdftext

QUESTIONS = ("What is it?", "Does it help?", "What are the risks?", "Can I change my mind?")
OPTIONS = ("Have it", "Stay with care", "Join a trial")


def grid() -> OptionGrid:
    columns = tuple(OptionColumn(f"o{i}", name) for i, name in enumerate(OPTIONS))
    rows = tuple(
        GridLine(q, f"row{r}", tuple(Paragraph(f"Answer {r}{c} in a few words.", (f"ref{c}",)) for c in range(3)))
        for r, q in enumerate(QUESTIONS)
    )
    return OptionGrid(columns, rows)


def cite(ids: object) -> str:
    return cite_mark([int(str(i)[3:]) + 1 for i in ids])  # type: ignore[attr-defined]


def test_grid_cells_hold_the_text_and_its_citations(tmp_path: Path, english: Labels) -> None:
    theme = drawn.theme(english)
    pdf = drawn.one_page(tmp_path / "grid.pdf", [option_grid(grid(), theme, 460.0, cite)], 460.0)
    text = pdftext.words(pdftext.page_texts(pdf)[0])
    for r in range(len(QUESTIONS)):
        for c in range(3):
            assert f"Answer {r}{c} in a few words. [{c + 1}]" in text
    question, options = drawn.text_box(pdf, "Question"), [drawn.text_box(pdf, name) for name in OPTIONS]
    assert max(abs(box[3] - question[3]) for box in options) < 3  # one header row
    assert [box[0] for box in options] == sorted(box[0] for box in options)  # in the plan's order
    sizes = pdftext.font_sizes(pdf)
    assert min(sizes) >= max(11.0, theme.layout.min_font_size)


def test_header_is_white_on_primary_and_rows_alternate(tmp_path: Path, english: Labels) -> None:
    theme = drawn.theme(english)
    pdf = drawn.one_page(tmp_path / "grid.pdf", [option_grid(grid(), theme, 460.0, cite)], 460.0)
    image = drawn.pixels(pdf, 100)
    scale = 100 / 72
    height = image.height / scale

    def colour_left_of(text: str) -> tuple[int, int, int]:
        left, bottom, _, top = drawn.text_box(pdf, text)
        return image.getpixel((round((left - 2) * scale), round((height - (bottom + top) / 2) * scale)))

    primary = tuple(round(c * 255) for c in theme.colour("primary").rgb())
    tint, paper = (tuple(round(c * 255) for c in theme.hex(n).rgb()) for n in ("tint", "background"))
    assert colour_left_of("Question") == primary
    assert [colour_left_of(q) for q in QUESTIONS] == [paper, tint, paper, tint]
    left, bottom, right, top = drawn.text_box(pdf, "Question")
    inked = [
        image.getpixel((x, y))
        for x in range(round(left * scale), round(right * scale))
        for y in range(round((height - top) * scale), round((height - bottom) * scale))
    ]
    assert max(inked, key=sum) >= (240, 240, 240)  # white letters


def test_a_long_grid_splits_between_rows_and_repeats_its_header(tmp_path: Path, english: Labels) -> None:
    theme = drawn.theme(english)
    pdf = drawn.one_page(tmp_path / "grid.pdf", [option_grid(grid(), theme, 460.0, cite)], 460.0, height=220.0)
    pages = [pdftext.words(text) for text in pdftext.page_texts(pdf)]
    assert len(pages) > 1
    assert all(page.startswith("Question Have it") for page in pages)
    for r, question in enumerate(QUESTIONS):
        (page,) = [p for p in pages if question in p]
        assert all(f"Answer {r}{c}" in page for c in range(3))  # a row never splits


@pytest.mark.parametrize(("layout", "width"), [("leaflet-a4", 280.0), ("leaflet-large-print-a4", 493.0)])
def test_a_narrow_grid_is_set_one_question_at_a_time(
    tmp_path: Path, english: Labels, layout: str, width: float
) -> None:
    """Too narrow for a column per option (a panel; large print on A4): each question heads its
    options' answers, in order, and a question split between pages is repeated above the rest."""
    theme = drawn.theme(english, layout)
    pdf = drawn.one_page(tmp_path / "grid.pdf", [option_grid(grid(), theme, width, cite)], width, height=330.0)
    pages = [pdftext.words(text) for text in pdftext.page_texts(pdf)]
    text = " ".join(pages)
    for r, question in enumerate(QUESTIONS):
        answers = [f"{name} Answer {r}{c} in a few words. [{c + 1}]" for c, name in enumerate(OPTIONS)]
        assert all(answer in text for answer in answers)
        assert text.index(question) < text.index(answers[0])
    assert len(pages) > 1
    assert all(page.split()[0] in " ".join(QUESTIONS) for page in pages[1:])  # each page starts with a question
    assert min(pdftext.font_sizes(pdf)) >= max(11.0, theme.layout.min_font_size)


def exercise() -> Values:
    prompts = tuple(Paragraph(f"Prompt number {i}", (), f"value-{i}") for i in range(4))
    return Values(prompts, ("Matters little", "Matters a lot"), "Mark each line.")


@pytest.mark.parametrize(("width", "layout"), [(460.0, "beside"), (200.0, "under"), (1000.0, "two a row")])
def test_each_prompt_has_five_boxes_between_its_two_ends(
    tmp_path: Path, english: Labels, width: float, layout: str
) -> None:
    theme = drawn.theme(english)
    pdf = drawn.one_page(tmp_path / "values.pdf", [values(exercise(), theme, width)], width)
    text = pdftext.words(pdftext.page_texts(pdf)[0])
    assert text.startswith("Mark each line.")
    assert text.count("Matters little") == text.count("Matters a lot") == 4
    image = drawn.pixels(pdf, 100, grey=True)
    side = (theme.layout.grid.box if theme.layout.grid else 14.0) * 100 / 72
    boxes = [b for b in drawn.blobs(image, lambda v: v < 128) if abs(b.width - side) < 3 and abs(b.height - side) < 3]
    assert len(boxes) == 5 * 4
    assert all(b.solidity < 0.4 for b in boxes)  # empty, to tick
    prompt, low, high = (drawn.text_box(pdf, words) for words in ("Prompt number 0", "Matters little", "Matters a lot"))
    second = drawn.text_box(pdf, "Prompt number 1")
    if layout == "under":
        assert low[3] < prompt[1]
        assert high[2] > low[2]
    else:
        assert prompt[2] < low[0] < high[0]
    assert (abs(second[1] - prompt[1]) < 1) == (layout == "two a row")
