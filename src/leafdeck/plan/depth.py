"""The knowledge base at a product's depth: items deeper than the contents' ``depth`` left out
(``model.DEPTHS`` order). Pure: no rendering library, no file access.
"""

from __future__ import annotations

from collections.abc import Hashable

from leafdeck.model import DEPTHS, Item, KnowledgeBase
from leafdeck.plan.variants import prune
from leafdeck.read.nesting import nested_fields
from leafdeck.remembered import remembered


def at_depth(kb: KnowledgeBase, depth: str) -> KnowledgeBase:
    """``kb`` without the items deeper than ``depth`` (``model.DEPTHS`` order); a topic or group
    left empty is dropped."""
    limit = DEPTHS.index(depth)
    return remembered(_AT_DEPTH, kb, lambda: prune(kb, lambda item: _within(item, limit)), (depth,))


_AT_DEPTH: dict[tuple[Hashable, ...], tuple[KnowledgeBase, KnowledgeBase]] = {}
"""``at_depth`` answers by model and depth (``remembered``): every product of a clinic at one
depth shares one."""


def _within(item: Item, limit: int) -> bool:
    """Whether an item is shown at depth ``limit``: by its own mark, else ``standard`` for a leaf;
    an unmarked container (topic, study, option, group, grid row) is kept for its content."""
    if item.depth is not None:
        return DEPTHS.index(item.depth) <= limit
    return _is_container(item) or DEPTHS.index("standard") <= limit


def _is_container(item: Item) -> bool:
    return any(
        isinstance(child, tuple) and any(isinstance(c, Item) for c in child)
        for child in (getattr(item, name) for name in nested_fields(type(item)))
    )
