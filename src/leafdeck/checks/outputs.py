"""Checks of built outputs, read back from the files: every selected item is there, no text is
too small, fonts are embedded, no glyph is missing; slides do not overflow, have notes and
unique titles; patient outputs show no bare percentages (prose only: web addresses aside); no
output (PDF, deck, web page) shows an editor's note.

Outputs are found under ``output/<clinic>/<language>/<audience>/`` by the names in
``layouts/products.yaml``. Each finding points at what to edit: the missing item in the
knowledge base (or translation), or the layout whose rule the output breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import RULES, at, finding
from leafdeck.checks.expected import Expected, Haystack, expected_items, tokens
from leafdeck.checks.readers import font_charsets, read_deck, read_page, read_pdf
from leafdeck.checks.risk import addresses, prose_only
from leafdeck.checks.structure import validated
from leafdeck.errors import InputError, Problem, display_path
from leafdeck.model import INTERNATIONAL
from leafdeck.passages import plain
from leafdeck.plan.blocks import Outline
from leafdeck.plan.variants import select
from leafdeck.read.labels import Labels
from leafdeck.read.yamlio import load

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
        *([planner.print_title(output.language, plain(kb.document.title))] if _imposed(layout) else []),
    ]
    if title is not None and not any(_same_title(title, t, output.format) for t in titles):
        summary["rules"] = {}
        summary["note"] = f"not checked: built from another knowledge base (its title is {title!r})"
        return [], summary
    ctx = _Context(source, output, shown, layout_path, lang.code)
    plan = planner.outline(output, lang.kb)
    rules: tuple[str, ...]
    if output.format == "pdf":
        found = _pdf(ctx, plan, layout)
        rules = PDF_RULES
    elif output.format == "pptx":
        found = _deck(ctx, plan, layout) + _script(ctx, layout, planner.labels(output.language)("deck_sources"))
        rules = DECK_RULES
    else:
        found = _page(ctx, plan)
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
    if rule == PDF_UA and output.format == "pdf" and _imposed(layout):
        return NOT_APPLICABLE
    return "fail" if rule in failed else "pass"


def _imposed(layout: Any) -> bool:
    """Whether a leaflet layout imposes its pages for print (a booklet, a tri-fold)."""
    return getattr(layout, "imposition", "none") != "none"


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


@dataclass
class _Context:
    source: Source
    output: Output
    shown: str
    layout_path: Path
    language: str

    def __post_init__(self) -> None:
        self.stats: dict[str, Any] = {}

    def layout_at(self, key: str) -> tuple[str, int, int]:
        """Where ``key`` is set in the layout file or the file it extends."""
        path = self.layout_path
        for _ in range(10):
            located, _problems = load(path)
            if located is None or not isinstance(located.data, dict):
                break
            if key in located.data or not isinstance(located.data.get("extends"), str):
                return at(located, (key,) if key in located.data else ())
            path = path.parent / located.data["extends"]
        return display_path(self.layout_path), 0, 0

    def finding(self, rule: str, where: tuple[str, int, int], message: str) -> Problem:
        return finding(rule, where, f"{self.shown}: {message}", output=self.shown)


def _coverage(ctx: _Context, haystack: Haystack, items: list[Expected]) -> list[Problem]:
    older = ctx.output.path.stat().st_mtime < ctx.source.path.stat().st_mtime
    hint = "; the output is older than the knowledge base: `leafdeck build` first?" if older else ""
    found = []
    for item in items:
        ok, gap = haystack.shows(item)
        if not ok:
            words = " ".join(gap[:10]) + (" …" if len(gap) > 10 else "")
            where = ctx.source.where(item.key, item.field, ctx.language)
            message = f"{item.key} is missing ({len(gap)} word(s) not found: “{words}”){hint}"
            found.append(ctx.finding("OUT-001", where, message))
    shown = len(items) - len(found)
    ctx.stats["coverage"] = f"{shown}/{len(items)}"
    ctx.stats["coverage_percent"] = round(100 * shown / len(items), 1) if items else 100.0
    return found


def _percentages(ctx: _Context, texts: list[tuple[str, str]], key: str) -> list[Problem]:
    if ctx.output.audience not in ctx.source.settings.risk.audiences:
        return []
    pattern = re.compile(ctx.source.settings.risk.percent, re.IGNORECASE)
    known = addresses(ctx.source.kb)
    found = []
    for where, text in texts:
        for line in prose_only(text, known).splitlines():
            match = pattern.search(line)
            if match:
                context = " ".join(line[max(match.start() - 60, 0) : match.end() + 25].split())
                message = f"{where}: a bare percentage (“{context}”); patient outputs use natural frequencies"
                found.append(ctx.finding("RISK-005", ctx.layout_at(key), message))
                break
    return found


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
        chosen = select(kb, output.audience, country)  # type: ignore[arg-type]
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


def _pdf(ctx: _Context, plan: Outline, layout: Any) -> list[Problem]:
    charsets = font_charsets([ctx.source.layouts / layout.fonts.regular, ctx.source.layouts / layout.fonts.bold])
    facts = read_pdf(ctx.output.path, float(layout.min_font_size), charsets)
    ctx.stats["pages"] = len(facts.pages)
    haystack = Haystack("\n".join(facts.pages))
    found = _coverage(ctx, haystack, expected_items(plan))
    if facts.smallest is not None:
        size, page, text = facts.smallest
        message = (
            f"page {page}: text at {size:g} pt (“{text}”), below the layout's minimum {layout.min_font_size:g} pt "
            f"({facts.small_chars} character(s) in all)"
        )
        found.append(ctx.finding("OUT-002", ctx.layout_at("min_font_size"), message))
    for name in facts.not_embedded:
        found.append(ctx.finding("OUT-003", ctx.layout_at("fonts"), f"font {name} is not embedded"))
    for (char, font), count in sorted(facts.missing.items()):
        page = facts.missing_pages[(char, font)]
        what = "a character drawn as an empty box (.notdef)" if char == "\0" else f"{char!r} (U+{ord(char):04X})"
        message = f"page {page}: {what} has no glyph in {font} ({count} time(s))"
        found.append(ctx.finding("OUT-004", ctx.layout_at("fonts"), message))
    pages = [(f"page {i}", text) for i, text in enumerate(facts.pages, 1)]
    found += editor_notes(ctx, "\n".join(facts.pages))
    if not _imposed(layout):  # imposed files are for print, untagged
        found += pdf_ua(ctx)
    return found + _percentages(ctx, pages, "")


PDF_UA = "OUT-009"


def pdf_ua(ctx: _Context) -> list[Problem]:
    """OUT-009: a tagged leaflet that is not PDF/UA-1, one finding per failed rule (with how
    often it failed and its first message), at the layout the file was built with."""
    failures = validated(ctx.output.path)
    if failures is None:
        ctx.stats["pdf_ua"] = "not checked: page-validation is not installed (pip install -e '.[test]')"
        return []
    ctx.stats["pdf_ua"] = f"{len(failures)} failure(s)"
    by_rule: dict[str, list[str]] = {}
    for rule, message in failures:
        by_rule.setdefault(rule, []).append(message)
    return [
        ctx.finding(
            PDF_UA,
            ctx.layout_at(""),
            f"not PDF/UA-1: {rule} ({len(messages)} time(s)): {messages[0]}; a leafdeck bug, please report it",
        )
        for rule, messages in sorted(by_rule.items())
    ]


def _deck(ctx: _Context, plan: Outline, layout: Any) -> list[Problem]:
    from leafdeck.render.deck.measure import Measurer, Run, TextPara

    slides = read_deck(ctx.output.path)
    ctx.stats["slides"] = len(slides)
    everything = "\n".join(f"{s.text}\n{s.notes}" for s in slides)
    found = _coverage(ctx, Haystack(everything), expected_items(plan, notes=True))
    regular, bold = ctx.source.layouts / layout.font.regular, ctx.source.layouts / layout.font.bold
    measurer = Measurer(regular, bold, layout.text.line_spacing)
    charsets = font_charsets([regular, bold])
    glyphs = set.intersection(*charsets.values())
    missing: Counter[str] = Counter()
    for slide in slides:
        missing.update(c for c in slide.text if not c.isspace() and ord(c) >= 32 and ord(c) not in glyphs)
        name = f"slide {slide.number} (“{slide.title[:50]}”)"
        for box in slide.boxes:
            paras = []
            for para, (label, hang) in zip(box.paras, box.hangs, strict=True):
                wide = label and measurer.width(label + " ", para.size) > hang
                runs = (Run(label + " "), *para.runs) if wide else para.runs
                paras.append(TextPara(runs, para.size, para.margin, para.space_before))
            needed = measurer.height(paras, box.width)
            if needed > 0 and needed > box.height + 0.5:  # a shape with no text (a dot) holds nothing
                message = (
                    f"{name}: the text of “{box.name}” needs {needed:.0f} pt but its box holds {box.height:.0f} pt"
                )
                found.append(ctx.finding("OUT-005", ctx.layout_at("boxes"), message))
        if not slide.notes.strip():
            found.append(ctx.finding("OUT-006", ctx.layout_at(""), f"{name} has no speaker notes"))
    for char, count in sorted(missing.items()):
        message = f"{char!r} (U+{ord(char):04X}) has no glyph in {regular.name} ({count} time(s))"
        found.append(ctx.finding("OUT-004", ctx.layout_at("font"), message))
    titles = Counter(s.title.casefold() for s in slides)
    for slide in slides:
        if titles[slide.title.casefold()] > 1:
            message = (
                f"slide {slide.number}: the title “{slide.title}” is used by {titles[slide.title.casefold()]} slides"
            )
            found.append(ctx.finding("OUT-007", ctx.layout_at(""), message))
    texts = [(f"slide {s.number}", s.text) for s in slides]
    found += editor_notes(ctx, everything)
    return found + _percentages(ctx, texts, "units" if "units" in layout.model_fields_set else "")


def _script(ctx: _Context, layout: Any, sources: str) -> list[Problem]:
    """OUT-010 and OUT-011: the notes of a talk read back as the script a presenter reads aloud
    (``checks/script``), located at the layout's ``talk`` numbers."""
    from leafdeck.checks import script

    said = [script.Said(s.number, s.title, s.notes, s.section) for s in read_deck(ctx.output.path)]
    talk = layout.talk
    low, high = talk.notes_words
    where = ctx.layout_at("talk")
    found = [ctx.finding("OUT-010", where, m) for m in script.slide_lengths(said, sources, low, high)]
    found += [ctx.finding("OUT-010", where, m) for m in script.repeats(said, sources)]
    found += [ctx.finding("OUT-010", where, m) for m in script.citations(said, sources)]
    timing = script.reading_time(said, sources, talk.words_per_minute, *talk.minutes)
    return found + [ctx.finding("OUT-011", where, m) for m in timing]


def _page(ctx: _Context, plan: Outline) -> list[Problem]:
    """A web page: every item of its outline, its text, and what its attributes and comments hold."""
    page = read_page(ctx.output.path)
    found = _coverage(ctx, Haystack(f"{page.text}\n{page.hidden}"), expected_items(plan))
    found += editor_notes(ctx, f"{page.title}\n{page.text}\n{page.hidden}")
    return found + _percentages(ctx, [("the page", page.text)], "")


LEAK_WORDS = 8
"""A run of this many words of an editor's note (all of a shorter one) found in an output is a leak."""
SHORTEST_NOTE = 3
"""Notes of fewer words are not looked for: two common words prove nothing."""


def notes_for_editors(source: Source) -> list[tuple[str, tuple[str, int, int]]]:
    """Every text no output may show (each ``editor_notes``, each reference's ``note``), with
    where it is written."""
    found = [(text, at(source.located, loc)) for loc, text in _editor_fields(source.located.data, ())]
    for i, ref in enumerate(source.kb.references):
        if ref.note:
            found.append((ref.note, at(source.located, ("references", i, "note"))))
    return found


def _editor_fields(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "editor_notes" and isinstance(child, str):
                yield (*loc, key), child
            else:
                yield from _editor_fields(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _editor_fields(child, (*loc, i))


def editor_notes(ctx: _Context, text: str) -> list[Problem]:
    """OUT-008: an editor's note (or a long run of its words) shown in the output."""
    words = tokens(text)
    runs: dict[int, set[tuple[str, ...]]] = {}
    found = []
    for note, where in notes_for_editors(ctx.source):
        wanted = tokens(note)
        if len(wanted) < SHORTEST_NOTE:
            continue
        n = min(LEAK_WORDS, len(wanted))
        if n not in runs:
            runs[n] = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
        hit = next((wanted[i : i + n] for i in range(len(wanted) - n + 1) if tuple(wanted[i : i + n]) in runs[n]), None)
        if hit is not None:
            shown = " ".join(note.split())
            shown = shown if len(shown) <= 80 else shown[:77] + "…"
            message = f"shows an editor's note (“{shown}”; found: “{' '.join(hit)}”); editors' notes are never shown"
            found.append(ctx.finding("OUT-008", where, message))
    return found


__all__ = ["RULES", "Output", "check", "find"]
