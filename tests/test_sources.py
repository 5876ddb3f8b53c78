"""The knowledge-base loader: each kind of mistake is reported with its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import cited_ids
from leafdeck.read.sources import load_kb
from tests.conftest import BUNDLED_KB, ROOTS

MINIMAL = (ROOTS / "minimal" / "kb.yaml").read_text(encoding="utf-8")


def mutated(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the minimal knowledge base with each (old, new) text replaced once."""
    text = MINIMAL
    for old, new in edits:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_kb(path)
    return caught.value.problems


def line_of(fragment: str) -> int:
    return next(i for i, line in enumerate(MINIMAL.splitlines(), 1) if fragment in line)


MISTAKES = [
    # (case, old, new, expected message fragment, line marker in the original, column)
    (
        "unknown key",
        "  subtitle: Made for tests\n",
        "  subtitel: Made for tests\n",
        "document.subtitel: unknown key (did you mean 'subtitle'?)",
        "subtitle: Made",
        3,
    ),
    (
        "missing required",
        "  decision: Should I try the tiny procedure?\n",
        "",
        "document: missing required key 'decision'",
        "  id: tiny",
        3,
    ),
    (
        "wrong type: list",
        "    arms:\n      - {id: sham, label: Sham, n: 10}\n      - {id: treated, label: Procedure, n: 9, treated: true}\n",
        "    arms: two arms\n",
        "studies[0].arms: expected a list, got the text 'two arms'",
        "    arms:",
        11,
    ),
    (
        "wrong type: number",
        "{id: sham, label: Sham, n: 10}",
        "{id: sham, label: Sham, n: many}",
        "studies[0].arms[0].n: expected a whole number, got the text 'many'",
        "{id: sham",
        36,
    ),
    (
        "number out of bounds",
        "    year: 2018\n",
        "    year: 3018\n",
        "studies[0].year: the number 3018 is too large: it must be at most 2100",
        "    year: 2018",
        11,
    ),
    ("number for text", '  version: "1.0.0"', "  version: 1.0", "(put it in quotes)", '  version: "1.0.0"', 12),
    (
        "duplicate key",
        "  funding: No external funding.\n",
        "  funding: No external funding.\n  funding: Twice.\n",
        "duplicate key 'funding'",
        "funding:",
        3,
    ),
    (
        "duplicate id",
        "  - id: opt-usual\n",
        "  - id: opt-procedure\n",
        "duplicate id 'opt-procedure'",
        "- id: opt-usual",
        9,
    ),
    (
        "unknown citation",
        "        cites: [other-ref]",
        "        cites: [other-rf]",
        "cites unknown reference 'other-rf' (did you mean 'other-ref'?)",
        "cites: [other-ref]",
        17,
    ),
    (
        "impossible date",
        "  published: 2026-01-10",
        "  published: 2026-02-30",
        "'2026-02-30' is not a real date",
        "published:",
        14,
    ),
    (
        "next review before last",
        "  next_review: 2027-01-10",
        "  next_review: 2025-12-01",
        "governance.next_review: must be after last_reviewed",
        "next_review:",
        16,
    ),
    (
        "bad choice",
        "    kind: usual_care",
        "    kind: usual",
        "expected one of 'procedure', 'usual_care'",
        "kind: usual_care",
        11,
    ),
    ("bad id", "  - id: q-evidence", "  - id: Q Evidence", "ids use lower-case letters", "- id: q-evidence", 9),
    ("bad doi", "    doi: 10.1000/test.1", "    doi: https://doi.org/10.1000/test.1", "a DOI looks like", "doi:", 10),
    (
        "arm that does not exist",
        "          - {arm: sham, value: 1}",
        "          - {arm: placebo, value: 1}",
        "no arm 'placebo' in study 'trial-a'",
        "{arm: sham, value: 1}",
        19,
    ),
    (
        "audience typo",
        "        audiences: [clinician]",
        "        audiences: [clinicians]",
        "expected one of 'patient', 'clinician' or 'advocacy'",
        "audiences: [clinician]",
        21,
    ),
    (
        "role twice",
        "    role: intervention",
        "    role: safety\n    role: safety",
        "duplicate key 'role'",
        "role: intervention",
        5,
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "fragment", "marker", "col"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_each_mistake_is_located(tmp_path: Path, old: str, new: str, fragment: str, marker: str, col: int) -> None:
    problems = problems_for(mutated(tmp_path, (old, new)))
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no problem mentions {fragment!r}: {[str(p) for p in problems]}"
    line = line_of(marker)
    assert (matching[0].line, matching[0].col) in {(line, col), (line + 1, col)}, str(matching[0])


def test_ten_mistakes_are_all_reported_in_one_run(tmp_path: Path) -> None:
    ten = MISTAKES[:3] + MISTAKES[4:11]  # the fourth edits the same lines as the third
    problems = problems_for(mutated(tmp_path, *(m[1:3] for m in ten)))
    for _, _, _, fragment, _, _ in ten:
        assert any(fragment in p.message for p in problems), fragment
    positions = {(p.line, p.col) for p in problems}
    assert len(positions) >= 10


def test_unused_reference_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = mutated(tmp_path, ("        cites: [other-ref]\n", ""))
    kb, warnings = load_kb(path)
    assert isinstance(kb, KnowledgeBase)
    assert [w.severity for w in warnings] == ["warning"]
    assert "reference 'other-ref' is never cited" in warnings[0].message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text("- just\n- a list\n")
    problems = problems_for(path)
    assert "the top level must be a mapping" in problems[0].message


def test_minimal_fixture_is_valid(minimal_kb: KnowledgeBase) -> None:
    assert minimal_kb.document.id == "tiny"


def test_bundled_knowledge_base_is_valid_and_clean() -> None:
    kb, warnings = load_kb(BUNDLED_KB)
    assert warnings == []
    assert kb.document.language == "en"


def test_bundled_citations_all_resolve_and_every_reference_is_cited(bundled_kb: KnowledgeBase) -> None:
    cited = cited_ids(bundled_kb)
    known = {r.id for r in bundled_kb.references}
    assert set(cited) <= known
    assert known <= set(cited)
