"""Rules for single values that every input file shares: text characters, dates, country codes.

Plain functions (pydantic ``AfterValidator``/``BeforeValidator`` bodies): each takes the value
as read and returns it, or raises ``ValueError`` with a message a volunteer can act on, which
the loader prints at the value's line and column. The model (``model/``), the layout and
clinic files (``read/layout.py``), the labels and any form that edits a clinic use the same ones.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
"""Dates leafdeck accepts: the same span as a reference's or a study's ``year`` (1900 to 2100);
months can be added to any of them without leaving the calendar Python knows."""

_INVISIBLE = ("Cc", "Cf", "Zl", "Zp")
"""Unicode categories refused in text: control characters (Cc), format characters (Cf: soft
hyphens, zero-width spaces, direction marks and overrides, byte-order marks, ...), and the line
and paragraph separators (Zl, Zp). A printed page drops them or breaks lines at them silently,
and a web page or a deck shows them differently: the formats would disagree."""

JOINERS = {"\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER"}
"""Format characters that some scripts need to spell words (Persian, Kurdish, the Indic
scripts): allowed between two letters or marks of a script other than Latin, Greek and
Cyrillic, which never need them; refused anywhere else."""

_NO_JOINERS = ("LATIN", "GREEK", "CYRILLIC")


def printable(value: str, *, breaks: str = "\n\t") -> str:
    """``value`` when it holds no invisible character (``_INVISIBLE``) other than the line
    breaks and tabs in ``breaks`` and joiners where a script needs them (``JOINERS``); raises
    ValueError naming the first one found, with its code point and name."""
    probe = value
    for ch in breaks:
        probe = probe.replace(ch, " ")
    if probe.isprintable():  # str.isprintable refuses every category above (and more): nothing to look at
        return value
    for index, ch in enumerate(value):
        if ch in breaks or unicodedata.category(ch) not in _INVISIBLE:
            continue
        if ch in JOINERS and _joins_letters(value, index):
            continue
        name = unicodedata.name(ch, "a control character")
        kind = "a line or paragraph separator" if unicodedata.category(ch) in ("Zl", "Zp") else "an invisible character"
        hint = "start a new line in the YAML instead (address: |)" if kind.startswith("a line") else "remove it"
        raise ValueError(f"contains {kind}, U+{ord(ch):04X} ({name}); {hint}")
    return value


def _joins_letters(value: str, index: int) -> bool:
    """Whether the joiner at ``index`` sits between two letters or marks of a script that uses it."""
    if index == 0 or index == len(value) - 1:
        return False
    return all(_needs_joiner(value[index + step]) for step in (-1, 1))


def _needs_joiner(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" and not unicodedata.name(ch, "").startswith(_NO_JOINERS)


def bounded_date(value: dt.date) -> dt.date:
    """``value`` when it lies between ``FIRST_DATE`` and ``LAST_DATE``; raises ValueError."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(
            f"{value.isoformat()} is out of range: dates run from {FIRST_DATE.isoformat()} to "
            f"{LAST_DATE.isoformat()} (a typo in the year?)"
        )
    return value


def not_future(value: dt.date) -> dt.date:
    """``value`` when it is not after today (the computer's date); raises ValueError. A date that
    says something happened (published, reviewed, translated) cannot be in the future."""
    today = dt.date.today()
    if value > today:
        raise ValueError(f"{value.isoformat()} is in the future (today is {today.isoformat()}); a typo in the year?")
    return value


def not_future_year(value: int) -> int:
    """``value`` when it is not after this year (the computer's date): a study or a reference
    was published in it; raises ValueError."""
    this_year = dt.date.today().year
    if value > this_year:
        raise ValueError(f"{value} is in the future (this year is {this_year}); a typo in the year?")
    return value


INTERNATIONAL = "international"

_RESERVED = {"UK": "GB", "EL": "GR", "EN": "GB"}
"""Codes people write that ISO 3166-1 reserves or never assigned, and the code they mean (the
United Kingdom is GB; the EU writes Greece EL)."""

OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "US": ("USA", "United States of America", "America"),
    "NL": ("Holland", "The Netherlands"),
    "IE": ("Eire", "Republic of Ireland"),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
    "KR": ("Korea",),
    "AE": ("UAE",),
    "DE": ("Deutschland",),
    "ES": ("España", "Espana"),
    "NO": ("Norge",),
    "CH": ("Schweiz", "Suisse"),
}
"""Names people write for a country besides its ISO code and its English name: the nations of the
United Kingdom are one code, GB (and one reporting route, the MHRA's Yellow Card)."""


@cache
def iso_countries() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code and the country's name (pycountry's copy of the standard)."""
    import pycountry

    return {country.alpha_2: country.name for country in pycountry.countries}


def country_code(value: str) -> str:
    """``value`` when it is an ISO 3166-1 alpha-2 code (``GB``) or ``international``; raises
    ValueError with the code meant where one can be guessed (``UK`` → ``GB``, ``gb`` → ``GB``,
    ``GBR`` or ``United Kingdom`` → ``GB``)."""
    if value == INTERNATIONAL or value in iso_countries():
        return value
    guess = guess_country(value)
    meant = f" (did you mean {guess!r}, {iso_countries()[guess]}?)" if guess else ""
    raise ValueError(
        f"{value!r} is not an ISO 3166-1 alpha-2 country code{meant}; write two capital letters such "
        f"as GB, US or ES, or {INTERNATIONAL!r} for the neutral advice"
    )


def guess_country(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``value`` most likely means (``UK`` → ``GB``), or None."""
    text = value.strip()
    upper = text.upper()
    if upper in _RESERVED:
        return _RESERVED[upper]
    spoken = {other.casefold(): code for code, others in OTHER_NAMES.items() for other in others}
    if " ".join(text.casefold().split()) in spoken:
        return spoken[" ".join(text.casefold().split())]
    if upper in iso_countries():
        return upper
    import pycountry

    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def nfc(value: object) -> object:
    """``value`` with every text in it (mapping keys, list items) in Unicode normal form C: a
    letter and its accents as one character where Unicode has one, as most keyboards type them.
    Text typed in decomposed form (macOS file names, some keyboards) then looks the same in every
    format: a PDF font draws a precomposed letter, not marks stacked by guesswork."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    return value


_DIAL = re.compile(r"\+?\d[\d\s().-]*\d")
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")
"""The "(0)" of "+44 (0)1632 960 123": dialled only from inside the country, never after +44."""


def dial_number(text: str, min_digits: int = 6) -> tuple[str, str] | None:
    """The number at the start of ``text`` as written, and as a ``tel:`` link dials it: ASCII
    digits (any script's digits mapped by their value, e.g. Arabic-Indic ٠١٦ → 016) and a
    leading +; after a country code, a trunk "(0)" is left out). None when ``text`` does not start with at least ``min_digits`` digits."""
    found = _DIAL.match(text)
    if found is None:
        return None
    written = _TRUNK_ZERO.sub(" ", found[0]) if found[0].startswith("+") else found[0]
    digits = "".join(str(unicodedata.decimal(ch)) for ch in written if ch.isdecimal())
    if len(digits) < min_digits:
        return None
    return found[0], ("+" if found[0].startswith("+") else "") + digits
