"""Reading PDFs back the way a reader (or a screen reader) meets them."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


def page_texts(path: Path) -> list[str]:
    """The text of each page."""
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def words(text: str) -> str:
    """Text reduced to single-spaced words, so line breaks do not matter."""
    return " ".join(re.sub(r"[\u00a0\s\ufffe\u00ad]+", " ", text).split())


def font_sizes(path: Path) -> set[float]:
    """Every font size used by a visible character."""
    sizes: set[float] = set()
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            textpage = pdf[i].get_textpage()
            for index in range(textpage.count_chars()):
                char = raw.FPDFText_GetUnicode(textpage.raw, index)
                if raw.FPDFText_IsGenerated(textpage.raw, index) or chr(char).isspace():
                    continue
                sizes.add(round(raw.FPDFText_GetFontSize(textpage.raw, index), 2))
    finally:
        pdf.close()
    return sizes


def booklet_page_texts(path: Path) -> list[str]:
    """The text of each A5 page of an imposed booklet, back in reading order."""
    from leafdeck.render.leaflet.impose import booklet_order

    pdf = pdfium.PdfDocument(path)
    try:
        order = booklet_order(len(pdf) * 2)
        pages: dict[int, str] = {}
        for side, (left, right) in enumerate(order):
            page = pdf[side]
            half, height = page.get_width() / 2, page.get_height()
            textpage = page.get_textpage()
            pages[left] = textpage.get_text_bounded(0, 0, half, height)
            pages[right] = textpage.get_text_bounded(half, 0, 2 * half, height)
        return [pages[number] for number in sorted(pages)]
    finally:
        pdf.close()


def empty_shares(path: Path, top: float, bottom: float) -> list[float]:
    """For each page, the share of the text area (between ``top`` and ``bottom`` margins, in pt)
    left empty below the lowest thing drawn on it (text, rule or figure); the footer in the
    bottom margin does not count."""
    pdf = pdfium.PdfDocument(path)
    try:
        shares = []
        for i in range(len(pdf)):
            page = pdf[i]
            height = page.get_height()
            bounds = [obj.get_bounds() for obj in page.get_objects(max_depth=3)]
            lows = [b[1] for b in bounds if b[3] > bottom + 1]
            lowest = min(lows, default=height - top)
            shares.append(max(0.0, lowest - bottom) / (height - top - bottom))
        return shares
    finally:
        pdf.close()


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a page's text, words normalised."""
    return [words(line) for line in text.splitlines() if words(line)]
