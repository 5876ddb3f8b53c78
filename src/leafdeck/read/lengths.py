"""Short fields no longer than the products can show (FIT-004), with the limits from
``layouts/lengths.yaml`` (defaults below when the file is missing).

A title, subtitle, heading, option name, study short name or clinic name is set in a box of fixed size: on the A5
booklet's cover, in a slide's title box, in an option grid's column head. Longer than the
layouts' limit, it is refused at its own line and column, in the knowledge base, in each
translation (``items.<key>.<field>``) or in the clinic file, before anything is rendered, never
found as text running out of its box.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

from pydantic import Field

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase, Node

TOO_LONG = "FIT-004"
"""The rule of a short field longer than the products can show."""

Limit = Annotated[int, Field(strict=True, ge=10, le=1000)]


class Lengths(Node):
    """The most characters each kind of short field may have (``layouts/lengths.yaml``, whose
    comment says where the numbers come from: above the longest shipped text, not measured boxes)."""

    title: Limit = 120
    """``document.title``."""
    subtitle: Limit = 200
    """``document.subtitle``."""
    decision: Limit = 120
    """``document.decision``, the question on the cover."""
    heading: Limit = 110
    """A topic's, question group's or framework step's title (section headings, slide titles)."""
    option: Limit = 80
    """An option's name (option grid columns, chart labels)."""
    short_name: Limit = 80
    """A study's short name (chart labels, slide titles)."""
    clinic: Limit = 130
    """A clinic's name (the brand band)."""


def load_lengths(layouts: Path) -> Lengths:
    """The limits in ``layouts/lengths.yaml`` (the defaults when there is none); raises InputError."""
    from leafdeck.read.layout import load_model

    path = layouts / "lengths.yaml"
    return load_model(path, Lengths, layouts) if path.is_file() else Lengths()


ShortField = tuple[tuple[str | int, ...], str, str, str]
"""(where in the knowledge base, translation key, field name, kind of limit) of one short field."""


def short_fields(kb: KnowledgeBase) -> Iterator[tuple[ShortField, str]]:
    """Every short field of ``kb`` with its text."""
    document = kb.document
    for name in ("title", "subtitle", "decision"):
        text = getattr(document, name, None)
        if isinstance(text, str):
            yield (("document", name), "document", name, name), text
    for i, topic in enumerate(kb.topics):
        yield (("topics", i, "title"), topic.id, "title", "heading"), topic.title
    for i, group in enumerate(kb.questions):
        yield (("questions", i, "title"), group.id, "title", "heading"), group.title
    for i, step in enumerate(kb.framework):
        yield (("framework", i, "title"), step.id, "title", "heading"), step.title
    for i, option in enumerate(kb.options):
        yield (("options", i, "name"), option.id, "name", "option"), option.name
    for i, study in enumerate(kb.studies):
        yield (("studies", i, "short_name"), study.id, "short_name", "short_name"), study.short_name


def length_problems(
    kb_path: Path, layouts: Path, languages: Iterable[str], clinics: Iterable[str], kb: KnowledgeBase | None = None
) -> list[Problem]:
    """FIT-004 for each short field of the knowledge base at ``kb_path``, of its translations into
    ``languages`` and of the ``clinics``' files longer than ``layouts/lengths.yaml`` allows,
    located at the field. Problems loading the limits are returned as they are. ``kb``: the
    knowledge base already validated from ``kb_path`` (a build's, from its cache), so that its
    YAML is read only to locate a field found too long; loaded here without it."""
    from leafdeck.read.sources import load_kb
    from leafdeck.read.translations import load_translation, translation_path
    from leafdeck.read.yamlio import load

    try:
        lengths = load_lengths(layouts)
    except InputError as exc:
        return exc.problems
    if kb is None:
        kb, _ = load_kb(kb_path)
    problems: list[Problem] = []
    fields = list(short_fields(kb))
    too_long = [(loc, text, kind) for (loc, _, _, kind), text in fields if len(text) > getattr(lengths, kind)]
    located, _ = load(kb_path) if too_long else (None, [])
    for loc, text, kind in too_long:
        if located is not None:
            problems.append(located.problem(loc, _message(".".join(map(str, loc)), text, kind, lengths), rule=TOO_LONG))
    for language in languages:
        path = translation_path(kb_path, language)
        if language == kb.document.language or not path.is_file():
            continue
        translation, where = load_translation(path)
        for (_, key, name, kind), _ in fields:
            entry = translation.items.get(key)
            translated = entry.filled.get(name) if entry is not None else None
            if translated and len(translated) > getattr(lengths, kind):
                message = _message(f"items.{key}.{name}", translated, kind, lengths)
                problems.append(where.problem(("items", key, name), message, rule=TOO_LONG))
    problems += _clinic_problems(layouts, clinics, lengths)
    return problems


def _clinic_problems(layouts: Path, clinics: Iterable[str], lengths: Lengths) -> list[Problem]:
    from leafdeck.read.yamlio import load

    problems = []
    for name in sorted(set(clinics)):
        located, _ = load(layouts / "clinics" / f"{name}.yaml")
        text = located.data.get("name") if located is not None and isinstance(located.data, dict) else None
        if located is not None and isinstance(text, str) and len(text) > lengths.clinic:
            problems.append(located.problem(("name",), _message("name", text, "clinic", lengths), rule=TOO_LONG))
    return problems


def _message(where: str, text: str, kind: str, lengths: Lengths) -> str:
    limit = getattr(lengths, kind)
    return (
        f"{where}: is {len(text)} characters long; the products show at most {limit} here "
        f"(`{kind}:` in layouts/lengths.yaml): shorten it, “{text[:40]}…”"
    )
