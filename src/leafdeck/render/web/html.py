"""Building HTML safely: every string is escaped unless it is already ``Html``.

Knowledge-base text, clinic details and labels are plain strings, so ``AT&T``, ``x<y`` or a
``<script>`` payload print literally. The only markup is made here: elements from ``tag``,
``**bold**`` as ``<strong>`` and links whose targets passed ``links.href``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from leafdeck.links import href

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_VOID = frozenset({"meta", "link", "img", "br", "hr", "input"})
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class Html(str):
    """Markup that is safe to write as it is."""

    __slots__ = ()


def esc(text: str) -> Html:
    """Plain text, escaped (quotes too, so it is also safe in an attribute)."""
    return text if isinstance(text, Html) else Html(html.escape(text, quote=True))


def inline(text: str) -> Html:
    """Knowledge-base text: escaped, with ``**bold**`` as ``<strong>``."""
    return Html(_BOLD.sub(r"<strong>\1</strong>", esc(text)))


def join(parts: Iterable[Html | str | None], sep: str = "") -> Html:
    """Pieces one after the other; plain strings are escaped, ``None`` is left out."""
    return Html(esc(sep).join(esc(p) for p in parts if p is not None))


def tag(name: str, /, *children: Html | str | None, **attrs: str | bool | None) -> Html:
    """One element. Attribute names drop a trailing ``_`` and turn ``_`` into ``-`` (``class_``,
    ``aria_label``); ``None`` and ``False`` leave an attribute out, ``True`` writes it bare."""
    assert _NAME.match(name), name
    written = []
    for key, value in attrs.items():
        attr = key.rstrip("_").replace("_", "-")
        assert _NAME.match(attr), attr
        if value is None or value is False:
            continue
        written.append(f" {attr}" if value is True else f' {attr}="{esc(value)}"')
    opening = f"<{name}{''.join(written)}>"
    if name in _VOID:
        assert not children, f"<{name}> has no content"
        return Html(opening)
    return Html(f"{opening}{join(children)}</{name}>")


def link(url: str, text: str | Html | None = None, **attrs: str | bool | None) -> Html:
    """A link; only https, http, mailto and tel targets (``links.href`` refuses others)."""
    return tag("a", text if text is not None else url, href=href(url), **attrs)
