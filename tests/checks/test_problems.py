"""One problem type: every problem carries the rule code set where it was found, and prints as
``file:line:col: RULE: message`` from ``leafdeck check`` and ``leafdeck build`` alike. Table-driven,
through the real command line; a message can be reworded without changing its rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from leafdeck.checks import RULES, citations
from leafdeck.checks.core import judged
from leafdeck.errors import Problem
from tests.checks.conftest import Mutation, kb_data
from tests.checks.test_rules import set_path
from tests.conftest import LAYOUTS, REPO


@dataclass(frozen=True)
class Case:
    mutate: Mutation
    rule: str
    fragment: str
    """Part of the message; the line must read ``kb.yaml:LINE:COL: RULE: ...fragment``."""
    line_of: str
    """Text on the line the problem must point at."""
    commands: tuple[str, ...] = ("check", "build")


def expire(data: dict[str, object]) -> None:
    governance = data["governance"]
    assert isinstance(governance, dict)
    governance.update(published=dt.date(2020, 1, 1), last_reviewed=dt.date(2020, 1, 1))
    governance["next_review"] = dt.date(2020, 12, 1)


CASES = {
    "unknown key": Case(set_path("document", "subtitel", value="typo"), "SRC-001", "unknown key", "subtitel:"),
    "unknown reference": Case(
        set_path("key_points", 0, "cites", value=["no-such-ref"]), "CIT-002", "cites unknown reference", "no-such-ref"
    ),
    "DOI syntax": Case(set_path("references", 0, "doi", value="doi:10.1000/x"), "CIT-004", "doi", "doi:10.1000/x"),
    "PMID syntax": Case(set_path("references", 0, "pmid", value="PMID 123"), "CIT-004", "pmid", "PMID 123"),
    "review date passed": Case(expire, "GOV-001", "was due on 2020-12-01", "next_review:"),
}


def project(root: Path, mutate: Mutation) -> Path:
    shutil.copytree(LAYOUTS, root / "layouts")
    shutil.copy(REPO / "sources" / "labels.en.yaml", root / "labels.en.yaml")
    data = kb_data()
    mutate(data)
    (root / "kb.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def run_cli(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    args = ["check", "kb.yaml", "--outputs", "none"] if command == "check" else ["build", "kb.yaml", "--only", "web"]
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=root, check=False
    )


@pytest.mark.parametrize(
    ("name", "command"), [(name, command) for name, case in CASES.items() for command in case.commands]
)
def test_each_problem_prints_its_rule(name: str, command: str, tmp_path: Path) -> None:
    case = CASES[name]
    root = project(tmp_path, case.mutate)
    result = run_cli(root, command)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    text = (root / "kb.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, content in enumerate(text, 1) if case.line_of in content)
    pattern = re.compile(rf"^kb\.yaml:{line}:\d+: {case.rule}: .*{re.escape(case.fragment)}", re.MULTILINE)
    assert pattern.search(result.stderr), result.stderr


def test_an_unused_reference_warns_in_a_build_and_fails_the_check(tmp_path: Path) -> None:
    def spare(data: dict[str, object]) -> None:
        refs = data["references"]
        assert isinstance(refs, list)
        refs.append(
            {
                "id": "spare-ref",
                "authors": "Poe E",
                "title": "T",
                "container": "J",
                "year": 2020,
                "doi": "10.1000/spare.1",  # verified against a record (else CIT-009 refuses the build too)
                "verified": True,
            }
        )

    root = project(tmp_path, spare)
    checked = run_cli(root, "check")
    assert checked.returncode == 1
    assert re.search(r"^kb\.yaml:\d+:\d+: CIT-003: .*'spare-ref' is never cited$", checked.stderr, re.MULTILINE)
    built = run_cli(root, "build")
    assert built.returncode == 0, built.stderr
    assert re.search(
        r"^kb\.yaml:\d+:\d+: CIT-003: .*'spare-ref' is never cited \(warning\)$", built.stderr, re.MULTILINE
    )


def test_the_rule_is_not_read_from_the_message() -> None:
    """Rewording a message keeps its rule: nothing maps wording to codes any more."""
    assert not hasattr(citations, "classify")
    reworded = Problem("kb.yaml", 3, 5, "this id is not among the references", rule="CIT-002")
    assert judged(reworded).rule == "CIT-002"
    assert str(reworded) == "kb.yaml:3:5: CIT-002: this id is not among the references"
    plain = Problem("kb.yaml", 3, 5, "cites unknown reference 'x'")
    assert plain.rule == "SRC-001"  # only where it is made is the rule chosen


@pytest.mark.parametrize(
    "fields",
    [
        {"rule": "cit-2"},
        {"rule": ""},
        {"severity": "warning"},  # a warning names its rule
        {"severity": "fatal"},
        {"rule": "READ-004", "waived": "reason"},  # an error cannot be waived
    ],
)
def test_a_problem_made_wrongly_is_a_bug(fields: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=r"rule code|severity|must name its rule|can be waived"):
        Problem("kb.yaml", 1, 1, "message", **fields)  # type: ignore[arg-type]


def test_a_rule_missing_from_the_table_is_a_bug() -> None:
    with pytest.raises(ValueError, match="not in the rule table"):
        judged(Problem("kb.yaml", 1, 1, "message", rule="NOPE-001"))


def test_every_rule_code_has_the_one_shape() -> None:
    assert all(re.fullmatch(r"[A-Z]+-\d{3}", code) and RULES[code].id == code for code in RULES)
    assert dataclasses.fields(Problem)[5].name == "rule"


def test_a_release_check_refuses_a_patient_output_citing_a_reference_with_nothing_verified(tmp_path: Path) -> None:
    root = project(tmp_path, set_path("references", 0, "verified", value=False))
    args = [sys.executable, "-m", "leafdeck", "check", "kb.yaml", "--outputs", "none"]
    draft = subprocess.run(args, capture_output=True, text=True, cwd=root, check=False)
    assert re.search(
        r"^kb\.yaml:\d+:\d+: CIT-005: trial-ref: .*`--release` refuses it.*\(warning\)$", draft.stderr, re.M
    )
    released = subprocess.run([*args, "--release"], capture_output=True, text=True, cwd=root, check=False)
    assert released.returncode == 1
    text = (root / "kb.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, content in enumerate(text, 1) if content.strip() == "verified: false")
    assert re.search(rf"^kb\.yaml:{line}:\d+: CIT-006: trial-ref: ", released.stderr, re.M), released.stderr


def test_each_unverified_part_is_reported_at_its_list_entry(tmp_path: Path) -> None:
    root = project(tmp_path, set_path("references", 0, "unverified", value=["pages", "doi"]))
    result = subprocess.run(
        [sys.executable, "-m", "leafdeck", "check", "kb.yaml", "--outputs", "none"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    text = (root / "kb.yaml").read_text(encoding="utf-8").splitlines()
    first = next(i for i, content in enumerate(text, 1) if content.strip() == "unverified:")
    found = re.findall(r"^kb\.yaml:(\d+):\d+: CIT-008: trial-ref: `(\w+)`", result.stderr, re.M)
    assert found == [(str(first + 1), "pages"), (str(first + 2), "doi")], result.stderr
