"""The sections that close a product: the references (filled in once the outline's citations are
known, ``plan.citations``), "about" (who made it, when, who paid) and the clinic's contact. Each
builder takes a ``Context`` and returns a section; ``BUILDERS`` maps their names.
"""

from __future__ import annotations

from collections.abc import Callable

from leafdeck.plan import blocks as b
from leafdeck.plan.contents import SectionName
from leafdeck.plan.context import Built, Context, section


def _references(ctx: Context) -> b.Section:
    # filled in once every section is built and the citations are known (see plan.citations.with_references)
    return section(
        ctx,
        ctx.labels("sources" if ctx.spec.compact else "references"),
        [b.References((), ctx.spec.compact, listed=ctx.spec.listed)],
    )


def _about(ctx: Context) -> b.Section:
    g, L = ctx.kb.governance, ctx.labels
    people = [("written_by", g.authors), ("checked_by", g.reviewers)]
    rows = (
        (L("published_by"), g.publisher.name),
        *((L(key), "; ".join(f"{p.name}, {p.role} ({p.qualifications})" for p in group)) for key, group in people),
        (L("version"), g.version),
        (L("published"), L.date(g.published)),
        (L("last_reviewed"), L.date(g.last_reviewed)),
        (L("next_review"), L.date(g.next_review)),
        (L("funding"), g.funding),
        (L("conflicts"), g.conflicts_of_interest),
        (L("questions"), g.contact),
        (L("feedback"), g.feedback),
        (L("update_policy"), g.update_policy),
    )
    if ctx.contents.depth == "essential":
        keep = {L("published_by"), L("version"), L("last_reviewed"), L("next_review"), L("funding")}
        rows = tuple(r for r in rows if r[0] in keep)
    block = b.About(rows, g.other_formats, ctx.kb.document.disclaimer)
    return section(ctx, L("about"), [block])


def _contact(ctx: Context) -> b.Section:
    return section(ctx, ctx.labels("contact_heading"), [b.Contact(ctx.labels("read_online"))])


BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    "references": _references,
    "about": _about,
    "contact": _contact,
}
"""The builders of the closing sections, by section name."""
