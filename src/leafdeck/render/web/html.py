"""Building HTML safely: every string is escaped unless it is already ``Html``.

Knowledge-base text, clinic details and labels are plain strings, so ``AT&T``, ``x<y`` or a
``<script>`` payload print literally. The only markup is made here: elements from ``tag``,
``**bold**`` as ``<strong>``, links whose targets passed ``links.href``, and a passage in another
language (``[words]{lang=en}``, ``leafdeck.passages``) as ``<span lang="en">``, wherever text is
written as content (in an attribute or the ``<title>``, only its words).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from leafdeck.links import href
from leafdeck.passages import MARK, plain

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
    """Knowledge-base text: escaped, with ``**bold**`` as ``<strong>`` and passages in another
    language in ``<span lang>``."""
    return Html(_BOLD.sub(r"<strong>\1</strong>", content(text)))


def content(text: str) -> Html:
    """Text written as an element's content: escaped, each passage in another language in a
    ``<span lang>`` (WCAG 2.1 SC 3.1.2)."""
    if isinstance(text, Html) or "]{lang=" not in text:
        return esc(text)
    return Html(MARK.sub(lambda m: f'<span lang="{m[2]}">{m[1]}</span>', esc(text)))


def join(parts: Iterable[Html | str | None], sep: str = "") -> Html:
    """Pieces one after the other; plain strings are escaped (``content``), ``None`` is left out."""
    return Html(esc(sep).join(content(p) for p in parts if p is not None))


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
        written.append(f" {attr}" if value is True else f' {attr}="{esc(plain(value))}"')
    opening = f"<{name}{''.join(written)}>"
    if name in _VOID:
        assert not children, f"<{name}> has no content"
        return Html(opening)
    if name == "title":  # text only: a passage's language cannot be said there
        children = tuple(c if c is None or isinstance(c, Html) else plain(c) for c in children)
    return Html(f"{opening}{join(children)}</{name}>")


def link(url: str, text: str | Html | None = None, **attrs: str | bool | None) -> Html:
    """A link; only https, http, mailto and tel targets (``links.href`` refuses others)."""
    return tag("a", text if text is not None else url, href=href(url), **attrs)
