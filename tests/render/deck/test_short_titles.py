"""Clinician action titles read back from the bundled knowledge base's deck (issue 20): no title is
shrunk below the layout's title sizes, none takes more than two lines, and a headline too long for
the largest size shows its ``short_headline`` (the notes, a script, do not read the headline out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from leafdeck.model import KnowledgeBase
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.measure import Measurer, Run
from leafdeck.render.deck.plan import frame
from leafdeck.render.deck.sections import plain


def titles(deck: Path) -> list[tuple[str, float, str]]:
    """Each slide's title text, its run size (pt) and the slide's notes."""
    found = []
    for slide in Presentation(str(deck)).slides:
        shape = slide.shapes.title
        if shape is None or not shape.text_frame.text:
            continue
        size = max(r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size)
        found.append((shape.text_frame.text, size, slide.notes_slide.notes_text_frame.text))
    return found


def headlines(kb: KnowledgeBase, item_id: str) -> tuple[str, str | None]:
    """An item's headline and short headline, as plain text."""
    item = next(x for x in (*kb.topics, *kb.studies) if x.id == item_id)
    assert item.headline is not None
    return plain(item.headline), plain(item.short_headline) if item.short_headline else None


def test_no_title_shrunk_or_over_two_lines(
    built: dict[str, Path], clinician: Resolved[DeckLayout], measurer: Measurer
) -> None:
    layout = clinician.layout
    room = frame(layout.boxes.title, layout)
    for text, size, _ in titles(built["clinician"])[1:]:  # the cover has its own sizes
        assert size in layout.sizes.title, text
        lines = measurer.lines((Run(text, bold=True),), size, room.width)
        assert lines <= layout.text.title_lines, (text, lines)


@pytest.mark.parametrize(
    ("item_id", "shown"),
    [
        ("topic-unknowns", "short"),  # 145 characters: its short form on screen
        ("topic-certainty", "full"),  # long, but two lines at the one title size (28 pt)
        ("topic-why-it-spread", "full"),
        ("topic-vein-theory", "full"),  # fits two lines as it is: no short form given
        ("topic-regulation", "full"),
    ],
)
def test_long_headlines_show_their_short_form(
    built: dict[str, Path], bundled_kb: KnowledgeBase, item_id: str, shown: str
) -> None:
    full, short = headlines(bundled_kb, item_id)
    found = {text: notes for text, _, notes in titles(built["clinician"])}
    if shown == "full":
        assert full in found
        return
    assert short is not None
    assert short in found
    assert full not in found
    assert full not in found[short], "the notes are the script: the headline is not read out"
