"""Plan the leaflet: the model, narrowed to one audience, becomes a list of flowables.

The layout lists which sections appear and in what order; each section name has one builder
in ``SECTIONS``. Nothing here draws: reportlab lays the story out when the document builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from leafdeck.model import Governance, KnowledgeBase, Option, Reference, TopicRole
from leafdeck.plan.variants import cited_ids
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet import blocks, chart
from leafdeck.render.leaflet.blocks import Numbering
from leafdeck.render.leaflet.markup import inline, link
from leafdeck.render.leaflet.styles import Theme


@dataclass(frozen=True)
class Context:
    """What every section builder needs."""

    kb: KnowledgeBase
    theme: Theme
    numbering: Numbering
    width: float
    online: str
    notice: str | None = None


def story(kb: KnowledgeBase, theme: Theme, width: float, online: str, notice: str | None = None) -> list[Flowable]:
    """Title block, then every section the layout lists, in its order."""
    ctx = Context(kb, theme, Numbering(cited_ids(kb) if theme.layout.citations else []), width, online, notice)
    flowables = _title(ctx)
    for name in theme.layout.sections:
        flowables += SECTIONS[name](ctx)
    return flowables


def _title(ctx: Context) -> list[Flowable]:
    doc, t = ctx.kb.document, ctx.theme
    decision = [
        blocks.text(inline(t.labels("helps_you_decide")), t, "box_title"),
        blocks.text(f"<b>{inline(doc.decision)}</b>", t),
    ]
    if t.layout.condition:
        decision.append(blocks.text(inline(doc.condition), t))
    warning = (
        [blocks.box([blocks.text(f"<b>{inline(ctx.notice)}</b>", t)], t, width=ctx.width, border="accent")]
        if ctx.notice
        else []
    )
    return [
        *warning,
        Spacer(1, t["body"].spaceAfter) if warning else Spacer(1, 0),
        blocks.Heading(doc.title, t["title"], 0),
        blocks.text(inline(doc.subtitle), t, "subtitle"),
        blocks.box(decision, t, width=ctx.width, border="accent"),
        Spacer(1, t["body"].spaceAfter * 2),
    ]


def _topic(role: TopicRole) -> Callable[[Context], list[Flowable]]:
    def build(ctx: Context) -> list[Flowable]:
        topic = ctx.kb.topic(role)
        if topic is None:
            return []
        body = (
            blocks.bullets(topic.statements, ctx.theme, ctx.numbering)
            if topic.style == "bullets"
            else [blocks.para(s, ctx.theme, ctx.numbering) for s in topic.statements]
        )
        return blocks.heading(topic.title, ctx.theme) + body

    return build


def _key_points(ctx: Context) -> list[Flowable]:
    content: list[Flowable] = [blocks.text(inline(ctx.theme.labels("key_points")), ctx.theme, "box_title")]
    content += blocks.bullets(ctx.kb.key_points, ctx.theme, ctx.numbering)
    return [blocks.box(content, ctx.theme, width=ctx.width)]


def _intervention(ctx: Context) -> list[Flowable]:
    notice = blocks.text(f"<b>{inline(ctx.kb.document.unapproved_use)}</b>", ctx.theme)
    return [*_topic("intervention")(ctx), notice]


def _evidence(ctx: Context) -> list[Flowable]:
    return _topic("evidence")(ctx) + _chart(ctx)


def _chart(ctx: Context) -> list[Flowable]:
    found = chart.panels(ctx.kb.studies, ctx.theme.labels)
    if not found:
        return []
    heading: list[Flowable] = blocks.heading(ctx.theme.labels("chart_heading"), ctx.theme, level=1)
    flowables: list[Flowable] = []
    for i, panel in enumerate(found):
        mark = ctx.numbering.mark(panel.outcome.cites or panel.study.cites)
        label = blocks.text(f"<b>{inline(panel.heading)}</b>{mark}", ctx.theme, "small")
        group = [label, chart.drawing(panel, ctx.theme, ctx.width), Spacer(1, ctx.theme["small"].spaceAfter)]
        flowables.append(
            blocks.together(heading + group if i == 0 else group)
        )  # the heading travels with the first panel
    caption = ctx.theme.labels("chart_caption")
    flowables.append(blocks.text(inline(caption), ctx.theme, "caption"))
    return flowables


def _studies(ctx: Context) -> list[Flowable]:
    shown = [s for s in ctx.kb.studies if s.findings]
    if not shown:
        return []
    flowables = blocks.heading(ctx.theme.labels("main_studies"), ctx.theme)
    for study in shown:
        flowables += blocks.heading(f"{study.name} ({study.year})", ctx.theme, level=1)
        flowables.append(blocks.text(inline(study.design) + ctx.numbering.mark(study.cites), ctx.theme))
        flowables += blocks.bullets(study.findings, ctx.theme, ctx.numbering)
        flowables.append(blocks.para(study.conclusion, ctx.theme, ctx.numbering))
    return flowables


def _options(ctx: Context) -> list[Flowable]:
    flowables = blocks.heading(ctx.theme.labels("your_options"), ctx.theme)
    for option in ctx.kb.options:
        flowables += blocks.heading(_option_title(option, ctx), ctx.theme, level=1)
        flowables.append(blocks.para(option.summary, ctx.theme, ctx.numbering))
        flowables.append(blocks.text(f"<b>{inline(ctx.theme.labels('what_it_can_do'))}</b>", ctx.theme, "lead"))
        flowables += blocks.bullets(option.benefits, ctx.theme, ctx.numbering)
        flowables.append(blocks.text(f"<b>{inline(ctx.theme.labels('downsides'))}</b>", ctx.theme, "lead"))
        flowables += blocks.bullets(option.harms, ctx.theme, ctx.numbering)
    return flowables


def _options_brief(ctx: Context) -> list[Flowable]:
    flowables = blocks.heading(ctx.theme.labels("your_options"), ctx.theme)
    for option in ctx.kb.options:
        flowables.append(
            blocks.text(
                f"<b>{inline(_option_title(option, ctx))}.</b> {inline(option.summary.text)}", ctx.theme, "bullet"
            )
        )
    return flowables


def _option_title(option: Option, ctx: Context) -> str:
    return option.name if option.approved else ctx.theme.labels("not_approved", name=option.name)


def _framework(ctx: Context) -> list[Flowable]:
    flowables = blocks.heading(ctx.theme.labels("step_by_step"), ctx.theme)
    for i, step in enumerate(ctx.kb.framework, 1):
        mark = ctx.numbering.mark(step.cites)
        title = inline(ctx.theme.labels("step", n=i, title=step.title))
        flowables.append(blocks.text(f"<b>{title}</b><br/>{inline(step.text)}{mark}", ctx.theme))
    return flowables


def _questions(ctx: Context) -> list[Flowable]:
    flowables = blocks.heading(ctx.theme.labels("questions_to_ask"), ctx.theme)
    limit = ctx.theme.layout.questions_per_group
    for group in ctx.kb.questions:
        content: list[Flowable] = [blocks.text(inline(group.title), ctx.theme, "box_title")]
        content += blocks.bullets(group.questions[:limit], ctx.theme, ctx.numbering)
        flowables += [
            blocks.box(content, ctx.theme, width=ctx.width, border="accent"),
            Spacer(1, ctx.theme.layout.box.padding),
        ]
    if ctx.theme.layout.box.writing_lines:
        notes = [
            blocks.text(inline(ctx.theme.labels("my_notes")), ctx.theme, "box_title"),
            blocks.writing_lines(ctx.theme),
        ]
        flowables.append(blocks.box(notes, ctx.theme, width=ctx.width, border="accent"))
    return flowables


def _faq(ctx: Context) -> list[Flowable]:
    if not ctx.kb.faq:
        return []
    flowables = blocks.heading(ctx.theme.labels("common_questions"), ctx.theme)
    for item in ctx.kb.faq:
        flowables.append(blocks.text(f"<b>{inline(item.question)}</b>", ctx.theme, "lead"))
        flowables.append(blocks.para(item.answer, ctx.theme, ctx.numbering))
    return flowables


def _glossary(ctx: Context) -> list[Flowable]:
    if not ctx.kb.glossary:
        return []
    flowables = blocks.heading(ctx.theme.labels("glossary"), ctx.theme)
    for term in ctx.kb.glossary:
        flowables.append(blocks.text(f"<b>{inline(term.term)}:</b> {inline(term.definition)}", ctx.theme))
    return flowables


def _references(ctx: Context) -> list[Flowable]:
    flowables = blocks.heading(ctx.theme.labels("references"), ctx.theme)
    for number, ref_id in enumerate(ctx.numbering.numbers, 1):
        ref = ctx.kb.reference(ref_id)
        markup = reference_markup(ref, ctx.theme.labels, notes=ctx.theme.layout.reference_notes)
        flowables.append(blocks.text(f"{number}. {markup}", ctx.theme, "reference"))
    return flowables


def _references_compact(ctx: Context) -> list[Flowable]:
    """The sources as one run-on paragraph (for summaries), pointing to the full list online."""
    entries = [
        f"<b>{n}</b>\u00a0{short_reference(ctx.kb.reference(ref_id))}"
        for n, ref_id in enumerate(ctx.numbering.numbers, 1)
    ]
    short = ctx.online.split("://", 1)[-1].rstrip("/")
    more = f"{inline(ctx.theme.labels('full_references'))} {link(ctx.online, short)}"
    return [
        *blocks.heading(ctx.theme.labels("sources"), ctx.theme),
        blocks.text(" ".join(entries), ctx.theme, "reference"),
        blocks.text(more, ctx.theme, "small"),
    ]


def _sources_note(ctx: Context) -> list[Flowable]:
    short = ctx.online.split("://", 1)[-1].rstrip("/")
    note = f"{inline(ctx.theme.labels('sources_note'))} {link(ctx.online, short)}"
    return [*blocks.heading(ctx.theme.labels("sources"), ctx.theme), blocks.text(note, ctx.theme)]


def short_reference(ref: Reference) -> str:
    """First author (or issuer) and year, for summaries that link to the full list."""
    first = ref.authors.split(",")[0].strip()
    more = " et al." if "," in ref.authors else ""
    return inline(f"{first}{more}, {ref.year}.")


def reference_markup(ref: Reference, labels: Labels, *, notes: bool = True) -> str:
    """One reference in a Vancouver-like style, with identifiers and any caution (the
    editors' note on what is unverified, or just the flag when ``notes`` is off)."""
    where = f"{ref.year}" + (f";{ref.volume}" if ref.volume else "") + (f":{ref.pages}" if ref.pages else "")
    parts = [_sentence(ref.authors), _sentence(ref.title), _sentence(ref.container), where + "."]
    if ref.date:
        parts.append(inline(labels("dated", date=labels.date(ref.date))))
    if ref.doi:
        parts.append(link(f"https://doi.org/{ref.doi}", f"doi:{ref.doi}"))
    if ref.pmid:
        parts.append(f"PMID {ref.pmid}.")
    if ref.registry:
        parts.append(inline(ref.registry) + ".")
    if ref.url and not ref.doi:
        parts.append(link(ref.url))
    if not ref.verified:
        detail = ref.note if notes and ref.note else labels("not_verified_default")
        parts.append(f"<b>{inline(labels('not_verified'))}</b> " + inline(detail))
    return " ".join(parts)


def _sentence(text: str) -> str:
    """Escaped text ending in exactly one full stop (authors often end in "et al.")."""
    text = text.rstrip()
    return inline(text if text.endswith((".", "?", "!")) else text + ".")


def about_rows(g: Governance, labels: Labels, format_label: str) -> list[tuple[str, str]]:
    """The "about this leaflet" facts as (label key, text), for every format that prints them."""
    people = [("written_by", g.authors), ("checked_by", g.reviewers)]
    return [
        ("published_by", g.publisher.name),
        *((key, "; ".join(f"{p.name}, {p.role} ({p.qualifications})" for p in group)) for key, group in people),
        ("version", f"{g.version} ({labels(format_label)})"),
        ("published", labels.date(g.published)),
        ("last_reviewed", labels.date(g.last_reviewed)),
        ("next_review", labels.date(g.next_review)),
        ("funding", g.funding),
        ("conflicts", g.conflicts_of_interest),
        ("questions", g.contact),
        ("feedback", g.feedback),
        ("update_policy", g.update_policy),
    ]


def _about(ctx: Context) -> list[Flowable]:
    g, t = ctx.kb.governance, ctx.theme
    L = t.labels
    rows = about_rows(g, L, t.layout.label)
    flowables = blocks.heading(t.labels("about"), t)
    flowables += [blocks.text(f"<b>{inline(L(key))}:</b> {inline(value)}", t, "small") for key, value in rows]
    flowables.append(blocks.box([blocks.text(inline(g.other_formats), t, "box_title")], t, width=ctx.width))
    flowables.append(blocks.text(inline(ctx.kb.document.disclaimer), t))
    return flowables + _contact(ctx)


def _contact(ctx: Context) -> list[Flowable]:
    clinic, t = ctx.theme.clinic, ctx.theme
    short = ctx.online.split("://", 1)[-1].rstrip("/")
    lines = [
        blocks.text(f"<b>{inline(clinic.name)}</b>", t),
        blocks.text(inline(t.labels("phone", phone=clinic.phone)), t),
        blocks.text("<br/>".join(inline(line.strip()) for line in clinic.address.splitlines()), t, "small"),
        blocks.text(f"{inline(t.labels('read_online'))} {link(ctx.online, short)}", t),
    ]
    if clinic.email:
        lines.insert(2, blocks.text(inline(t.labels("email", email=clinic.email)), t))
    qr_width = t.layout.qr_size + t.layout.box.padding
    if ctx.width - qr_width < ctx.width * 0.7:  # a narrow panel: the code goes under the text
        return [*blocks.heading(t.labels("contact_heading"), t), *lines, blocks.qr(ctx.online, t)]
    table = blocks.Table([[lines, blocks.qr(ctx.online, t)]], colWidths=[ctx.width - qr_width, qr_width])
    table.setStyle(blocks.table_style(t, [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [*blocks.heading(t.labels("contact_heading"), t), table]


SECTIONS: dict[str, Callable[[Context], list[Flowable]]] = {
    "key_points": _key_points,
    "intervention": _intervention,
    "hypothesis": _topic("hypothesis"),
    "spread": _topic("spread"),
    "evidence": _evidence,
    "chart": _chart,
    "studies": _studies,
    "safety": _topic("safety"),
    "regulation": _topic("regulation"),
    "options": _options,
    "options_brief": _options_brief,
    "unknowns": _topic("unknowns"),
    "framework": _framework,
    "questions": _questions,
    "next_steps": _topic("next_steps"),
    "faq": _faq,
    "experiences": _topic("experiences"),
    "glossary": _glossary,
    "references": _references,
    "references_compact": _references_compact,
    "sources_note": _sources_note,
    "about": _about,
    "contact": _contact,
}
