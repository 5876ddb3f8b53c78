"""`leafdeck check` reports every problem at once (issue 17): a file that does not load (a YAML
syntax error in a translation, in the knowledge base, a clinic refused by its schema) never
hides the other files' problems, nor what the rules find in a knowledge base that loads; each
problem is located in its own file. Through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOTS
from tests.realworld import assert_refused, cli, position, project, write_clinic

TRIAL_REF = "    doi: 10.1000/test.1\n    verified: true\n"
BROKEN_YAML = "language: fr\nitems: [unclosed\n"
"""A translation whose list never closes: a YAML syntax error."""

BROKEN = {
    # what is broken → (file, text found at the line, column offset from it, message fragment)
    "translation": ("kb.fr.yaml", None, 0, "YAML syntax error"),
    "clinic": ("layouts/clinics/test.yaml", "primary:", len("primary: "), "contrast of white text"),
    "reference": ("kb.yaml", "verified: true", len("verified: "), "`verified: true` but no identifier"),
    "knowledge base": ("kb.yaml", "title: ", len("title: "), "YAML syntax error"),
}

CASES = [
    # (what is broken at once; the knowledge base then loads or not)
    ("translation", "clinic", "reference"),
    ("translation", "reference"),
    ("clinic", "reference"),
    ("knowledge base", "translation", "clinic"),
]


def _broken_project(root: Path, broken: tuple[str, ...]) -> None:
    project(root)
    text = (ROOTS / "checked" / "kb.yaml").read_text(encoding="utf-8")
    if "reference" in broken:
        text = text.replace(TRIAL_REF, "    verified: true\n")
    if "knowledge base" in broken:
        text = text.replace("title: ", "title: : [", 1)
    (root / "kb.yaml").write_text(text, encoding="utf-8")
    if "translation" in broken:
        (root / "kb.fr.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    write_clinic(root, primary='"#FFFFF0"' if "clinic" in broken else '"#1F4E79"')


@pytest.mark.parametrize("broken", CASES, ids=[" + ".join(c) for c in CASES])
def test_check_reports_every_file_s_problem_at_once(tmp_path: Path, broken: tuple[str, ...]) -> None:
    _broken_project(tmp_path, broken)
    result = cli(tmp_path, "check", "kb.yaml", "--layouts", "layouts", "--no-fit")
    for what in broken:
        file, text, offset, fragment = BROKEN[what]
        if text is None:  # the unclosed list: where libyaml notices it, on the line after it opens
            line, col = position(tmp_path / file, "[unclosed")
            hits = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{file}:") and fragment in ln]
            assert hits, f"{what}: nothing in {file} with {fragment!r}\n{result.stderr}"
            assert int(hits[0].split(":")[1]) >= line
            continue
        line, col = position(tmp_path / file, text)
        assert_refused(result, file, line, col + offset, fragment)
