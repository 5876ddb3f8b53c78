"""Tagged PDF/UA-1 leaflets (issue 22): every product read page by page passes page-validation,
and its structure tree says what the page says, in the plan's order, with every picture
described. Fixture knowledge base in English for every product; the bundled one in French and
Spanish for the short leaflet."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import page
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from leafdeck.checks.structure import read
from leafdeck.passages import plain
from leafdeck.plan import blocks as b
from leafdeck.publish.pipeline import build, outlines, plan
from leafdeck.read.labels import load_labels
from leafdeck.read.sources import load_kb
from leafdeck.render.leaflet import chart
from leafdeck.render.leaflet.impose import IMPOSED
from leafdeck.render.leaflet.markup import cite_mark
from tests.conftest import BUNDLED_KB, REPO
from tests.render.leaflet.conftest import request_for
from tests.render.leaflet.structure import page_words, squeezed

TAGGED = (
    "leaflet-a4",
    "leaflet-letter",
    "leaflet-large-print-a4",
    "option-grid-a4",
    "option-grid-letter",
    "decision-aid-a4",
    "decision-aid-letter",
)
"""The products read page by page (the rest are imposed for print)."""
LANGUAGES = ("fr", "es")
"""Translations checked on the short leaflet, from the bundled knowledge base."""


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, b.Outline]]:
    """The short leaflet in each of ``LANGUAGES``, with its plan."""
    tmp = tmp_path_factory.mktemp("translated")
    request = request_for(BUNDLED_KB, tmp, languages=LANGUAGES, only=("leaflet-a4",))
    report = build(request)
    kb, _ = load_kb(BUNDLED_KB)
    plans = {job.language: found for job, found in outlines(request, kb, plan(request, kb)).items()}
    paths = {path.parent.parent.name: path for path in report.written}
    return {lang: (paths[lang], plans[lang]) for lang in LANGUAGES}


CASES = [*(("en", product) for product in TAGGED), *((lang, "leaflet-a4") for lang in LANGUAGES)]


@pytest.fixture(params=CASES, ids=[f"{lang}-{product}" for lang, product in CASES])
def tagged(
    request: pytest.FixtureRequest,
    fixture_pdfs: dict[str, Path],
    fixture_plans: dict[str, b.Outline],
    translated: dict[str, tuple[Path, b.Outline]],
) -> tuple[str, Path, b.Outline]:
    lang, product = request.param
    if lang == "en":
        return lang, fixture_pdfs[product], fixture_plans[product]
    path, outline = translated[lang]
    return lang, path, outline


def test_page_validation_finds_no_failure(tagged: tuple[str, Path, b.Outline]) -> None:
    _, path, _ = tagged
    report = page.validate_pdf(path, profile="ua1")
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


def test_tagged_text_covers_every_word_on_the_page(tagged: tuple[str, Path, b.Outline]) -> None:
    """Every word pdftotext reads is in the structure tree, but the running footer and page numbers."""
    lang, path, outline = tagged
    labels = load_labels(REPO / "sources", lang)
    tagged_text = squeezed(read(path).elements[0].within)  # the document's text in reading order
    pages = page_words(path)
    kb = outline.kb
    furniture = " ".join(
        [labels("footer", title=plain(kb.document.title), version=kb.governance.version)]
        + [labels("page_of", n=n, total=len(pages)) for n in range(1, len(pages) + 1)]
    ).split()
    missing = [w for text in pages for w in text.split() if squeezed(w) not in tagged_text and w not in furniture]
    assert missing == []
    assert len(tagged_text) > 500


def _plan_headings(outline: b.Outline) -> Iterator[str]:
    """The headings the plan prints, in its order: the title, each section's title (or the
    title its first block prints), then the titles inside it (issue 22 audit): the options'
    names and their "can do" and "downsides" labels, the studies' names, the question groups'
    titles and the notes label, each FAQ question, each step's title, each chart's title (with
    its citation numbers)."""
    for section in outline.sections:
        if not section.blocks:
            continue
        first = section.blocks[0]
        if isinstance(first, b.Cover | b.KeyPoints):
            yield first.title
            if isinstance(first, b.Cover) and not outline.product.startswith("option-grid"):
                yield first.decision_label  # the decision box's title (a strip cover has no box)
        elif section.title:
            yield section.title
        for block in section.blocks:
            yield from _titles_inside(block, outline)


def _titles_inside(block: b.Block, outline: b.Outline) -> Iterator[str]:
    if isinstance(block, b.OptionDetail):
        yield from (block.name, block.benefits_label, block.harms_label)
    elif isinstance(block, b.StudyDetail):
        yield block.heading
    elif isinstance(block, b.Questions):
        yield from (group.title for group in block.groups)
        yield from ([block.notes_label] if block.writing_lines else [])
    elif isinstance(block, b.Faq):
        yield from (question.text for question, _ in block.entries)
    elif isinstance(block, b.Steps):
        yield from (title for title, _ in block.steps)
    elif isinstance(block, b.Chart):
        numbers = [outline.number(c) for c in block.cites if c in outline.references]
        yield block.heading + (cite_mark(numbers) if outline.citations else "")


def test_headings_come_in_the_plans_order_without_skipped_levels(tagged: tuple[str, Path, b.Outline]) -> None:
    _, path, outline = tagged
    headings = [e for e in read(path).elements if e.role[:1] == "H" and e.role[1:].isdigit()]
    said = [squeezed(plain(t).replace("**", "")) for t in _plan_headings(outline)]
    assert [squeezed(h.within) for h in headings] == said
    levels = [int(h.role[1:]) for h in headings]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def _plan_alts(outline: b.Outline) -> Iterator[str]:
    labels = load_labels(REPO / "sources", outline.language)
    for section in outline.sections:
        for block in section.blocks:
            if isinstance(block, b.IconArray):
                yield block.alt
            elif isinstance(block, b.Diagram):
                yield block.figure.alt
            elif isinstance(block, b.Chart):
                found = [p for p in chart.panels((block.study,), labels) if p.outcome.id == block.outcome.id]
                yield from (chart.alt(p) for p in found)
            elif isinstance(block, b.Values):
                yield labels("values_scale_alt", low=block.scale[0], high=block.scale[1])


def test_every_figure_tags_drawn_content_and_has_its_plans_alt(tagged: tuple[str, Path, b.Outline]) -> None:
    _, path, outline = tagged
    found = read(path)
    figures = [e for e in found.elements if e.role == "Figure"]
    assert figures, "no Figure in the structure tree"
    for figure in figures:
        assert figure.alt
        assert figure.alt.strip()
        assert figure.marks
        assert any(found.marked[p][m] for p, m in figure.marks), f"Figure {figure.alt!r} tags nothing drawn"
    alts = {f.alt for f in figures}
    assert set(_plan_alts(outline)) <= alts
    if any(isinstance(x, b.Contact) for s in outline.sections for x in s.blocks):
        said = load_labels(REPO / "sources", outline.language)("qr_alt", address="@").split("@")[0]
        assert any(a and a.startswith(said) and "example.org" in a for a in alts), "the QR code is not said to be one"


def test_a_values_scale_says_what_it_is_and_what_to_do(tagged: tuple[str, Path, b.Outline]) -> None:
    """Issue 22 audit: each rating line is a Figure whose alt says it is five boxes to tick,
    from one end word to the other (label ``values_scale_alt``), once per prompt."""
    lang, path, outline = tagged
    values = [x for s in outline.sections for x in s.blocks if isinstance(x, b.Values)]
    figures = [e.alt for e in read(path).elements if e.role == "Figure"]
    labels = load_labels(REPO / "sources", lang)
    for block in values:
        alt = labels("values_scale_alt", low=block.scale[0], high=block.scale[1])
        assert figures.count(alt) == len(block.prompts)
        assert block.scale[0] in alt
        assert block.scale[1] in alt


def test_every_marked_mcid_is_in_the_tree_and_the_reverse(tagged: tuple[str, Path, b.Outline]) -> None:
    _, path, _ = tagged
    found = read(path)
    in_content = {(p, m) for p, marks in found.marked.items() for m in marks}
    in_tree = [mark for e in found.elements for mark in e.marks]
    assert len(in_tree) == len(set(in_tree)), "an MCID owned twice"
    assert set(in_tree) == in_content
    for index in range(found.pages):
        owners = found.parent_tree[index]
        assert len(owners) == len(found.marked[index])
        assert all(owner is not None for owner in owners)


def test_document_says_its_language_title_and_conformance(tagged: tuple[str, Path, b.Outline]) -> None:
    lang, path, outline = tagged
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/Suspects" not in root["/MarkInfo"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert plain(outline.kb.document.title).replace("&", "&amp;") in xmp
    for page_ in reader.pages:
        assert page_["/Tabs"] == "/S"
        assert "/StructParents" in page_
    for annotation in (a.get_object() for p in reader.pages for a in p.get("/Annots", [])):
        assert annotation["/Contents"]
        assert "/StructParent" in annotation


def test_same_inputs_give_the_same_bytes(tmp_path: Path, fixture_pdfs: dict[str, Path]) -> None:
    from tests.render.leaflet.conftest import LEAFLET_KB

    report = build(request_for(LEAFLET_KB, tmp_path, only=("leaflet-a4",)))
    again = next(p for p in report.written if p.stem == "leaflet-a4")
    assert again.read_bytes() == fixture_pdfs["leaflet-a4"].read_bytes()


@pytest.mark.parametrize("product", ["booklet-a5", "trifold-a4", "trifold-letter"])
def test_imposed_products_say_they_are_not_in_reading_order(product: str, fixture_pdfs: dict[str, Path]) -> None:
    metadata = PdfReader(fixture_pdfs[product]).metadata
    assert metadata is not None
    assert metadata["/Imposition"] == IMPOSED
    assert "not reading order" in IMPOSED


@pytest.mark.parametrize("product", ["booklet-a5", "trifold-a4", "trifold-letter"])
def test_imposed_products_say_they_are_for_printing_where_a_screen_reader_looks(
    product: str, fixture_pdfs: dict[str, Path], fixture_plans: dict[str, b.Outline]
) -> None:
    """Issue 22 audit: the title a reader announces says "(for printing)" (label
    ``print_title``); the subject and the XMP description carry the print-only note (label
    ``print_only_note``); the XMP claims no PDF/UA conformance (the file has no tags)."""
    reader = PdfReader(fixture_pdfs[product])
    labels = load_labels(REPO / "sources", "en")
    title = labels("print_title", title=fixture_plans[product].kb.document.title)
    note = labels("print_only_note")
    assert title.endswith("(for printing)")
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.metadata.subject == note
    xmp = reader.root_object["/Metadata"].get_object().get_data().decode("utf-8")
    assert f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{note}</rdf:li>' in xmp
    assert title.replace("&", "&amp;") in xmp
    assert "pdfuaid" not in xmp
    assert "/StructTreeRoot" not in reader.root_object


def test_right_to_left_text_carries_its_logical_order(tmp_path: Path) -> None:
    """An Arabic leaflet: words drawn in display order, so each element holding them says its
    text as written (ActualText), and the whole still passes page-validation."""
    from tests.realworld import build as cli_build
    from tests.realworld import cli
    from tests.test_rtl import ARABIC_SENTENCE, dejavu_project

    root = dejavu_project(tmp_path)
    assert cli(root, "translate", "ar", "kb.yaml").returncode == 0
    translation = root / "kb.ar.yaml"
    translation.write_text(translation.read_text(encoding="utf-8").replace('""', f'"{ARABIC_SENTENCE}"'), "utf-8")
    (root / "labels.ar.yaml").write_text((root / "labels.en.yaml").read_text(encoding="utf-8"), "utf-8")
    result = cli_build(root, "--lang", "ar", "--audience", "patient", "--only", "leaflet-a4")
    assert result.returncode == 0, result.stderr
    path = root / "output" / "default" / "ar" / "patient" / "leaflet-a4.pdf"
    assert [f.rule_id for f in page.validate_pdf(path, profile="ua1").failures] == []
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "ar"
    actual = [e.actual for e in read(path).elements if e.actual]
    assert ARABIC_SENTENCE in actual
    assert all(e.role in ("P", "LBody", "H1", "H2", "H3") for e in read(path).elements if e.actual)


def test_the_tree_prints_as_a_screen_reader_meets_it(
    fixture_pdfs: dict[str, Path], fixture_plans: dict[str, b.Outline]
) -> None:
    """``python -m leafdeck.checks.structure`` (README): the title first among headings, and each
    figure with its plan's alternative text."""
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-m", "leafdeck.checks.structure", str(fixture_pdfs["leaflet-a4"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    outline = fixture_plans["leaflet-a4"]
    headings = [line.strip() for line in shown if line.strip().startswith(("H1 ", "H2 ", "H3 "))]
    assert headings[0] == f"H1 “{next(_plan_headings(outline))}”"
    for alt in _plan_alts(outline):
        assert any(line.strip().startswith(f"Figure [alt: {alt}]") for line in shown), alt


def _links(path: Path) -> list[tuple[str, int]]:
    """Every Link element of the structure tree: its alternative text and how many link
    annotations (OBJR) it owns."""
    found: list[tuple[str, int]] = []

    def visit(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject) or node.get("/Type") in ("/MCR", "/OBJR"):
            return
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        if node.get("/S") == "/Link":
            objects = [
                k
                for k in kids
                if isinstance(k.get_object(), DictionaryObject) and k.get_object().get("/Type") == "/OBJR"
            ]
            found.append((str(node.get("/Alt", "")), len(objects)))
        for kid in kids:
            visit(kid)

    visit(PdfReader(path).root_object["/StructTreeRoot"])
    return found


def test_a_link_wrapped_over_lines_is_one_link_element(tmp_path: Path) -> None:
    """Issue 22 audit: the bundled decision aid's long reference addresses wrap over several
    lines, one annotation per line; each link is still one Link element owning all its
    annotations (PDF/UA-1 allows several OBJR in a Link), so it is announced once."""
    report = build(request_for(BUNDLED_KB, tmp_path, only=("decision-aid-a4",)))
    path = next(p for p in report.written if p.stem == "decision-aid-a4")
    reader = PdfReader(path)
    annotations = [
        a.get_object() for p in reader.pages for a in p.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"
    ]
    links = _links(path)
    assert all(count >= 1 for _, count in links)
    assert sum(count for _, count in links) == len(annotations)
    assert any(count > 1 for _, count in links), "no wrapped link in the fixture: the test proves nothing"


def test_text_read_from_the_tags_breaks_words_at_line_ends(tagged: tuple[str, Path, b.Outline]) -> None:
    """Issue 22 audit: each line ends in a real space, so poppler's text of the structure
    (``pdfinfo -struct-text``) says "for multiple", not "formultiple": every word it reads is
    a word pdftotext reads on the page (web addresses aside: a long one is split mid-word,
    without a space)."""
    _, path, _ = tagged
    shown = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    quoted = " ".join(line.strip()[1:-1] for line in shown.splitlines() if line.strip().startswith('"'))
    on_page = {w for text in page_words(path) for w in text.split()}
    # a passage (Span, Link) inside a word, as in "(liberation procedure)", is read as its own run
    glued = [w for w in quoted.split() if w not in on_page and "/" not in w and not any(w in p for p in on_page)]
    assert glued == []
    assert len(quoted.split()) > 100
