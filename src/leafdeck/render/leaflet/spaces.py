"""A real space at the end of each line of text on a tagged page (issue 22 audit), so text read
from the structure (a screen reader, ``pdfinfo -struct-text``) has a word break where a line
wraps: "for multiple sclerosis", not "formultiple sclerosis".

reportlab ends each line of a text object with ``T*`` (next line) and draws no space there.
Before each ``T*`` that ends a line with text on it, ``spaced`` shows one space glyph in the
line's font (switching to the font subset that holds the space, and back, when needed). ``T*``
starts the next line from the line's start, so nothing on the page moves. A line that ends
inside a word (a long web address split by the paragraph, ``broken_lines``) gets no space.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reportlab.pdfbase import pdfmetrics

SHOWING = frozenset({"Tj", "TJ", "'", '"'})
"""Operators that show text."""


def broken_lines(paragraph: Any) -> frozenset[int]:
    """Indexes (from 0) of the laid-out lines of a reportlab paragraph that end inside a word
    (a word longer than the line, split by ``splitLongWords``): where the paragraph's text, at
    the end of the line, goes on without a space."""
    lines = getattr(getattr(paragraph, "blPara", None), "lines", None) or []
    markup = re.sub(r"<br\s*/?>", " ", str(getattr(paragraph, "text", "")))
    source = " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())
    found, at = set(), 0
    for index, line in enumerate(lines):
        words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
        text = " ".join((" " if isinstance(line, tuple) else "").join(str(w) for w in words).split())
        start = source.find(text, at) if text else -1
        if start < 0:
            continue
        at = start + len(text)
        if at < len(source) and not source[at].isspace():
            found.add(index)
    return frozenset(found)


def spaced(code: str, doc: Any, broken: frozenset[int] = frozenset()) -> str:
    """The operators of a text object (``code``) with a space shown before each ``T*`` that
    ends a line with text on it, except the lines in ``broken``. ``doc``: reportlab's document
    (its font names)."""
    out: list[str] = []
    operands: list[str] = []
    font, size, shown, line, i = "", "", False, 0, 0
    while i < len(code):
        c = code[i]
        if c.isspace():
            out.append(c)
            i += 1
            continue
        j = _literal_end(code, i) if c == "(" else code.index(">", i) + 1 if c == "<" else _token_end(code, i)
        token = code[i:j]
        if token == "Tf" and len(operands) >= 2:
            font, size = operands[-2], operands[-1]
        elif token in SHOWING:
            shown = True
        elif token == "T*":
            if shown and line not in broken:
                out.append(_space(font, size, doc) + " ")
            shown, line = False, line + 1
        operands = [] if token.isalpha() or token in SHOWING or token == "T*" else [*operands, token]
        out.append(token)
        i = j
    return "".join(out)


def _token_end(code: str, start: int) -> int:
    end = start + 1
    while end < len(code) and not code[end].isspace() and code[end] not in "(<[/":
        end += 1
    return end


def _literal_end(code: str, start: int) -> int:
    """The index after the string literal opening at ``start`` (escapes, balanced parentheses)."""
    depth, i = 0, start
    while i < len(code):
        c = code[i]
        if c == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        i += 1
        if depth == 0:
            break
    return i


def _space(font: str, size: str, doc: Any) -> str:
    """Operators showing one space in ``font`` (a PDF font name, e.g. ``/F1+0``) at ``size``,
    or nothing when the font is not known."""
    base, _, _ = font.partition("+")
    names = {internal: name for name, internal in doc.fontMapping.items()}
    if base not in names:
        return ""
    found = pdfmetrics.getFont(names[base])
    if not hasattr(found, "getSubsetInternalName"):
        return "( ) Tj"
    parts = found.splitString(" ", doc)
    if len(parts) != 1:
        return ""
    subset, code = parts[0]
    literal = "(" + "".join(f"\\{b:03o}" if b < 32 or b > 126 or b in b"()\\" else chr(b) for b in code) + ")"
    holder = found.getSubsetInternalName(subset, doc)
    if holder == font:
        return f"{literal} Tj"
    return f"{holder} {size} Tf {literal} Tj {font} {size} Tf"
