"""Write one leaflet: register fonts, check every glyph, lay the outline out within the layout's
page budget (padding to an exact budget), impose if asked.

Content that does not fit is the user's to fix, so it ends in located problems (``fit``), never
in reportlab's ``LayoutError``.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.passages import plain
from leafdeck.plan import blocks as b
from leafdeck.read.layout import Resolved
from leafdeck.render.leaflet import fit, fonts, impose, page, story, styles
from leafdeck.render.leaflet.layout import LeafletLayout, TrifoldSpec

TRIFOLD_PANELS = impose.TRIFOLD_PANELS


@dataclass(frozen=True)
class Laid:
    """What one build of the document gave: its pages, the (page, section) of every flowable
    placed, and the empty height at the foot of each page ((page, empty pt, frame pt))."""

    pages: int
    placed: tuple[tuple[int, str], ...]
    empty: tuple[tuple[int, float, float], ...]


def render(outline: b.Outline, resolved: Resolved[LeafletLayout], target: Path) -> None:
    """Write the leaflet PDF of ``outline`` to ``target``; raises InputError (FIT-001 over the
    page budget, FIT-002 an item larger than a page, or a glyph the font lacks)."""
    theme = prepare(outline, resolved)
    layout = theme.layout
    if layout.imposition == "none":
        lay_out(outline, theme, resolved, target)
        return
    print_only = (theme.labels("print_title", title=plain(outline.kb.document.title)), theme.labels("print_only_note"))
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        pages = Path(scratch) / "pages.pdf"
        if layout.imposition == "trifold":
            _fit_trifold(outline, theme, resolved, pages)
            impose.impose_trifold(pages, target, print_only)
        else:
            lay_out(outline, theme, resolved, pages)
            impose.impose_booklet(pages, target, print_only)


def prepare(outline: b.Outline, resolved: Resolved[LeafletLayout], glyphs: bool = True) -> styles.Theme:
    """Register the layout's fonts, refuse text they cannot draw (unless ``glyphs`` is False: a
    measurement leaves that to the build), and resolve the theme."""
    layout = resolved.layout
    fonts.register(layout.fonts, resolved.root)
    if glyphs:
        fonts.check_glyphs(texts(outline.kb, resolved), source=resolved.source)
    return styles.theme(layout, resolved.clinic, resolved.root, resolved.labels)


def lay_out(
    outline: b.Outline,
    theme: styles.Theme,
    resolved: Resolved[LeafletLayout],
    target: Path | IO[bytes],
    pad: bool = True,
) -> Laid:
    """Build the document within the layout's page budget: refuse content over it (FIT-001),
    and pad an exact budget with notes space (before the contact details) up to it (unless
    ``pad`` is False: padding cannot change whether the content fits)."""
    return to_budget(build(outline, theme, resolved, target), outline, theme, resolved, target, pad)


def to_budget(
    laid: Laid,
    outline: b.Outline,
    theme: styles.Theme,
    resolved: Resolved[LeafletLayout],
    target: Path | IO[bytes],
    pad: bool = True,
) -> Laid:
    """``laid`` (a first build into ``target``) held to the layout's page budget: FIT-001 over it;
    an exact budget padded with notes space up to it (built again into ``target``; not when
    ``pad`` is False)."""
    budget = theme.layout.budget
    if budget is None:
        return laid
    if laid.pages > budget.pages:
        raise InputError([fit.over_budget(outline, resolved, laid.placed, budget.pages, laid.pages)])
    if pad and budget.exact and laid.pages < budget.pages:
        laid = build(outline, theme, resolved, target, notes=0)
        if laid.pages < budget.pages:
            laid = build(outline, theme, resolved, target, notes=budget.pages - laid.pages)
    return laid


def build(
    outline: b.Outline,
    theme: styles.Theme,
    resolved: Resolved[LeafletLayout],
    target: Path | IO[bytes],
    panels: int = 1,
    notes: int | None = None,
    *,
    painted: bool = True,
) -> Laid:
    """One build of the document into ``target``. ``notes``: insert the notes filler plus that
    many whole notes pages (None: none). ``painted`` False: only laid out, nothing drawn or
    written (a measurement: the same pages, placements and empty bands). Raises InputError
    (FIT-002) for an item too large."""
    width = page.frame_width(theme.layout.page, panels)
    doc = page.document(target, outline.kb, theme, page.band(theme, width), panels, painted=painted)
    flowables = story.story(outline, theme, width, resolved.online, resolved.notice)
    if notes is not None:
        noted = any(isinstance(x, b.Questions) and x.writing_lines for s in outline.sections for x in s.blocks)
        flowables = fit.with_notes(flowables, theme, notes, titled=not noted)
    if theme.layout.imposition == "trifold":
        flowables = impose.panel_breaks(flowables, (theme.layout.trifold or TrifoldSpec()).new_panel)
    try:
        canvas = page.footer_canvas(theme, outline.kb, resolved.notice, painted=painted)
        doc.build([page.later_pages(), *flowables], canvasmaker=canvas)
    except page.TooLarge as exc:
        raise InputError([fit.too_large(exc, outline, resolved)]) from None
    return Laid(doc.page, tuple(doc.placed), tuple(doc.empty))


def _fit_trifold(
    outline: b.Outline,
    theme: styles.Theme,
    resolved: Resolved[LeafletLayout],
    pages: Path | IO[bytes],
    pad: bool = True,
) -> None:
    """Build the six panels, showing fewer questions per group (down to one) while the content
    would need more panels, then letting the back panel's content start earlier when it is more
    than a panel (``impose.trifold_breaks``); refuse with a located message if even that does
    not fit. ``pad`` False: the first arrangement that fits is enough (a measurement: laid out
    only, nothing drawn or written), without the build with notes space that only fills it out."""
    laid = None
    for breaks in impose.trifold_breaks(theme.layout.trifold or TrifoldSpec()):
        layout = theme.layout.model_copy(update={"trifold": TrifoldSpec(new_panel=breaks)})
        attempt = styles.theme(layout, theme.clinic, theme.root, theme.labels)
        for limit in _question_limits(theme.layout):
            cut = _questions_cut(outline, limit)
            laid = build(cut, attempt, resolved, pages, panels=3, painted=pad)
            if pad and laid.pages <= TRIFOLD_PANELS:  # never a blank or sparse panel: notes space before the back
                padded = build(cut, attempt, resolved, pages, panels=3, notes=impose.trifold_notes(laid.pages))
                laid = padded if padded.pages == TRIFOLD_PANELS else build(cut, attempt, resolved, pages, panels=3)
            if laid.pages <= TRIFOLD_PANELS:
                return
    assert laid is not None
    raise InputError([fit.over_budget(outline, resolved, laid.placed, TRIFOLD_PANELS, laid.pages)])


def _question_limits(layout: LeafletLayout) -> list[int | None]:
    start = layout.questions_per_group
    return [start, *range((start or 3) - 1, 0, -1)]


def _questions_cut(outline: b.Outline, limit: int | None) -> b.Outline:
    """The outline with at most ``limit`` questions per group (all when None)."""
    if limit is None:
        return outline

    def cut(block: b.Block) -> b.Block:
        if not isinstance(block, b.Questions):
            return block
        return replace(block, groups=tuple(replace(g, items=g.items[:limit]) for g in block.groups))

    sections = tuple(replace(s, blocks=tuple(cut(x) for x in s.blocks)) for s in outline.sections)
    return replace(outline, sections=sections)


def fits(outline: b.Outline, resolved: Resolved[LeafletLayout]) -> list[Problem]:
    """Lay ``outline`` out in memory and return what does not fit (FIT-001, FIT-002), without
    writing anything, or, when it fits an exact page budget, its pages but the last that end with a
    wide empty band (FIT-003, from the first build, before notes padding); empty when it fits
    well. Glyph problems are left to the build."""
    try:
        theme = prepare(outline, resolved, glyphs=False)
        memory = io.BytesIO()  # stays empty: a measurement writes nothing
        if theme.layout.imposition == "trifold":
            _fit_trifold(outline, theme, resolved, memory, pad=False)
        else:
            laid = build(outline, theme, resolved, memory, painted=False)
            to_budget(laid, outline, theme, resolved, memory, pad=False)
            if theme.layout.budget is not None and theme.layout.budget.exact:
                return fit.sparse_pages(outline, resolved, laid.placed, laid.empty)
    except InputError as exc:
        return [p for p in exc.problems if p.rule.startswith("FIT-")]
    return []


def texts(kb: KnowledgeBase, resolved: Resolved[LeafletLayout]) -> Iterator[tuple[str, str]]:
    """Every string that can reach the page, labelled with where it comes from."""
    yield from _strings(kb, "knowledge base")
    yield from _strings(resolved.clinic, "clinic")
    yield from (
        (f"label {key!r}", words) for key, words in resolved.labels.words.items() if not key.startswith("deck_")
    )
    if resolved.notice:
        yield "notice", resolved.notice


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        item = getattr(value, "id", None)
        here = f"item {item!r}" if isinstance(item, str) else where
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{here}, {name}" if here != where else f"{where}, {name}")
    elif isinstance(value, tuple):
        for child in value:
            yield from _strings(child, where)
    elif isinstance(value, str):
        yield where, value
