"""From the model to drafts: what each section of a deck says, before anything is measured.

A draft is a section's content as pages of blocks. A block (a point and its sub-points) never
splits across slides unless it cannot fit on a slide of its own; each block carries what the
speaker says about it and the references behind it. A draft may offer several arrangements of its
pages, preferred first (a study's design beside its first chart, or on a slide of its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from leafdeck.model import KnowledgeBase, Outcome, Reference, Statement, Study, TopicRole
from leafdeck.plan.variants import cited_ids
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render.deck.charts import ordered_arms, outcome_text
from leafdeck.render.deck.layout import DeckLayout, Section
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.spec import Para, ParaStyle

SizeRole = Literal["cover", "body", "references"]
_SPACES = re.compile(r"[ \t\r\n]+")
_TOPIC_ROLES: tuple[TopicRole, ...] = get_args(TopicRole)


@dataclass(frozen=True)
class Block:
    """Paragraphs that stay together, what to say about them, and their references."""

    paras: tuple[Para, ...]
    notes: tuple[str, ...]
    cites: tuple[str, ...] = ()
    outcome: Outcome | None = None
    """The outcome these paragraphs report, drawn in the chart beside them."""


@dataclass(frozen=True)
class Page:
    """Content meant for one slide. On a page of a ``charted`` study, each slide it takes shows a
    chart of exactly the outcomes whose blocks landed on that slide."""

    blocks: tuple[Block, ...]
    charted: Study | None = None


@dataclass(frozen=True)
class Draft:
    """One section's content, before measuring."""

    title: str
    options: tuple[tuple[Page, ...], ...]
    """Arrangements of the content, preferred first."""
    agenda: str = ""
    """How the agenda names this section; empty when it is not listed."""
    sizes: SizeRole = "body"
    lead_notes: tuple[str, ...] = ()
    """Said on the section's first slide, before the blocks' notes."""


@dataclass(frozen=True)
class Context:
    """What every builder may read."""

    kb: KnowledgeBase
    layout: DeckLayout
    clinic: Clinic
    words: Labels
    """The output language's interface words and date format."""


def drafts(ctx: Context) -> list[Draft]:
    """Every section of the deck, in order; sections with nothing to say are left out."""
    built = [(section, _build(section, ctx)) for section in ctx.layout.sections]
    agenda = _agenda(ctx, [d for section, ds in built if section != "agenda" for d in ds])
    return [d for section, ds in built for d in (agenda if section == "agenda" else ds)]


def _build(section: Section, ctx: Context) -> list[Draft]:
    if section in _TOPIC_ROLES:
        return _topic(ctx, section)
    builders: dict[str, Callable[[Context], list[Draft]]] = {
        "title": _cover,
        "disclosure": _disclosure,
        "notice": _notice,
        "agenda": lambda _: [],
        "trials": lambda c: _studies(c, "randomized_trial", c.layout.words.study_title, c.layout.words.trials),
        "prevalence": lambda c: _studies(c, "case_control", c.layout.words.prevalence, None),
        "alternatives": _alternatives,
        "options": _options,
        "questions": _questions,
        "framework": _framework,
        "take_home": _take_home,
        "references": _references,
    }
    return builders[section](ctx)


def runs(text: str, *, bold: bool = False) -> tuple[Run, ...]:
    """Runs of ``text`` with its ``**bold**`` markup applied and its line breaks and runs of spaces
    made single spaces (no-break spaces stay: they keep `n = 9` on one line)."""
    parts = _SPACES.sub(" ", text).strip().split("**")
    return tuple(Run(part, bold or index % 2 == 1) for index, part in enumerate(parts) if part)


def plain(text: str) -> str:
    """``text`` without markup, for speaker notes."""
    return _SPACES.sub(" ", text.replace("**", "")).strip()


def said(statement: Statement) -> str:
    """What the speaker says about a statement: its notes, or else its text."""
    return plain(statement.notes or statement.text)


def _single(
    title: str,
    blocks: Iterable[Block],
    *,
    agenda: str = "",
    sizes: SizeRole = "body",
    lead_notes: tuple[str, ...] = (),
) -> list[Draft]:
    """A section on one page, or no section at all when it has nothing to show."""
    kept = tuple(blocks)
    return [Draft(title, ((Page(kept),),), agenda, sizes, lead_notes)] if kept else []


def _statement(statement: Statement) -> Block:
    return Block((Para(runs(statement.text)),), (said(statement),), statement.cites)


def _labelled(label: str, text: str, *, style: ParaStyle = "bullet") -> Para:
    return Para((Run(label + " ", bold=True), *runs(text)), style=style)


def _cover(ctx: Context) -> list[Draft]:
    doc, gov, labels = ctx.kb.document, ctx.kb.governance, ctx.layout.words
    reviewed = ctx.words.date(gov.last_reviewed)
    paras = (
        Para(runs(doc.subtitle, bold=True), style="plain"),
        Para(runs(ctx.clinic.name), style="plain", tight=True),
        Para(runs(labels.cover_version.format(version=gov.version, reviewed=reviewed)), style="plain", tight=True),
    )
    block = Block(paras, (plain(doc.decision), plain(doc.condition), plain(doc.disclaimer)))
    return [Draft(plain(doc.title), ((Page((block,)),),), sizes="cover")]


def _disclosure(ctx: Context) -> list[Draft]:
    gov, labels = ctx.kb.governance, ctx.layout.words
    blocks = (
        Block((Para(runs(gov.disclosures), style="plain"),), (plain(gov.disclosures),)),
        Block((_labelled(labels.funding, gov.funding, style="plain"),), (plain(gov.funding),)),
        Block(
            (_labelled(labels.conflicts, gov.conflicts_of_interest, style="plain"),),
            (plain(gov.conflicts_of_interest),),
        ),
    )
    return _single(labels.disclosure, blocks)


def _notice(ctx: Context) -> list[Draft]:
    doc = ctx.kb.document
    blocks = (
        Block((Para(runs(doc.unapproved_use, bold=True), style="plain"),), (plain(doc.unapproved_use),)),
        Block((Para(runs(doc.disclaimer), style="plain"),), (plain(doc.disclaimer),)),
    )
    return _single(ctx.layout.words.notice, blocks)


def _agenda(ctx: Context, later: list[Draft]) -> list[Draft]:
    if "agenda" not in ctx.layout.sections:
        return []
    names = [d.agenda for d in later if d.agenda]
    blocks = [Block((Para((Run(name),), tight=True),), (name,)) for name in names]
    return _single(ctx.layout.words.agenda, blocks, lead_notes=(plain(ctx.kb.document.decision),))


def _topic(ctx: Context, role: TopicRole) -> list[Draft]:
    topic = ctx.kb.topic(role)
    if topic is None:
        return []
    title = plain(topic.title)
    return _single(title, (_statement(s) for s in topic.statements), agenda=title)


def _studies(ctx: Context, kind: str, title_format: str, agenda: str | None) -> list[Draft]:
    chosen = [s for s in ctx.kb.studies if s.kind == kind]
    built = []
    for index, study in enumerate(chosen):
        title = title_format.format(
            short_name=study.short_name, name=study.name, year=study.year, country=study.country or ""
        )
        listed = agenda if agenda is not None else title
        built.append(_study(ctx, study, title, listed if index == 0 else ""))
    return built


def _study(ctx: Context, study: Study, title: str, agenda: str) -> Draft:
    """Preferred: design and results beside each chart; else the design on a slide of its own."""
    intro, conclusion = _study_intro(ctx, study), _study_conclusion(ctx, study)
    groups = [tuple(_outcome(ctx, study, o) for o in group) for group in _by_unit(study)]
    lead = (f"{plain(study.name)}, {study.year}.", *(said(f) for f in study.findings))
    if not groups:
        return Draft(title, ((Page((*intro, conclusion)),),), agenda=agenda, lead_notes=lead)
    joined = [list(blocks) for blocks in groups]
    joined[0][:0] = intro
    joined[-1].append(conclusion)
    separate = [Page((*intro, conclusion)), *(Page(blocks, study) for blocks in groups)]
    return Draft(title, (tuple(Page(tuple(b), study) for b in joined), tuple(separate)), agenda=agenda, lead_notes=lead)


def _study_intro(ctx: Context, study: Study) -> list[Block]:
    labels = ctx.layout.words
    intro = [Block((_labelled(labels.design, study.design),), (plain(study.population or study.design),), study.cites)]
    if study.arms:
        arms = ", ".join(labels.arm.format(label=a.label, n=a.n) for a in ordered_arms(study))
        intro.append(Block((_labelled(labels.participants, arms),), (_participants_said(study, arms),)))
    if study.follow_up:
        intro.append(Block((_labelled(labels.follow_up, study.follow_up),), (plain(study.follow_up),)))
    return intro


def _study_conclusion(ctx: Context, study: Study) -> Block:
    text = _labelled(ctx.layout.words.conclusion, study.conclusion.text)
    return Block((text,), (said(study.conclusion),), study.conclusion.cites)


def _participants_said(study: Study, arms: str) -> str:
    total = sum(a.n for a in study.arms)
    return f"{total} people analysed: {arms}."


def _by_unit(study: Study) -> list[list[Outcome]]:
    """Outcomes grouped by unit (one chart each); the group holding a primary outcome comes first."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in study.outcomes:
        groups.setdefault(outcome.unit, []).append(outcome)
    return sorted(groups.values(), key=lambda group: not any(o.primary for o in group))


def _outcome(ctx: Context, study: Study, outcome: Outcome) -> Block:
    text = outcome_text(study, outcome, ctx.layout)
    paras = [Para(text)]
    notes = ["".join(r.text for r in text)]
    if outcome.note:
        paras.append(Para(runs(outcome.note), level=1))
        notes.append(plain(outcome.note))
    return Block(tuple(paras), tuple(notes), outcome.cites, outcome)


def _alternatives(ctx: Context) -> list[Draft]:
    """Every option on one slide: name, whether it is approved, what it is. Benefits and harms,
    in the same detail for each option, go in the speaker notes."""
    labels = ctx.layout.words
    blocks = []
    for option in ctx.kb.options:
        status = () if option.approved else (Run(labels.not_approved + " ", bold=True),)
        head = Para((Run(plain(option.name) + ": ", bold=True), *status, *runs(option.summary.text)))
        statements = (option.summary, *option.benefits, *option.harms)
        notes = (
            f"{plain(option.name)}: {said(option.summary)}",
            f"{labels.benefits}: " + " ".join(said(s) for s in option.benefits),
            f"{labels.harms}: " + " ".join(said(s) for s in option.harms),
        )
        blocks.append(Block((head,), notes, tuple(dict.fromkeys(c for s in statements for c in s.cites))))
    return _single(labels.alternatives, blocks, agenda=labels.alternatives)


def _options(ctx: Context) -> list[Draft]:
    """One slide per option: what it is, then its benefits and its harms, in the same detail."""
    labels = ctx.layout.words
    built = []
    for number, option in enumerate(ctx.kb.options, start=1):
        status = () if option.approved else (Run(labels.not_approved + " ", bold=True),)
        summary = Block(
            (Para((*status, *runs(option.summary.text)), style="plain"),),
            (said(option.summary),),
            option.summary.cites,
        )
        blocks = (summary, _listed(labels.benefits, option.benefits), _listed(labels.harms, option.harms))
        title = labels.option_title.format(number=number, name=plain(option.name))
        listed = labels.alternatives if number == 1 and "alternatives" not in ctx.layout.sections else ""
        built.append(Draft(title, ((Page(blocks),),), agenda=listed))
    return built


def _listed(heading: str, statements: Iterable[Statement]) -> Block:
    """A bold heading and one bullet per statement, kept together."""
    chosen = tuple(statements)
    paras = (Para(runs(heading, bold=True), style="plain"), *(Para(runs(s.text)) for s in chosen))
    cites = tuple(dict.fromkeys(c for s in chosen for c in s.cites))
    return Block(paras, tuple(said(s) for s in chosen), cites)


def _questions(ctx: Context) -> list[Draft]:
    blocks = [_listed(group.title, group.questions) for group in ctx.kb.questions]
    labels = ctx.layout.words
    return _single(labels.questions, blocks, agenda=labels.questions)


def _framework(ctx: Context) -> list[Draft]:
    blocks = [
        Block(
            (Para((Run(plain(step.title) + ": ", bold=True), *runs(step.text)), style="numbered", label=f"{n}."),),
            (plain(step.text),),
            step.cites,
        )
        for n, step in enumerate(ctx.kb.framework, start=1)
    ]
    labels = ctx.layout.words
    return _single(labels.framework, blocks, agenda=labels.framework)


def _take_home(ctx: Context) -> list[Draft]:
    labels = ctx.layout.words
    return _single(labels.take_home, (_statement(s) for s in ctx.kb.key_points), agenda=labels.take_home)


def _references(ctx: Context) -> list[Draft]:
    """Numbered in order of first citation; what must be said about a source goes in the notes."""
    labels = ctx.layout.words
    blocks = []
    for number, ref in numbered_references(ctx.kb):
        text = reference_text(ref) + ("" if ref.verified else f" {labels.unverified}")
        para = Para(runs(text), style="numbered", label=f"{number}.", tight=True)
        blocks.append(Block((para,), (f"[{number}] {_identifiers(ref)}",)))
    return _single(labels.references, blocks, sizes="references")


def numbered_references(kb: KnowledgeBase) -> list[tuple[int, Reference]]:
    """References numbered in order of first citation (the numbers a reader sees everywhere)."""
    order = {ref_id: index for index, ref_id in enumerate(cited_ids(kb))}
    listed = sorted(kb.references, key=lambda r: order.get(r.id, len(order)))
    return list(enumerate(listed, start=1))


def reference_text(ref: Reference) -> str:
    """A reference as one line: authors, title, container, year;volume:pages, DOI."""
    where = f"{ref.year}" + (f";{ref.volume}" if ref.volume else "") + (f":{ref.pages}" if ref.pages else "")
    doi = f" doi:{ref.doi}" if ref.doi else ""
    return f"{_period(ref.authors)} {_period(ref.title)} {_period(ref.container)} {where}.{doi}"


def short_cite(ref: Reference) -> str:
    """``Siddiqui 2014``: the first author's surname (or the issuing body) and the year."""
    first = ref.authors.split(",")[0].strip()
    words = first.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}", words[-1]):
        first = " ".join(words[:-1])
    return f"{first} {ref.year}"


def _identifiers(ref: Reference) -> str:
    ids = [f"PMID {ref.pmid}" if ref.pmid else "", ref.registry or "", ref.url or "", plain(ref.note or "")]
    return "; ".join(i for i in ids if i) or reference_text(ref)


def _period(text: str) -> str:
    text = plain(text)
    return text if text.endswith((".", "?", "!")) else text + "."
