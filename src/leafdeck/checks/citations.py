"""Citation rules. Unknown and unused references (CIT-002, CIT-003) and identifiers that break
the schema's patterns (CIT-004) are found by the loader (``read/sources.py``,
``read/validate.py``), which names their rules; here are the rules it has no view of."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel

from leafdeck.checks.content import Source, statements
from leafdeck.checks.core import at, finding, judged
from leafdeck.errors import Problem
from leafdeck.model import Item, KnowledgeBase
from leafdeck.plan.variants import cited_ids
from leafdeck.read.references import unbacked_problems


def check(source: Source) -> list[Problem]:
    """CIT-001 (uncited facts), CIT-004 (identifiers that disagree with links), CIT-005 and
    CIT-006 (references with nothing verified), CIT-008 (unverified parts of references),
    CIT-009 (`verified: true` with no identifier it was verified against), CIT-010 (cited
    references whose authors are not verified)."""
    found = _uncited(source) + _identifiers(source) + _unverified(source) + _unverified_parts(source)
    return found + _verified_against(source) + _unnamed_authors(source)


def _uncited(source: Source) -> list[Problem]:
    reasons = [re.compile(r, re.IGNORECASE) for r in source.settings.citations.uncited_reasons]
    found = []
    for statement in statements(source.kb):
        if statement.cites or _only_questions(statement.text):
            continue
        if statement.editor_notes and any(r.search(statement.editor_notes) for r in reasons):
            continue
        message = (
            f"{statement.id}: a statement of fact with no reference; add `cites`, or say in its `editor_notes` "
            "why it needs none (e.g. “Advice, not a factual claim.”)"
        )
        found.append(finding("CIT-001", source.where(statement.id, "text"), message))
    return found


def _only_questions(text: str) -> bool:
    """Text made only of questions (questions to ask need no reference; a fact before one does)."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if p]
    return bool(parts) and all(p.endswith("?") for p in parts)


_PUBMED = re.compile(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)")
_DOI_LINK = re.compile(r"doi\.org/(10\.\S+)", re.IGNORECASE)


def _identifiers(source: Source) -> list[Problem]:
    """What the schema's patterns let through: a DOI ending in punctuation, a PMID with a
    leading zero, a PubMed or doi.org link that names another record than the id beside it."""
    found = []
    for i, ref in enumerate(source.kb.references):
        here = ("references", i)
        if ref.doi and re.search(r"[.,;:)\]]$", ref.doi):
            message = f"{ref.id}: DOI {ref.doi!r} ends in punctuation (copied with the sentence around it?)"
            found.append(finding("CIT-004", at(source.located, (*here, "doi")), message))
        if ref.pmid and ref.pmid.startswith("0"):
            message = f"{ref.id}: PMID {ref.pmid!r} starts with 0; PubMed ids never do"
            found.append(finding("CIT-004", at(source.located, (*here, "pmid")), message))
        link = ref.url or ""
        pubmed, doi = _PUBMED.search(link), _DOI_LINK.search(link)
        if pubmed and ref.pmid and pubmed.group(1) != ref.pmid:
            message = f"{ref.id}: the link is PubMed record {pubmed.group(1)} but the PMID is {ref.pmid}"
            found.append(finding("CIT-004", at(source.located, (*here, "url")), message))
        if doi and ref.doi and doi.group(1).lower() != ref.doi.lower():
            message = f"{ref.id}: the link is DOI {doi.group(1)} but the DOI is {ref.doi}"
            found.append(finding("CIT-004", at(source.located, (*here, "url")), message))
    return found


def _unverified(source: Source) -> list[Problem]:
    """A reference with nothing verified: listed (CIT-005); with ``--release``, refused when a
    patient output cites it (CIT-006)."""
    patient = patient_citations(source.kb)
    found = []
    for i, ref in enumerate(source.kb.references):
        if ref.verified:
            continue
        where = at(source.located, ("references", i, "verified"))
        if ref.id in patient and source.release:
            message = (
                f"{ref.id}: nothing of it is verified against a primary record, and patient outputs cite it; "
                "a release refuses it: verify it, or cite a verified source instead"
            )
            found.append(finding("CIT-006", where, message))
            continue
        cited = "patient outputs cite it; `--release` refuses it" if ref.id in patient else "no patient output cites it"
        message = f"{ref.id}: nothing of it is verified against a primary record ({cited})"
        found.append(replace(finding("CIT-005", where, message), note=" ".join((ref.note or "").split())))
    return found


def _unverified_parts(source: Source) -> list[Problem]:
    """Each part a cited reference lists under ``unverified``, at that list entry (CIT-008):
    it is never printed, so the printed reference is short of it until it is verified."""
    cited = set(cited_ids(source.kb))
    found = []
    for i, ref in enumerate(source.kb.references):
        if ref.id not in cited:
            continue
        for j, part in enumerate(ref.unverified):
            present = getattr(ref, part, None) is not None
            what = "it is left out of the printed reference" if present else "the entry has none"
            message = f"{ref.id}: `{part}` is not verified by the evidence list ({what}); verify it or drop it"
            found.append(finding("CIT-008", at(source.located, ("references", i, "unverified", j)), message))
    return found


def _unnamed_authors(source: Source) -> list[Problem]:
    """CIT-010: a cited reference listing ``authors`` under ``unverified``, at that entry. Talks'
    source lines name every reference by its first author ("Jagannath VA et al., 2019"), while
    the references list leaves unverified authors out (issue 20: the Cochrane 2019 entry), so
    the two would disagree; the year has its own form when unverified ("n.d.")."""
    cited = set(cited_ids(source.kb))
    found = []
    for i, ref in enumerate(source.kb.references):
        if ref.id in cited and "authors" in ref.unverified:
            j = ref.unverified.index("authors")
            first = ref.authors.split(",")[0].strip()
            message = (
                f"{ref.id}: source lines name it as {first!r}, but its `authors` are not verified, so the "
                "references list leaves them out; verify at least the first author against the evidence list, "
                "or give the issuing body as `authors`"
            )
            found.append(finding("CIT-010", at(source.located, ("references", i, "unverified", j)), message))
    return found


def _verified_against(source: Source) -> list[Problem]:
    """CIT-009: ``verified: true`` names the record it was checked against: a DOI, a PMID or an
    address (``url``, or ``seen_at`` for a copy that is not printed), not one listed under
    ``unverified``; else an error at the ``verified`` line (``read.references``, which the build
    refuses on too)."""
    return [judged(p) for p in unbacked_problems(source.kb, source.located)]


def patient_citations(kb: KnowledgeBase) -> set[str]:
    """Ids of the references some patient output cites, for a clinic in any country: the cites
    of every item made for patients (and of what holds it), whatever its countries."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, Item) and "patient" not in value.audiences:
            return
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name == "cites":
                    found.update(getattr(value, name))
                elif name != "references":
                    walk(getattr(value, name))
        elif isinstance(value, tuple):
            for child in value:
                walk(child)

    walk(kb)
    return found
