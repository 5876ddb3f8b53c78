"""Notes a neurologist would still reword (issue 20, seventh round), read back from the PPTX of the
shipped knowledge base built for the GB (riverside) and US (lakeside) example clinics: the notes
say a slide's paragraphs in the source's order (Zamboni's 2009 study before Traboulsee's result,
PREMiSe's main result before its adjusted analysis), few p-values, no figure read with its sign,
answers and disclosures said as sentences; the Spanish patient talk reads no chart label."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from leafdeck.checks.readers import read_deck
from leafdeck.plan import blocks as b
from leafdeck.publish.pipeline import BuildRequest, build
from leafdeck.read.labels import load_labels
from leafdeck.render.deck.script import sentences
from leafdeck.render.deck.sections import Block
from leafdeck.render.deck.talk import declarations_said
from leafdeck.render.deck.talk_text import in_source_order
from tests.conftest import BUNDLED_KB, LAYOUTS
from tests.render.deck.test_talk_figures import figures
from tests.render.deck.test_talk_said_sixth import REPO, titled
from tests.render.deck.test_talk_spoken import decks

__all__ = ["decks"]  # the module-scoped fixture of test_talk_spoken: the four talks, built once

COUNTRIES = ["GB", "US"]
P_VALUE = re.compile(r"\bp-values? (?:of|were|was)\b[^.]*")
"""A p-value said in the notes ("with a p-value of 0.062", "with p-values of 0.01 and 0.028")."""


def heard(slide: object) -> str:
    """A slide's notes without their closing Sources line."""
    return "\n".join(line for line in slide.notes.split("\n") if not line.startswith("Sources:"))  # type: ignore[attr-defined]


def p_values_said(notes: str) -> int:
    return sum(len(re.findall(r"\d\.\d+", m)) for m in P_VALUE.findall(notes))


def para(name: str, cites: tuple[str, ...] = ()) -> b.Paragraph:
    """A paragraph that a speaker says as it is written: "a said."."""
    return b.Paragraph(f"{name} said.", cites, item=name)


@pytest.mark.parametrize(
    ("names", "shown", "said", "said_cites"),
    [
        # Paragraphs left off the slide before a shown one are said before it, in order.
        (["a", "b", "c"], ["c"], [("a said.", "b said.", "c said.")], [("a", "b")]),
        # Those after the last shown one close the slide in a notes-only block.
        (["a", "b", "c"], ["a"], [("a said.",), ("b said.", "c said.")], [(), ("b", "c")]),
        # Interleaved: each shown block opens with what comes just before it.
        (["a", "b", "c", "d"], ["b", "d"], [("a said.", "b said."), ("c said.", "d said.")], [("a",), ("c",)]),
        # Everything shown: nothing moves.
        (["a", "b"], ["a", "b"], [("a said.",), ("b said.",)], [(), ()]),
    ],
)
def test_notes_follow_the_source_order(names: list[str], shown: list[str], said: list, said_cites: list) -> None:
    paras = [para(n, (n,)) for n in names]
    on = [p for p in paras if p.item in shown]
    blocks = [Block((), (f"{p.item} said.",), p.cites) for p in on]
    placed = in_source_order(blocks, on, paras)
    assert [x.notes for x in placed] == said
    assert [x.said_cites for x in placed] == said_cites
    assert [x.cites for x in placed[: len(on)]] == [p.cites for p in on]  # the slide's source line is unchanged


def test_a_reference_shown_on_the_slide_is_not_repeated_among_the_said_ones() -> None:
    paras = [para("a", ("x", "y")), para("b", ("x",))]
    placed = in_source_order([Block((), ("b said.",), ("x",))], [paras[1]], paras)
    assert placed[0].said_cites == ("y",)


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_premise_notes_say_the_main_result_before_the_adjusted_analysis(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "clinician")], "PREMiSe"))
    main, adjusted = "There were 19 new active lesions after the procedure", "Once the analysis was adjusted"
    assert main in notes, notes
    assert adjusted in notes, notes
    assert notes.index(main) < notes.index(adjusted), notes
    assert p_values_said(notes) <= 2, notes


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_canadian_trial_notes_say_no_p_value_after_not_significant(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "clinician")], "Canadian phase II"))
    assert "not statistically significant" in notes, notes
    assert p_values_said(notes) == 0, notes
    assert not re.search(r"Neither[^.]*either\b", notes), notes
    assert not re.search(r"[-\u2212]0\.8", notes), notes  # said in words: "fell by 0.8 points"
    assert "Its mental score fell by 0.8 points" in notes, notes


@pytest.mark.parametrize("country", COUNTRIES)
def test_zamboni_is_introduced_before_traboulsee_whose_study_is_described_once(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "clinician")], "Blinded venography"))
    assert notes.index("Zamboni's 2009 study") < notes.index("Traboulsee"), notes
    assert notes.count("Traboulsee") == 1, notes
    assert notes.index("Traboulsee") < notes.index("CCSVI turned up in only about"), notes


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_answer_to_a_patients_question_is_a_spoken_sentence(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "clinician")], "Patients bring these questions"))
    assert "“Can the liberation procedure cure MS?” No. Three sham-controlled trials found" in notes, notes
    assert not re.search(r"\bNo:", notes), notes
    assert "RCTs" not in notes, notes


@pytest.mark.parametrize(
    ("country", "said", "unsaid"),
    [
        # GB: slide 3 said NICE's advice in full; slide 15 points back to it in a few words.
        ("GB", "As I said earlier, NICE advises against it.", "As I said earlier:"),
        ("GB", "As I said earlier, NICE advises against it.", "IPG640, is that"),
        # US: the coverage decision is named on the slide, not read out by its code.
        ("US", "A local Medicare decision treats it as not covered", "L35028"),
    ],
)
def test_the_regulators_slide_says_a_short_pointer_and_no_codes(
    decks: dict, country: str, said: str, unsaid: str
) -> None:
    slide = titled(decks[(country, "clinician")], "Regulators and expert groups")
    notes = heard(slide)
    assert said in notes, notes
    assert unsaid not in notes, notes


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_certainty_notes_add_to_the_bullets_rather_than_read_them(decks: dict, country: str) -> None:
    slide = titled(decks[(country, "clinician")], "Consistent null results")
    notes = heard(slide)
    bullets = [line for line in slide.text.split("\n")[1:] if line and not line.startswith("Sources:")]  # type: ignore[attr-defined]
    assert bullets, slide.text  # type: ignore[attr-defined]
    assert not [line for line in bullets if line in notes], (bullets, notes)
    for clumsy in ("is not evidence of one", "once randomized"):
        assert clumsy not in notes, notes


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_care_slide_says_whole_sentences(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "clinician")], "Patients who return after the procedure"))
    assert "is a stroke until shown otherwise, and they need emergency help at once." in notes, notes
    assert not re.search(r": [a-z][^.]*\bat once\.", notes), notes


def label_words(language: str) -> Callable[..., str]:
    """The talk's labels of ``language`` (sources/labels.LANG.yaml), filled in as ``ctx.words`` does."""
    labels = load_labels(REPO / "sources", language).words
    return lambda key, **values: labels[key].format(**values)


@pytest.mark.parametrize(
    ("language", "lines", "said"),
    [
        (
            "en",
            ["Speaker fees from Example Pharma (2026)", "Advisory board, Example Devices Ltd (2025)"],
            "speaker fees from Example Pharma in 2026 and advisory board, Example Devices Ltd, in 2025",
        ),
        ("en", ["Research grant from MS Society"], "research grant from MS Society"),
        ("en", ["ACME Ltd: consulting (2026)"], "ACME Ltd: consulting in 2026"),
        (
            "fr",
            ["Honoraires de Example Pharma (2026)", "Conseil scientifique, Example Devices (2025)"],
            "honoraires de Example Pharma en 2026 et conseil scientifique, Example Devices, en 2025",
        ),
        (
            "es",
            ["Honorarios de Example Pharma (2026)", "Asesoría (2025)", "Beca (2024)"],
            "honorarios de Example Pharma en 2026, asesoría en 2025 y beca en 2024",
        ),
    ],
)
def test_the_declarations_are_said_as_a_sentence_without_brackets(language: str, lines: list[str], said: str) -> None:
    assert declarations_said(lines, label_words(language)) == said


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_patient_risks_notes_say_at_most_two_figures_a_sentence(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "patient")], "What are the risks?"))
    assert "5 of 49 people who had the procedure" in notes, notes
    crowded = [s for s in sentences(notes) if len(figures(s)) > 2]
    assert not crowded, crowded


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_patient_options_notes_name_a_few_harms_not_a_list_of_seven(decks: dict, country: str) -> None:
    notes = heard(titled(decks[(country, "patient")], "Your options"))
    harms = next(s for s in sentences(notes) if s.startswith("But the FDA learned of"))
    assert harms.count(",") <= 2, harms
    assert "nerve damage" not in harms, harms


def test_the_spanish_patient_results_read_no_chart_label_in_quotes(tmp_path: Path) -> None:
    """Santa María's Spanish patient talk (issue 20, seventh round): the main trial slides say the
    groups and what was counted in a sentence, never a chart label in «quotes»."""
    request = BuildRequest(
        kb=BUNDLED_KB,
        layouts=LAYOUTS,
        out=tmp_path / "out",
        build_dir=tmp_path / "build",
        clinics=("santa-maria",),
        languages=("es",),
        audiences=("patient",),
        only=("talk-patient",),
    )
    [result] = build(request).results
    assert result.status == "built"
    slides = read_deck(Path(result.target))
    trials = [s for s in slides if s.section == slides[0].section and "sin diferencia clara" in s.title]
    assert len(trials) >= 3, [s.title for s in slides]
    for slide in trials:
        notes = heard(slide)
        assert "«" not in notes, (slide.number, notes)
        assert "del grupo de procedimiento real" in notes, (slide.number, notes)


@pytest.mark.parametrize(("country", "cited"), [("US", False), ("GB", True)])
def test_the_take_home_slide_cites_another_countrys_body_only_where_it_names_it(
    decks: dict, country: str, cited: bool
) -> None:
    """Trial 20g: the US take-home slide said NICE's point by its first sentence only, yet its
    Sources line still cited NICE; England's NICE is cited in the GB talk, which names it."""
    slide = titled(decks[(country, "patient")], "Take-home messages")
    sources = next(line for line in slide.notes.splitlines() if line.startswith("Sources:"))
    spoken = heard(slide)
    assert ("NICE" in sources) is cited
    assert "NICE" in sources or "NICE" not in spoken
