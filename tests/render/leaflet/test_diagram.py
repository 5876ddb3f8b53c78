"""The veins diagram: its labels where a reader looks for them, legible in every layout and in grey."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Diagram
from leafdeck.read.labels import Labels, load_labels
from leafdeck.render.leaflet.diagram import diagram
from tests.conftest import REPO
from tests.render.leaflet import drawn, pdftext

KEYS = ("diagram_jugular", "diagram_azygos", "diagram_heart", "diagram_balloon")


def block(kb: KnowledgeBase, labels: Labels) -> Diagram:
    assert kb.diagram is not None
    return Diagram(kb.diagram, tuple(labels(key) for key in KEYS))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("width", [459.0, 235.0])
def test_every_part_is_labelled(tmp_path: Path, bundled_kb: KnowledgeBase, language: str, width: float) -> None:
    """Wide: the jugular and azygos labels on the left, heart and balloon on the right, each
    level with its part (top to bottom: jugular above azygos, balloon above heart). Narrow: a
    numbered key under the drawing, in label order."""
    labels = load_labels(REPO / "sources", language)
    theme = drawn.theme(labels)
    shown = block(bundled_kb, labels)
    figure = diagram(shown, theme, width)
    pdf = drawn.one_page(tmp_path / "diagram.pdf", [figure], width)
    first_words = [drawn.text_box(pdf, label.split()[0], word=True) for label in shown.labels]
    jugular, azygos, heart, balloon = first_words
    if width >= 300:
        assert max(jugular[2], azygos[2]) < min(heart[0], balloon[0])
        assert (jugular[1] > azygos[1], balloon[1] > heart[1]) == (True, True)
    else:
        tops = [box[3] for box in first_words]
        assert tops == sorted(tops, reverse=True)
        assert max(abs(box[0] - jugular[0]) for box in first_words) < 3  # one left edge (glyphs differ)
        caption = drawn.text_box(pdf, shown.figure.caption.split()[0])
        assert caption[3] < balloon[1]
    assert figure.alt == figure.drawing.desc == shown.figure.alt


@pytest.mark.parametrize(("layout", "least"), [("leaflet-a4", 12.0), ("leaflet-large-print-a4", 16.0)])
def test_no_word_below_the_layouts_minimum(
    tmp_path: Path, bundled_kb: KnowledgeBase, english: Labels, layout: str, least: float
) -> None:
    theme = drawn.theme(english, layout)
    figures = [diagram(block(bundled_kb, english), theme, width, cite=lambda ids: " [3]") for width in (480.0, 200.0)]
    pdf = drawn.one_page(tmp_path / "diagram.pdf", figures, 480.0, height=1600.0)
    assert min(pdftext.font_sizes(pdf)) >= least
    assert bundled_kb.diagram is not None
    assert f"{bundled_kb.diagram.caption} [3]" in pdftext.words(pdftext.page_texts(pdf)[0])


def test_veins_body_and_balloon_stay_visible_in_grey(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """A grey copy still shows dark veins on a pale body, and the balloon as its own shape: a
    white edge separates it from the vein it widens."""
    wordless = Labels("en", {})
    theme = drawn.theme(wordless)
    assert bundled_kb.diagram is not None
    shown = Diagram(bundled_kb.diagram.model_copy(update={"caption": "x"}), ("", "", "", ""))
    pdf = drawn.one_page(tmp_path / "diagram.pdf", [diagram(shown, theme, 459.0)], 459.0, height=400.0)
    grey = drawn.pixels(pdf, 150, grey=True)
    histogram = grey.histogram()
    inked = sum(histogram[:250])
    assert sum(histogram[:110]) > inked * 0.08  # veins
    assert sum(histogram[200:250]) > inked * 0.5  # the body and heart
    dark = [b for b in drawn.blobs(grey, lambda v: v < 140) if b.area > 40]
    assert len(dark) >= 3  # veins, azygos, balloon each stand apart
