"""A backup slide's outcome line whose count is out of another number than its group's size says
so (issue 20: siblings 31/47 beside n = 46, both as evidence.md section 4b reports them), read
back from the bundled knowledge base's clinician deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

NOTE = "(denominators as reported for this measure)"


def paragraphs(deck: Path) -> list[str]:
    """Every paragraph of every text frame of the deck."""
    return [
        p.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]


@pytest.mark.parametrize(
    ("fragment", "noted"),
    [
        ("Brothers and sisters 66% (31/47)", True),  # the siblings group has n = 46
        ("Venous angioplasty 54% (38/71)", True),  # Brave Dreams' angioplasty group has n = 76
        ("Brothers and sisters 2% (1/46)", False),  # out of the group's own size
    ],
)
def test_a_denominator_other_than_the_group_size_is_noted(built: dict[str, Path], fragment: str, noted: bool) -> None:
    found = [p for p in paragraphs(built["clinician"]) if fragment in p]
    assert found, fragment
    assert all(p.endswith(NOTE) == noted for p in found), found
