"""Checks of built outputs, read back from the files: every selected item is there, no text is
too small, fonts are embedded, no glyph is missing; slides do not overflow, have notes and
unique titles; patient outputs show no bare percentages (prose only: web addresses aside); no
output (PDF, deck, web page) shows an editor's note.

Outputs are found under ``output/<clinic>/<language>/<audience>/`` by the names in
``layouts/products.yaml``. Each finding points at what to edit: the missing item in the
knowledge base (or translation), or the layout whose rule the output breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import RULES
from leafdeck.checks.formats import PDF_UA, Context, deck, imposed, page, pdf, talk_script
from leafdeck.checks.readers import read_page
from leafdeck.errors import InputError, Problem, display_path
from leafdeck.model import INTERNATIONAL
from leafdeck.passages import plain
from leafdeck.plan.blocks import Outline
from leafdeck.plan.variants import select
from leafdeck.publish.variant import variant_kb
from leafdeck.read.labels import Labels

PDF_RULES = ("OUT-001", "OUT-002", "OUT-003", "OUT-004", "OUT-008", "OUT-009", "RISK-005")
DECK_RULES = ("OUT-001", "OUT-004", "OUT-005", "OUT-006", "OUT-007", "OUT-008", "OUT-010", "OUT-011", "RISK-005")
PAGE_RULES = ("OUT-001", "OUT-008", "RISK-005")


@dataclass(frozen=True)
class Output:
    """One built file and what it was built as."""

    path: Path
    clinic: str
    language: str
    audience: str
    product: str
    format: str
    layout: str


def find(root: Path, layouts: Path) -> list[Output]:
    """The PDF, PPTX and HTML outputs under ``root`` that ``products.yaml`` names."""
    from leafdeck.publish.jobs import Products
    from leafdeck.read.layout import load_model

    products = load_model(layouts / "products.yaml", Products, layouts).products
    found = []
    for product in products:
        name = getattr(product, "file", None) or f"{product.name}.{product.format}"
        for path in sorted(root.glob(f"*/*/*/{name}")):
            clinic, language, audience = path.parent.relative_to(root).parts
            if audience in product.audiences:
                found.append(Output(path, clinic, language, audience, product.name, product.format, product.layout))
    return found


def check(source: Source, root: Path) -> tuple[list[Problem], list[dict[str, Any]]]:
    """Findings for every output found, and a summary of each for the report."""
    findings: list[Problem] = []
    summaries = []
    outputs = find(root, source.layouts)
    planner = _Planner(source) if outputs else None
    for output in outputs:
        assert planner is not None
        found, summary = _check_one(source, output, planner)
        findings += found
        summaries.append(summary)
    return findings, summaries


def _check_one(source: Source, output: Output, planner: _Planner) -> tuple[list[Problem], dict[str, Any]]:
    from leafdeck.read.layout import load_model
    from leafdeck.render import RENDERERS

    shown = display_path(output.path)
    summary: dict[str, Any] = {
        "path": shown,
        "file": str(output.path),
        "format": output.format,
        "clinic": output.clinic,
        "language": output.language,
        "audience": output.audience,
        "product": output.product,
        "layout": output.layout,
    }
    lang = source.languages.get(output.language)
    layout_path = source.layouts / f"{output.layout}.yaml"
    try:
        layout = load_model(layout_path, RENDERERS[output.format].layout_model, source.layouts)
    except InputError:
        layout = None
    if lang is None or layout is None:
        summary["rules"] = {}
        summary["note"] = "not checked: its language or layout is not in the sources"
        return [], summary
    kb = select(lang.kb, output.audience)  # type: ignore[arg-type]
    title = built_title(output)
    titles = [
        plain(kb.document.title),
        *([planner.print_title(output.language, plain(kb.document.title))] if imposed(layout) else []),
    ]
    if title is not None and not any(_same_title(title, t, output.format) for t in titles):
        summary["rules"] = {}
        summary["note"] = f"not checked: built from another knowledge base (its title is {title!r})"
        return [], summary
    ctx = Context(source, output, shown, layout_path, lang.code)
    plan = planner.outline(output, lang.kb)
    rules: tuple[str, ...]
    if output.format == "pdf":
        found = pdf(ctx, plan, layout)
        rules = PDF_RULES
    elif output.format == "pptx":
        found = deck(ctx, plan, layout) + talk_script(ctx, layout, planner.labels(output.language)("deck_sources"))
        rules = DECK_RULES
    else:
        found = page(ctx, plan)
        rules = PAGE_RULES
    failed = {f.rule for f in found}
    applies = [r for r in rules if r != "RISK-005" or output.audience in source.settings.risk.audiences]
    summary["rules"] = {r: _result(r, failed, output, layout) for r in applies}
    summary.update(ctx.stats)
    return found, summary


NOT_APPLICABLE = "n/a"
"""A rule's result for an output it does not apply to (OUT-009 for a file imposed for print)."""


def _result(rule: str, failed: set[str], output: Output, layout: Any) -> str:
    """``fail``, ``pass``, or ``NOT_APPLICABLE``: PDF/UA (OUT-009) is not checked on a file
    imposed for printing (booklet, tri-fold), which is untagged by design and says so."""
    if rule == PDF_UA and output.format == "pdf" and imposed(layout):
        return NOT_APPLICABLE
    return "fail" if rule in failed else "pass"


def built_title(output: Output) -> str | None:
    """The document title recorded in a built file (None when it has none)."""
    try:
        if output.format == "html":
            return read_page(output.path).title or None
        if output.format == "pdf":
            from pypdf import PdfReader

            metadata = PdfReader(output.path).metadata
            return str(metadata.title) if metadata and metadata.title else None
        from pptx import Presentation

        return Presentation(str(output.path)).core_properties.title or None
    except Exception:  # an unreadable file: the rules below say what is wrong with it
        return None


def _same_title(built: str, title: str, fmt: str) -> bool:
    """Whether a built file's title is the knowledge base's (a web page's also names the clinic)."""
    return title in built if fmt == "html" else built == title


class _Planner:
    """The content plan each output was built from: its product's contents, for its audience,
    language and clinic's country (what the build hands the renderer). ``products.yaml``, each
    clinic's country and each language's labels are read once per check, not once per output."""

    def __init__(self, source: Source) -> None:
        from leafdeck.publish.jobs import Products
        from leafdeck.read.layout import load_model

        self.source = source
        self.made = load_model(source.layouts / "products.yaml", Products, source.layouts)
        self._countries: dict[str, str] = {}
        self._labels: dict[str, Labels] = {}

    def outline(self, output: Output, kb: Any) -> Outline:
        """The outline of ``output`` from ``kb`` (the knowledge base in the output's language)."""
        from leafdeck.plan.outline import outline

        product = next(p for p in self.made.products if p.name == output.product)
        country = self._country(output.clinic)
        chosen = variant_kb(self.source.path.parent, kb, output.audience, country)  # type: ignore[arg-type]
        return outline(
            chosen,
            output.audience,
            self._labels_of(output.language).in_country(country),
            self.made.contents[product.contents],
            output.product,
        )

    def _country(self, clinic: str) -> str:
        from leafdeck.read.layout import load_clinic

        if clinic not in self._countries:
            try:
                self._countries[clinic] = load_clinic(self.source.layouts, clinic).country
            except InputError:
                self._countries[clinic] = INTERNATIONAL
        return self._countries[clinic]

    def print_title(self, language: str, title: str) -> str:
        """The title a file imposed for printing carries (label ``print_title``), or ``title``
        when the labels have no such label (older labels beside the knowledge base)."""
        try:
            return self._labels_of(language)("print_title", title=title)
        except InputError:
            return title

    def labels(self, language: str) -> Labels:
        """The interface words of ``language`` (read once per check)."""
        return self._labels_of(language)

    def _labels_of(self, language: str) -> Labels:
        from leafdeck.read.labels import load_labels

        if language not in self._labels:
            self._labels[language] = load_labels(self.source.path.parent, language)
        return self._labels[language]


__all__ = ["RULES", "Output", "check", "find"]
