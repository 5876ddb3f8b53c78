"""References as printed: every part ends in exactly one full stop, unverified parts left out."""

from __future__ import annotations

import pytest

from leafdeck.model import Reference
from leafdeck.plan.evidence import reference_entry, short_reference
from leafdeck.read.labels import Labels


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"authors": "Siddiqui AH, Zivadinov R, et al.", "title": "A trial"},
            "Siddiqui AH, Zivadinov R, et al. A trial. Neurology. 2014.",
        ),
        ({"authors": "US FDA", "title": "Is it safe?"}, "US FDA. Is it safe? Neurology. 2014."),
        ({"authors": "NICE", "title": "Guidance", "unverified": ["year"]}, "NICE. Guidance. Neurology."),
        (
            {"authors": "Doe J", "title": "T", "volume": "83(5)", "pages": "1-9", "unverified": ["pages"]},
            "Doe J. T. Neurology. 2014;83(5).",
        ),
    ],
)
def test_references_end_each_part_with_one_full_stop(fields: dict[str, object], text: str) -> None:
    ref = Reference.model_validate({"id": "x", "container": "Neurology", "year": 2014, "verified": True, **fields})
    assert reference_entry(ref, 1, Labels("en", {})).text == text


@pytest.mark.parametrize(
    ("authors", "unverified", "short"),
    [("Doe J, Roe R", [], "Doe J et al., 2014."), ("NICE", ["year"], "NICE.")],
)
def test_short_references_name_the_first_author_and_a_verified_year(
    authors: str, unverified: list[str], short: str
) -> None:
    ref = Reference.model_validate(
        {
            "id": "x",
            "authors": authors,
            "title": "T",
            "container": "C",
            "year": 2014,
            "verified": True,
            "unverified": unverified,
        }
    )
    assert short_reference(ref) == short
