"""What every check shares: the rule table, a located finding, and where things are in the sources.

A rule is one small function with an ID (``CIT-001``), a severity and located messages. Every
finding is an ``errors.Problem`` made under its rule's code, prints as
``path:line:col: RULE-ID: message`` and points into the file a person must edit: the knowledge
base, a translation, the settings or a layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from leafdeck.errors import Problem, Severity
from leafdeck.read.images import MIN_GRAPHIC_CONTRAST, MIN_PPI
from leafdeck.read.yamlio import Loc, Located


@dataclass(frozen=True)
class Rule:
    """One rule: what it checks, how bad a failure is, and the threshold it applies."""

    id: str
    severity: Severity
    family: str
    checks: str
    threshold: str = ""


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("SRC-001", "error", "sources", "every input loads and validates (knowledge base, settings, layouts, ...)"),
        Rule("SRC-002", "warning", "sources", "validation warnings (stale or unknown translation entries)"),
        Rule("PLAN-001", "error", "sources", "every section of a product shows something at its depth (products.yaml)"),
        Rule("CIT-001", "error", "citations", "every factual statement cites a reference, or its note says why not"),
        Rule("CIT-002", "error", "citations", "every cited reference id exists"),
        Rule("CIT-003", "error", "citations", "every reference is cited somewhere"),
        Rule("CIT-004", "error", "citations", "DOI and PMID syntax, and links that agree with them"),
        Rule("CIT-005", "warning", "citations", "references with nothing verified (`verified: false`) are listed"),
        Rule("CIT-006", "error", "citations", "no patient output cites a reference with nothing verified (--release)"),
        Rule("CIT-008", "warning", "citations", "each unverified part of a cited reference (`unverified:`) is listed"),
        Rule("CIT-009", "error", "citations", "`verified: true` names a DOI, PMID or address it was verified against"),
        Rule("CIT-010", "error", "citations", "a cited reference's authors, which its source lines name, are verified"),
        Rule("GOV-001", "error", "governance", "the next-review date has not passed", "today ≤ next_review"),
        Rule("GOV-002", "warning", "governance", "the next review is not due soon", "governance.warning_days"),
        Rule("GOV-003", "error", "governance", "the review interval is short enough", "governance.max_interval_months"),
        Rule("GOV-004", "error", "governance", "no placeholder reviewers or contacts (with --release)"),
        Rule("GOV-005", "warning", "governance", "placeholder reviewers or contacts (without --release)"),
        Rule(
            "GOV-006",
            "error",
            "governance",
            "a release talk names its presenter and their disclosures (build --release)",
        ),
        Rule(
            "GOV-007",
            "warning",
            "governance",
            "a clinic's country without advice of its own gets the international advice",
        ),
        Rule("READ-001", "warning", "readability", "Flesch–Kincaid grade at or below the target", "grade_target"),
        Rule("READ-002", "error", "readability", "Flesch–Kincaid grade at or below the maximum", "grade_max"),
        Rule("READ-003", "warning", "readability", "Flesch Reading Ease at or above the minimum", "reading_ease_min"),
        Rule("READ-004", "warning", "readability", "no sentence longer than the limit", "sentence_words_max"),
        Rule(
            "READ-005", "warning", "readability", "each language is measured (a formula and a syllable counter exist)"
        ),
        Rule("LANG-001", "warning", "languages", "every field of a translation is translated (else built in English)"),
        Rule("LANG-002", "error", "languages", "a release has no untranslated field (with --release)"),
        Rule(
            "LANG-003",
            "error",
            "languages",
            "a passage marked in another language names a language code leafdeck accepts",
        ),
        Rule("RISK-001", "error", "risk", "trial outcomes shown to patients have a time frame (natural frequencies)"),
        Rule("RISK-002", "warning", "risk", "verbal risk words come with a number in the same sentence", "risk.verbal"),
        Rule("RISK-003", "error", "risk", "relative-risk phrasing comes with absolute numbers", "risk.relative"),
        Rule("RISK-004", "error", "risk", "no bare percentages in patient prose (web addresses aside)", "risk.percent"),
        Rule("RISK-005", "error", "risk", "no bare percentages in built patient outputs (prose only)", "risk.percent"),
        Rule("DA-001", "error", "decision aid", "the options include staying with the current care plan"),
        Rule("DA-002", "error", "decision aid", "each option has benefits and harms, for each audience"),
        Rule("DA-003", "error", "decision aid", "a 'what we don't know' section when evidence is uncertain", ""),
        Rule("DA-004", "error", "decision aid", "at most a few key points", "decision.max_key_points"),
        Rule("DA-005", "error", "decision aid", "questions to ask are present"),
        Rule("OUT-001", "error", "outputs", "every selected item appears in the output (100% coverage)"),
        Rule("OUT-002", "error", "outputs", "no PDF text below the layout's minimum size", "min_font_size"),
        Rule("OUT-003", "error", "outputs", "every PDF font is embedded"),
        Rule("OUT-004", "error", "outputs", "no missing glyphs"),
        Rule("OUT-005", "error", "outputs", "no slide text overflows its box (measured)"),
        Rule("OUT-006", "error", "outputs", "every slide has speaker notes"),
        Rule("OUT-007", "error", "outputs", "slide titles are unique"),
        Rule("OUT-008", "error", "outputs", "no output shows editors' notes (`editor_notes`, a reference's `note`)"),
        Rule(
            "OUT-010",
            "error",
            "outputs",
            "a talk's main slides have notes to read aloud in range, no sentence said twice",
            "talk.notes_words",
        ),
        Rule("OUT-011", "error", "outputs", "a talk's notes read in its time, stated on slide 1", "talk.minutes"),
        Rule("OUT-009", "error", "outputs", "a tagged PDF conforms to PDF/UA-1 (page-validation 0.11.0, offline)"),
        Rule("FIT-001", "error", "fit", "a fixed-size product's content fits its page or panel budget"),
        Rule("FIT-002", "error", "fit", "no item is larger than a whole page or frame"),
        Rule(
            "FIT-003",
            "warning",
            "fit",
            "no page of an exact-budget product (short leaflet) but the last is more than a third empty",
            "max_gap",
        ),
        Rule(
            "FIT-004",
            "error",
            "fit",
            "no short field (title, heading, option or clinic name) longer than products show",
        ),
        Rule("LOGO-001", "warning", "logos", "a logo prints at 150 ppi or more in its printed box", f"{MIN_PPI} ppi"),
        Rule(
            "LOGO-002",
            "warning",
            "logos",
            "most of a transparent logo contrasts 3:1 with what it is drawn on",
            f"{MIN_GRAPHIC_CONTRAST:g}:1",
        ),
        Rule("LOGO-003", "warning", "logos", "a logo file's metadata is not damaged (read past, drawn as stored)"),
        Rule("NUM-001", "error", "numbers", "every {reference} in the text names a number of the trial data"),
        Rule(
            "NUM-002",
            "error",
            "numbers",
            "a literal number in text about a trial matches that trial's data (or is waived)",
        ),
        Rule("NUM-003", "error", "numbers", "a translation keeps the English text's {references}, unchanged"),
        Rule("NUM-004", "warning", "numbers", "a translation writes out the same numbers as the English text"),
        Rule("WAIVE-001", "error", "waivers", "a waiver names a warning rule (errors cannot be waived)"),
        Rule("WAIVE-002", "warning", "waivers", "a waiver still waives something"),
    )
}


def finding(rule: str, where: Problem | tuple[str, int, int], message: str, *, output: str = "") -> Problem:
    """A problem under ``rule`` (with the rule's severity) at a place."""
    file, line, col = (where.file, where.line, where.col) if isinstance(where, Problem) else where
    return Problem(file, line, col, message, RULES[rule].severity, rule, output)


def judged(problem: Problem) -> Problem:
    """A loader's problem with the severity the rule table gives its rule (an unused reference
    only warns in a build, but fails ``leafdeck check``)."""
    if problem.rule not in RULES:
        raise ValueError(f"{problem.rule} is not in the rule table ({problem.message!r})")  # a bug
    return replace(problem, severity=RULES[problem.rule].severity)


def at(located: Located, loc: Loc) -> tuple[str, int, int]:
    """File, line and column of a path in located YAML (its nearest ancestor if absent)."""
    problem = located.problem(loc, "")
    return problem.file, problem.line, problem.col


def item_index(data: Any, loc: Loc = ()) -> dict[str, Loc]:
    """Where each item with an id sits in the raw knowledge base (arms excluded)."""
    found: dict[str, Loc] = {}
    for path, item in _items(data, loc):
        found.setdefault(item["id"], path)
    return found


def _items(value: Any, loc: Loc) -> Iterator[tuple[Loc, dict[str, Any]]]:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and loc != ("document",):
            yield loc, value
        for key, child in value.items():
            if key not in ("arms", "references"):
                yield from _items(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _items(child, (*loc, i))


@dataclass
class Results:
    """Every problem of a run, plus the figures the report shows beside them."""

    findings: list[Problem] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    outputs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Warnings not waived."""
        return [f for f in self.findings if f.severity == "warning" and not f.waived]

    @property
    def waived(self) -> list[Problem]:
        """Warnings waived in the source they concern, each with its reason."""
        return [f for f in self.findings if f.waived]
