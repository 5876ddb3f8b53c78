"""render/deck/parts.py: slides, notes pages, pictures (named or not) and plain text added without python-pptx's
repeated searches must be the very XML python-pptx writes."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from leafdeck.render.deck.package import name_parts_directly
from leafdeck.render.deck.parts import Parts, placeholders, set_text
from tests.conftest import LAYOUTS

TEMPLATE = LAYOUTS / "deck-template.pptx"


def _png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 4), colour).save(out, format="PNG")
    return out.getvalue()


def _members(prs: object) -> dict[str, bytes]:
    """Every part's XML (or bytes) and relationships, by part name."""
    found = {}
    for part in prs.part.package.iter_parts():  # type: ignore[attr-defined]
        found[str(part.partname)] = part.blob
        found[f"{part.partname} rels"] = part.rels.xml if part._rels else b""
    return found


@pytest.mark.parametrize("order", [[0, 1, 1, 0, 2], [2, 2, 2], [1]])
def test_slides_notes_and_pictures_are_python_pptx_s(order: list[int]) -> None:
    images = [_png("red"), _png("blue"), _png("green")]
    plain, fast = Presentation(str(TEMPLATE)), Presentation(str(TEMPLATE))
    name_parts_directly(fast.part.package)  # slides, notes pages and images named by counting on
    parts = Parts(fast)
    for number, index in enumerate(order):
        slide = plain.slides.add_slide(plain.slide_layouts[index])
        slide.notes_slide.notes_text_frame.text = f"notes {number}"
        for image in (images[number % 2], images[0], images[2 * (number % 2)]):
            slide.shapes.add_picture(io.BytesIO(image), Pt(10), Pt(20), Pt(30), Pt(40))
        logo = slide.shapes.add_picture(io.BytesIO(images[1]), Pt(50), Pt(60), Pt(70), Pt(80))
        logo.name = "Clinic logo"
        logo._element.nvPicPr.cNvPr.set("descr", "The clinic's logo")
        other = parts.slide(fast.slide_layouts[index])
        set_text(parts.notes(other), f"notes {number}")
        for image in (images[number % 2], images[0], images[2 * (number % 2)]):
            parts.picture(other, image, Pt(10), Pt(20), Pt(30), Pt(40))
        parts.named_picture(other, images[1], (Pt(50), Pt(60), Pt(70), Pt(80)), "Clinic logo", "The clinic's logo")
    assert _members(fast) == _members(plain)


@pytest.mark.parametrize(
    "text",
    ["", "one line", "two\nparagraphs", "a\vbreak", "\n\nempty first", "trailing\v", "bell\x07 & <tags>", "tab\tkept"],
)
def test_set_text_writes_what_the_text_setter_writes(text: str) -> None:
    prs = Presentation(str(TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    plain, fast = slide.notes_slide.notes_text_frame, slide.shapes.add_textbox(0, 0, 10, 10).text_frame
    reference = slide.shapes.add_textbox(0, 0, 10, 10).text_frame
    reference.text = text
    set_text(fast._txBody, text)
    assert fast._txBody.xml == reference._txBody.xml
    set_text(plain._txBody, text)
    assert plain.text == reference.text


def test_placeholders_are_the_slides_own_by_index() -> None:
    """Every layout of the template: the same shapes, classes and indexes as ``slide.placeholders``."""
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        slide.shapes.add_textbox(0, 0, 10, 10)  # not a placeholder: left out
        expected = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        found = placeholders(slide)
        assert found.keys() == expected.keys()
        for idx, shape in found.items():
            assert type(shape) is type(expected[idx])
            assert shape.element is expected[idx].element
