"""Readability per audience, language and section, computed offline.

English: Flesch–Kincaid grade, SMOG and Flesch Reading Ease. Spanish: Crawford grade and
Fernández Huerta reading ease. French: Kandel–Moles reading ease (there is no agreed French
grade formula). Text is cleaned first (markup removed; each statement, definition or question
is its own run of sentences); headings and labels are never scored.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from leafdeck.checks.content import Prose, Source, prose
from leafdeck.checks.core import finding
from leafdeck.checks.settings import AudienceReadability
from leafdeck.checks.syllables import syllables
from leafdeck.errors import Problem

_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|[Vv]s|[Ee]tc|Dr|Mr|Mrs|Ms|St|et al|approx|cf)\.")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+(?=[\"'“«(\[¿¡]*[A-ZÀ-ÖØ-Þ0-9¿¡])")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d[\d,.\u00a0]*\d|\d")
_DOT = "\ue000"


def sentences(text: str) -> list[str]:
    """The sentences of a text (abbreviations such as `e.g.` and `vs.` do not end one)."""
    clean = " ".join(text.replace("**", "").split())
    masked = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", _DOT), clean)
    return [s.replace(_DOT, ".").strip() for s in _SENTENCE_END.split(masked) if s.strip()]


def words(sentence: str) -> list[str]:
    """The words of a sentence (numbers count as words; hyphenated words as one)."""
    return _WORD.findall(sentence)


def word_syllables(word: str, language: str) -> int:
    """Syllables of a word; a number counts as one, a hyphenated word as the sum of its parts."""
    if word[0].isdigit():
        return 1
    return sum(syllables(part, language) for part in re.split(r"[-’']", word) if part) or 1


@dataclass(frozen=True)
class Counts:
    """Sentences, words, syllables and words of three or more syllables."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
        )


def count(sentence: str, language: str) -> Counts:
    """The counts of one sentence."""
    found = [word_syllables(w, language) for w in words(sentence)]
    return Counts(1, len(found), sum(found), sum(n >= 3 for n in found))


@dataclass(frozen=True)
class Scores:
    """Readability scores of some text; a score is None where the language has no formula."""

    grade: float | None
    smog: float | None
    ease: float


def scores(c: Counts, language: str) -> Scores:
    """Scores of counted text in ``language`` (en, fr or es)."""
    lang = language.split("-")[0]
    per_sentence = c.words / max(c.sentences, 1)
    per_word = c.syllables / max(c.words, 1)
    if lang == "es":
        grade = -0.205 * (100 * c.sentences / max(c.words, 1)) + 0.049 * (100 * per_word) - 3.407  # Crawford
        return Scores(grade, None, 206.84 - 60 * per_word - 1.02 * per_sentence)  # Fernández Huerta
    if lang == "fr":
        return Scores(None, None, 207 - 1.015 * per_sentence - 73.6 * per_word)  # Kandel–Moles
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    smog = 1.043 * math.sqrt(c.polysyllables * 30 / max(c.sentences, 1)) + 3.1291
    return Scores(grade, smog, 206.835 - 1.015 * per_sentence - 84.6 * per_word)


@dataclass(frozen=True)
class Sentence:
    """One sentence, where it comes from, and how hard it is."""

    text: str
    key: str
    field: str
    counts: Counts
    scores: Scores

    @property
    def hardness(self) -> float:
        """Higher is harder: the grade where there is one, else 100 minus reading ease."""
        return self.scores.grade if self.scores.grade is not None else 100 - self.scores.ease


@dataclass(frozen=True)
class Section:
    """One section's sentences and scores."""

    id: str
    heading: str
    sentences: tuple[Sentence, ...]
    counts: Counts
    scores: Scores

    def worst(self, n: int) -> list[Sentence]:
        return sorted(self.sentences, key=lambda s: s.hardness, reverse=True)[:n]


def measure(pieces: list[Prose], language: str) -> list[Section]:
    """Each section's sentences and scores, in reading order."""
    grouped: dict[str, list[Sentence]] = defaultdict(list)
    headings: dict[str, str] = {}
    for piece in pieces:
        headings.setdefault(piece.section, piece.heading)
        for text in sentences(piece.text):
            c = count(text, language)
            if c.words:
                grouped[piece.section].append(Sentence(text, piece.key, piece.field, c, scores(c, language)))
    found = []
    for section, members in grouped.items():
        total = sum((s.counts for s in members), Counts())
        found.append(Section(section, headings[section], tuple(members), total, scores(total, language)))
    return found


def check(source: Source) -> tuple[list[Problem], list[dict[str, Any]]]:
    """Findings (READ-001 to READ-004) and the figures for the report, per audience and language."""
    settings = source.settings.readability
    findings: list[Problem] = []
    figures: list[dict[str, Any]] = []
    for audience in ("patient", "advocacy", "clinician"):
        limits = settings.audiences.get(audience)
        for lang, kb in source.variants(audience):
            sections = measure(prose(kb), lang.code)
            figures.append(_figures(audience, lang.code, sections, settings.worst_sentences))
            if limits is not None:
                for section in sections:
                    findings += _judge(source, audience, lang.code, section, limits)
    return findings, figures


def _judge(
    source: Source, audience: str, language: str, section: Section, limits: AudienceReadability
) -> list[Problem]:
    settings = source.settings.readability
    found = []
    for sentence in section.sentences:
        if sentence.counts.words > limits.sentence_words_max:
            where = source.where(sentence.key, sentence.field, language)
            message = (
                f"{audience} ({language}): a sentence of {sentence.counts.words} words "
                f"(limit {limits.sentence_words_max}): “{_short(sentence.text)}”"
            )
            found.append(finding("READ-004", where, message))
    if section.counts.words < settings.min_words:
        return found
    first = section.sentences[0]
    where = source.where(first.key, first.field, language)
    label = f"{audience} ({language}) section “{section.heading}”"
    worst = section.worst(1)[0]
    hardest = f"; hardest sentence: “{_short(worst.text)}”"
    grade = section.scores.grade
    if grade is not None and language.split("-")[0] in settings.grade_languages:
        smog = f", SMOG {section.scores.smog:.1f}" if section.scores.smog is not None else ""
        if grade > limits.grade_max:
            found.append(
                finding("READ-002", where, f"{label}: grade {grade:.1f} is above {limits.grade_max:g}{smog}{hardest}")
            )
        elif grade > limits.grade_target:
            found.append(
                finding(
                    "READ-001", where, f"{label}: grade {grade:.1f} is above {limits.grade_target:g}{smog}{hardest}"
                )
            )
    if section.scores.ease < limits.reading_ease_min:
        message = f"{label}: Reading Ease {section.scores.ease:.0f} is below {limits.reading_ease_min:g}{hardest}"
        found.append(finding("READ-003", where, message))
    return found


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _figures(audience: str, language: str, sections: list[Section], worst: int) -> dict[str, Any]:
    total = sum((s.counts for s in sections), start=Counts())
    overall = scores(total, language)
    return {
        "audience": audience,
        "language": language,
        "overall": _row("all", "All sections", total, overall),
        "sections": [
            {
                **_row(s.id, s.heading, s.counts, s.scores),
                "worst": [
                    {"text": w.text, "item": w.key, "words": w.counts.words, "grade": _round(w.scores.grade)}
                    for w in s.worst(worst)
                ],
            }
            for s in sections
        ],
    }


def _row(section: str, heading: str, counts: Counts, s: Scores) -> dict[str, Any]:
    return {
        "section": section,
        "heading": heading,
        "sentences": counts.sentences,
        "words": counts.words,
        "grade": _round(s.grade),
        "smog": _round(s.smog),
        "ease": _round(s.ease),
        "words_per_sentence": round(counts.words / max(counts.sentences, 1), 1),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
