"""The output formats, listed in one explicit, lazily loaded table (as Sphinx lists builders).

A renderer lays out one product's ``Outline`` (the content plan, ``leafdeck.plan``) with a
resolved layout, and writes one file. It never chooses sections and never parses YAML. Adding a
format: one package here, one row in ``_TABLE``, one layout file. A format's package is imported
only when its row is used, so importing the web renderer never imports reportlab or python-pptx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
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
    module: str
    """The package that renders it: it has ``render``, and its module ``layout`` has the layout
    model named ``model``."""
    model: str
    """Name of the layout model class in ``module``'s ``layout`` module."""

    @property
    def layout_model(self) -> type[BaseModel]:
        """Schema of this format's layout files (imports the format's layout module only: a
        command that validates layouts, such as ``check``, does not import the renderer)."""
        found: type[BaseModel] = getattr(_module(f"{self.module}.layout"), self.model)
        return found

    @property
    def render(self) -> RenderFn:
        """Writes one file from an outline and a resolved layout (imports the format's package)."""
        found: RenderFn = _module(self.module).render
        return found


@cache
def _module(name: str) -> Any:
    return importlib.import_module(name)


_TABLE: tuple[Renderer, ...] = (
    Renderer("pdf", ".pdf", "leafdeck.render.leaflet", "LeafletLayout"),
    Renderer("pptx", ".pptx", "leafdeck.render.deck", "DeckLayout"),
    Renderer("html", ".html", "leafdeck.render.web", "WebLayout"),
)


class _Renderers(Mapping[str, Renderer]):
    """Format name → renderer; rows load their package only when used."""

    def __getitem__(self, name: str) -> Renderer:
        for row in _TABLE:
            if row.name == name:
                return row
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(row.name for row in _TABLE)

    def __len__(self) -> int:
        return len(_TABLE)


RENDERERS: Mapping[str, Renderer] = _Renderers()
"""Every output format, by name."""
