"""Findings in one built output read back from its file, by format: a PDF (every item shown, no
text below the layout's minimum size, fonts embedded, every glyph present, PDF/UA-1), a deck (no
text overflowing its box, speaker notes on every slide, unique titles) and a web page; in each,
no bare percentage for patients (RISK-005) and no editor's note (``checks.leaks``). Each function
returns ``Problem``s located at what to edit: the knowledge-base item or the layout's key."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import at, finding
from leafdeck.checks.expected import Expected, Haystack, expected_items
from leafdeck.checks.leaks import editor_notes
from leafdeck.checks.readers import font_charsets, read_deck, read_page, read_pdf
from leafdeck.checks.risk import addresses, prose_only
from leafdeck.checks.structure import validated
from leafdeck.errors import Problem, display_path
from leafdeck.plan.blocks import Outline
from leafdeck.read.yamlio import load

if TYPE_CHECKING:
    from leafdeck.checks.outputs import Output


@dataclass
class Context:
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


def coverage(ctx: Context, haystack: Haystack, items: list[Expected]) -> list[Problem]:
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


def percentages(ctx: Context, texts: list[tuple[str, str]], key: str) -> list[Problem]:
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


def imposed(layout: Any) -> bool:
    """Whether a leaflet layout imposes its pages for print (a booklet, a tri-fold)."""
    return getattr(layout, "imposition", "none") != "none"


def pdf(ctx: Context, plan: Outline, layout: Any) -> list[Problem]:
    charsets = font_charsets([ctx.source.layouts / layout.fonts.regular, ctx.source.layouts / layout.fonts.bold])
    facts = read_pdf(ctx.output.path, float(layout.min_font_size), charsets)
    ctx.stats["pages"] = len(facts.pages)
    haystack = Haystack("\n".join(facts.pages))
    found = coverage(ctx, haystack, expected_items(plan))
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
    if not imposed(layout):  # imposed files are for print, untagged
        found += pdf_ua(ctx)
    return found + percentages(ctx, pages, "")


PDF_UA = "OUT-009"


def pdf_ua(ctx: Context) -> list[Problem]:
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


def deck(ctx: Context, plan: Outline, layout: Any) -> list[Problem]:
    from leafdeck.render.deck.measure import Measurer, Run, TextPara

    slides = read_deck(ctx.output.path)
    ctx.stats["slides"] = len(slides)
    everything = "\n".join(f"{s.text}\n{s.notes}" for s in slides)
    found = coverage(ctx, Haystack(everything), expected_items(plan, notes=True))
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
    return found + percentages(ctx, texts, "units" if "units" in layout.model_fields_set else "")


def talk_script(ctx: Context, layout: Any, sources: str) -> list[Problem]:
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


def page(ctx: Context, plan: Outline) -> list[Problem]:
    """A web page: every item of its outline, its text, and what its attributes and comments hold."""
    page = read_page(ctx.output.path)
    found = coverage(ctx, Haystack(f"{page.text}\n{page.hidden}"), expected_items(plan))
    found += editor_notes(ctx, f"{page.title}\n{page.text}\n{page.hidden}")
    return found + percentages(ctx, [("the page", page.text)], "")
