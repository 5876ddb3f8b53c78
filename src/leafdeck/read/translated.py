"""Which items of the knowledge base carry prose to translate, and which of them a translation needs.

An item's translation key is its id (``document`` and ``governance`` for those blocks,
``study-id/arm-id`` for a study arm); its hash (``item_hash``) records the English a translation
was made from. ``needed_keys`` are the items patient and advocacy readers see, in any country.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterator
from typing import Any

from pydantic import BaseModel

from leafdeck.model import INTERNATIONAL, Audience, Item, KnowledgeBase
from leafdeck.read.nesting import nested_fields
from leafdeck.remembered import remembered

TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "Statement": ("text", "notes", "reminder"),
    "GridCell": ("text", "notes"),
    "Topic": ("title", "summary", "talk"),
    "Study": ("name", "short_name", "country", "design", "population", "follow_up"),
    "Arm": ("label",),
    "Outcome": ("label", "timeframe", "note"),
    "Option": ("name",),
    "QuestionGroup": ("title",),
    "Step": ("title", "text"),
    "Faq": ("question",),
    "GridRow": ("question",),
    "ValuePrompt": ("text",),
    "Figure": ("caption", "alt"),
    "Term": ("term", "definition"),
    "Document": ("title", "subtitle", "decision", "condition", "disclaimer", "unapproved_use"),
    "Governance": (
        "funding",
        "conflicts_of_interest",
        "contact",
        "feedback",
        "update_policy",
        "other_formats",
    ),
}
"""Which fields of each model class carry prose to translate."""

TRANSLATED_AUDIENCES: tuple[Audience, ...] = ("patient", "advocacy")
"""Audiences whose materials must be fully translated; clinician materials stay in English."""


def item_hash(fields: dict[str, str | None]) -> str:
    """A short, stable hash of an item's English prose."""
    text = json.dumps({k: v for k, v in sorted(fields.items()) if v is not None}, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def translatable_items(kb: KnowledgeBase) -> dict[str, tuple[BaseModel, dict[str, str | None]]]:
    """Every item with prose, by translation key, with its English fields (worked out once for
    each of the last few models: the translation checks ask for the same one many times)."""
    found = remembered(_ITEMS, kb, lambda: _translatable_items(kb), most=32)
    return dict(found)


_ITEMS: dict[tuple[Hashable, ...], tuple[KnowledgeBase, dict[str, tuple[BaseModel, dict[str, str | None]]]]] = {}
"""translatable_items of the last models asked about (``remembered``)."""


def _translatable_items(kb: KnowledgeBase) -> dict[str, tuple[BaseModel, dict[str, str | None]]]:
    found: dict[str, tuple[BaseModel, dict[str, str | None]]] = {}
    for key, node in _keyed(kb):
        fields = TRANSLATABLE.get(type(node).__name__, ())
        english = {name: getattr(node, name) for name in fields}
        if any(v is not None for v in english.values()):
            found[key] = (node, english)
    return found


def _keyed(value: Any, study: str | None = None) -> Iterator[tuple[str, BaseModel]]:
    if isinstance(value, BaseModel):
        name = type(value).__name__
        if name == "Document":
            yield "document", value
        elif name == "Governance":
            yield "governance", value
        elif name == "Arm" and study:
            yield f"{study}/{value.id}", value  # type: ignore[attr-defined]
        elif isinstance(value, Item):
            yield value.id, value
        inner = value.id if name == "Study" else study  # type: ignore[attr-defined]
        for field in nested_fields(type(value)):
            if field != "references":
                yield from _keyed(getattr(value, field), inner)
    elif isinstance(value, tuple):
        for child in value:
            yield from _keyed(child, study)


_NEEDED: dict[tuple[Hashable, ...], tuple[KnowledgeBase, list[str]]] = {}
"""needed_keys of the last knowledge bases asked about (``remembered``)."""


def needed_keys(kb: KnowledgeBase) -> list[str]:
    """Translation keys of every item that patient or advocacy readers see (remembered for the
    last few knowledge bases: it selects every audience and country, about a second)."""
    found = remembered(_NEEDED, kb, lambda: _needed_keys(kb), most=4)
    return list(found)


def _needed_keys(kb: KnowledgeBase) -> list[str]:
    from leafdeck.plan.variants import kept_items

    keys: dict[str, None] = {}
    items = list(_items(kb))
    countries = [INTERNATIONAL, *sorted({c for item in items for c in item.countries} - {INTERNATIONAL})]
    distinct: dict[frozenset[int], str] = {}  # a country named by the same items as an earlier one selects the same
    for country in countries:
        distinct.setdefault(frozenset(i for i, item in enumerate(items) if country in item.countries), country)
    for audience in TRANSLATED_AUDIENCES:
        for country in distinct.values():  # every clinic's selection: country-specific items too
            keys.update(dict.fromkeys(translatable_items(kept_items(kb, audience, country))))
    return list(keys)


def _items(value: Any) -> Iterator[Item]:
    if isinstance(value, Item):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _items(getattr(value, name))
    elif isinstance(value, tuple):
        for child in value:
            yield from _items(child)
