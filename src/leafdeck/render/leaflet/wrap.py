"""Where a word longer than its line breaks: a web address is split after a "/" (or a ".")
when the part before one fits, never inside a word when such a break exists.

reportlab splits a word longer than the line (``splitLongWords``) at the last character that
fits; its address-aware split (``uriWasteReduce``) only knows addresses written with their
scheme, and leafdeck prints them without it ("example.org/leafdeck/…"). ``install`` replaces
reportlab's splitter of such words (``paragraph._splitFragWord``) with ``split_word``, which
keeps reportlab's pieces and only moves each break back to just after the last "/" or "." of
the piece. A word with no such character splits exactly as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import paragraph as rl

REPORTLAB = rl._splitFragWord
"""reportlab's own splitter (kept for comparison in tests)."""
BREAK_AFTER = "/.-"
"""Characters a long word (an address) may break after, in order of preference (a hyphen
already in the word last)."""


def split_word(word: Any, max_width: float, max_widths: list[float], line: int) -> list[Any]:
    """reportlab's ``_splitFragWord`` contract: the frag word ``word`` (``[width, (frag, text),
    …]``) as a list of pieces, each fitting its line (``max_width`` pt on this line, then
    ``max_widths[line + 1]``, …), every piece but the last a ``_SplitFrag``."""
    chars = list(rl._fragWordIter(word))
    last = len(max_widths) - 1
    pieces: list[list[tuple[Any, float, str]]] = []
    current: list[tuple[Any, float, str]] = []
    width, room = 0.0, max_width
    for char in chars:
        if current and width + char[1] > room:
            cut = _cut(current)
            pieces.append(current[:cut])
            current = current[cut:]
            line += 1
            room = max_widths[min(last, line)]
            width = sum(c[1] for c in current)
        current.append(char)
        width += char[1]
    tail = rl._SplitFragHS if isinstance(word, rl._HSFrag) else rl._SplitFragH
    return [*(_piece(p, rl._SplitFrag) for p in pieces), _piece(current, tail)]


def _cut(piece: list[tuple[Any, float, str]]) -> int:
    """Where ``piece`` (a line's characters, full) ends: just after its last "/" (else its last
    "."), when that leaves something on the line; else at its end (reportlab's own split)."""
    text = "".join(c[2] for c in piece)
    for mark in BREAK_AFTER:
        at = text.rfind(mark, 0, len(text) - 1)
        if at > 0:
            return _index_of_char(piece, at) + 1
    return len(piece)


def _index_of_char(piece: list[tuple[Any, float, str]], at: int) -> int:
    """The index in ``piece`` of the entry holding character ``at`` of its text (entries of
    zero-width marks hold no character)."""
    seen = 0
    for index, (_, _, text) in enumerate(piece):
        seen += len(text)
        if seen > at:
            return index
    return len(piece) - 1


def _piece(chars: list[tuple[Any, float, str]], kind: Any) -> Any:
    """Characters as one frag word of ``kind``: ``[width, (frag, text), …]``, a frag per run of
    characters drawn with the same fragment."""
    runs: list[tuple[Any, str]] = []
    for frag, _, text in chars:
        if runs and runs[-1][0] is frag:
            runs[-1] = (frag, runs[-1][1] + text)
        else:
            runs.append((frag, text))
    parts = []
    for frag, text in runs:
        clone = frag.clone()
        if hasattr(clone, "text"):
            clone.text = text
        parts.append((clone, text))
    return kind([sum(c[1] for c in chars), *parts])


def install() -> None:
    """Make reportlab split long words with ``split_word`` (idempotent)."""
    rl._splitFragWord = split_word
