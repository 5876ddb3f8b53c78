"""Dates written in the knowledge base's English prose, rewritten as the clinic's country writes
them ("30 August 2018" in a GB build, "August 30, 2018" in a US build; issue 19).

Reference entries and review dates are formatted from date values (``Labels.date``); prose such as
"Searched up to 30 August 2018" carries its date as words, so the selection (``plan.variants``)
rewrites those with the same Babel locale as ``Labels.in_country(country).date``.
"""

from __future__ import annotations

import datetime as dt
import re

from babel import localedata
from babel.dates import format_date

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{4}})|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}}))\b"
)
"""A full English date, day first ("30 August 2018") or month first ("August 30, 2018")."""


def country_dates(text: str, language: str, country: str) -> str:
    """``text`` with every full English date ("30 August 2018", "August 30, 2018") written as
    ``country`` writes dates in English (Babel's ``en_<country>`` long format); ``text`` unchanged
    when ``language`` is not English or Babel has no English locale for ``country``
    (``international``). A string that is not a real date (31 February) is left as it is."""
    locale = _english_locale(language, country)
    if locale is None or not _DATE.search(text):
        return text
    return _DATE.sub(lambda match: _rewritten(match, locale), text)


def has_date(text: str) -> bool:
    """Whether ``text`` holds a full English date ``country_dates`` may rewrite (for any country)."""
    return _DATE.search(text) is not None


def _english_locale(language: str, country: str) -> str | None:
    if language.split("-")[0] != "en" or len(country) != 2 or not country.isupper():
        return None
    pair = f"en_{country}"
    return pair if localedata.exists(pair) else None


def _rewritten(match: re.Match[str], locale: str) -> str:
    day, month, year = (
        (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
    )
    try:
        value = dt.date(int(year), _MONTHS.index(month) + 1, int(day))
    except ValueError:
        return match[0]
    return format_date(value, format="long", locale=locale)
