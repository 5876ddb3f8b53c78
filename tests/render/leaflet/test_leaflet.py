"""The built leaflets, read back: content, type sizes, metadata, fonts, determinism, imposition."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from leafdeck.build.pipeline import BuildRequest, build
from leafdeck.model import Faq, KnowledgeBase, Statement, Step, Term
from leafdeck.plan.variants import select
from leafdeck.render.leaflet.markup import plain
from tests.conftest import LAYOUTS, ROOTS, require_tool
from tests.render.leaflet.pdftext import booklet_page_texts, font_sizes, page_texts, words

FULL_LEAFLETS = ["leaflet-a4", "leaflet-letter", "leaflet-large-print-a4", "booklet-a5"]
ALL_PDFS = [*FULL_LEAFLETS, "trifold-letter", "trifold-a4"]


def visible_texts(kb: KnowledgeBase) -> Iterator[str]:
    """Every piece of text a reader of the full leaflet must find."""
    for value in _walk(kb):
        if isinstance(value, Statement):
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


@pytest.mark.parametrize("name", FULL_LEAFLETS)
def test_every_patient_item_is_in_the_full_leaflets(
    bundled_pdfs: dict[str, Path], bundled_kb: KnowledgeBase, name: str
) -> None:
    read = booklet_page_texts if name.startswith("booklet") else page_texts
    text = words(" ".join(_without_footers(read(bundled_pdfs[name]))))
    missing = [t for t in visible_texts(select(bundled_kb, "patient")) if words(plain(t)) not in text]
    assert missing == []


def test_clinician_only_items_stay_out_of_patient_leaflets(
    bundled_pdfs: dict[str, Path], bundled_kb: KnowledgeBase
) -> None:
    patient = set(visible_texts(select(bundled_kb, "patient")))
    clinician_only = [t for t in visible_texts(select(bundled_kb, "clinician")) if t not in patient and len(t) > 40]
    text = words(" ".join(page_texts(bundled_pdfs["leaflet-a4"])))
    assert clinician_only, "the fixture should have clinician-only text"
    assert [t for t in clinician_only if words(plain(t)) in text] == []


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("leaflet-a4", 12),
        ("leaflet-letter", 12),
        ("booklet-a5", 12),
        ("trifold-letter", 12),
        ("leaflet-large-print-a4", 16),
    ],
)
def test_no_text_below_the_layouts_minimum(bundled_pdfs: dict[str, Path], name: str, minimum: float) -> None:
    assert min(font_sizes(bundled_pdfs[name])) >= minimum


def test_large_print_body_is_18pt(bundled_pdfs: dict[str, Path]) -> None:
    assert 18.0 in font_sizes(bundled_pdfs["leaflet-large-print-a4"])


def test_every_page_has_a_footer_with_title_version_and_page_x_of_y(
    bundled_pdfs: dict[str, Path], bundled_kb: KnowledgeBase
) -> None:
    pages = page_texts(bundled_pdfs["leaflet-a4"])
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Version {bundled_kb.governance.version}" in text
        assert bundled_kb.document.title in words(text)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_metadata(bundled_pdfs: dict[str, Path], bundled_kb: KnowledgeBase, name: str) -> None:
    reader = PdfReader(bundled_pdfs[name])
    meta = reader.metadata
    assert meta is not None
    assert meta.title == bundled_kb.document.title
    assert meta.author == bundled_kb.governance.publisher.name
    assert meta.subject == bundled_kb.document.decision
    assert bundled_kb.document.keywords[0] in str(meta.get("/Keywords"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == bundled_kb.document.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_bookmarks_follow_the_headings(bundled_pdfs: dict[str, Path]) -> None:
    titles = [item.title for item in PdfReader(bundled_pdfs["leaflet-a4"]).outline if not isinstance(item, list)]
    assert titles[0].startswith("The")
    assert {"Your options", "Questions to ask", "References", "About this leaflet"} <= set(titles)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_all_fonts_embedded_and_no_base14(bundled_pdfs: dict[str, Path], name: str) -> None:
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run(
        [pdffonts, str(bundled_pdfs[name])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert "TrueType" in line, line
        assert " yes yes yes " in line, line


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    request = BuildRequest(ROOTS / "minimal" / "kb.yaml", LAYOUTS, tmp_path / "a", tmp_path / "b", formats=("pdf",))
    first = {p.name: p.read_bytes() for p in build(request).written}
    second = {p.name: p.read_bytes() for p in build(replace(request, force=True)).written}
    assert len(first) == 6
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
    source = (ROOTS / "minimal" / "kb.yaml").read_text()
    kb = tmp_path / "kb.yaml"
    kb.write_text(source.replace("text: Trials found no benefit.", f"text: '{typed}'"))
    request = BuildRequest(kb, LAYOUTS, tmp_path / "out", tmp_path / "build", formats=("pdf",))
    leaflet = next(p for p in build(request).written if p.stem == "leaflet-a4")
    assert printed in words(" ".join(page_texts(leaflet)))


def test_booklet_is_imposed_two_up_in_booklet_order(bundled_pdfs: dict[str, Path]) -> None:
    reader = PdfReader(bundled_pdfs["booklet-a5"])
    sheets = len(reader.pages)
    assert sheets % 2 == 0
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    pages = booklet_page_texts(bundled_pdfs["booklet-a5"])
    assert len(pages) == sheets * 2
    numbers = [int(m.group(1)) if (m := re.search(r"Page (\d+) of", text)) else None for text in pages]
    printed = [n for n in numbers if n is not None]
    assert printed == list(range(1, len(printed) + 1)), "pages must read in order"
    blanks = [i for i, n in enumerate(numbers) if n is None]
    assert blanks == list(range(len(printed) - 1, len(pages) - 1)), "padding goes just before the back page"


@pytest.mark.parametrize("name", ["trifold-letter", "trifold-a4"])
def test_trifold_is_one_landscape_sheet(bundled_pdfs: dict[str, Path], name: str) -> None:
    reader = PdfReader(bundled_pdfs[name])
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_qr_code_target_is_printed_beside_it(bundled_pdfs: dict[str, Path]) -> None:
    text = words(page_texts(bundled_pdfs["leaflet-a4"])[-1])
    assert "example.org/leafdeck/liberation-procedure/en/patient" in text


def test_bleed_adds_trim_and_bleed_boxes(tmp_path: Path) -> None:
    import shutil

    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, layouts)
    (layouts / "leaflet-a4.yaml").write_text(
        "extends: leaflet-base.yaml\npage:\n  size: A4\n  bleed: 3mm\n  margins: {top: 18mm, bottom: 22mm, left: 24mm, right: 24mm}\n"
    )
    request = BuildRequest(ROOTS / "minimal" / "kb.yaml", layouts, tmp_path / "out", tmp_path / "b", formats=("pdf",))
    leaflet = next(p for p in build(request).written if p.stem == "leaflet-a4")
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
