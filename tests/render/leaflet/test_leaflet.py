"""The built leaflets, read back: content, type sizes, metadata, fonts, determinism, imposition."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from leafdeck.model import Faq, GridCell, KnowledgeBase, Statement, Step, Term
from leafdeck.plan.variants import select
from leafdeck.publish.pipeline import build
from leafdeck.read.sources import load_kb
from leafdeck.render.leaflet.markup import plain
from tests.conftest import LAYOUTS, ROOTS, require_tool
from tests.render.leaflet.conftest import LEAFLET_KB, request_for
from tests.render.leaflet.pdftext import booklet_page_texts, font_sizes, page_texts, words

DECISION_AIDS = ["decision-aid-a4", "decision-aid-letter", "booklet-a5"]
ALL_PDFS = [
    "leaflet-a4",
    "leaflet-letter",
    "leaflet-large-print-a4",
    "option-grid-a4",
    "option-grid-letter",
    *DECISION_AIDS,
    "trifold-letter",
    "trifold-a4",
]


@pytest.fixture(scope="module")
def leaflet_kb() -> KnowledgeBase:
    kb, _ = load_kb(LEAFLET_KB)
    return kb


def visible_texts(kb: KnowledgeBase) -> Iterator[str]:
    """Every piece of running text a reader of the decision aid must find (grid cells are read
    back cell by cell in test_grid)."""
    for value in _walk(kb):
        if isinstance(value, Statement) and not isinstance(value, GridCell):
            yield value.text
        elif isinstance(value, Step):
            yield from (value.title, value.text)
        elif isinstance(value, Faq):
            yield value.question
        elif isinstance(value, Term):
            yield from (value.term, value.definition)


def _without_footers(pages: list[str]) -> list[str]:
    """Page texts minus the footer, so a sentence that runs over a page break reads on."""
    footer = re.compile(r"(\S[^\n]* · )?Version \S+\s*Page \d+ of \d+|Page \d+ of \d+")
    return [footer.sub(" ", text) for text in pages]


def _walk(value: object) -> Iterator[object]:
    yield value
    if isinstance(value, tuple):
        for child in value:
            yield from _walk(child)
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))


@pytest.mark.parametrize("name", DECISION_AIDS)
def test_every_patient_item_is_in_the_decision_aid(
    fixture_pdfs: dict[str, Path], leaflet_kb: KnowledgeBase, name: str
) -> None:
    read = booklet_page_texts if name.startswith("booklet") else page_texts
    text = words(" ".join(_without_footers(read(fixture_pdfs[name]))))
    missing = [t for t in visible_texts(select(leaflet_kb, "patient")) if words(plain(t)) not in text]
    assert missing == []


@pytest.mark.parametrize("name", ["leaflet-a4", "decision-aid-a4"])
def test_clinician_only_items_stay_out_of_patient_leaflets(
    fixture_pdfs: dict[str, Path], leaflet_kb: KnowledgeBase, name: str
) -> None:
    patient = set(visible_texts(select(leaflet_kb, "patient")))
    clinician_only = [t for t in visible_texts(select(leaflet_kb, "clinician")) if t not in patient and len(t) > 40]
    text = words(" ".join(page_texts(fixture_pdfs[name])))
    assert clinician_only, "the fixture should have clinician-only text"
    assert [t for t in clinician_only if words(plain(t)) in text] == []


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("leaflet-a4", 12),
        ("leaflet-letter", 12),
        ("leaflet-large-print-a4", 16),
        ("option-grid-a4", 11),
        ("option-grid-letter", 11),
        ("decision-aid-a4", 12),
        ("booklet-a5", 12),
        ("trifold-letter", 12),
    ],
)
def test_no_text_below_the_layouts_minimum(fixture_pdfs: dict[str, Path], name: str, minimum: float) -> None:
    assert min(font_sizes(fixture_pdfs[name])) >= minimum


def test_large_print_body_is_18pt(fixture_pdfs: dict[str, Path]) -> None:
    assert 18.0 in font_sizes(fixture_pdfs["leaflet-large-print-a4"])


@pytest.mark.parametrize("name", ["leaflet-a4", "option-grid-a4", "decision-aid-a4"])
def test_every_page_has_a_footer_with_title_version_and_page_x_of_y(
    fixture_pdfs: dict[str, Path], leaflet_kb: KnowledgeBase, name: str
) -> None:
    pages = page_texts(fixture_pdfs[name])
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Version {leaflet_kb.governance.version}" in text
        assert leaflet_kb.document.title in words(text)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_metadata(fixture_pdfs: dict[str, Path], leaflet_kb: KnowledgeBase, name: str) -> None:
    reader = PdfReader(fixture_pdfs[name])
    meta = reader.metadata
    assert meta is not None
    imposed = name.startswith(("booklet", "trifold"))  # for print only: says so (test_tagged)
    assert meta.title == (f"{leaflet_kb.document.title} (for printing)" if imposed else leaflet_kb.document.title)
    assert meta.author == leaflet_kb.governance.publisher.name
    assert (meta.subject != leaflet_kb.document.decision) == imposed
    assert leaflet_kb.document.keywords[0] in str(meta.get("/Keywords"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == leaflet_kb.document.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("leaflet-a4", {"A fixture procedure", "Key points", "Sources", "About this leaflet"}),
        ("decision-aid-a4", {"Key points", "Your options", "Questions to ask", "References", "About this leaflet"}),
    ],
)
def test_bookmarks_follow_the_headings(fixture_pdfs: dict[str, Path], name: str, expected: set[str]) -> None:
    titles = [item.title for item in PdfReader(fixture_pdfs[name]).outline if not isinstance(item, list)]
    assert titles[0] == "A fixture procedure"
    assert expected <= set(titles)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_all_fonts_embedded_and_no_base14(fixture_pdfs: dict[str, Path], name: str) -> None:
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run(
        [pdffonts, str(fixture_pdfs[name])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert "TrueType" in line, line
        assert " yes yes yes " in line, line


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    request = request_for(LEAFLET_KB, tmp_path)
    first = {p.name: p.read_bytes() for p in build(request).written}
    second = {p.name: p.read_bytes() for p in build(replace(request, force=True)).written}
    assert len(first) == len(ALL_PDFS)
    assert first == second


HOSTILE = [
    ("AT&T and R&D", "AT&T and R&D"),
    ("x<y and y>z", "x<y and y>z"),
    ('<font color="red">red</font>', '<font color="red">red</font>'),
    ('<img src="/etc/passwd"/>', '<img src="/etc/passwd"/>'),
    ('<a href="javascript:alert(1)">click</a>', '<a href="javascript:alert(1)">click</a>'),
]


@pytest.mark.parametrize(("typed", "printed"), HOSTILE)
def test_markup_typed_into_the_knowledge_base_prints_literally(tmp_path: Path, typed: str, printed: str) -> None:
    source = LEAFLET_KB.read_text()
    kb = tmp_path / "kb.yaml"
    kb.write_text(source.replace("text: Serious harms have been reported after it.", f"text: '{typed}'"))
    request = request_for(kb, tmp_path, only=("leaflet-a4",))
    leaflet = next(p for p in build(request).written if p.stem == "leaflet-a4")
    assert printed in words(" ".join(page_texts(leaflet)))


def test_booklet_is_imposed_two_up_in_booklet_order(fixture_pdfs: dict[str, Path]) -> None:
    reader = PdfReader(fixture_pdfs["booklet-a5"])
    sheets = len(reader.pages)
    assert sheets % 2 == 0
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    pages = booklet_page_texts(fixture_pdfs["booklet-a5"])
    assert len(pages) == sheets * 2
    numbers = [int(m.group(1)) if (m := re.search(r"Page (\d+) of", text)) else None for text in pages]
    printed = [n for n in numbers if n is not None]
    assert printed == list(range(1, len(printed) + 1)), "pages must read in order"
    blanks = [i for i, n in enumerate(numbers) if n is None]
    assert blanks == list(range(len(printed) - 1, len(pages) - 1)), "padding goes just before the back page"


@pytest.mark.parametrize("name", ["trifold-letter", "trifold-a4"])
def test_trifold_is_one_landscape_sheet(fixture_pdfs: dict[str, Path], name: str) -> None:
    reader = PdfReader(fixture_pdfs[name])
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


@pytest.mark.parametrize("name", ["leaflet-a4", "leaflet-large-print-a4", "option-grid-a4"])
def test_qr_code_target_is_printed_beside_it(fixture_pdfs: dict[str, Path], name: str) -> None:
    text = words(" ".join(page_texts(fixture_pdfs[name])))
    assert "example.org/leafdeck/fixture/en/patient" in text


def test_bleed_adds_trim_and_bleed_boxes(tmp_path: Path) -> None:
    import shutil

    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, layouts)
    (layouts / "decision-aid-a4.yaml").write_text(
        "extends: leaflet-base.yaml\npage:\n  size: A4\n  bleed: 3mm\n  margins: {top: 18mm, bottom: 22mm, left: 24mm, right: 24mm}\n"
    )
    request = replace(request_for(ROOTS / "minimal" / "kb.yaml", tmp_path, only=("decision-aid-a4",)), layouts=layouts)
    leaflet = next(p for p in build(request).written if p.stem == "decision-aid-a4")
    page = PdfReader(leaflet).pages[0]
    bleed = 3 * 72 / 25.4
    assert float(page.mediabox.width) == pytest.approx(595.28 + 2 * bleed, abs=0.05)
    assert [round(float(v), 1) for v in page.trimbox] == [
        round(bleed, 1),
        round(bleed, 1),
        round(595.2756 + bleed, 1),
        round(841.8898 + bleed, 1),
    ]
    assert [round(float(v), 1) for v in page.bleedbox] == [
        0.0,
        0.0,
        round(595.2756 + 2 * bleed, 1),
        round(841.8898 + 2 * bleed, 1),
    ]
