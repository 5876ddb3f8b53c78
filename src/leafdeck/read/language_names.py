"""The language code a hurried person meant (issue 17, editor's trial point 2).

``--lang de_DE``, ``german``, ``German``, ``Deutsch``, ``deu`` or ``ger`` all mean German. A
suggestion names the ISO 639-1 code (``de``), with the region when one was typed and Babel has
that locale (``de_de`` → ``de-DE``), and prefers a language the project already has: with a
German translation and none for Germany, ``de_DE`` suggests ``de``.

Names come from Babel's locale data (CLDR): each language's English name and its own name for
itself (``Locale("en").languages``, ``Locale(code).languages[code]``); three-letter ISO 639-2
codes, bibliographic and terminological (``ger``, ``deu``), from Babel's language aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


def meant_code(text: str, existing: Iterable[str] = ()) -> str | None:
    """The code ``text`` most likely means, or None when nothing is guessed (or ``text`` is
    itself that code). First a code in ``existing`` (the project's languages): the code with its
    region, then the language alone; else the code with its region if Babel has that locale, else
    the language alone if Babel has it."""
    from leafdeck.read.languages import has_locale_data

    parts = [p for p in re.split(r"[-_\s]+", text.strip()) if p]
    language = _iso_639_1(parts[0]) if parts else None
    if language is None or len(parts) > 2:
        return None
    region = parts[1].upper() if len(parts) == 2 and parts[1].isascii() and parts[1].isalpha() else None
    if len(parts) == 2 and region is None:
        return None
    candidates = [f"{language}-{region}", language] if region else [language]
    known = set(existing)
    chosen = next((c for c in candidates if c in known), None)
    chosen = chosen or next((c for c in candidates if has_locale_data(c)), None)
    return chosen if chosen != text else None


def _iso_639_1(word: str) -> str | None:
    """The two-letter code of a language typed as a code in any case (``DE``), a three-letter
    code (``deu``, ``ger``) or a name in English or in the language itself (``German``,
    ``deutsch``); None when it names no language with a two-letter code."""
    folded = word.casefold()
    if len(folded) == 2 and folded.isascii() and folded.isalpha():
        return folded
    alias = _aliases().get(folded)
    if alias is not None:
        return alias
    return _names().get(folded)


@cache
def _aliases() -> dict[str, str]:
    """Three-letter codes (and other aliases Babel knows) → their two-letter code."""
    found: dict[str, str] = {}
    for alias, code in get_global("language_aliases").items():
        base = code.split("_")[0]
        if len(alias) == 3 and len(base) == 2:
            found[alias.casefold()] = base
    return found


@cache
def _names() -> dict[str, str]:
    """Language names in English and in the language itself, case-folded → two-letter code."""
    english = Locale("en").languages
    found: dict[str, str] = {}
    for code, name in english.items():
        if len(code) != 2:
            continue
        found.setdefault(name.casefold(), code)
        try:
            own = Locale.parse(code).languages.get(code)
        except (UnknownLocaleError, ValueError):  # no locale data: the English name only
            continue
        if own:
            found.setdefault(own.casefold(), code)
    return found
