"""References marked ``verified: true`` must name the record they were checked against (issue
17.8: a flag taken on trust let a new reference pass with nothing behind it). Shared by
``leafdeck check`` (rule CIT-009) and ``leafdeck build``, which refuses such a knowledge base
with the same located message."""

from __future__ import annotations

from pathlib import Path

from leafdeck.errors import Problem
from leafdeck.model import KnowledgeBase
from leafdeck.read.yamlio import Located, load

VERIFIED_AGAINST = ("doi", "pmid", "url", "seen_at")
"""The fields that name a record a reference can be verified against (``seen_at``: the address
of a copy, never printed)."""
VERIFIED_RULE = "CIT-009"


def unbacked(kb: KnowledgeBase) -> list[int]:
    """Indexes in ``kb.references`` of the references marked ``verified: true`` that name no
    record (``VERIFIED_AGAINST``) except ones listed under their own ``unverified``."""
    return [
        i
        for i, ref in enumerate(kb.references)
        if ref.verified and not any(getattr(ref, f) is not None and f not in ref.unverified for f in VERIFIED_AGAINST)
    ]


def unbacked_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    """One CIT-009 error per ``unbacked`` reference, at its ``verified`` line in ``located``
    (the knowledge base's YAML)."""
    found = []
    for i in unbacked(kb):
        message = (
            f"{kb.references[i].id}: `verified: true` but no identifier it was verified against; add the `doi`, "
            "`pmid` or `url` of the record checked (`seen_at:` for the address of a copy, never printed), or set "
            "`verified: false`"
        )
        found.append(located.problem(("references", i, "verified"), message, rule=VERIFIED_RULE))
    return found


def unbacked_in(kb: KnowledgeBase, path: Path) -> list[Problem]:
    """``unbacked_problems`` of the knowledge base read from ``path``; its YAML is read (from the
    command's inputs bundle) only when some reference is unbacked."""
    if not unbacked(kb):
        return []
    located, problems = load(path)
    return unbacked_problems(kb, located) if located is not None else problems
