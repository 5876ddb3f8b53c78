"""The warnings ``leafdeck check`` gives about a clinic's logo (LOGO-001 low resolution,
LOGO-002 low contrast, LOGO-003 damaged metadata), for a logo uploaded through the form: the same
rules and wording (``publish.logos.clinic_logo_warnings``), for the products that
``layouts/products.yaml`` makes. They are warnings: the build still runs."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from leafdeck.errors import Problem
from leafdeck.read.images import load_logo
from leafdeck.read.layout import Clinic, load_model


def logo_warnings(layouts: Path, clinic: Clinic, logo: Path, where: tuple[str, int, int]) -> list[Problem]:
    """Warnings for the uploaded ``logo`` file of ``clinic``, as the products of ``layouts`` print
    and show it, located at ``where`` (the clinic file's ``logo:`` line)."""
    from leafdeck.publish.jobs import Products
    from leafdeck.publish.logos import clinic_logo_warnings
    from leafdeck.render import RENDERERS

    products = load_model(layouts / "products.yaml", Products, layouts).products
    models: dict[tuple[str, str], BaseModel] = {
        (p.layout, p.format): load_model(layouts / f"{p.layout}.yaml", RENDERERS[p.format].layout_model, layouts)
        for p in products
        if p.format in ("pdf", "pptx")
    }
    uses = [(p.name, p.format, models[p.layout, p.format]) for p in products if p.format in ("pdf", "pptx")]
    return clinic_logo_warnings(load_logo(logo), clinic, uses, where)
