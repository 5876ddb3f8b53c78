"""Strings written into hand-built OOXML: every one goes through ``xml_attr`` or ``xml_text``.

python-pptx escapes what its API sets (``run.text``, ``shape.name``, ``element.set``), but the
deck renderer and the template generator also write XML as text for speed (``parse_xml`` of an
f-string). Any layout or content string placed there (a font name such as ``Calibri & Co``, a
bullet character ``"``, a language tag, a section name) must be escaped, or lxml refuses the
whole slide (``XMLSyntaxError``). Numbers and validated ``#RRGGBB`` colours need no escaping.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


def xml_attr(value: str) -> str:
    """``value`` as the inside of a double-quoted XML attribute: ``&``, ``<``, ``>`` and ``"``
    escaped (and tabs and line breaks as character references, which attribute parsing would
    otherwise turn into spaces)."""
    return escape(value, {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def xml_text(value: str) -> str:
    """``value`` as XML element content: ``&``, ``<`` and ``>`` escaped."""
    return escape(value)
