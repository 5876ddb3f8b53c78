"""The build, as a story: load, check, resolve layouts, dump the model, render each product."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from leafdeck.errors import InputError, Problem, display_path, errors_only
from leafdeck.labels import load_labels
from leafdeck.layout import Clinic, Part, Resolved, load_clinic, load_model
from leafdeck.model import Audience, KnowledgeBase
from leafdeck.render import RENDERERS
from leafdeck.sources import load_kb
from leafdeck.translations import available_languages, load_translation, translation_path, translation_problems
from leafdeck.variants import select


class Product(Part):
    """One artifact of a default build."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """File name without suffix, e.g. `leaflet-a4`."""
    format: Literal["pdf", "pptx"]
    """Which renderer writes it."""
    layout: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Layout file under layouts/, without `.yaml`."""
    audience: Audience
    """Which audience's selection of the knowledge base it shows."""


class Products(Part):
    """What `leafdeck build` makes, from `layouts/products.yaml`."""

    products: tuple[Product, ...] = Field(min_length=1)
    """The artifacts, in build order."""


@dataclass(frozen=True)
class BuildRequest:
    """What the user asked to build."""

    kb: Path
    layouts: Path
    out: Path
    build_dir: Path
    clinic: str = "default"
    formats: tuple[str, ...] | None = None


@dataclass
class BuildReport:
    """What a build wrote, and the warnings met on the way."""

    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check(kb_path: Path, layouts: Path) -> list[Problem]:
    """Validate the knowledge base, its translations and labels; return the warnings
    (errors raise InputError, all of them together)."""
    kb, problems = load_kb(kb_path)
    for language in available_languages(kb_path, kb.document.language):
        problems += _language_problems(kb, kb_path, language)
    if errors_only(problems):
        raise InputError(problems)
    return problems


def _language_problems(kb: KnowledgeBase, kb_path: Path, language: str) -> list[Problem]:
    problems: list[Problem] = []
    try:
        load_labels(kb_path.parent, language)
    except InputError as exc:
        problems += exc.problems
    if language == kb.document.language:
        return problems
    try:
        translation, located = load_translation(translation_path(kb_path, language))
        problems += translation_problems(kb, translation, located)
    except InputError as exc:
        problems += exc.problems
    return problems


def build(request: BuildRequest) -> BuildReport:
    """Every requested artifact, or an InputError before anything is written."""
    kb, warnings = load_kb(request.kb)
    clinic = load_clinic(request.layouts, request.clinic)
    products = _chosen_products(request)
    layouts = _resolved_layouts(request.layouts, products, clinic)
    dump_model(kb, request.build_dir)
    writers = {_target(request, kb, p): _writer(kb, p, layouts[p.layout]) for p in products}
    return BuildReport(written=write_all_or_nothing(writers), warnings=warnings)


def _writer(kb: KnowledgeBase, product: Product, resolved: Resolved[Any]) -> Callable[[Path], None]:
    """A function that renders one product into the file it is given."""
    return lambda tmp: _render(kb, product, resolved, tmp)


def _target(request: BuildRequest, kb: KnowledgeBase, product: Product) -> Path:
    return request.out / request.clinic / kb.document.language / product.audience / _file_name(product)


def _chosen_products(request: BuildRequest) -> list[Product]:
    listed = load_model(request.layouts / "products.yaml", Products, request.layouts).products
    wanted = request.formats or tuple(RENDERERS)
    return [p for p in listed if p.format in wanted and p.format in RENDERERS]


def _resolved_layouts(root: Path, products: list[Product], clinic: Clinic) -> dict[str, Resolved[Any]]:
    """Every layout a product needs, loaded and checked before anything is rendered."""
    resolved: dict[str, Resolved[Any]] = {}
    problems: list[Problem] = []
    for product in products:
        if product.layout in resolved:
            continue
        model = RENDERERS[product.format].layout_model
        try:
            resolved[product.layout] = Resolved(load_model(root / f"{product.layout}.yaml", model, root), clinic, root)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return resolved


def _file_name(product: Product) -> str:
    return product.name + RENDERERS[product.format].suffix


def _render(kb: KnowledgeBase, product: Product, resolved: Resolved[Any], target: Path) -> None:
    variant = replace(resolved, online=online_address(resolved.clinic, kb, product.audience))
    RENDERERS[product.format].render(select(kb, product.audience), variant, target)


def online_address(clinic: Clinic, kb: KnowledgeBase, audience: str) -> str:
    """The stable address where a clinic hosts one variant's web copy."""
    return f"{clinic.web.rstrip('/')}/{kb.document.id}/{kb.document.language}/{audience}/"


def dump_model(kb: KnowledgeBase, build_dir: Path) -> Path:
    """Write the validated model as JSON, so "what did the renderers see?" is always a file."""
    target = build_dir / "model.json"
    text = json.dumps(kb.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return target


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then rename it into place.

    On any failure (or Ctrl-C) the temporary file is removed and ``target`` is untouched.
    """
    write_all_or_nothing({target: write})


def write_all_or_nothing(writers: dict[Path, Callable[[Path], object]]) -> list[Path]:
    """Write every target to a temporary file beside it; only when all succeed, rename them
    into place. On any failure (or Ctrl-C) every temporary file is removed and every earlier
    output is left byte-for-byte as it was."""
    staged: dict[Path, Path] = {}
    try:
        for target, write in writers.items():
            staged[target] = _temporary(target)
            write(staged[target])
        for target, tmp in staged.items():
            os.replace(tmp, target)
        return list(staged)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def _temporary(target: Path) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError([Problem(display_path(target.parent), message=f"cannot write here: {exc.strerror}")]) from None
    os.close(fd)
    return Path(name)
