"""A build that fails or is interrupted halfway leaves the previous output/ byte-for-byte as it
was, with no partial or temporary files (every file hashed before and after)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from leafdeck import cli
from leafdeck.errors import InputError, Problem
from leafdeck.render import RENDERERS
from tests.test_bad_inputs import project

PRODUCTS = "leaflet-a4,leaflet-letter,booklet-a5,trifold-a4"
BUILD = f"build kb.yaml --layouts layouts --out output --build-dir build --audience patient --only {PRODUCTS}"


def tree(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (hidden and temporary files included)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_cli(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *BUILD.split(), *extra],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose output/ holds a finished build of the minimal knowledge base."""
    root = project(tmp_path_factory.mktemp("previous"))
    result = run_cli(root)
    assert result.returncode == 0, result.stderr
    assert len(tree(root / "output")) == len(PRODUCTS.split(","))
    return root


@pytest.fixture
def root(previous: Path, tmp_path: Path) -> Path:
    """A copy of that project whose knowledge base has changed since (so a finished build
    would change every output)."""
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(previous, copy, symlinks=True)
    kb = copy / "kb.yaml"
    kb.write_text(kb.read_text().replace("Trials found no benefit.", "Trials found no benefit at all."))
    return copy


def overflowing(root: Path) -> None:
    """Enough key points that the tri-fold (built last) cannot hold them: an InputError halfway."""
    kb = root / "kb.yaml"
    extra = "".join(
        f"  - id: kp-extra-{i}\n    depth: essential\n"
        f"    text: Extra key point number {i}, long enough to fill a good part of a panel on its own.\n"
        f"    cites: [trial-ref]\n"
        for i in range(100)
    )
    kb.write_text(kb.read_text().replace("topics:\n", extra + "topics:\n", 1))


def test_a_build_failing_halfway_leaves_output_identical(root: Path) -> None:
    before = tree(root / "output")
    overflowing(root)
    result = run_cli(root, "--jobs", "1")
    assert result.returncode == 1, result.stderr
    assert "FIT-00" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(root / "output") == before


def _patched_pdf(monkeypatch: pytest.MonkeyPatch, fail: Callable[[], BaseException]) -> list[Path]:
    """Make the PDF renderer render the first artifact for real, then raise ``fail()``."""
    real = RENDERERS["pdf"].render
    calls: list[Path] = []

    def render(outline: Any, resolved: Any, target: Path) -> None:
        calls.append(target)
        if len(calls) > 1:
            raise fail()
        real(outline, resolved, target)

    monkeypatch.setattr(f"{RENDERERS['pdf'].module}.render", render)
    return calls


def _main(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(root)
    return cli.main([*BUILD.split(), "--jobs", "1"])


def test_ctrl_c_after_the_first_artifact_leaves_output_identical(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(root / "output")
    calls = _patched_pdf(monkeypatch, KeyboardInterrupt)
    assert _main(root, monkeypatch) == 130
    assert len(calls) == 2, "the interrupt came after one artifact was staged"
    assert "interrupted" in capsys.readouterr().err
    assert tree(root / "output") == before


def test_a_renderer_input_error_halfway_leaves_output_identical(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(root / "output")
    _patched_pdf(monkeypatch, lambda: InputError([Problem("layouts", message="the content does not fit")]))
    assert _main(root, monkeypatch) == 1
    assert "the content does not fit" in capsys.readouterr().err
    assert tree(root / "output") == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_real_ctrl_c_mid_build_leaves_output_identical(root: Path, jobs: str) -> None:
    """SIGINT to the whole process group, as a terminal sends it, once rendering has begun
    (in the main process, and in worker processes)."""
    before = tree(root / "output")
    process = subprocess.Popen(
        [sys.executable, "-m", "leafdeck", *BUILD.split(), "--jobs", jobs],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and not any((root / "output").rglob("*.tmp")):
        assert time.monotonic() < deadline, "the build never started rendering"
        time.sleep(0.005)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    # 130 is the exit code leafdeck chooses; a rare interrupt landing inside interpreter
    # shutdown still ends the process by SIGINT itself, the same status a shell reports for Ctrl-C.
    assert process.returncode in (130, -signal.SIGINT), err
    assert "interrupted" in err
    assert "Traceback" not in err
    assert tree(root / "output") == before
