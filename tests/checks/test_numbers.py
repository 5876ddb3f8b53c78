"""NUM-002 (a number in text about a trial that the trial's data does not hold) and NUM-003 (a
translation that drops or changes a reference): which numbers are results and which are
exempt, what matches the data, where a finding points, how it is waived; then the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from leafdeck.checks.numbers import Known, literal_numbers, literal_problems, written_numbers
from leafdeck.read.numbers import translation_reference_problems as translation_problems
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import item_hash, load_translation, translatable_items, translation_path
from leafdeck.read.yamlio import load
from tests.conftest import BUNDLED_KB, LAYOUTS, REPO, ROOTS
from tests.realworld import assert_refused, cli, position

NUMBERS = ROOTS / "numbers" / "kb.yaml"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("19 new lesions in 9 people", ["19", "9"]),
        ("p=0.062 and p<0.0001", ["0.062", "0.0001"]),
        ("3,069 people; −0.8 vs +1.2", ["3069", "0.8", "1.2"]),  # a sign is not compared
        ("Over 6 months, and a 48-week visit", ["6 duration", "48 duration"]),
        ("for 6 to 12 months", ["6 duration", "12 duration"]),
        ("at 6–12 months", ["6 duration", "12 duration"]),
        # exempt: years, dates, codes, ordinals, confidence levels, frequency denominators, phases, ratios
        ("a 2009 study; reviewed in 2026", []),
        ("presented on 20 March 2013, and on March 8", []),
        ("NCT01450072, IPG640, T2 lesions, MSQOL-54, CD009903", []),
        ("the 2nd and 3rd visits", []),
        ("95% CI", []),
        ("42 in 100, 3 per 1000, 5 out of 100, 66 in every 100", ["42", "3", "5", "66"]),
        ("phase 2 of the trial", []),
        ("randomized 2:1", []),
        ("{trial-a-relapses.treated} relapses in {trial-a.treated.n}", []),
        ("version 1.2.3", []),
    ],
)
def test_which_numbers_look_like_results(text: str, found: list[str]) -> None:
    said = [f"{number}{' duration' if duration else ''}" for _, number, duration in literal_numbers(text)]
    assert said == found


@pytest.fixture(scope="module")
def known() -> Known:
    kb, _ = load_kb(NUMBERS)
    found = Known()
    found.add(kb.studies[0])
    return found


@pytest.mark.parametrize(
    ("written", "duration", "matches"),
    [
        ("9", False, True),  # an arm size
        ("19", False, True),  # the total
        ("4", False, True),  # a value
        ("41.7", False, True),  # a value as written
        ("42", False, True),  # ... rounded as the prose shows it
        ("41.70", False, True),
        ("41.8", False, False),
        ("41.65", False, False),  # more places than the data has: not a rounding of it
        ("43", False, False),
        ("0.389", False, True),  # a p-value as reported
        ("0.39", False, False),  # p-values are not rounded
        ("-4", False, True),  # a sign is not compared
        ("12", True, True),  # the follow-up
        ("6", True, False),  # a duration the study does not have
        ("9", True, False),  # a duration matches only durations
        ("18", False, False),
    ],
)
def test_what_matches_the_data(known: Known, written: str, duration: bool, matches: bool) -> None:
    assert known.matches(Decimal(written), duration) is matches


def _project(root: Path, old: str = "", new: str = "") -> Path:
    shutil.copytree(LAYOUTS, root / "layouts")
    shutil.copy(REPO / "sources" / "labels.en.yaml", root / "labels.en.yaml")
    text = NUMBERS.read_text(encoding="utf-8")
    assert old in text
    path = root / "kb.yaml"
    path.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return path


def _where(old: str, new: str, part: str) -> tuple[int, int]:
    """Line and column of ``part`` of ``new`` once it replaces the first ``old`` in the fixture."""
    text = NUMBERS.read_text(encoding="utf-8")
    at = text.index(old) + new.index(part)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


@pytest.mark.parametrize(
    ("old", "new", "flagged"),
    [
        ("{trial-a-relapses.treated}\n", "18\n", "18"),  # the drift: 19 became 18
        ("{trial-a.treated.n} treated", "8 treated", "8"),  # an arm size retyped wrong
        ("{trial-a-improved.sham:0} in", "50 in", "50"),  # a percentage rounded wrong
        ("(p={trial-a-relapses.p})", "(p=0.39)", "0.39"),  # a p-value changed
        ("Over 12 months", "Over 6 months", "6"),  # a follow-up that is not the study's
        ("None shown.", "None shown in 200 people.", "200"),  # an option's benefit citing the trial
    ],
)
def test_a_drifted_number_is_found_at_its_line_and_column(tmp_path: Path, old: str, new: str, flagged: str) -> None:
    path = _project(tmp_path, old, new)
    kb, _ = load_kb(path)
    where, _ = load(path)
    assert where is not None
    found = literal_problems(kb, where)
    assert len(found) == 1, found
    line, col = _where(old, new, flagged)
    assert (found[0].rule, found[0].line, found[0].col) == ("NUM-002", line, col)
    assert f" {flagged} " in found[0].message
    assert "trial-a" in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{trial-a-relapses.treated}\n", "4\n"),  # a number that matches passes (a reference is better)
        ("Not effective.", "In 2018, 4 per 1000 people saw NCT01450072 on 2 March."),  # exempt numbers
        ("About {trial-a-improved.treated:0} in 100", "About 42 in 100"),
        ("Keep your treatment.", "A trial of 200 people found no benefit."),  # cites nothing: not about a trial
    ],
)
def test_numbers_that_match_or_are_exempt_pass(tmp_path: Path, old: str, new: str) -> None:
    path = _project(tmp_path, old, new)
    kb, _ = load_kb(path)
    where, _ = load(path)
    assert where is not None
    assert literal_problems(kb, where) == []


def _check(root: Path) -> tuple[int, str, str]:
    result = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output", "--format", "json")
    return result.returncode, result.stdout, result.stderr


def test_check_refuses_a_drifted_number_through_the_cli(tmp_path: Path) -> None:
    path = _project(tmp_path, "{trial-a-relapses.treated}\n", "18\n")
    result = cli(tmp_path, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output", "--no-fit")
    line, col = _where("{trial-a-relapses.treated}\n", "18\n", "18")
    assert_refused(
        result, "kb.yaml", line, col, "trial-a-finding.text: a number 18 is not in the values of trial-a-relapses"
    )
    assert f"kb.yaml:{line}:{col}: NUM-002: " in result.stderr
    assert path.is_file()


ADVICE = [
    # (case, edit, advice the message gives): a duration cannot be written as a reference
    ("a count", ("{trial-a-relapses.treated}\n", "18\n"), "write it as a reference ({OUTCOME.ARM}"),
    (
        "a duration",
        ("Over 12 months", "Over 6 months"),
        "correct it to a time the data gives (follow-up and time frames: 12",
    ),
]


@pytest.mark.parametrize(("edit", "advice"), [a[1:] for a in ADVICE], ids=[a[0] for a in ADVICE])
def test_the_advice_fits_what_was_written(tmp_path: Path, edit: tuple[str, str], advice: str) -> None:
    path = _project(tmp_path, *edit)
    kb, _ = load_kb(path)
    where, _ = load(path)
    assert where is not None
    found = literal_problems(kb, where)
    assert len(found) == 1, found
    assert advice in found[0].message
    assert ("reference" in found[0].message) is (advice.startswith("write"))


def test_an_unknown_reference_stops_check_and_build_through_the_cli(tmp_path: Path) -> None:
    path = _project(tmp_path, "{trial-a-relapses.sham}.", "{trial-a-relapse.sham}.")
    line, col = position(path, "{trial-a-relapse.sham}")
    for args in (
        ("check", "kb.yaml", "--layouts", "layouts"),
        ("build", "kb.yaml", "--layouts", "layouts", "--out", "output"),
    ):
        result = cli(tmp_path, *args)
        assert_refused(result, "kb.yaml", line, col, "{trial-a-relapse.sham} names no number")
        assert "NUM-001" in result.stderr
    assert not (tmp_path / "output").exists()


WAIVER = '\n        waivers:\n          - {rule: NUM-002, reason: "The screening count is not in the arm data."}'


@pytest.mark.parametrize(
    ("where", "waived"),
    [
        ("      - id: trial-a-finding", True),  # on the item with the number
        ("  - id: trial-a", False),  # on its study: a NUM-002 waiver covers its own item only
    ],
)
def test_a_waiver_accepts_a_number_on_its_own_item(tmp_path: Path, where: str, waived: bool) -> None:
    path = _project(tmp_path, "{trial-a-relapses.treated}\n", "18\n")
    text = path.read_text(encoding="utf-8")
    indent = "\n" + " " * (len(where) - len(where.lstrip()) + 2)
    waiver = WAIVER.replace("\n        ", indent)
    path.write_text(text.replace(where + "\n", where + waiver + "\n", 1), encoding="utf-8")
    result = cli(tmp_path, "check", "kb.yaml", "--layouts", "layouts", "--no-fit")
    assert "Traceback" not in result.stderr
    assert ("NUM-002" in result.stderr) is not waived, result.stderr
    if waived:
        assert "0 waived" not in result.stdout
        assert "WAIVE-001" not in result.stderr
    else:
        assert "WAIVE-002" in result.stderr  # the study's waiver waives nothing


def _translation(tmp_path: Path, text: str, stale: bool = False) -> Path:
    kb, _ = load_kb(NUMBERS)
    _, english = translatable_items(kb)["trial-a-finding"]
    path = tmp_path / "kb.fr.yaml"
    path.write_text(
        "language: fr\nsource_version: '1.0.0'\ntranslator: Test\nclinically_checked: false\ndate: 2026-01-10\n"
        f"keywords: [test]\nitems:\n  trial-a-finding:\n    source: '{'a' * 12 if stale else item_hash(english)}'\n"
        f"    text: >-\n      {text}\n",
        encoding="utf-8",
    )
    return path


FRENCH = "Sur 12 mois, les {trial-a.treated.n} personnes traitées ont eu {trial-a-relapses.treated} poussées, et les {trial-a.sham.n} du groupe simulé {trial-a-relapses.sham}."


@pytest.mark.parametrize(
    ("old", "new", "says", "stale"),
    [
        ("", "", "", False),  # every reference kept, in its own order
        ("{trial-a-relapses.treated} poussées", "4 poussées", "NUM-003: drops {trial-a-relapses.treated}", False),
        (
            "{trial-a-relapses.sham}.",
            "{trial-a-relapses.treated}.",
            "NUM-003: has {trial-a-relapses.treated}, which the English does not",
            False,
        ),
        ("{trial-a.sham.n}", "{trial-a.sham.n:0}", "NUM-003: has {trial-a.sham.n:0}", False),
        # stale: the English changed since; SRC-002 says so, and the references wait for the update
        ("{trial-a-relapses.treated} poussées", "4 poussées", "", True),
        # but a reference that names nothing is refused even then: it would print as typed
        ("{trial-a-relapses.sham}.", "{trial-a-relapses.shame}.", "NUM-001: {trial-a-relapses.shame} names no", True),
    ],
)
def test_a_translation_keeps_the_references(tmp_path: Path, old: str, new: str, says: str, stale: bool) -> None:
    kb, _ = load_kb(NUMBERS)
    path = _translation(tmp_path, FRENCH.replace(old, new) if old else FRENCH, stale)
    _, where = load_translation(path)
    found = translation_problems(kb, where)
    if not says:
        assert found == []
        return
    rule, says = says.split(": ", 1)
    assert [p.rule for p in found] == [rule]
    assert says in found[0].message
    if says.startswith(("has", "{")):
        line, col = position(path, new)
        assert (found[0].line, found[0].col) == (line, col)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_shipped_translations_keep_every_reference(language: str) -> None:
    kb, _ = load_kb(BUNDLED_KB)
    _, where = load_translation(translation_path(BUNDLED_KB, language))
    assert translation_problems(kb, where) == []


def test_the_shipped_knowledge_base_has_no_drifted_number() -> None:
    """Every NUM-002 finding of the shipped knowledge base is waived on its item with a reason."""
    from leafdeck.checks import CheckRequest, run

    results = run(CheckRequest(BUNDLED_KB, LAYOUTS, None))
    numbers = [f for f in results.findings if f.rule.startswith("NUM")]
    assert numbers
    assert all(f.waived for f in numbers)
    assert not [f for f in results.findings if f.rule.startswith("WAIVE")]


@pytest.mark.parametrize(
    ("text", "language", "numbers"),
    [
        ("19 lesions in 9 people, p=0.062", "en", ["0.062", "9", "19"]),
        ("19 lésions chez 9 personnes, p = 0,062", "fr", ["0.062", "9", "19"]),
        ("about 30,000 people", "en", ["30000"]),
        ("environ 30\u00a0000 personnes", "fr", ["30000"]),
        ("unas 30.000 personas", "es", ["30000"]),
        ("{trial-a-relapses.treated} sur 100, MSQOL-54, T2", "fr", []),  # references, frequencies, codes
        ("el 20 de marzo de 2013", "es", ["20", "2013"]),
    ],
)
def test_the_numbers_a_translation_writes(text: str, language: str, numbers: list[str]) -> None:
    assert [f"{n:f}" for n in written_numbers(text, language)] == numbers


def test_a_translation_reference_that_names_nothing_stops_the_build(tmp_path: Path) -> None:
    """Through the real CLI: the French text would print the braces, so nothing is built."""
    from leafdeck.read.translations import starter

    path = _project(tmp_path)
    kb, _ = load_kb(path)
    text = starter(kb, "fr", "2026-01-10").replace('[""]', '["test"]').replace('translator: ""', "translator: Test")
    text = re.sub(r'# EN: (.*)\n(\s+\w+): ""', lambda m: f"# EN: {m[1]}\n{m[2]}: {json.dumps(m[1])}", text)
    text = re.sub(r'(\n +text: ".*?)\{trial-a-relapses\.sham\}', r"\1{trial-a-relapses.placebo}", text, count=1)
    french = tmp_path / "kb.fr.yaml"
    french.write_text(text, encoding="utf-8")
    shutil.copy(REPO / "sources" / "labels.fr.yaml", tmp_path / "labels.fr.yaml")
    line, col = position(french, "{trial-a-relapses.placebo}")
    result = cli(
        tmp_path, "build", "kb.yaml", "--layouts", "layouts", "--out", "output", "--lang", "fr", "--only", "web"
    )
    assert_refused(result, "kb.fr.yaml", line, col, "{trial-a-relapses.placebo} names no number")
    assert not (tmp_path / "output").exists()


def test_a_number_kept_in_english_form_is_shown_as_the_translation_reads_it(tmp_path: Path) -> None:
    """French reads "30,000" as 30: the NUM-004 warning shows 30 beside the English 30000, not two
    numbers that look alike (trial 17d: "writes 30.000; the English writes 30000")."""
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    path = tmp_path / "sources" / "liberation-procedure.fr.yaml"
    text = path.read_text(encoding="utf-8")
    assert "environ 30 000 personnes l'avaient eue" in text
    path.write_text(text.replace("environ 30 000 personnes l'avaient eue", "environ 30,000 personnes l'avaient eue"))
    result = cli(tmp_path, "check", "--no-fit")
    assert (
        "NUM-004: items.topic-why-it-spread.summary: read as fr writes numbers, the translation has 30, 2013; "
        in result.stderr
    )
    assert "the English has 2013, 30000" in result.stderr
