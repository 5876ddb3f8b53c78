"""Real-world inputs of issue 18 (rows 13, 14, 16, 17, 24, 25, 26, 28, 30, 33, 34, 35, 38 of
``../shared/cases/README.md``), each kind table-driven through the real CLI: the row itself and
at least two more inputs of the same kind.

Kinds: QR capacity of the clinic's web address; symbolic links that loop; dates and month
settings out of range; review dates in the future; empty trial arms; negative zero; Unicode
normalisation; country codes (and the international fallback); digits of other scripts in
``tel:`` links; invisible separators in every text field; YAML traps for people who do not
write YAML; clinics without a website.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import REPO, ROOTS, require_tool
from tests.realworld import assert_refused, build, check, cli, edit, located, position, project, write_clinic

KB = "kb.yaml"
CLINIC_FILE = "layouts/clinics/test.yaml"


def value_position(path: Path, key: str) -> tuple[int, int]:
    """Line and column of the value after ``key: `` (its first occurrence)."""
    line, col = position(path, f"{key}: ")
    return line, col + len(key) + 2


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under output/: its bytes, by path."""
    out = root / "output"
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def built_once(root: Path) -> dict[str, bytes]:
    """A first good build of the test clinic's web page, so a failing build can be seen to keep it."""
    write_clinic(root)
    result = build(root, "--clinic", "test", "--format", "html")
    assert result.returncode == 0, result.stderr
    return snapshot(root)


def pdf_text(path: Path) -> str:
    pdftotext = require_tool("pdftotext")
    return subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout


# --- clinic fields: QR capacity, invisible characters, country codes -------------------------------

LONG = "https://riverside-ms.example.org/" + "leaflets/" * 253  # about 2,300 characters (row 13)
CLINIC_FIELDS = [
    # (case, field, YAML value, message fragment): refused at the value's own line and column
    ("13 web of 2,300 characters", "web", LONG, "the limit is 100"),
    ("13 web one byte over", "web", "https://example.org/" + "a" * 81, "is 101 characters long; the limit is 100"),
    ("13 web over in UTF-8 bytes", "web", "https://example.org/" + "é" * 45, "the limit is 100"),
    ("33 line separator", "name", '"Riverside\\u2028MS Centre"', "U+2028 (LINE SEPARATOR)"),
    ("33 paragraph separator", "address", '"1 Mill Lane\\u2029Riverton"', "U+2029 (PARAGRAPH SEPARATOR)"),
    ("33 next line (C1 control)", "phone", '"01632\\u0085960 123"', "U+0085"),
    ("33 left-to-right mark", "logo_alt", '"Logo\\u200e"', "U+200E (LEFT-TO-RIGHT MARK)"),
    ("33 joiner between Latin letters", "name", '"River\\u200dside"', "U+200D (ZERO WIDTH JOINER)"),
    ("33 word joiner", "name", '"River\\u2060side"', "U+2060"),
    ("33 bell in the e-mail", "email", '"ms.nurses\\u0007@riverside.example.org"', "U+0007"),
    ("33 zero-width space in the e-mail", "email", '"ms.nurses\\u200b@riverside.example.org"', "U+200B"),
    ("33 soft hyphen in the web address", "web", '"https://riverside-ms.exam\\u00adple.org/x"', "U+00AD"),
    ("28 UK", "country", "UK", "did you mean 'GB', United Kingdom?"),
    ("28 lower case", "country", "gb", "did you mean 'GB'"),
    ("28 alpha-3", "country", "ESP", "did you mean 'ES', Spain?"),
    ("28 name", "country", "Norway", "did you mean 'NO', Norway?"),
    ("28 unassigned", "country", "XY", "'XY' is not an ISO 3166-1 alpha-2 country code;"),
    ("28 a nation of the UK", "country", "England", "did you mean 'GB', United Kingdom?"),
    ("28 another nation, lower case", "country", "northern  ireland", "did you mean 'GB', United Kingdom?"),
    ("28 America", "country", "America", "did you mean 'US', United States?"),
    (
        "38 empty web address",
        "web",
        '""',
        "a web address must be non-empty text; leave the line out when there is none",
    ),
    (
        "38 empty e-mail",
        "email",
        '""',
        "an e-mail address must be non-empty text; leave the line out when there is none",
    ),
]


@pytest.mark.parametrize(("case", "field", "value", "fragment"), CLINIC_FIELDS, ids=[c[0] for c in CLINIC_FIELDS])
@pytest.mark.parametrize("command", ["check", "build"])
def test_clinic_fields_are_refused_at_their_place(
    case: str, field: str, value: str, fragment: str, command: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    before = built_once(root) if command == "build" else {}
    path = write_clinic(root, **{field: value})
    line, col = value_position(path, field)
    result = check(root) if command == "check" else build(root, "--clinic", "test")
    assert_refused(result, CLINIC_FILE, line, col, fragment)
    if command == "build":
        assert snapshot(root) == before, "a refused build changed earlier outputs"


@pytest.mark.parametrize(
    ("character", "name"), [("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"), ("\u0085", "NEXT LINE")]
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_raw_line_break_an_editor_does_not_show_is_named_where_it_is(
    character: str, name: str, command: str, tmp_path: Path
) -> None:
    """Row 33 typed raw (not escaped): YAML breaks the line there though the editor shows one, so
    the message names the character at its line and column as the editor counts them."""
    root = project(tmp_path)
    path = write_clinic(root, name=f"Riverside{character}MS Centre")
    line, col = value_position(path, "name")
    result = check(root) if command == "check" else build(root, "--clinic", "test")
    assert_refused(result, CLINIC_FILE, line, col + len("Riverside"), f"U+{ord(character):04X} ({name})")


def test_a_knowledge_base_id_too_long_for_the_qr_code_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, KB, "  id: tiny\n", f"  id: {'a' * 61}\n")
    line, col = value_position(path, "id")
    assert_refused(check(root), KB, line, col, "document.id: is 61 characters long; the limit is 60")


def test_the_longest_address_allowed_fits_a_qr_code_readable_at_18_mm() -> None:
    """The limits' reason: the longest web address and knowledge-base id allowed, with the longest
    language and audience, still fit QR version 10 at error correction M (57 modules, about
    0.3 mm each at 18 mm, the option grid's size)."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    from leafdeck.model import MAX_KB_ID
    from leafdeck.read.layout import WEB_MAX_BYTES

    address = "https://" + "a" * (WEB_MAX_BYTES - 8) + "/" + "k" * MAX_KB_ID + "/en-GB/clinician/"
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(address)
    code.make()
    assert code.getModuleCount() <= 57


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("نامه\u200cها", "Persian: a non-joiner between Arabic letters"),
        ("क्\u200dष", "Devanagari: a joiner after a virama"),
    ],
)
def test_joiners_are_allowed_where_a_script_needs_them(name: str, script: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    path = write_clinic(root, name=f'"{name}"')
    line, _ = position(path, "name: ")
    found = [m for f, li, _, m in located(check(root).stderr) if f == CLINIC_FILE and li == line]
    assert not [m for m in found if "invisible" in m or "U+200" in m], script


INVISIBLE_ELSEWHERE = [
    # (file, old, new, the text at whose place the refusal is expected, fragment)
    (KB, "text: Trials found no benefit.", 'text: "Trials found\\u2028no benefit."', '"Trials', "U+2028"),
    (KB, "title: What is it?", 'title: "What\\u2029is it?"', '"What', "U+2029"),
    (KB, "text: It widens a vein with a balloon.", 'text: "It widens\\u00a0a vein\\ufeff."', '"It widens', "U+FEFF"),
    ("labels.en.yaml", 'phone: "Phone: {phone}"', 'phone: "Phone:\\u2028{phone}"', '"Phone:', "U+2028"),
    (
        KB,
        "    text: Trials found no benefit.\n",
        '    text: Trials found no benefit.\n    waivers: [{rule: READ-004, reason: "Long\\u200b."}]\n',
        '"Long',
        "U+200B",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "at", "fragment"), INVISIBLE_ELSEWHERE)
def test_invisible_separators_are_refused_in_every_file(
    file: str, old: str, new: str, at: str, fragment: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    path = edit(root, file, old, new)
    line, col = position(path, at)
    assert_refused(check(root), file, line, col, fragment)


def test_country_codes_of_items_are_refused_too(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, KB, "      - id: what-clinician\n", "      - id: what-clinician\n        countries: [UK]\n")
    line, col = position(path, "[UK]")
    assert_refused(check(root), KB, line, col + 1, "did you mean 'GB'")


ADVICE = """\
      - id: what-call-international
        text: In an emergency, call your local emergency number.
        countries: [international]
      - id: what-call-gb
        text: In an emergency, call 999.
        countries: [GB]
"""


@pytest.mark.parametrize(
    ("country", "shown", "hidden"),
    [
        ("GB", "call 999", "local emergency number"),
        ("JP", "local emergency number", "call 999"),  # a real country with no advice of its own
        ("FR", "local emergency number", "call 999"),
        ("international", "local emergency number", "call 999"),
    ],
)
def test_a_country_without_advice_of_its_own_gets_the_international_advice(
    country: str, shown: str, hidden: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    edit(root, KB, "      - id: what-clinician\n", ADVICE + "      - id: what-clinician\n")
    write_clinic(root, country=country)
    result = build(root, "--clinic", "test", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = (
        (root / "output" / "test" / "en" / "patient" / "index.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    )  # "call\u00a0999": kept on one line
    assert shown in page
    assert hidden not in page


@pytest.mark.parametrize(("country", "warned"), [("JP", True), ("BR", True), ("GB", False), ("international", False)])
def test_check_says_which_clinics_get_the_international_advice(country: str, warned: bool, tmp_path: Path) -> None:
    root = tmp_path
    project(root)
    (root / KB).write_text((ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(root, KB, "    statements:\n", "    statements:\n" + ADVICE)
    path = write_clinic(root, country=country)
    line, col = value_position(path, "country")
    result = cli(root, "check", KB, "--layouts", "layouts", "--outputs", "nothing")
    assert "Traceback" not in result.stderr
    found = [m for f, li, co, m in located(result.stderr) if (f, li, co) == (CLINIC_FILE, line, col)]
    if warned:
        assert any("GOV-007" in line for line in result.stderr.splitlines() if line.startswith(CLINIC_FILE))
        assert any("international advice" in m and m.endswith("(warning)") for m in found), result.stderr
    else:
        assert not [m for m in found if "international advice" in m]


# --- tel: links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "dial"),
    [
        ("٠١٦٣٢ ٩٦٠ ١٢٣", "tel:01632960123"),  # Arabic-Indic digits (row 30)
        ("۰۱۶۳۲ ۹۶۰ ۱۲۳", "tel:01632960123"),  # Extended Arabic-Indic (Persian) digits
        ("०१६३२ ९६० १२३", "tel:01632960123"),  # Devanagari digits
        ("+４４ １６３２ ９６０１２３", "tel:+441632960123"),  # full-width digits
        ("01632 960 123 (ext. 4)", "tel:01632960123"),
        ("+44 (0)1632 960 123", "tel:+441632960123"),  # trial18: the trunk zero is not dialled after +44
    ],
)
def test_tel_links_dial_digits_of_any_script_by_their_value(phone: str, dial: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    write_clinic(root, phone=f'"{phone}"')
    result = build(root, "--clinic", "test", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = (root / "output" / "test" / "en" / "patient" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="(tel:[^"]*)"', page))
    assert links == {dial}


# --- symbolic links that loop ------------------------------------------------------------------------


def loop(folder: Path, a: str, b: str) -> None:
    """``a -> b -> a`` in ``folder``."""
    (folder / a).symlink_to(b)
    (folder / b).symlink_to(a)


def test_a_logo_that_loops_is_refused_at_its_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = built_once(root)
    loop(root / "layouts" / "clinics", "loop-a.png", "loop-b.png")
    path = write_clinic(root, logo="clinics/loop-a.png", logo_alt="Logo")
    line, col = value_position(path, "logo")
    for result in (check(root), build(root, "--clinic", "test")):
        assert_refused(result, CLINIC_FILE, line, col, "loop")
    assert snapshot(root) == before


def test_a_font_that_loops_is_refused_at_its_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    loop(root / "layouts" / "fonts", "loop-a.ttf", "loop-b.ttf")
    path = root / "layouts" / "leaflet-base.yaml"
    text = path.read_text(encoding="utf-8")
    regular = re.search(r"regular: (\S+)", text)
    assert regular
    edit(root, "layouts/leaflet-base.yaml", regular[0], "regular: fonts/loop-a.ttf")
    line, col = value_position(path, "regular")
    assert_refused(check(root), "layouts/leaflet-base.yaml", line, col, "loop")


def test_a_clinic_file_that_loops_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    loop(root / "layouts" / "clinics", "loopy.yaml", "loopy2.yaml")
    result = build(root, "--clinic", "loopy", "--format", "html")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "layouts/clinics/loopy.yaml" in result.stderr


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_knowledge_base_that_loops_is_refused(command: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    loop(root, "loop.yaml", "loop2.yaml")
    args = ("--layouts", "layouts", "--outputs", "output") if command == "check" else ("--layouts", "layouts")
    result = cli(root, command, "loop.yaml", *args)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "loop.yaml: SRC-001: loop.yaml is a symbolic link that leads back to itself (a loop)" in result.stderr


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_translation_that_loops_is_named_as_a_loop_by_both_commands(command: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "kb.de.yaml").symlink_to("kb.de.yaml")
    args = ("--lang", "de", "--format", "html") if command == "build" else ()
    result = cli(root, command, KB, "--layouts", "layouts", *args)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "kb.de.yaml: SRC-001: kb.de.yaml is a symbolic link that leads back to itself (a loop)" in result.stderr


def test_an_output_folder_that_loops_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    loop(root, "out-a", "out-b")
    write_clinic(root)
    result = cli(root, "build", KB, "--layouts", "layouts", "--out", "out-a", "--clinic", "test", "--format", "html")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert re.search(r"^out-a/\S*: PUB-001: cannot write here: too many levels of symbolic links", result.stderr, re.M)


# --- dates and month settings ------------------------------------------------------------------------

DATES = [
    # (case, file, old, new, key whose value is expected to be refused, fragment)
    ("16 year 9999", KB, "last_reviewed: 2026-01-10", "last_reviewed: 9999-01-01", "last_reviewed", "out of range"),
    ("16 next review 9999", KB, "next_review: 2027-01-10", "next_review: 9999-12-31", "next_review", "out of range"),
    ("16 year 1", KB, "published: 2026-01-10", "published: 0001-01-01", "published", "out of range"),
    ("16 reference date", KB, "    year: 2019\n", "    year: 2019\n    date: 2199-01-01\n", "date", "out of range"),
    ("17 reviewed in 2062", KB, "last_reviewed: 2026-01-10", "last_reviewed: 2062-11-22", "last_reviewed", "future"),
    ("17 published in 2062", KB, "published: 2026-01-10", "published: 2062-11-22", "published", "in the future"),
    (
        "17 study published in 2062",
        KB,
        "    year: 2018\n    design:",
        "    year: 2062\n    design:",
        "year",
        "in the future",
    ),
    ("16 months", "checks.yaml", "", "governance:\n  max_interval_months: 1000000\n", "max_interval_months", "120"),
    ("16 days", "checks.yaml", "", "governance:\n  warning_days: 99999999\n", "warning_days", "3650"),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "key", "fragment"), DATES, ids=[d[0] for d in DATES])
def test_dates_and_month_settings_out_of_range_are_refused(
    case: str, file: str, old: str, new: str, key: str, fragment: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    if file == "checks.yaml":  # settings are read once the knowledge base passes the plan's checks
        (root / KB).write_text((ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        (root / file).write_text(new, encoding="utf-8")
        path = root / file
    else:
        path = edit(root, file, old, new)
    line, col = value_position(path, key)
    assert_refused(check(root), file, line, col, fragment)


def test_a_reference_published_in_the_future_is_refused_at_its_year(tmp_path: Path) -> None:
    """Trial18: a reference's year of 2063 printed on the web page without a word."""
    root = project(tmp_path)
    path = edit(root, KB, "    year: 2019\n    verified: false", "    year: 2063\n    verified: false")
    line, col = position(path, "year: 2063")
    assert_refused(check(root), KB, line, col + len("year: "), "2063 is in the future")


@pytest.mark.parametrize(("date", "fragment"), [("2062-11-29", "in the future"), ("9999-01-01", "out of range")])
def test_a_translation_dated_in_the_future_is_refused(date: str, fragment: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    for name in ("kb.yaml", "kb.fr.yaml"):
        (root / name).write_text((ROOTS / "web" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "labels.fr.yaml").write_text((REPO / "sources" / "labels.fr.yaml").read_text(encoding="utf-8"), "utf-8")
    write_clinic(root)
    path = edit(root, "kb.fr.yaml", "date: 2026-11-29", f"date: {date}")
    line, col = value_position(path, "date")
    result = build(root, "--clinic", "test", "--lang", "fr", "--format", "html")
    assert_refused(result, "kb.fr.yaml", line, col, fragment)


def test_a_future_review_date_stops_the_build_and_keeps_outputs(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = built_once(root)
    path = edit(root, KB, "last_reviewed: 2026-01-10", "last_reviewed: 2062-11-22")
    line, col = value_position(path, "last_reviewed")
    assert_refused(build(root, "--clinic", "test"), KB, line, col, "in the future")
    assert snapshot(root) == before


# --- empty arms ---------------------------------------------------------------------------------------

SHAM_ARM = "- {id: sham, label: Sham, n: 10}"
ARMS = [
    ("25 n 0", [(SHAM_ARM, "- {id: sham, label: Sham, n: 0}")], "n: 0}", "0", "an arm has at least 1 person"),
    ("25 n negative", [(SHAM_ARM, "- {id: sham, label: Sham, n: -4}")], "n: -4}", "-4", "at least 1 person"),
    (
        "25 more people than the arm",
        [("unit: count", "unit: people"), ("- {arm: sham, value: 1}", "- {arm: sham, value: 12}")],
        "value: 12}",
        "12",
        "12 people, more than the arm has (10, its n)",
    ),
    (
        "25 counts that contradict the percentage",  # trial18: 38 of 500 printed beside a stored 54%
        [
            ("unit: count", "unit: percent_of_people"),
            ("- {arm: sham, value: 1}", "- {arm: sham, value: 54, events: 5, of: 500}"),
        ],
        "of: 500}",
        "500",
        "5 of 500 is 1.0%, but the value says 54%",
    ),
]


@pytest.mark.parametrize(("case", "edits", "fragment", "value", "message"), ARMS, ids=[a[0] for a in ARMS])
@pytest.mark.parametrize("command", ["check", "build"])
def test_empty_arms_are_refused(
    case: str, edits: list[tuple[str, str]], fragment: str, value: str, message: str, command: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    before = built_once(root) if command == "build" else {}
    for old, new in edits:
        path = edit(root, KB, old, new)
    line, col = position(path, fragment)
    col += fragment.index(value)
    assert_refused(check(root) if command == "check" else build(root, "--clinic", "test"), KB, line, col, message)
    if command == "build":
        assert snapshot(root) == before


# --- negative zero ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("treated", "sham", "shown", "never"),
    [
        ("-0.04", "0.04", ["-0.04 points", "+0.04 points"], ["-0 points", "+0 points"]),  # row 24
        ("-0.0", "0.0", ["0 points"], ["-0 points", "+0 points"]),
        ("-0.4", "1.3", ["-0.4 points", "+1.3 points"], ["-0 points"]),
    ],
)
def test_negative_zero_is_never_printed(
    treated: str, sham: str, shown: list[str], never: list[str], tmp_path: Path
) -> None:
    root = project(tmp_path)
    edit(root, KB, "unit: count", "unit: score_change")
    edit(root, KB, "- {arm: treated, value: 4}", f"- {{arm: treated, value: {treated}}}")
    edit(root, KB, "- {arm: sham, value: 1}", f"- {{arm: sham, value: {sham}}}")
    write_clinic(root)
    result = build(root, "--clinic", "test", "--format", "html,pptx")
    assert result.returncode == 0, result.stderr
    folder = root / "output" / "test" / "en" / "clinician"
    page = (folder / "index.html").read_text(encoding="utf-8")
    deck = deck_text(folder / "talk-clinician.pptx").replace("\u2212", "-")
    for text in shown:
        assert text in page, f"{text!r} not in the web page"
    for text in never:
        assert text not in page
        assert text not in deck
    assert not re.search(r"(?<![\d.])[-+\u2212]0(?![\d.,])", deck), "a signed zero in the deck"


def deck_text(path: Path) -> str:
    """Every text of a deck: shapes, chart data labels and numbers, speaker notes."""
    from pptx import Presentation

    found = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                for plot in shape.chart.plots:
                    for series in plot.series:
                        found += [str(v) for v in series.values]
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(found)


# --- Unicode normalisation ----------------------------------------------------------------------------

NFD_NAMES = [
    "Phòng khám Thần kinh Nguyễn Trãi Đà Nẵng",  # row 26, Vietnamese
    "Clínica Señora de Atocha",
    "Klinik für Neurologie Köln",
]


@pytest.mark.parametrize("name", NFD_NAMES)
def test_decomposed_text_is_normalised_when_read(name: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    write_clinic(root, name=f'"{decomposed}"')
    edit(root, KB, "text: Trials found no benefit.", f'text: "Trials found no benefit at {decomposed}."')
    result = build(root, "--clinic", "test", "--format", "pdf,html", "--only", "leaflet-a4,web")
    assert result.returncode == 0, result.stderr
    folder = root / "output" / "test" / "en" / "patient"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.count(name) >= 2
    assert decomposed not in page
    text = unicodedata.normalize("NFC", pdf_text(folder / "leaflet-a4.pdf"))
    assert name in text


# --- YAML traps for people who do not write YAML ------------------------------------------------------

COMMENTED = [
    ("primary", "#330072", 'primary: "#330072"'),  # row 34
    ("accent", "#78BE20", 'accent: "#78BE20"'),
    ("primary", "#330072 # brand purple", 'primary: "#330072" # brand purple'),
]


@pytest.mark.parametrize(("key", "value", "form"), COMMENTED)
def test_an_unquoted_colour_gets_the_quoted_form(key: str, value: str, form: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    path = write_clinic(root, **{key: value})
    line, col = position(path, f"{key}: #")
    assert_refused(check(root), CLINIC_FILE, line, col + len(key) + 2, "'#' starts a comment in YAML")
    assert "put the colour in quotes" in check(root).stderr
    assert form in check(root).stderr


def test_an_unquoted_colour_in_a_layout_file_gets_the_quoted_form(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = root / "layouts" / "web.yaml"
    match = re.search(r'(\w+): "(#[0-9A-Fa-f]{6})"', path.read_text(encoding="utf-8"))
    assert match
    edit(root, "layouts/web.yaml", match[0], f"{match[1]}: {match[2]}")
    line, col = position(path, f"{match[1]}: #")
    assert_refused(check(root), "layouts/web.yaml", line, col + len(match[1]) + 2, f'{match[1]}: "{match[2]}"')


ADDRESSES = [
    ("indented, with a colon", "Hillside Hospital\n  Ward 7: Neurology\n  12 Park Road"),  # row 35
    ("not indented", "Hillside Hospital\nWard 7, Neurology\n12 Park Road"),
    ("first line quoted", '"Hillside Hospital"\n  Ward 7, Neurology'),
]


@pytest.mark.parametrize(("case", "address"), ADDRESSES, ids=[a[0] for a in ADDRESSES])
def test_an_address_over_several_lines_gets_the_block_form(case: str, address: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    path = write_clinic(root, address=address)
    line, col = position(path, "address: ")
    result = check(root)
    assert_refused(result, CLINIC_FILE, line, col, "write 'address: |' and indent each line under it")
    assert "'  Hillside Hospital'" in result.stderr


def test_the_block_form_the_message_shows_builds(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_clinic(root, address="|\n  Hillside Hospital\n  Ward 7: Neurology\n  12 Park Road")
    result = build(root, "--clinic", "test", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = (root / "output" / "test" / "en" / "patient" / "index.html").read_text(encoding="utf-8")
    assert "Hillside Hospital<br>Ward 7: Neurology<br>12 Park Road" in page


# --- clinics without a website ------------------------------------------------------------------------

ASK = "Ask the clinic if you need this information in another format"


def without_web(root: Path, language: str = "en") -> None:
    path = write_clinic(root)
    path.write_text(re.sub(r"^web: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")


def test_a_clinic_without_a_website_builds_without_qr_codes_or_addresses(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pptx import Presentation

    root = project(tmp_path)
    without_web(root)
    assert check(root).stderr.count("web") == 0 or "missing required key 'web'" not in check(root).stderr
    result = build(root, "--clinic", "test")
    assert result.returncode == 0, result.stderr
    assert "is hosted at" not in result.stderr
    folder = root / "output" / "test" / "en" / "patient"
    for name in ("leaflet-a4", "leaflet-letter", "leaflet-large-print-a4", "trifold-a4", "decision-aid-a4"):
        text = " ".join(pdf_text(folder / f"{name}.pdf").split())
        assert ASK in text, name
        assert "example.org" not in text, name
        assert "Read this online" not in text, name
    for name in ("option-grid-a4", "booklet-a5"):
        text = pdf_text(folder / f"{name}.pdf")
        assert "example.org" not in text, name
        assert "Read this online" not in text, name
    # A QR code is hundreds of filled squares: the contact pages draw none.
    document = pdfium.PdfDocument(folder / "leaflet-a4.pdf")
    try:
        paths = [len(list(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]))) for page in document]
    finally:
        document.close()
    assert max(paths) < 100, paths
    deck = Presentation(str(folder / "talk-patient.pptx"))
    assert not [s.name for slide in deck.slides for s in slide.shapes if s.name == "QR code"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert ASK in page
    assert 'rel="canonical"' not in page
    assert "example.org" not in page
    assert "This page online" not in page


def test_a_clinic_with_a_website_still_has_its_qr_code(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    root = project(tmp_path)
    write_clinic(root)
    result = build(root, "--clinic", "test", "--format", "pdf", "--only", "leaflet-a4")
    assert result.returncode == 0, result.stderr
    path = root / "output" / "test" / "en" / "patient" / "leaflet-a4.pdf"
    document = pdfium.PdfDocument(path)
    try:
        paths = [len(list(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]))) for page in document]
    finally:
        document.close()
    assert max(paths) >= 100, paths
    text = " ".join(pdf_text(path).split())
    assert "example.org/clinic/tiny/en/patient" in text
    assert ASK not in text


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_sentence_for_clinics_without_a_website_is_in_every_language(language: str) -> None:
    from leafdeck.read.labels import OFFLINE, load_labels
    from tests.conftest import REPO

    labels = load_labels(REPO / "sources", language)
    english = load_labels(REPO / "sources", "en")
    offline = labels.offline()
    for key in OFFLINE:
        assert offline(key) == labels(f"{key}_offline") != labels(key)
    assert offline("read_online") != english("read_online_offline")


@pytest.mark.parametrize(("web", "hosted"), [(True, True), (False, False)])
def test_plan_names_a_hosted_address_only_for_a_clinic_with_a_website(web: bool, hosted: bool, tmp_path: Path) -> None:
    import json

    root = project(tmp_path)
    if web:
        write_clinic(root)
    else:
        without_web(root)
    result = cli(root, "plan", KB, "--layouts", "layouts", "--clinic", "test", "--format", "html")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines
    assert all(("url" in line) == hosted for line in lines)


def test_a_statement_over_several_lines_gets_the_folded_form(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(
        root, KB, "    text: Trials found no benefit.\n", "    text: Trials found\n      no benefit: see the trials.\n"
    )
    line, col = position(path, "text: Trials found")
    assert_refused(check(root), KB, line, col, "write 'text: >' and indent each line under it (the lines are joined)")


# --- the quality gate's settings: build refuses what check refuses (brief inputs18 point 8) -------

SETTINGS = [
    # (checks.yaml, key whose value is refused)
    ("governance:\n  max_interval_months: 1000000\n", "max_interval_months"),
    ("governance:\n  warning_days: -5\n", "warning_days"),
    ("readability:\n  audiences:\n    patient:\n      grade_max: lots\n", "grade_max"),
    ("decision:\n  max_key_points: 7\n  colour: red\n", "colour"),
]


@pytest.mark.parametrize(("settings", "key"), SETTINGS)
def test_build_refuses_the_settings_check_refuses_with_the_same_message(
    settings: str, key: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    (root / KB).write_text((ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "checks.yaml").write_text(settings, encoding="utf-8")
    checked, built = check(root), build(root, "--only", "leaflet-a4")
    line, col = value_position(root / "checks.yaml", key) if key != "colour" else key_position(root, key)
    for result in (checked, built):
        assert_refused(result, "checks.yaml", line, col, "")
    refusals = [[entry for entry in located(r.stderr) if entry[0] == "checks.yaml"] for r in (checked, built)]
    assert refusals[0] == refusals[1], (checked.stderr, built.stderr)
    assert not (root / "output").exists()


def key_position(root: Path, key: str) -> tuple[int, int]:
    """Line and column of ``key:`` itself in checks.yaml (an unknown key is refused at its name)."""
    for number, line in enumerate((root / "checks.yaml").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number, line.index(key) + 1
    raise AssertionError(key)
