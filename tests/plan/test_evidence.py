"""References as printed: every part ends in exactly one full stop, unverified parts left out."""

from __future__ import annotations

import pytest

from leafdeck.model import KnowledgeBase, Reference
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


@pytest.mark.parametrize(
    ("language", "sizes", "never"),
    [
        ("en", "(the groups had {} and {} people)", "What happened to 100"),
        ("fr", "(les groupes comptaient {} et {} personnes)", "Ce qui est arrivé à 100"),
        ("es", "(los grupos tenían {} y {} personas)", "Lo que pasó a 100"),
    ],
)
def test_icon_arrays_say_how_many_people_each_group_really_had(
    bundled_kb: KnowledgeBase, language: str, sizes: str, never: str
) -> None:
    """The arrays show every 100 people; the heading of each says the groups' real sizes, from
    the outcome's denominators, and the section heading no longer says the groups were 100
    (issue 19, clinical review S14)."""
    from leafdeck.plan.evidence import icon_array
    from leafdeck.read.labels import load_labels
    from tests.conftest import REPO

    labels = load_labels(REPO / "sources", language)
    arrays = [
        (study, outcome, found)
        for study in bundled_kb.studies
        for outcome in study.outcomes
        if (found := icon_array(study, outcome, labels)) is not None
    ]
    assert arrays
    for study, outcome, found in arrays:
        denominators = {v.arm: v.of or next(a.n for a in study.arms if a.id == v.arm) for v in outcome.values}
        treated = next(a.id for a in study.arms if a.treated and a.id in denominators)
        other = next(a for a in denominators if a != treated)
        assert found.heading.endswith(sizes.format(denominators[treated], denominators[other])), found.heading
    assert never not in labels("icon_heading")


@pytest.mark.parametrize(
    ("p_value", "note", "chance"),
    [
        ("0.062", None, True),  # PREMiSe's lesions: a trend, not a clear difference
        ("=0.95", None, True),
        ("1.0", None, True),
        ("0.01", None, False),
        ("<0.0001", None, False),
        (None, "With so few events, the difference may be due to chance.", True),
        (None, None, False),
    ],
)
def test_a_chart_says_its_difference_may_be_chance_as_the_icon_arrays_do(
    bundled_kb: KnowledgeBase, p_value: str | None, note: str | None, chance: bool
) -> None:
    """Issue 19 (review S15): a bar chart carries the same caveat as an icon array of the same
    outcome, decided once in the plan from the outcome's p-value or note."""
    from leafdeck.plan.blocks import Chart
    from leafdeck.plan.evidence import may_be_chance

    study = next(s for s in bundled_kb.studies if s.outcomes)
    outcome = study.outcomes[0].model_copy(update={"p_value": p_value, "note": note})
    assert Chart(study, outcome, "A chart").chance is chance
    assert may_be_chance(outcome) is chance
