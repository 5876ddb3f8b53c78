"""The content model: the one thing every renderer reads.

Frozen, typed, and free of any rendering library. It describes *content* (statements,
studies, options, references), never pages or slides: those are layout decisions.
Every item has a stable ``id`` and the ``audiences`` it serves, so each variant
(patient, clinician, advocacy) is a selection from this one source.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from leafdeck.fields import INTERNATIONAL as INTERNATIONAL
from leafdeck.fields import bounded_date, country_code, not_future, printable
from leafdeck.links import WebAddress
from leafdeck.passages import LanguageCode

Audience = Literal["patient", "clinician", "advocacy"]
AUDIENCES: tuple[Audience, ...] = ("patient", "clinician", "advocacy")

Depth = Literal["essential", "standard", "detail"]
"""How deep a product must go to show an item: ``essential`` items reach the short products
(short leaflet, option grid, tri-fold), ``standard`` ones the talks and the web page, ``detail``
ones only the full decision aid (and the web page, its online copy). Products name the depth
they show in ``layouts/products.yaml``."""
DEPTHS: tuple[Depth, ...] = ("essential", "standard", "detail")

Country = Annotated[str, StringConstraints(strict=True), AfterValidator(country_code)]
"""An ISO 3166-1 alpha-2 code (``GB``, ``ES``, ``US``) or ``international``, the neutral default
(``fields.country_code``: ``UK`` is refused with "did you mean 'GB'")."""

_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_KB_ID = 60
"""The longest knowledge-base id: it is part of every online address and QR code."""


def _parse_date(value: object) -> object:
    """Turn an ISO ``YYYY-MM-DD`` string into a date, with a message a volunteer can act on."""
    if not isinstance(value, str):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None


def _people(value: int) -> int:
    """An arm's size: at least one person (an arm of 0 would print "0 people" beside results)."""
    if value < 1:
        raise ValueError(f"{value} people: an arm has at least 1 person; leave out an arm no one was in")
    return value


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!r} is listed twice")
        seen.add(value)
    return values


def _printable(value: str) -> str:
    """Refuse control and format characters and line and paragraph separators (soft hyphens,
    zero-width spaces, U+2028, ...; ``fields.printable``): a printed page would drop them
    silently, and leaflets do not hyphenate."""
    return printable(value)


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1), AfterValidator(_printable)]
"""Non-empty text. Numbers are not silently turned into text: quote them."""
Id = Annotated[str, StringConstraints(strict=True, pattern=_ID_PATTERN)]
"""A stable identifier: lower-case letters, digits and hyphens."""
Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(bounded_date)]
"""A date written YYYY-MM-DD, between 1900-01-01 and 2100-12-31 (``fields.bounded_date``)."""
PastDate = Annotated[Date, AfterValidator(not_future)]
"""A date something happened on (published, reviewed, translated): not after today."""
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number: YAML's ``.nan``, ``.inf`` and ``-.inf`` are refused."""
Audiences = Annotated[tuple[Audience, ...], Field(min_length=1), AfterValidator(_unique)]
Cites = Annotated[tuple[Id, ...], AfterValidator(_unique)]


class Node(BaseModel):
    """Base of every model: frozen, unknown keys rejected, field docstrings kept."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


RuleCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]+-\d{3}$")]
"""A rule of ``leafdeck check``, e.g. ``READ-004``."""
Reason = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, pattern=r"^[^\n]+$"),
    AfterValidator(_printable),
]
"""One line of text."""


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
    talk: Text | None = None
    """What the presenter of the patient talk says on the slide showing ``summary``: spoken
    sentences in plain words, about 60 to 180 of them (a minute at 130 words a minute), with
    no citation; it must only say what the topic's statements say (references in
    ``summary_cites``). Unset: the notes say the topic's statements instead."""


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
    year: StrictInt = Field(ge=1900, le=2100)
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


ReferenceField = Literal[
    "authors", "title", "container", "year", "volume", "pages", "date", "doi", "pmid", "url", "registry"
]
"""The parts of a reference entry that can be verified one by one."""


class Reference(Node):
    """A source the knowledge base cites."""

    id: Id
    """Identifier used in `cites` lists."""
    authors: Text
    """Authors as `Surname AB, Surname CD, et al.`, or the issuing body."""
    title: Text
    """Title of the article or document."""
    container: Text
    """Journal, database or issuer."""
    year: StrictInt = Field(ge=1900, le=2100)
    """Year of publication."""
    volume: Text | None = None
    """Volume and issue, e.g. `83(5)`."""
    pages: Text | None = None
    """Page range or article number."""
    date: Date | None = None
    """Exact publication or issue date, when it matters (e.g. a regulator's notice)."""
    doi: Annotated[str, StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    """DOI, only where verified (e.g. `10.1212/WNL.0000000000000638`)."""
    pmid: Annotated[str, StringConstraints(strict=True, pattern=r"^\d{1,9}$")] | None = None
    """PubMed id, only where verified."""
    url: WebAddress | None = None
    """Web address, where useful."""
    registry: Text | None = None
    """Trial registry number, e.g. `NCT01450072`."""
    language: LanguageCode | None = None
    """Language the entry (its title) is written in, e.g. `en`; unset: the knowledge base's own
    language. A translation keeps it, so an English title in a French leaflet is marked as
    English for screen readers (``leafdeck.passages``)."""
    seen_at: WebAddress | None = None
    """Where the entry was checked when no printed identifier shows it: the address of the record
    or faithful copy it was verified against (``../shared/evidence.md``, "Seen at"). Never printed."""
    verified: StrictBool
    """True when the entry was checked against a primary record (``../shared/evidence.md``), named
    by its `doi`, `pmid`, `url` or `seen_at` (``leafdeck check`` refuses it otherwise, CIT-009).
    False when nothing of it could be: ``leafdeck check --release`` refuses a patient output
    that cites it."""
    unverified: tuple[ReferenceField, ...] = ()
    """Parts of the entry that the evidence list does not verify (e.g. ``[doi, pages]``). They
    are never printed, and ``leafdeck check`` warns about each (rule CIT-008)."""
    note: Text | None = None
    """For editors: what is unverified and why. Never printed."""
    waivers: tuple[Waiver, ...] = ()
    """Warnings of ``leafdeck check`` accepted for this reference, each with its reason. Never printed."""


class Person(Node):
    """An author or reviewer."""

    name: Text
    """Full name, or a clearly marked placeholder."""
    role: Text
    """What they did (e.g. `Clinical reviewer`)."""
    qualifications: Text
    """Qualifications relevant to the role."""
    placeholder: StrictBool = False
    """True until a real person has signed off; release builds refuse placeholders."""


class Publisher(Node):
    """Who publishes the material."""

    name: Text
    """Organisation name."""
    url: WebAddress | None = None
    """Web address."""


class Governance(Node):
    """Provenance printed on every output: who, when, which version, who paid."""

    publisher: Publisher
    """The publishing organisation."""
    authors: tuple[Person, ...] = Field(min_length=1)
    """Who wrote it."""
    reviewers: tuple[Person, ...] = Field(min_length=1)
    """Who checked it clinically."""
    version: Annotated[str, StringConstraints(strict=True, pattern=r"^\d+\.\d+(\.\d+)?$")]
    """Version number, quoted (e.g. `"1.0.0"`)."""
    published: PastDate
    """Date first published (not in the future)."""
    last_reviewed: PastDate
    """Date of the last full review (not in the future)."""
    next_review: Date
    """Date the next review is due."""
    funding: Text
    """Who paid for the material. Never blank."""
    conflicts_of_interest: Text
    """Conflicts of interest, or an explicit statement that there are none."""
    contact: Text
    """How to reach the publisher with questions."""
    feedback: Text
    """How readers can send feedback."""
    update_policy: Text
    """When and how the material is updated."""
    other_formats: Text
    """Which other formats and languages exist and how to ask for them."""
    waivers: tuple[Waiver, ...] = ()
    """Warnings of ``leafdeck check`` accepted for this block (e.g. a placeholder reviewer while
    sign-off is awaited), each with its reason. ``--release`` still refuses placeholders."""


class Document(Node):
    """What the material is and the decision it helps with."""

    id: Annotated[Id, StringConstraints(max_length=MAX_KB_ID)]
    """Identifier of the knowledge base (used in file and web paths, and in every QR code: at most
    60 characters, so the online address fits a readable QR code; see ``read.layout.WEB_MAX_BYTES``)."""
    title: Text
    """Main title."""
    subtitle: Text
    """One-line description under the title."""
    decision: Text
    """The decision the material helps with, as a question."""
    condition: Text
    """The condition, in one or two plain sentences."""
    language: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
    """Language of the text (BCP 47, e.g. `en` or `en-GB`)."""
    keywords: tuple[Text, ...] = Field(min_length=1)
    """Keywords for document metadata."""
    disclaimer: Text
    """Standard sentence that the material supports, not replaces, a clinician."""
    unapproved_use: Text
    """Notice that the intervention is not an approved use."""
    unapproved_use_cites: Cites = ()
    """References behind the unapproved-use notice (printed and linked like any statement's)."""


class KnowledgeBase(Node):
    """The whole validated knowledge base."""

    schema_version: Literal[1]
    """Version of this schema. Currently 1."""
    document: Document
    """Title, decision and language."""
    governance: Governance
    """Provenance and review dates."""
    key_points: tuple[Statement, ...] = Field(min_length=1)
    """The few points a reader must take away; shown first."""
    topics: tuple[Topic, ...] = Field(min_length=1)
    """Narrative sections, in reading order."""
    studies: tuple[Study, ...] = Field(min_length=1)
    """The evidence, as structured data."""
    options: tuple[Option, ...] = Field(min_length=2)
    """Choices to compare, including staying with the current care plan."""
    questions: tuple[QuestionGroup, ...] = Field(min_length=1)
    """Questions to ask, by theme."""
    diagram: Figure | None = None
    """Words of the diagram of the neck and chest veins with a balloon catheter."""
    option_grid: tuple[GridRow, ...] = ()
    """The option grid: questions people ask most, answered for each option side by side."""
    values: tuple[ValuePrompt, ...] = ()
    """The values-clarification exercise ("What matters most to you?")."""
    framework: tuple[Step, ...] = Field(min_length=1)
    """A step-by-step way to make the decision."""
    faq: tuple[Faq, ...] = ()
    """Frequently asked questions."""
    glossary: tuple[Term, ...] = ()
    """Plain-language definitions."""
    references: tuple[Reference, ...] = Field(min_length=1)
    """Every source cited anywhere in the knowledge base."""

    def topic(self, role: TopicRole) -> Topic | None:
        """The topic with this role, or None when the variant has none."""
        return next((t for t in self.topics if t.role == role), None)

    def reference(self, ref_id: str) -> Reference:
        """The reference with this id (the loader guarantees it exists)."""
        return next(r for r in self.references if r.id == ref_id)
