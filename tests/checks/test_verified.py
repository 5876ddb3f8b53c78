"""`verified: true` names what it was verified against (issue 17.8, CIT-009), through the real CLI.

A reference marked verified needs a DOI, a PMID or an address (``url``, or ``seen_at`` for a copy
that is never printed) that is not itself listed under ``unverified``; otherwise ``leafdeck
check`` refuses it at its ``verified:`` line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.checks import CheckRequest, run
from tests.conftest import BUNDLED_KB, LAYOUTS, ROOTS
from tests.realworld import assert_refused, build, cli, located, position, project

TRIAL_REF = "    doi: 10.1000/test.1\n    verified: true\n"

CASES = [
    # (what, the lines replacing trial-ref's DOI and flag, refused)
    ("nothing to show", "    verified: true\n", True),
    ("a DOI", TRIAL_REF, False),
    ("a PMID", '    pmid: "24975855"\n    verified: true\n', False),
    ("an address", "    url: https://example.org/trial\n    verified: true\n", False),
    ("the address of a copy", "    seen_at: https://example.org/copy\n    verified: true\n", False),
    ("a DOI it lists as unverified", "    doi: 10.1000/test.1\n    verified: true\n    unverified: [doi]\n", True),
    ("not verified", "    verified: false\n", False),
]


@pytest.mark.parametrize(("what", "lines", "refused"), CASES, ids=[c[0] for c in CASES])
def test_verified_needs_an_identifier(tmp_path: Path, what: str, lines: str, refused: bool) -> None:
    project(tmp_path)
    text = (ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8")
    assert TRIAL_REF in text
    (tmp_path / "kb.yaml").write_text(text.replace(TRIAL_REF, lines), encoding="utf-8")
    result = cli(tmp_path, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output", "--no-fit")
    if refused:
        line, col = position(tmp_path / "kb.yaml", "verified: true")  # trial-ref is the first reference
        assert_refused(
            result, "kb.yaml", line, col + len("verified: "), "trial-ref: `verified: true` but no identifier"
        )
        assert "CIT-009" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "CIT-009" not in result.stderr
        assert not [m for *_, m in located(result.stderr) if "trial-ref: `verified: true`" in m]


def test_every_shipped_reference_marked_verified_names_what_it_was_verified_against() -> None:
    results = run(CheckRequest(BUNDLED_KB, LAYOUTS, None))
    assert [str(f) for f in results.findings if f.rule == "CIT-009"] == []


@pytest.mark.parametrize(("what", "lines", "refused"), CASES, ids=[c[0] for c in CASES])
def test_build_refuses_what_check_refuses(tmp_path: Path, what: str, lines: str, refused: bool) -> None:
    project(tmp_path)
    text = (ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8")
    (tmp_path / "kb.yaml").write_text(text.replace(TRIAL_REF, lines), encoding="utf-8")
    result = build(tmp_path, "--only", "web")
    if refused:
        line, col = position(tmp_path / "kb.yaml", "verified: true")
        assert_refused(
            result, "kb.yaml", line, col + len("verified: "), "trial-ref: `verified: true` but no identifier"
        )
        assert "CIT-009" in result.stderr
        assert not (tmp_path / "output").exists() or not any((tmp_path / "output").rglob("*.html"))
    else:
        assert "CIT-009" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
        assert any((tmp_path / "output").rglob("*.html"))
