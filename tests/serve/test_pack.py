"""One request's build (``serve.pack``), in this process: a bug becomes one line for the page and
a traceback in the server's crash log; messages name the project's paths, not the throwaway
folder's."""

from __future__ import annotations

from pathlib import Path

from leafdeck.serve import forms, pack
from tests.conftest import LAYOUTS
from tests.realworld import MINIMAL


def _spec(tmp_path: Path, **changes: object) -> pack.PackSpec:
    form = forms.BrandForm(name="Hillside MS Service", phone="01632 960456", address="1 Road", web="https://x.org/l")
    values: dict[str, object] = {
        "kb": MINIMAL,
        "layouts": LAYOUTS,
        "slug": "hillside",
        "clinic_yaml": forms.clinic_yaml(form),
        "logo": None,
        "languages": ("en",),
        "products": ("option-grid-a4",),
        "crash_log": tmp_path / "serve" / "crash.log",
    }
    values.update(changes)
    return pack.PackSpec(**values)  # type: ignore[arg-type]


def test_a_bug_in_a_build_is_one_line_for_the_page_and_a_traceback_in_the_crash_log(tmp_path: Path) -> None:
    def broken(spec: pack.PackSpec, root: Path, out: Path) -> pack.PackResult:
        raise ZeroDivisionError("division by zero")

    result = pack._guarded(_spec(tmp_path), broken)
    assert result.bug is not None
    assert result.bug.startswith(
        "internal error (a bug in leafdeck, not your input): ZeroDivisionError: division by zero"
    )
    assert "\n" not in result.bug
    log = (tmp_path / "serve" / "crash.log").read_text("utf-8")
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError" in log


def test_a_problem_in_the_inputs_names_the_project_s_paths(tmp_path: Path) -> None:
    text = forms.clinic_yaml(
        forms.BrandForm(name="Hillside 山の病院", phone="1", address="1 Road", web="https://x.org/l")
    )
    result = pack.preview(_spec(tmp_path, clinic_yaml=text))
    assert result.bug is None
    assert result.problems
    assert all(p.startswith("layouts/clinics/hillside.yaml:") for p in result.problems), result.problems
    assert not any("leafdeck-serve-" in p for p in result.problems)
