"""How tall a text frame's content is, measured with the real font files the way slides set it.

PowerPoint shrinks text only once someone edits it, and python-pptx has no layout engine, so the
planner measures before it decides. It sets text as PowerPoint and LibreOffice Impress do (checked
against LibreOffice's PDFs, see tests/render/deck/test_fit.py):

- widths: text shaped by HarfBuzz with the font's default features (the bundled Carlito,
  metric-compatible with the Calibri the deck names): glyph advances, pair kerning (both programs
  kern text of 12 pt and more, and the template asks for that), ligatures; a no-break space
  without a glyph of its own is as wide as a space;
- lines: greedy wrap at spaces and after a hyphen, en dash or em dash inside a word (also before
  an em dash); a word longer than the line breaks between letters;
- line height: a single-spaced line is 1.2 em whatever the font's own ascent and descent, times
  the paragraph's line spacing;
- paragraph spacing: the space above a paragraph counts, except above the first one in the frame.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

SINGLE_LINE = 1.2
"""Height of a single-spaced line in em: PowerPoint's rule, which LibreOffice follows for .pptx."""

_BREAK_AFTER = frozenset("-\u2010\u2013\u2014")
"""A line may break after these inside a word (hyphen, hyphen, en dash, em dash)."""
_BREAK_BEFORE = frozenset("\u2014")
"""... and before these (em dash)."""


@dataclass(frozen=True)
class Run:
    """A stretch of text in one weight."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class TextPara:
    """A paragraph as the measurer sees it."""

    runs: tuple[Run, ...]
    size: float
    """Font size in points."""
    margin: float = 0.0
    """Left margin in points (the text of every line starts there)."""
    space_before: float = 0.0
    """Space above the paragraph in points (not above the frame's first paragraph)."""


@dataclass(frozen=True)
class Frame:
    """The inside of a text box, in points."""

    width: float
    height: float


Piece = tuple[tuple[str, bool], ...]
"""Text between two break opportunities, as (text, bold) parts: a word may change weight midway."""


class _Face:
    """Advance widths of one font file as HarfBuzz shapes text (the engine LibreOffice uses, with
    its default features: pair kerning, ligatures), in font units."""

    def __init__(self, path: Path) -> None:
        face = hb.Face(hb.Blob.from_file_path(str(path)))
        self.units_per_em: int = face.upem
        self._font = hb.Font(face)

    def units(self, text: str) -> int:
        """Advance of ``text``, shaped left to right, in font units."""
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(self._font, buffer, {})
        return sum(position.x_advance for position in buffer.glyph_positions)


class Measurer:
    """Measures wrapped text with one font family's regular and bold files."""

    def __init__(self, regular: Path, bold: Path, line_spacing: float) -> None:
        self._faces = {False: _Face(regular), True: _Face(bold)}
        self._line_height = SINGLE_LINE * line_spacing
        self._units = functools.lru_cache(maxsize=None)(self._unscaled_units)
        self._pieces = functools.lru_cache(maxsize=4096)(_pieces)
        self._lines = functools.lru_cache(maxsize=65536)(self._count_lines)

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        """Advance width of ``text`` at ``size`` points, in points."""
        return self._units(text, bold) * size

    def line_height(self, size: float) -> float:
        """Height of one line at ``size`` points, line spacing included."""
        return self._line_height * size

    def lines(self, runs: Sequence[Run], size: float, width: float) -> int:
        """Number of lines greedy wrapping needs for ``runs`` in ``width`` points."""
        return self._lines(tuple(runs), size, width)

    def height(self, paras: Sequence[TextPara], width: float) -> float:
        """Height of the paragraphs set in a frame ``width`` points wide."""
        return self.grown(0.0, paras, width, first=True)

    def grown(self, height: float, paras: Sequence[TextPara], width: float, *, first: bool) -> float:
        """``height`` (points: what the frame already holds) with ``paras`` set below it in a frame
        ``width`` points wide; ``first`` when the frame holds nothing yet (no space above the first
        paragraph). Adds in the order ``height`` does, so the sum is the same to the last bit."""
        total = height
        for index, para in enumerate(paras):
            lines = self._lines(para.runs, para.size, width - para.margin)
            total += (para.space_before if index or not first else 0.0) + lines * self.line_height(para.size)
        return total

    def fits(self, paras: Sequence[TextPara], frame: Frame) -> bool:
        """Whether the paragraphs fit in the frame."""
        return self.height(paras, frame.width) <= frame.height

    def _count_lines(self, runs: tuple[Run, ...], size: float, width: float) -> int:
        space = self.width(" ", size)
        count, x = 1, 0.0
        for spaced, piece in self._pieces(runs):
            piece_width = sum(self.width(text, size, bold=bold) for text, bold in piece)
            gap = space if spaced else 0.0
            if x > 0 and x + gap + piece_width <= width:
                x += gap + piece_width
                continue
            if x > 0:
                count += 1
            extra, x = self._placed(piece, size, width)
            count += extra
        return count

    def _placed(self, piece: Piece, size: float, width: float) -> tuple[int, float]:
        """Extra lines and end position of a piece starting a line; too-long pieces break between letters."""
        whole = sum(self.width(text, size, bold=bold) for text, bold in piece)
        if whole <= width:
            return 0, whole
        extra, x = 0, 0.0
        for text, bold in piece:
            for char in text:
                char_width = self.width(char, size, bold=bold)
                if x > 0 and x + char_width > width:
                    extra, x = extra + 1, 0.0
                x += char_width
        return extra, x

    def _unscaled_units(self, text: str, bold: bool) -> float:
        face = self._faces[bold]
        return face.units(text) / face.units_per_em


def _pieces(runs: tuple[Run, ...]) -> list[tuple[bool, Piece]]:
    """The stretches between break opportunities, each with whether a space comes before it."""
    pieces: list[tuple[bool, Piece]] = []
    current: list[tuple[str, bool]] = []
    spaced = False
    for run in runs:
        for index, word in enumerate(run.text.split(" ")):
            if index > 0 and current:
                pieces.append((spaced, tuple(current)))
                current = []
            spaced = spaced or index > 0
            start = 0
            for at, char in enumerate(word):
                if char in _BREAK_BEFORE and start < at:
                    current.append((word[start:at], run.bold))
                    pieces.append((spaced, tuple(current)))
                    current, spaced, start = [], False, at
                if char in _BREAK_AFTER and 0 < at < len(word) - 1:
                    current.append((word[start : at + 1], run.bold))
                    pieces.append((spaced, tuple(current)))
                    current, spaced, start = [], False, at + 1
            if word[start:]:
                current.append((word[start:], run.bold))
    if current:
        pieces.append((spaced, tuple(current)))
    return pieces
