"""Where a line may not break: inside a phone number, and between a word and the short number
after it ("appelez tout de suite le 999"), so a reader never sees "+34 910 00 / 0 000" or
"le / 999" (issue 19). Plain text in, plain text with no-break spaces (U+00A0) out; the PDF and
deck renderers use these (ReportLab and PowerPoint honour U+00A0; a hyphen is left as it is, as
the deck font Carlito has no non-breaking hyphen, and ReportLab does not break at hyphens); the web
page keeps a phone link on one line by CSS (``white-space: nowrap``)."""

from __future__ import annotations

import re

NBSP = "\u00a0"
_GROUP_GAP = re.compile(r"(?<=[\d+)]) (?=\d)|(?<=ext\.) (?=\d)")
"""A space between two digit groups ("910 000", "(555) 010-0142"), or after "ext." before its
number: places a phone number must not break."""
_SHORT_NUMBER = re.compile(r"(?<=\w) (?=\d{2,3}(?![\d.,]\d)\b)")
"""A space before a number of two or three digits that stands alone (an emergency number, "le 999")."""


def unbroken_phone(number: str) -> str:
    """``number`` with no line break allowed inside a digit run: the spaces between its digit
    groups become no-break spaces; a note after the number ("(ext. 4521)") may still go to the
    next line as a whole, so a number fits a narrow column (the tri-fold's)."""
    return _GROUP_GAP.sub(NBSP, number)


def short_numbers_kept(text: str) -> str:
    """``text`` with the space before each short stand-alone number (two or three digits, e.g.
    an emergency number) made a no-break space, so "le 999" stays on one line."""
    return _SHORT_NUMBER.sub(NBSP, text)


MINUS = "\u2212"
_NEGATIVE = re.compile(r"(?<![\w.,)\]-])-(?=\d)")
"""A hyphen-minus that signs a number ("-0.8", "(-2)"): not one inside a word or a range
("MSQOL-54", "1-2")."""


def minus_kept(text: str) -> str:
    """``text`` with the hyphen-minus of each negative number made a minus sign (U+2212), which
    Unicode line breaking keeps with its digits, so "-0.8" never ends a line at "-" with "0.8" on
    the next (issue 20 point 8). The deck font Carlito has the glyph; a word's hyphen, and a
    range's, are left as they are."""
    return _NEGATIVE.sub(MINUS, text)
