"""A finding keeps to its rule's message; the editors' note it concerns goes to ``--verbose``, the
JSON and the HTML report (issue 17, editor's trial point 4: CIT-005 lines ran to ~400 characters
by pasting a reference's ``note``). Through the real CLI on a tiny project."""

from __future__ import annotations

import json
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from tests.conftest import ROOTS
from tests.realworld import cli, project

LINE = "CIT-005: other-ref: nothing of it is verified against a primary record (no patient output cites it) (warning)"
NOTE = "A note the editors keep, far too long to print on the finding's own line, on purpose."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project(tmp_path)
    shutil.copy(ROOTS / "checked" / "kb.yaml", tmp_path / "kb.yaml")
    kb = tmp_path / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8").replace("note: Not checked.", f"note: {NOTE}"), encoding="utf-8")
    return tmp_path


def checked(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli(root, "check", "kb.yaml", "--layouts", "layouts", "--no-fit", *extra)


def test_the_finding_line_is_the_rule_message_and_the_note_is_in_the_reports(root: Path) -> None:
    plain = checked(root)
    line = next(text for text in plain.stderr.splitlines() if "CIT-005" in text)
    assert line.endswith(LINE)
    assert NOTE not in plain.stderr
    verbose = checked(root, "--verbose")
    assert line in verbose.stderr.splitlines()  # one line per finding on standard error still
    assert NOTE not in verbose.stderr
    tables = verbose.stdout.splitlines()  # the note is in the tables, below its finding
    at = next(i for i, text in enumerate(tables) if "CIT-005" in text)
    assert tables[at].strip().endswith(LINE.removesuffix(" (warning)"))
    assert tables[at + 1] == f"    note: {NOTE}"
    report = json.loads(checked(root, "--format", "json").stdout)
    (found,) = [f for f in report["findings"] if f["rule"] == "CIT-005"]
    assert found["note"] == NOTE
    assert LINE.startswith(f"CIT-005: {found['message']}")
    page = checked(root, "--format", "html").stdout
    assert f"note: {escape(NOTE)}" in page
