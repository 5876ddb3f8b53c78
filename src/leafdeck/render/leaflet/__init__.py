"""PDF leaflets (reportlab Platypus).

``writer`` registers the fonts, checks every glyph, lays the outline out (``story`` maps each
block type of the plan to flowables from ``blocks``, ``chart`` and the drawn pieces), builds the
document (``page``) within the layout's page budget (``fit``) and imposes booklets and tri-folds
(``impose``). reportlab is imported only when a leaflet is written or measured, so commands that
do neither start fast.
"""

from __future__ import annotations

from pathlib import Path

from leafdeck.errors import Problem
from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.leaflet.layout import LeafletLayout

__all__ = ["LeafletLayout", "fits", "render"]


def render(outline: Outline, resolved: Resolved[LeafletLayout], target: Path) -> None:
    """Write one leaflet PDF for ``outline`` (one product of one variant) to ``target``.

    Raises InputError: FIT-001 when the content needs more pages than the layout's ``budget``
    (naming the product and the first section over it), FIT-002 when one item is larger than a
    whole page or panel (naming the item, its file:line and the product), or a glyph the font
    lacks."""
    from leafdeck.render.leaflet.writer import render as write

    _unchecked_shapes()
    write(outline, resolved, target)


def fits(outline: Outline, resolved: Resolved[LeafletLayout]) -> list[Problem]:
    """What of ``outline`` would not fit its layout, found by laying it out in memory (nothing is
    written): FIT-001 over the page budget, FIT-002 an item larger than a page or panel, each
    located at the item's line in ``resolved.source``. Empty when everything fits. For
    ``leafdeck check`` on the fixed-size products (layouts with a ``budget``, tri-folds)."""
    from leafdeck.render.leaflet.writer import fits as measure

    _unchecked_shapes()
    return measure(outline, resolved)


def _unchecked_shapes() -> None:
    """Turn off reportlab's check of every attribute set on a drawn shape (``rl_config.shapeChecking``,
    which reportlab's settings describe as a help while developing that slows shapes down): the
    QR codes, icon arrays, charts and diagrams are made of thousands of shapes, and leafdeck sets
    only values its own tests have seen drawn. What is drawn is the same."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0
