"""Warnings about each clinic's logo where the products use it, for ``check`` and ``build``.

A logo's printed size comes from the layout that draws it: the leaflet band's logo box
(``render.leaflet.geometry.logo_box``, at the width of the band's column or panel) and the deck's
two logo boxes. What it is drawn on comes from the same layouts: the clinic's primary colour in
the leaflet band, or the layout's logo plate when ``read.images.backdrop`` chooses one; the
slide and page background of decks and web pages for a logo in one tone. The warnings themselves
(``read.images.logo_warnings``) are located at the clinic file's ``logo:`` line; they never
stop a build.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel

from leafdeck.errors import Problem, display_path
from leafdeck.read.images import MIN_GRAPHIC_CONTRAST, Logo, backdrop, load_logo, logo_warnings, own_contrast
from leafdeck.read.layout import Clinic
from leafdeck.read.yamlio import load

Use = tuple[str, str, BaseModel]
"""A product that shows the logo: (product name, format, its layout model)."""


def logo_problems(layouts: Path, clinics: Mapping[str, Clinic], uses: Iterable[Use]) -> list[Problem]:
    """LOGO-001/002/003 warnings for every clinic in ``clinics`` (by file name under
    ``layouts/clinics/``) with a logo, as the products in ``uses`` draw it."""
    uses = [use for _, use in sorted({(name, fmt): (name, fmt, model) for name, fmt, model in uses}.items())]
    problems: list[Problem] = []
    for name, clinic in sorted(clinics.items()):
        if clinic.logo:
            logo = load_logo(layouts / clinic.logo)
            problems += clinic_logo_warnings(logo, clinic, uses, _where(layouts / "clinics" / f"{name}.yaml"))
    return problems


def clinic_logo_warnings(logo: Logo, clinic: Clinic, uses: Iterable[Use], where: tuple[str, int, int]) -> list[Problem]:
    """LOGO-001/002/003 for one clinic's ``logo`` as the products in ``uses`` draw it, located at
    ``where`` (also what ``leafdeck serve`` shows beside its Logo field). Kept between commands
    (``read.inputs.Inputs.kept_value``) by everything they are worked out from: the logo's
    pixels, the clinic, each use's layout and the place: measuring contrast reads every logo's
    pixels with Pillow, about 60 ms of a check."""
    from leafdeck.read.inputs import current

    uses = list(uses)
    basis = [clinic.model_dump(mode="json"), [(n, f, type(m).__name__, m.model_dump(mode="json")) for n, f, m in uses]]
    content = json.dumps([basis, list(where)], sort_keys=True).encode("utf-8") + b"\0" + logo.png
    kept = current().kept_value(
        "logo-warnings",
        Path(where[0]),
        content,
        lambda: [dataclasses.asdict(p) for p in _logo_warnings(logo, clinic, uses, where)],
        _problem_list,
    )
    return [Problem(**found) for found in kept]


def _problem_list(value: object) -> bool:
    """Whether ``value`` is a list of problems as ``dataclasses.asdict`` writes them."""
    names = {field.name for field in dataclasses.fields(Problem)}
    return isinstance(value, list) and all(isinstance(p, dict) and set(p) == names for p in value)


def _logo_warnings(logo: Logo, clinic: Clinic, uses: Iterable[Use], where: tuple[str, int, int]) -> list[Problem]:
    printed: list[tuple[str, float, float]] = []
    grounds: list[tuple[str, str, str]] = []
    for product, fmt, model in uses:
        printed += _printed(product, fmt, model, logo)
        grounds += _grounds(product, fmt, model, logo, clinic)
    return logo_warnings(logo, printed, grounds, where)


def _printed(product: str, fmt: str, model: BaseModel, logo: Logo) -> list[tuple[str, float, float]]:
    """The boxes (product, width pt, height pt) the logo prints in."""
    if fmt == "pdf":
        from leafdeck.render.leaflet import LeafletLayout
        from leafdeck.render.leaflet.geometry import frame_width, logo_box

        assert isinstance(model, LeafletLayout)
        panels = 3 if model.imposition == "trifold" else 1
        return [(product, *logo_box(model, frame_width(model.page, panels), logo))]
    if fmt == "pptx":
        from leafdeck.render.deck import DeckLayout

        assert isinstance(model, DeckLayout)
        return [(product, box.width, box.height) for box in (model.boxes.logo, model.boxes.cover_logo)]
    return []  # the web page is read on screens: the page scales the logo down, never up


def _grounds(product: str, fmt: str, model: BaseModel, logo: Logo, clinic: Clinic) -> list[tuple[str, str, str]]:
    """What the logo is drawn on: (product, description, #RRGGBB). The leaflet band (or the
    plate ``backdrop`` chose); the slide or page background of decks and web pages only for a
    logo in one tone (a white knock-out logo made for dark bands), since one with contrast of its
    own (dark letters on a white shape) shows on any background."""
    if fmt != "pdf":
        palette = getattr(model, "palette", None)
        background = getattr(palette, "background", None)
        if not isinstance(background, str) or own_contrast(logo) >= MIN_GRAPHIC_CONTRAST:
            return []
        return [(product, "the slide background" if fmt == "pptx" else "the page background", background)]
    from leafdeck.render.leaflet import LeafletLayout

    assert isinstance(model, LeafletLayout)
    plate = model.logo_plate.colour
    if backdrop(logo, clinic.primary, plate).plate:
        return [(product, "the logo plate (logo_plate in the layout)", plate)]
    return [(product, "the band in the clinic's primary colour", clinic.primary)]


def _where(path: Path) -> tuple[str, int, int]:
    """Where the clinic file says ``logo:`` (the file alone when it cannot be read)."""
    located, _ = load(path)
    if located is None:
        return display_path(path), 0, 0
    problem = located.problem(("logo",), "")
    return problem.file, problem.line, problem.col
