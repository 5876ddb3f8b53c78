"""Every layout and clinic file checked as a build would load it, for ``leafdeck check``."""

from __future__ import annotations

from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path


def layout_problems(layouts: Path) -> list[Problem]:
    """Every problem in ``layouts/``: products.yaml, each product's layout file (with the files
    it extends, fonts, images and colours) and every clinic file under ``clinics/``."""
    from leafdeck.build import pipeline
    from leafdeck.build.jobs import Products
    from leafdeck.read.layout import load_model
    from leafdeck.render import RENDERERS

    if not layouts.is_dir():
        return [Problem(display_path(layouts), message="layouts folder not found")]
    problems: list[Problem] = []
    try:
        products = load_model(layouts / "products.yaml", Products, layouts).products
    except InputError as exc:
        problems += exc.problems
        products = ()
    for step in (
        lambda: pipeline._layouts(layouts, {(p.layout, p.format) for p in products if p.format in RENDERERS}),
        lambda: pipeline._clinics(layouts, set(pipeline.all_clinics(layouts))),
    ):
        try:
            step()
        except InputError as exc:
            problems += exc.problems
    return problems
