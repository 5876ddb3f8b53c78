"""Main slides use their space (issue 20: half-empty slides): a slide whose text is short is set
at the layout's largest body size, read back from the bundled knowledge base's decks; dense
slides keep the size they fit at."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import DeckLayout
from tests.render.deck.conftest import resolve


def body_sizes(deck: Path) -> dict[str, float]:
    """Each slide's title → the run size (pt) of its body placeholder, for slides that have one."""
    found = {}
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.text_frame.text and title is not None:
                found[title.text_frame.text] = max(
                    r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size
                )
    return found


@pytest.mark.parametrize(
    ("audience", "layout", "title"),
    [
        ("clinician", "deck-clinician", "Not an approved treatment"),
        (
            "clinician",
            "deck-clinician",
            "Regulators and expert groups do not support venous angioplasty as a treatment for MS.",
        ),
        ("patient", "deck-patient", "Why did people hope it would work?"),
        ("patient", "deck-patient", "What should I do next?"),
    ],
)
def test_short_slides_take_the_largest_body_size(
    built: dict[str, Path], audience: str, layout: str, title: str
) -> None:
    sizes = resolve(layout).layout.sizes
    largest = sizes.body[0]
    assert largest >= {"deck-clinician": 28, "deck-patient": 32}[layout]  # as large as the titles allow
    assert largest <= max(sizes.title) or layout == "deck-patient"  # a clinician body never outsizes its title
    assert body_sizes(built[audience])[title] == largest


def test_every_body_size_is_a_listed_one(built: dict[str, Path], clinician: Resolved[DeckLayout]) -> None:
    listed = set(clinician.layout.sizes.body) | set(clinician.layout.sizes.references)
    assert set(body_sizes(built["clinician"]).values()) <= listed
