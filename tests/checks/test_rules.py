"""Every source rule, table-driven: one case that trips it and one that passes.

Each case starts from tests/roots/checked/kb.yaml (which passes every rule it can), applies a
small mutation (and sometimes settings, a date or --release), runs the real checks, and looks
for the rule's ID among the findings. A tripping case must also be located: a file, a line and
a column that point at the place to edit.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from leafdeck.checks import RULES
from leafdeck.read.translations import starter
from tests.checks.conftest import TODAY, Mutation, check, kb_data, rules_found, write_project
from tests.conftest import REPO


@dataclass(frozen=True)
class Case:
    """A knowledge base (a mutation of the passing one) and how to check it."""

    mutate: Mutation | None = None
    settings: dict[str, Any] | None = None
    today: dt.date = TODAY
    release: bool = False
    extra: Callable[[Path], None] | None = None
    """Writes more files beside kb.yaml (a translation)."""
    expect_in: tuple[str, ...] = field(default_factory=tuple)
    """Fragments the tripping message must contain."""


def statement(data: dict[str, Any], text: str) -> None:
    data["topics"][0]["statements"][0]["text"] = text


def set_path(*path: Any, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def chain(*mutations: Mutation) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for m in mutations:
            m(data)

    return mutate


def real_reviewer(data: dict[str, Any]) -> None:
    data["governance"]["reviewers"] = [
        {"name": "Dr Ada Lovelace", "role": "Clinical reviewer", "qualifications": "Consultant neurologist"}
    ]


def add_hypothesis_study(data: dict[str, Any]) -> None:
    data["studies"].append(
        {
            "id": "idea-study",
            "name": "An idea",
            "short_name": "Idea",
            "kind": "hypothesis",
            "year": 2009,
            "design": "No comparison group.",
            "findings": [{"id": "idea-finding", "text": "A link was reported.", "cites": ["trial-ref"]}],
            "conclusion": {"id": "idea-conclusion", "text": "A link was proposed.", "cites": ["trial-ref"]},
            "cites": ["trial-ref"],
        }
    )


def add_unknowns(data: dict[str, Any]) -> None:
    data["topics"].append(
        {
            "id": "topic-unknowns",
            "role": "unknowns",
            "title": "What is not known?",
            "statements": [{"id": "unknown-one", "text": "Long-term results are unknown.", "cites": ["trial-ref"]}],
        }
    )


def clinic_in(country: str) -> Callable[[Path], None]:
    """A clinic file in ``country`` (the passing knowledge base has advice for no country)."""

    def write(root: Path) -> None:
        text = f'name: Far clinic\nphone: "01632 960 000"\naddress: 1 Street\nprimary: "#1F4E79"\naccent: "#2E75B6"\ncountry: {country}\n'
        (root / "layouts" / "clinics" / "far.yaml").write_text(text, encoding="utf-8")

    return write


def translation(stale: bool) -> Callable[[Path], None]:
    """A complete French translation; with one entry made from older English when ``stale``."""

    def write(root: Path) -> None:
        from leafdeck.read.sources import load_kb

        kb, _ = load_kb(root / "kb.yaml")
        text = starter(kb, "fr", "2026-01-10").replace('""', '"Texte."').replace('[""]', '["test"]')
        text = text.replace('translator: "Texte."', "translator: Test")
        if stale:
            text = text.replace("source: ", "source: aaaaaaaaaaaa #", 1)
        (root / "kb.fr.yaml").write_text(text, encoding="utf-8")

    return write


def draft(language: str = "fr", empty: int = 1) -> Callable[[Path], None]:
    """A translation into ``language`` with its first ``empty`` fields not translated yet (and
    the English labels under its name when leafdeck ships none)."""

    def write(root: Path) -> None:
        from leafdeck.read.sources import load_kb

        kb, _ = load_kb(root / "kb.yaml")
        text = starter(kb, language, "2026-01-10").replace('translator: ""', "translator: Test")
        parts = text.replace('keywords: [""]', "keywords: [test]").split(': ""')
        filled = ': ""'.join(parts[: empty + 1]) + "".join(f': "Texte."{rest}' for rest in parts[empty + 1 :])
        (root / f"kb.{language}.yaml").write_text(filled, encoding="utf-8")
        if not (REPO / "sources" / f"labels.{language}.yaml").exists():
            shutil.copy(REPO / "sources" / "labels.en.yaml", root / f"labels.{language}.yaml")

    return write


HARD = (
    "Percutaneous transluminal venoplasty of extracranial cerebrospinal venous insufficiency demonstrated "
    "statistically insignificant improvements in multidimensional neurological functionality."
)
LONG = (
    "This sentence goes on and on for far longer than any reader of a patient leaflet would ever want, "
    "with one more clause after another, so that nobody can hold it in mind to the end."
)
JUDGE_ALL = {"readability": {"min_words": 1}}

TRIP: dict[str, Case] = {
    "SRC-001": Case(set_path("document", "subtitel", value="typo")),
    "SRC-002": Case(extra=translation(stale=True), expect_in=("stale",)),
    "CIT-001": Case(set_path("topics", 0, "statements", 0, "cites", value=[]), expect_in=("what-one",)),
    "CIT-002": Case(set_path("topics", 0, "statements", 0, "cites", value=["no-such-ref"]), expect_in=("no-such-ref",)),
    "CIT-003": Case(
        lambda d: d["references"].append(
            {"id": "spare-ref", "authors": "Poe E", "title": "Unused", "container": "J", "year": 2020, "verified": True}
        ),
        expect_in=("spare-ref",),
    ),
    "CIT-004": Case(set_path("references", 0, "doi", value="10.1000/test.1."), expect_in=("punctuation",)),
    "CIT-005": Case(expect_in=("other-ref: nothing of it is verified", "no patient output cites it")),
    "CIT-006": Case(set_path("references", 0, "verified", value=False), release=True, expect_in=("trial-ref",)),
    "CIT-008": Case(
        set_path("references", 0, "unverified", value=["pages", "doi"]), expect_in=("trial-ref: `doi` is not verified",)
    ),
    "CIT-009": Case(
        set_path("references", 0, "unverified", value=["doi"]),
        expect_in=("trial-ref: `verified: true` but no identifier",),
    ),
    "CIT-010": Case(
        set_path("references", 0, "unverified", value=["authors"]),
        expect_in=("trial-ref: source lines name it as", "`authors` are not verified"),
    ),
    "LANG-001": Case(extra=draft(empty=2), expect_in=("not translated yet; built in English", "fr: ")),
    "LANG-002": Case(extra=draft(empty=1), release=True, expect_in=("fr: not finished (1 of ",)),
    "LANG-003": Case(
        lambda d: statement(d, "It is called the [liberation procedure]{lang=EN}."), expect_in=("did you mean 'en'",)
    ),
    "READ-005": Case(extra=draft("ja", empty=0), expect_in=("ja: readability is not measured",)),
    "GOV-001": Case(today=dt.date(2027, 2, 1), expect_in=("2027-01-10",)),
    "GOV-002": Case(today=dt.date(2026, 12, 1), expect_in=("40 day(s)",)),
    "GOV-003": Case(set_path("governance", "next_review", value=dt.date(2027, 3, 10)), expect_in=("12-month",)),
    "GOV-004": Case(release=True, expect_in=("[To be named]",)),
    "GOV-005": Case(expect_in=("[To be named]",)),
    "GOV-007": Case(extra=clinic_in("JP"), expect_in=("no advice for JP (Japan)", "international advice")),
    "READ-001": Case(settings={"readability": {"min_words": 1, "audiences": {"patient": {"grade_target": 1}}}}),
    "READ-002": Case(lambda d: statement(d, HARD), settings=JUDGE_ALL, expect_in=("above 10",)),
    "READ-003": Case(lambda d: statement(d, HARD), settings=JUDGE_ALL, expect_in=("Reading Ease",)),
    "READ-004": Case(lambda d: statement(d, LONG), expect_in=("words (limit 25)",)),
    "RISK-001": Case(lambda d: d["studies"][0]["outcomes"][0].pop("timeframe"), expect_in=("trial-a-relapses",)),
    "RISK-002": Case(lambda d: statement(d, "Serious harms are rare."), expect_in=("rare",)),
    "RISK-003": Case(lambda d: statement(d, "It doubles the risk of a stroke."), expect_in=("doubles",)),
    "RISK-004": Case(lambda d: statement(d, "About 42% of people improved."), expect_in=("42%",)),
    "DA-001": Case(set_path("options", 1, "kind", value="treatment"), expect_in=("usual_care",)),
    "DA-002": Case(set_path("options", 0, "harms", 0, "audiences", value=["clinician"]), expect_in=("opt-procedure",)),
    "DA-003": Case(add_hypothesis_study, expect_in=("idea-study",)),
    "DA-004": Case(
        lambda d: d["key_points"].extend(
            {"id": f"kp-{n}", "text": "Trials found no benefit.", "cites": ["trial-ref"]} for n in range(5)
        ),
        expect_in=("6 key points",),
    ),
    "DA-005": Case(set_path("questions", 0, "audiences", value=["clinician"]), expect_in=("no questions",)),
    "NUM-001": Case(
        lambda d: statement(d, "It found {trial-a-relapse.treated} relapses."), expect_in=("did you mean",)
    ),
    "NUM-002": Case(lambda d: statement(d, "It found 18 relapses."), expect_in=("a number 18 is not in the data",)),
    "NUM-003": Case(
        lambda d: statement(d, "It found {trial-a-relapses.treated} relapses."),
        extra=translation(stale=False),
        expect_in=("drops {trial-a-relapses.treated}",),
    ),
    "NUM-004": Case(
        lambda d: statement(d, "It found 4 relapses."),
        extra=translation(stale=False),
        expect_in=("the translation has no number; the English has 4",),
    ),
    "WAIVE-001": Case(
        set_path("topics", 0, "statements", 0, "waivers", value=[{"rule": "RISK-004", "reason": "Quoted."}]),
        expect_in=("RISK-004 is an error",),
    ),
    "WAIVE-002": Case(
        set_path("topics", 0, "statements", 0, "waivers", value=[{"rule": "READ-004", "reason": "Long."}]),
        expect_in=("waives nothing",),
    ),
}
"""For each source rule, a knowledge base (or settings, date or flag) that trips it."""

PASS: dict[str, Case] = {
    "SRC-002": Case(extra=translation(stale=False)),
    "CIT-005": Case(set_path("references", 1, "verified", value=True)),
    "CIT-009": Case(set_path("references", 0, "unverified", value=["pages"])),  # the DOI it was checked against
    "LANG-001": Case(extra=draft(empty=0)),
    "LANG-002": Case(extra=draft(empty=0), release=True),
    "LANG-003": Case(lambda d: statement(d, "It is called the [liberation procedure]{lang=en}.")),
    "READ-005": Case(extra=draft("de", empty=0)),  # German is measured (Amstad; pyphen's syllables)
    "CIT-006": Case(release=True),  # other-ref has nothing verified, but only clinician text cites it
    "GOV-004": Case(real_reviewer, release=True),
    "GOV-005": Case(real_reviewer),
    "GOV-007": Case(extra=clinic_in("international")),
    "READ-002": Case(lambda d: statement(d, "It widens a vein with a balloon."), settings=JUDGE_ALL),
    "READ-003": Case(
        lambda d: statement(d, "It widens a vein with a balloon."),
        settings={"readability": {"min_words": 1, "audiences": {"patient": {"reading_ease_min": 30}}}},
    ),
    "RISK-002": Case(lambda d: statement(d, "Serious harms are rare: about 1 in 100 people.")),
    "RISK-003": Case(lambda d: statement(d, "It doubles the risk of a stroke, from 1 in 100 to 2 in 100.")),
    "DA-003": Case(chain(add_hypothesis_study, add_unknowns)),
    "NUM-002": Case(lambda d: statement(d, "It found 4 relapses in 9 people over 2018 and 2019.")),
    "WAIVE-002": Case(
        chain(
            lambda d: statement(d, LONG),
            set_path("topics", 0, "statements", 0, "waivers", value=[{"rule": "READ-004", "reason": "Long."}]),
        )
    ),
}
"""Cases that pass a rule; a rule not listed passes on the unchanged knowledge base."""

SOURCE_RULES = [
    r for r in RULES if not r.startswith(("OUT", "PLAN", "FIT", "LOGO")) and r not in ("RISK-005", "GOV-006")
]
"""Rules of the sources; output rules are tested on built outputs, PLAN rules with the content
plan, FIT rules (found while laying out a leaflet) with the leaflet, LOGO rules (about a
clinic's logo file) with logos (tests/test_logo_cases.py), GOV-006 (a release build of a talk
without its presenter) through the CLI (tests/test_presenters.py)."""


def run_case(case: Case, tmp_path: Path) -> Any:
    path = write_project(tmp_path, case.mutate, case.settings)
    if case.extra is not None:
        case.extra(tmp_path)
    return check(path, today=case.today, release=case.release)


def test_every_source_rule_has_cases() -> None:
    assert sorted(TRIP) == sorted(SOURCE_RULES)


@pytest.mark.parametrize("rule", SOURCE_RULES)
def test_rule_trips(rule: str, tmp_path: Path) -> None:
    case = TRIP[rule]
    results = run_case(case, tmp_path)
    found = [f for f in results.findings if f.rule == rule]
    assert found, f"{rule} did not fire; found {sorted(rules_found(results))}"
    assert all(f.severity == RULES[rule].severity for f in found)
    assert all(f.line > 0 and f.col > 0 for f in found), [str(f) for f in found]
    assert all(str(f).startswith(f"{f.file}:{f.line}:{f.col}: {rule}: ") for f in found)
    for fragment in case.expect_in:
        assert any(fragment in f.message for f in found), [f.message for f in found]


@pytest.mark.parametrize("rule", SOURCE_RULES)
def test_rule_passes(rule: str, tmp_path: Path) -> None:
    results = run_case(PASS.get(rule, Case()), tmp_path)
    assert rule not in rules_found(results), [str(f) for f in results.findings if f.rule == rule]


def test_the_passing_knowledge_base_has_no_errors(tmp_path: Path) -> None:
    results = check(write_project(tmp_path))
    assert results.errors == []


def test_a_doi_that_breaks_the_schema_pattern_is_a_citation_finding(tmp_path: Path) -> None:
    results = check(write_project(tmp_path, set_path("references", 0, "doi", value="doi:10.1000/x")))
    assert any(f.rule == "CIT-004" and "references[0].doi" in f.message for f in results.findings)


def test_a_pubmed_link_must_match_the_pmid(tmp_path: Path) -> None:
    mutate = chain(
        set_path("references", 0, "pmid", value="12345"),
        set_path("references", 0, "url", value="https://pubmed.ncbi.nlm.nih.gov/54321/"),
    )
    results = check(write_project(tmp_path, mutate))
    assert any(f.rule == "CIT-004" and "54321" in f.message for f in results.findings)


def test_a_statement_that_only_asks_questions_needs_no_reference(tmp_path: Path) -> None:
    data = kb_data()
    assert not data["questions"][0]["questions"][0].get("cites")
    results = check(write_project(tmp_path))
    assert not any(f.rule == "CIT-001" and "q-one" in f.message for f in results.findings)


def test_a_fact_before_a_question_needs_a_reference(tmp_path: Path) -> None:
    mutate = set_path("questions", 0, "questions", 0, "text", value="Trials found no benefit. Why try it?")
    results = check(write_project(tmp_path, mutate))
    assert any(f.rule == "CIT-001" and "q-one" in f.message for f in results.findings)


def test_a_bad_threshold_is_a_located_error(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    (tmp_path / "checks.yaml").write_text("governance:\n  max_interval_months: twelve\n", encoding="utf-8")
    results = check(path)
    assert [(f.rule, f.file.endswith("checks.yaml"), f.line) for f in results.errors] == [("SRC-001", True, 2)]


def test_release_turns_placeholder_warnings_into_errors(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    assert "GOV-004" not in rules_found(check(path))
    assert {f.severity for f in check(path, release=True).findings if f.rule == "GOV-004"} == {"error"}


def test_placeholder_clinic_contacts_are_found(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    clinic = (
        "name: Your MS clinic\nphone: Ask at reception\naddress: Clinic address not set\nweb: https://example.org/x\n"
        'primary: "#1F4E79"\naccent: "#2E75B6"\n'
    )
    (tmp_path / "layouts" / "clinics" / "default.yaml").write_text(clinic, encoding="utf-8")
    found = [f for f in check(path, release=True).findings if f.rule == "GOV-004" and "clinic '" in f.message]
    assert {f.line for f in found} == {2, 3, 4}
