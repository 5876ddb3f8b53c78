"""The sections that close a product: the references (filled in once the outline's citations are
known, ``plan.citations``), "about" (who made it, when, who paid), the clinic's contact, and the
clinic's country's urgent help, reporting route and trial registers in short. Each builder takes
a ``Context`` and returns a section; ``BUILDERS`` maps their names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leafdeck.model import TopicRole
from leafdeck.passages import marked, other
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import SectionName
from leafdeck.plan.context import Built, Context, local_essentials, para, section


def _references(ctx: Context) -> b.Section:
    # filled in once every section is built and the citations are known (see plan.citations.with_references)
    return section(
        ctx,
        ctx.labels("sources" if ctx.spec.compact else "references"),
        [b.References((), ctx.spec.compact, listed=ctx.spec.listed)],
    )


def _about(ctx: Context) -> b.Section:
    """Who made the material and when: every row in the full products; publisher, version,
    review dates and funding in the short ones; publisher, version, review dates (and where the
    full references are, when the product has no references section) on one line without a
    heading, with ``compact`` (the option grid and the tri-fold; clinical review 2026-12-07 M8)."""
    g, L = ctx.kb.governance, ctx.labels
    people = [("written_by", g.authors), ("checked_by", g.reviewers)]
    rows = (
        ("published_by", marked(g.publisher.name, other(g.publisher.language, L.language))),
        *((key, "; ".join(f"{p.name}, {p.role} ({p.qualifications})" for p in group)) for key, group in people),
        ("version", g.version),
        ("published", L.date(g.published)),
        ("last_reviewed", L.date(g.last_reviewed)),
        ("next_review", L.date(g.next_review)),
        ("funding", g.funding),
        ("conflicts", g.conflicts_of_interest),
        ("questions", g.contact),
        ("feedback", g.feedback),
        ("update_policy", g.update_policy),
    )
    if ctx.spec.compact:
        rows = tuple(r for r in rows if r[0] in _ON_EVERY_PRODUCT)
    elif ctx.contents.depth == "essential":
        rows = tuple(r for r in rows if r[0] in (*_ON_EVERY_PRODUCT, "funding"))
    block = b.About(tuple((L(key), value) for key, value in rows), g.other_formats, ctx.kb.document.disclaimer)
    if ctx.spec.compact:
        listed = any(spec.section == "references" for spec in ctx.contents.sections)
        return section(ctx, "", [replace(block, compact=True, more="" if listed else L("full_references"))])
    return section(ctx, L("about"), [block])


_ON_EVERY_PRODUCT = ("published_by", "version", "last_reviewed", "next_review")
"""The "about" rows every patient product carries, however short (review 2026-12-07 M8; PIF
TICK and IPDAS: publisher, date of the information, next review)."""


def _local_help(ctx: Context) -> b.Section:
    """The clinic's country's emergency number, side-effect reporting route and trial registers
    in short, as one paragraph under no heading, each part led by its label in bold (a one-page
    product has no room for more; three paragraphs overflow the Spanish option grid): the
    topics' country statements marked ``depth: essential`` (``local_essentials``; the selection
    has dropped other countries'), else the topic's summary (a clinic in no named country has no
    register of its own). No reference numbers: like the short leaflet's, these say where to
    turn, and their sources are in the full list online."""
    parts, first = [], ("", "")
    for role, lead in _LOCAL_TOPICS:
        topic = ctx.kb.topic(role)
        if topic is None:
            continue
        local = local_essentials(topic)
        text = " ".join(para(s, ctx).text for s in local) if local else topic.summary
        if text:
            parts.append(f"**{ctx.labels.colon(ctx.labels(lead))}** {text}")
            first = first if first[0] else ((local[0].id, "text") if local else (topic.id, "summary"))
    shown = [b.Paragraph(" ".join(parts), (), *first)] if parts else []
    return section(ctx, "", shown)


_LOCAL_TOPICS: tuple[tuple[TopicRole, str], ...] = (
    ("warning_signs", "local_urgent_help"),
    ("side_effect_reporting", "short_reporting"),
    ("finding_trials", "local_trials"),
)
"""The topics the short local help draws on, in order, each with the label key leading it."""


def _contact(ctx: Context) -> b.Section:
    return section(ctx, ctx.labels("contact_heading"), [b.Contact(ctx.labels("read_online"))])


BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    "references": _references,
    "about": _about,
    "contact": _contact,
    "local_help": _local_help,
}
"""The builders of the closing sections, by section name."""
