"""The whole knowledge base: references, people, the publisher, review governance, the
document's titles, and the ``KnowledgeBase`` that holds every item."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from leafdeck.fields import not_future_year
from leafdeck.links import WebAddress
from leafdeck.model.items import (
    Faq,
    Figure,
    GridRow,
    Option,
    QuestionGroup,
    Statement,
    Step,
    Term,
    Topic,
    TopicRole,
    ValuePrompt,
    Waiver,
)
from leafdeck.model.trials import Study
from leafdeck.model.types import MAX_KB_ID, Cites, Country, Date, Id, Node, PastDate, Text
from leafdeck.passages import LanguageCode

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
    year: Annotated[StrictInt, Field(ge=1900, le=2100), AfterValidator(not_future_year)]
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
    countries: tuple[Country, ...] = ()
    """A national service's advice for its own public (an NHS page, "GB"): cited only in the
    outputs of clinics in these countries; elsewhere the statements citing it name no source
    for it rather than a foreign one (``plan.variants.select``, issue 20 point 6). Empty (the
    default): a source for every country."""
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
    language: LanguageCode | None = None
    """Language the name is written in; unset: the knowledge base's own language. A translation
    keeps it (the name is not translated), so an English name in a French leaflet is marked as
    English for screen readers (``leafdeck.passages``)."""


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

    def overdue(self, today: dt.date) -> bool:
        """Whether the material is out of date on ``today``: after the day ``next_review`` names
        (GOV-001; a build then refuses patient outputs unless ``--allow-expired``)."""
        return today > self.next_review

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
