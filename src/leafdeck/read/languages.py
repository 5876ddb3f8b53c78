"""Language codes: the form leafdeck accepts, and whether Babel can write dates and numbers in it.

A code is two lower-case letters (ISO 639-1), optionally a hyphen and a region in capitals
(ISO 3166-1), e.g. ``de`` or ``pt-BR``: the form of the knowledge base's ``language:`` and of a
translation file's name. Babel (``babel.Locale.parse``) must have locale data for it, or no date
or number could be written in the language; a code Babel does not know is refused where it is
written, never found later as a crash. The region must be an ISO 3166-1 alpha-2 code Babel has
that very locale for: Babel itself quietly reads ``en_UK`` as ``en_GB`` and ``de_ZZ`` as ``de_DE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError

CODE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")
"""The form of a language code: `de`, `de-AT`."""

EXPECTED = "two lower-case letters (ISO 639-1), optionally a hyphen and a region in capitals, e.g. 'de' or 'de-AT'"
"""The form of a language code, as messages describe it."""


def code_problem(code: str, existing: Iterable[str] = ()) -> str | None:
    """Why ``code`` cannot name a language to write in (its form, or no Babel locale data), or
    None when it can. The message shows the form expected and, when the code is written another
    way (``DE``, ``de_DE``, ``German``, ``deu``), the code meant, one of ``existing`` (the
    project's languages) first (``read.language_names``)."""
    if not CODE.fullmatch(code):
        meant = _respelt(code, existing)
        hint = f" (did you mean {meant!r}?)" if meant else ""
        return f"{code!r} is not a language code leafdeck accepts: write {EXPECTED}{hint}"
    region = _region_problem(code)
    if region:
        return region
    if not has_locale_data(code):
        name = Locale("en").languages.get(code.split("-")[0])
        named = f" ({name})" if name else ""
        return (
            f"{code!r}{named}: Babel has no locale data for it, so dates and numbers cannot be written "
            "in this language; choose a language Babel knows (e.g. 'de', 'nl', 'pt-BR')"
        )
    return None


def has_locale_data(code: str) -> bool:
    """Whether Babel can format dates and numbers for ``code`` (``de``, ``pt-BR``): it has the
    locale itself, not one it would put in its place (``en-UK`` read as ``en-GB``)."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    region = code.split("-")[1] if "-" in code else None
    return region is None or locale.territory == region


def _region_problem(code: str) -> str | None:
    """Why the region of ``code`` (``de-ZZ``, ``en-UK``) is not an ISO 3166-1 alpha-2 code, with the
    code meant where one can be guessed (``en-UK`` → ``en-GB``); None when it is, or has none."""
    from leafdeck.fields import country_code, guess_country

    language, _, region = code.partition("-")
    if not region:
        return None
    try:
        country_code(region)
    except ValueError:
        guess = guess_country(region)
        meant = f" (did you mean '{language}-{guess}'?)" if guess and has_locale_data(f"{language}-{guess}") else ""
        return (
            f"{code!r}: {region!r} is not an ISO 3166-1 alpha-2 region{meant}; write {EXPECTED}, "
            f"or only the language ({language!r})"
        )
    return None


def _respelt(code: str, existing: Iterable[str] = ()) -> str | None:
    """The accepted code for one typed another way, if Babel knows that language: ``DE`` → ``de``,
    ``de_de`` → ``de-DE`` (``de`` when only that is in ``existing``), ``German`` → ``de``."""
    from leafdeck.read.language_names import meant_code

    return meant_code(code, existing)
