"""NUM-001 and NUM-002 name the item a finding is in, by its id, and a typed number in a text that
refers to an outcome, or belongs to one, is compared with that outcome's values (issue 17,
editor's trial point 5): 4 typed for 3 sham lesions used to pass because 4 was the same study's
relapse count. Through the real CLI on the ``numbers`` fixture (trial-a: arms of 10 and 9;
relapses 4 and 1, p 0.389; improved 41.7 and 48.7 in 100, p 0.49; 12 months).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import LAYOUTS, REPO, ROOTS
from tests.realworld import LOCATED, cli, position

NUMBERS = ROOTS / "numbers" / "kb.yaml"
SHAM = "{trial-a-relapses.sham}."


def _checked(root: Path, old: str, new: str) -> tuple[Path, list[tuple[int, int, str, str]], int]:
    """``check`` of the fixture with ``old`` replaced by ``new``: the file, each NUM finding
    (line, column, rule, message) and the exit code."""
    shutil.copytree(LAYOUTS, root / "layouts")
    shutil.copy(REPO / "sources" / "labels.en.yaml", root / "labels.en.yaml")
    text = NUMBERS.read_text(encoding="utf-8")
    assert old in text
    path = root / "kb.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--no-fit")
    assert "Traceback" not in result.stderr
    matches = [LOCATED.match(line) for line in result.stderr.splitlines()]
    found = [(int(m["line"]), int(m["col"]), m["rule"], m["message"]) for m in matches if m and m["file"] == "kb.yaml"]
    return path, [hit for hit in found if hit[2].startswith("NUM-")], result.returncode


@pytest.mark.parametrize(
    ("old", "new", "flagged", "message"),
    [
        # the text refers to the relapses: 42 (the other outcome's 41.7, rounded) is not a relapse count
        (SHAM, "42.", "42", "trial-a-finding.text: a number 42 is not in the values of trial-a-relapses"),
        # an outcome's own label is about that outcome
        (
            "        label: Relapses\n",
            "        label: Relapses (48.7 in all)\n",
            "48.7",
            "trial-a-relapses.label: a number 48.7 is not in the values of trial-a-relapses",
        ),
        # one reference to an outcome makes the whole text about it: 43 is not 41.7 or 48.7 rounded
        (
            "About {trial-a-improved.treated:0} in 100",
            "About 43 in 100",
            "43",
            "trial-a-finding-function.text: a number 43 is not in the values of trial-a-improved",
        ),
    ],
)
def test_a_number_is_compared_with_the_outcome_its_text_is_about(
    tmp_path: Path, old: str, new: str, flagged: str, message: str
) -> None:
    path, found, code = _checked(tmp_path, old, new)
    assert code == 1
    line, col = position(path, new.strip())
    col += new.strip().index(flagged)
    assert [(li, co) for li, co, rule, m in found if rule == "NUM-002" and m.startswith(message)] == [(line, col)], (
        found
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (SHAM, "1."),  # the outcome's own value
        (SHAM, "4."),  # the outcome's other arm: a value of the outcome still (a swap is not caught)
        ("had {trial-a-relapses.treated}", "had {trial-a-relapses.treated} (of 9)"),  # an arm size
        ("relapses between them", "relapses in 12 months between them"),  # a duration of the study
        ("None shown.", "None shown in 42 people."),  # a text about no outcome: any number of its study
    ],
)
def test_the_outcomes_own_numbers_and_the_arm_sizes_pass(tmp_path: Path, old: str, new: str) -> None:
    _, found, _ = _checked(tmp_path, old, new)
    assert [hit for hit in found if hit[2] == "NUM-002"] == []


def test_a_reference_that_names_nothing_is_named_by_its_item(tmp_path: Path) -> None:
    path, found, code = _checked(tmp_path, SHAM, "{trial-a-relapse.sham}.")
    assert code == 1
    line, col = position(path, "{trial-a-relapse.sham}")
    hits = [m for li, co, rule, m in found if (li, co, rule) == (line, col, "NUM-001")]
    assert hits, found
    assert hits[0].startswith("trial-a-finding.text: {trial-a-relapse.sham} names no number")
