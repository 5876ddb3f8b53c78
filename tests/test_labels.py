"""Dates as the clinic's country writes them, within the output's language (``Labels.in_country``)."""

from __future__ import annotations

import datetime as dt

import pytest

from leafdeck.read.labels import Labels

DAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("language", "country", "written"),
    [
        ("en", "GB", "22 November 2026"),
        ("en", "US", "November 22, 2026"),
        ("en", "NO", "22 November 2026"),  # English as written in Norway (Babel's en_NO)
        ("en", "international", "November 22, 2026"),  # no country: the language's own default
        ("en", "", "November 22, 2026"),
        ("fr", "CA", "22 novembre 2026"),
        ("es", "ES", "22 de noviembre de 2026"),
        ("es", "US", "22 de noviembre de 2026"),
        ("fr", "XX", "22 novembre 2026"),  # a pair Babel does not know: the language's default
    ],
)
def test_dates_follow_the_clinics_country(language: str, country: str, written: str) -> None:
    assert Labels(language).in_country(country).date(DAY) == written


def test_numbers_keep_the_languages_format_whatever_the_country() -> None:
    assert Labels("es").in_country("US").number(41.7) == Labels("es").number(41.7) == "41,7"
