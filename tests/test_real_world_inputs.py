"""Inputs from the real world (issue 14), each kind table-driven, all through the real CLI.

Kinds: non-finite and impossible numbers; clinic files (control and invisible characters, one-
line fields, web addresses with a query or fragment, multi-line addresses); text a PDF font
cannot draw, located in its own file; documented commands (new-clinic). Right-to-left text and
bugs in renderers have files of their own (test_rtl.py, test_crash.py); logos too (test_logos.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realworld import (
    assert_refused,
    build,
    check,
    cli,
    edit,
    located,
    position,
    project,
    write_clinic,
)

KB = "kb.yaml"
TREATED = "- {arm: treated, value: 4}"
SHAM = "- {arm: sham, value: 1}"
P_VALUE = 'p_value: "0.389"'
UNIT = "unit: count"


# --- numbers ------------------------------------------------------------------------------------

NUMBERS = [
    # (what, [(old, new)], the line's fragment, the value in it whose position is expected, message)
    ("infinite value", [(TREATED, "- {arm: treated, value: .inf}")], "value: .inf}", ".inf", ".inf is infinite"),
    ("minus infinity", [(TREATED, "- {arm: treated, value: -.inf}")], "value: -.inf}", "-.inf", "is infinite"),
    ("not a number", [(TREATED, "- {arm: treated, value: .nan}")], "value: .nan}", ".nan", "is not a number"),
    ("NaN in capitals", [(TREATED, "- {arm: treated, value: .NaN}")], "value: .NaN}", ".NaN", "is not a number"),
    ("overflowing", [(TREATED, "- {arm: treated, value: 1.0e+999}")], "value: 1.0e+999}", "1.0e+999", "is infinite"),
    (
        "negative count",
        [(SHAM, "- {arm: sham, value: -1}")],
        "value: -1}",
        "-1",
        "-1 is negative; a count is at least 0",
    ),
    (
        "percentage over 100",
        [(UNIT, "unit: percent_of_people"), (TREATED, "- {arm: treated, value: 120}")],
        "value: 120}",
        "120",
        "120 is more than 100; a percentage of people is between 0 and 100",
    ),
    (
        "negative percentage",
        [(UNIT, "unit: percent_of_people"), (SHAM, "- {arm: sham, value: -0.5}")],
        "value: -0.5}",
        "-0.5",
        "is negative; a percentage of people is at least 0",
    ),
    (
        "negative number of people",
        [(UNIT, "unit: people"), (SHAM, "- {arm: sham, value: -3}")],
        "value: -3}",
        "-3",
        "a number of people is at least 0",
    ),
    (
        "more events than the arm has people",
        [(SHAM, "- {arm: sham, value: 1, events: 12}")],
        "events: 12}",
        "12",
        "more events (12) than people (10, the arm's n)",
    ),
    (
        "more events than the stated denominator",
        [(SHAM, "- {arm: sham, value: 1, events: 5, of: 4}")],
        "events: 5,",
        "5",
        "more events (5) than people (4, its 'of')",
    ),
    ("p-value over 1", [(P_VALUE, 'p_value: "1.5"')], 'p_value: "1.5"', '"1.5"', "'1.5' is not a p-value"),
    ("negative p-value", [(P_VALUE, 'p_value: "-0.01"')], 'p_value: "-0.01"', '"-0.01"', "is not a p-value"),
    ("p-value with a sign", [(P_VALUE, 'p_value: "p < 2"')], 'p_value: "p < 2"', '"p < 2"', "is not a p-value"),
    ("p-value not a number", [(P_VALUE, 'p_value: "nan"')], 'p_value: "nan"', '"nan"', "is not a p-value"),
]


def value_at(path: Path, fragment: str, value: str) -> tuple[int, int]:
    """Line and column of ``value`` inside the line that holds ``fragment``."""
    line, col = position(path, fragment)
    return line, col + fragment.index(value)


@pytest.mark.parametrize(("what", "edits", "fragment", "value", "message"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_impossible_numbers_are_refused_by_check(
    what: str, edits: list[tuple[str, str]], fragment: str, value: str, message: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    for old, new in edits:
        path = edit(root, KB, old, new)
    line, col = value_at(path, fragment, value)
    assert_refused(check(root), KB, line, col, message)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "value"),
    [
        (TREATED, "- {arm: treated, value: .inf}", "value: .inf}", ".inf"),
        (TREATED, "- {arm: treated, value: .nan}", "value: .nan}", ".nan"),
        (P_VALUE, 'p_value: "7"', 'p_value: "7"', '"7"'),
        (SHAM, "- {arm: sham, value: 1, events: 11}", "events: 11}", "11"),
    ],
    ids=["infinite", "nan", "p-value", "events"],
)
def test_impossible_numbers_are_refused_by_build_before_rendering(
    old: str, new: str, fragment: str, value: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    path = edit(root, KB, old, new)
    line, col = value_at(path, fragment, value)
    result = build(root, "--format", "pdf,html")
    assert_refused(result, KB, line, col, "")
    assert "internal error" not in result.stderr
    assert not list((root / "output").rglob("*.*")) if (root / "output").exists() else True


@pytest.mark.parametrize("p_value", ["<0.0001", "1.0", "0", "p=0.03", "NS", "not reported"])
def test_possible_p_values_pass(p_value: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, KB, P_VALUE, f'p_value: "{p_value}"')
    line, _ = position(path, "p_value:")
    assert [m for f, li, _, m in located(check(root).stderr) if f == KB and li == line] == []


def test_infinity_in_a_layout_file_is_refused_at_its_place(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, "layouts/leaflet-base.yaml", "leading: 1.15", "leading: .inf")
    line, col = position(path, ".inf")
    assert_refused(check(root), "layouts/leaflet-base.yaml", line, col, ".inf is infinite")


# --- clinic files ---------------------------------------------------------------------------------

CLINIC_FILE = "layouts/clinics/test.yaml"
CLINIC_FIELDS = [
    # (field, YAML value, message fragment): the value's own line and column are expected
    ("name", '"Riverside MS Centre\\u000b(Neurology)"', "U+000B"),
    ("phone", '"01632 960 123\\u0007"', "U+0007"),
    ("name", '"Riverside\\u200bMS"', "U+200B"),
    ("name", '"Riverside\\u00adMS"', "U+00AD"),
    ("address", '"1 Mill Lane\\u202eRiverton"', "U+202E"),
    ("logo_alt", '"Logo\\u0000"', "U+0000"),
    ("name", '"Riverside\\nMS Centre"', "must be one line"),
    ("phone", '"01632\\t960 123"', "must be one line"),
    ("web", "https://riverside-ms.example.org/index.php?page=leaflets#top", "cannot end in a query"),
    ("web", "https://riverside-ms.example.org/leaflets?x=1", "cannot end in a query"),
    ("web", "https://riverside-ms.example.org/leaflets#top", "cannot end in a fragment"),
    ("web", "https://riverside-ms.example.org/leaflets/?", "cannot end in a query"),
]


@pytest.mark.parametrize(("field", "value", "fragment"), CLINIC_FIELDS, ids=[f"{f}-{m}" for f, _, m in CLINIC_FIELDS])
@pytest.mark.parametrize("command", ["check", "build"])
def test_clinic_fields_are_refused_at_their_place(
    field: str, value: str, fragment: str, command: str, tmp_path: Path
) -> None:
    root = project(tmp_path)
    path = write_clinic(root, **{field: value})
    line, col = position(path, f"{field}: ")
    col += len(field) + 2
    result = check(root) if command == "check" else build(root, "--clinic", "test", "--format", "html")
    assert_refused(result, CLINIC_FILE, line, col, fragment)


def test_check_validates_every_clinic_file_not_only_the_default(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_clinic(root, "second", primary='"#FFFF00"')  # white text on yellow: too little contrast
    path = root / "layouts" / "clinics" / "second.yaml"
    line, col = position(path, '"#FFFF00"')
    assert_refused(check(root), "layouts/clinics/second.yaml", line, col, "contrast")


def test_check_validates_every_layout_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, "layouts/web.yaml", "\n", "\nmargn: 3mm\n")
    line, col = position(path, "margn")
    assert_refused(check(root), "layouts/web.yaml", line, col, "unknown key")


ADDRESS = "address: |\n  Riverside Hospital\n  Neurology Outpatients\n  1 Mill Lane\n  Riverton RV1 2AB"
ADDRESS_LINES = ["Riverside Hospital", "Neurology Outpatients", "1 Mill Lane", "Riverton RV1 2AB"]


def test_a_multi_line_address_prints_as_lines_in_the_pdf_and_the_web_page(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = write_clinic(root)
    text = path.read_text(encoding="utf-8").replace("address: 1 Test Street", ADDRESS)
    path.write_text(text, encoding="utf-8")
    result = build(root, "--clinic", "test", "--audience", "patient", "--only", "leaflet-a4,web")
    assert result.returncode == 0, result.stderr
    out = root / "output" / "test" / "en" / "patient"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<br>".join(ADDRESS_LINES) in page
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(out / "leaflet-a4.pdf")
    lines = [
        line.strip() for page_ in document for line in page_.get_textpage().get_text_range().splitlines()
    ]  # each printed line of each page
    document.close()
    for wanted in ADDRESS_LINES:
        assert wanted in lines, f"{wanted!r} is not a line of its own in the PDF"


# --- text a PDF font cannot draw -----------------------------------------------------------------


def test_an_emoji_in_a_statement_is_located_in_the_knowledge_base(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, KB, "text: Trials found no benefit.", "text: Trials found no benefit 🎉.")
    line, col = position(path, "🎉")  # at the character itself
    for result in (build(root, "--format", "pdf"), check(root)):
        assert_refused(result, KB, line, col, "no glyph for '🎉' (U+1F389 PARTY POPPER)")


def test_an_emoji_inside_a_folded_block_is_located_on_its_own_line(tmp_path: Path) -> None:
    """Trial 17d: a character the font lacks on the third line of a ``>-`` block was reported at
    the block's first line; it is reported where it is."""
    root = project(tmp_path)
    block = "text: >-\n          Trials found\n          no benefit at all\n          in the end 🎉.\n"
    path = edit(root, KB, "text: Trials found no benefit.\n", block)
    line, col = position(path, "🎉")
    assert_refused(check(root), KB, line, col, "no glyph for '🎉' (U+1F389 PARTY POPPER)")


def test_check_reports_an_emoji_and_a_too_long_title_at_once(tmp_path: Path) -> None:
    """Case 11 as a whole: one problem never hides another (the emoji's SRC-001 hid FIT-004 in
    check, and FIT-004 the emoji in build: trials 17c and 17d)."""
    root = project(tmp_path)
    path = edit(root, KB, "text: Trials found no benefit.", "text: Trials found no benefit 🎉.")
    edit(root, KB, "title: A tiny test leaflet", "title: " + "A title that goes on and on " * 12)
    line, col = position(path, "🎉")
    for result in (check(root), build(root, "--format", "pdf")):  # check and build alike
        assert result.returncode == 1, result.stderr
        found = {(f, ln, c) for f, ln, c, _ in located(result.stderr)}
        assert (KB, line, col) in found, result.stderr  # the emoji's SRC-001
        said = result.stderr.splitlines()
        assert any(ln.startswith(f"{KB}:") and ": FIT-004: document.title" in ln for ln in said), result.stderr


def test_a_clinic_name_the_font_lacks_is_located_in_the_clinic_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = write_clinic(root, name='"مركز التصلب المتعدد"')
    line, col = position(path, "مركز")
    result = build(root, "--clinic", "test", "--format", "pdf")
    assert_refused(result, CLINIC_FILE, line, col, "has no glyph for 'ا' (U+0627 ARABIC LETTER ALEF)")
    assert not any(f == KB for f, *_ in located(result.stderr)), "blamed the knowledge base"


def test_a_label_the_font_lacks_is_located_in_the_label_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, "labels.en.yaml", "key_points: Key points\n", 'key_points: "Key points ✅"\n')
    line, col = position(path, "✅")
    assert_refused(build(root, "--format", "pdf"), "labels.en.yaml", line, col, "U+2705")


def test_a_clinician_only_item_is_not_held_to_the_leaflet_font(tmp_path: Path) -> None:
    """Clinicians get no leaflet, so their items may use what only the deck's font has."""
    root = project(tmp_path)
    clinician = (
        "  - id: kp-clinicians\n    audiences: [clinician]\n    text: For clinicians 🎉.\n    cites: [trial-ref]\n"
    )
    edit(root, KB, "topics:\n", clinician + "topics:\n")
    result = build(root, "--format", "pdf")
    assert not [p for p in located(result.stderr) if "no glyph" in p[3]], result.stderr


# --- documented commands --------------------------------------------------------------------------


def test_new_clinic_writes_a_starter_that_builds(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = cli(root, "new-clinic", "testclinic", "--layouts", "layouts")
    assert result.returncode == 0, result.stderr
    starter = root / "layouts" / "clinics" / "testclinic.yaml"
    assert starter.is_file()
    assert starter.read_text(encoding="utf-8").startswith("#")
    built = build(root, "--clinic", "testclinic", "--audience", "patient", "--only", "leaflet-a4,web")
    assert built.returncode == 0, built.stderr
    assert (root / "output" / "testclinic" / "en" / "patient" / "leaflet-a4.pdf").is_file()
    again = cli(root, "new-clinic", "testclinic", "--layouts", "layouts")
    assert again.returncode == 1
    assert "already exists" in again.stderr


@pytest.mark.parametrize(
    ("command", "name", "meant"),
    [
        ("new-clinic", "Test", "test"),
        ("new-clinic", "all", None),
        ("new-clinic", "a/b", "a-b"),
        ("new-clinic", "café", "cafe"),
        ("new-clinic", "Test Clinic", "test-clinic"),
        ("new-clinic", "../evil", "evil"),
        ("new-presenter", "Dr Hélène Carver", "dr-helene-carver"),
    ],
)
def test_a_starter_refuses_a_name_typed_wrong_and_offers_one(
    command: str, name: str, meant: str | None, tmp_path: Path
) -> None:
    """A name that cannot be a file's is the command typed wrong: exit 2, the rule, and the name
    it could be (trial 17c: "Test Clinic" exited 1 with no suggestion); nothing is written."""
    root = project(tmp_path)
    before = sorted(root.rglob("*.yaml"))
    result = cli(root, command, name, "--layouts", "layouts")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"leafdeck {command}: error: {name!r}: " in result.stderr
    assert (f"(did you mean {meant!r}?)" in result.stderr) if meant else ("did you mean" not in result.stderr)
    assert sorted(root.rglob("*.yaml")) == before


@pytest.mark.parametrize("character", ["\\u0007", "\\u200b", "\\u202e"])
def test_control_and_invisible_characters_in_labels_are_refused_at_their_place(character: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    path = edit(root, "labels.en.yaml", "key_points: Key points\n", f'key_points: "Key{character} points"\n')
    line, col = position(path, '"Key')
    assert_refused(check(root), "labels.en.yaml", line, col, f"U+{character[2:].upper()}")
