"""Fit checked by a real renderer: every deck of every language, set by LibreOffice.

The decks are built as ``leafdeck build --lang all --format pptx`` builds them, converted to PDF
by LibreOffice in one run, and read back with ``pdftotext -bbox``. Each word goes to the text box
it was set in (the box that holds it across, whose font size it has, and whose top is the nearest
above it; text inside a chart's or a table's frame is the frame's own). A box's place on the page is its place
on the slide, scaled from EMU to the PDF's points.

- No text box's last line lies below its box, and no word lies outside every box.
- The planner's measurement agrees with LibreOffice: for every body text frame, the height of the
  text LibreOffice set (first line's top to last line's bottom) is never more than the measurer's
  height (at the width the planner wraps in) and at most one line less.
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.shapes.group import GroupShape
from pptx.util import Emu

from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.measure import SINGLE_LINE, Measurer
from tests.conftest import REPO, require_font, require_tool
from tests.render.deck.conftest import _inside, _measured

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_CELL = 1.3
"""Height of pdftotext's word box in em (0.95 above the baseline, 0.35 below, from the PDF's fonts)."""
_SIZE_TOLERANCE = 0.6
"""Points between a word's size (from its box) and a run's size for the word to belong to the run."""
_BULLETS = frozenset("•–")


@dataclass(frozen=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def size(self) -> float:
        return (self.bottom - self.top) / _CELL


@dataclass(frozen=True)
class Rendered:
    """One deck and the PDF LibreOffice made of it."""

    name: str
    deck: Path
    pdf: Path


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    """Every talk deck of every language, built with the CLI and converted by LibreOffice."""
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    require_font("Carlito")  # else LibreOffice sets the text in a wider fallback font
    root = tmp_path_factory.mktemp("fit")
    command = [sys.executable, "-m", "leafdeck", "build", "--lang", "all", "--format", "pptx"]
    command += ["--out", str(root / "output"), "--build-dir", str(root / "build"), "--jobs", "2"]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, timeout=600)
    flat = root / "decks"
    flat.mkdir()
    decks = []
    for deck in sorted((root / "output").glob("*/*/*/talk-*.pptx")):
        clinic, language, audience = deck.parent.relative_to(root / "output").parts
        name = f"{clinic}-{language}-{audience}-{deck.stem}"
        shutil.copyfile(deck, flat / f"{name}.pptx")
        decks.append(Rendered(name, flat / f"{name}.pptx", flat / f"{name}.pdf"))
    assert decks, "the build wrote no talk deck"
    profile = (root / "lo-profile").as_uri()
    convert = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf"]
    subprocess.run(
        [*convert, "--outdir", str(flat), *(str(d.deck) for d in decks)], check=True, capture_output=True, timeout=600
    )
    fonts = subprocess.run(["pdffonts", str(decks[0].pdf)], capture_output=True, text=True).stdout
    if "Carlito" not in fonts:
        pytest.fail(f"LibreOffice set the decks without Carlito (fonts-crosextra-carlito): {fonts}")
    return decks


def _pages(pdf: Path) -> list[tuple[float, list[Word]]]:
    """Each page's width and words."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        width = float(_PAGE.match("<page " + chunk).group(1))  # type: ignore[union-attr]
        words = [
            Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(chunk)
        ]
        pages.append((width, words))
    return pages


@dataclass
class Placed:
    """A text box of a slide, in PDF points, with the words set in it."""

    shape: object
    left: float
    top: float
    right: float
    bottom: float
    sizes: frozenset[float]
    words: list[Word]


def _boxes(deck: Rendered) -> list[tuple[int, list[Placed], list[Word]]]:
    """For each slide: its text boxes with their words, and the words that fell in no box."""
    slides = []
    prs = Presentation(str(deck.deck))
    slide_width = Emu(prs.slide_width).pt
    for number, (slide, (page_width, words)) in enumerate(zip(prs.slides, _pages(deck.pdf), strict=True), start=1):
        scale = page_width / slide_width

        def box(shape: object, scale: float = scale) -> tuple[float, float, float, float]:
            left, top = Emu(shape.left).pt * scale, Emu(shape.top).pt * scale  # type: ignore[attr-defined]
            return left, top, left + Emu(shape.width).pt * scale, top + Emu(shape.height).pt * scale  # type: ignore[attr-defined]

        shapes = list(_flat(slide.shapes))
        frames = [box(s) for s in shapes if getattr(s, "has_chart", False) or getattr(s, "has_table", False)]
        placed = [
            Placed(s, *box(s), _sizes(s, scale), []) for s in shapes if s.has_text_frame and s.text_frame.text.strip()
        ]
        lost = []
        for word in words:
            x, y = (word.left + word.right) / 2, (word.top + word.bottom) / 2
            if any(c[0] <= x <= c[2] and c[1] <= y <= c[3] for c in frames):
                continue  # a chart's or a table's own text, laid out by its frame
            holders = [
                p
                for p in placed
                if p.left - 1 <= x <= p.right + 1
                and p.top - 1 <= word.top
                and any(abs(word.size - size) < _SIZE_TOLERANCE for size in p.sizes)
            ]
            if holders:
                max(holders, key=lambda p: p.top).words.append(word)
            else:
                lost.append(word)
        slides.append((number, placed, lost))
    return slides


def _flat(shapes: Iterable[object]) -> Iterator[object]:
    """The shapes, with those of groups in their place (groups are drawn at their own size)."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _flat(shape.shapes)
        else:
            yield shape


def _sizes(shape: object, scale: float) -> frozenset[float]:
    body = shape.text_frame._txBody  # type: ignore[attr-defined]
    found = {int(r.get("sz")) / 100 * scale for r in body.iter(qn("a:rPr")) if r.get("sz")}
    return frozenset(found)


def test_no_text_box_ends_below_its_box(rendered: list[Rendered]) -> None:
    problems = []
    for deck in rendered:
        for number, placed, lost in _boxes(deck):
            for box in placed:
                name = f"{deck.name} slide {number} {box.shape.name}"  # type: ignore[attr-defined]
                if not box.words:
                    problems.append(f"{name}: no word of it found on the page")
                    continue
                below = max(w.bottom for w in box.words) - box.bottom
                if below > 0:
                    problems.append(f"{name}: last line {below:.1f} pt below the box")
                beyond = max(w.right for w in box.words) - box.right
                if beyond > 0:
                    problems.append(f"{name}: a word runs {beyond:.1f} pt past the box's right edge")
            problems += [
                f"{deck.name} slide {number}: {w.text!r} at ({w.left:.0f}, {w.top:.0f}) is in no box" for w in lost
            ]
    assert problems == []


def test_the_planner_measures_what_libreoffice_sets(
    rendered: list[Rendered], measurer: Measurer, clinician: Resolved[DeckLayout]
) -> None:
    keep = 1 - clinician.layout.text.wrap_slack  # the planner wraps a little short of the edge
    problems, compared = [], 0
    for deck in rendered:
        for number, placed, _ in _boxes(deck):
            for box in placed:
                shape = box.shape
                if not shape.is_placeholder or shape.placeholder_format.idx == 0:  # type: ignore[attr-defined]
                    continue  # footers are one line; titles are centred and sized as a whole
                width = _inside(shape)[0] * keep
                paras = [_measured(p, measurer) for p in shape.text_frame._txBody.iter(qn("a:p"))]  # type: ignore[attr-defined]
                predicted = measurer.height(paras, width)
                tops = sorted(w.top for w in box.words if w.text not in _BULLETS)
                last = max(paras, key=lambda p: p.size).size
                pitch = measurer.line_height(last)
                rendered_height = tops[-1] - tops[0] + pitch
                compared += 1
                name = f"{deck.name} slide {number} {shape.name}"  # type: ignore[attr-defined]
                if rendered_height > predicted + 0.5:
                    problems.append(f"{name}: LibreOffice sets {rendered_height:.1f} pt, measured {predicted:.1f} pt")
                elif predicted - rendered_height > pitch + 0.5:
                    problems.append(
                        f"{name}: measured {predicted:.1f} pt, over a line more than LibreOffice's {rendered_height:.1f} pt"
                    )
    assert compared > 100
    assert problems == []


def test_a_line_is_1_2_em_in_libreoffice_too(rendered: list[Rendered], measurer: Measurer) -> None:
    """The measurer's line pitch is LibreOffice's: lines of one box at one size, 1.2 em apart (and
    more where a paragraph's space comes between them)."""
    pitches = []
    for _, placed, _ in _boxes(rendered[0]):
        for box in placed:
            lines = sorted({round(w.top, 2) for w in box.words if w.text not in _BULLETS})
            sizes = {round(w.size) for w in box.words}
            if len(lines) > 1 and len(sizes) == 1:
                size = sizes.pop()
                pitches += [(b - a) / size for a, b in itertools.pairwise(lines)]
    assert len(pitches) > 50
    assert statistics.median(pitches) == pytest.approx(SINGLE_LINE, abs=0.005)
    assert measurer.line_height(1) == SINGLE_LINE  # the layout's line spacing is 1
