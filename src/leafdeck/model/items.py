"""The knowledge base's items: statements, topics, options, questions, the option grid's rows,
value prompts, figures, steps, FAQ entries and glossary terms (each with an id and audiences)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
)

from leafdeck.model.types import AUDIENCES, Audiences, Cites, Country, Depth, Id, Node, Reason, RuleCode, Text, _unique


class Waiver(Node):
    """A warning of ``leafdeck check`` accepted on purpose, said where the content is."""

    rule: RuleCode
    """The warning's rule, e.g. ``READ-004``. Errors cannot be waived."""
    reason: Reason
    """Why the warning is accepted, in one line. The check report lists it with the finding."""


class Item(Node):
    """Anything a variant can select: it has an id and the audiences it serves."""

    id: Id
    """Stable identifier, unique across the whole knowledge base."""
    audiences: Audiences = AUDIENCES
    """Who this item is for. Defaults to every audience."""
    depth: Depth | None = None
    """``essential``: also in the short products; ``detail``: only in the full decision aid and
    the web page; ``standard``: everywhere but the short products. Unset: ``standard`` for a
    single statement, term, step or outcome; a topic, study, option or group is kept at every
    depth its content reaches (only its content is filtered)."""
    countries: Annotated[tuple[Country, ...], AfterValidator(_unique)] = ()
    """Only for clinics in these countries (ISO 3166-1 alpha-2, or ``international`` for a clinic
    with no country). Empty (the default): for every clinic. Chosen per clinic before layout, as
    audiences are, so a clinic's outputs never name another country's route."""
    editor_notes: Text | None = None
    """Notes for the people who edit the knowledge base (to-dos, sign-off, cautions). No output
    ever shows them: not in print, slides, speaker notes or the web page."""
    waivers: tuple[Waiver, ...] = ()
    """Warnings of ``leafdeck check`` accepted for this item and everything inside it, each with
    its reason (``{rule: READ-004, reason: ...}``). Never printed."""


class Statement(Item):
    """One sentence or short paragraph of content, with the references behind it."""

    text: Text
    """The content, in plain language. Inline `**bold**` is the only markup. A number from the
    trial data is written as a reference to it, filled in by the build: `{OUTCOME.ARM}`,
    `{OUTCOME.ARM:0}`, `{OUTCOME.p}`, `{STUDY.ARM.n}`, `{STUDY.n}` (README, "Numbers in prose")."""
    cites: Cites = ()
    """Reference ids that support this statement. Every factual statement cites one."""
    clinician: Text | None = None
    """The same content in clinician register ("randomized 2:1", "catheter venography"), used
    for the clinician audience instead of ``text``; patient-directed sentences leave it out and
    set ``audiences`` without ``clinician``."""
    notes: Text | None = None
    """What a speaker says beyond the slide, in full sentences (deck speaker notes only, never
    printed). Editors' to-dos belong in ``editor_notes``."""
    reminder: Text | None = None
    """What a speaker says of this statement on a later main slide when an earlier one already
    said it: a short pointer after the ``deck_reminder`` label ("NICE advises against it.").
    Unset: the reminder is the main clause of the first sentence of what was said."""


TopicRole = Literal[
    "intervention",
    "hypothesis",
    "spread",
    "evidence",
    "safety",
    "regulation",
    "unknowns",
    "experiences",
    "next_steps",
    "warning_signs",
    "certainty",
    "side_effect_reporting",
    "finding_trials",
]


class Topic(Item):
    """A narrative section. Renderers find topics by their ``role``."""

    role: TopicRole
    """What the section is about; each role appears once."""
    title: Text
    """Heading, written as a reader would ask it."""
    statements: tuple[Statement, ...] = Field(min_length=1)
    """The content, in reading order."""
    style: Literal["prose", "bullets"] = "prose"
    """Whether statements read as paragraphs or as a bulleted list."""
    summary: Text | None = None
    """One or two plain sentences for the short products, in place of the statements; it must
    only restate what the topic's statements say, with their references in ``summary_cites``."""
    summary_cites: Cites = ()
    """References behind ``summary``."""
    headline: Text | None = None
    """The section's message as one sentence, for a talk's action title (clinician register)."""
    short_headline: Text | None = None
    """The headline's on-screen form when ``headline`` is too long for two title lines at the
    deck's title sizes (issue 20): the slide shows it and the notes say the full headline. It
    must only restate the headline (its numbers checked the same way)."""
    talk: Text | None = None
    """What the presenter of the patient talk says on the slide showing ``summary``: spoken
    sentences in plain words, about 60 to 180 of them (a minute at 130 words a minute), with
    no citation; it must only say what the topic's statements say (references in
    ``summary_cites``). Unset: the notes say the topic's statements instead."""


OptionKind = Literal["procedure", "usual_care", "trial", "treatment", "support"]


class Option(Item):
    """One choice a person could make, with benefits and harms in equal detail."""

    name: Text
    """Name of the option."""
    kind: OptionKind
    """`usual_care` is staying with the current care plan."""
    summary: Statement
    """What the option is."""
    benefits: tuple[Statement, ...] = Field(min_length=1)
    """What it can do for a person, with evidence."""
    harms: tuple[Statement, ...] = Field(min_length=1)
    """Its downsides and risks, with evidence."""
    approved: StrictBool
    """Whether regulators approve it for this use."""


class QuestionGroup(Item):
    """Questions to ask, grouped by theme."""

    title: Text
    """Theme of the group."""
    questions: tuple[Statement, ...] = Field(min_length=1)
    """The questions, each a full sentence ending with a question mark."""


class GridCell(Statement):
    """One option's answer to one question of the option grid."""

    option: Id
    """The option (an ``Option.id``) whose column this cell is in."""


class GridRow(Item):
    """One row of the option grid: a question patients ask, answered for each option.

    Option Grid (Elwyn et al.; ``../shared/reference/patient-info-standards.md``): the columns
    are the options, the rows the questions people ask most, each cell one or two sentences."""

    question: Text
    """The question, as a patient asks it."""
    cells: tuple[GridCell, ...] = Field(min_length=1)
    """One answer per option, each with its references."""


class ValuePrompt(Item):
    """One line of the values-clarification exercise ("What matters most to you?", IPDAS):
    something a person may care about, rated on a scale between two ends."""

    text: Text
    """What may matter, e.g. "Avoiding the risks of a procedure"."""
    favours: Id | None = None
    """The option (an ``Option.id``) that caring a lot about this tends to point towards."""


class Figure(Item):
    """A drawn figure's words: the drawing itself is the renderer's, its part labels are
    interface words (``labels.<lang>.yaml``, ``diagram_*``)."""

    caption: Text
    """Printed under the figure."""
    alt: Text
    """Alternative text for screen readers and tagged PDF."""
    cites: Cites = ()
    """References behind what the caption says."""


class Step(Item):
    """One step of the decision framework."""

    title: Text
    """The step, as a short instruction."""
    text: Text
    """What the step means in practice."""
    cites: Cites = ()
    """References behind the step, if it states facts."""


class Faq(Item):
    """A frequently asked question and its answer."""

    question: Text
    """The question as people ask it."""
    answer: Statement
    """The answer, with its references."""


class Term(Item):
    """A glossary entry."""

    term: Text
    """The word or phrase."""
    definition: Text
    """Its meaning in plain words."""
