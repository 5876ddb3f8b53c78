"""Decision-aid rules (IPDAS), for each variant a decision aid is made for: staying with the
current plan is an option, every option has benefits and harms, uncertainty is said out
loud, the key points are few, and there are questions to ask."""

from __future__ import annotations

from leafdeck.checks.content import Source
from leafdeck.checks.core import at, finding
from leafdeck.checks.settings import CERTAINTY_ORDER, Certainty
from leafdeck.errors import Problem
from leafdeck.model import KnowledgeBase, Study
from leafdeck.plan.variants import select


def check(source: Source) -> list[Problem]:
    """DA-001 to DA-005 for every audience the settings name."""
    found: list[Problem] = []
    for audience in source.settings.decision.audiences:
        kb = select(source.kb, audience)
        for rule in (_usual_care, _benefits_and_harms, _unknowns, _key_points, _questions):
            found += rule(source, kb, audience)
    return found


def certainty(source: Source, study: Study) -> Certainty:
    """The certainty of the evidence a study gives: its own setting, else its kind's."""
    settings = source.settings.decision
    return settings.certainty.get(study.id) or settings.certainty_by_kind[study.kind]


def _usual_care(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    if any(option.kind == "usual_care" for option in kb.options):
        return []
    message = f"{audience}: no option of `kind: usual_care`; staying with the current care plan must be an option"
    return [finding("DA-001", at(source.located, ("options",)), message)]


def _benefits_and_harms(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    found = []
    for option in kb.options:
        missing = [name for name in ("benefits", "harms") if not getattr(option, name)]
        if missing:
            message = f"{audience}: option {option.id!r} shows no {' and no '.join(missing)} to this audience"
            found.append(finding("DA-002", at(source.located, source.loc(option.id)), message))
    return found


def _unknowns(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    floor = CERTAINTY_ORDER.index(source.settings.decision.unknowns_below)
    uncertain = [s for s in kb.studies if CERTAINTY_ORDER.index(certainty(source, s)) < floor]
    topic = kb.topic("unknowns")
    if not uncertain or (topic is not None and topic.statements):
        return []
    names = ", ".join(f"{s.id} ({certainty(source, s).replace('_', ' ')})" for s in uncertain[:3])
    message = (
        f"{audience}: evidence below {source.settings.decision.unknowns_below} certainty ({names}) "
        "but no “what we don't know” topic (`role: unknowns`) for this audience"
    )
    return [finding("DA-003", at(source.located, ("topics",)), message)]


def _key_points(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    limit = source.settings.decision.max_key_points
    if len(kb.key_points) <= limit:
        return []
    message = f"{audience}: {len(kb.key_points)} key points; at most {limit}, so readers keep them"
    return [finding("DA-004", at(source.located, ("key_points",)), message)]


def _questions(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    if any(group.questions for group in kb.questions):
        return []
    message = f"{audience}: no questions to ask; a decision aid gives questions to take to the appointment"
    return [finding("DA-005", at(source.located, ("questions",)), message)]
