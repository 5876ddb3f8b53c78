"""The form's Country field: what people type ("UK", "GB", "England", "USA") → an ISO 3166-1
alpha-2 code, the list the field offers (the clinics' and the knowledge base's countries first),
and which countries have advice of their own in the knowledge base (issue 21 follow-up 1).

A ``<select>`` picks by the first letters of its options' text, so "UK" chose Ukraine and "GB"
Gabon; the field is a text box with a list of suggestions instead, and the server reads what was
typed: a code, an English name, or one of the common names below."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from leafdeck.fields import OTHER_NAMES
from leafdeck.model import INTERNATIONAL, KnowledgeBase

_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
"""Two-letter Babel territories that are not places a clinic is in (unions, pseudo-regions)."""

NO_COUNTRY = "No country (international advice)"
"""What the field shows for ``international``."""


def _plain(text: str) -> str:
    """``text`` compared loosely: accents, case, dots and spaces dropped ("U.K." → "uk")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", ascii_text.casefold())


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str], ...]:
    """(ISO 3166-1 alpha-2 code, English name) of every country Babel knows, sorted by name: only
    the codes a clinic file accepts (``fields.iso_countries``; Babel also has XK, IC, EA, ...)."""
    from babel import Locale

    from leafdeck.fields import iso_countries

    names = Locale("en").territories
    found = [(code, name) for code, name in names.items() if code in iso_countries()]
    return tuple(sorted(((c, n) for c, n in found if c not in _NOT_COUNTRIES), key=lambda item: item[1]))


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → English name, for every country Babel knows."""
    return dict(countries())


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in names().items():
        found.setdefault(_plain(name), code)
    for code, others in OTHER_NAMES.items():
        for other in others:
            found[_plain(other)] = code
    for code in names():
        found[_plain(code)] = code  # a code typed wins ("GB"), except the names above ("UK")
    for other in ("UK",):
        found[_plain(other)] = "GB"
    for empty in ("", "international", "none", "no country", _plain(NO_COUNTRY)):
        found[_plain(empty)] = INTERNATIONAL
    return found


def code_of(typed: str) -> str:
    """The code for what was typed in the Country field: ``"UK"``, ``"England"``, ``"gb"`` and
    ``"United Kingdom (GB)"`` all give ``"GB"``; empty or "international" gives
    ``international``; anything not known is returned as typed (the clinic model then refuses it,
    with the rule and wording of ``leafdeck check``)."""
    typed = typed.strip()
    known = _lookup()
    if _plain(typed) in known:
        return known[_plain(typed)]
    bracketed = re.fullmatch(r".*\(([A-Za-z]{2})\)\s*", typed)  # "United Kingdom (GB)", as the list offers it
    if bracketed and bracketed[1].upper() in names():
        return bracketed[1].upper()
    return typed


def shown(code: str) -> str:
    """What the field shows for ``code``: ``"United Kingdom (GB)"``, ``NO_COUNTRY``, or ``code``."""
    if code == INTERNATIONAL:
        return NO_COUNTRY
    return f"{names()[code]} ({code})" if code in names() else code


def choices(first: Iterable[str]) -> list[tuple[str, str]]:
    """(what the field shows, other names typed for it) of every country: ``first`` (codes) in
    that order, then the rest by name; ``NO_COUNTRY`` leads."""
    known = names()
    leading = [c for c in dict.fromkeys(first) if c in known]
    rest = [c for c in known if c not in leading]
    listed = [(NO_COUNTRY, "international")]
    listed += [(shown(c), ", ".join((c, *OTHER_NAMES.get(c, ())))) for c in leading + rest]
    return listed


def advised(kb: KnowledgeBase) -> list[str]:
    """The countries (codes) some item of the knowledge base ``kb`` is written for, sorted: a
    clinic there gets advice of its own; any other clinic gets the international advice."""
    from leafdeck.plan.variants import countries_of

    return sorted(countries_of(kb) - {INTERNATIONAL})
