"""The structured trial data: arms, values, outcomes and studies (every number in prose is a
reference to these, ``read.numbers``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
)

from leafdeck.fields import not_future_year
from leafdeck.model.items import Item, Statement
from leafdeck.model.types import Cites, Id, Node, Number, Text, _people


class Arm(Node):
    """One group of a study (a trial arm, or a comparison group)."""

    id: Id
    """Identifier of the arm within its study (e.g. `sham`)."""
    label: Text
    """Short label for tables and chart legends."""
    n: Annotated[StrictInt, AfterValidator(_people)]
    """Number of people in the arm, as analysed: at least 1 (an empty arm has no results to show)."""
    treated: StrictBool = False
    """True for the arm that had the procedure."""


class Value(Node):
    """The result of one outcome in one arm."""

    arm: Id
    """Which arm (an `Arm.id` of the same study)."""
    value: Number
    """The number as reported, in the outcome's unit."""
    events: StrictInt | None = Field(default=None, ge=0)
    """People with the event, when the outcome counts people."""
    of: StrictInt | None = Field(default=None, ge=1)
    """Denominator for `events`, when it differs from the arm's n."""
    approximate: StrictBool = False
    """True when the source gives the value only approximately."""


OutcomeUnit = Literal["percent_of_people", "count", "score_change", "people"]


class Outcome(Item):
    """A measured result, as structured data so charts and tables can be drawn from it."""

    label: Text
    """What was measured, in plain words."""
    unit: OutcomeUnit
    """How to read the values."""
    values: tuple[Value, ...] = Field(min_length=1)
    """One value per arm."""
    p_value: Text | None = None
    """P-value as reported (text, to keep `<0.0001` and `1.0` exact)."""
    primary: StrictBool = False
    """True for a prespecified primary outcome."""
    timeframe: Text | None = None
    """Over what time the outcome was measured (e.g. `48 weeks`)."""
    note: Text | None = None
    """A caveat that must travel with the number."""
    cites: Cites = ()
    """References for this number."""


StudyKind = Literal[
    "randomized_trial",
    "case_control",
    "hypothesis",
    "uncontrolled",
    "meta_analysis",
    "systematic_review",
]


class Study(Item):
    """A study as structured data: design, arms, outcomes, conclusion."""

    name: Text
    """Full display name (e.g. `PREMiSe (University at Buffalo)`)."""
    short_name: Text
    """Short name for charts and slide titles."""
    kind: StudyKind
    """What sort of study it is."""
    year: Annotated[StrictInt, Field(ge=1900, le=2100), AfterValidator(not_future_year)]
    """Year of the main publication."""
    country: Text | None = None
    """Where it was run."""
    design: Text
    """Design in plain words (randomization, blinding, sham)."""
    design_clinician: Text | None = None
    """The design in clinician register ("randomized 2:1, sham-controlled, double-blind"), used
    for the clinician audience instead of ``design``."""
    sham_controlled: StrictBool = False
    """True when the comparison was a sham (placebo) procedure."""
    population: Text | None = None
    """Who took part."""
    follow_up: Text | None = None
    """How long people were followed."""
    arms: tuple[Arm, ...] = ()
    """Groups compared, with their sizes."""
    outcomes: tuple[Outcome, ...] = ()
    """Main results."""
    findings: tuple[Statement, ...] = Field(min_length=1)
    """What the study found, in plain words."""
    conclusion: Statement
    """The authors' conclusion, paraphrased."""
    cites: Cites = Field(min_length=1)
    """References describing the study."""
    headline: Text | None = None
    """The study's finding as one sentence, for a talk's action title (clinician register)."""
    short_headline: Text | None = None
    """The headline's on-screen form when ``headline`` is too long for two title lines at the
    deck's title sizes (issue 20): the slide shows it and the notes say the full headline."""
