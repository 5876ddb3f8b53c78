"""Notes a neurologist no longer rewords (issue 20, fourth trial), read back from the PPTX of the
shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics with a
presenter: no bracketed year, acronym or code read aloud, a result said before it is called (not)
significant, no lone p-value, no "these" with nothing before it, the material's own conflicts not
pinned on unnamed "authors", and each trial named as a speaker names it."""

from __future__ import annotations

import re

import pytest

from leafdeck.plan.spoken import without_unsaid_brackets
from leafdeck.render.deck.script import sentences, spoken
from tests.render.deck.test_talk_spoken import CLINICS, decks, main

__all__ = ["decks"]  # the module-scoped fixture of test_talk_spoken: the four talks, built once

UNSAID = re.compile(
    r"[A-Z]{2} \((?:19|20)\d\d\)|\([A-Z][A-Za-z]+,? (?:19|20)\d\d\)|\([A-Z]{1,4}\d{3,6}\)|” \([A-Z]{2,6}\)"
)
"""A bracket a presenter would not read out ("(2012)", "(CIRSE, 2011)", "(IPG640)", "(TVAM)")."""
LONE_P = re.compile(r"^The p-values? (?:for \w+ )?(?:was|were) [\d.]+\.$")
CALLED = re.compile(r"\bsignifican")
FIGURE = re.compile(r"\d+(?:\.\d+)?")
P_VALUE = re.compile(r"\bp(?: equals|-values? (?:of|was|were)) [\d.]+")
"""A p-value said: not a result ("p equals 0.62", "a p-value of 0.062")."""


def results(sentence: str) -> int:
    """Figures in ``sentence`` other than its p-values: the result it says."""
    return len(FIGURE.findall(P_VALUE.sub("", sentence)))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the FDA (2012) called them not well established.", "the FDA called them not well established."),
        ("Expert advice (CIRSE, 2011) allowed it.", "Expert advice allowed it."),
        ("England's NICE (IPG640) now says do not use it.", "England's NICE now says do not use it."),
        ("A local decision (L35028) treats it as not covered.", "A local decision treats it as not covered."),
        (
            "It concerned “transvascular autonomic modulation” (TVAM).",
            "It concerned “transvascular autonomic modulation”.",
        ),
        ("Relapses were 4 versus 1 (p = 0.389).", "Relapses were 4 versus 1 (p = 0.389)."),
        ("Improved in 41.7% (48 of 115) of people.", "Improved in 41.7% (48 of 115) of people."),
        (
            "Hope can make people feel better (the placebo effect).",
            "Hope can make people feel better (the placebo effect).",
        ),
        ("Speaker fees from Example Pharma (2026).", "Speaker fees from Example Pharma (2026)."),
        ("The US Food and Drug Administration (FDA) warned.", "The US Food and Drug Administration (FDA) warned."),
    ],
)
def test_a_bracketed_year_acronym_or_code_is_not_said(text: str, said: str) -> None:
    assert without_unsaid_brackets(text) == said


def said(notes: str) -> list[str]:
    return sentences(spoken(notes, "Sources:"))


@pytest.mark.parametrize("key", [(c, a) for c in CLINICS.values() for a in ("clinician", "patient")])
def test_no_bracketed_year_acronym_or_code_is_read_aloud(decks: dict, key: tuple[str, str]) -> None:
    found = [(s.number, m) for s in decks[key] for m in UNSAID.findall(spoken(s.notes, "Sources:"))]
    assert not found


@pytest.mark.parametrize("country", CLINICS.values())
def test_a_trial_result_is_said_before_it_is_called_significant_or_not(decks: dict, country: str) -> None:
    for trial in ("PREMiSe", "Canadian"):
        slide = next(s for s in main(decks[(country, "clinician")]) if s.title.startswith(trial))
        lines = said(slide.notes)
        assert not [x for x in lines if LONE_P.match(x)], slide.title
        assert "(analysis of covariance)" not in slide.notes.split("\nSources:")[0]
        called = [i for i, x in enumerate(lines) if CALLED.search(x)]
        assert called, slide.title
        for i in called:  # the sentence itself or one before it gives the figures
            assert any(results(x) >= 2 for x in lines[max(0, i - 1) : i + 1]), lines[i]


@pytest.mark.parametrize("country", CLINICS.values())
def test_no_main_slides_notes_open_with_these(decks: dict, country: str) -> None:
    opening = [(s.number, said(s.notes)[0]) for s in main(decks[(country, "clinician")]) if said(s.notes)]
    assert not [x for x in opening if re.match(r"(?:\w+ ){0,4}these\b", x[1], re.IGNORECASE)]


@pytest.mark.parametrize("country", CLINICS.values())
def test_the_disclosures_name_no_unnamed_authors(decks: dict, country: str) -> None:
    slide = main(decks[(country, "clinician")])[1]
    assert slide.title == "Disclosures"
    assert "The authors" not in slide.notes
    assert "this material has a conflict of interest" in slide.notes


@pytest.mark.parametrize("country", CLINICS.values())
def test_each_trial_is_named_as_a_speaker_names_it(decks: dict, country: str) -> None:
    slide = next(s for s in main(decks[(country, "clinician")]) if "tested against a sham" in s.title)
    openings = [line.split(" put ")[0] for line in spoken(slide.notes, "Sources:").split("\n")]
    assert openings == ["First, the PREMiSe trial", "Next, the Brave Dreams trial", "Finally, the Canadian trial"]
