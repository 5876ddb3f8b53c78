"""What kind of file a layout names as a font, told by its first bytes, before any font library
parses it: a web font (WOFF, WOFF2), a PostScript Type 1 font, an archive or not a font at all
gets one message naming what it is and the form leafdeck accepts, never a parser's own lines
(fontTools logs "The WOFF2 decoder requires the Brotli Python extension" for a .woff2 file).

The signatures are the formats' own: OpenType/TrueType (``\\x00\\x01\\x00\\x00``, ``true``,
``OTTO``), font collections (``ttcf``), WOFF 1.0 (``wOFF``) and WOFF 2.0 (``wOF2``) from the W3C
recommendations, Type 1 (``%!PS-AdobeFont``; ``\\x80\\x01`` for the binary .pfb segment).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

ACCEPTED = "a TrueType font file (.ttf, or an .otf with TrueType outlines)"
"""The form of font leafdeck can embed in PDF and deck, as messages say it."""

_NOT_USABLE = {
    b"wOFF": "a WOFF web font",
    b"wOF2": "a WOFF2 web font",
    b"%!PS-AdobeFont": "a PostScript Type 1 font",
    b"%!FontType1": "a PostScript Type 1 font",
    b"\x80\x01": "a PostScript Type 1 font (.pfb)",
    b"PK\x03\x04": "a ZIP archive",
}
"""First bytes of files people name as a font that leafdeck cannot use, and what each is."""

_FONTS = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf")
"""First bytes of an OpenType or TrueType font, or of a collection of them."""


def kind_problem(path: Path) -> str | None:
    """Why the file at ``path`` is not a font leafdeck could read, told by its first bytes (the
    kind it is, and ``ACCEPTED``), or None when it looks like an OpenType/TrueType font or collection."""
    with path.open("rb") as file:
        head = file.read(16)
    found = next((name for magic, name in _NOT_USABLE.items() if head.startswith(magic)), None)
    if found is None and head.startswith(_FONTS):
        return None
    advice = "unpack it and name the font file inside" if found == "a ZIP archive" else "use the font's .ttf file"
    return f"is {found or 'not a font file'}; leafdeck needs {ACCEPTED}: {advice}"


@contextlib.contextmanager
def quiet_font_library() -> Iterator[None]:
    """fontTools' log lines (warnings about the file it reads) silenced inside: the caller turns
    any failure into one located message."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)
