"""A no-op build answers from the manifest alone (issue 14, start-up). No timing here: the
benchmark prints the time (make bench); this checks what makes it short, the imports it avoids,
and that it says exactly what a full look would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.realworld import cli, project

ARGS = ["build", "sources/kb.yaml", "--layouts", "layouts", "--out", "output", "--build-dir", "build", "--only", "web"]
HEAVY = ("pydantic", "reportlab", "babel", "pptx", "PIL", "fontTools", "yaml", "leafdeck.publish.pipeline")


def sources_project(root: Path) -> Path:
    """The test project with its knowledge base and labels in sources/, as in the real tree (a build
    watches the knowledge base's folder, so it must not be the one the outputs go to)."""
    project(root)
    (root / "sources").mkdir()
    for name in ("kb.yaml", "labels.en.yaml"):
        (root / name).rename(root / "sources" / name)
    return root


def test_a_no_op_build_imports_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    root = sources_project(tmp_path)
    first = cli(root, *ARGS)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "leafdeck", *ARGS],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")
    }
    heavy = sorted(name for name in imported if name.split(".")[0] in HEAVY or name in HEAVY)
    assert heavy == [], f"a no-op build imported {heavy}"
    summary = [line for line in again.stderr.splitlines() if line.startswith("built ")]
    assert summary == ["built 0, skipped 3 (up to date), failed 0"]
    hosted = [line for line in first.stdout.splitlines() if "is hosted at" in line]
    assert hosted, first.stdout
    assert [line for line in again.stdout.splitlines() if "is hosted at" in line] == hosted


def test_a_changed_input_is_not_a_no_op(tmp_path: Path) -> None:
    root = sources_project(tmp_path)
    assert cli(root, *ARGS).returncode == 0
    assert "skipped 3 (up to date)" in cli(root, *ARGS).stderr
    clinic = root / "layouts" / "clinics" / "default.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("Your MS clinic", "Our MS clinic"), "utf-8")
    again = cli(root, *ARGS)
    assert again.returncode == 0, again.stderr
    assert "built 3, skipped 0" in again.stderr
    assert "Our MS clinic" in (root / "output" / "default" / "en" / "patient" / "index.html").read_text("utf-8")
