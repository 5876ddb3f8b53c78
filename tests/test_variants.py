"""Audience selection happens before layout: nothing excluded leaks, references follow."""

from __future__ import annotations

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import cited_ids, select


def all_ids(kb: KnowledgeBase) -> set[str]:
    return {i for i in kb.model_dump_json().split('"') if i}


def test_patient_view_drops_clinician_items_and_their_references(minimal_kb: KnowledgeBase) -> None:
    patient = select(minimal_kb, "patient")
    assert "what-clinician" not in all_ids(patient)
    assert [r.id for r in patient.references] == ["trial-ref"]


def test_clinician_view_keeps_them(minimal_kb: KnowledgeBase) -> None:
    clinician = select(minimal_kb, "clinician")
    assert "what-clinician" in all_ids(clinician)
    assert {r.id for r in clinician.references} == {"trial-ref", "other-ref"}


def test_citation_order_is_order_of_first_citation(minimal_kb: KnowledgeBase) -> None:
    assert cited_ids(minimal_kb) == ["trial-ref", "other-ref"]


def test_topics_emptied_by_selection_disappear(minimal_kb: KnowledgeBase) -> None:
    topic = minimal_kb.topics[0]
    only_clinician = topic.model_copy(update={"statements": (topic.statements[1],)})
    kb = minimal_kb.model_copy(update={"topics": (only_clinician,)})
    assert select(kb, "patient").topics == ()


COUNTRY_ADVICE = [
    # (clinic country, ids its patients must be given, ids they must not): a country with advice
    # of its own in one list (France: the EU trial register) still gets the international advice
    # in every list that has none for it (who to call, where to report); one with its own gets that
    ("FR", {"warning-call-international", "report-international", "trials-eu"}, {"warning-call-gb", "report-gb"}),
    ("DE", {"warning-call-international", "report-international", "trials-eu"}, {"warning-call-us"}),
    ("GB", {"warning-call-gb", "report-gb"}, {"warning-call-international", "report-international", "trials-eu"}),
    ("ES", {"warning-call-es", "report-es", "trials-eu"}, {"warning-call-international", "report-international"}),
    ("JP", {"warning-call-international", "report-international"}, {"trials-eu", "warning-call-gb"}),
]


@pytest.mark.parametrize(("country", "given", "not_given"), COUNTRY_ADVICE, ids=[c[0] for c in COUNTRY_ADVICE])
def test_every_list_of_country_advice_gives_each_country_one(
    bundled_kb: KnowledgeBase, country: str, given: set[str], not_given: set[str]
) -> None:
    ids = all_ids(select(bundled_kb, "patient", country))
    assert given <= ids, given - ids
    assert not (not_given & ids), not_given & ids
