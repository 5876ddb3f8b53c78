"""Content that does not fit, as located user errors; and padding to an exact page budget.

FIT-001: a product needs more pages (or tri-fold panels) than its layout's budget; the message
names the product and the first section that runs over. FIT-002: one item is larger than a whole
page or panel (a 320-word key point in a box), which reportlab reports as ``LayoutError``; the
message names the item, its line in the knowledge base or translation file, and the product.
FIT-003: a page of a product with an exact page budget (the short leaflet), other than the last, ends with a wide empty
band (more than the layout's ``max_gap`` of its text area, a third by default): a group kept
together, or a figure, that did not fit the rest of the page moved to the next (issue 19 §6).
Type is never shrunk to make content fit (issue 11 §3, issue 14 §5).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from leafdeck.errors import Problem
from leafdeck.plan import blocks as b
from leafdeck.read.layout import Resolved
from leafdeck.render.leaflet import blocks
from leafdeck.render.leaflet.layout import LeafletLayout
from leafdeck.render.leaflet.markup import inline
from leafdeck.render.leaflet.page import TooLarge
from leafdeck.render.leaflet.styles import Theme

OVER_BUDGET, TOO_LARGE, SPARSE = "FIT-001", "FIT-002", "FIT-003"

__all__ = ["OVER_BUDGET", "SPARSE", "TOO_LARGE", "Problem", "over_budget", "sparse_pages", "too_large", "with_notes"]


def over_budget(
    outline: b.Outline, resolved: Resolved[LeafletLayout], placed: tuple[tuple[int, str], ...], budget: int, pages: int
) -> Problem:
    """FIT-001 for a product that needs ``pages`` pages where its layout allows ``budget``: at
    the first item of the first section that lands beyond the budget."""
    name = next((section for number, section in placed if number > budget), "")
    section = outline.section(name) if name else None
    title = (section.title or section.name) if section else name
    item, field = _item_at_or_before(outline, section)
    file, line, col = resolved.locate(resolved.source, item, field)
    unit = "panels" if resolved.layout.imposition == "trifold" else "pages"
    message = (
        f"{outline.product}: the content needs {pages} {unit} but its layout allows {budget}; "
        f"section '{title}' ({name}) does not fit. Shorten it, or mark fewer items `depth: essential`; "
        f"type is never set below the layout's {resolved.layout.min_font_size:g} pt"
    )
    return Problem(file, line, col, message, rule=OVER_BUDGET)


def sparse_pages(
    outline: b.Outline,
    resolved: Resolved[LeafletLayout],
    placed: tuple[tuple[int, str], ...],
    empty: tuple[tuple[int, float, float], ...],
) -> list[Problem]:
    """FIT-003 for each page but the last of a product with an exact page budget whose empty band at the foot (``empty``: (page, empty
    pt, frame height pt), as the document records them before any notes padding) is more than
    the layout's ``max_gap`` of the frame; located at the first item of the section that starts
    the next page (what moved), else of the nearest section before it."""
    last = max((number for number, _, _ in empty), default=0)
    found = []
    for number, band, frame in empty:
        share = band / frame if frame > 0 else 0.0
        if number >= last or share <= resolved.layout.max_gap:
            continue
        name = next((section for at, section in placed if at == number + 1), "")
        section = outline.section(name) if name else None
        item, field = _item_at_or_before(outline, section)
        file, line, col = resolved.locate(resolved.source, item, field)
        title = (section.title or section.name) if section else name
        message = (
            f"{outline.product}: page {number} ends with {share:.0%} of its text area empty (over "
            f"{resolved.layout.max_gap:.0%}): section '{title}' ({name}) starts page {number + 1}. "
            "Use the room for content, or shorten what moved, rather than larger spacing"
        )
        found.append(Problem(file, line, col, message, rule=SPARSE))
    return found


def too_large(exc: TooLarge, outline: b.Outline, resolved: Resolved[LeafletLayout]) -> Problem:
    """FIT-002 for the item inside ``exc.head`` that is too large for a whole frame (the tallest
    paragraph that prints an item of the section), at its line in the text's source file."""
    width, room = exc.frame
    section = outline.section(exc.section)
    known = list(_paragraphs(section.blocks)) if section else []
    found = [(f.wrap(width, 1e6)[1], who) for f in _inside(exc.head) if (who := _printing(f, known))[0]]
    height, (item, field) = max(found, key=lambda x: x[0]) if found else (0.0, ("", ""))
    if not item:
        item, field = first_item(section) if section else ("", "")
    file, line, col = resolved.locate(resolved.source, item, field)
    what = f"item '{item}' ({field})" if item else f"section '{exc.section}'"
    size = f" ({height:.0f} pt high in a frame of {room:.0f} pt)" if height else ""
    where_to = "panel" if resolved.layout.imposition == "trifold" else "page"
    message = (
        f"{outline.product}: {what} is too large to fit on one {where_to}{size}, in section '{exc.section}'; "
        "shorten it or split it into several items"
    )
    return Problem(file, line, col, message, rule=TOO_LARGE)


def _item_at_or_before(outline: b.Outline, section: b.Section | None) -> tuple[str, str]:
    """The first item of ``section``, else of the nearest section before it that prints one (a
    contact or "about" section holds no item of the knowledge base)."""
    if section is None:
        return "", ""
    before = outline.sections[: outline.sections.index(section) + 1]
    return next((found for s in reversed(before) if (found := first_item(s))[0]), ("", ""))


def first_item(section: b.Section) -> tuple[str, str]:
    """The (item id, field) of the first paragraph a section prints, or ("", "")."""
    return next(((p.item, p.field) for p in _paragraphs(section.blocks) if p.item), ("", ""))


def _paragraphs(value: Any) -> Iterator[b.Paragraph]:
    if isinstance(value, b.Paragraph):
        yield value
    elif isinstance(value, tuple):
        for child in value:
            yield from _paragraphs(child)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _paragraphs(getattr(value, f.name))


def _inside(flowable: Any) -> Iterator[Flowable]:
    """Every flowable inside ``flowable``, itself included (table cells, kept-together groups)."""
    if flowable is None or isinstance(flowable, str):
        return
    if isinstance(flowable, list | tuple):
        for child in flowable:
            yield from _inside(child)
        return
    yield flowable
    cells = getattr(flowable, "_cellvalues", None)
    yield from _inside(cells if cells is not None else getattr(flowable, "_content", None))


def _printing(flowable: Flowable, known: list[b.Paragraph]) -> tuple[str, str]:
    """The (item id, field) a flowable prints: its tag, else (a paragraph of a drawn block, which
    is not tagged) the section's plan paragraph whose text it holds; ("", "") for neither."""
    tag: tuple[str, str] | None = getattr(flowable, blocks.ITEM, None)
    if tag is not None:
        return tag
    markup = getattr(flowable, "text", None)
    if not isinstance(markup, str):
        return "", ""
    return next(((p.item, p.field) for p in known if p.item and inline(p.text) in markup), ("", ""))


def with_notes(flowables: list[Flowable], theme: Theme, pages: int, *, titled: bool = True) -> list[Flowable]:
    """``flowables`` with ruled notes space filling the rest of the page before the contact
    details (else at the end), followed by ``pages`` whole pages of it: pads a product to an
    exact page budget for double-sided printing. ``titled``: head the space with the "my notes"
    label (off when the questions already end in a notes box of that name)."""
    at = next(
        (i for i, f in enumerate(flowables) if isinstance(f, blocks.SectionStart) and "contact" in f.kinds),
        len(flowables),
    )

    def fill() -> Flowable:
        title = blocks.text(inline(theme.labels("my_notes")) if titled else "", theme, "box_title")
        return blocks.NotesFill(title, theme)

    padding: list[Flowable] = [fill()]
    for _ in range(pages):
        padding += [PageBreak(), fill()]
    return [*flowables[:at], *padding, *flowables[at:]]
