"""Every layout and clinic file checked as a build would load it, for ``leafdeck check``; and
text a PDF font cannot draw, located in its own file, for ``check`` and ``build``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.read.layout import FontFamily


def layout_problems(layouts: Path, kb: Path | None = None, languages: Iterable[str] = ()) -> list[Problem]:
    """Every problem in ``layouts/``: products.yaml, each product's layout file (with the files
        it extends, fonts, images and colours), every clinic file under ``clinics/`` and every presenter
    file under ``presenters/`` (as ``build --presenter`` loads them); with ``kb``,
        also text in it, its translations into ``languages``, labels and clinics that a PDF font
        cannot draw."""
    from leafdeck.publish import pipeline
    from leafdeck.publish.jobs import Products
    from leafdeck.publish.logos import logo_problems
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
    models: list[BaseModel] = []
    pdf_audiences = {a for p in products if p.format == "pdf" for a in p.audiences}
    loaded: dict[str, tuple[BaseModel, str]] = {}
    try:
        wanted: set[tuple[str, str]] = {(p.layout, p.format) for p in products if p.format in RENDERERS}
        loaded = pipeline._layouts(layouts, wanted)
        models = [model for model, _ in loaded.values()]
    except InputError as exc:
        problems += exc.problems
    clinics = pipeline.all_clinics(layouts)
    try:
        found = pipeline._clinics(layouts, set(clinics))
        uses = [(p.name, p.format, loaded[p.layout][0]) for p in products if p.layout in loaded]
        problems += logo_problems(layouts, found, uses)
    except InputError as exc:
        problems += exc.problems
    problems += presenter_problems(layouts)
    if kb is not None and models:
        problems += font_problems(kb, layouts, models, languages, clinics, pdf_audiences)
    return problems


def presenter_problems(layouts: Path) -> list[Problem]:
    """Every problem of every presenter file under ``layouts/presenters/``, located, as
    ``build --presenter NAME`` would find it (a date out of range, a missing declaration...)."""
    from leafdeck.read.presenters import load_presenter, presenter_name_problem

    problems: list[Problem] = []
    folder = layouts / "presenters"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        trouble = presenter_name_problem(path.stem)
        if trouble:  # a name --presenter could not ask for
            problems.append(Problem(display_path(path), message=f"{trouble}: rename the file"))
            continue
        try:
            load_presenter(layouts, path.stem)
        except InputError as exc:
            problems += exc.problems
    return problems


def font_problems(
    kb: Path,
    layouts: Path,
    models: Iterable[BaseModel],
    languages: Iterable[str],
    clinics: Iterable[str],
    audiences: Iterable[str],
) -> list[Problem]:
    """Text that a PDF layout's font cannot draw, located in the file it was written in: the
    knowledge base (the items ``audiences`` read), its translations into ``languages``, their
    label files and the ``clinics``' files."""
    from leafdeck.read.glyphs import glyph_problems
    from leafdeck.read.labels import labels_path
    from leafdeck.read.translations import translation_path

    languages = sorted(set(languages))
    files = [kb, *(translation_path(kb, code) for code in languages)]
    files += [labels_path(kb.parent, code) for code in languages]
    files += [layouts / "clinics" / f"{name}.yaml" for name in sorted(set(clinics))]
    files = [f for f in files if f.is_file()]
    problems: list[Problem] = []
    families = {}
    for model in models:
        family = getattr(model, "fonts", None)
        if isinstance(family, FontFamily):
            families[(family.regular, family.bold)] = family
    for family in families.values():
        fonts = (layouts / family.regular, layouts / family.bold)
        problems += glyph_problems(fonts, family.name, files, skip=("deck_",), audiences=audiences)
    return problems
