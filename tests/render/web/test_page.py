"""The web page's HTML: structure, language, content, charts, references, and nothing loaded."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.build.pipeline import BuildRequest, build, online_address
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import cited_ids, select
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_clinic
from leafdeck.render.leaflet.chart import panels
from leafdeck.render.leaflet.markup import plain
from leafdeck.render.web import chart
from leafdeck.render.web.page import direction
from tests.conftest import LAYOUTS, REPO, ROOTS
from tests.render.leaflet.pdftext import words
from tests.render.leaflet.test_leaflet import visible_texts
from tests.render.web.dom import Document, Element

EN_PATIENT = "riverside/en/patient"


def _main(doc: Document) -> Element:
    main = doc.html.find("main")
    assert main is not None
    return main


def test_a_page_for_every_variant(pages: dict[str, Path]) -> None:
    for clinic in ("default", "riverside", "santa-maria"):
        assert {k for k in pages if k.startswith(clinic)} == {
            f"{clinic}/{variant}"
            for variant in (
                "en/patient",
                "en/advocacy",
                "en/clinician",
                "fr/patient",
                "fr/advocacy",
                "es/patient",
                "es/advocacy",
            )
        }
    assert all(path.name == "index.html" for path in pages.values())


def test_doctype_lang_and_dir(documents: dict[str, Document]) -> None:
    for key, doc in documents.items():
        assert doc.declarations == ["DOCTYPE html"]
        assert doc.html.attrs["lang"] == key.split("/")[1]
        assert doc.html.attrs["dir"] == "ltr"


@pytest.mark.parametrize(("language", "expected"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"), ("he", "rtl")])
def test_direction_follows_the_script(language: str, expected: str) -> None:
    assert direction(language) == expected


def test_one_h1_and_headings_never_skip_a_level(documents: dict[str, Document]) -> None:
    for key, doc in documents.items():
        levels = [int(h.tag[1]) for h in doc.html.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1, key
        assert levels[0] == 1, key
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert jumps == [], key


def test_skip_link_comes_first_and_its_target_is_main(documents: dict[str, Document]) -> None:
    for doc in documents.values():
        body = doc.html.find("body")
        assert body is not None
        first = next(e for e in body.iter() if e.tag in ("a", "button", "input", "select", "textarea"))
        assert first.classes == {"skip"}
        assert first.attrs["href"] == "#main"
        assert _main(doc).attrs["id"] == "main"


def test_landmarks_and_unique_ids(documents: dict[str, Document]) -> None:
    for key, doc in documents.items():
        assert [e.tag for e in doc.html.iter("header", "main", "footer")] == ["header", "main", "footer"]
        ids = [e.attrs["id"] for e in doc.html.iter() if "id" in e.attrs]
        assert len(ids) == len(set(ids)), key
        targets = {link.attrs["href"][1:] for link in doc.html.iter("a") if link.attrs["href"].startswith("#")}
        assert targets <= set(ids), key


def test_contents_lists_every_section(documents: dict[str, Document]) -> None:
    doc = documents[EN_PATIENT]
    nav = doc.html.find("nav")
    assert nav is not None
    listed = [a.attrs["href"][1:] for a in nav.iter("a")]
    sections = [s.attrs["id"] for s in _main(doc).iter("section")]
    assert listed == sections
    assert {"key-points", "evidence", "options", "questions", "references", "about", "contact"} <= set(listed)


def test_every_patient_item_is_on_the_page(documents: dict[str, Document], bundled_kb: KnowledgeBase) -> None:
    text = words(_main(documents[EN_PATIENT]).text)
    missing = [t for t in visible_texts(select(bundled_kb, "patient")) if words(plain(t)) not in text]
    assert missing == []


def test_clinician_only_items_stay_off_the_patient_page(
    documents: dict[str, Document], bundled_kb: KnowledgeBase
) -> None:
    patient = set(visible_texts(select(bundled_kb, "patient")))
    clinician_only = [t for t in visible_texts(select(bundled_kb, "clinician")) if t not in patient and len(t) > 40]
    assert clinician_only, "the fixture should have clinician-only text"
    text = words(documents[EN_PATIENT].html.text)
    assert [t for t in clinician_only if words(plain(t)) in text] == []
    clinician_page = words(documents["riverside/en/clinician"].html.text)
    assert [t for t in clinician_only if words(plain(t)) not in clinician_page] == []


def test_references_are_numbered_as_in_the_leaflet(documents: dict[str, Document], bundled_kb: KnowledgeBase) -> None:
    kb = select(bundled_kb, "patient")
    doc = documents[EN_PATIENT]
    items = [li for ol in doc.html.iter("ol") if "references" in ol.classes for li in ol.iter("li")]
    order = cited_ids(kb)  # the leaflet's numbering: order of first citation in the knowledge base
    assert [li.attrs["id"] for li in items] == [f"ref-{n}" for n in range(1, len(order) + 1)]
    for li, ref_id in zip(items, order, strict=True):
        ref = kb.reference(ref_id)
        assert words(ref.title) in words(li.text)
        if ref.doi:
            assert li.find("a", href=f"https://doi.org/{ref.doi}") is not None
    cited: set[int] = set()
    for mark in _main(doc).iter("span"):
        if "cite" in mark.classes:
            for start, end in re.findall(r"(\d+)(?:\u2013(\d+))?", mark.text):
                cited.update(range(int(start), int(end or start) + 1))
    assert cited == set(range(1, len(order) + 1))


def test_charts_have_a_title_a_description_and_a_table_of_their_numbers(
    documents: dict[str, Document], bundled_kb: KnowledgeBase
) -> None:
    labels = load_labels(REPO / "sources", "en")
    expected = panels(select(bundled_kb, "patient").studies, labels)
    figures = list(_main(documents[EN_PATIENT]).iter("figure"))
    assert len(figures) == len(expected) == 3
    for figure, panel in zip(figures, expected, strict=True):
        svg = figure.find("svg")
        assert svg is not None
        assert svg.attrs["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None
        assert desc is not None
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        assert title.text == panel.heading
        assert all(bar.label in desc.text and bar.text in desc.text for bar in panel.bars)
        assert len(list(svg.iter("rect"))) == len(panel.bars)
        table = figure.find("table")
        assert table is not None
        rows = [[cell.text for cell in tr.iter("th", "td")] for tr in table.iter("tr")]
        assert rows[0] == ["Group", "People", "Result"]
        assert rows[1:] == [
            [arm.label, str(arm.n), bar.text] for arm, bar in zip(chart.arms(panel), panel.bars, strict=True)
        ]
        assert [th.attrs.get("scope") for th in table.iter("th")] == ["col"] * 3 + ["row"] * len(panel.bars)


def test_bars_are_drawn_to_one_scale(documents: dict[str, Document]) -> None:
    for figure in _main(documents[EN_PATIENT]).iter("figure"):
        widths = [float(r.attrs["width"].rstrip("%")) for r in figure.iter("rect")]
        assert max(widths) == 100
        texts = [t.text for t in figure.iter("text") if "value" in t.classes]
        values = [float(re.findall(r"\d+(?:\.\d+)?", t)[-2 if " in 100" in t else 0]) for t in texts]
        for width, value in zip(widths, values, strict=True):
            assert width == pytest.approx(value / max(values) * 100, abs=1.5)


def test_nothing_is_loaded_from_anywhere(pages: dict[str, Path], documents: dict[str, Document]) -> None:
    for key, doc in documents.items():
        assert doc.html.find("script") is None, key
        assert doc.html.find("iframe") is None, key
        for element in doc.html.iter():
            for attr in ("src", "srcset", "poster", "data", "action", "xlink:href"):
                assert attr not in element.attrs or element.attrs[attr].startswith("data:"), (key, element.tag)
        for link in doc.html.iter("link"):
            assert link.attrs["rel"] in ("canonical", "icon"), key
            assert link.attrs["rel"] == "canonical" or link.attrs["href"].startswith("data:"), key
        style = "".join(s.text for s in doc.html.iter("style")).lower()
        assert "url(" not in style, key
        assert "@import" not in style, key
        for element in doc.html.iter():
            assert "style" not in element.attrs, (key, element.tag)
            assert not any(name.startswith("on") for name in element.attrs), (key, element.tag)


def test_logo_is_inlined_with_its_alt_text(documents: dict[str, Document]) -> None:
    logo = documents["santa-maria/es/patient"].html.find("img")
    assert logo is not None
    assert logo.attrs["src"].startswith("data:image/png;base64,")
    assert logo.attrs["alt"] == "Logotipo de la Clínica Santa María de los Ángeles"
    assert documents["default/en/patient"].html.find("img") is None


def test_clinic_brand_and_contact(documents: dict[str, Document], pages: dict[str, Path]) -> None:
    doc = documents[EN_PATIENT]
    style = "".join(s.text for s in doc.html.iter("style"))
    assert "--primary:#00695C;" in style
    assert "--accent:#00897B;" in style
    contact = doc.html.by_id("contact")
    assert contact is not None
    assert contact.find("a", href="tel:01632960123") is not None
    assert contact.find("a", href="mailto:ms.nurses@riverside.example.org") is not None
    santa = documents["santa-maria/es/patient"].html.by_id("contact")
    assert santa is not None
    assert "+34 910 000 000 (ext. 4521)" in santa.text
    dial = santa.find("a", href="tel:+34910000000")  # the extension stays text beside the number
    assert dial is not None
    assert dial.text == "+34 910 000 000"
    default = documents["default/en/patient"].html.by_id("contact")
    assert default is not None
    assert not any(a.attrs["href"].startswith("tel:") for a in default.iter("a"))  # "Ask at reception ..."


def test_the_page_knows_its_own_address(documents: dict[str, Document], bundled_kb: KnowledgeBase) -> None:
    doc = documents[EN_PATIENT]
    canonical = doc.html.find("link", rel="canonical")
    assert canonical is not None
    assert canonical.attrs["href"] == "https://riverside-ms.example.org/leaflets/liberation-procedure/en/patient/"
    contact = doc.html.by_id("contact")
    assert contact is not None
    assert contact.find("a", href=canonical.attrs["href"]) is not None
    assert canonical.attrs["href"] == online_address(load_clinic(LAYOUTS, "riverside"), bundled_kb, "patient")


def test_an_unchecked_translation_says_so_before_anything_else(documents: dict[str, Document]) -> None:
    labels = load_labels(REPO / "sources", "fr")
    main = _main(documents["riverside/fr/patient"])
    first = next(e for e in main.children if isinstance(e, Element))
    assert first.attrs.get("role") == "note"
    assert first.text == labels("translation_unchecked")
    english = _main(documents[EN_PATIENT])
    assert english.find(role="note") is None


def test_french_page_uses_french_words_and_numbers(documents: dict[str, Document]) -> None:
    doc = documents["riverside/fr/patient"]
    text = doc.html.text
    assert "Aller au contenu principal" in text
    assert "Sur cette page" in text
    assert "+1,4 points" in text


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    request = BuildRequest(
        ROOTS / "minimal" / "kb.yaml",
        LAYOUTS,
        tmp_path / "a",
        tmp_path / "b",
        clinics=("riverside",),
        formats=("html",),
    )
    first = {p: p.read_bytes() for p in build(request).written}
    second = {p: p.read_bytes() for p in build(replace(request, force=True)).written}
    assert len(first) == 3
    assert first == second
