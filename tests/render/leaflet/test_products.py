"""Each PDF product read back against its plan: page budget, sections in order, citations,
white space, the cover, contact and "about" (issue 11 §3-5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import load_model
from leafdeck.render.leaflet.layout import LeafletLayout
from tests.conftest import LAYOUTS
from tests.render.leaflet.pdftext import booklet_page_texts, empty_shares, lines_of, page_texts, words

FOOTER = re.compile(r"Page \d+ of \d+|Version \S+")


def _layout(name: str) -> LeafletLayout:
    return load_model(LAYOUTS / f"{name}.yaml", LeafletLayout, LAYOUTS)


def _text(path: Path, booklet: bool = False) -> str:
    return words(" ".join((booklet_page_texts if booklet else page_texts)(path)))


@pytest.mark.parametrize(
    ("name", "pages", "exact"),
    [
        ("leaflet-a4", 4, True),
        ("leaflet-letter", 4, True),
        ("leaflet-large-print-a4", 10, False),
        ("option-grid-a4", 1, True),
        ("option-grid-letter", 1, True),
    ],
)
def test_fixed_size_products_keep_their_page_budget(
    fixture_pdfs: dict[str, Path], name: str, pages: int, exact: bool
) -> None:
    budget = _layout(name).budget
    assert budget is not None
    assert (budget.pages, budget.exact) == (pages, exact)
    count = len(page_texts(fixture_pdfs[name]))
    assert count == pages if exact else 1 <= count <= pages


@pytest.mark.parametrize(
    "name",
    ["leaflet-a4", "leaflet-letter", "leaflet-large-print-a4", "option-grid-a4", "decision-aid-a4", "booklet-a5"],
)
def test_every_section_title_is_printed_in_the_plans_order(
    fixture_pdfs: dict[str, Path], fixture_plans: dict[str, Outline], name: str
) -> None:
    text = _text(fixture_pdfs[name], booklet=name.startswith("booklet"))
    titles = [words(s.title) for s in fixture_plans[name].sections if s.title]
    assert len(titles) >= (3 if name.startswith("option-grid") else 5)
    at = 0
    for title in titles:
        found = text.find(title, at)
        assert found >= 0, f"{title!r} missing or out of order in {name}"
        at = found + len(title)


@pytest.mark.parametrize(
    ("name", "cited"),
    [
        ("leaflet-a4", False),
        ("leaflet-letter", False),
        ("leaflet-large-print-a4", False),
        ("option-grid-a4", False),  # the one page points to the full references (issue 19, review M8)
        ("decision-aid-a4", True),
    ],
)
def test_citation_numbers_only_in_products_that_print_them(
    fixture_pdfs: dict[str, Path], fixture_plans: dict[str, Outline], name: str, cited: bool
) -> None:
    assert fixture_plans[name].citations is cited
    marks = re.findall(r"\[\d+(?:[,–-]\s?\d+)*\]", _text(fixture_pdfs[name]))
    assert bool(marks) is cited, marks


@pytest.mark.parametrize("name", ["leaflet-a4", "leaflet-letter", "decision-aid-a4"])
def test_no_page_but_the_last_is_more_than_a_third_empty(fixture_pdfs: dict[str, Path], name: str) -> None:
    margins = _layout(name).page.margins
    shares = empty_shares(fixture_pdfs[name], margins.top, margins.bottom)
    assert [round(s, 2) for s in shares[:-1] if s > 1 / 3] == []


@pytest.mark.parametrize("name", ["leaflet-a4", "leaflet-letter", "leaflet-large-print-a4", "decision-aid-a4"])
def test_no_page_ends_with_a_section_heading(
    fixture_pdfs: dict[str, Path], fixture_plans: dict[str, Outline], name: str
) -> None:
    titles = {words(s.title) for s in fixture_plans[name].sections if s.title}
    for number, text in enumerate(page_texts(fixture_pdfs[name])[:-1], 1):
        last = [line for line in lines_of(text) if not FOOTER.search(line)][-1]
        assert last not in titles, f"page {number} ends with the heading {last!r}"


@pytest.mark.parametrize("name", ["leaflet-a4", "leaflet-letter", "leaflet-large-print-a4"])
def test_the_cover_has_the_clinic_title_decision_and_key_points(fixture_pdfs: dict[str, Path], name: str) -> None:
    first = words(page_texts(fixture_pdfs[name])[0])
    expected = ["Your MS clinic", "A fixture procedure", "Should I have the fixture procedure?", "Key points"]
    assert [e for e in expected if e not in first] == []
    assert first.index("Your MS clinic") < first.index("A fixture procedure") < first.index("Key points")


@pytest.mark.parametrize(
    "name", ["leaflet-a4", "leaflet-large-print-a4", "option-grid-a4", "option-grid-letter", "trifold-a4"]
)
def test_contact_sources_and_about_close_the_short_products(fixture_pdfs: dict[str, Path], name: str) -> None:
    text = _text(fixture_pdfs[name])
    expected = [
        "Your MS clinic",
        "Phone: Ask at reception for our phone number",
        "Full references with DOIs: example.org/leafdeck/fixture/en/patient",
    ]
    if not name.startswith("option-grid"):  # the one-page grid: clinic and phone in its title strip
        expected.append("Read this online: example.org/leafdeck/fixture/en/patient")
    assert [e for e in expected if e not in text] == []
    about = ["Published by: Fixture publisher", "Version: 2.0.0", "Last reviewed: January 10, 2026", "Next review due:"]
    assert [e for e in about if e not in text] == []  # on every patient product (review 2026-12-07 M8)


def test_the_short_leaflet_says_where_the_references_are_and_the_decision_aid_lists_them(
    fixture_pdfs: dict[str, Path],
) -> None:
    short, full = _text(fixture_pdfs["leaflet-a4"]), _text(fixture_pdfs["decision-aid-a4"])
    assert "Full references with DOIs: example.org/leafdeck/fixture/en/patient" in short
    assert "Doe J et al., 2018." not in short  # the short leaflet's contents: listed: false
    assert "doi:10.1000/fixture.1" not in short
    trifold = _text(fixture_pdfs["trifold-a4"])  # the tri-fold too points to the full list (issue 19)
    assert "Full references with DOIs: example.org/leafdeck/fixture/en/patient" in trifold
    assert "Doe J et al., 2018." not in trifold
    assert "1. Doe J, Roe R. A sham-controlled trial of the fixture procedure." in full
    assert "doi:10.1000/fixture.1" in full


@pytest.mark.parametrize("name", ["leaflet-a4", "leaflet-letter"])
def test_short_content_is_padded_to_the_exact_budget_with_notes_space(minimal_pdfs: dict[str, Path], name: str) -> None:
    pages = page_texts(minimal_pdfs[name])
    assert len(pages) == 4
    assert any("My questions and notes" in words(text) for text in pages)
    margins = _layout(name).page.margins
    shares = empty_shares(minimal_pdfs[name], margins.top, margins.bottom)
    assert [round(s, 2) for s in shares[:-1] if s > 1 / 3] == []
    assert "Contact and online copy" in words(pages[-1])
