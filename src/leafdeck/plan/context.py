"""What every section builder of the plan reads (``Context``), and the small pieces they share:
a statement as a paragraph in the audience's register, a section under its heading, a topic's
blocks. Pure: no rendering library, no file access.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from leafdeck.model import KnowledgeBase, Statement, Topic
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import Contents, SectionSpec
from leafdeck.plan.spoken import read_not_said
from leafdeck.read.labels import Labels


@dataclass(frozen=True)
class Context:
    """What every section builder reads."""

    kb: KnowledgeBase
    labels: Labels
    audience: str
    contents: Contents
    spec: SectionSpec


def para(statement: Statement, ctx: Context, *, field: str = "text") -> b.Paragraph:
    """A statement in the audience's register (clinician wording for clinicians, when given).
    A clinician line written to be read ("No peri-procedural complications.", ``spoken.fragment``)
    and without ``notes`` of its own is said in the statement's plain-language ``text``, written
    as full sentences (issue 20, third trial: no fragment in a talk's notes). The ``notes`` of a
    statement with a clinician wording the clinician talk reads are that wording's spoken form:
    another audience says its
    plain-language ``text`` instead (issue 20, fifth round: no "T2", "MSQOL-54" or
    "statistically significant" read to patients), in every language."""
    clinician = ctx.audience == "clinician" and statement.clinician is not None
    text = statement.clinician if clinician and statement.clinician else statement.text
    notes = notes_for(statement, ctx.audience)
    if clinician and notes is None and read_not_said(text) and not read_not_said(statement.text):
        notes = statement.text
    return b.Paragraph(
        text, statement.cites, statement.id, "clinician" if clinician else field, notes, statement.reminder
    )


def notes_for(statement: Statement, audience: str) -> str | None:
    """What a speaker says of ``statement`` to ``audience``, when not its text: its ``notes``,
    except that the notes of a statement with a clinician wording the clinician talk reads are
    that wording's spoken form, said to clinicians only (issue 20, fifth round)."""
    for_clinicians = statement.clinician is not None and (not statement.audiences or "clinician" in statement.audiences)
    return statement.notes if audience == "clinician" or not for_clinicians else None


def paras(statements: Iterable[Statement], ctx: Context) -> tuple[b.Paragraph, ...]:
    """Each statement as a paragraph."""
    return tuple(para(s, ctx) for s in statements)


def section(
    ctx: Context, title: str, blocks: Iterable[b.Block | None], headline: str | None = None, short: str | None = None
) -> b.Section:
    """A section of the contents entry ``ctx.spec``, with its headline and that headline's short
    on-screen form (``short``), when the source gives them."""
    kept = tuple(block for block in blocks if block is not None)
    shown = ctx.labels(ctx.spec.title) if ctx.spec.title else title
    return b.Section(ctx.spec.section, shown, kept, headline, ctx.spec.backup, short_headline=short)


def topic_blocks(topic: Topic, ctx: Context) -> list[b.Block]:
    """A topic's blocks: its statements, or (``summary: true``) its short summary followed by its
    essential statements for the clinic's country. A summary is written for every country, so the
    country-specific essentials (an emergency number, a reporting route, a trial register) would
    otherwise never reach a short product although marked ``depth: essential`` (issue 19 §3)."""
    if ctx.spec.summary and topic.summary:
        local = paras(local_essentials(topic), ctx)
        return [b.Paragraph(topic.summary, topic.summary_cites, topic.id, "summary"), *local]
    items = paras(topic.statements, ctx)
    return [b.BulletList(items)] if topic.style == "bullets" else list(items)


def local_essentials(topic: Topic) -> tuple[Statement, ...]:
    """The topic's statements tagged for particular countries (``countries:``) and marked
    ``depth: essential``; the selection (``plan.variants.select``) has already dropped those
    for other countries, so these are the clinic's own."""
    return tuple(s for s in topic.statements if s.countries and s.depth == "essential")


def option_name(name: str, approved: bool, labels: Labels) -> str:
    """An option's name, flagged when regulators do not approve it for this use."""
    return name if approved else labels("not_approved", name=name)


Built = b.Section | list[b.Section] | None
"""A builder makes one section, several (one per trial), or none."""
