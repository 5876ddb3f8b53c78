"""The knowledge base at a product's depth: items deeper than the contents' ``depth`` left out
(``model.DEPTHS`` order). Pure: no rendering library, no file access.
"""

from __future__ import annotations

from leafdeck.model import DEPTHS, Item, KnowledgeBase
from leafdeck.plan.variants import prune
from leafdeck.read.nesting import nested_fields


def at_depth(kb: KnowledgeBase, depth: str) -> KnowledgeBase:
    """``kb`` without the items deeper than ``depth`` (``model.DEPTHS`` order); a topic or group
    left empty is dropped."""
    key = (id(kb), depth)
    found = _AT_DEPTH.get(key)
    if found is not None and found[0] is kb:
        return found[1]
    limit = DEPTHS.index(depth)
    if len(_AT_DEPTH) >= _AT_DEPTH_MAX:
        _AT_DEPTH.clear()
    _AT_DEPTH[key] = (kb, prune(kb, lambda item: _within(item, limit)))
    return _AT_DEPTH[key][1]


_AT_DEPTH: dict[tuple[int, str], tuple[KnowledgeBase, KnowledgeBase]] = {}
"""``at_depth`` answers: (id of the model, depth) → (that model, the answer); the model is kept,
so its id cannot be reused while the entry lives (models are frozen: the answer cannot change).
Every product of a clinic at one depth shares one."""
_AT_DEPTH_MAX = 256


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
