"""What the page links to besides its own content: the printable files of its own variant and
the same page in the other languages.

In: ``Related``, which the build gives the renderer (each PDF of the variant with the file to
measure, and each language's address of the variant). Out: a downloads section and language
links, with each file's size and page count read from the file itself. A file that is not there
(not built yet) is still linked, without figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.units import format_unit

from leafdeck.read.labels import Labels
from leafdeck.render.web.html import Html, join, link, tag

KILOBYTE = 1000
MEGABYTE = 1000 * KILOBYTE


@dataclass(frozen=True)
class Download:
    """One printable file of the page's variant."""

    product: str
    """Product name in ``layouts/products.yaml``, e.g. ``leaflet-a4``."""
    address: str
    """Where it is served: beside the page, in the variant's folder (``Job.url``)."""
    source: Path | None = None
    """The rendered file to measure (staged in this build, or published); None or missing: no figures."""


@dataclass(frozen=True)
class Alternate:
    """The same page in one language."""

    language: str
    address: str


@dataclass(frozen=True)
class Related:
    """Everything the page links to outside itself, in the order it lists them."""

    downloads: tuple[Download, ...] = ()
    alternates: tuple[Alternate, ...] = ()
    """Every built language's address of this variant, this page's own language included."""


@dataclass(frozen=True)
class Measured:
    """A file's size in bytes, its number of pages, and whether it is imposed for print (its
    pages out of reading order and untagged: ``/Imposition`` in its metadata)."""

    size: int
    pages: int
    imposed: bool = False


def measure(path: Path | None) -> Measured | None:
    """Size and page count of a PDF. In: a path or None. Out: None when the file is missing or
    not a readable PDF (the page then links it without figures)."""
    if path is None or not path.is_file():
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        imposed = bool(reader.metadata and reader.metadata.get("/Imposition"))
        return Measured(path.stat().st_size, len(reader.pages), imposed)
    except (OSError, PyPdfError, ValueError):
        return None


def size_text(size: int, labels: Labels) -> str:
    """A file size as readers write it in the language, e.g. ``240 kB`` or ``1,2 Mo``."""
    locale = labels.locale
    if size >= MEGABYTE:
        return format_unit(round(size / MEGABYTE, 1), "digital-megabyte", length="short", locale=locale)
    return format_unit(max(1, round(size / KILOBYTE)), "digital-kilobyte", length="short", locale=locale)


def pages_text(pages: int, labels: Labels) -> str:
    """``1 page`` / ``4 pages`` with the language's plural rule (labels ``web_pages_one``, ``web_pages_other``)."""
    try:
        form = Locale.parse(labels.locale).plural_form(pages)
    except (UnknownLocaleError, ValueError):
        form = "other"
    key = "web_pages_one" if form == "one" else "web_pages_other"
    return labels(key, n=pages)


def product_name(product: str, labels: Labels) -> str:
    """What a product is called for readers (label ``download_<product>``), else its file name."""
    key = f"download_{product}"
    return labels(key) if key in labels.words else product


def downloads(related: Related, labels: Labels) -> Html | None:
    """The list of printable files: name, then ``(PDF, 240 kB, 4 pages)``; None without files.
    Files read page by page (tagged for screen readers) come first; files imposed for print
    (booklets, tri-folds) after them, saying so (label ``web_file_print_only``)."""
    if not related.downloads:
        return None
    measured = [(download, measure(download.source)) for download in related.downloads]
    measured.sort(key=lambda pair: bool(pair[1] and pair[1].imposed))
    items = []
    for download, figures in measured:
        name = product_name(download.product, labels)
        details = (
            labels("web_file", size=size_text(figures.size, labels), pages=pages_text(figures.pages, labels))
            if figures
            else labels("web_file_unmeasured")
        )
        if figures and figures.imposed and "web_file_print_only" in labels.words:
            details = f"{details} {labels('web_file_print_only')}"
        anchor = link(download.address, name, type="application/pdf")
        items.append(tag("li", anchor, " ", tag("span", details, class_="file-details")))
    return tag("ul", join(items), class_="downloads")


def language_name(language: str) -> str:
    """A language's name in that language, e.g. ``Français``."""
    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(language.replace("-", "_")) or language
    except (UnknownLocaleError, ValueError):
        name = language
    return name[:1].upper() + name[1:]


def head_links(related: Related) -> list[Html]:
    """``<link rel="alternate" hreflang>`` for every language of the page (none for a page in one language)."""
    if len(related.alternates) < 2:
        return []
    return [tag("link", rel="alternate", hreflang=a.language, href=a.address) for a in related.alternates]


def language_links(related: Related, own: str, labels: Labels) -> Html | None:
    """Visible links to the same page in every other language, each named in its own language."""
    others = [a for a in related.alternates if a.language != own]
    if not others:
        return None
    items = [
        tag("li", link(a.address, language_name(a.language), hreflang=a.language, lang=a.language)) for a in others
    ]
    return tag(
        "nav",
        tag("p", labels("web_languages"), id="languages"),
        tag("ul", join(items)),
        aria_labelledby="languages",
        class_="languages",
    )
