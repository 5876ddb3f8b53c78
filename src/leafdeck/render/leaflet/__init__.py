"""PDF leaflets (reportlab Platypus): plan the story, check every glyph, build, impose if asked."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem
from leafdeck.layout import Resolved
from leafdeck.model import KnowledgeBase
from leafdeck.render.leaflet import fonts, impose, page, story, styles
from leafdeck.render.leaflet.layout import LeafletLayout

__all__ = ["LeafletLayout", "render"]

TRIFOLD_PANELS = 6


def render(kb: KnowledgeBase, resolved: Resolved[LeafletLayout], target: Path) -> None:
    """Write one leaflet PDF to ``target``."""
    layout = resolved.layout
    fonts.register(layout.fonts, resolved.root)
    fonts.check_glyphs(texts(kb, resolved), source=f"sources (document {kb.document.id!r})")
    theme = styles.theme(layout, resolved.clinic, resolved.root, resolved.labels)
    if layout.imposition == "none":
        _build(kb, theme, resolved, target, panels=1)
        return
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        pages = Path(scratch) / "pages.pdf"
        if layout.imposition == "trifold":
            _build(kb, theme, resolved, pages, panels=3)
            _refuse_overfull(impose.page_count(pages), theme)
            impose.impose_trifold(pages, target)
        else:
            _build(kb, theme, resolved, pages, panels=1)
            impose.impose_booklet(pages, target)


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
    doc.build(flowables, canvasmaker=page.footer_canvas(theme, kb))


def texts(kb: KnowledgeBase, resolved: Resolved[LeafletLayout]) -> Iterator[tuple[str, str]]:
    """Every string that can reach the page, labelled with where it comes from."""
    yield from _strings(kb, "knowledge base")
    yield from _strings(resolved.clinic, "clinic")


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
