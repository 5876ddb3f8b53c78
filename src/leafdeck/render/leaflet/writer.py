"""Write one leaflet: register fonts, check every glyph, plan the story, build, impose if asked."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.read.layout import Resolved
from leafdeck.render.leaflet import fonts, impose, page, story, styles
from leafdeck.render.leaflet.layout import LeafletLayout

TRIFOLD_PANELS = 6


def render(kb: KnowledgeBase, resolved: Resolved[LeafletLayout], target: Path) -> None:
    """Write one leaflet PDF to ``target``."""
    layout = resolved.layout
    fonts.register(layout.fonts, resolved.root)
    fonts.check_glyphs(texts(kb, resolved), source=resolved.source)
    theme = styles.theme(layout, resolved.clinic, resolved.root, resolved.labels)
    if layout.imposition == "none":
        _build(kb, theme, resolved, target, panels=1)
        return
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        pages = Path(scratch) / "pages.pdf"
        if layout.imposition == "trifold":
            _fit_trifold(kb, theme, resolved, pages)
            impose.impose_trifold(pages, target)
        else:
            _build(kb, theme, resolved, pages, panels=1)
            impose.impose_booklet(pages, target)


def _fit_trifold(kb: KnowledgeBase, theme: styles.Theme, resolved: Resolved[LeafletLayout], pages: Path) -> None:
    """Build the six panels, showing fewer questions per group (down to one) while the content
    would need more panels; refuse with a clear message if even that does not fit."""
    needed = 0
    for limit in _question_limits(theme.layout):
        layout = theme.layout.model_copy(update={"questions_per_group": limit})
        attempt = styles.theme(layout, theme.clinic, theme.root, theme.labels)
        _build(kb, attempt, resolved, pages, panels=3)
        needed = impose.page_count(pages)
        if needed <= TRIFOLD_PANELS:
            return
    _refuse_overfull(needed, theme)


def _question_limits(layout: LeafletLayout) -> list[int | None]:
    start = layout.questions_per_group
    return [start, *range((start or 3) - 1, 0, -1)]


def _refuse_overfull(panels: int, theme: styles.Theme) -> None:
    if panels > TRIFOLD_PANELS:
        message = (
            f"{theme.labels(theme.layout.label)}: the content needs {panels} panels but a tri-fold has {TRIFOLD_PANELS}; "
            "list fewer sections in the layout's 'sections:' or shorten the key points and questions"
        )
        raise InputError([Problem("layouts", message=message)])


def _build(
    kb: KnowledgeBase, theme: styles.Theme, resolved: Resolved[LeafletLayout], target: Path, panels: int
) -> None:
    width = page.frame_width(theme.layout.page, panels)
    doc = page.document(target, kb, theme, page.band(theme, width), panels)
    flowables = [page.later_pages(), *story.story(kb, theme, width, resolved.online, resolved.notice)]
    doc.build(flowables, canvasmaker=page.footer_canvas(theme, kb, resolved.notice))


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
        here = f"item {value.id!r}" if isinstance(getattr(value, "id", None), str) else where
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{here}, {name}" if here != where else f"{where}, {name}")
    elif isinstance(value, tuple):
        for child in value:
            yield from _strings(child, where)
    elif isinstance(value, str):
        yield where, value
