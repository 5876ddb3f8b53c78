"""`leafdeck check` through the real command line: located findings on stderr, the report in
text, JSON or HTML, exit 1 on any error; and the HTML report's content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafdeck.checks import RULES
from leafdeck.checks.report import html, thumbnail
from tests.checks.conftest import PDF, check, write_project
from tests.conftest import REPO

LOCATED = r"^[^\s:][^:]*:\d+:\d+: [A-Z]+-\d{3}: "


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", "check", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_findings_are_located_lines_on_stderr_and_errors_exit_1(tmp_path: Path) -> None:
    kb = write_project(tmp_path, lambda d: d["studies"][0]["outcomes"][0].pop("timeframe"))
    result = run_cli(str(kb), "--outputs", str(tmp_path / "none"), "--layouts", str(tmp_path / "layouts"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{kb}:") and ": RISK-001: trial-a-relapses" in line for line in lines), lines
    assert all(re.match(LOCATED, line) for line in lines[:-1]), lines
    assert re.fullmatch(r"\d+ error\(s\), \d+ warning\(s\), \d+ waived", lines[-1])


def test_json_report(tmp_path: Path) -> None:
    kb = write_project(tmp_path)
    result = run_cli(str(kb), "--format", "json", "--outputs", str(tmp_path / "none"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 0
    assert [r["id"] for r in report["rules"]] == list(RULES)
    assert {f["rule"] for f in report["findings"]} >= {"CIT-005", "GOV-005"}
    assert {(b["audience"], b["language"]) for b in report["readability"]} >= {("patient", "en")}


def test_html_report_written_to_a_file(tmp_path: Path) -> None:
    kb = write_project(tmp_path)
    target = tmp_path / "report" / "check.html"
    result = run_cli(str(kb), "--format", "html", "--output", str(target), "--outputs", str(tmp_path / "none"))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "</html>" in page
    assert "PASS with warnings" in page
    assert "CIT-005" in page
    assert "Readability" in page


def test_html_report_shows_each_output_with_its_rules_and_a_thumbnail(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    results = check(tmp_path / "kb.yaml", outputs=tmp_path / "out")
    page = html(results)
    for name in ("leaflet-a4.pdf", "talk-patient.pptx"):
        assert name in page
    assert "OUT-001 pass" in page
    assert "OUT-005 pass" in page
    if shutil.which("pdftoppm"):
        assert page.count("data:image/png;base64,") == 1  # the leaflet's first page; decks have none


def test_thumbnail_is_a_small_png(built: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed")
    uri = thumbnail(built / PDF)
    assert uri is not None
    assert uri.startswith("data:image/png;base64,")
    assert len(uri) < 60_000


def test_a_knowledge_base_that_does_not_load_reports_only_why(tmp_path: Path) -> None:
    bad = tmp_path / "kb.yaml"
    bad.write_text("schema_version: 1\ndocument: [\n", encoding="utf-8")
    result = run_cli(str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{bad}:")
    assert "SRC-001: YAML syntax error" in result.stderr
