"""The outline's references: ids in order of first citation, and the references section filled
with numbered entries once every section is built. Pure: no rendering library, no file access.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from leafdeck.model import KnowledgeBase, Study
from leafdeck.plan import blocks as b
from leafdeck.plan.evidence import reference_entry
from leafdeck.read.labels import Labels


def distinct(entries: tuple[b.ReferenceEntry, ...]) -> tuple[b.ReferenceEntry, ...]:
    """Entries whose short forms collide (two FDA notices of one year) told apart the author-year
    way: "2017a.", "2017b." in order of citation."""
    counts = Counter(e.short for e in entries)
    seen: Counter[str] = Counter()
    found = []
    for entry in entries:
        if counts[entry.short] > 1:
            seen[entry.short] += 1
            letter = "abcdefghijklmnopqrstuvwxyz"[(seen[entry.short] - 1) % 26]
            entry = replace(entry, short=f"{entry.short.removesuffix('.')}{letter}.")
        found.append(entry)
    return tuple(found)


def cited(sections: list[b.Section]) -> list[str]:
    """Reference ids in order of first citation across the sections' blocks."""
    order: dict[str, None] = {}
    for section in sections:
        for block in section.blocks:
            _collect(block, order)
    return list(order)


def _collect(value: Any, order: dict[str, None]) -> None:
    if isinstance(value, b.Section):
        for block in value.blocks:
            _collect(block, order)
    elif isinstance(value, b.Block):
        for name in value.__dataclass_fields__:
            child = getattr(value, name)
            if name == "cites":
                order.update(dict.fromkeys(child))
            elif isinstance(child, Study):  # a talk's backup slides cite each outcome they chart
                order.update(dict.fromkeys(c for outcome in child.outcomes for c in outcome.cites))
            elif isinstance(child, b.Block | tuple | b.Section):
                _collect(child, order)
    elif isinstance(value, tuple):
        for child in value:
            _collect(child, order)


def with_references(section: b.Section, kb: KnowledgeBase, labels: Labels, numbered: tuple[str, ...]) -> b.Section:
    if section.name != "references":
        return section
    compact = any(isinstance(x, b.References) and x.compact for x in section.blocks)
    listed = all(x.listed for x in section.blocks if isinstance(x, b.References))
    entries = distinct(tuple(reference_entry(kb.reference(ref), n, labels) for n, ref in enumerate(numbered, 1)))
    more = labels("full_references") if compact else ""
    if not listed:
        return b.Section(
            section.name, section.title, (b.References((), True, more),) if entries else (), None, section.backup
        )
    block = b.References(entries, compact, more)
    return replace(section, blocks=(block,) if entries else ())
