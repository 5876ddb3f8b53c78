"""Right-to-left text in PDFs and decks (issue 14, case 7): letters joined, words in order.

The PDF is read back with poppler (``pdftotext -bbox``): each word with its place on the page,
in the characters the font drew. Joined Arabic letters are drawn with their contextual forms
(U+FE70-U+FEFF: initial, medial, final), a word's letters run right to left, and the words of a
right-to-left phrase run right to left too. The deck is read back as its XML: PowerPoint and
LibreOffice shape and order text themselves once a paragraph says it is right-to-left.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from leafdeck.render.bidi import has_rtl, is_rtl_language, starts_rtl, visual_markup
from tests.conftest import require_tool, tools_required
from tests.realworld import build, cli, project, write_clinic

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
ARABIC_NAME = "مركز التصلب المتعدد"
HEBREW_NAME = "מרכז טרשת נפוצה"
ARABIC_SENTENCE = "لم تجد التجارب أي فائدة من هذا الإجراء"
RIGHT_JOINING = set("اأإآدذرزوؤةى")
"""Letters that never join the letter after them: a word starting with one may show no joined form."""
FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def dejavu_project(root: Path) -> Path:
    """The test project with the leaflets set in DejaVu Sans (Debian fonts-dejavu-core), which has Arabic."""
    if not (DEJAVU / "DejaVuSans.ttf").is_file():
        message = "DejaVu Sans is not installed (Debian fonts-dejavu-core; make system-deps installs it)"
        if tools_required():
            pytest.fail(message)
        pytest.skip(message)
    project(root)
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        shutil.copy(DEJAVU / face, root / "layouts" / "fonts" / face)
    base = root / "layouts" / "leaflet-base.yaml"
    text = base.read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^fonts:\n(?:  .*\n)+",
        "fonts:\n  name: DejaVu Sans\n  regular: fonts/DejaVuSans.ttf\n  bold: fonts/DejaVuSans-Bold.ttf\n",
        text,
    )
    base.write_text(text, encoding="utf-8")
    return root


def pdf_words(path: Path) -> list[tuple[float, float, str]]:
    """Every word on page 1 as (y, x, text as drawn, left to right)."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-f", "1", "-l", "1", "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', out)
    return [(float(y), float(x), html.unescape(word)) for x, y, word in words]


def drawn_phrase(words: list[tuple[float, float, str]], phrase: str) -> list[tuple[float, str]]:
    """The drawn words of ``phrase`` on the first line that holds it (x, word as drawn)."""
    return drawn_lines(words, phrase)[0][1]


def drawn_lines(words: list[tuple[float, float, str]], phrase: str) -> list[tuple[float, list[tuple[float, str]]]]:
    """Every line that holds ``phrase`` once: (y, its words as drawn, left to right), found by their letters."""
    wanted = {unicodedata.normalize("NFKC", w) for w in phrase.split()}
    lines: dict[float, list[tuple[float, str]]] = {}
    for y, x, word in words:
        logical = unicodedata.normalize("NFKC", word[::-1]) if has_rtl(word) else word
        if logical in wanted:
            lines.setdefault(round(y), []).append((x, word))
    found = [(y, sorted(line)) for y, line in sorted(lines.items()) if len(line) == len(phrase.split())]
    assert found, f"{phrase!r} is not on one line of page 1: {[w for *_, w in words][:40]}"
    return found


def assert_right_to_left(drawn: list[tuple[float, str]], phrase: str, joined: bool) -> None:
    """Drawn left to right, the words are the phrase's words from last to first, each word's
    letters from last to first, and (Arabic) in their joined forms."""
    logical = phrase.split()
    shown = [unicodedata.normalize("NFKC", word[::-1]) for _, word in drawn]
    assert shown == logical[::-1], f"words drawn in the wrong order: {shown} for {logical}"
    if joined:
        for _, word in drawn:
            first = unicodedata.normalize("NFKC", word[-1])  # drawn last: the word's first letter
            if len(word) > 1 and first not in RIGHT_JOINING:
                assert FORMS.search(word), f"{word!r}: letters not joined (no contextual forms)"


def test_an_arabic_clinic_name_prints_right_to_left_and_joined(tmp_path: Path) -> None:
    root = dejavu_project(tmp_path)
    write_clinic(root, "rtl", name=f'"{ARABIC_NAME}"')
    result = build(root, "--clinic", "rtl", "--audience", "patient", "--only", "leaflet-a4,talk-patient,web")
    assert result.returncode == 0, result.stderr
    out = root / "output" / "rtl" / "en" / "patient"
    assert_right_to_left(drawn_phrase(pdf_words(out / "leaflet-a4.pdf"), ARABIC_NAME), ARABIC_NAME, joined=True)
    paragraphs = deck_paragraphs(out / "talk-patient.pptx", ARABIC_NAME)
    assert paragraphs, "the name is on no slide"
    for paragraph in paragraphs:
        properties = paragraph.find(f"{_A}pPr")
        assert properties is not None
        assert properties.get("rtl") == "1"
        assert properties.get("algn") == "r"
        for run in paragraph.iter(f"{_A}r"):
            rpr = run.find(f"{_A}rPr")
            assert rpr is not None
            assert rpr.find(f"{_A}cs") is not None, "no complex-script font on an Arabic run"
            assert rpr.get("lang") == "ar"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert ARABIC_NAME in page, "the web page keeps the text in reading order (the browser lays it out)"


def test_a_hebrew_clinic_name_prints_right_to_left(tmp_path: Path) -> None:
    root = dejavu_project(tmp_path)
    write_clinic(root, "rtl", name=f'"{HEBREW_NAME}"')
    result = build(root, "--clinic", "rtl", "--audience", "patient", "--only", "leaflet-a4")
    assert result.returncode == 0, result.stderr
    pdf = root / "output" / "rtl" / "en" / "patient" / "leaflet-a4.pdf"
    assert_right_to_left(drawn_phrase(pdf_words(pdf), HEBREW_NAME), HEBREW_NAME, joined=False)


def test_an_arabic_translation_prints_right_to_left_and_aligned_right(tmp_path: Path) -> None:
    root = dejavu_project(tmp_path)
    made = cli(root, "translate", "ar", "kb.yaml")
    assert made.returncode == 0, made.stderr
    translation = root / "kb.ar.yaml"
    translation.write_text(translation.read_text(encoding="utf-8").replace('""', f'"{ARABIC_SENTENCE}"'), "utf-8")
    shutil.copy(root / "labels.en.yaml", root / "labels.ar.yaml")
    result = build(root, "--lang", "ar", "--audience", "patient", "--only", "leaflet-a4,talk-patient")
    assert result.returncode == 0, result.stderr
    out = root / "output" / "default" / "ar" / "patient"
    words = pdf_words(out / "leaflet-a4.pdf")
    drawn = drawn_phrase(words, ARABIC_SENTENCE)
    for _, line in drawn_lines(words, ARABIC_SENTENCE):  # paragraphs, and the footer drawn on the canvas
        assert_right_to_left(line, ARABIC_SENTENCE, joined=True)
    assert max(y for y, _ in drawn_lines(words, ARABIC_SENTENCE)) > 780, "the footer does not name the leaflet"
    left_edge = min(x for _, x, _ in words)
    assert drawn[0][0] > left_edge + 20, "a right-to-left paragraph is not aligned right"
    paragraphs = deck_paragraphs(out / "talk-patient.pptx", ARABIC_SENTENCE)
    assert paragraphs
    assert all(p.find(f"{_A}pPr").get("rtl") == "1" for p in paragraphs)  # type: ignore[union-attr]


def deck_paragraphs(path: Path, text: str) -> list[object]:
    """Every paragraph of every slide whose text holds ``text``."""
    from pptx import Presentation

    found = []
    for slide in Presentation(str(path)).slides:
        for paragraph in slide._element.iter(f"{_A}p"):
            if text in "".join(t.text or "" for t in paragraph.iter(f"{_A}t")):
                found.append(paragraph)
    return found


# --- the ordering itself, table-driven ----------------------------------------------------------

ORDER = [
    # (markup, right-to-left paragraph, its words in display order, left to right)
    ("plain english text", False, "plain english text"),
    ("مركز التصلب المتعدد", False, "المتعدد التصلب مركز"),
    ("Clinic مركز التصلب phone 123", False, "Clinic التصلب مركز phone 123"),
    ("x مركز <b>التصلب المتعدد</b> y", False, "x <b>المتعدد</b> <b>التصلب</b> مركز y"),
    ("مركز التصلب المتعدد", True, "المتعدد التصلب مركز"),
    ("مركز New York التصلب", True, "التصلب New York مركز"),
    ("رقم 12 من 100", True, "100 من 12 رقم"),
    ("a<br/>مركز التصلب", False, "a<br/>التصلب مركز"),
    (
        '<a href="https://example.org/a b">مركز التصلب</a>',
        False,
        '<a href="https://example.org/a b">التصلب</a> <a href="https://example.org/a b">مركز</a>',
    ),
    ("מרכז טרשת נפוצה 2024", False, "2024 נפוצה טרשת מרכז"),
]


@pytest.mark.parametrize(("markup", "rtl", "expected"), ORDER)
def test_words_are_put_in_display_order(markup: str, rtl: bool, expected: str) -> None:
    assert visual_markup(markup, rtl) == expected


@pytest.mark.parametrize(
    ("language", "rtl"), [("ar", True), ("he-IL", True), ("fa", True), ("ur", True), ("en", False), ("fr", False)]
)
def test_right_to_left_languages(language: str, rtl: bool) -> None:
    assert is_rtl_language(language) is rtl


@pytest.mark.parametrize(
    ("text", "first"), [("مركز MS", True), ("MS مركز", False), ("12 مركز", True), ("", False), ("שלום", True)]
)
def test_paragraph_direction_is_the_first_strong_letter(text: str, first: bool) -> None:
    assert starts_rtl(text) is first
