"""Readability: sentence splitting, word counting and the formulas, by hand-worked examples."""

from __future__ import annotations

import pytest

from leafdeck.checks.content import Prose
from leafdeck.checks.readability import Counts, count, measure, measured, scores, sentences, words


def test_sentences_split_at_full_stops_but_not_after_abbreviations_or_in_numbers() -> None:
    text = "Trials found no benefit, e.g. in MS. The p-value was 0.49. Is it safe? **No.** Ask Dr. Lee."
    assert sentences(text) == [
        "Trials found no benefit, e.g. in MS.",
        "The p-value was 0.49.",
        "Is it safe?",
        "No.",
        "Ask Dr. Lee.",
    ]


def test_a_text_without_a_full_stop_is_one_sentence() -> None:
    assert sentences("Death and stroke") == ["Death and stroke"]


def test_words_keep_hyphenated_words_and_numbers_whole() -> None:
    assert words("About 30,000 people had sham-controlled tests (1 of 49).") == [
        "About",
        "30,000",
        "people",
        "had",
        "sham-controlled",
        "tests",
        "1",
        "of",
        "49",
    ]


def test_counts_of_a_sentence() -> None:
    # The(1) cat(1) sat(1) on(1) the(1) mat(1); sham-controlled: sham(1) + con-trolled(2) = 3.
    assert count("The cat sat on the mat.", "en") == Counts(1, 6, 6, 0)
    assert count("A sham-controlled trial.", "en") == Counts(1, 3, 6, 1)


def test_english_formulas_by_hand() -> None:
    s = scores(Counts(sentences=1, words=6, syllables=6, polysyllables=0), "en")
    assert s.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert s.ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert s.smog == pytest.approx(3.1291)
    s = scores(Counts(sentences=30, words=450, syllables=675, polysyllables=60), "en")
    assert s.grade == pytest.approx(0.39 * 15 + 11.8 * 1.5 - 15.59)
    assert s.smog == pytest.approx(1.043 * 60**0.5 + 3.1291)


def test_french_has_reading_ease_only_and_spanish_a_grade() -> None:
    c = Counts(sentences=10, words=150, syllables=225, polysyllables=20)
    fr, es = scores(c, "fr"), scores(c, "es")
    assert fr.grade is None
    assert fr.ease == pytest.approx(207 - 1.015 * 15 - 73.6 * 1.5)
    assert es.ease == pytest.approx(206.84 - 60 * 1.5 - 1.02 * 15)
    assert es.grade == pytest.approx(-0.205 * (100 * 10 / 150) + 0.049 * 150 - 3.407)


def test_sections_are_measured_separately_and_the_hardest_sentence_is_found() -> None:
    pieces = [
        Prose("a", "Easy", "one", "text", "It is a vein. We use a small balloon."),
        Prose("b", "Hard", "two", "text", "It is fine. Percutaneous transluminal angioplasty is experimental."),
    ]
    easy, hard = measure(pieces, "en")
    assert (easy.heading, easy.counts.sentences, hard.counts.sentences) == ("Easy", 2, 2)
    assert easy.scores.grade < hard.scores.grade
    assert hard.worst(1)[0].text == "Percutaneous transluminal angioplasty is experimental."


# 2 sentences, 20 words, 30 syllables: 10 words per sentence (ASL), 1.5 syllables per word (ASW).
ADAPTATIONS = [
    ("de", 180 - 10 - 58.5 * 1.5),  # Amstad 1978
    ("de-CH", 180 - 10 - 58.5 * 1.5),
    ("nl", 206.84 - 0.93 * 10 - 77 * 1.5),  # Douma 1960
    ("it", 217 - 1.3 * 10 - 0.6 * 150),  # Franchina & Vacca 1986: syllables per 100 words
    ("pt", 248.835 - 1.015 * 10 - 84.6 * 1.5),  # Martins et al. 1996
]


@pytest.mark.parametrize(("language", "ease"), ADAPTATIONS)
def test_flesch_adaptations_by_hand(language: str, ease: float) -> None:
    found = scores(Counts(2, 20, 30, 0), language)
    assert found.ease == pytest.approx(ease)
    assert (found.grade, found.smog) == (None, None)  # no grade formula is judged for these


@pytest.mark.parametrize(("language", "why"), [("en", None), ("de", None), ("pl", "formula"), ("ja", "formula")])
def test_measured_says_why_not(language: str, why: str | None) -> None:
    reason = measured(language)
    assert (reason is None) == (why is None)
    assert why is None or why in (reason or "")
