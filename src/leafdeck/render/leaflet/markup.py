"""Knowledge-base text → reportlab Paragraph markup, safely.

Every string is escaped first, so ``AT&T``, ``x<y`` or a ``<font color=...>`` payload print
literally. The only markup that survives is produced here: ``**bold**`` and citation marks.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from leafdeck.links import href

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    """Escaped text with ``**bold**`` turned into bold."""
    return _BOLD.sub(r"<b>\1</b>", escape(text))


def unbroken(text: str) -> str:
    """``text`` with its spaces made no-break spaces: a phone number is never split across lines."""
    return text.replace(" ", "\u00a0")


def plain(text: str) -> str:
    """The text a reader sees (markers removed), for coverage checks and metadata."""
    return _BOLD.sub(r"\1", text)


def cite_mark(numbers: list[int]) -> str:
    """Citation numbers at full size (superscripts would fall below the minimum type size),
    e.g. ``[1, 3]``, with runs compressed to ranges: ``[1–3]``."""
    if not numbers:
        return ""
    return f"\u00a0[{_ranges(sorted(set(numbers)))}]"


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(
            str(start) if start == prev else f"{start}\u2013{prev}" if prev > start + 1 else f"{start}, {prev}"
        )
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def link(url: str, label: str | None = None) -> str:
    """A link, escaped; only https, http, mailto and tel targets (``links.href`` refuses others)."""
    shown = escape(label or url)
    return f'<a href="{escape(href(url), {chr(34): "&quot;"})}">{shown}</a>'
