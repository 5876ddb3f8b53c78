"""Readability per audience, language and section, computed offline.

English: Flesch–Kincaid grade, SMOG and Flesch Reading Ease. Spanish: Crawford grade and
Fernández Huerta reading ease. French: Kandel–Moles reading ease (there is no agreed French
grade formula). German, Dutch, Italian and Portuguese: their adaptations of Flesch Reading Ease
(Amstad, Douma, Franchina–Vacca, Martins et al.; see ``FORMULAS``), with syllables counted from
hyphenation dictionaries (``checks/syllables.py``). Any other language is not measured: one
READ-005 line says so. Text is cleaned first (markup removed; each statement, definition or
question is its own run of sentences); headings and labels are never scored.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from leafdeck.checks.content import Prose, Source, prose
from leafdeck.checks.core import at, finding
from leafdeck.checks.languages import untranslated
from leafdeck.checks.settings import AudienceReadability
from leafdeck.checks.syllables import counter, syllables
from leafdeck.errors import Problem
from leafdeck.passages import plain

_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|[Vv]s|[Ee]tc|Dr|Mr|Mrs|Ms|St|et al|approx|cf)\.")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+(?=[\"'“«(\[¿¡]*[A-ZÀ-ÖØ-Þ0-9¿¡])")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d[\d,.\u00a0]*\d|\d")
_DOT = "\ue000"


def sentences(text: str) -> list[str]:
    """The sentences of a text (abbreviations such as `e.g.` and `vs.` do not end one)."""
    return list(_sentences(text))


@lru_cache(maxsize=16384)
def _sentences(text: str) -> tuple[str, ...]:
    """``sentences``, remembered per text: every audience's selection holds the same texts."""
    clean = " ".join(plain(text).replace("**", "").split())
    masked = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", _DOT), clean)
    return tuple(s.replace(_DOT, ".").strip() for s in _SENTENCE_END.split(masked) if s.strip())


def words(sentence: str) -> list[str]:
    """The words of a sentence (numbers count as words; hyphenated words as one)."""
    return _WORD.findall(sentence)


@lru_cache(maxsize=65536)
def word_syllables(word: str, language: str) -> int:
    """Syllables of a word; a number counts as one, a hyphenated word as the sum of its parts
    (remembered per word and language: the same words recur in every audience's selection)."""
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


@lru_cache(maxsize=16384)
def count(sentence: str, language: str) -> Counts:
    """The counts of one sentence (remembered per sentence and language, as ``word_syllables``)."""
    found = [word_syllables(w, language) for w in words(sentence)]
    return Counts(1, len(found), sum(found), sum(n >= 3 for n in found))


@dataclass(frozen=True)
class Scores:
    """Readability scores of some text; a score is None where the language has no formula."""

    grade: float | None
    smog: float | None
    ease: float


def scores(c: Counts, language: str) -> Scores:
    """Scores of counted text in ``language`` (one of ``FORMULAS``; a region is ignored).
    Raises KeyError for a language without a formula (see ``measured``)."""
    return FORMULAS[language.split("-")[0]](c)


def _per_sentence(c: Counts) -> float:
    """ASL: average words per sentence."""
    return c.words / max(c.sentences, 1)


def _per_word(c: Counts) -> float:
    """ASW: average syllables per word."""
    return c.syllables / max(c.words, 1)


def _english(c: Counts) -> Scores:
    """Flesch–Kincaid grade (Kincaid et al. 1975), SMOG (McLaughlin 1969), Flesch Reading Ease (Flesch 1948)."""
    grade = 0.39 * _per_sentence(c) + 11.8 * _per_word(c) - 15.59
    smog = 1.043 * math.sqrt(c.polysyllables * 30 / max(c.sentences, 1)) + 3.1291
    return Scores(grade, smog, 206.835 - 1.015 * _per_sentence(c) - 84.6 * _per_word(c))


def _spanish(c: Counts) -> Scores:
    """Crawford grade (Crawford 1984) and Fernández Huerta reading ease (Fernández Huerta 1959)."""
    grade = -0.205 * (100 * c.sentences / max(c.words, 1)) + 0.049 * (100 * _per_word(c)) - 3.407
    return Scores(grade, None, 206.84 - 60 * _per_word(c) - 1.02 * _per_sentence(c))


def _french(c: Counts) -> Scores:
    """Kandel–Moles reading ease (Kandel & Moles 1958, Flesch adapted to French)."""
    return Scores(None, None, 207 - 1.015 * _per_sentence(c) - 73.6 * _per_word(c))


def _german(c: Counts) -> Scores:
    """Amstad reading ease (Amstad 1978, Flesch adapted to German): 180 − ASL − 58.5 × ASW."""
    return Scores(None, None, 180 - _per_sentence(c) - 58.5 * _per_word(c))


def _dutch(c: Counts) -> Scores:
    """Douma reading ease (Douma 1960, Flesch adapted to Dutch): 206.84 − 0.93 × ASL − 77 × ASW."""
    return Scores(None, None, 206.84 - 0.93 * _per_sentence(c) - 77 * _per_word(c))


def _italian(c: Counts) -> Scores:
    """Franchina–Vacca reading ease (Franchina & Vacca 1986, Flesch adapted to Italian):
    217 − 1.3 × ASL − 0.6 × syllables per 100 words."""
    return Scores(None, None, 217 - 1.3 * _per_sentence(c) - 60 * _per_word(c))


def _portuguese(c: Counts) -> Scores:
    """Flesch Reading Ease adapted to Brazilian Portuguese (Martins et al. 1996): 248.835 −
    1.015 × ASL − 84.6 × ASW."""
    return Scores(None, None, 248.835 - 1.015 * _per_sentence(c) - 84.6 * _per_word(c))


FORMULAS: dict[str, Callable[[Counts], Scores]] = {
    "en": _english,
    "es": _spanish,
    "fr": _french,
    "de": _german,
    "nl": _dutch,
    "it": _italian,
    "pt": _portuguese,
}
"""Each language's readability formulas (ASL words per sentence, ASW syllables per word). All
are on Flesch's 0–100 Reading Ease scale, so ``reading_ease_min`` applies to each; only the
languages in the settings' ``grade_languages`` are judged on a grade."""


def measured(language: str) -> str | None:
    """None when readability is measured in ``language``; else why not (no formula, or no
    syllable counter)."""
    if language.split("-")[0] not in FORMULAS:
        return "leafdeck has no readability formula for it"
    if counter(language) is None:
        return "leafdeck has no syllable counter (hyphenation dictionary) for it"
    return None


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
    """Findings (READ-001 to READ-004; READ-005 once for each language not measured) and the
    figures for the report, per audience and language. In a translation only the translated
    fields are scored: a field still in English is not that language's text."""
    settings = source.settings.readability
    findings: list[Problem] = []
    figures: list[dict[str, Any]] = []
    unmeasured = {code: why for code in source.languages if (why := measured(code))}
    findings += [_not_measured(source, code, why) for code, why in unmeasured.items()]
    still_english = {code: untranslated(source, code) for code in source.languages if code not in unmeasured}
    for audience in ("patient", "advocacy", "clinician"):
        limits = settings.audiences.get(audience)
        for lang, kb in source.variants(audience):
            if lang.code in unmeasured:
                continue
            skipped = still_english[lang.code]  # fields built in English are not this language's text
            pieces = [piece for piece in prose(kb) if (piece.key, piece.field) not in skipped]
            sections = measure(pieces, lang.code)
            figures.append(_figures(audience, lang.code, sections, settings.worst_sentences))
            if limits is not None:
                for section in sections:
                    findings += _judge(source, audience, lang.code, section, limits)
    return findings, figures


def _not_measured(source: Source, code: str, why: str) -> Problem:
    """READ-005: one line, at the language's ``language:`` line, for a language not measured."""
    language = source.languages[code]
    where = at(language.located, ("language",)) if language.located else at(source.located, ("document", "language"))
    return finding("READ-005", where, f"{code}: readability is not measured in this language ({why})")


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
