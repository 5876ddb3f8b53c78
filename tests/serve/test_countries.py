"""The Country field (issue 21 follow-up 1): what people type lands on the right country, the
list leads with the countries given first, and the knowledge base's own countries are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.read.sources import load_kb
from leafdeck.serve import countries
from tests.realworld import MINIMAL, ROOTS


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("UK", "GB"),
        ("uk", "GB"),
        ("U.K.", "GB"),
        ("GB", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Britain", "GB"),
        ("United Kingdom", "GB"),
        ("United Kingdom (GB)", "GB"),
        ("US", "US"),
        ("USA", "US"),
        ("United States", "US"),
        ("Ukraine", "UA"),
        ("Gabon", "GA"),
        ("Ecuador", "EC"),
        ("españa", "ES"),
        ("no", "NO"),
        ("", "international"),
        ("No country (international advice)", "international"),
        ("Narnia", "Narnia"),
    ],
)
def test_what_people_type_lands_on_the_right_country(typed: str, code: str) -> None:
    assert countries.code_of(typed) == code


def test_the_list_leads_with_no_country_then_the_countries_given_first() -> None:
    listed = countries.choices(["US", "GB", "US", "XX"])
    assert [shown for shown, _ in listed[:3]] == [countries.NO_COUNTRY, "United States (US)", "United Kingdom (GB)"]
    assert "UK" in listed[2][1]
    assert "England" in listed[2][1]
    assert len({shown for shown, _ in listed}) == len(listed) > 200
    known = {*countries.names(), "international"}
    assert all(countries.code_of(shown) in known for shown, _ in listed)  # each name shown reads back


@pytest.mark.parametrize(("kb", "expected"), [(MINIMAL, []), (ROOTS / "planned" / "kb.yaml", ["GB", "US"])])
def test_countries_with_advice_of_their_own_are_those_items_are_written_for(kb: Path, expected: list[str]) -> None:
    loaded, _ = load_kb(kb)
    assert countries.advised(loaded) == expected


def test_countries_are_listed_by_name_with_their_iso_code_and_no_unions() -> None:
    found = dict(countries.countries())
    assert found["GB"] == "United Kingdom"
    assert found["US"] == "United States"
    assert "EU" not in found
    assert "UN" not in found
    assert all(len(code) == 2 and code.isupper() for code in found)
    names = [name for _, name in countries.countries()]
    assert names == sorted(names)
