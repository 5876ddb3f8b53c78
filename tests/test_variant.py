"""``publish.variant``: the knowledge base a variant prints is respelled for its clinic's country
when the sources have a table for it (``spelling.en-US.yaml``), in the build and in the check's
fit prediction alike, and a malformed table is a located error of ``check`` (issue 20 point 7)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import REPO
from tests.realworld import LOCATED, cli, project, write_clinic

TABLE = "language: en\ncountry: US\nwords:\n  tiny: small\n"


def _built_text(root: Path, clinic: str) -> str:
    built = cli(root, "build", "kb.yaml", "--layouts", "layouts", "--clinic", clinic, "--only", "leaflet-a4")
    assert built.returncode == 0, built.stderr
    pdf = root / "output" / clinic / "en" / "patient" / "leaflet-a4.pdf"
    return " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )


@pytest.mark.parametrize(
    ("country", "expected", "absent"),
    [
        (
            "US",
            "Should I try the small procedure?",
            "Should I try the tiny procedure?",
        ),  # the table's country: respelled
        ("GB", "Should I try the tiny procedure?", "Should I try the small procedure?"),  # any other: as written
    ],
)
def test_a_clinics_country_spelling_reaches_the_printed_leaflet(
    tmp_path: Path, country: str, expected: str, absent: str
) -> None:
    root = project(tmp_path)
    (root / "spelling.en-US.yaml").write_text(TABLE, encoding="utf-8")
    write_clinic(root, "here", country=country)
    text = _built_text(root, "here")
    assert expected in text
    assert absent not in text


BROKEN = [
    # (case, table text, rule or words expected in the message)
    ("a word without its spelling", "language: en\ncountry: US\nwords:\n  tiny:\n", "spelling.en-US.yaml:4:"),
    ("made for another country", "language: en\ncountry: CA\nwords:\n  tiny: small\n", "made for en-CA"),
]


@pytest.mark.parametrize(("table", "said"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_check_names_a_malformed_spelling_table(tmp_path: Path, table: str, said: str) -> None:
    root = project(tmp_path)
    (root / "spelling.en-US.yaml").write_text(table, encoding="utf-8")
    checked = cli(root, "check", "kb.yaml", "--layouts", "layouts")
    assert checked.returncode == 1, checked.stderr
    assert said in checked.stderr
    assert "Traceback" not in checked.stderr
    assert any(LOCATED.match(line) or line.startswith("spelling.en-US.yaml") for line in checked.stderr.splitlines())


def test_check_outputs_expects_a_us_decks_spelling(tmp_path: Path) -> None:
    """The shipped US clinic's clinician talk is in US spelling ("centers", "color Doppler"), and
    ``check --outputs`` compares it with the same respelled text (trial 20e: ten OUT-001 errors)."""
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    built = cli(tmp_path, "build", "--clinic", "lakeside", "--only", "talk-clinician", "--presenter", "example")
    assert built.returncode == 0, built.stderr
    deck = Presentation(str(next((tmp_path / "output" / "lakeside").rglob("talk-clinician.pptx"))))
    said = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert "centers" in said
    assert "centres" not in said
    checked = cli(tmp_path, "check", "--outputs", "output", "--no-fit")
    assert checked.returncode == 0, checked.stderr
    assert "OUT-001" not in checked.stderr
