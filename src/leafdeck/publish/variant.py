"""The knowledge base one variant prints: selected for its audience and clinic country
(``plan.variants.select``), in that country's spelling (``plan.spelling``, from the table
``read.spelling`` reads: ``sources/spelling.en-US.yaml`` for English made for US clinics).

Every stage that makes a variant (the build, ``leafdeck plan``, the fit prediction of
``leafdeck check``) takes it from here, so what is checked is what is printed.
"""

from __future__ import annotations

from pathlib import Path

from leafdeck.errors import InputError, Problem
from leafdeck.model import INTERNATIONAL, Audience, KnowledgeBase
from leafdeck.plan.spelling import spelled
from leafdeck.plan.variants import select
from leafdeck.read.spelling import load_spellings


def variant_kb(folder: Path, kb: KnowledgeBase, audience: Audience, country: str) -> KnowledgeBase:
    """``kb`` (one language's) as ``audience`` reads it at a clinic in ``country``: selected,
    then respelled when ``folder`` (the knowledge base's) has a table for its language and that
    country. Raises InputError for a malformed table."""
    chosen = select(kb, audience, country)
    if country == INTERNATIONAL:
        return chosen
    return spelled(chosen, load_spellings(folder, kb.document.language, country))


def spelling_problems(folder: Path) -> list[Problem]:
    """The problems of every spelling table in ``folder`` (``spelling.<language>-<COUNTRY>.yaml``),
    located at their line and column, so that ``check`` finds what a build would refuse."""
    found: list[Problem] = []
    for path in sorted(folder.glob("spelling.*-*.yaml")):
        language, _, country = path.name.removeprefix("spelling.").removesuffix(".yaml").partition("-")
        try:
            load_spellings(folder, language, country)
        except InputError as exc:
            found += exc.problems
    return found
