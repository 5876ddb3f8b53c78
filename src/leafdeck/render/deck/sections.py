"""From the content plan to drafts: what each slide of a talk says, before anything is measured.

In: the product's ``Outline`` (``leafdeck.plan``: its sections, in order, each main or backup,
holding typed blocks in the audience's register). Out: one ``Draft`` per slide group. The deck
has no list of sections of its own; ``talk.py`` turns each outline section into drafts.

A draft is content as pages of blocks. A block (a point and its sub-points) never splits across
slides unless it cannot fit on a slide of its own; each block carries what the speaker says about
it and the references behind it. A block without paragraphs only adds speaker notes and sources.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from leafdeck import passages
from leafdeck.model import Item, KnowledgeBase, Outcome, Reference, Study
from leafdeck.nobreak import minus_kept
from leafdeck.plan.blocks import Outline
from leafdeck.plan.evidence import reference_entry, short_reference
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.read.presenters import Presenter
from leafdeck.render.deck.layout import DeckLayout
from leafdeck.render.deck.measure import Measurer, Run
from leafdeck.render.deck.spec import Para
from leafdeck.render.deck.visuals import VisualDraft

SizeRole = Literal["cover", "body", "references"]
_SPACES = re.compile(r"[ \t\r\n]+")
_ENDS = (".", "?", "!", ":", "…")
_CLOSING = ")]”»\"'’"


@dataclass(frozen=True)
class Block:
    """Paragraphs that stay together, what to say about them, and their references."""

    paras: tuple[Para, ...]
    notes: tuple[str, ...]
    cites: tuple[str, ...] = ()
    outcome: Outcome | None = None
    """The outcome these paragraphs report, drawn in the chart beside them."""
    said_cites: tuple[str, ...] = ()
    """References behind what the notes say but the slide does not show: named in the notes'
    closing "Sources:" line, never on the slide's source line."""


@dataclass(frozen=True)
class Page:
    """Content meant for one slide. On a page of a ``charted`` study, each slide it takes shows a
    chart of exactly the outcomes whose blocks landed on that slide; a page with a ``visual``
    shows that table or icon array."""

    blocks: tuple[Block, ...]
    charted: Study | None = None
    visual: VisualDraft | None = None


@dataclass(frozen=True)
class Draft:
    """One slide group's content, before measuring."""

    title: str
    options: tuple[tuple[Page, ...], ...]
    """Arrangements of the content, preferred first."""
    sizes: SizeRole = "body"
    lead_notes: tuple[str, ...] = ()
    """Said on the group's first slide, before the blocks' notes."""
    section: str = ""
    """The PowerPoint section its slides belong to (the ``deck_section_main`` or
    ``deck_section_backup`` label)."""
    backup: bool = False
    """After the talk proper: may continue over several slides."""


@dataclass(frozen=True)
class Context:
    """What every builder may read."""

    outline: Outline
    layout: DeckLayout
    clinic: Clinic
    words: Labels
    """The output language's interface words and date format."""
    measurer: Measurer
    presenter: Presenter | None = None
    """Who gives the talk, for the title and disclosures slides (None: to be completed)."""
    sources: Sources = field(init=False)
    """The outline's references, numbered and printed for the source lines and notes."""
    essential: frozenset[str] = field(init=False)
    """Ids of the knowledge-base items marked ``depth: essential``: first on a main slide."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", Sources.of(self.outline, self.words))
        object.__setattr__(self, "essential", frozenset(_essential(self.outline.kb)))


@dataclass(frozen=True)
class Sources:
    """The outline's references as a talk cites them: numbers in order of first citation, a short
    form for the source line (``Traboulsee AL et al., 2018``) and the printable full text (only the
    parts the evidence list verifies) for the speaker notes."""

    numbers: dict[str, int]
    shorts: dict[str, str]
    texts: dict[str, str]

    @staticmethod
    def of(outline: Outline, words: Labels) -> Sources:
        """The sources of ``outline``, printed in the language of ``words``."""
        numbers, shorts, texts = {}, {}, {}
        by_id = {ref.id: ref for ref in outline.kb.references}
        dated, undated = words.words.get("dated", ""), words.words.get("undated", "")
        for number, ref_id in enumerate(outline.references, start=1):
            numbers[ref_id] = number
            shorts[ref_id], texts[ref_id] = _printed(by_id[ref_id], words.language, dated, undated)
        return Sources(numbers, shorts, texts)

    def short(self, ref_id: str) -> str:
        """``Traboulsee AL et al., 2018``: first author (or issuer) and year, for the source line."""
        return self.shorts[ref_id]

    def full(self, ref_id: str) -> str:
        """The reference as printed in the references list."""
        return self.texts[ref_id]


def _essential(kb: KnowledgeBase) -> set[str]:
    """Ids of the items marked ``depth: essential`` among those a paragraph of the outline can come
    from (``Paragraph.item``): statements, topics (their summaries), steps, terms."""
    statements = [
        *kb.key_points,
        *(s for t in kb.topics for s in t.statements),
        *(s for study in kb.studies for s in (*study.findings, study.conclusion)),
        *(s for o in kb.options for s in (o.summary, *o.benefits, *o.harms)),
        *(q for g in kb.questions for q in g.questions),
        *(f.answer for f in kb.faq),
        *(c for r in kb.option_grid for c in r.cells),
    ]
    items: list[Item] = [*statements, *kb.topics, *kb.studies, *kb.questions, *kb.faq, *kb.framework, *kb.glossary]
    return {item.id for item in items if item.depth == "essential"}


@functools.lru_cache(maxsize=1024)
def _printed(ref: Reference, language: str, dated: str, undated: str) -> tuple[str, str]:
    """A reference's short form and full printed text (only its verified parts) in ``language``,
    whose ``dated`` label writes an exact date and whose ``undated`` label ("n.d.") stands for a
    year the evidence list does not verify on the source line. Cached: every deck of a process
    cites the same."""
    entry = reference_entry(ref, 0, Labels(language, {"dated": dated}))
    return short_cite(ref, undated), entry.text + (f" {entry.link_text}" if entry.link_text else "")


def drafts(ctx: Context) -> list[Draft]:
    """Every slide group of the talk, in the outline's order: main sections, then backup."""
    from leafdeck.render.deck.talk import section_drafts

    return [draft for section in ctx.outline.sections for draft in section_drafts(section, ctx)]


@functools.lru_cache(maxsize=16384)
def runs(text: str, *, bold: bool = False) -> tuple[Run, ...]:
    """Runs of ``text`` with its ``**bold**`` markup applied and its line breaks and runs of spaces
    made single spaces (no-break spaces stay: they keep `n = 9` on one line). Cached: a process
    drafts the same texts for every clinic's deck. A negative number's sign is a minus sign that
    keeps to its digits (``nobreak.minus_kept``)."""
    parts = minus_kept(_squeezed(text)).split("**")
    return tuple(Run(part, bold or index % 2 == 1) for index, part in enumerate(parts) if part)


@functools.lru_cache(maxsize=16384)
def plain(text: str) -> str:
    """``text`` without markup, for speaker notes."""
    return _squeezed(text.replace("**", ""))


@functools.lru_cache(maxsize=16384)
def sentence(text: str) -> str:
    """``text`` without markup, ending as a sentence does (a full stop added when it has none)."""
    said = plain(text)
    return said if not said or said.rstrip(_CLOSING).endswith(_ENDS) else said + "."


@functools.lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Words in ``text`` as a reader counts them (markup and punctuation-only tokens left out)."""
    return sum(1 for token in plain(text).split() if any(c.isalnum() for c in token))


def _squeezed(text: str) -> str:
    """``text`` with line breaks, tabs and runs of spaces made single spaces, trimmed, and its
    language marks removed (``leafdeck.passages``)."""
    text = passages.plain(text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def short_cite(ref: Reference, undated: str = "") -> str:
    """First author (or issuer) and year without the closing full stop: ``Doe J et al., 2018``;
    ``undated`` ("n.d.") in place of a year the evidence list does not verify, when given."""
    return short_reference(ref, undated).removesuffix(".")
