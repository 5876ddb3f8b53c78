"""A real space before each line end of a text object (``render/leaflet/spaces.py``), read
back from a real reportlab paragraph drawn on a canvas and from hand-written operators."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from leafdeck.render.leaflet import spaces

DOC = SimpleNamespace(fontMapping={"Helvetica": "/F1"})
"""A document whose one font is a standard (not subset) font."""


@pytest.mark.parametrize(
    ("code", "broken", "expected"),
    [
        ("/F1 10 Tf (for) Tj T* (multiple) Tj T*", frozenset(), "/F1 10 Tf (for) Tj ( ) Tj T* (multiple) Tj ( ) Tj T*"),
        (
            "/F1 10 Tf (https://a.org/ve) Tj T* (ry) Tj T*",
            frozenset({0}),
            "/F1 10 Tf (https://a.org/ve) Tj T* (ry) Tj ( ) Tj T*",
        ),
        ("/F1 10 Tf (a \\(T*\\)) Tj T*", frozenset(), "/F1 10 Tf (a \\(T*\\)) Tj ( ) Tj T*"),
        ("/F1 10 Tf T* (b) Tj T*", frozenset(), "/F1 10 Tf T* (b) Tj ( ) Tj T*"),
        ("/F9 10 Tf (unknown font) Tj T*", frozenset(), "/F9 10 Tf (unknown font) Tj  T*"),
    ],
    ids=["every line", "split word", "T* inside a string", "empty line", "unknown font"],
)
def test_a_space_goes_before_each_line_end_with_text(code: str, broken: frozenset[int], expected: str) -> None:
    assert spaces.spaced(code, DOC, broken) == expected


def _paragraph(markup: str, width: float) -> Paragraph:
    para = Paragraph(markup, ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=1))
    para.wrap(width, 1000)
    return para


@pytest.mark.parametrize(
    ("markup", "width", "expected"),
    [
        ("word " * 30, 150, frozenset()),
        (
            'see <a href="https://a.org">https://example.org/' + "x" * 80 + "</a> and more words",
            150,
            frozenset({0, 1, 2}),
        ),
        ("<b>Step 1:</b> tell<br/>apart the two things", 300, frozenset()),
    ],
    ids=["plain words", "long address", "line break"],
)
def test_lines_ending_inside_a_word_are_found(markup: str, width: float, expected: frozenset[int]) -> None:
    assert spaces.broken_lines(_paragraph(markup, width)) == expected


def test_a_drawn_paragraph_reads_with_word_breaks_and_does_not_move(tmp_path: Path) -> None:
    """The real operators of a reportlab paragraph: the text read back has a space at each line
    end, and every glyph is where it was (the same text, line by line, with pdftotext's layout)."""
    para = _paragraph("for " * 5 + "multiple sclerosis " * 6, 150)
    code: list[str] = []

    class Spaced(Canvas):
        def drawText(self, aTextObject: object) -> None:  # reportlab's name
            aTextObject._code = [spaces.spaced(" ".join(aTextObject._code), self._doc)]  # type: ignore[attr-defined]
            code.append(aTextObject._code[0])  # type: ignore[attr-defined]
            super().drawText(aTextObject)  # type: ignore[arg-type]

    canvas = Spaced(str(tmp_path / "p.pdf"))
    para.drawOn(canvas, 72, 500)
    canvas.save()
    text = PdfReader(tmp_path / "p.pdf").pages[0].extract_text()
    assert len(para.blPara.lines) > 2
    assert code[0].count("( ) Tj T*") == len(para.blPara.lines)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [line.split() for line in lines] == [list(words) for _, words in para.blPara.lines]
