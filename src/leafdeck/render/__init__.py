"""The output formats, listed in one explicit table.

A renderer reads the frozen model (already narrowed to one audience) and a resolved layout,
and writes one file. It never parses YAML. Adding a format: one module here, one row in
``RENDERERS``, one layout file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved

RenderFn = Callable[[Outline, Resolved[Any], Path], None]
"""Writes one file from a product's outline (the content plan) and a resolved layout."""


@dataclass(frozen=True)
class Renderer:
    """One output format."""

    name: str
    """Name on the command line and in layouts/products.yaml."""
    suffix: str
    """File suffix of what it writes."""
    layout_model: type[BaseModel]
    """Schema of this format's layout files."""
    render: RenderFn
    """Writes one file from an outline and a resolved layout."""


def _renderers() -> dict[str, Renderer]:
    from leafdeck.render import deck, leaflet, web

    renderers: dict[str, Renderer] = {}
    renderers["pdf"] = Renderer("pdf", ".pdf", leaflet.LeafletLayout, leaflet.render)
    renderers["pptx"] = Renderer("pptx", ".pptx", deck.DeckLayout, deck.render)
    renderers["html"] = Renderer("html", ".html", web.WebLayout, web.render)
    return renderers


RENDERERS: dict[str, Renderer] = _renderers()
