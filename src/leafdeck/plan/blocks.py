"""The content plan's vocabulary: an outline of sections holding typed blocks.

This is leafdeck's document tree (Pandoc's AST plays the same part): the plan decides what a
product says, in which order and at which depth; a renderer only lays the blocks out. Blocks hold
final text in the output's language and register, reference ids (numbered by the outline) and,
where a renderer draws from structured numbers, the model objects themselves. Nothing here imports
a rendering library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from leafdeck.model import Figure, KnowledgeBase, Outcome, Study

if TYPE_CHECKING:
    from leafdeck.read.presenters import Presenter


@dataclass(frozen=True)
class Block:
    """Base of every block; ``kind`` names it in ``leafdeck plan --outline`` output."""

    kind: ClassVar[str] = "block"


@dataclass(frozen=True)
class Paragraph(Block):
    """A statement of the knowledge base as one paragraph (or one list item).

    ``text`` may hold the model's inline ``**bold**``; ``cites`` are reference ids (see
    ``Outline.number``); ``notes`` is what a speaker says about it (never printed); ``item`` and
    ``field`` say where the text came from, for coverage checks and messages."""

    kind: ClassVar[str] = "paragraph"
    text: str
    cites: tuple[str, ...] = ()
    item: str = ""
    field: str = "text"
    notes: str | None = None
    reminder: str | None = None


@dataclass(frozen=True)
class BulletList(Block):
    """Statements read as a bulleted list."""

    kind: ClassVar[str] = "list"
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class KeyPoints(Block):
    """The few points a reader must take away, in a box."""

    kind: ClassVar[str] = "key_points"
    title: str
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Notice(Block):
    """A sentence that must stand out (the unapproved-use notice, an out-of-date stamp)."""

    kind: ClassVar[str] = "notice"
    text: Paragraph


@dataclass(frozen=True)
class Cover(Block):
    """Title, subtitle and the decision the material helps with."""

    kind: ClassVar[str] = "cover"
    title: str
    subtitle: str
    decision_label: str
    decision: str
    condition: str | None = None


@dataclass(frozen=True)
class Chart(Block):
    """One study's outcome as a bar chart, drawn from the structured numbers."""

    kind: ClassVar[str] = "chart"
    study: Study
    outcome: Outcome
    heading: str
    cites: tuple[str, ...] = ()

    @property
    def chance(self) -> bool:
        """Whether the difference the chart shows may be due to chance (a p-value of 0.05 or
        more, or the outcome's note says so): the chart then says so under it, in the same words
        as the icon arrays (label ``icon_chance``; issue 19, clinical review S15)."""
        from leafdeck.plan.evidence import may_be_chance  # evidence builds blocks

        return may_be_chance(self.outcome)


@dataclass(frozen=True)
class IconArm(Block):
    """One 10 x 10 icon array: ``filled`` of 100 people have the outcome (a natural frequency,
    rounded from ``events`` of ``of`` as analysed)."""

    kind: ClassVar[str] = "icon_arm"
    label: str
    events: int
    of: int
    filled: int
    treated: bool


@dataclass(frozen=True)
class IconArray(Block):
    """Two (or more) icon arrays side by side, procedure and comparison, for one outcome; the
    caption and alternative text are written from the same numbers (Galesic et al. 2009; icon
    arrays in ``../shared/reference/patient-info-standards.md``)."""

    kind: ClassVar[str] = "icon_array"
    study: str
    outcome: str
    heading: str
    arms: tuple[IconArm, ...]
    caption: str
    alt: str
    cites: tuple[str, ...] = ()
    chance: str = ""
    """Said wherever the arrays are shown (even without the caption) when the difference between
    the groups may be due to chance (p = 0.05 or more, or the outcome's note says so)."""


@dataclass(frozen=True)
class Diagram(Block):
    """The labelled drawing of the neck and chest veins with a balloon catheter."""

    kind: ClassVar[str] = "diagram"
    figure: Figure
    labels: tuple[str, ...]
    """Part labels, in drawing order: jugular vein, azygos vein, heart, balloon catheter."""


@dataclass(frozen=True)
class OptionColumn(Block):
    """One column of the option grid."""

    kind: ClassVar[str] = "option_column"
    option: str
    name: str


@dataclass(frozen=True)
class GridLine(Block):
    """One row of the option grid: a question and one answer per column (same order)."""

    kind: ClassVar[str] = "grid_row"
    question: str
    item: str
    cells: tuple[Paragraph, ...]


@dataclass(frozen=True)
class OptionGrid(Block):
    """Options side by side, answering the questions people ask most (Option Grid)."""

    kind: ClassVar[str] = "option_grid"
    columns: tuple[OptionColumn, ...]
    rows: tuple[GridLine, ...]


@dataclass(frozen=True)
class OptionDetail(Block):
    """One option with its benefits and harms in equal detail (IPDAS)."""

    kind: ClassVar[str] = "option"
    option: str
    name: str
    summary: Paragraph
    benefits_label: str
    benefits: tuple[Paragraph, ...]
    harms_label: str
    harms: tuple[Paragraph, ...]
    parts: tuple[str, ...] = ()
    """Names of the options this one includes, when only the compared options are shown
    (current care: medicines, relapse care, rehabilitation)."""


@dataclass(frozen=True)
class QuestionGroup(Block):
    """Questions to ask, under a theme."""

    kind: ClassVar[str] = "question_group"
    title: str
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Questions(Block):
    """Question groups, then ``writing_lines`` ruled lines under ``notes_label`` to write on."""

    kind: ClassVar[str] = "questions"
    groups: tuple[QuestionGroup, ...]
    writing_lines: int = 0
    notes_label: str = ""


@dataclass(frozen=True)
class Values(Block):
    """The values-clarification exercise: each prompt rated between two ends (IPDAS)."""

    kind: ClassVar[str] = "values"
    prompts: tuple[Paragraph, ...]
    scale: tuple[str, str]
    intro: str


@dataclass(frozen=True)
class Steps(Block):
    """Numbered steps; each title is already numbered ("Step 1: ...")."""

    kind: ClassVar[str] = "steps"
    steps: tuple[tuple[str, Paragraph], ...]


@dataclass(frozen=True)
class Faq(Block):
    """Questions and their answers."""

    kind: ClassVar[str] = "faq"
    entries: tuple[tuple[Paragraph, Paragraph], ...]


@dataclass(frozen=True)
class StudyDetail(Block):
    """One study: its heading, design, findings and conclusion."""

    kind: ClassVar[str] = "study"
    study: Study
    heading: str
    design: Paragraph
    findings: tuple[Paragraph, ...]
    conclusion: Paragraph


@dataclass(frozen=True)
class TrialsTable(Block):
    """The sham-controlled trials side by side: one row per trial, one column per aspect."""

    kind: ClassVar[str] = "trials_table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    studies: tuple[str, ...]
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary(Block):
    """Terms and their plain-language definitions."""

    kind: ClassVar[str] = "glossary"
    terms: tuple[tuple[str, Paragraph], ...]


@dataclass(frozen=True)
class ReferenceEntry(Block):
    """One numbered reference, as printable parts: only what the evidence list verifies (parts
    listed in ``Reference.unverified`` are left out). ``link`` is the address to link, if any."""

    kind: ClassVar[str] = "reference"
    number: int
    id: str
    text: str
    link: str | None = None
    link_text: str | None = None
    short: str = ""
    """First author (or issuer) and year, for compact lists."""


@dataclass(frozen=True)
class References(Block):
    """The numbered reference list; ``compact`` lists short forms and points to ``online``."""

    kind: ClassVar[str] = "references"
    entries: tuple[ReferenceEntry, ...]
    compact: bool = False
    more: str = ""
    """The sentence pointing to the full list online (compact lists)."""
    listed: bool = True
    """False: no entries are printed, only ``more`` (where the full references are)."""


@dataclass(frozen=True)
class About(Block):
    """Who made the material, when, who paid: (label, text) rows, then formats and disclaimer."""

    kind: ClassVar[str] = "about"
    rows: tuple[tuple[str, str], ...]
    other_formats: str
    disclaimer: str
    compact: bool = False
    """One line of the rows only (no formats, no disclaimer): the option grid and the tri-fold."""
    more: str = ""
    """Compact: the sentence pointing to the full references online, ending the line."""


@dataclass(frozen=True)
class Contact(Block):
    """Where the clinic's contact goes (its name, phone, address, web and QR code come from the
    clinic file, which the renderer holds)."""

    kind: ClassVar[str] = "contact"
    read_online: str


@dataclass(frozen=True)
class Disclosure(Block):
    """The presenter's financial relationships. They come from the presenter file, which the
    renderer holds (as it holds the clinic's contact); ``none`` is shown for a presenter who
    declares none, ``missing`` for a talk built without a presenter (``--release`` refuses it)."""

    kind: ClassVar[str] = "disclosure"
    none: str
    missing: str

    def shown(self, presenter: Presenter | None) -> tuple[str, ...]:
        """The lines of the disclosures slide for ``presenter``: exactly their declarations, the
        ``none`` wording, or the ``missing`` wording without a presenter."""
        if presenter is None:
            return (self.missing,)
        if presenter.disclosures == "none":
            return (self.none,)
        return tuple(presenter.disclosures)


@dataclass(frozen=True)
class Section:
    """One part of a product, in reading order. ``name`` is the contents entry it came from;
    ``headline`` is its message as a sentence (a talk's action title), when the source gives one,
    and ``short_headline`` its on-screen form when the source gives one (for a headline too long
    for the title box); ``backup`` sections go after a talk's main part."""

    name: str
    title: str
    blocks: tuple[Block, ...]
    headline: str | None = None
    backup: bool = False
    notes: tuple[str, ...] = ()
    short_headline: str | None = None


@dataclass(frozen=True)
class Outline:
    """What one product shows for one variant: the ordered sections, and the references in order
    of first citation (``number`` gives each id its printed number)."""

    product: str
    audience: str
    language: str
    kb: KnowledgeBase
    sections: tuple[Section, ...]
    references: tuple[str, ...] = ()
    citations: bool = True
    """Whether the product prints citation numbers in the text."""

    def number(self, ref_id: str) -> int:
        """The printed number of a cited reference (1-based). Raises KeyError for one not cited."""
        return self.references.index(ref_id) + 1

    def section(self, name: str) -> Section | None:
        """The section made from the contents entry ``name``, if the product has it."""
        return next((s for s in self.sections if s.name == name), None)
