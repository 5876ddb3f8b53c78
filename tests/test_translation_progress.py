"""What ``leafdeck check`` prints for a translation just started (issue 17, editor's trial point 3),
through the real CLI: by default each file's progress line, its first ``SHOWN`` "not translated
yet" lines and one "... N more" line; ``--verbose`` and the JSON report list every one; under
``--release`` a language refused by LANG-002 does not also list its LANG-001 lines; errors are
printed before warnings, in ``check`` and in ``build``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from leafdeck.checks.condense import SHOWN
from tests.conftest import ROOTS
from tests.realworld import build, cli, located, project

KB = "kb.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project passing every rule, with ``leafdeck translate de`` run and the labels not copied."""
    project(tmp_path)
    shutil.copy(ROOTS / "checked" / KB, tmp_path / KB)
    made = cli(tmp_path, "translate", "de", KB)
    assert made.returncode == 0, made.stderr
    return tmp_path


def checked(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli(root, "check", KB, "--layouts", "layouts", "--no-fit", *extra)


def untranslated(stderr: str) -> list[tuple[str, int, int, str]]:
    """The located LANG-001 lines of the German translation, progress line aside."""
    lines = [line for line in stderr.splitlines() if line.startswith("kb.de.yaml:") and ": LANG-001: " in line]
    return [hit for hit in located("\n".join(lines)) if "fields translated" not in hit[3]]


def test_by_default_the_progress_line_the_first_fields_and_how_many_more(root: Path) -> None:
    short, full = checked(root), checked(root, "--verbose")
    assert short.returncode == full.returncode == 0  # warnings only: a draft blocks nothing
    every = untranslated(full.stderr)
    assert len(every) > SHOWN + 20  # every field of a new language: far more than are shown
    assert untranslated(short.stderr) == every[:SHOWN]  # the first ones, in file order
    progress = re.search(r"^kb\.de\.yaml:\d+:\d+: LANG-001: de: 0 of (\d+) fields translated", short.stderr, re.M)
    assert progress, short.stderr
    more = f"... {len(every) - SHOWN} more LANG-001 lines in kb.de.yaml (leafdeck check --verbose lists them)"
    assert more in short.stderr.splitlines()
    lines = short.stderr.splitlines()
    assert lines.index(more) == lines.index(next(line for line in lines if every[SHOWN - 1][3] in line)) + 1
    summary = lines[-1]
    assert summary == full.stderr.splitlines()[-1]  # the same findings, only fewer printed
    assert int(summary.split(", ")[1].split()[0]) > len(every)  # counted, though not printed


def test_the_json_report_lists_every_field(root: Path) -> None:
    full = checked(root, "--verbose")
    report = checked(root, "--format", "json")
    findings = json.loads(report.stdout)["findings"]
    fields = [f for f in findings if f["file"] == "kb.de.yaml" and f["rule"] == "LANG-001"]
    assert len(fields) == len(untranslated(full.stderr)) + 1  # and the progress line


def test_a_release_refusal_does_not_also_list_the_fields(root: Path) -> None:
    result = checked(root, "--release")
    assert result.returncode == 1
    assert re.search(r"^kb\.de\.yaml:\d+:\d+: LANG-002: de: not finished", result.stderr, re.M), result.stderr
    assert not [line for line in result.stderr.splitlines() if "LANG-001" in line and "de" in line.split(":")[0]]
    assert "(warning)" in result.stderr  # GOV-002, CIT-005, ...: printed after the errors
    severities = ["error" if not line.endswith("(warning)") else "warning" for line in result.stderr.splitlines()[:-1]]
    assert severities == sorted(severities, key=lambda s: s != "error")  # errors first, then warnings


def test_a_build_prints_errors_before_warnings(root: Path) -> None:
    path = root / "kb.de.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    title: ""', '    titel: "Ein Titel"', 1), encoding="utf-8")
    result = build(root, "--lang", "de", "--only", "leaflet-a4", "--audience", "patient")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if located(line)]
    assert lines, result.stderr
    kinds = ["warning" if line.endswith("(warning)") else "error" for line in lines]
    assert "error" in kinds
    assert "warning" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "error"), result.stderr
