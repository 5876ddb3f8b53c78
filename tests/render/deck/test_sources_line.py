"""Source lines of a talk, read back from the bundled knowledge base's clinician deck (issue 20):
every short form carries a year, or the language's "n.d." when the evidence list verifies none,
and the references list prints the authors the source line names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from leafdeck.model import KnowledgeBase
from leafdeck.plan.evidence import short_reference
from leafdeck.render.deck.sections import short_cite

_CITED = re.compile(r"\[(\d+)\] ([^;\[]+)")


def source_lines(deck: Path) -> dict[int, str]:
    """Each reference number shown on a slide's source line → its short form there."""
    found: dict[int, str] = {}
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.name == "Citation":
                found |= {int(n): text.strip().rstrip(";") for n, text in _CITED.findall(shape.text_frame.text)}
    return found


def references_text(deck: Path) -> str:
    """Every references slide's body text, joined."""
    texts = []
    for slide in Presentation(str(deck)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text.startswith("References"):
            texts += [s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    return "\n".join(texts)


@pytest.mark.parametrize(
    ("ref_id", "undated", "expected"),
    [
        ("traboulsee-2018", "n.d.", "Traboulsee AL et al., 2018"),  # year verified: printed
        ("ctv-2017", "n.d.", "CTV News, n.d."),  # year not seen on the page
        ("ctv-2017", "", "CTV News"),  # the leaflets' compact form leaves it out
        ("cochrane-2019", "n.d.", "Jagannath VA et al., 2019"),  # first author verified (addendum A4)
    ],
)
def test_short_forms(bundled_kb: KnowledgeBase, ref_id: str, undated: str, expected: str) -> None:
    ref = next(r for r in bundled_kb.references if r.id == ref_id)
    assert short_cite(ref, undated) == expected
    assert short_reference(ref, undated) == expected + "."


def test_every_source_line_carries_a_year(built: dict[str, Path]) -> None:
    """No "[14] CTV News" alone: each short form ends in a four-digit year or "n.d."."""
    for audience in ("clinician", "patient"):
        lines = source_lines(built[audience])
        assert lines, audience
        undated = {n: text for n, text in lines.items() if not re.search(r", (\d{4}[a-z]?|n\.d\.)$", text)}
        assert undated == {}, audience


@pytest.mark.parametrize(("author", "year"), [("Jagannath VA", "2019"), ("Traboulsee AL", "2018")])
def test_reference_list_names_the_cited_authors(built: dict[str, Path], author: str, year: str) -> None:
    """The author a source line names is in the references list entry too."""
    lines = source_lines(built["clinician"]).values()
    assert any(text.startswith(author) and text.endswith(year) for text in lines)
    entries = [e for e in references_text(built["clinician"]).split("\n") if author in e]
    assert any(year in e for e in entries), author
