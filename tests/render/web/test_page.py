"""The web page's HTML: structure, language, the outline's content, charts, references, and
nothing loaded (pages of the web fixture, tests/roots/web)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.plan import blocks as b
from leafdeck.publish.addresses import online_address
from leafdeck.publish.pipeline import BuildRequest, build
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_clinic
from leafdeck.read.sources import load_kb
from leafdeck.render.web import chart
from leafdeck.render.web.html import inline
from leafdeck.render.web.page import direction
from tests.conftest import LAYOUTS, REPO, ROOTS
from tests.render.web.conftest import WEB_KB
from tests.render.web.dom import Document, Element, parse

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


def words(text: str) -> str:
    """Text with its whitespace runs made single spaces, for comparing what a reader sees."""
    return " ".join(text.split())


def plain(text: str) -> str:
    """Knowledge-base text as the page shows it (``**bold**`` without its stars)."""
    return words(parse(f"<p>{inline(text)}</p>").root.text)


def paragraphs(outline: b.Outline) -> list[b.Paragraph]:
    """Every paragraph of the outline, in reading order."""
    found: list[b.Paragraph] = []

    def walk(value: object) -> None:
        if isinstance(value, b.Paragraph):
            found.append(value)
        elif isinstance(value, b.Block):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple):
            for child in value:
                walk(child)

    for section in outline.sections:
        walk(section.blocks)
    return found


def blocks_of(outline: b.Outline, kind: type[b.Block]) -> list[b.Block]:
    return [block for section in outline.sections for block in section.blocks if isinstance(block, kind)]


def test_contents_lists_every_titled_section_in_the_outlines_order(
    documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    for key, doc in documents.items():
        nav = doc.html.find("nav", class_="contents")
        assert nav is not None, key
        listed = [a.attrs["href"][1:] for a in nav.iter("a")]
        titled = [s.attrs["id"] for s in _main(doc).iter("section") if s.find("h2") is not None]
        assert listed == titled, key
        names = [s.name.replace("_", "-") for s in planned[key].sections if s.title]
        assert [i for i in listed if i != "downloads"] == names, key
    assert {"key-points", "option-grid", "values", "references", "about", "contact"} <= {
        a.attrs["href"][1:] for a in documents[EN_PATIENT].html.iter("a") if a.attrs["href"].startswith("#")
    }


def test_key_points_come_before_the_contents_list(documents: dict[str, Document]) -> None:
    """Issue 19 §7: the key points (and the decision box) are read before a long contents list."""
    for key, doc in documents.items():
        order = [e.attrs.get("id") or e.attrs.get("class") for e in _main(doc).iter() if e.tag in ("nav", "section")]
        if "key-points" in order:
            assert order.index("key-points") < order.index("contents"), key


def test_every_paragraph_of_the_outline_is_on_the_page(
    documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    for key, doc in documents.items():
        text = words(_main(doc).text)
        missing = [p.text for p in paragraphs(planned[key]) if plain(p.text) not in text]
        assert missing == [], key


def test_clinician_only_items_stay_off_the_patient_page(documents: dict[str, Document]) -> None:
    only = "Clinicians only read this sentence about venography."
    assert only not in words(documents[EN_PATIENT].html.text)
    assert only in words(documents["riverside/en/clinician"].html.text)


def test_references_are_the_outlines_numbered_list(
    documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    outline, doc = planned[EN_PATIENT], documents[EN_PATIENT]
    (refs,) = blocks_of(outline, b.References)
    assert isinstance(refs, b.References)
    items = [li for ol in doc.html.iter("ol") if "references" in ol.classes for li in ol.iter("li")]
    assert [li.attrs["id"] for li in items] == [f"ref-{n}" for n in range(1, len(outline.references) + 1)]
    for li, entry in zip(items, refs.entries, strict=True):
        assert entry.text in words(li.text)
        if entry.link:
            assert li.find("a", href=entry.link) is not None
    assert "12345" not in words(doc.html.text)  # an unverified PMID is never printed
    cited: set[int] = set()
    for mark in _main(doc).iter("span"):
        if "cite" in mark.classes:
            for start, end in re.findall(r"(\d+)(?:\u2013(\d+))?", mark.text):
                cited.update(range(int(start), int(end or start) + 1))
    assert cited == set(range(1, len(outline.references) + 1))
    for link in _main(doc).iter("a"):
        if link.attrs["href"].startswith("#ref-"):
            assert link.attrs["aria-label"].startswith("Reference ")


def test_charts_have_a_title_a_description_and_a_table_of_their_numbers(
    documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    labels = load_labels(REPO / "sources", "en")
    expected = blocks_of(planned[EN_PATIENT], b.Chart)
    section = documents[EN_PATIENT].html.by_id("charts")
    assert section is not None
    figures = list(section.iter("figure"))
    assert len(figures) == len(expected) == 1
    for figure, block in zip(figures, expected, strict=True):
        assert isinstance(block, b.Chart)
        bars = chart.bars(block, labels)
        svg = figure.find("svg")
        assert svg is not None
        assert svg.attrs["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None
        assert desc is not None
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        assert title.text == block.heading
        assert all(bar.label in desc.text and bar.text in desc.text for bar in bars)
        assert len(list(svg.iter("rect"))) == len(bars)
        table = figure.find("table")
        assert table is not None
        rows = [[cell.text for cell in tr.iter("th", "td")] for tr in table.iter("tr")]
        assert rows[0] == ["Group", "People", "Result"]
        assert rows[1:] == [[bar.arm.label, str(bar.arm.n), bar.text] for bar in bars]
        assert [th.attrs.get("scope") for th in table.iter("th")] == ["col"] * 3 + ["row"] * len(bars)


def test_bars_are_drawn_to_one_scale(documents: dict[str, Document]) -> None:
    section = documents[EN_PATIENT].html.by_id("charts")
    assert section is not None
    for figure in section.iter("figure"):
        widths = [float(r.attrs["width"].rstrip("%")) for r in figure.iter("rect")]
        assert max(widths) == 100
        texts = [t.text for t in figure.iter("text") if "value" in t.classes]
        values = [float(re.findall(r"\d+(?:\.\d+)?", t)[0]) for t in texts]
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
            assert link.attrs["rel"] in ("canonical", "alternate", "icon"), key
            assert link.attrs["rel"] != "icon" or link.attrs["href"].startswith("data:"), key
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


def test_the_page_knows_its_own_address(documents: dict[str, Document]) -> None:
    doc = documents[EN_PATIENT]
    canonical = doc.html.find("link", rel="canonical")
    assert canonical is not None
    assert canonical.attrs["href"] == "https://riverside-ms.example.org/leaflets/tiny-web/en/patient/"
    contact = doc.html.by_id("contact")
    assert contact is not None
    assert contact.find("a", href=canonical.attrs["href"]) is not None
    kb, _ = load_kb(WEB_KB)
    assert canonical.attrs["href"] == online_address(load_clinic(LAYOUTS, "riverside"), kb, "patient")


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
    assert "Imprimer ou télécharger" in text
    assert "[fr] Trials found" in text


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
