"""Passages in another language and links in the tagged leaflets (issue 22, point 2): the
bundled knowledge base in French marks its English reference titles, the English words of its
title and the default clinic's English details as Span elements with ``/Lang en``; a link's
words are inside its Link element with its annotation; the web page says the same passages'
language with ``lang``. Read back from the structure tree (pypdf, ``checks.structure``)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import page
import pytest
from pypdf import PdfReader

from leafdeck.checks.structure import Element, describe, read
from leafdeck.publish.pipeline import build
from tests.conftest import BUNDLED_KB
from tests.render.leaflet.conftest import request_for
from tests.render.leaflet.structure import squeezed

PRODUCTS = ("leaflet-a4", "decision-aid-a4")
ZAMBONI = "Chronic cerebrospinal venous insufficiency in patients with multiple sclerosis."
"""The English title of a reference the decision aid lists in full (bundled knowledge base)."""


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The short leaflet, the decision aid and the web page in French, by product."""
    tmp = tmp_path_factory.mktemp("french")
    request = request_for(BUNDLED_KB, tmp, languages=("fr",), only=(*PRODUCTS, "web"))
    report = build(dataclasses.replace(request, formats=("pdf", "html")))
    found = {path.stem: path for path in report.written if path.suffix == ".pdf"}
    return {**found, "web": next(path for path in report.written if path.name == "index.html")}


def _spans(elements: list[Element]) -> list[Element]:
    return [e for e in elements if e.role == "Span"]


def test_an_english_reference_title_in_the_french_decision_aid_says_it_is_english(french: dict[str, Path]) -> None:
    elements = read(french["decision-aid-a4"]).elements
    title = squeezed(ZAMBONI)
    entry = next(i for i, e in enumerate(elements) if e.role == "P" and title in squeezed(e.within))
    span = elements[entry + 1]
    assert (span.role, span.lang, span.depth) == ("Span", "en", elements[entry].depth + 1)
    assert title in squeezed(span.text)
    assert elements[entry].lang is None  # the entry is in French; only its English words are marked
    assert title not in squeezed(elements[entry].text)


def test_every_full_reference_entry_marks_its_english_words(french: dict[str, Path]) -> None:
    """Each numbered entry (a paragraph "1. …") holds one English Span, and what is left in
    the paragraph itself is French or language-free (numbers, "Daté du …", identifiers)."""
    elements = read(french["decision-aid-a4"]).elements
    entries = [i for i, e in enumerate(elements) if e.role == "P" and re.match(r"\d+\. ", e.text)]
    assert len(entries) > 5
    for i in entries:
        depth = elements[i].depth
        after = elements[i + 1 :]
        inside = after[: next((n for n, e in enumerate(after) if e.depth <= depth), len(after))]
        assert [e.lang for e in inside if e.role == "Span"] == ["en"], elements[i].within


def test_the_french_title_and_the_default_clinic_mark_their_english_words(french: dict[str, Path]) -> None:
    elements = read(french["leaflet-a4"]).elements
    title = next(e for e in elements if e.role == "H1")
    assert "liberation procedure" in title.within
    assert "liberation procedure" not in title.text
    spans = {squeezed(e.text): e.lang for e in _spans(elements)}
    assert spans[squeezed("liberation procedure")] == "en"
    assert spans[squeezed("Your MS clinic")] == "en"  # layouts/clinics/default.yaml: language: en
    assert set(spans.values()) == {"en"}


def test_a_links_words_are_inside_its_link_element_with_its_annotation(french: dict[str, Path]) -> None:
    for product in PRODUCTS:
        path = french[product]
        reader = PdfReader(path)
        annotations = {
            int(a.get_object()["/StructParent"]): str(a.get_object()["/Contents"])
            for p in reader.pages
            for a in p.get("/Annots", [])
        }
        tagged = read(path)
        links = [e for e in tagged.elements if e.role == "Link"]
        assert links, product
        for link in links:
            # the words shown ("doi:10.1136/…") end as the address described ("doi.org/10.1136/…")
            path = squeezed(link.alt or "").rstrip("/").split("/", 1)[-1]
            assert path, f"{product}: a link without its description"
            assert path in squeezed(link.text), f"{product}: {link.text!r} is not the link to {link.alt}"
        owners = [v.get_object() for k, v in tagged.parent_tree.items() if k in annotations]
        assert owners
        assert all(o["/S"] == "/Link" for o in owners)


def test_the_french_products_with_passages_still_pass_page_validation(french: dict[str, Path]) -> None:
    for product in PRODUCTS:
        assert [f.rule_id for f in page.validate_pdf(french[product], profile="ua1").failures] == [], product


def test_the_screen_reader_dump_says_a_passages_language(french: dict[str, Path]) -> None:
    dump = describe(french["leaflet-a4"]).splitlines()
    assert "Span [lang: en] “liberation procedure”" in [line.strip() for line in dump]


def test_the_web_page_says_the_same_passages_language(french: dict[str, Path]) -> None:
    html = (french["web"]).read_text(encoding="utf-8")
    assert '<span lang="en">liberation procedure</span>' in html
    assert re.search(r'<span lang="en">[^<]*' + re.escape(ZAMBONI), html)
    assert '<span lang="en">Your MS clinic</span>' in html
    assert "{lang=" not in html
    title = re.search(r"<title>([^<]*)</title>", html)
    assert title
    assert "(liberation procedure)" in title[1]


def test_no_passage_is_marked_in_the_english_leaflet(fixture_pdfs: dict[str, Path]) -> None:
    """The knowledge base's own language is never marked: references without ``language:``
    are written in it."""
    elements = read(fixture_pdfs["decision-aid-a4"]).elements
    assert [e for e in elements if e.lang] == []
    links = [e for e in elements if e.role == "Link"]
    assert links
    assert all(e.text.strip() for e in links)


def test_the_spanish_decision_aid_marks_its_english_words_and_passes_page_validation(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tmp = tmp_path_factory.mktemp("spanish")
    report = build(request_for(BUNDLED_KB, tmp, languages=("es",), only=("decision-aid-a4",)))
    path = next(p for p in report.written if p.name == "decision-aid-a4.pdf")
    spans = {squeezed(e.text): e.lang for e in _spans(read(path).elements)}
    assert spans[squeezed("liberation procedure")] == "en"  # the subtitle's «liberation procedure»
    assert any(squeezed(ZAMBONI) in text for text in spans)
    assert set(spans.values()) == {"en"}
    assert [f.rule_id for f in page.validate_pdf(path, profile="ua1").failures] == []


def test_bookmarks_and_metadata_keep_only_a_passages_words(french: dict[str, Path]) -> None:
    """Where no language can be said (bookmarks, document information, XMP), the words are
    printed without their mark."""
    reader = PdfReader(french["leaflet-a4"])
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    info = reader.metadata or {}
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    said = [*outline, *(str(v) for v in info.values()), xmp]
    assert "(liberation procedure)" in outline[0]
    assert not [text for text in said if "{lang=" in text or "]{" in text]
