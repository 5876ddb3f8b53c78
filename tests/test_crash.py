"""A bug is not the user's fault (issue 14, case 12): exit 3 and the traceback in build/crash.log.

A bug is planted in each renderer (and in a command) of a real ``leafdeck`` process; the build
must exit 3, say where the details are, write every traceback to the build folder's crash.log
and publish nothing, whether it renders in one process or in workers. Input problems found by
a renderer stay exit 1 (see test_real_world_inputs.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOTS
from tests.realworld import project, write_clinic

PLANT = """
import importlib, sys
module, name = sys.argv.pop(1).rsplit(":", 1)
def broken(*args, **kwargs):
    raise ZeroDivisionError("a bug planted by the test")
setattr(importlib.import_module(module), name, broken)
from leafdeck.cli import run
sys.argv[0] = "leafdeck"
run()
"""


def run_with_bug(root: Path, target: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``leafdeck ARGS`` with ``module:function`` replaced by one that raises."""
    return subprocess.run(
        [sys.executable, "-c", PLANT, target, *args], capture_output=True, text=True, cwd=root, check=False
    )


BUILD = ["build", "kb.yaml", "--layouts", "layouts", "--out", "output", "--audience", "patient"]
RENDERERS = [
    ("leafdeck.render.leaflet:render", "leaflet-a4"),
    ("leafdeck.render.deck:render", "talk-patient"),
    ("leafdeck.render.web:render", "web"),
]


@pytest.mark.parametrize(("target", "product"), RENDERERS, ids=[p for _, p in RENDERERS])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_a_renderer_exits_3_with_a_crash_log(target: str, product: str, jobs: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    only = f"{product},leaflet-letter" if product != "leaflet-a4" else "leaflet-a4,web"
    result = run_with_bug(root, target, *BUILD, "--only", only, "--jobs", jobs)
    assert result.returncode == 3, f"exit {result.returncode}\n{result.stderr}"
    assert "internal error (a bug, not your input)" in result.stderr
    assert "details in build/crash.log" in result.stderr
    assert "Traceback" not in result.stderr, "the traceback belongs in the log, not on the screen"
    log = (root / "build" / "crash.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError: a bug planted by the test" in log
    published = [p for p in (root / "output").rglob("*") if p.is_file()] if (root / "output").exists() else []
    assert published == [], "outputs were published although an artifact failed"


def test_a_bug_in_a_command_exits_3_with_a_crash_log(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run_with_bug(root, "leafdeck.commands:schema", "schema")
    assert result.returncode == 3, result.stderr
    assert "details in build/crash.log" in result.stderr
    assert "ZeroDivisionError" in (root / "build" / "crash.log").read_text(encoding="utf-8")


def test_the_crash_log_goes_to_the_build_folder_asked_for(tmp_path: Path) -> None:
    root = project(tmp_path)
    args = [*BUILD, "--only", "web", "--jobs", "1", "--build-dir", "elsewhere"]
    result = run_with_bug(root, "leafdeck.render.web:render", *args)
    assert result.returncode == 3, result.stderr
    assert "ZeroDivisionError" in (root / "elsewhere" / "crash.log").read_text(encoding="utf-8")


CHECK_BUGS = [
    # (case, function replaced): the fit prediction runs in a forked child while the rules run here
    ("in the fit prediction's child", "leafdeck.publish.predict:fixed_jobs"),
    ("in a rule, with the fit prediction under way", "leafdeck.checks.readability:check"),
]


@pytest.mark.parametrize("target", [c[1] for c in CHECK_BUGS], ids=[c[0] for c in CHECK_BUGS])
def test_a_bug_during_check_exits_3_with_the_traceback_in_the_crash_log(target: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    shutil.copy(ROOTS / "checked" / "kb.yaml", root / "kb.yaml")  # every rule passes: the fit prediction runs
    write_clinic(root, "default")
    result = run_with_bug(root, target, "check", "kb.yaml", "--layouts", "layouts")
    assert result.returncode == 3, f"exit {result.returncode}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    log = (root / "build" / "crash.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug planted by the test" in log
    assert f"in {target.rsplit(':', 1)[1]}" in log or "broken" in log  # the failing call is named
