"""After the next-review date: patient builds are refused (a located error) unless
--allow-expired, which stamps "Out of date: do not issue" on every page and every slide."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from leafdeck.errors import InputError
from leafdeck.publish.pipeline import BuildRequest, build
from tests.checks.conftest import write_project
from tests.conftest import LAYOUTS, REPO
from tests.render.leaflet.pdftext import page_texts, words

AFTER = dt.date(2027, 2, 1)
"""After the passing knowledge base's next review (2027-01-10)."""
STAMP = "Out of date: do not issue."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path)
    shutil.rmtree(tmp_path / "layouts")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    return tmp_path


def request(root: Path, **changes: object) -> BuildRequest:
    base = BuildRequest(
        root / "kb.yaml",
        root / "layouts",
        root / "out",
        root / "build",
        audiences=("patient",),
        only=("leaflet-a4", "talk-patient"),
        today=AFTER,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_overdue_patient_build_is_refused_at_the_review_date(project: Path) -> None:
    with pytest.raises(InputError) as caught:
        build(request(project))
    (problem,) = caught.value.problems
    line = next(i for i, t in enumerate((project / "kb.yaml").read_text().splitlines(), 1) if "next_review:" in t)
    assert (Path(problem.file).name, problem.line, problem.severity) == ("kb.yaml", line, "error")
    assert "--allow-expired" in problem.message
    assert not (project / "out").exists()


def test_allow_expired_stamps_every_page_and_every_slide(project: Path) -> None:
    report = build(request(project, allow_expired=True))
    assert not report.having("failed")
    pages = page_texts(project / "out/default/en/patient/leaflet-a4.pdf")
    assert all(STAMP in words(page) for page in pages), pages
    deck = Presentation(str(project / "out/default/en/patient/talk-patient.pptx"))
    notices = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.name == "Notice"]
    assert len(notices) == len(deck.slides)
    assert all(n.startswith(STAMP) for n in notices)


def test_before_the_review_date_nothing_is_stamped(project: Path) -> None:
    build(request(project, today=dt.date(2026, 6, 1)))
    pages = page_texts(project / "out/default/en/patient/leaflet-a4.pdf")
    assert not any(STAMP in words(page) for page in pages)


def test_clinician_outputs_are_neither_refused_nor_stamped(project: Path) -> None:
    report = build(request(project, audiences=("clinician",), only=("talk-clinician",)))
    assert not report.having("failed")
    deck = Presentation(str(project / "out/default/en/clinician/talk-clinician.pptx"))
    assert not [s for slide in deck.slides for s in slide.shapes if s.name == "Notice"]


def test_a_stamped_translation_keeps_its_own_notice_after_the_stamp(project: Path) -> None:
    from leafdeck.read.sources import load_kb
    from leafdeck.read.translations import starter

    kb, _ = load_kb(project / "kb.yaml")
    text = starter(kb, "fr", "2026-01-10").replace('""', '"Texte."').replace('[""]', '["test"]')
    (project / "kb.fr.yaml").write_text(text.replace('translator: "Texte."', "translator: Test"), encoding="utf-8")
    build(request(project, languages=("fr",), allow_expired=True))
    pages = page_texts(project / "out/default/fr/patient/leaflet-a4.pdf")
    assert all("Périmé : ne pas distribuer." in words(page) for page in pages)
    assert "Cette traduction n'a pas encore été vérifiée" in words(pages[0])  # the first page's box, in full


def test_the_command_line_flag(project: Path) -> None:
    shutil.copy(REPO / "sources" / "labels.en.yaml", project)
    args = [sys.executable, "-m", "leafdeck", "build", "kb.yaml", "--only", "leaflet-a4", "--audience", "patient"]
    result = subprocess.run([*args, "--allow-expired"], capture_output=True, text=True, cwd=project, check=False)
    assert result.returncode == 0, result.stderr  # not yet overdue today: the flag changes nothing
    usage = subprocess.run([*args[:4], "--help"], capture_output=True, text=True, cwd=REPO, check=False)
    assert "--allow-expired" in usage.stdout
