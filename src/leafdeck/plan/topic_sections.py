"""The sections that present the knowledge base's topics, options and exercises: cover, notices,
key points, topics, the diagram, options and the option grid, values, steps, questions, FAQ,
glossary. Each builder takes a ``Context`` and returns a section; ``BUILDERS`` maps their names.
"""

from __future__ import annotations

from collections.abc import Callable

from leafdeck.model import KnowledgeBase, Statement, TopicRole
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import SectionName
from leafdeck.plan.context import Built, Context, option_name, para, paras, section, topic_blocks


def _topic(role: TopicRole) -> Callable[[Context], b.Section | None]:
    def build(ctx: Context) -> b.Section | None:
        topic = ctx.kb.topic(role)
        if topic is None:
            return None
        return section(ctx, topic.title, topic_blocks(topic, ctx), topic.headline, topic.short_headline)

    return build


def _cover(ctx: Context) -> b.Section:
    doc = ctx.kb.document
    condition = doc.condition if ctx.contents.depth != "essential" else None
    cover = b.Cover(doc.title, doc.subtitle, ctx.labels("helps_you_decide"), doc.decision, condition)
    return section(ctx, doc.title, [cover])


def _disclosure(ctx: Context) -> b.Section:
    disclosure = b.Disclosure(ctx.labels("deck_no_disclosures"), ctx.labels("deck_disclosures_missing"))
    return section(ctx, ctx.labels("deck_disclosure"), [disclosure])


def _notice(ctx: Context) -> b.Section:
    """The unapproved-use notice, after the clinic country's own regulator (``own_regulator``):
    a talk given in the UK names NICE's advice before the US FDA's approval (issue 20 point 2)."""
    doc = ctx.kb.document
    notice = b.Notice(b.Paragraph(doc.unapproved_use, doc.unapproved_use_cites, "document", "unapproved_use"))
    return section(ctx, ctx.labels("deck_notice"), [*paras(own_regulator(ctx.kb), ctx), notice])


def own_regulator(kb: KnowledgeBase) -> tuple[Statement, ...]:
    """The regulation topic's statements written for one country and citing that country's own
    guidance (a reference with ``countries`` holding it): in a variant's selection, the clinic
    country's regulator ("NICE IPG640 ..." for GB); none where the knowledge base has no such
    statement (the US, whose regulator the notice itself names). Only the first such statement:
    the notice names the country's advice; the regulation slide keeps the rest (the MHRA's
    Yellow Card route, issue 20 fifth round)."""
    topic = kb.topic("regulation")
    if topic is None:
        return ()
    local = {r.id: r.countries for r in kb.references if r.countries}
    found = [
        s
        for s in topic.statements
        if len(s.countries) == 1 and any(s.countries[0] in local.get(c, ()) for c in s.cites)
    ]
    return tuple(found[:1])


def _key_points(ctx: Context) -> b.Section:
    title = ctx.labels("key_points")
    return section(ctx, title, [b.KeyPoints(title, paras(ctx.kb.key_points, ctx))] if ctx.kb.key_points else [])


def _intervention(ctx: Context) -> b.Section | None:
    topic = ctx.kb.topic("intervention")
    if topic is None:
        return None
    notice = b.Notice(
        b.Paragraph(ctx.kb.document.unapproved_use, ctx.kb.document.unapproved_use_cites, "document", "unapproved_use")
    )
    return section(ctx, topic.title, [*topic_blocks(topic, ctx), notice], topic.headline, topic.short_headline)


def _diagram(ctx: Context) -> b.Section:
    """The diagram, with no heading of its own (it follows the section it illustrates)."""
    figure = ctx.kb.diagram
    if figure is None:
        return section(ctx, "", [])
    keys = ("diagram_jugular", "diagram_azygos", "diagram_heart", "diagram_balloon")
    return section(ctx, "", [b.Diagram(figure, tuple(ctx.labels(k) for k in keys))])


def _options(ctx: Context) -> b.Section:
    """Every option in full; with ``compared``, only the option grid's (the rest named as parts
    of current care)."""
    L = ctx.labels
    compared = {c.option for row in ctx.kb.option_grid for c in row.cells} if ctx.spec.compared else set()
    shown = [o for o in ctx.kb.options if o.id in compared] or list(ctx.kb.options)
    others = tuple(option_name(o.name, o.approved, L) for o in ctx.kb.options if o not in shown)
    details = [
        b.OptionDetail(
            o.id,
            option_name(o.name, o.approved, L),
            para(o.summary, ctx),
            L("what_it_can_do"),
            paras(o.benefits, ctx),
            L("downsides"),
            paras(o.harms, ctx),
            others if o.kind == "usual_care" else (),
        )
        for o in shown
    ]
    return section(ctx, L("your_options"), details)


def _options_brief(ctx: Context) -> b.Section:
    items = tuple(
        b.Paragraph(
            f"**{option_name(o.name, o.approved, ctx.labels)}.** {para(o.summary, ctx).text}",
            o.summary.cites,
            o.summary.id,
        )
        for o in ctx.kb.options
    )
    return section(ctx, ctx.labels("your_options"), [b.BulletList(items)])


def _option_grid(ctx: Context) -> b.Section:
    rows = ctx.kb.option_grid
    order = [o.id for o in ctx.kb.options if any(c.option == o.id for r in rows for c in r.cells)]
    names = {o.id: option_name(o.name, o.approved, ctx.labels) for o in ctx.kb.options}
    columns = tuple(b.OptionColumn(o, names[o]) for o in order)
    lines = tuple(
        b.GridLine(r.question, r.id, tuple(para(next(c for c in r.cells if c.option == o), ctx) for o in order))
        for r in rows
        if {c.option for c in r.cells} >= set(order)
    )
    return section(ctx, ctx.labels("grid_heading"), [b.OptionGrid(columns, lines)] if lines else [])


def _values(ctx: Context) -> b.Section:
    prompts = tuple(b.Paragraph(v.text, (), v.id) for v in ctx.kb.values)
    block = b.Values(prompts, (ctx.labels("values_low"), ctx.labels("values_high")), ctx.labels("values_intro"))
    return section(ctx, ctx.labels("values_heading"), [block] if prompts else [])


def _framework(ctx: Context) -> b.Section:
    steps = tuple(
        (ctx.labels("step", n=i, title=s.title), b.Paragraph(s.text, s.cites, s.id))
        for i, s in enumerate(ctx.kb.framework, 1)
    )
    return section(ctx, ctx.labels("step_by_step"), [b.Steps(steps)] if steps else [])


def _questions(ctx: Context) -> b.Section:
    limit = ctx.spec.per_group
    groups = tuple(b.QuestionGroup(g.title, paras(g.questions[:limit], ctx)) for g in ctx.kb.questions)
    block = b.Questions(groups, ctx.spec.writing_lines, ctx.labels("my_notes"))
    return section(ctx, ctx.labels("questions_to_ask"), [block] if groups else [])


def _faq(ctx: Context) -> b.Section:
    entries = tuple((b.Paragraph(f.question, (), f.id, "question"), para(f.answer, ctx)) for f in ctx.kb.faq)
    return section(ctx, ctx.labels("common_questions"), [b.Faq(entries)] if entries else [])


def _take_home(ctx: Context) -> b.Section:
    title = ctx.labels("deck_take_home")
    return section(ctx, title, [b.BulletList(paras(ctx.kb.key_points, ctx))] if ctx.kb.key_points else [])


def _glossary(ctx: Context) -> b.Section:
    terms = tuple((t.term, b.Paragraph(t.definition, (), t.id, "definition")) for t in ctx.kb.glossary)
    return section(ctx, ctx.labels("glossary"), [b.Glossary(terms)] if terms else [])


BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    "cover": _cover,
    "disclosure": _disclosure,
    "notice": _notice,
    "key_points": _key_points,
    "intervention": _intervention,
    "diagram": _diagram,
    "hypothesis": _topic("hypothesis"),
    "spread": _topic("spread"),
    "safety": _topic("safety"),
    "warning_signs": _topic("warning_signs"),
    "regulation": _topic("regulation"),
    "certainty": _topic("certainty"),
    "unknowns": _topic("unknowns"),
    "options": _options,
    "options_brief": _options_brief,
    "option_grid": _option_grid,
    "values": _values,
    "framework": _framework,
    "questions": _questions,
    "finding_trials": _topic("finding_trials"),
    "side_effect_reporting": _topic("side_effect_reporting"),
    "next_steps": _topic("next_steps"),
    "faq": _faq,
    "experiences": _topic("experiences"),
    "take_home": _take_home,
    "glossary": _glossary,
}
"""The builders of the topic, option and exercise sections, by section name."""
