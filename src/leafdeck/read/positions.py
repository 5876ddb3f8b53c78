"""Where an item's text is written: file, line and column of one field of an item, found by its id
in the knowledge base or a translation file. The build hands this to the renderers (as
``Resolved.locate``) so that a renderer can say where content that does not fit comes from
without reading YAML itself."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from leafdeck.read.yamlio import Loc, Located, load


def where(source: str, item: str, field: str) -> tuple[str, int, int]:
    """File, line and column of ``field`` of item ``item`` in ``source`` (the knowledge base or a
    translation, which keys its items by id; an item a translation lacks is found in the
    knowledge base); ``source`` alone when the item is not found."""
    for path in (source, _untranslated(source)):
        located = _located(path) if item and path else None
        loc = _find(located.data, item, ()) if located is not None else None
        if located is not None and loc is not None:
            line, col = located.position((*loc, field))
            return located.file, line, col
    return source, 0, 0


def _untranslated(source: str) -> str:
    """The knowledge base a translation (``x.fr.yaml``) belongs to (``x.yaml``), where an item
    not yet translated still is; empty for a file that is not a translation."""
    parts = Path(source).name.split(".")
    return str(Path(source).with_name(f"{parts[0]}.yaml")) if len(parts) == 3 else ""


@lru_cache(maxsize=8)
def _located(source: str) -> Located | None:
    path = Path(source)
    return load(path)[0] if path.is_file() else None


def _find(data: Any, item: str, loc: Loc) -> Loc | None:
    """Where the mapping of item ``item`` is: one with ``id: item``, or the value of key ``item``."""
    if isinstance(data, dict):
        if data.get("id") == item:
            return loc
        if isinstance(data.get(item), dict):
            return (*loc, item)
        children: Any = data.items()
    elif isinstance(data, list):
        children = enumerate(data)
    else:
        return None
    for key, value in children:
        found = _find(value, item, (*loc, key))
        if found is not None:
            return found
    return None


def where_text(sources: tuple[str, ...], text: str) -> tuple[str, int, int] | None:
    """File, line and column of the first text field in ``sources`` (YAML files, in order, each
    translation followed by the knowledge base it translates) that
    reads as ``text`` (white space folded; a field that merely contains it counts when no field
    equals it), or None when no file holds it. For problems a renderer finds in a text it was
    given without its item (a title too long for a slide)."""
    wanted = " ".join(text.split())
    paths = [p for source in sources for p in (source, _untranslated(source))]  # a translation, then its English
    for strict in (True, False):
        for path in paths:
            located = _located(path) if path else None
            loc = _find_text(located.data, wanted, (), strict) if located is not None else None
            if located is not None and loc is not None:
                line, col = located.position(loc)
                return located.file, line, col
    return None


def _find_text(data: Any, wanted: str, loc: Loc, strict: bool) -> Loc | None:
    if isinstance(data, str):
        folded = " ".join(data.split())
        return loc if (folded == wanted if strict else wanted in folded) else None
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        found = _find_text(value, wanted, (*loc, key), strict)
        if found is not None:
            return found
    return None
