"""A number written by reference follows the data into every output: change a value under
``studies:`` in a fixture knowledge base, build through the real CLI, and read the new number
back from the PDF (pdftotext), the deck (python-pptx, slide text and speaker notes) and the web
page. The numbers are filled in once, in the plan (``plan.variants.select``)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import LAYOUTS, REPO, ROOTS, require_tool
from tests.realworld import build

NUMBERS = ROOTS / "numbers" / "kb.yaml"
VARIANT = Path("output/default/en/patient")


def _words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    result = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True)
    return _words(result.stdout)


def deck_text(path: Path) -> str:
    """Every slide's text and speaker notes."""
    parts = []
    for slide in Presentation(str(path)).slides:
        parts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return _words(" ".join(parts))


def page_text(path: Path) -> str:
    body = path.read_text(encoding="utf-8").split("<body", 1)[1]
    return _words(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize(
    ("old", "new", "before", "after"),
    [
        # the case: a count of the data, and the prose beside it
        (
            "{arm: treated, value: 4}",
            "{arm: treated, value: 7}",
            "the 9 treated people had 4 relapses",
            "the 9 treated people had 7 relapses",
        ),
        # an arm's size changes every sentence that names it, and the total
        (
            "{id: treated, label: Procedure, n: 9,",
            "{id: treated, label: Procedure, n: 12,",
            "A trial of 19 people",
            "A trial of 22 people",
        ),
        # a percentage, rounded for a natural frequency
        (
            "{arm: sham, value: 48.7}",
            "{arm: sham, value: 55.2}",
            "about 49 in 100 after the sham",
            "about 55 in 100 after the sham",
        ),
    ],
)
def test_a_value_changed_in_the_data_changes_the_prose_of_every_output(
    tmp_path: Path, old: str, new: str, before: str, after: str
) -> None:
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    shutil.copy(REPO / "sources" / "labels.en.yaml", tmp_path / "labels.en.yaml")
    kb = tmp_path / "kb.yaml"
    kb.write_text(NUMBERS.read_text(encoding="utf-8"), encoding="utf-8")
    only = ("--audience", "patient", "--only", "decision-aid-a4,talk-patient,web")
    outputs = {
        "PDF": (tmp_path / VARIANT / "decision-aid-a4.pdf", pdf_text),
        "deck": (tmp_path / VARIANT / "talk-patient.pptx", deck_text),
        "web page": (tmp_path / VARIANT / "index.html", page_text),
    }
    for sentence, data in ((before, None), (after, (old, new))):
        if data is not None:
            text = kb.read_text(encoding="utf-8")
            assert data[0] in text
            kb.write_text(text.replace(*data), encoding="utf-8")
        result = build(tmp_path, *only)
        assert result.returncode == 0, result.stderr
        for name, (path, read) in outputs.items():
            found = read(path)
            assert sentence in found, f"{name}: {sentence!r} not in {found[:2000]!r}"
            assert not re.search(r"\{[a-z0-9][a-z0-9-]*\.", found), f"{name} prints a reference"
    for name, (path, read) in outputs.items():
        assert before not in read(path), f"{name} still says {before!r}"
