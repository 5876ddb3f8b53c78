"""Layout loading: units, colours, contrast, confined asset paths, `extends:` and clinics."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.read.contrast import contrast
from leafdeck.read.layout import Clinic, load_clinic, load_model, parse_length
from tests.conftest import LAYOUTS


@pytest.mark.parametrize(
    ("text", "points"),
    [("10pt", 10.0), ("1in", 72.0), ("25.4mm", 72.0), ("2.54cm", 72.0), (12, 12.0), (" 3 mm ", 3 * 72 / 25.4)],
)
def test_lengths_become_points(text: str | int, points: float) -> None:
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize("text", ["12", "12 px", "mm", "1,5mm"])
def test_bad_lengths_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected a length"):
        parse_length(text)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#767676", "#FFFFFF", 4.54)],
)
def test_contrast_ratio(a: str, b: str, ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def clinic_file(root: Path, body: str) -> Path:
    (root / "clinics").mkdir(parents=True, exist_ok=True)
    path = root / "clinics" / "test.yaml"
    path.write_text(body)
    return path


BASE = "name: T\nphone: '1'\naddress: A\nweb: https://example.org\nprimary: '#1F4E79'\naccent: '#2E75B6'\n"


def test_default_clinic_loads() -> None:
    assert isinstance(load_clinic(LAYOUTS, "default"), Clinic)


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("logo: ../../etc/passwd\n", "must stay inside layouts/"),
        ("logo: /etc/passwd\n", "must stay inside layouts/"),
        ("logo: missing.png\n", "file not found"),
        ("colour: red\n", "unknown key"),
    ],
)
def test_clinic_problems(tmp_path: Path, extra: str, fragment: str) -> None:
    clinic_file(tmp_path, BASE + extra)
    with pytest.raises(InputError) as caught:
        load_clinic(tmp_path, "test")
    assert fragment in str(caught.value)


def test_low_contrast_brand_colour_is_refused(tmp_path: Path) -> None:
    clinic_file(tmp_path, BASE.replace("#1F4E79", "#FFFF00"))
    with pytest.raises(InputError, match=r"contrast of white text on the primary colour is 1\.07:1"):
        load_clinic(tmp_path, "test")


def test_symbolic_link_out_of_layouts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "clinics").mkdir()
    (tmp_path / "logo.png").symlink_to("/etc/hostname")
    clinic_file(tmp_path, BASE + "logo: logo.png\n")
    with pytest.raises(InputError, match="leads outside"):
        load_clinic(tmp_path, "test")


def test_extends_merges_parent_and_detects_loops(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nname: Child clinic\n")
    clinic = load_model(tmp_path / "child.yaml", Clinic, tmp_path)
    assert (clinic.name, clinic.phone) == ("Child clinic", "1")
    (tmp_path / "loop.yaml").write_text("extends: loop.yaml\nname: x\n")
    with pytest.raises(InputError, match="a loop"):
        load_model(tmp_path / "loop.yaml", Clinic, tmp_path)


def test_bad_clinic_name_is_refused() -> None:
    with pytest.raises(InputError, match="lower-case"):
        load_clinic(LAYOUTS, "../secrets")
