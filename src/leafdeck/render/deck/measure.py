"""How tall a text frame's content is, measured with the real font files.

PowerPoint shrinks text only once someone edits it, and python-pptx has no layout engine, so the
planner measures before it decides: greedy word wrap with Pillow's advance widths (the bundled
Carlito, metric-compatible with the Calibri the deck names), lines times the font's own line
height, plus the space above each paragraph. Widths are measured unhinted at a large reference
size and scaled, so any point size (also fractional) measures the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

_REFERENCE_SIZE = 1000
"""Pixel size the fonts are loaded at; widths scale linearly from it."""


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
    """Space above the paragraph in points."""


@dataclass(frozen=True)
class Frame:
    """The inside of a text box, in points."""

    width: float
    height: float


class Measurer:
    """Measures wrapped text with one font family's regular and bold files."""

    def __init__(self, regular: Path, bold: Path, line_spacing: float) -> None:
        self._fonts = {
            False: ImageFont.truetype(str(regular), _REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC),
            True: ImageFont.truetype(str(bold), _REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC),
        }
        # FreeType's line height: ascent + descent + line gap, as PowerPoint and LibreOffice space lines.
        self._line_height = self._fonts[False].font.height / _REFERENCE_SIZE * line_spacing
        self._width = functools.lru_cache(maxsize=65536)(self._unscaled_width)

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        """Advance width of ``text`` at ``size`` points, in points."""
        return self._width(text, bold) * size / _REFERENCE_SIZE

    def line_height(self, size: float) -> float:
        """Height of one line at ``size`` points, line spacing included."""
        return self._line_height * size

    def lines(self, runs: Sequence[Run], size: float, width: float) -> int:
        """Number of lines greedy word wrap needs for ``runs`` in ``width`` points."""
        space = self.width(" ", size)
        count, x = 1, 0.0
        for word in _words(runs):
            word_width = sum(self.width(text, size, bold=bold) for text, bold in word)
            if x > 0 and x + space + word_width <= width:
                x += space + word_width
                continue
            if x > 0:
                count += 1
            extra, x = self._placed(word, size, width)
            count += extra
        return count

    def height(self, paras: Sequence[TextPara], width: float) -> float:
        """Height of the paragraphs set in a frame ``width`` points wide."""
        total = 0.0
        for para in paras:
            lines = self.lines(para.runs, para.size, width - para.margin)
            total += para.space_before + lines * self.line_height(para.size)
        return total

    def fits(self, paras: Sequence[TextPara], frame: Frame) -> bool:
        """Whether the paragraphs fit in the frame."""
        return self.height(paras, frame.width) <= frame.height

    def _placed(self, word: tuple[tuple[str, bool], ...], size: float, width: float) -> tuple[int, float]:
        """Extra lines and end position of a word starting a line; too-long words break between letters."""
        extra, x = 0, 0.0
        for text, bold in word:
            for char in text:
                char_width = self.width(char, size, bold=bold)
                if x > 0 and x + char_width > width:
                    extra, x = extra + 1, 0.0
                x += char_width
        return extra, x

    def _unscaled_width(self, text: str, bold: bool) -> float:
        return float(self._fonts[bold].getlength(text))


def _words(runs: Sequence[Run]) -> list[tuple[tuple[str, bool], ...]]:
    """Words across runs (a word may change weight midway), split at spaces."""
    words: list[tuple[tuple[str, bool], ...]] = []
    current: list[tuple[str, bool]] = []
    for run in runs:
        for index, part in enumerate(run.text.split(" ")):
            if index > 0 and current:
                words.append(tuple(current))
                current = []
            if part:
                current.append((part, run.bold))
    if current:
        words.append(tuple(current))
    return words
