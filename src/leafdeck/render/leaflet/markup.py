"""Knowledge-base text → reportlab Paragraph markup, safely.

Every string is escaped first, so ``AT&T``, ``x<y`` or a ``<font color=...>`` payload print
literally. The only markup that survives is produced here: ``**bold**``, citation marks, links,
and the zero-width marks around a passage in another language (``[words]{lang=en}``,
``leafdeck.passages``) and around a link's words, which the tagged PDF turns into a Span with
its language and a Link element (``tags.passage``).
"""

from __future__ import annotations

import re
from html import escape as _html_escape

from leafdeck import passages
from leafdeck.links import href
from leafdeck.nobreak import unbroken_phone
from leafdeck.passages import MARK
from leafdeck.render.leaflet.tags import PASSAGE

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_TOP = ("int", "eu", "org", "com", "net", "gov", "edu", "info", "uk", "es", "fr", "de", "no", "us", "ca", "ie")
"""Top-level domains a bare address in prose is recognised by (those of the bundled knowledge
base's registers and the example clinics, and the common generic ones)."""


_ADDRESS = re.compile(
    r"(?<![\w@/.:-])"  # not inside a longer word or an address already written with its scheme
    r"(?:(?P<email>[a-z0-9._+-]+@)?)"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:" + "|".join(_TOP) + r"))"
    r"(?P<path>/[\w\-./%~]*[\w/])?"
    r"(?![\w@-])"
)
"""A bare web address (a host ending in a known top-level domain, e.g. ``trialsearch.who.int``,
with an optional path) or e-mail address written in prose, in lower case."""


def escape(text: str, quote: bool = False) -> str:
    """``text`` with ``&``, ``<`` and ``>`` as entities (and ``"`` as ``&quot;`` when ``quote``),
    as ``xml.sax.saxutils.escape`` gives it, without importing ``urllib.request`` and ``ssl``
    with it (about 70 ms in each process that lays out a leaflet)."""
    escaped = _html_escape(text, quote=False)
    return escaped.replace('"', "&quot;") if quote else escaped


def linked(escaped: str) -> str:
    """``escaped`` text (already escaped) with each bare web or e-mail address in it made a link
    (``link``: https or mailto), so a tagged PDF has a Link element and its annotation there."""
    if "." not in escaped:
        return escaped

    def one(m: re.Match[str]) -> str:
        shown = m[0]
        return link(f"mailto:{shown}" if m["email"] else f"https://{shown}", shown)

    return _ADDRESS.sub(one, escaped)


def inline(text: str, *, links: bool = True) -> str:
    """Escaped text with ``**bold**`` turned into bold, each passage in another language between
    passage marks and (``links``) each bare web or e-mail address a link (``linked``). A list
    item passes ``links=False``: its body is tagged as one LBody, which cannot hold a Link
    element around the words."""
    escaped = escape(text)
    if links:
        escaped = linked(escaped)
    if "]{lang=" in escaped:
        escaped = MARK.sub(lambda m: f"{_passage('lang ' + m[2])}{m[1]}{_passage('end')}", escaped)
    return _BOLD.sub(r"<b>\1</b>", escaped)


def _passage(label: str) -> str:
    """A zero-width mark calling the canvas's passage callback with ``label`` (``tags.passage``)."""
    return f'<onDraw name="{PASSAGE}" label="{escape(label, quote=True)}"/>'


def unbroken(text: str) -> str:
    """A phone number that is never split inside its digits (``nobreak.unbroken_phone``)."""
    return unbroken_phone(text)


def plain(text: str) -> str:
    """The text a reader sees (markers removed), for coverage checks and metadata."""
    return _BOLD.sub(r"\1", passages.plain(text))


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
    target = href(url)
    return f'{_passage("link " + target)}<a href="{escape(target, quote=True)}">{shown}</a>{_passage("end")}'
