"""Talk decks (.pptx): plan the slides from the model, then emit them with python-pptx.

``plan`` (pure, measured with the bundled fonts) turns the product's outline (the content plan)
into slide specifications (``sections.py`` and ``talk.py`` draft what each slide says);
``emit`` writes them onto the template (``layouts/deck-template.pptx``) with the clinic's brand.
"""

from __future__ import annotations

from pathlib import Path

from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import DeckLayout, localised


def render(outline: Outline, resolved: Resolved[DeckLayout], target: Path) -> None:
    """Write one talk deck for ``outline`` (one product of one variant) to ``target``."""
    from leafdeck.render.deck.emit import emit
    from leafdeck.render.deck.plan import plan, properties

    resolved = localised(resolved)
    emit(plan(outline, resolved), properties(outline.kb, resolved.layout), resolved, target)


__all__ = ["DeckLayout", "render"]
