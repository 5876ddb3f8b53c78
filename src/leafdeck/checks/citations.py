"""Citation rules. Unknown and unused references are found by the loader (``sources.py``);
here its messages get their rule IDs, and the rules it has no view of are added."""

from __future__ import annotations

import re

from leafdeck.checks.content import Source, statements
from leafdeck.checks.core import RULES, Problem, at, finding
from leafdeck.errors import Problem

_LOADER_RULES = (
    (re.compile(r"cites unknown reference"), "CIT-002"),
    (re.compile(r"reference '[^']*' is never cited"), "CIT-003"),
    (re.compile(r"^references\[\d+\]\.(doi|pmid):"), "CIT-004"),
)


def classify(problems: list[Problem]) -> list[Problem]:
    """The loader's problems as findings: its citation messages under their rules, the rest
    as SRC-001 (errors) or SRC-002 (warnings)."""
    found = []
    for problem in problems:
        rule = next((r for pattern, r in _LOADER_RULES if pattern.search(problem.message)), None)
        rule = rule or ("SRC-001" if problem.severity == "error" else "SRC-002")
        found.append(Problem(problem.file, problem.line, problem.col, rule, problem.message, RULES[rule].severity))
    return found


def check(source: Source) -> list[Problem]:
    """CIT-001 (uncited facts), CIT-004 (identifiers that disagree with links) and CIT-005 (unverified)."""
    return _uncited(source) + _identifiers(source) + _unverified(source)


def _uncited(source: Source) -> list[Problem]:
    reasons = [re.compile(r, re.IGNORECASE) for r in source.settings.citations.uncited_reasons]
    found = []
    for statement in statements(source.kb):
        if statement.cites or _only_questions(statement.text):
            continue
        if statement.notes and any(r.search(statement.notes) for r in reasons):
            continue
        message = (
            f"{statement.id}: a statement of fact with no reference; add `cites`, or say in its `notes` "
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
    found = []
    for i, ref in enumerate(source.kb.references):
        if not ref.verified:
            detail = " ".join((ref.note or "no note says what is unverified").split())
            message = f"{ref.id}: not verified against a primary record: {detail}"
            found.append(finding("CIT-005", at(source.located, ("references", i, "verified")), message))
    return found
