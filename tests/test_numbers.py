"""Numbers by reference (read/numbers.py): what a reference names, how it is written in each
language, where an unknown one is reported (NUM-001, at the reference's own line and column),
and that the shipped knowledge base's references all resolve in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.model import KnowledgeBase
from leafdeck.read.numbers import REFERENCE, Number, formatted, lookup, resolve
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import apply, load_translation, translation_path
from tests.conftest import BUNDLED_KB, ROOTS
from tests.realworld import position

NUMBERS = ROOTS / "numbers" / "kb.yaml"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(NUMBERS)[0]


@pytest.mark.parametrize(
    ("reference", "value", "places", "prefix"),
    [
        ("{trial-a-relapses.treated}", 4, 0, ""),  # a count, as written in the data
        ("{trial-a-improved.treated}", 41.7, 1, ""),  # a percentage keeps its decimal
        ("{trial-a-improved.treated:0}", 42, 0, ""),  # rounded for a natural frequency
        ("{trial-a-improved.sham:1}", 48.7, 1, ""),
        ("{trial-a-relapses.p}", 0.389, 3, ""),  # a p-value keeps its precision
        ("{trial-a-improved.p}", 0.49, 2, ""),
        ("{trial-a.treated.n}", 9, 0, ""),  # an arm's size
        ("{trial-a.n}", 19, 0, ""),  # the study's total
        ("{trial-a-relapses.sham.of}", 10, 0, ""),  # no `of`: the arm's n
    ],
)
def test_a_reference_names_a_number_of_the_data(
    kb: KnowledgeBase, reference: str, value: float, places: int, prefix: str
) -> None:
    match = REFERENCE.fullmatch(reference)
    assert match is not None
    found = lookup(kb, match[1], match[3], match[2])
    assert isinstance(found, Number)
    assert (found.value, found.places, found.prefix) == (pytest.approx(value), places, prefix)


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("trial-a-relapse.treated", "no outcome or study 'trial-a-relapse' (did you mean 'trial-a-relapses'?)"),
        ("trial-a-relapses.procedure", "has no value for arm 'procedure' (arms: treated, sham)"),
        ("trial-a-relapses.treated.events", "has no events"),
        ("trial-a-relapses.treated.size", "'size' is not a part of a value"),
        ("trial-a-relapses", "name an arm"),
        ("trial-a.procedure.n", "has no arm 'procedure' (arms: sham, treated)"),
        ("trial-a.sham", "a study's numbers are"),
    ],
)
def test_a_reference_that_names_nothing_says_what_could_be_named(kb: KnowledgeBase, path: str, says: str) -> None:
    found = lookup(kb, path)
    assert isinstance(found, str)
    assert says in found


@pytest.mark.parametrize(
    ("number", "language", "written"),
    [
        (Number(41.7, 1), "en", "41.7"),
        (Number(41.7, 1), "fr", "41,7"),
        (Number(41.7, 1), "es", "41,7"),
        (Number(3069, 0), "en", "3,069"),
        (Number(3069, 0), "fr", "3\u202f069"),  # CLDR's narrow no-break space groups French thousands
        (Number(0.062, 3), "fr", "0,062"),
        (Number(0.0001, 4, "<"), "es", "<0,0001"),
        (Number(1.0, 1), "en", "1.0"),  # a p-value of 1.0 keeps its decimal
        (Number(1.4, 1, signed=True), "fr", "+1,4"),
        (Number(-0.8, 1, signed=True), "en", "-0.8"),
        (Number(0, 0, signed=True), "en", "0"),
        (Number(-0.0, 0), "en", "0"),  # negative zero (case 24 kind): never "-0"
        (Number(-0.4, 0, signed=True), "en", "0"),  # rounds to zero: no sign either way
        (Number(0.04, 0, signed=True), "fr", "0"),
        (Number(-0.04, 2), "es", "-0,04"),  # at the precision the data gives, the sign stays
    ],
)
def test_numbers_are_written_in_the_language_format(number: Number, language: str, written: str) -> None:
    assert formatted(number, language) == written


@pytest.mark.parametrize(
    ("language", "finding", "function"),
    [
        (
            "en",
            "Over 12 months, the 9 treated people had 4 relapses between them and the 10 given the sham had 1.",
            "Function improved in 41.7% vs 48.7% (p=0.49).",
        ),
        (
            "fr",
            "Over 12 months, the 9 treated people had 4 relapses between them and the 10 given the sham had 1.",
            "Function improved in 41,7% vs 48,7% (p=0,49).",
        ),
    ],
)
def test_resolving_fills_in_every_reference_in_the_language(
    kb: KnowledgeBase, language: str, finding: str, function: str
) -> None:
    document = kb.document.model_copy(update={"language": language})
    resolved = resolve(kb.model_copy(update={"document": document}))
    study = resolved.studies[0]
    assert " ".join(study.findings[0].text.split()) == finding
    assert study.findings[1].clinician == function
    assert study.id == "trial-a"
    assert resolved.references == kb.references


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "{trial-a-relapses.sham}.",
            "{trial-a-relapse.sham}.",
            "did you mean 'trial-a-relapses'?",
        ),  # folded block, 2nd line
        ("{trial-a-relapses.p})", "{trial-a-relapses.pval})", "its p-value is {trial-a-relapses.p}"),  # a quoted scalar
        ("{trial-a-improved.sham:0} in", "{trial-a-improved.placebo:0} in", "no value for arm 'placebo'"),
        ("{trial-a-relapses.p}.", "{Trial-A.p}.", "is not a reference"),  # plain scalar; not the grammar
        ("{trial-a.n} people", "{trial-a.n people", "is not a reference"),  # an unclosed brace
    ],
)
def test_an_unknown_reference_is_refused_at_its_line_and_column(tmp_path: Path, old: str, new: str, says: str) -> None:
    text = NUMBERS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "kb.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_kb(path)
    line, col = position(path, new)
    found = [p for p in raised.value.problems if p.rule == "NUM-001"]
    assert [(p.line, p.col) for p in found] == [(line, col)], found
    assert says in found[0].message


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_reference_of_the_shipped_knowledge_base_resolves(bundled_kb: KnowledgeBase, language: str) -> None:
    kb = bundled_kb
    if language != kb.document.language:
        kb = apply(kb, load_translation(translation_path(BUNDLED_KB, language))[0])
    dumped = resolve(kb).model_dump_json()
    assert not REFERENCE.search(dumped)
    assert "{prevalence-" in kb.model_dump_json()  # the references are there before
    sibling = re.search(r"\d+/\d+ \(\d+%\) siblings", resolve(bundled_kb).model_dump_json())
    assert sibling is not None
    assert sibling[0] == "31/47 (66%) siblings"
