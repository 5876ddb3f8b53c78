"""The checks' thresholds: one settings block, ``checks.yaml`` beside the knowledge base.

Every threshold has a default (the values the standards name), so a knowledge base without a
``checks.yaml`` is checked too. The file is read with the located loader, so a mistyped key or
a threshold of the wrong type is reported at its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, cast

from pydantic import AfterValidator, Field, StrictBool, StrictInt

from leafdeck.model import Audience, Id, Node, Reason, RuleCode, StudyKind
from leafdeck.read.paths import SETTINGS_NAME
from leafdeck.read.validate import load_validated
from leafdeck.read.yamlio import Located

Certainty = Literal["high", "moderate", "low", "very_low"]
CERTAINTY_ORDER: tuple[Certainty, ...] = ("very_low", "low", "moderate", "high")


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


Pattern = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_regex)]
Number = Annotated[float, Field(strict=True, ge=0)]
Count = Annotated[StrictInt, Field(ge=1)]
Months = Annotated[StrictInt, Field(ge=1, le=120)]
"""A review interval in months: 1 to 120 (ten years; patient information is reviewed every 2-3)."""
Days = Annotated[StrictInt, Field(ge=1, le=3650)]
"""A warning window in days: 1 to 3650 (ten years)."""


class Citations(Node):
    """Citation rules."""

    uncited_reasons: tuple[Pattern, ...] = (
        r"not a factual claim",
        r"not from a cited (source|study)",
        r"^general (point|explanation|observation|clinical)",
        r"description of the option",
    )
    """A statement without `cites` passes CIT-001 only when its `editor_notes` match one of these
    (case-insensitive): the note says why it needs no reference (editors' notes are never shown)."""


class Governance(Node):
    """Review-date and release rules."""

    max_interval_months: Months = 12
    """Longest allowed time from `last_reviewed` to `next_review` (GOV-003)."""
    warning_days: Days = 90
    """Warn this many days before `next_review` (GOV-002)."""
    placeholder_patterns: tuple[Pattern, ...] = (
        r"\[to be",
        r"\bTBD\b",
        r"\bTODO\b",
        r"\bexample\b",
        r"\bnot set\b",
        r"\bask at reception\b",
        r"\bstand-in\b",
    )
    """Text that marks a reviewer, a contact detail or a clinic's logo description as not filled
    in yet (case-insensitive; "stand-in" marks another clinic's logo borrowed for now, clinical
    review 2026-12-07, M7)."""


class AudienceReadability(Node):
    """Readability limits for one audience's text."""

    grade_target: Number = 8
    """Flesch–Kincaid grade above this: a warning (READ-001)."""
    grade_max: Number = 10
    """Flesch–Kincaid grade above this: an error (READ-002)."""
    reading_ease_min: Number = 60
    """Flesch Reading Ease below this: a warning (READ-003)."""
    sentence_words_max: Count = 25
    """Sentences longer than this many words are flagged (READ-004)."""


class Readability(Node):
    """Readability, per audience, language and section."""

    audiences: dict[Audience, AudienceReadability] = Field(
        default_factory=lambda: cast("dict[Audience, AudienceReadability]", {"patient": AudienceReadability()})
    )
    """Audiences whose text is checked, with their limits; audiences not listed are only measured."""
    grade_languages: tuple[str, ...] = ("en", "es")
    """Languages with a grade formula (English: Flesch–Kincaid; Spanish: Crawford). Other
    languages are checked for Reading Ease (French: Kandel–Moles) and sentence length only."""
    min_words: Count = 40
    """Sections shorter than this are measured but not judged (formulas need running text)."""
    worst_sentences: Count = 3
    """How many of each section's hardest sentences the report shows."""


class Risk(Node):
    """Risk-communication rules, applied to the text of the listed audiences."""

    audiences: tuple[Audience, ...] = ("patient",)
    verbal: dict[str, tuple[Pattern, ...]] = Field(
        default_factory=lambda: cast(
            "dict[str, tuple[str, ...]]",
            {
                "en": (r"\brare(ly)?\b", r"\b(un)?common(ly)?\b", r"\bfrequent(ly)?\b", r"\boccasional(ly)?\b"),
                "fr": (r"\brares?\b", r"\brarement\b", r"\bfr[ée]quent(e|s|es)?\b", r"\bcourante?s?\b"),
                "es": (r"\braros?\b", r"\brara(s|mente)?\b", r"\bfrecuentes?\b", r"\bcom[úu]n(es)?\b"),
            },
        )
    )
    """Verbal risk words that need a number in the same sentence (RISK-002), per language."""
    relative: dict[str, tuple[Pattern, ...]] = Field(
        default_factory=lambda: {
            "en": (
                r"\b(\d+(\.\d+)?|two|three|four|five|ten) times (more|less|as|higher|lower)\b",
                r"\b(twice|half) as (likely|many|much|often)\b",
                r"\b(halve[sd]?|halving|double[sd]?|doubling|triple[sd]?)\b",
                r"\b(relative risk|risk ratio|odds ratio|hazard ratio)\b",
                r"\b(reduce[sd]?|lower(s|ed)?|raise[sd]?|increase[sd]?|cut[s]?) (the )?(risk|chance|odds) by\b",
            ),
            "fr": (
                r"\b(\d+|deux|trois) fois (plus|moins)\b",
                r"\b(risque relatif|rapport de cotes)\b",
                r"\b(divis|doubl|tripl)(e|é|ée|ent)\b",
            ),
            "es": (r"\b(\d+|dos|tres) veces m[áa]s\b", r"\b(riesgo relativo|raz[óo]n de (momios|probabilidades))\b"),
        }
    )
    """Relative-risk phrasing that needs absolute numbers in the same sentence (RISK-003)."""
    absolute: Pattern = r"\b\d[\d,.]*\s+(in|of|out of|sur|en|de)\s+(every\s+|cada\s+)?\d[\d,.]*\b"
    """What counts as an absolute number: a natural frequency such as `5 of 49` or `10 in 100`."""
    number: Pattern = (
        r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|un|une|deux|trois|"
        r"cent|mille|uno|una|dos|tres|cien|mil)\b"
    )
    """What counts as a number in a sentence (RISK-002)."""
    percent: Pattern = r"\d+(?:[.,]\d+)?\s*%|%\s*\d+|\bper ?cent\b|\bpour ?cent\b|\bpor ciento\b"
    """A bare percentage (RISK-004, RISK-005): write natural frequencies such as `about 42 in 100`."""


class Decision(Node):
    """Decision-aid (IPDAS) rules, applied to the variants of the listed audiences."""

    audiences: tuple[Audience, ...] = ("patient", "advocacy")
    max_key_points: Count = 5
    """At most this many key points (DA-004)."""
    certainty_by_kind: dict[StudyKind, Certainty] = Field(
        default_factory=lambda: cast(
            "dict[StudyKind, Certainty]",
            {
                "systematic_review": "moderate",
                "meta_analysis": "low",
                "randomized_trial": "moderate",
                "case_control": "low",
                "uncontrolled": "very_low",
                "hypothesis": "very_low",
            },
        )
    )
    """The certainty of evidence a study of each kind gives, as GRADE starts it (randomized
    trials high, observational studies low), lowered one step for the small, short trials
    this topic has; override one study under `certainty`."""
    certainty: dict[Id, Certainty] = Field(default_factory=dict)
    """Certainty of one study by id, where it differs from its kind's."""
    unknowns_below: Certainty = "moderate"
    """When any study shown is below this certainty, a `role: unknowns` topic must exist (DA-003)."""


class Outputs(Node):
    """Checks of built outputs."""

    enabled: StrictBool = True
    """Check built outputs found under `--outputs` (default `output/`)."""
    thumbnail_dpi: Count = 30
    """Resolution of the first-page thumbnails in the HTML report."""


class FileWaiver(Node):
    """A warning accepted in a file that is not the knowledge base (a clinic or layout file,
    whose schema has no room for it), with its reason."""

    file: Annotated[str, Field(strict=True, min_length=1)]
    """The file, relative to the layouts folder, e.g. ``clinics/riverside.yaml``."""
    rule: RuleCode
    """The warning's rule, e.g. ``GOV-005``. Errors cannot be waived."""
    reason: Reason
    """Why the warnings are accepted, in one line; the report prints it with each."""


class Settings(Node):
    """Thresholds of every check, in one block."""

    citations: Citations = Field(default_factory=Citations)
    governance: Governance = Field(default_factory=Governance)
    readability: Readability = Field(default_factory=Readability)
    risk: Risk = Field(default_factory=Risk)
    decision: Decision = Field(default_factory=Decision)
    outputs: Outputs = Field(default_factory=Outputs)
    waivers: tuple[FileWaiver, ...] = ()
    """Warnings accepted in clinic and layout files. Waivers for the knowledge base are written
    on the item, reference or governance block they concern."""


def settings_path(kb_path: Path) -> Path:
    """Where the settings of a knowledge base live: ``checks.yaml`` beside it."""
    return kb_path.parent / SETTINGS_NAME


def load_settings(kb_path: Path) -> tuple[Settings, Located | None]:
    """The settings beside ``kb_path`` (defaults when there is no file); raises InputError."""
    path = settings_path(kb_path)
    if not path.exists():
        return Settings(), None
    return load_validated(path, Settings)
