"""PDF leaflets (reportlab Platypus).

``writer`` registers the fonts, checks every glyph, plans the story (``story``, ``blocks``,
``chart``), builds the document (``page``) and imposes booklets and tri-folds (``impose``).
reportlab is imported only when a leaflet is written, so commands that write none start fast.
"""

from __future__ import annotations

from pathlib import Path

from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.leaflet.layout import LeafletLayout

__all__ = ["LeafletLayout", "render"]


def render(outline: Outline, resolved: Resolved[LeafletLayout], target: Path) -> None:
    """Write one leaflet PDF for ``outline`` (one product of one variant) to ``target``."""
    kb = outline.kb
    from leafdeck.render.leaflet.writer import render as write

    write(kb, resolved, target)
