"""Deck layouts: what layouts/deck-*.yaml may say, and what they must not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.read.layout import load_model
from leafdeck.render.deck.layout import MIN_BODY_SIZE, DeckLayout
from tests.conftest import LAYOUTS


@pytest.mark.parametrize("name", ["deck-base", "deck-clinician", "deck-patient"])
def test_shipped_deck_layouts_load(name: str) -> None:
    layout = load_model(LAYOUTS / f"{name}.yaml", DeckLayout, LAYOUTS)
    assert min(layout.sizes.body) >= MIN_BODY_SIZE
    assert min(layout.sizes.references) >= MIN_BODY_SIZE


def test_a_deck_layout_lists_no_sections() -> None:
    """What a talk shows is the content plan's (layouts/products.yaml), never the deck layout's."""
    clinician = load_model(LAYOUTS / "deck-clinician.yaml", DeckLayout, LAYOUTS)
    assert "sections" not in DeckLayout.model_fields
    assert clinician.talk.clinician_titles
    assert not load_model(LAYOUTS / "deck-patient.yaml", DeckLayout, LAYOUTS).talk.clinician_titles


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("sizes: {body: [24, 16]}", "the number 16 is too small: it must be at least 18"),
        ("sizes: {body: [18, 24]}", "largest first"),
        ("sections: [title, disclosure]", "sections"),
        ('palette: {muted: "#BBBBBB"}', "contrast"),
        ("font: {regular: fonts/Missing.ttf}", "file not found"),
    ],
)
def test_mistakes_are_reported(copied_layouts: Path, override: str, message: str) -> None:
    broken = copied_layouts / "deck-broken.yaml"
    broken.write_text(f"extends: deck-base.yaml\n{override}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(broken, DeckLayout, copied_layouts)
    assert message in str(caught.value)


@pytest.fixture(scope="module")
def copied_layouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """deck-base.yaml with the template and fonts it names, in a folder of its own."""
    root = tmp_path_factory.mktemp("layouts")
    (root / "fonts").mkdir()
    for name in ("deck-base.yaml", "deck-template.pptx", "fonts/Carlito-Regular.ttf", "fonts/Carlito-Bold.ttf"):
        shutil.copyfile(LAYOUTS / name, root / name)
    return root
