"""The content plan on its own: depth, register, countries, numbering, references, blocks.

No renderer is involved: the outline is plain data (tests/roots/planned/kb.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import Contents
from leafdeck.plan.evidence import reference_entry
from leafdeck.plan.export import outline_json
from leafdeck.plan.outline import empty_sections, outline
from leafdeck.plan.variants import select
from leafdeck.read.labels import Labels, load_labels
from leafdeck.read.sources import load_kb

ROOT = Path(__file__).parents[1] / "roots" / "planned"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    loaded, problems = load_kb(ROOT / "kb.yaml")
    assert not [p for p in problems if p.severity == "error"]
    return loaded


@pytest.fixture(scope="module")
def labels() -> Labels:
    return load_labels(Path("sources"), "en")


def contents(depth: str, *sections: object, citations: bool = True) -> Contents:
    return Contents.model_validate({"depth": depth, "citations": citations, "sections": list(sections)})


def texts(plan: b.Outline) -> list[str]:
    """Every paragraph text in the outline, in order."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, b.Paragraph):
            found.append(value.text)
        elif isinstance(value, b.Block):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple):
            for child in value:
                walk(child)

    for section in plan.sections:
        walk(section.blocks)
    return found


@pytest.mark.parametrize(
    ("depth", "shown", "hidden"),
    [
        (
            "essential",
            ["Trials found no benefit.", "It widens a vein with a balloon."],
            ["A standard key point.", "A detail only the decision aid shows."],
        ),
        ("standard", ["A standard key point."], ["A detail only the decision aid shows."]),
        ("detail", ["A standard key point.", "A detail only the decision aid shows."], []),
    ],
)
def test_a_product_shows_items_down_to_its_depth(
    kb: KnowledgeBase, labels: Labels, depth: str, shown: list[str], hidden: list[str]
) -> None:
    plan = outline(select(kb, "patient"), "patient", labels, contents(depth, "key_points", "intervention"), "p")
    found = texts(plan)
    assert all(text in found for text in shown)
    assert not any(text in found for text in hidden)


@pytest.mark.parametrize(
    ("audience", "expected"),
    [("patient", "Trials found no benefit."), ("clinician", "Sham-controlled trials found no benefit.")],
)
def test_the_plan_picks_the_register_by_audience(
    kb: KnowledgeBase, labels: Labels, audience: str, expected: str
) -> None:
    plan = outline(select(kb, audience), audience, labels, contents("essential", "key_points"), "p")  # type: ignore[arg-type]
    assert texts(plan) == [expected]


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("GB", ["Use the Yellow Card scheme."]),
        ("US", ["Use MedWatch."]),
        ("international", ["Ask your clinic how to report a side effect."]),
        ("NO", ["Ask your clinic how to report a side effect."]),  # no advice of its own: the international
    ],
)
def test_country_specific_items_reach_only_their_country(
    kb: KnowledgeBase, labels: Labels, country: str, expected: list[str]
) -> None:
    plan = outline(select(kb, "patient", country), "patient", labels, contents("detail", "side_effect_reporting"), "p")
    assert texts(plan) == expected


def test_summary_replaces_statements_in_short_products(kb: KnowledgeBase, labels: Labels) -> None:
    plan = outline(
        select(kb, "patient"),
        "patient",
        labels,
        contents("essential", {"section": "intervention", "summary": True}),
        "p",
    )
    section = plan.sections[0]
    assert section.headline == "Venous angioplasty widens a vein with a balloon."
    assert isinstance(section.blocks[0], b.Paragraph)
    assert (section.blocks[0].text, section.blocks[0].field) == ("A balloon widens a vein.", "summary")
    assert isinstance(section.blocks[-1], b.Notice)  # the unapproved-use notice always travels with it


def test_speaker_notes_travel_and_editor_notes_never_do(kb: KnowledgeBase, labels: Labels) -> None:
    plan = outline(select(kb, "patient"), "patient", labels, contents("detail", "intervention"), "p")
    first = plan.sections[0].blocks[0]
    assert isinstance(first, b.Paragraph)
    assert first.notes == "Explain the balloon."
    assert "never shown" not in json.dumps(outline_json(plan))


def test_references_are_numbered_by_first_citation_and_only_cited_ones_listed(
    kb: KnowledgeBase, labels: Labels
) -> None:
    spec = contents("standard", "key_points", "references")
    plan = outline(select(kb, "patient"), "patient", labels, spec, "p")
    assert plan.references == ("trial-ref", "other-ref")
    assert plan.number("other-ref") == 2
    refs = plan.section("references")
    assert refs is not None
    block = refs.blocks[0]
    assert isinstance(block, b.References)
    assert [e.number for e in block.entries] == [1, 2]


@pytest.mark.parametrize(
    ("ref_id", "present", "absent"),
    [
        ("trial-ref", ["Doe J, et al.", "2018."], ["verified"]),
        ("other-ref", ["Roe R.", "2019."], ["PMID", "1-9", "checked", "verified"]),
    ],
)
def test_references_print_only_verified_parts(
    kb: KnowledgeBase, labels: Labels, ref_id: str, present: list[str], absent: list[str]
) -> None:
    entry = reference_entry(kb.reference(ref_id), 1, labels)
    assert all(p in entry.text for p in present)
    assert not any(a in entry.text for a in absent)


def test_a_verified_doi_is_the_link(kb: KnowledgeBase, labels: Labels) -> None:
    entry = reference_entry(kb.reference("trial-ref"), 1, labels)
    assert (entry.link, entry.link_text) == ("https://doi.org/10.1000/test.1", "doi:10.1000/test.1")


def test_icon_arrays_are_natural_frequencies_of_the_same_outcome_numbers(kb: KnowledgeBase, labels: Labels) -> None:
    plan = outline(select(kb, "patient"), "patient", labels, contents("detail", "icon_arrays"), "p")
    (array,) = plan.sections[0].blocks
    assert isinstance(array, b.IconArray)
    outcome = next(o for s in kb.studies for o in s.outcomes if o.id == array.outcome)
    values = {v.arm: v for v in outcome.values}
    assert [(arm.label, arm.filled, arm.events, arm.of) for arm in array.arms] == [
        ("Procedure", round(values["treated"].value), 2, 9),
        ("Sham", round(values["sham"].value), 1, 10),
    ]
    assert "about 22 in 100" in array.alt
    assert "(2 of 9)" in array.caption


def test_option_grid_has_a_column_per_option_and_a_cell_per_column(kb: KnowledgeBase, labels: Labels) -> None:
    plan = outline(select(kb, "patient"), "patient", labels, contents("detail", "option_grid"), "p")
    (grid,) = plan.sections[0].blocks
    assert isinstance(grid, b.OptionGrid)
    assert [c.option for c in grid.columns] == ["opt-procedure", "opt-usual"]
    assert [(r.question, len(r.cells)) for r in grid.rows] == [("Does it help?", 2)]
    assert grid.columns[0].name == "The procedure (not an approved use)"


@pytest.mark.parametrize(
    ("sections", "empty"),
    [
        (["key_points", "intervention"], []),
        (["key_points", "option_grid", "values"], [1, 2]),
        (["contact", "about"], []),
    ],
)
def test_sections_left_empty_at_a_short_depth_are_reported(
    kb: KnowledgeBase, labels: Labels, sections: list[str], empty: list[int]
) -> None:
    assert empty_sections(select(kb, "patient"), "patient", labels, contents("essential", *sections)) == empty


def test_the_outline_is_plain_json(kb: KnowledgeBase, labels: Labels) -> None:
    spec = contents("detail", "cover", "key_points", "icon_arrays", "option_grid", "values", "references", "about")
    data = outline_json(outline(select(kb, "patient"), "patient", labels, spec, "decision-aid-a4"))
    text = json.dumps(data)
    assert [s["name"] for s in data["sections"]] == [
        "cover",
        "key_points",
        "icon_arrays",
        "option_grid",
        "values",
        "references",
        "about",
    ]
    assert json.loads(text)["sections"][1]["blocks"][0]["kind"] == "key_points"


@pytest.mark.parametrize(
    ("depth", "spec", "rows", "compact", "heading", "more"),
    [
        ("detail", "about", 12, False, "About this leaflet", ""),
        ("essential", "about", 5, False, "About this leaflet", ""),
        ("detail", {"section": "about", "compact": True}, 4, True, "", "Full references with DOIs:"),
        ("essential", {"section": "about", "compact": True, "title": "about"}, 4, True, "About this leaflet", ""),
    ],
)
def test_about_says_who_made_it_and_when_compact_on_one_page_products(
    kb: KnowledgeBase, labels: Labels, depth: str, spec: object, rows: int, compact: bool, heading: str, more: str
) -> None:
    """Review 2026-12-07 M8: every patient product carries publisher, version and review dates;
    the compact form (option grid, tri-fold) keeps just those, and points to the full references
    itself when the product has no references section (the last row's product has one)."""
    sections = [spec] if more else [spec, {"section": "references", "compact": True, "listed": False}]
    plan = outline(select(kb, "patient"), "patient", labels, contents(depth, *sections), "p")
    about = next(s for s in plan.sections if s.name == "about")
    block = about.blocks[0]
    assert isinstance(block, b.About)
    assert (len(block.rows), block.compact, about.title, block.more) == (rows, compact, heading, more)
    shown = [label for label, _ in block.rows]
    assert shown[:1] == ["Published by"]
    assert {"Version", "Last reviewed", "Next review due"} <= set(shown)
