"""Register the layout's TrueType faces, and refuse text the font cannot draw.

reportlab silently drops characters its font lacks, so every string is checked against the
font's character map before anything is drawn.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.read.layout import FontFamily

REGULAR, BOLD = "LeafdeckBody", "LeafdeckBody-Bold"


def register(family: FontFamily, root: Path) -> None:
    """Register the family's faces under fixed names and make them every default (no base-14 font)."""
    for name, relative in ((REGULAR, family.regular), (BOLD, family.bold)):
        path = str(root / relative)
        known = pdfmetrics._fonts.get(name)  # re-register only when the file changes
        if known is None or getattr(known.face, "filename", None) != path:
            try:
                pdfmetrics.registerFont(TTFont(name, path))
            except TTFError as exc:  # a face that loading accepted but reportlab cannot parse
                raise InputError(
                    [Problem(display_path(Path(path)), message=f"cannot embed this font: {exc}")]
                ) from None
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    rl_config.canvas_basefontname = REGULAR
    shapes.STATE_DEFAULTS["fontName"] = REGULAR
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a font subset without the codes it maps to U+0000 (the
    .notdef slot and unused codes): PDF/UA-1 7.21.7 wants every mapping to be a real character,
    and nothing is drawn with those codes (``check_glyphs`` refuses text the font lacks)."""
    lines = _REPORTLAB_CMAP(fontname, subset).split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith(" beginbfchar"))
    end = lines.index("endbfchar")
    kept = [line for line in lines[start + 1 : end] if not line.endswith(" <0000>")]
    return "\n".join([*lines[:start], f"{len(kept)} beginbfchar", *kept, *lines[end:]])


def missing_glyphs(texts: Iterable[tuple[str, str]], source: str) -> list[Problem]:
    """One problem per (label, text) that uses a character the registered font lacks."""
    covered = _coverage()
    problems = []
    for label, text in texts:
        missing = sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()})
        if missing:
            names = ", ".join(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})" for ch in missing)
            problems.append(
                Problem(source, message=f"{label}: the font has no glyph for {names} in {_excerpt(text)!r}")
            )
    return problems


def check_glyphs(texts: Iterable[tuple[str, str]], source: str) -> None:
    """Raise InputError naming every text that the font cannot draw."""
    problems = missing_glyphs(texts, source)
    if problems:
        raise InputError(problems)


def _coverage() -> set[int]:
    cover: set[int] = set()
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        cover.update(font.face.charToGlyph)
    return cover


def _excerpt(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
