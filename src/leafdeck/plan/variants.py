"""Select one audience's view of the knowledge base, before any layout happens.

Items not tagged for the audience (or the clinic's country) are dropped everywhere (lists, nested
lists), topics, question groups and grid rows left empty are dropped, and references no longer cited are dropped, so
nothing excluded can leak into contents lists, notes or reference lists.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, get_origin

from pydantic import BaseModel

from leafdeck.model import INTERNATIONAL, Audience, Item, KnowledgeBase
from leafdeck.nobreak import short_numbers_kept
from leafdeck.plan.dates import country_dates, has_date
from leafdeck.read.nesting import nested_fields
from leafdeck.read.numbers import resolve, walk_text
from leafdeck.remembered import remembered


def select(kb: KnowledgeBase, audience: Audience, country: str = INTERNATIONAL) -> KnowledgeBase:
    """The knowledge base as one audience of a clinic in ``country`` sees it: items for other
    audiences or other countries are dropped (an item with no ``countries`` is for all). A
    country no item is for gets the international advice (``advice_country``). Numbers written by
    reference (``{premise-relapses.sham}``) are filled in here, once, in the knowledge base's
    language (``read.numbers``), and dates written in English prose follow the clinic's country
    (``plan.dates``). The same selection of the same model is made once (the checks,
    the fit prediction and the translation checks all ask for it)."""
    country = advice_country(kb, country)
    return remembered(_SELECTED, kb, lambda: _select(kb, audience, country), (audience, country))


_SELECTED: dict[tuple[Hashable, ...], tuple[KnowledgeBase, KnowledgeBase]] = {}
"""Selections made, by model, audience and country (``remembered``)."""


def kept_items(kb: KnowledgeBase, audience: Audience, country: str = INTERNATIONAL) -> KnowledgeBase:
    """``kb`` with only the items ``select`` keeps for ``audience`` in ``country``, as written:
    numbers, dates and citations not worked out. For questions about which items a selection
    holds (the translation checks' keys), at a fraction of its cost."""
    country = advice_country(kb, country)
    return prune(kb, _for(audience, country, international_fallback(kb, country)))


def _for(audience: Audience, country: str, fallback: frozenset[str] = frozenset()) -> Callable[[Item], bool]:
    """Whether an item is for ``audience`` in ``country`` (an item with no ``countries`` is for all;
    one whose id is in ``fallback`` stands in for the country's own, ``international_fallback``)."""
    return lambda item: (
        audience in item.audiences and (not item.countries or country in item.countries or item.id in fallback)
    )


def international_fallback(kb: KnowledgeBase, country: str) -> frozenset[str]:
    """The ids of the ``international`` items ``country`` is given because none of their siblings
    (the items of the same list: the emergency numbers, the reporting routes) is written for it.
    A country with advice of its own in one list (the EU trial register for France) still gets
    the international advice in every other (who to call, where to report): without this a
    French clinic's leaflet had no emergency line at all. Worked out once per model and country."""
    if country == INTERNATIONAL:
        return frozenset()
    return remembered(_FALLBACK, kb, lambda: frozenset(_stand_ins(kb, country)), (country,))


_FALLBACK: dict[tuple[Hashable, ...], tuple[KnowledgeBase, frozenset[str]]] = {}


def _stand_ins(value: Any, country: str) -> Iterator[str]:
    if isinstance(value, BaseModel):
        for name in nested_fields(type(value)):
            yield from _stand_ins(getattr(value, name), country)
    elif isinstance(value, tuple):
        local = [v for v in value if isinstance(v, Item) and v.countries]
        if local and not any(country in v.countries for v in local):
            yield from (v.id for v in local if INTERNATIONAL in v.countries)
        for child in value:
            yield from _stand_ins(child, country)


def _select(kb: KnowledgeBase, audience: Audience, country: str) -> KnowledgeBase:
    chosen = prune(_of_country(kb, country), _for(audience, country, international_fallback(kb, country)))
    cited = cited_ids(chosen)
    return chosen.model_copy(update={"references": tuple(r for r in chosen.references if r.id in cited)})


def _foreign_cites_dropped(value: Any, foreign: dict[str, str], skip: frozenset[int] = frozenset()) -> Any:
    """``value`` with the references in ``foreign`` (id → authors: another country's national
    advice, ``Reference.countries``) taken out of every ``cites`` list whose item does not name
    their authors (issue 20 point 6): a statement that only rests on such a page then names no
    source in this clinic's outputs, never a foreign one, while "England's NICE says ..." keeps
    NICE. The very same object where nothing changed; a part whose ``id()`` is in ``skip`` cites
    no such reference."""
    if not foreign or id(value) in skip:
        return value

    def own(model: BaseModel) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        for name in _cites_fields(type(model)):
            old = getattr(model, name)
            if isinstance(old, tuple) and any(c in foreign for c in old):
                said = " ".join(v for v in (getattr(model, n) for n in type(model).model_fields) if isinstance(v, str))
                kept = tuple(c for c in old if c not in foreign or foreign[c] in said)
                if kept != old:
                    changed[name] = kept
        return changed

    return _rebuilt(value, own, lambda part: _foreign_cites_dropped(part, foreign, skip))


@cache
def _cites_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that list citations (``cites``, ``*_cites``)."""
    return tuple(name for name in model.model_fields if name.endswith("cites"))


def _rebuilt(value: Any, own: Callable[[BaseModel], dict[str, Any]], step: Callable[[Any], Any] | None = None) -> Any:
    """``value`` (a model, a tuple, anything else) rebuilt bottom-up: every nested model and tuple
    through ``step`` (default: this same walk), then each model's own fields changed as ``own``
    says; the very same object wherever nothing changed."""
    again = step or (lambda part: _rebuilt(part, own))
    if isinstance(value, BaseModel):
        changed = {}
        for name in nested_fields(type(value)):
            old = getattr(value, name)
            if isinstance(old, BaseModel | tuple) and (new := again(old)) is not old:
                changed[name] = new
        changed.update(own(value))
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, tuple):
        walked = tuple(again(v) for v in value)
        return value if all(a is b for a, b in zip(walked, value, strict=True)) else walked
    return value


def _of_country(kb: KnowledgeBase, country: str) -> KnowledgeBase:
    """``kb`` as every audience in ``country`` reads it, before items are dropped: numbers
    filled in (``read.numbers.resolve``), English dates written as the country writes them
    (``plan.dates``), then the short numbers of country-specific items kept with the word before
    them. Made once per model and country: every audience shares it (pruning looks at an item's
    audiences and countries only, so dropping items after this gives the same text as before)."""
    return remembered(_VIEWS, kb, lambda: _view(kb, country), (country,))


def _view(kb: KnowledgeBase, country: str) -> KnowledgeBase:
    prepared = remembered(_PREPARED, kb, lambda: _prepared(kb), most=_PREPARED_MAX)
    language = kb.document.language
    dated = walk_text(prepared.resolved, lambda text: country_dates(text, language, country), prepared.undated)
    foreign = {r.id: r.authors for r in kb.references if r.countries and country not in r.countries}
    return _foreign_cites_dropped(_country_items(dated, prepared.unlocal), foreign, prepared.unlimited)


@dataclass(frozen=True)
class _Prepared:
    """A model's numbers filled in, and which of its parts no later step of a selection changes."""

    resolved: KnowledgeBase
    """``read.numbers.resolve`` of the model (kept here, so the ids below stay its parts' ids)."""
    undated: frozenset[int]
    """``id()`` of every model and tuple of ``resolved`` with no full English date inside."""
    unlocal: frozenset[int]
    """``id()`` of every model and tuple of ``resolved`` with no country-specific item inside."""
    unlimited: frozenset[int]
    """``id()`` of every model and tuple of ``resolved`` citing no reference limited to some
    countries (``Reference.countries``) inside."""


def _prepared(kb: KnowledgeBase) -> _Prepared:
    resolved = resolve(kb)
    undated: set[int] = set()
    unlocal: set[int] = set()
    unlimited: set[int] = set()
    limited_ids = {r.id for r in kb.references if r.countries}

    def visit(value: Any) -> tuple[bool, bool, bool]:
        """Whether ``value`` holds a date, a country-specific item, and a citation of a reference
        limited to some countries (every field looked at)."""
        if isinstance(value, str):
            return has_date(value), False, False
        if isinstance(value, BaseModel):
            children: Any = [getattr(value, name) for name in _all_fields(type(value))]
            cites = (getattr(value, name) for name in _cites_fields(type(value)))
            limited = any(isinstance(c, tuple) and not limited_ids.isdisjoint(c) for c in cites)
        elif isinstance(value, tuple):
            children, limited = value, False
        else:
            return False, False, False
        dated, local = False, isinstance(value, Item) and bool(value.countries)
        for child in children:
            child_dated, child_local, child_limited = visit(child)
            dated, local, limited = dated or child_dated, local or child_local, limited or child_limited
        if not dated:
            undated.add(id(value))
        if not local:
            unlocal.add(id(value))
        if not limited:
            unlimited.add(id(value))
        return dated, local, limited

    visit(resolved)
    return _Prepared(resolved, frozenset(undated), frozenset(unlocal), frozenset(unlimited))


@cache
def _all_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def _country_items(value: Any, skip: frozenset[int]) -> Any:
    """``value`` with the short numbers of its country-specific items (the emergency numbers of
    ``countries:`` items, "le 999") kept with the word before them (``nobreak``); the very same
    object where nothing changed. A part whose ``id()`` is in ``skip`` holds no such item."""
    if id(value) in skip:
        return value
    if isinstance(value, Item) and value.countries:
        return walk_text(value, short_numbers_kept)
    return _rebuilt(value, lambda _: {}, lambda part: _country_items(part, skip))


def advice_country(kb: KnowledgeBase, country: str) -> str:
    """``country`` when some item of ``kb`` is for it, else ``international``: a clinic in a
    country without advice of its own (who to call, where to report side effects) gets the
    neutral international advice, not none. ``leafdeck check`` says so (GOV-007)."""
    return country if country in countries_of(kb) else INTERNATIONAL


def countries_of(kb: KnowledgeBase) -> set[str]:
    """Every country some item of ``kb`` is written for (its ``countries``); worked out once per
    model (``select`` asks for every selection)."""
    found: frozenset[str] = remembered(_COUNTRIES, kb, lambda: _countries(kb))
    return set(found)


def _countries(kb: KnowledgeBase) -> frozenset[str]:
    found: set[str] = set()
    _collect_countries(kb, found)
    return frozenset(found)


_PREPARED: dict[tuple[Hashable, ...], tuple[KnowledgeBase, _Prepared]] = {}
"""``_prepared`` of each model selected from (``remembered``): every audience and country of it
shares one."""
_PREPARED_MAX = 16
"""Models ``_PREPARED`` keeps (each with its numbers filled in and two sets of part ids: a
long-running ``leafdeck serve`` reads a new model whenever a file changes)."""
_VIEWS: dict[tuple[Hashable, ...], tuple[KnowledgeBase, KnowledgeBase]] = {}
"""``_of_country`` of each model and country (``remembered``)."""
_COUNTRIES: dict[tuple[Hashable, ...], tuple[KnowledgeBase, frozenset[str]]] = {}
"""``countries_of`` each model (``remembered``)."""


def _collect_countries(value: Any, found: set[str]) -> None:
    if isinstance(value, Item):
        found.update(value.countries)
    if isinstance(value, BaseModel):
        for name in nested_fields(type(value)):
            _collect_countries(getattr(value, name), found)
    elif isinstance(value, tuple):
        for child in value:
            _collect_countries(child, found)


def cited_ids(model: BaseModel) -> list[str]:
    """Reference ids in order of first citation (the numbering a reader sees)."""
    order: dict[str, None] = {}
    _collect_cites(model, order)
    return list(order)


def _collect_cites(value: Any, order: dict[str, None]) -> None:
    if isinstance(value, BaseModel):
        for name in _cite_fields(type(value)):
            child = getattr(value, name)
            if name == "cites":
                order.update(dict.fromkeys(child))
            else:
                _collect_cites(child, order)
    elif isinstance(value, tuple):
        for child in value:
            _collect_cites(child, order)


@cache
def _cite_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold a citation, in their order: ``cites``, and those that
    can hold a model (``read.nesting``) but ``references``."""
    nested = nested_fields(model)
    return tuple(name for name in model.model_fields if name == "cites" or (name in nested and name != "references"))


def prune(kb: KnowledgeBase, keep: Callable[[Item], bool]) -> KnowledgeBase:
    """``kb`` without the items ``keep`` refuses, wherever they are nested; a topic, question
    group or grid row left with nothing in it is dropped too. The one walk behind a selection
    by audience and country (``select``) and by depth (``plan.outline.at_depth``)."""
    kept = _prune(kb, keep)
    assert isinstance(kept, KnowledgeBase)
    return kept


def _prune(value: Any, keep: Callable[[Item], bool]) -> Any:
    """``value`` pruned; the very same object where nothing inside it was dropped (models are
    frozen, so only what changed is copied)."""
    if isinstance(value, BaseModel):
        changed = {}
        for name in nested_fields(type(value)):
            old = getattr(value, name)
            if isinstance(old, BaseModel | tuple) and (new := _prune(old, keep)) is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, tuple):
        found = []
        same = True
        for old in value:
            if isinstance(old, Item) and not keep(old):
                same = False
                continue
            new = _prune(old, keep)
            if _emptied(new):
                same = False
                continue
            same = same and new is old
            found.append(new)
        return value if same else tuple(found)
    return value


def _emptied(value: Any) -> bool:
    """A container whose every statement, question or cell was filtered away."""
    if not isinstance(value, BaseModel):
        return False
    return any(not getattr(value, name) for name in _container_fields(type(value)))


@cache
def _container_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold a tuple of statements, questions or cells (looked up
    once per class: asking a model for a field it does not have is slow in pydantic)."""
    return tuple(
        name
        for name in ("statements", "questions", "cells")
        if name in model.model_fields and _is_tuple(model.model_fields[name].annotation)
    )


def _is_tuple(annotation: Any) -> bool:
    return annotation is tuple or get_origin(annotation) is tuple
