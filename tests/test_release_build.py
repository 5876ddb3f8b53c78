"""``leafdeck build --release`` through the real CLI (issue 17, editor's trial point 1): a release
build runs the release rules of ``leafdeck check --release`` before it decides anything is up to
date, and refuses with the same located messages, exit 1, every earlier output byte for byte.

Only what the build makes is judged: the clinics and languages built, CIT-006 only when a
patient output is built (``publish/release.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOTS
from tests.realworld import build, cli, located, position, project, release_ready

LEAFLET = ("--clinic", "test", "--only", "leaflet-a4", "--audience", "patient")
TARGET = Path("output/test/en/patient/leaflet-a4.pdf")


def _reviewer_placeholder(root: Path) -> tuple[str, int, int, str]:
    kb = root / "kb.yaml"
    text = kb.read_text(encoding="utf-8")
    kb.write_text(text.replace('"Dr Rana Patel"', '"[To be named: neurologist]"'), encoding="utf-8")
    return ("kb.yaml", *position(kb, '"[To be named: neurologist]"'), "GOV-004: reviewer '[To be named: neurologist]'")


def _clinic_placeholder(root: Path) -> tuple[str, int, int, str]:
    path = root / "layouts" / "clinics" / "test.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("1 Test Street", "Address TBD"), encoding="utf-8")
    line, col = position(path, "Address TBD")
    return "layouts/clinics/test.yaml", line, col, "GOV-004: clinic 'test': address 'Address TBD' is a placeholder"


def _unverified_cited(root: Path) -> tuple[str, int, int, str]:
    kb = root / "kb.yaml"
    text = kb.read_text(encoding="utf-8")
    head, tail = text.split("  - id: trial-ref", 1)
    kb.write_text(head + "  - id: trial-ref" + tail.replace("verified: true", "verified: false", 1), encoding="utf-8")
    line = kb.read_text(encoding="utf-8").splitlines().index("    verified: false") + 1
    return "kb.yaml", line, 15, "CIT-006: trial-ref: nothing of it is verified"


def _unfinished_translation(root: Path) -> tuple[str, int, int, str]:
    made = cli(root, "translate", "de", "kb.yaml")
    assert made.returncode == 0, made.stderr
    shutil.copy(root / "labels.en.yaml", root / "labels.de.yaml")
    line, _ = position(root / "kb.de.yaml", "language: de")
    return "kb.de.yaml", line, len("language: ") + 1, "LANG-002: de: not finished ("


@dataclass(frozen=True)
class Case:
    spoil: Callable[[Path], tuple[str, int, int, str]]
    """Makes the project unreleasable; returns where and what ``check --release`` reports."""
    lang: str = "en"
    """The language the refused release build asks for."""


CASES = {
    "placeholder reviewer (GOV-004)": Case(_reviewer_placeholder),
    "placeholder clinic contact (GOV-004)": Case(_clinic_placeholder),
    "unverified source cited to patients (CIT-006)": Case(_unverified_cited),
    "unfinished translation (LANG-002)": Case(_unfinished_translation, lang="de"),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = project(tmp_path)
    shutil.copy(ROOTS / "checked" / "kb.yaml", root / "kb.yaml")  # passes every rule
    release_ready(root)
    return root


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_release_build_is_refused_as_check_release_refuses_even_when_up_to_date(root: Path, case: Case) -> None:
    first = build(root, *LEAFLET, "--lang", "en", "--release")
    assert first.returncode == 0, first.stderr  # a release-ready project builds
    before = (root / TARGET).read_bytes()
    where = case.spoil(root)
    checked = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--no-fit", "--release")
    assert checked.returncode == 1
    assert where[:3] in {hit[:3] for hit in located(checked.stderr)}, checked.stderr
    for _attempt in range(2):  # the English leaflet is up to date for a GOV/CIT case; a refusal records nothing
        refused = build(root, *LEAFLET, "--lang", case.lang, "--release")
        assert refused.returncode == 1, refused.stderr
        _assert_same_refusal(refused.stderr, checked.stderr, where)
        assert "skipped" not in refused.stderr
        assert "built" not in refused.stdout
        assert (root / TARGET).read_bytes() == before  # the earlier output is untouched
        assert not (root / "output/test/de").exists()  # and nothing of an unfinished language is written


def _assert_same_refusal(build_err: str, check_err: str, where: tuple[str, int, int, str]) -> None:
    """The build prints, for ``where``, exactly the line ``check --release`` prints there."""
    file, line, col, expected = where
    start = f"{file}:{line}:{col}: {expected.split(':')[0]}: "
    built = [text for text in build_err.splitlines() if text.startswith(start)]
    checked = [text for text in check_err.splitlines() if text.startswith(start)]
    assert built, build_err
    assert built == checked, build_err
    assert expected.split(": ", 1)[1] in built[0], build_err
    assert "Traceback" not in build_err


def test_a_release_build_judges_only_the_clinics_and_audiences_it_makes(root: Path) -> None:
    _clinic_placeholder(root)  # clinic 'test' is not built below: the default clinic is
    spoilt = root / "layouts" / "clinics" / "default.yaml"
    assert "Clinic address not set" in spoilt.read_text(encoding="utf-8")  # the shipped default is a placeholder
    release_ready(root, "default")
    _unverified_cited(root)
    clinician = build(root, "--clinic", "default", "--only", "talk-clinician", "--lang", "en", "--release")
    assert "CIT-006" not in clinician.stderr  # no patient output is built
    assert "clinics/test.yaml" not in clinician.stderr
    patient = build(root, "--clinic", "default", "--only", "leaflet-a4", "--lang", "en", "--release")
    assert patient.returncode == 1
    assert "CIT-006: trial-ref" in patient.stderr
    assert "clinics/test.yaml" not in patient.stderr
