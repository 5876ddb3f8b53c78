"""The output rules, on real outputs: the passing knowledge base is built once (an A4 leaflet
and a patient deck); each case copies the project, breaks one thing in the built file (or in
the layout or knowledge base it is checked against), and checks it with the real reader."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from leafdeck.checks import RULES
from leafdeck.checks.core import Results
from tests.checks.conftest import DECK, PAGE, PDF, check, rules_found, write_project
from tests.conftest import LAYOUTS

TITLE = "A tiny test leaflet"
OUTPUT_RULES = [r for r in RULES if r.startswith("OUT")] + ["RISK-005"]


def project(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path


def run(root: Path) -> Results:
    return check(root / "kb.yaml", outputs=root / "out")


def edit_deck(root: Path, change: Callable[[Presentation], None]) -> None:
    deck = Presentation(str(root / DECK))
    change(deck)
    deck.save(str(root / DECK))


def body(slide: object) -> object:
    return next(s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)  # type: ignore[attr-defined]


def changed_statement(root: Path) -> None:
    path = root / "kb.yaml"
    path.write_text(path.read_text().replace("It widens a vein with a balloon.", "It widens a vein with a stent."))


def small_text(root: Path) -> None:
    path = root / "layouts" / "leaflet-a4.yaml"
    path.write_text(path.read_text() + "min_font_size: 14\n")


def helvetica_pdf(root: Path) -> None:
    canvas = Canvas(str(root / PDF))
    canvas.setTitle(TITLE)  # as if built from this knowledge base, so it is checked
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 700, "A standard font that is not embedded")
    canvas.save()


def notdef_pdf(root: Path) -> None:
    pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(LAYOUTS / "fonts" / "NotoSans-Regular.ttf")))
    canvas = Canvas(str(root / PDF))
    canvas.setTitle(TITLE)
    canvas.setFont("NotoSans-Regular", 14)
    canvas.drawString(72, 700, "Noto Sans has no \u4e2d glyph")
    canvas.save()


def overflow(deck: Presentation) -> None:
    body(deck.slides[4]).text_frame.text = "Far too much text for one slide. " * 80  # type: ignore[attr-defined]


def no_notes(deck: Presentation) -> None:
    deck.slides[2].notes_slide.notes_text_frame.text = ""


def same_title(deck: Presentation) -> None:
    deck.slides[3].shapes.title.text_frame.text = deck.slides[2].shapes.title.text_frame.text


def percentage(deck: Presentation) -> None:
    body(deck.slides[4]).text_frame.paragraphs[0].runs[0].text = "About 42% improved."  # type: ignore[attr-defined]


def missing_glyph(deck: Presentation) -> None:
    body(deck.slides[4]).text_frame.paragraphs[0].runs[0].text = "Carlito has no \u4e2d glyph."  # type: ignore[attr-defined]


EDITOR_NOTE = "Reviewer to confirm the balloon wording against the trial report before release."
"""The editor's note of tests/roots/checked/kb.yaml (on what-one): no output may show it."""
SEARCH = "https://www.fda.gov/search?q=CCSVI%20safety"
"""search-ref's address, cited by what-one: its %20 is not a percentage."""


def note_in_deck(deck: Presentation) -> None:
    deck.slides[2].notes_slide.notes_text_frame.text = f"Say this. {EDITOR_NOTE}"


def note_in_pdf(root: Path) -> None:
    pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(LAYOUTS / "fonts" / "NotoSans-Regular.ttf")))
    canvas = Canvas(str(root / PDF))
    canvas.setTitle(TITLE)
    canvas.setFont("NotoSans-Regular", 11)
    canvas.drawString(72, 700, "Reviewer to confirm the balloon wording against the")  # wrapped over two lines
    canvas.drawString(72, 686, "trial report before release.")
    canvas.save()


def note_in_page(comment: bool) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        page = (root / PAGE).read_text(encoding="utf-8")
        shown = f"<!-- {EDITOR_NOTE} -->" if comment else f"<p>{EDITOR_NOTE}</p>"
        (root / PAGE).write_text(page.replace("</main>", f"{shown}</main>"), encoding="utf-8")

    return write


def percent_in_page(root: Path) -> None:
    page = (root / PAGE).read_text(encoding="utf-8")
    (root / PAGE).write_text(page.replace("</main>", "<p>About 42% improved.</p></main>"), encoding="utf-8")


def wrapped_address_pdf(root: Path) -> None:
    """A leaflet whose reference address breaks across two lines, just before its %20, and a percentage."""
    pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(LAYOUTS / "fonts" / "NotoSans-Regular.ttf")))
    canvas = Canvas(str(root / PDF))
    canvas.setTitle(TITLE)
    canvas.setFont("NotoSans-Regular", 11)
    canvas.drawString(72, 700, "Safety search. https://www.fda.gov/search?q=CCSVI")
    canvas.drawString(72, 686, "%20safety")
    canvas.drawString(72, 672, "See www.example.org/a%20b and about 1 in 3.")
    canvas.save()


def untagged_pdf(root: Path) -> None:
    """The built leaflet without its structure tree (as reportlab alone writes it)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(root / PDF))
    del writer._root_object[NameObject("/StructTreeRoot")]
    writer.write(root / PDF)


def repeated_notes(deck: Presentation) -> None:
    said = deck.slides[1].notes_slide.notes_text_frame.text.split("\n")[0]
    deck.slides[2].notes_slide.notes_text_frame.text = f"{said}\nSomething new is said here as well."


def long_notes(deck: Presentation) -> None:
    deck.slides[2].notes_slide.notes_text_frame.text = " ".join(f"word{i}" for i in range(1200)) + "."


def untimed(deck: Presentation) -> None:
    deck.slides[0].notes_slide.notes_text_frame.text = "A talk about a test procedure."


def longer_talk(root: Path) -> None:
    path = root / "layouts" / "deck-patient.yaml"
    path.write_text(path.read_text().replace("minutes: [0.05, 100]", "minutes: [50, 60]"))


TRIP: dict[str, list[tuple[Callable[[Path], None], str]]] = {
    "OUT-001": [(changed_statement, "what-one is missing")],
    "OUT-002": [(small_text, "below the layout's minimum 14 pt")],
    "OUT-003": [(helvetica_pdf, "Helvetica is not embedded")],
    "OUT-004": [(notdef_pdf, ".notdef"), (lambda r: edit_deck(r, missing_glyph), "U+4E2D")],
    "OUT-005": [(lambda r: edit_deck(r, overflow), "needs")],
    "OUT-006": [(lambda r: edit_deck(r, no_notes), "slide 3")],
    "OUT-007": [(lambda r: edit_deck(r, same_title), "is used by 2 slides")],
    "OUT-008": [
        (lambda r: edit_deck(r, note_in_deck), "shows an editor's note"),
        (note_in_pdf, "Reviewer to confirm the balloon wording"),
        (note_in_page(comment=False), "found: “reviewer to confirm"),
        (note_in_page(comment=True), "index.html: shows an editor's note"),
    ],
    "OUT-009": [(untagged_pdf, "not PDF/UA-1: PDFUA1-STRUCT-TREE-ROOT-001")],
    "OUT-010": [
        (lambda r: edit_deck(r, repeated_notes), "the notes repeat"),
        (lambda r: edit_deck(r, long_notes), "1200 spoken words"),
    ],
    "OUT-011": [
        (lambda r: edit_deck(r, untimed), "do not state the talk's reading time"),
        (longer_talk, "talk.minutes"),
    ],
    "RISK-005": [(lambda r: edit_deck(r, percentage), "42%"), (percent_in_page, "42%")],
}


def test_every_output_rule_has_cases() -> None:
    assert sorted(TRIP) == sorted(OUTPUT_RULES)


def test_the_built_outputs_pass_every_output_rule(built: Path) -> None:
    results = run(built)
    assert not rules_found(results) & set(OUTPUT_RULES), [str(f) for f in results.findings]
    summaries = {Path(o["file"]).name: o for o in results.outputs}
    assert set(summaries) == {"leaflet-a4.pdf", "talk-patient.pptx", "index.html"}
    for summary in summaries.values():
        assert summary.get("coverage_percent", 100.0) == 100.0
        assert set(summary["rules"].values()) == {"pass"}
        assert {"OUT-008", "RISK-005"} <= set(summary["rules"])


def test_the_built_web_page_prints_the_address_with_its_percent_escape(built: Path) -> None:
    """What the passing test above proves: RISK-005 read the page's %20 and let it be."""
    from leafdeck.checks.readers import read_page

    assert SEARCH in read_page(built / PAGE).text


def test_an_address_wrapped_before_its_percent_escape_is_not_a_percentage(built: Path, tmp_path: Path) -> None:
    root = project(built, tmp_path)
    wrapped_address_pdf(root)
    assert not [f for f in run(root).findings if f.rule == "RISK-005"]
    canvas = Canvas(str(root / PDF))
    canvas.setTitle(TITLE)
    canvas.drawString(72, 700, "Safety search: about 20% of people.")
    canvas.save()
    assert [f for f in run(root).findings if f.rule == "RISK-005"]


def test_an_editors_note_is_located_where_it_is_written(built: Path, tmp_path: Path) -> None:
    root = project(built, tmp_path)
    edit_deck(root, note_in_deck)
    found = [f for f in run(root).findings if f.rule == "OUT-008"]
    line = next(i for i, text in enumerate((root / "kb.yaml").read_text().splitlines(), 1) if "editor_notes:" in text)
    assert [(Path(f.file).name, f.line, Path(f.output).name) for f in found] == [("kb.yaml", line, "talk-patient.pptx")]


@pytest.mark.parametrize(
    ("rule", "case"), [(rule, i) for rule, cases in TRIP.items() for i in range(len(cases))], ids=str
)
def test_output_rule_trips(rule: str, case: int, built: Path, tmp_path: Path) -> None:
    root = project(built, tmp_path)
    breaker, fragment = TRIP[rule][case]
    breaker(root)
    found = [f for f in run(root).findings if f.rule == rule]
    assert found, f"{rule} did not fire"
    assert all(f.line > 0 and f.severity == RULES[rule].severity for f in found), [str(f) for f in found]
    assert any(fragment in f.message for f in found), [f.message for f in found]
    assert all(f.output for f in found)


def test_a_missing_item_is_located_in_the_knowledge_base(built: Path, tmp_path: Path) -> None:
    root = project(built, tmp_path)
    changed_statement(root)
    found = [f for f in run(root).findings if f.rule == "OUT-001"]
    line = next(i for i, text in enumerate((root / "kb.yaml").read_text().splitlines(), 1) if "a stent." in text)
    assert {(Path(f.file).name, f.line) for f in found} == {("kb.yaml", line)}
    assert sorted(Path(f.output).name for f in found) == ["index.html", "leaflet-a4.pdf", "talk-patient.pptx"]
    assert all("“stent”" in f.message for f in found)


def test_an_output_built_from_another_knowledge_base_is_not_checked(built: Path, tmp_path: Path) -> None:
    root = project(built, tmp_path)
    path = root / "kb.yaml"
    path.write_text(path.read_text().replace(TITLE, "Another leaflet"))
    results = run(root)
    assert not rules_found(results) & set(OUTPUT_RULES)
    assert all("another knowledge base" in o["note"] for o in results.outputs)


def test_outputs_are_not_checked_when_there_are_none(tmp_path: Path) -> None:
    results = check(write_project(tmp_path), outputs=tmp_path / "nothing-here")
    assert results.outputs == []


def test_pdf_ua_is_not_applicable_to_a_file_imposed_for_print(built: Path, tmp_path: Path) -> None:
    """Issue 22 audit: a booklet is imposed for print and untagged by design, so OUT-009 says
    it does not apply ("n/a") rather than "pass"; its "(for printing)" title is still the
    knowledge base's, so the other rules check it. The tagged leaflet beside it passes OUT-009."""
    from leafdeck.publish.pipeline import BuildRequest, build

    root = project(built, tmp_path)
    request = BuildRequest(
        root / "kb.yaml", root / "layouts", root / "out", root / "build", audiences=("patient",), only=("booklet-a5",)
    )
    assert not build(request).having("failed")
    summaries = {Path(o["file"]).name: o for o in run(root).outputs}
    booklet = summaries["booklet-a5.pdf"]
    assert "note" not in booklet, booklet.get("note")
    assert booklet["rules"]["OUT-009"] == "n/a"
    assert booklet["rules"]["OUT-008"] == "pass"
    assert summaries["leaflet-a4.pdf"]["rules"]["OUT-009"] == "pass"
