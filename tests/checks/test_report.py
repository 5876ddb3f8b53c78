"""`leafdeck check` through the real command line: located findings on stderr, the report in
text, JSON or HTML, exit 1 on any error; and the HTML report's content."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _clean(data: dict[str, Any]) -> None:
    """The passing knowledge base with no warning left: a named reviewer, a review period around
    today, and its one unverified reference's warning waived."""
    today = dt.date.today()
    governance = data["governance"]
    governance["published"] = governance["last_reviewed"] = today - dt.timedelta(days=10)
    governance["next_review"] = today + dt.timedelta(days=300)
    governance["reviewers"] = [
        {"name": "Dr Ann Reviewer", "role": "Clinical reviewer", "qualifications": "Neurologist"}
    ]
    reference = next(r for r in data["references"] if r["id"] == "other-ref")
    reference["waivers"] = [{"rule": "CIT-005", "reason": "A reference kept for a test."}]


def test_on_a_clean_project_check_prints_the_summary_line_and_nothing_else(tmp_path: Path) -> None:
    kb = write_project(tmp_path, _clean)
    result = run_cli(str(kb), "--layouts", str(tmp_path / "layouts"), "--no-fit")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "0 error(s), 0 warning(s), 1 waived\n"


def test_verbose_adds_the_tables_and_lists_the_waived_findings_before_the_summary(tmp_path: Path) -> None:
    kb = write_project(tmp_path, _clean)
    result = run_cli(str(kb), "--layouts", str(tmp_path / "layouts"), "--no-fit", "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "0 error(s), 0 warning(s), 1 waived\n"
    assert "Waived (1): accepted warnings, each with its reason" in result.stdout
    assert "waived: A reference kept for a test." in result.stdout
    assert "Readability: patient, en" in result.stdout


REPORTS = [
    # (case, arguments): the findings first, one located line each, then the summary line
    ("text", ()),
    ("verbose", ("--verbose",)),
    ("json to a file", ("--format", "json", "--output", "{tmp}/report.json")),
]


@pytest.mark.parametrize("args", [c[1] for c in REPORTS], ids=[c[0] for c in REPORTS])
def test_findings_come_first_one_line_each_then_one_summary_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    kb = write_project(tmp_path, lambda d: d["studies"][0]["outcomes"][0].pop("timeframe"))
    options = [arg.format(tmp=tmp_path) for arg in args]
    result = run_cli(str(kb), "--layouts", str(tmp_path / "layouts"), "--no-fit", *options)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
    assert len(lines) >= 2
    assert all(re.match(LOCATED, line) for line in lines[:-1]), lines
    assert any(": RISK-001: trial-a-relapses" in line for line in lines)
    assert re.fullmatch(r"[1-9]\d* error\(s\), \d+ warning\(s\), \d+ waived", lines[-1])
    if "--output" in args:
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        assert len(report["findings"]) == len(lines) - 1 + report["waived"]


def _add_statement(data: dict[str, object]) -> None:
    topics = data["topics"]
    assert isinstance(topics, list)
    first = topics[0]["statements"][0]
    topics[0]["statements"].append({**first, "id": "added-after-the-build", "text": "A sentence added later."})


def test_check_judges_the_sources_whatever_lies_in_output_and_the_outputs_with_outputs(
    built: Path, tmp_path: Path
) -> None:
    with_outputs, bare = tmp_path / "built", tmp_path / "bare"
    shutil.copytree(built, with_outputs)
    (with_outputs / "out").rename(with_outputs / "output")  # where check --outputs looks by default
    write_project(with_outputs, _add_statement)  # edited after the build: every output lacks the new statement
    shutil.copy(REPO / "sources" / "labels.en.yaml", with_outputs)
    bare.mkdir()
    shutil.copytree(with_outputs / "layouts", bare / "layouts")
    for name in ("kb.yaml", "labels.en.yaml"):
        shutil.copy(with_outputs / name, bare / name)
    args = ("kb.yaml", "--layouts", "layouts", "--no-fit")
    sources_only = run_cli(*args, cwd=with_outputs)
    no_outputs = run_cli(*args, cwd=bare)
    assert (sources_only.returncode, sources_only.stderr) == (no_outputs.returncode, no_outputs.stderr)
    assert "OUT-" not in sources_only.stderr
    assert "SRC-" not in sources_only.stderr
    outputs = run_cli(*args, "--outputs", cwd=with_outputs)
    assert outputs.returncode == 1
    assert re.search(r": OUT-001: .*added-after-the-build", outputs.stderr), outputs.stderr
