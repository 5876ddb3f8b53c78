"""Waivers: a warning accepted in the source it concerns, with a one-line reason. Table-driven:
where the waiver is written, which finding it covers; then the reports and the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from leafdeck.checks.report import html, summary, text
from tests.checks.conftest import Mutation, check, write_project
from tests.checks.test_rules import LONG, chain, set_path, statement, translation
from tests.conftest import REPO

REASON = "Lists three harms in one sentence, as the notice does."


def waive(*path: Any, rule: str, reason: str = REASON) -> Mutation:
    """Add a waiver to the item at ``path``."""

    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path:
            target = target[key]
        target.setdefault("waivers", []).append({"rule": rule, "reason": reason})

    return mutate


def long_sentence(data: dict[str, Any]) -> None:
    statement(data, LONG)


def stale_french(root: Path) -> None:
    """A French translation whose what-one entry was made from older English (SRC-002)."""
    translation(stale=False)(root)
    path = root / "kb.fr.yaml"
    head, entry = path.read_text(encoding="utf-8").split("\n  what-one:\n", 1)
    entry = entry.replace("source: ", "source: aaaaaaaaaaaa #", 1)
    path.write_text(f"{head}\n  what-one:\n{entry}", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    mutate: Mutation
    rule: str
    """The warning that must end up waived (and not counted as a warning)."""
    extra: Callable[[Path], None] | None = None


CASES = {
    "on the statement": Case(chain(long_sentence, waive("topics", 0, "statements", 0, rule="READ-004")), "READ-004"),
    "on the topic around it": Case(chain(long_sentence, waive("topics", 0, rule="READ-004")), "READ-004"),
    "on a reference": Case(waive("references", 1, rule="CIT-005"), "CIT-005"),
    "on a reference's unverified part": Case(
        chain(set_path("references", 0, "unverified", value=["pages"]), waive("references", 0, rule="CIT-008")),
        "CIT-008",
    ),
    "on the governance block": Case(waive("governance", rule="GOV-005"), "GOV-005"),
    "on an item, for its translation": Case(
        waive("topics", 0, "statements", 0, rule="SRC-002"), "SRC-002", extra=stale_french
    ),
}


def run_case(case: Case, tmp_path: Path) -> Any:
    path = write_project(tmp_path, case.mutate)
    if case.extra is not None:
        case.extra(tmp_path)
    return check(path)


@pytest.mark.parametrize("name", CASES)
def test_a_waiver_covers_the_warnings_inside_its_item(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    results = run_case(case, tmp_path)
    waived = [f for f in results.waived if f.rule == case.rule]
    assert waived, [str(f) for f in results.findings]
    assert all(f.waived == REASON and f.severity == "warning" for f in waived)
    assert not [f for f in results.warnings if f.rule == case.rule], [str(f) for f in results.warnings]
    assert not [f for f in results.findings if f.rule.startswith("WAIVE")], [str(f) for f in results.findings]


def test_a_waiver_covers_only_its_own_item(tmp_path: Path) -> None:
    results = check(write_project(tmp_path, chain(long_sentence, waive("topics", 0, "statements", 1, rule="READ-004"))))
    assert [f.rule for f in results.warnings if f.rule in ("READ-004", "WAIVE-002")] == ["READ-004", "WAIVE-002"]
    assert results.waived == []


def test_an_error_is_never_waived(tmp_path: Path) -> None:
    mutate = chain(
        lambda d: statement(d, "About 42% of people improved."), waive("topics", 0, "statements", 0, rule="RISK-004")
    )
    results = check(write_project(tmp_path, mutate))
    assert {f.rule for f in results.errors} >= {"RISK-004", "WAIVE-001"}
    assert results.waived == []


@pytest.mark.parametrize(
    ("waiver", "fragment"),
    [
        ({"rule": "read-4", "reason": REASON}, "waivers[0].rule"),
        ({"rule": "READ-004", "reason": "Two\nlines."}, "waivers[0].reason"),
        ({"rule": "READ-004"}, "missing required key 'reason'"),
    ],
)
def test_a_malformed_waiver_is_a_located_schema_error(waiver: dict[str, str], fragment: str, tmp_path: Path) -> None:
    results = check(write_project(tmp_path, set_path("topics", 0, "statements", 0, "waivers", value=[waiver])))
    found = [f for f in results.errors if f.rule == "SRC-001" and fragment in f.message]
    assert found, [str(f) for f in results.findings]
    assert all(f.line > 0 and f.col > 0 for f in found)


def test_reports_list_each_waived_finding_with_its_reason_and_count_it_apart(tmp_path: Path) -> None:
    results = check(write_project(tmp_path, chain(long_sentence, waive("topics", 0, rule="READ-004"))))
    waived = len(results.waived)
    assert waived == 1
    assert summary(results) == f"{len(results.errors)} error(s), {len(results.warnings)} warning(s), 1 waived"
    report = text(results, findings=False)
    assert f"waived: {REASON}" in report
    assert "READ-004" in report
    page = html(results)
    assert REASON in page
    assert "1 waived" in page


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", "check", *args], capture_output=True, text=True, cwd=REPO, check=False
    )


def test_the_cli_stays_quiet_about_waived_warnings_and_the_json_lists_them(tmp_path: Path) -> None:
    kb = write_project(tmp_path, chain(long_sentence, waive("topics", 0, "statements", 0, rule="READ-004")))
    args = (str(kb), "--outputs", str(tmp_path / "none"), "--layouts", str(tmp_path / "layouts"))
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "READ-004" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(", 1 waived")
    assert result.stdout == ""
    assert f"waived: {REASON}" in run_cli(*args, "--verbose").stdout
    report = json.loads(run_cli(*args, "--format", "json").stdout)
    assert report["waived"] == 1
    listed = [f for f in report["findings"] if f["waived"]]
    assert [(f["rule"], f["waived"]) for f in listed] == [("READ-004", REASON)]
    assert next(r for r in report["rules"] if r["id"] == "READ-004")["waived"] == 1


CLINIC = (
    "name: Test clinic\nphone: Ask at reception\naddress: 1 Test Street\nweb: https://example.org/x\n"
    'primary: "#1F4E79"\naccent: "#2E75B6"\n'
)


def test_a_clinic_file_is_waived_in_the_settings_by_file_and_rule(tmp_path: Path) -> None:
    waivers = [{"file": "clinics/test.yaml", "rule": "GOV-005", "reason": "An example clinic."}]
    path = write_project(tmp_path, settings={"waivers": waivers})
    (tmp_path / "layouts" / "clinics" / "test.yaml").write_text(CLINIC, encoding="utf-8")
    results = check(path)
    assert {(f.rule, f.waived) for f in results.waived if "clinic 'test'" in f.message} == {
        ("GOV-005", "An example clinic.")
    }
    assert not [f for f in results.warnings if "clinic 'test'" in f.message]
    released = check(path, release=True)  # a release refuses placeholders whatever the waivers say
    assert [f.rule for f in released.errors if "clinic 'test'" in f.message] == ["GOV-004", "GOV-004"]
    assert not [f for f in released.findings if f.rule.startswith("WAIVE")]  # kept for the next draft


def test_a_waiver_of_a_file_that_does_not_load_is_not_called_stale(tmp_path: Path) -> None:
    """A clinic file with a YAML error finds nothing, so its waiver waives nothing: that is no
    reason to remove it (trial 17c: a false WAIVE-002 beside the file's own SRC-001)."""
    waivers = [{"file": "clinics/test.yaml", "rule": "GOV-005", "reason": "An example clinic."}]
    path = write_project(tmp_path, settings={"waivers": waivers})
    (tmp_path / "layouts" / "clinics" / "test.yaml").write_text(CLINIC + "name: [broken\n", encoding="utf-8")
    results = check(path)
    assert [f.rule for f in results.errors if f.file.endswith("test.yaml")] == ["SRC-001"]
    assert not [f for f in results.findings if f.rule.startswith("WAIVE")]


def test_a_settings_waiver_of_an_error_or_of_nothing_is_located_in_the_settings(tmp_path: Path) -> None:
    waivers = [
        {"file": "clinics/test.yaml", "rule": "GOV-004", "reason": "Not allowed."},
        {"file": "clinics/none.yaml", "rule": "GOV-005", "reason": "Stale."},
    ]
    path = write_project(tmp_path, settings={"waivers": waivers})
    found = {f.rule: f for f in check(path).findings if f.rule.startswith("WAIVE")}
    assert sorted(found) == ["WAIVE-001", "WAIVE-002"]
    assert all(Path(f.file).name == "checks.yaml" and f.line > 0 for f in found.values())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "Ask at reception"),
        ("logo_alt", "Riverside MS Centre logo (stand-in artwork until we have our own)"),
        ("name", "TBD MS clinic"),
    ],
)
def test_a_placeholder_in_a_clinic_file_is_refused_at_release_at_its_line(
    tmp_path: Path, field: str, value: str
) -> None:
    """Clinical review 2026-12-07, M7: a release must not carry another clinic's stand-in logo."""
    path = write_project(tmp_path)
    clinic = (
        "name: Test clinic\nphone: 01234 567890\naddress: 1 Test Street\nweb: https://clinic.test/x\n"
        'logo_alt: Test clinic logo\nprimary: "#1F4E79"\naccent: "#2E75B6"\n'
    )
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in clinic.splitlines()]
    (tmp_path / "layouts" / "clinics" / "test.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [f for f in check(path, release=True).errors if "clinic 'test'" in f.message]
    assert [(f.rule, Path(f.file).name, f.line) for f in found] == [
        ("GOV-004", "test.yaml", 1 + [line.split(":")[0] for line in lines].index(field))
    ]
    assert value in found[0].message
