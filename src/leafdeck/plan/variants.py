"""Select one audience's view of the knowledge base, before any layout happens.

Items not tagged for the audience are dropped everywhere (lists, nested lists), topics and
question groups left empty are dropped, and references no longer cited are dropped, so
nothing excluded can leak into contents lists, notes or reference lists.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from leafdeck.model import INTERNATIONAL, Audience, Item, KnowledgeBase


def select(kb: KnowledgeBase, audience: Audience, country: str = INTERNATIONAL) -> KnowledgeBase:
    """The knowledge base as one audience of a clinic in ``country`` sees it: items for other
    audiences or other countries are dropped (an item with no ``countries`` is for all)."""
    chosen = _filter(kb, audience, country)
    assert isinstance(chosen, KnowledgeBase)
    cited = cited_ids(chosen)
    return chosen.model_copy(update={"references": tuple(r for r in chosen.references if r.id in cited)})


def cited_ids(model: BaseModel) -> list[str]:
    """Reference ids in order of first citation (the numbering a reader sees)."""
    order: dict[str, None] = {}
    _collect_cites(model, order)
    return list(order)


def _collect_cites(value: Any, order: dict[str, None]) -> None:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name == "cites":
                order.update(dict.fromkeys(child))
            elif name != "references":
                _collect_cites(child, order)
    elif isinstance(value, tuple):
        for child in value:
            _collect_cites(child, order)


def _filter(value: Any, audience: Audience, country: str) -> Any:
    if isinstance(value, BaseModel):
        updates = {name: _filter(getattr(value, name), audience, country) for name in type(value).model_fields}
        return value.model_copy(update=updates)
    if isinstance(value, tuple):
        kept = (_filter(v, audience, country) for v in value if _shown(v, audience, country))
        return tuple(v for v in kept if not _emptied(v))
    return value


def _shown(value: Any, audience: Audience, country: str) -> bool:
    if not isinstance(value, Item):
        return True
    return audience in value.audiences and (not value.countries or country in value.countries)


def _emptied(value: Any) -> bool:
    """A container whose every statement was filtered away."""
    for name in ("statements", "questions"):
        if isinstance(getattr(value, name, None), tuple) and not getattr(value, name):
            return True
    return False
