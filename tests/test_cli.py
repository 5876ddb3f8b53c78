"""The command line contract: exit codes, messages on stderr, no tracebacks for user errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leafdeck import GC_THRESHOLDS, cli, commands
from tests.conftest import REPO, ROOTS

MINIMAL = ROOTS / "minimal" / "kb.yaml"


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_check_valid_kb_exits_0() -> None:
    result = run_cli("check", str(ROOTS / "checked" / "kb.yaml"), "--outputs", "no-outputs-here")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"0 error\(s\), \d+ warning\(s\), \d+ waived", result.stderr.splitlines()[-1])


def test_check_invalid_kb_exits_1_with_located_messages(tmp_path: Path) -> None:
    bad = tmp_path / "kb.yaml"
    bad.write_text(MINIMAL.read_text().replace("  subtitle:", "  subtitel:"))
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:6:3: SRC-001: document.subtitel: unknown key (did you mean 'subtitle'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert "1 error(s)" in result.stderr


@pytest.mark.parametrize("args", [(), ("frobnicate",), ("build", "--format", "docx"), ("check", "--nope")])
def test_wrong_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_schema_prints_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "KnowledgeBase"
    assert "Statement" in schema["$defs"]


def test_internal_error_is_one_line_and_a_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(commands, "schema", broken)
    assert cli.main(["schema"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error" in err
    assert "RuntimeError: boom" in (tmp_path / "build" / "crash.log").read_text()


def test_build_with_unwritable_output_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where a folder should be")
    result = run_cli("build", str(MINIMAL), "--out", str(blocker / "x"), "--build-dir", str(tmp_path / "b"))
    assert result.returncode == 1, result.stderr
    assert "cannot write here" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failing_artifact_holds_back_the_others_and_says_so(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    css = tmp_path / "layouts" / "web.css"  # the web page refuses it while rendering; the leaflets render
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { background: url(x.png); }\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [
        "build",
        str(MINIMAL),
        "--layouts",
        str(tmp_path / "layouts"),
        "--out",
        str(out),
        "--build-dir",
        str(tmp_path / "b"),
    ]
    result = run_cli(*args, "--clinic", "default", "--audience", "patient", "--only", "leaflet-a4,web", "--jobs", "1")
    assert result.returncode == 1, result.stderr
    assert "'url(' is not allowed" in result.stderr
    assert "failed 1; 1 rendered but not published, so every earlier output is unchanged" in result.stderr
    assert not list(out.rglob("*.pdf"))


@pytest.mark.parametrize(
    "entry",
    [
        "import runpy, sys; sys.argv = ['leafdeck', '--version']; runpy.run_module('leafdeck', run_name='__main__')",
        "import sys; sys.argv = ['leafdeck', '--version']; from leafdeck.cli import run; run()",
    ],
)
def test_a_command_collects_cycles_less_often_than_python_s_defaults(entry: str) -> None:
    """``python -m leafdeck`` (before its imports) and the console script both raise the
    collector's thresholds; the command still runs and exits 0."""
    probe = f"import atexit, gc, sys; atexit.register(lambda: sys.stderr.write(repr(gc.get_threshold()))); {entry}"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(repr(GC_THRESHOLDS))
    assert GC_THRESHOLDS[0] > 700
