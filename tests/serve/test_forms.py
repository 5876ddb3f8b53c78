"""The brand form's pieces without a server: the clinic file it writes (loaded back by the CLI's
loader), problems placed beside their fields, the nearest passing shade, the country list, file
names, logo warnings, and that the build command never imports the web stack."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.errors import Problem
from leafdeck.read.contrast import MIN_CONTRAST, contrast
from leafdeck.read.images import MIN_PPI
from leafdeck.read.layout import CLINIC_STARTER, Clinic, load_model
from leafdeck.serve import forms
from leafdeck.serve.logos import logo_warnings
from leafdeck.serve.run import is_loopback
from tests.conftest import LAYOUTS
from tests.serve import uploads

HILLSIDE = forms.BrandForm(
    name='Hillside "MS" Service: Ward 7',
    phone="01632 960456",
    address="Hillside Hospital\nWard 7: Neurology\nHill Road, Hilltown HT1 2AB",
    web="https://hillside.example.org/leaflets",
    email="ms@hillside.example.org",
    country="GB",
    primary="#3F630F",
    accent="#330072",
)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hillside MS Service", "hillside-ms-service"),
        ("Clínica Santa María", "clinica-santa-maria"),
        ("  St. John's (North)  ", "st-john-s-north"),
        ("../../etc/passwd", "etc-passwd"),
        ("山の病院", ""),
    ],
)
def test_a_clinic_name_becomes_a_safe_file_name(name: str, slug: str) -> None:
    assert forms.slug_of(name) == slug


@pytest.mark.parametrize("editing", ["../../evil", "clinics/../x", "/tmp/x", "all", "UPPER"])
def test_a_form_editing_a_name_that_is_not_a_clinic_name_has_no_file_name(editing: str) -> None:
    assert replace(HILLSIDE, editing=editing).slug == ""


def test_the_clinic_file_loads_back_with_the_cli_loader_and_keeps_the_starter_comments(tmp_path: Path) -> None:
    text = forms.clinic_yaml(replace(HILLSIDE, editing="hillside"))
    path = tmp_path / "clinics" / "hillside.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    clinic = load_model(path, Clinic, tmp_path)
    assert (clinic.name, clinic.phone, clinic.web, clinic.email, clinic.country) == (
        HILLSIDE.name,
        HILLSIDE.phone,
        HILLSIDE.web,
        HILLSIDE.email,
        "GB",
    )
    assert clinic.address.splitlines() == HILLSIDE.address.splitlines()
    comments = [line for line in CLINIC_STARTER.format(name="hillside").splitlines() if line.startswith("#   ")]
    assert comments
    assert all(line in text.splitlines() for line in comments)


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        ({}, ["email:", "web:"], ["logo:"]),
        ({"email": ""}, ["# email:"], ["email:"]),
        ({"web": ""}, ['# web: "https://example.org/leafdeck"'], ["web:"]),
        ({"logo": "hillside.png"}, ['logo: "clinics/logos/hillside.png"', "logo_alt:"], []),
    ],
)
def test_optional_values_left_out_stay_commented_out(
    changes: dict[str, str], present: list[str], absent: list[str]
) -> None:
    lines = forms.clinic_yaml(replace(HILLSIDE, **changes)).splitlines()
    for start in present:
        assert any(line.startswith(start) for line in lines), start
    for start in absent:
        assert not any(line.startswith(start) for line in lines), start


@pytest.mark.parametrize(
    ("message", "line", "field"),
    [
        ("primary: contrast of white text on the primary colour is 2.29:1", 24, "primary"),
        ("(top level): missing required key 'web'", 0, "web"),
        ("logo_alt: must be one line", 0, "logo"),
        ("YAML syntax error: a ': ' where a value was expected", 14, "address"),
        ("something about the whole file", 0, ""),
    ],
)
def test_a_problem_is_placed_beside_the_field_it_names_or_whose_line_it_is_on(
    message: str, line: int, field: str
) -> None:
    text = forms.clinic_yaml(replace(HILLSIDE, editing="hillside"))
    problem = Problem("layouts/clinics/hillside.yaml", line, 1, message)
    assert forms.field_of(problem, forms.key_lines(text)) == field


@pytest.mark.parametrize("colour", ["#78BE20", "#FFCC00", "#7FB2E5", "#FF0000", "#CCCCCC"])
def test_the_nearest_passing_shade_passes_and_the_next_lighter_step_does_not(colour: str) -> None:
    import colorsys

    shade = forms.passing_shade(colour)
    assert shade is not None
    assert contrast(shade, "#FFFFFF") >= MIN_CONTRAST
    red, green, blue = (int(shade[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    lighter = colorsys.hls_to_rgb(hue, min(1.0, lightness + 0.01), saturation)
    assert contrast("#" + "".join(f"{round(c * 255):02X}" for c in lighter), "#FFFFFF") < MIN_CONTRAST


@pytest.mark.parametrize("colour", ["#1F4E79", "#000000", "purple", "#12345"])
def test_no_shade_is_offered_for_a_passing_or_unreadable_colour(colour: str) -> None:
    assert forms.passing_shade(colour) is None


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"phone": "", "web": "www.x.org", "primary": "#78BE20"}, {"phone", "web", "primary"}),
        ({"address": "", "accent": "purple", "email": "not an address"}, {"address", "accent", "email"}),
        ({"name": "\u200b", "country": "Narnia", "primary": "#FFCC00"}, {"name", "country", "primary"}),
        ({"primary": "#78BE20"}, {"primary"}),
    ],
)
def test_every_field_s_errors_come_in_one_round_at_their_own_lines(changes: dict[str, str], fields: set[str]) -> None:
    form = replace(HILLSIDE, **changes)  # its address has three lines: a stand-in of one line moves the keys below
    checked = forms.check_form(form, None, available=["en"], exists=False)
    erring = {k for k, ps in checked.problems.items() if any(p.severity == "error" for p in ps)}
    assert erring == fields
    assert checked.clinic is None
    lines = {key: number for number, key in forms.key_lines(checked.text)}
    for key in fields - {"name"}:  # each problem located at its key's line of the file the form makes
        assert {p.line for p in checked.problems[key]} == {lines[key]}, (key, checked.problems[key])


def test_checking_a_form_writes_nothing_outside_its_own_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch" / "inner"
    scratch.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for editing in ("../../evil", "../evil", "clinics/../../../evil"):
        checked = forms.check_form(replace(HILLSIDE, editing=editing), None, available=["en"], exists=False)
        assert not checked.valid
        assert checked.problems["name"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["inner", "scratch"]


@pytest.mark.parametrize(
    ("size", "transparent", "expected"),
    [
        ((1600, 500), False, []),
        ((120, 38), False, [("LOGO-001", f"(below {MIN_PPI} ppi in booklet-a5, ")]),
        ((1600, 500), True, [("LOGO-002", "with the band in the clinic's primary colour")]),  # green disc on teal
    ],
)
def test_logo_warnings_are_the_checks_own(
    tmp_path: Path, size: tuple[int, int], transparent: bool, expected: list[tuple[str, str]]
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(uploads.logo(*size, transparent=transparent))
    clinic = load_model(LAYOUTS / "clinics" / "riverside.yaml", Clinic, LAYOUTS)
    found = logo_warnings(LAYOUTS, clinic, path, ("layouts/clinics/hillside.yaml", 9, 1))
    assert [(p.severity, p.rule, p.line) for p in found] == [("warning", rule, 9) for rule, _ in expected]
    assert all(text in p.message for p, (_, text) in zip(found, expected, strict=True))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.10", False)],
)
def test_only_loopback_addresses_count_as_this_computer_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_command_line_does_not_import_the_web_stack() -> None:
    probe = "import sys, leafdeck.cli, leafdeck.commands; print(sorted({'starlette', 'uvicorn', 'jinja2'} & set(sys.modules)))"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
