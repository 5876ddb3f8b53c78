"""The outline as plain JSON data, for ``leafdeck plan --outline PRODUCT``: what an editor reads to
see what a product will contain before building it."""

from __future__ import annotations

from typing import Any

from leafdeck.model import Item, Outcome, Study
from leafdeck.plan import blocks as b


def outline_json(plan: b.Outline) -> dict[str, Any]:
    """The outline as plain JSON data (``leafdeck plan --outline``): sections, each block's kind,
    its text and citation numbers; model objects appear by id."""
    return {
        "product": plan.product,
        "audience": plan.audience,
        "language": plan.language,
        "references": list(plan.references),
        "sections": [_section_json(s, plan) for s in plan.sections],
    }


def _section_json(section: b.Section, plan: b.Outline) -> dict[str, Any]:
    return {
        "name": section.name,
        "title": section.title,
        **({"headline": section.headline} if section.headline else {}),
        **({"backup": True} if section.backup else {}),
        "blocks": [_json(block, plan) for block in section.blocks],
    }


def _json(value: Any, plan: b.Outline) -> Any:
    if isinstance(value, b.Section):
        return _section_json(value, plan)
    if isinstance(value, b.Block):
        out: dict[str, Any] = {"kind": value.kind}
        for name in value.__dataclass_fields__:
            child = getattr(value, name)
            if name == "cites":
                out["cites"] = [plan.number(c) if c in plan.references else c for c in child]
            else:
                out[name] = _json(child, plan)
        return out
    if isinstance(value, tuple):
        return [_json(v, plan) for v in value]
    if isinstance(value, Study | Outcome | Item):
        return value.id
    return value
