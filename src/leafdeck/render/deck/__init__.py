"""Talk decks (.pptx): plan the slides from the model, then emit them with python-pptx.

``plan`` (pure, measured with the bundled fonts) turns the product's outline (the content plan)
into slide specifications (``sections.py`` and ``talk.py`` draft what each slide says);
``emit`` writes them onto the template (``layouts/deck-template.pptx``) with the clinic's brand.
"""

from __future__ import annotations

import re
from pathlib import Path

from leafdeck.errors import InputError, Problem
from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.layout import DeckLayout, localised


def render(outline: Outline, resolved: Resolved[DeckLayout], target: Path) -> None:
    """Write one talk deck for ``outline`` (one product of one variant) to ``target``."""
    from leafdeck.render.deck.emit import emit
    from leafdeck.render.deck.plan import plan, properties

    resolved = localised(resolved)
    try:
        slides = plan(outline, resolved)
    except InputError as exc:
        raise InputError([_located(p, resolved, outline.product) for p in exc.problems]) from None
    emit(slides, properties(outline.kb, resolved.layout), resolved, target)


_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _located(problem: Problem, resolved: Resolved[DeckLayout], product: str) -> Problem:
    """A planner's problem about a text that cannot fit on a slide (its ``file`` is the text, or
    the text is quoted in the message), placed at the knowledge-base, translation or clinic field
    that holds the text, under FIT-002, naming the product; other problems unchanged."""
    if problem.line > 0 or Path(problem.file).suffix in (".yaml", ".yml"):
        return problem
    quoted = _QUOTED.search(problem.message)
    text = quoted.group(1) if quoted else problem.file
    clinics = tuple(str(p) for p in sorted((resolved.root / "clinics").glob("*.yaml")))
    found = resolved.find((resolved.source, *clinics), text)
    if found is None:
        return problem
    short = repr(text if len(text) <= 60 else text[:57] + "...")
    said = problem.message.replace(repr(text), short) if quoted else f"{short} is {problem.message}"
    return Problem(*found, message=f"{product}: {said}", rule="FIT-002")


__all__ = ["DeckLayout", "render"]
