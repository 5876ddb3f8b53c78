"""Passages in another language than the text around them (PDF/UA-1 7.2, WCAG 2.1 SC 3.1.2).

An editor marks a phrase in prose as ``[liberation procedure]{lang=en}`` (the bracketed-span
form of Pandoc): the words in square brackets, then the language code in braces. The code has
the form of the knowledge base's ``language:`` (``en``, ``pt-BR``; ``read.languages``); a mark
with a code leafdeck does not accept is refused where it is written (LANG-003,
``read.passages``). Whole entries say their language in a field instead (a reference's or a
clinic's ``language:``).

In: knowledge-base text. Out: the text as a reader sees it (``plain``), or its runs with their
language (``runs``), for the renderers that tell assistive technology about the language (the
tagged leaflets' Span, the web page's ``lang``). Nothing here imports a rendering library.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from leafdeck.read.languages import code_problem


def _accepted(code: str) -> str:
    trouble = code_problem(code)
    if trouble:
        raise ValueError(trouble)
    return code


LanguageCode = Annotated[str, StringConstraints(strict=True), AfterValidator(_accepted)]
"""The language a whole entry is written in (a reference, a clinic's details): a code of the
form of the knowledge base's ``language:`` that Babel knows (``read.languages``)."""

MARK = re.compile(r"\[([^\[\]\n]+)\]\{lang=([^{}\s]*)\}")
"""A passage in another language: ``[words]{lang=code}``."""


def plain(text: str) -> str:
    """``text`` with every language mark removed (its words kept), as printed where no language
    can be said (slide text, metadata, file names)."""
    return MARK.sub(r"\1", text) if "]{lang=" in text else text


def runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into runs, each with the language it is marked in (None: the text's own)."""
    found: list[tuple[str, str | None]] = []
    at = 0
    for match in MARK.finditer(text):
        if match.start() > at:
            found.append((text[at : match.start()], None))
        found.append((match[1], match[2]))
        at = match.end()
    if at < len(text) or not found:
        found.append((text[at:], None))
    return found


def other(language: str | None, document: str) -> str | None:
    """``language`` when it differs from the ``document``'s (a passage to mark), else None."""
    return language if language and language != document else None


_NUMBER = re.compile(r"[\d\s+()./\-]*\d[\d\s+()./\-]*(?:\(?\s*(?:ext|x)\.?\s*\d+\s*\)?)?", re.IGNORECASE)
"""A phone number (digits, spaces, "+", brackets, dots, dashes, an extension): in no language."""


def phone_marked(phone: str, language: str | None) -> str:
    """A clinic's phone line: a number as it is (a screen reader reads digits in the document's
    voice), anything else ("Ask at reception for our phone number") marked in ``language``."""
    return phone if _NUMBER.fullmatch(phone.strip()) else marked(phone, language)


def marked(text: str, language: str | None) -> str:
    """``text`` marked as a passage in ``language`` (when given, and when the text holds no
    square bracket or line break, which a mark cannot hold), else ``text`` as it is."""
    if not language or not text.strip() or any(c in text for c in "[]\n"):
        return text
    return f"[{text}]{{lang={language}}}"
