"""What a screen-reader user's trial of the tagged leaflets found (issue 22, brief pdfuafix),
read back from the PDFs: bookmarks go to their heading's page and place, the clinic's words
and logo are said in the clinic's language and in the order they are drawn, the publisher's
name in the knowledge base's language, phone numbers in none, the decision box's title is a
heading. Built once from the bundled knowledge base for the santa-maria clinic (Spanish
details, a logo right of its name) in English, French and Spanish."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from leafdeck.checks.structure import Element, read
from leafdeck.publish.pipeline import build
from leafdeck.read.labels import load_labels
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import apply, load_translation
from tests.conftest import BUNDLED_KB, REPO, ROOTS
from tests.render.leaflet.conftest import request_for
from tests.render.leaflet.structure import squeezed

PRODUCTS = ("leaflet-a4", "leaflet-large-print-a4", "option-grid-a4")
LANGUAGES = ("en", "fr", "es")
CLINIC = "santa-maria"
LOGO_ALT = "Logotipo de la Clínica Santa María de los Ángeles"
"""The clinic's own alternative text for its logo, in Spanish (layouts/clinics/santa-maria.yaml)."""
PHONE = "+34 910 000 000"
CLINIC_NAME = "SantaMaríadelosÁngeles"
"""Words of the clinic's name, without spaces (``squeezed``): a line may break between them."""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every (language, product) of ``PRODUCTS`` in ``LANGUAGES`` for the santa-maria clinic."""
    tmp = tmp_path_factory.mktemp("trial")
    request = request_for(BUNDLED_KB, tmp, languages=LANGUAGES, only=PRODUCTS, clinics=(CLINIC,))
    written = build(request).written
    return {(path.parent.parent.name, path.stem): path for path in written}


CASES = [(lang, product) for lang in LANGUAGES for product in PRODUCTS]
IDS = [f"{lang}-{product}" for lang, product in CASES]


def _outline(reader: PdfReader) -> list[Destination]:
    found: list[Destination] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                assert isinstance(item, Destination)
                found.append(item)

    walk(reader.outline)
    return found


def _text_below(path: Path, page: int, left: float, top: float, size: tuple[float, float]) -> str:
    """The text of page ``page`` (1-based) from ``top`` (pt from the foot, PDF space) down and
    from ``left`` (pt) across, as pdftotext (poppler) reads it."""
    width, height = size
    crop = ["-x", str(int(left)), "-y", str(int(height - top)), "-W", str(int(width - left)), "-H", str(int(top))]
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-r", "72", *crop, str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_every_bookmark_goes_to_its_headings_page_and_place(
    lang: str, product: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """Each outline entry's destination is the page where its heading is printed, at the
    heading's top: the page's text from there down starts with the heading's words."""
    path = pdfs[lang, product]
    reader = PdfReader(path)
    entries = _outline(reader)
    assert len(entries) >= 2
    pages = set()
    for entry in entries:
        page = reader.get_destination_page_number(entry) + 1
        pages.add(page)
        assert entry.typ == "/XYZ"
        box = reader.pages[page - 1].mediabox
        below = _text_below(path, page, float(entry.left), float(entry.top), (float(box.width), float(box.height)))
        assert squeezed(below).startswith(squeezed(entry.title)), (entry.title, page, below[:80])
    if len(reader.pages) > 2:
        assert len(pages) > 1, "every bookmark on one page"


def test_sources_and_about_bookmarks_in_french_large_print_are_on_their_late_pages(
    pdfs: dict[tuple[str, str], Path],
) -> None:
    """The tester's case: "Sources" and "À propos…" in the santa-maria French large print."""
    reader = PdfReader(pdfs["fr", "leaflet-large-print-a4"])
    pages = {e.title: reader.get_destination_page_number(e) + 1 for e in _outline(reader)}
    about = next(title for title in pages if title.startswith("À propos"))
    assert pages["Sources"] > 2
    assert pages[about] >= pages["Sources"]
    assert pages[about] == len(reader.pages)


def _logo(elements: list[Element]) -> Element:
    return next(e for e in elements if e.role == "Figure" and e.alt == LOGO_ALT)


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_the_logo_is_described_in_the_clinics_language_after_its_name_and_phone(
    lang: str, product: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """The logo's Figure says its (Spanish) text is Spanish in an English or French file, and
    is read in the order drawn: after the clinic's name and phone when beside them (right of
    them), before them when the band puts it above them (large print: the long name wraps into
    fewer lines across the whole band)."""
    elements = read(pdfs[lang, product]).elements
    logo = _logo(elements)
    assert logo.lang == (None if lang == "es" else "es")
    phone = next(i for i, e in enumerate(elements) if e.role == "P" and PHONE in e.within)
    name = next(i for i, e in enumerate(elements) if e.role in ("P", "Span") and CLINIC_NAME in squeezed(e.within))
    above = product == "leaflet-large-print-a4"
    assert (elements.index(logo) < name < phone) if above else (name < phone < elements.index(logo))


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_a_phone_number_or_email_is_in_no_language(lang: str, product: str, pdfs: dict[tuple[str, str], Path]) -> None:
    """The clinic's Spanish name is a Spanish passage; its phone number (header and contact)
    and e-mail are not wrapped in any language."""
    elements = read(pdfs[lang, product]).elements
    marked = [e for e in elements if e.lang]
    assert not [e.within for e in marked if e.role == "Span" and (PHONE in e.within or "@" in e.within)]
    if lang != "es":
        assert any(CLINIC_NAME in squeezed(e.within) and e.lang == "es" for e in marked)
    assert any(PHONE in e.within for e in elements)


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_the_publishers_name_is_said_in_the_knowledge_bases_language(
    lang: str, product: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """The untranslated publisher's name is an English passage in French and Spanish files (the
    about section, the option grid's footer line) and unmarked in English ones."""
    kb, _ = load_kb(BUNDLED_KB)
    name = kb.governance.publisher.name
    elements = read(pdfs[lang, product]).elements
    spans = [e for e in elements if e.role == "Span" and squeezed(name) in squeezed(e.within)]
    if lang == "en":
        assert not spans
        assert any(squeezed(name) in squeezed(e.within) for e in elements if e.role == "P")
        return
    assert spans, "the publisher's name is not a passage of its own"
    assert {(squeezed(e.within), e.lang) for e in spans} == {(squeezed(name), "en")}


def test_a_translation_keeps_the_publishers_language() -> None:
    """``translations.apply``: a publisher without ``language:`` is in the knowledge base's own
    language (English); one that says its language keeps it."""
    kb, _ = load_kb(BUNDLED_KB)
    translation, _ = load_translation(REPO / "sources" / "liberation-procedure.fr.yaml")
    assert kb.governance.publisher.language is None
    assert apply(kb, translation).governance.publisher.language == "en"
    publisher = kb.governance.publisher.model_copy(update={"language": "de"})
    german = kb.model_copy(update={"governance": kb.governance.model_copy(update={"publisher": publisher})})
    assert apply(german, translation).governance.publisher.language == "de"


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_the_icon_arrays_alt_has_no_capital_after_a_comma(
    lang: str, product: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """The icon arrays' alternative text ends a sentence before the outcome's label (which
    starts with a capital), so it reads "…per group. Improved on…", never "…per group, Improved"."""
    labels = load_labels(REPO / "sources", lang)
    lead = labels("icon_alt", outcome="\0", arms="").split("\0")[0]
    alts = [
        e.alt for e in read(pdfs[lang, product]).elements if e.role == "Figure" and e.alt and e.alt.startswith(lead)
    ]
    if product != "option-grid-a4":
        assert alts, "no icon array"
    for alt in alts:
        assert not re.search(r",\s+[A-ZÀ-Ý]", alt.split(":")[0]), alt
        assert re.match(r".*[.]\s+[A-ZÀ-Ý]", alt.split(":")[0]), alt


@pytest.mark.parametrize(("lang", "product"), CASES, ids=IDS)
def test_the_decision_box_title_is_a_heading_like_key_points(
    lang: str, product: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """ "This leaflet helps you decide:" is a heading at the level of "Key points" (under the
    title's H1), where the cover has a decision box (not the option grid's strip)."""
    labels = load_labels(REPO / "sources", lang)
    elements = read(pdfs[lang, product]).elements
    roles = {squeezed(e.within): e.role for e in elements}
    title = roles.get(squeezed(labels("helps_you_decide")))
    if product == "option-grid-a4":
        assert title is None
        return
    assert title == "H2"
    key_points = roles.get(squeezed(labels("key_points")))
    assert key_points in (None, "H2")


def test_the_fixture_leaflet_bookmarks_follow_its_pages(tmp_path: Path) -> None:
    """The fixture leaflet (two pages or more): no bookmark after the first heading on page 1
    goes to page 1 when its heading is printed later."""
    written = build(request_for(ROOTS / "leaflet" / "kb.yaml", tmp_path, only=("leaflet-large-print-a4",))).written
    reader = PdfReader(written[0])
    pages = [reader.get_destination_page_number(e) + 1 for e in _outline(reader)]
    assert pages == sorted(pages)
    assert pages[-1] > 1


def _uris(path: Path) -> set[str]:
    """The address of every link annotation on every page."""
    found = set()
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("product", ["leaflet-a4", "leaflet-large-print-a4"])
def test_addresses_written_in_prose_are_links(lang: str, product: str, pdfs: dict[tuple[str, str], Path]) -> None:
    """The trial register's address (a Spanish clinic: the EU's) and the clinic's e-mail in the
    contact section are Link elements with their annotations, described by their address."""
    path = pdfs[lang, product]
    expected = {"https://euclinicaltrials.eu": "euclinicaltrials.eu"}
    expected["mailto:em.neurologia@santamaria.example.es"] = "em.neurologia@santamaria.example.es"
    assert set(expected) <= _uris(path)
    links = {e.alt for e in read(path).elements if e.role == "Link"}
    assert set(expected.values()) <= links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_print_breaks_the_online_address_after_a_slash_or_a_dot(
    lang: str, pdfs: dict[tuple[str, str], Path]
) -> None:
    """The clinic's online address, wider than a large-print line, is broken only after a "/",
    "." or "-" (read with pdftotext: every line break inside the address follows one)."""
    address = f"neurologia.santamaria.example.es/folletos/liberation-procedure/{lang}/patient"
    text = subprocess.run(
        ["pdftotext", str(pdfs[lang, "leaflet-large-print-a4"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    joined, breaks = "", set()
    for line in text.splitlines():
        joined += line.strip()
        breaks.add(len(joined))
    starts = [m.start() for m in re.finditer(re.escape(address), joined)]
    assert starts, "the address is not printed"
    inside = [b for s in starts for b in breaks if s < b < s + len(address)]
    assert inside, "the address was not broken: nothing to check"
    assert all(joined[b - 1] in "/.-" for b in inside), [joined[b - 8 : b + 8] for b in inside]
