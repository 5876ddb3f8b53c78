"""Presenter files (``layouts/presenters/NAME.yaml``) through the real CLI: ``new-presenter``
writes a starter that builds, ``build --presenter`` puts the person on the title and disclosures
slides (read back from the PPTX), every mistake in the file is located, and ``--release`` refuses
a talk without a presenter."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from tests.realworld import build, cli, located, project, release_ready

TALK = ("--clinic", "test", "--only", "talk-clinician", "--lang", "en")

FILLED = """\
name: "Dr Amina Okafor"
credentials: "MD, FRCP"
role: "Consultant neurologist"
organisation: "Riverside MS Centre"
event: "Regional MS study day"
date: 2027-03-12
disclosures:
  - "Speaker fees from Example Pharma (2026)"
  - "Advisory board, Example Devices Ltd (2025)"
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = project(tmp_path)
    release_ready(root)  # so that --release is refused for the presenter alone
    return root


def _slide_texts(deck: Path, index: int) -> tuple[str, str]:
    slide = Presentation(str(deck)).slides[index]
    shown = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    return shown, slide.notes_slide.notes_text_frame.text


def _deck(root: Path) -> Path:
    return root / "output" / "test" / "en" / "clinician" / "talk-clinician.pptx"


def test_new_presenter_writes_a_starter_that_builds(root: Path) -> None:
    made = cli(root, "new-presenter", "lee-grant", "--layouts", "layouts")
    assert made.returncode == 0, made.stderr
    assert "leafdeck build --presenter lee-grant" in made.stdout
    starter = (root / "layouts" / "presenters" / "lee-grant.yaml").read_text(encoding="utf-8")
    assert "disclosures: none" in starter
    assert "TO CONFIRM: it was guessed from\n# the file name" in starter
    result = build(root, *TALK, "--presenter", "lee-grant")
    assert result.returncode == 0, result.stderr
    title, _ = _slide_texts(_deck(root), 0)
    assert "Lee Grant" in title  # issue 20: a guessed name, flagged to confirm, never the slug
    assert "lee-grant" not in title
    shown, _ = _slide_texts(_deck(root), 1)
    assert "No relevant financial relationships." in shown
    again = cli(root, "new-presenter", "lee-grant", "--layouts", "layouts")
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_the_presenter_is_on_the_title_and_disclosures_slides(root: Path) -> None:
    (root / "layouts" / "presenters").mkdir(exist_ok=True)
    (root / "layouts" / "presenters" / "amina.yaml").write_text(FILLED, encoding="utf-8")
    result = build(root, *TALK, "--presenter", "amina", "--release")
    assert result.returncode == 0, result.stderr
    title, title_notes = _slide_texts(_deck(root), 0)
    for line in ("Dr Amina Okafor, MD, FRCP", "Consultant neurologist, Riverside MS Centre", "Regional MS study day"):
        assert line in title
    assert title_notes.startswith("Thank you for having me at Regional MS study day today")  # issue 20 point 7
    assert "\nI am Dr Amina Okafor" in title_notes
    disclosures, notes = _slide_texts(_deck(root), 1)
    assert "Speaker fees from Example Pharma (2026)" in disclosures
    assert "Advisory board, Example Devices Ltd (2025)" in disclosures
    assert "[add yours here]" not in disclosures
    assert "Example Pharma" in notes


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ('name: "Dr X"\n', (1, 1), "disclosures"),  # must be stated, even as none
        ('name: "Dr X"\ndisclosures: []\n', (2, 14), "disclosures"),
        ('name: "Dr X"\ndate: 9999-12-31\ndisclosures: none\n', (2, 7), "between 2000 and 2099"),
        ('name: "Dr X"\ndisclosures: none\nemployer: Acme\n', (3, 1), "employer: unknown key"),
        ('name: "Dr\\nX"\ndisclosures: none\n', (1, 7), "one line"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])  # check reads every presenter file, as build does
def test_mistakes_in_a_presenter_file_are_located(
    root: Path, text: str, where: tuple[int, int], fragment: str, command: str
) -> None:
    (root / "layouts" / "presenters").mkdir(exist_ok=True)
    (root / "layouts" / "presenters" / "x.yaml").write_text(text, encoding="utf-8")
    if command == "build":
        result = build(root, *TALK, "--presenter", "x")
    else:
        result = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output", "--no-fit")
    assert result.returncode == 1
    found = [(line, col) for file, line, col, message in located(result.stderr) if fragment in message]
    assert found, result.stderr
    assert found[0] == where, result.stderr
    errors = [file for file, _, _, message in located(result.stderr) if not message.endswith("(warning)")]
    assert errors, result.stderr
    in_presenter = [file.endswith("presenters/x.yaml") for file in errors]
    # build stops at the presenter; check reports every problem of every file at once (issue 17)
    assert all(in_presenter) if command == "build" else any(in_presenter), result.stderr
    assert not _deck(root).exists()


def test_check_names_a_presenter_file_that_no_command_could_ask_for(root: Path) -> None:
    (root / "layouts" / "presenters").mkdir(exist_ok=True)
    (root / "layouts" / "presenters" / "Dr X.yaml").write_text(FILLED, encoding="utf-8")
    result = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output", "--no-fit")
    assert result.returncode == 1
    assert "presenters/Dr X.yaml: SRC-001: presenter names use lower-case letters" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "fragment", "code"),
    [
        (("--presenter", "nobody"), "unknown presenter 'nobody' (", 2),
        (("--presenter", "nobody"), "`leafdeck new-presenter nobody` starts one", 2),
        (("--presenter", "Dr X"), "lower-case letters, digits and hyphens", 1),
        (("--release",), "GOV-006: talk-clinician: a release talk needs its presenter", 1),
    ],
)
def test_a_talk_without_a_usable_presenter_is_refused(
    root: Path, args: tuple[str, ...], fragment: str, code: int
) -> None:
    result = build(root, *TALK, *args)
    assert result.returncode == code, result.stderr
    assert fragment in result.stderr
    assert not _deck(root).exists()


def test_release_builds_of_printed_products_need_no_presenter(root: Path) -> None:
    result = build(root, "--clinic", "test", "--only", "leaflet-a4", "--lang", "en", "--release")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("file_name", "shown"),
    [("helen-carver", "Helen Carver"), ("lee-grant", "Lee Grant"), ("ana-de-la-cruz", "Ana De La Cruz"), ("x", "X")],
)
def test_the_starter_guesses_a_name_to_confirm(root: Path, file_name: str, shown: str) -> None:
    """Through the real CLI: the starter's name is the title-cased guess, flagged to confirm."""
    assert cli(root, "new-presenter", file_name, "--layouts", "layouts").returncode == 0
    starter = (root / "layouts" / "presenters" / f"{file_name}.yaml").read_text(encoding="utf-8")
    assert f'\nname: "{shown}"\n' in starter
    assert "TO CONFIRM" in starter
