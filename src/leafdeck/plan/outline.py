"""The content plan: (knowledge base, audience, language, product contents) → an ``Outline``.

The knowledge base given here is already one audience's and one country's selection
(``plan.variants.select``) in one language. This stage keeps the items at or above the product's
depth, picks the register (clinician wording for clinicians), numbers the references in order of
first citation, and builds each section the contents list as typed blocks (``plan.blocks``).
Pure: no rendering library, no file access.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from leafdeck.model import DEPTHS, Item, KnowledgeBase, Outcome, Statement, Study, Topic, TopicRole
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import Contents, SectionName, SectionSpec
from leafdeck.plan.evidence import chart_outcome, icon_array, reference_entry
from leafdeck.plan.variants import prune
from leafdeck.read.labels import Labels


@dataclass(frozen=True)
class Context:
    """What every section builder reads."""

    kb: KnowledgeBase
    labels: Labels
    audience: str
    contents: Contents
    spec: SectionSpec


def _distinct(entries: tuple[b.ReferenceEntry, ...]) -> tuple[b.ReferenceEntry, ...]:
    """Entries whose short forms collide (two FDA notices of one year) told apart the author-year
    way: "2017a.", "2017b." in order of citation."""
    counts = Counter(e.short for e in entries)
    seen: Counter[str] = Counter()
    found = []
    for entry in entries:
        if counts[entry.short] > 1:
            seen[entry.short] += 1
            letter = "abcdefghijklmnopqrstuvwxyz"[(seen[entry.short] - 1) % 26]
            entry = replace(entry, short=f"{entry.short.removesuffix('.')}{letter}.")
        found.append(entry)
    return tuple(found)


def outline(kb: KnowledgeBase, audience: str, labels: Labels, contents: Contents, product: str) -> b.Outline:
    """The product's outline for this variant: its sections, in the contents' order, each with
    blocks at the contents' depth; sections with nothing to show are left out. Reference numbers
    follow first citation in the outline (only when ``contents.citations``)."""
    shallow = at_depth(kb, contents.depth)
    sections: list[b.Section] = []
    for spec in contents.sections:
        ctx = Context(shallow, labels, audience, contents, spec)
        built = BUILDERS[spec.section](ctx)
        for section in built if isinstance(built, list) else [built]:
            if section is not None and section.blocks:
                sections.append(section)
    cited = _cited(sections)
    numbered = tuple(ref for ref in cited if any(r.id == ref for r in kb.references))
    final = tuple(s for s in (_with_references(s, kb, labels, numbered) for s in sections) if s.blocks)
    return b.Outline(product, audience, labels.language, shallow, final, numbered, contents.citations)


def empty_sections(kb: KnowledgeBase, audience: str, labels: Labels, contents: Contents) -> list[int]:
    """Indexes of ``contents.sections`` that show nothing for this variant at the contents' depth
    although the full knowledge base has something for them: the items they need are not marked
    deep enough (``depth: essential`` for the short products)."""
    shallow = at_depth(kb, contents.depth)
    full = at_depth(kb, "detail")
    found = []
    for i, spec in enumerate(contents.sections):
        if spec.section in ("references", "contact", "about", "cover"):
            continue
        if _has_blocks(BUILDERS[spec.section](Context(full, labels, audience, contents, spec))) and not _has_blocks(
            BUILDERS[spec.section](Context(shallow, labels, audience, contents, spec))
        ):
            found.append(i)
    return found


def _has_blocks(built: Built) -> bool:
    return any(s is not None and s.blocks for s in (built if isinstance(built, list) else [built]))


def at_depth(kb: KnowledgeBase, depth: str) -> KnowledgeBase:
    """``kb`` without the items deeper than ``depth`` (``model.DEPTHS`` order); a topic or group
    left empty is dropped."""
    limit = DEPTHS.index(depth)
    return prune(kb, lambda item: _within(item, limit))


def _within(item: Item, limit: int) -> bool:
    """Whether an item is shown at depth ``limit``: by its own mark, else ``standard`` for a leaf;
    an unmarked container (topic, study, option, group, grid row) is kept for its content."""
    if item.depth is not None:
        return DEPTHS.index(item.depth) <= limit
    return _is_container(item) or DEPTHS.index("standard") <= limit


def _is_container(item: Item) -> bool:
    return any(
        isinstance(child, tuple) and any(isinstance(c, Item) for c in child)
        for child in (getattr(item, name) for name in type(item).model_fields)
    )


# --- small helpers ---------------------------------------------------------------------------


def para(statement: Statement, ctx: Context, *, field: str = "text") -> b.Paragraph:
    """A statement in the audience's register (clinician wording for clinicians, when given)."""
    clinician = ctx.audience == "clinician" and statement.clinician is not None
    text = statement.clinician if clinician and statement.clinician else statement.text
    return b.Paragraph(text, statement.cites, statement.id, "clinician" if clinician else field, statement.notes)


def paras(statements: Iterable[Statement], ctx: Context) -> tuple[b.Paragraph, ...]:
    """Each statement as a paragraph."""
    return tuple(para(s, ctx) for s in statements)


def _section(ctx: Context, title: str, blocks: Iterable[b.Block | None], headline: str | None = None) -> b.Section:
    kept = tuple(block for block in blocks if block is not None)
    shown = ctx.labels(ctx.spec.title) if ctx.spec.title else title
    return b.Section(ctx.spec.section, shown, kept, headline, ctx.spec.backup)


def _topic_blocks(topic: Topic, ctx: Context) -> list[b.Block]:
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


# --- section builders --------------------------------------------------------------------------


def _topic(role: TopicRole) -> Callable[[Context], b.Section | None]:
    def build(ctx: Context) -> b.Section | None:
        topic = ctx.kb.topic(role)
        if topic is None:
            return None
        return _section(ctx, topic.title, _topic_blocks(topic, ctx), topic.headline)

    return build


def _cover(ctx: Context) -> b.Section:
    doc = ctx.kb.document
    condition = doc.condition if ctx.contents.depth != "essential" else None
    cover = b.Cover(doc.title, doc.subtitle, ctx.labels("helps_you_decide"), doc.decision, condition)
    return _section(ctx, doc.title, [cover])


def _disclosure(ctx: Context) -> b.Section:
    disclosure = b.Disclosure(ctx.labels("deck_no_disclosures"), ctx.labels("deck_disclosures_missing"))
    return _section(ctx, ctx.labels("deck_disclosure"), [disclosure])


def _notice(ctx: Context) -> b.Section:
    doc = ctx.kb.document
    notice = b.Notice(b.Paragraph(doc.unapproved_use, doc.unapproved_use_cites, "document", "unapproved_use"))
    return _section(ctx, ctx.labels("deck_notice"), [notice])


def _key_points(ctx: Context) -> b.Section:
    title = ctx.labels("key_points")
    return _section(ctx, title, [b.KeyPoints(title, paras(ctx.kb.key_points, ctx))] if ctx.kb.key_points else [])


def _intervention(ctx: Context) -> b.Section | None:
    topic = ctx.kb.topic("intervention")
    if topic is None:
        return None
    notice = b.Notice(
        b.Paragraph(ctx.kb.document.unapproved_use, ctx.kb.document.unapproved_use_cites, "document", "unapproved_use")
    )
    return _section(ctx, topic.title, [*_topic_blocks(topic, ctx), notice], topic.headline)


def _diagram(ctx: Context) -> b.Section:
    """The diagram, with no heading of its own (it follows the section it illustrates)."""
    figure = ctx.kb.diagram
    if figure is None:
        return _section(ctx, "", [])
    keys = ("diagram_jugular", "diagram_azygos", "diagram_heart", "diagram_balloon")
    return _section(ctx, "", [b.Diagram(figure, tuple(ctx.labels(k) for k in keys))])


def _evidence(ctx: Context) -> b.Section | None:
    topic = ctx.kb.topic("evidence")
    if topic is None:
        return None
    return _section(ctx, topic.title, _topic_blocks(topic, ctx), topic.headline)


def _trials(ctx: Context) -> list[Study]:
    return [s for s in ctx.kb.studies if s.kind == "randomized_trial" and s.sham_controlled]


def _charts(ctx: Context) -> b.Section:
    charts = [
        b.Chart(study, outcome, _chart_heading(study, outcome, ctx), outcome.cites or study.cites)
        for study in _trials(ctx)
        if (outcome := chart_outcome(study)) is not None
    ]
    return _section(ctx, ctx.labels("chart_heading"), charts)


def _chart_heading(study: Study, outcome: Outcome, ctx: Context) -> str:
    where = f", {study.country}" if study.country else ""
    when = ctx.labels("chart_panel_over", timeframe=outcome.timeframe) if outcome.timeframe else ""
    return (
        ctx.labels("chart_panel", study=study.short_name, year=study.year, country=where, outcome=outcome.label) + when
    )


def _icon_arrays(ctx: Context) -> b.Section:
    arrays = [icon_array(study, outcome, ctx.labels) for study in ctx.kb.studies for outcome in study.outcomes]
    return _section(ctx, ctx.labels("icon_heading"), [a for a in arrays if a is not None])


def _trial_charts(ctx: Context) -> list[b.Section]:
    """One section per sham-controlled trial (a talk's slide each): its headline, chart, findings."""
    found = []
    for study in _trials(ctx):
        outcome = chart_outcome(study)
        chart = (
            b.Chart(study, outcome, _chart_heading(study, outcome, ctx), outcome.cites or study.cites)
            if outcome
            else None
        )
        findings = b.BulletList(paras(study.findings, ctx)) if study.findings else None
        found.append(_section(ctx, f"{study.short_name} ({study.year})", [chart, findings], study.headline))
    return found


def _trials_table(ctx: Context) -> b.Section:
    trials = _trials(ctx)
    if not trials:
        return _section(ctx, "", [])
    header = tuple(
        ctx.labels(k)
        for k in ("table_trial", "table_design", "table_arms", "table_primary", "table_result", "table_follow_up")
    )
    rows = tuple(_trial_row(study, ctx) for study in trials)
    cites = tuple(dict.fromkeys(c for s in trials for c in s.cites))
    table = b.TrialsTable(header, rows, tuple(s.id for s in trials), cites)
    return _section(ctx, ctx.labels("table_heading"), [table])


def _trial_row(study: Study, ctx: Context) -> tuple[str, ...]:
    arms = "; ".join(f"{a.label} {a.n}" for a in sorted(study.arms, key=lambda a: not a.treated))
    primary = next((o for o in study.outcomes if o.primary), None) or chart_outcome(study)
    result = (
        study.conclusion.clinician
        if ctx.audience == "clinician" and study.conclusion.clinician
        else study.conclusion.text
    )
    return (
        f"{study.short_name} ({study.year})",
        design_text(study, ctx),
        arms,
        primary.label if primary else "",
        result,
        study.follow_up or "",
    )


def _studies_of(kinds: tuple[str, ...]) -> Callable[[Context], b.Section]:
    def build(ctx: Context) -> b.Section:
        chosen = [s for s in ctx.kb.studies if s.kind in kinds and s.findings]
        details = [
            b.StudyDetail(
                s,
                s.name if str(s.year) in s.name else f"{s.name} ({s.year})",
                b.Paragraph(
                    design_text(s, ctx), s.cites, s.id, "design_clinician" if _clinician_design(s, ctx) else "design"
                ),
                paras(s.findings, ctx),
                para(s.conclusion, ctx),
            )
            for s in chosen
        ]
        key = {
            "randomized_trial": "main_studies",
            "case_control": "prevalence_heading",
            "meta_analysis": "reviews_heading",
        }
        return _section(ctx, ctx.labels(key[kinds[0]]), details)

    return build


def _clinician_design(study: Study, ctx: Context) -> bool:
    return ctx.audience == "clinician" and study.design_clinician is not None


def design_text(study: Study, ctx: Context) -> str:
    """A study's design in the audience's register."""
    return study.design_clinician if _clinician_design(study, ctx) and study.design_clinician else study.design


def _options(ctx: Context) -> b.Section:
    L = ctx.labels
    details = [
        b.OptionDetail(
            o.id,
            option_name(o.name, o.approved, L),
            para(o.summary, ctx),
            L("what_it_can_do"),
            paras(o.benefits, ctx),
            L("downsides"),
            paras(o.harms, ctx),
        )
        for o in ctx.kb.options
    ]
    return _section(ctx, L("your_options"), details)


def option_name(name: str, approved: bool, labels: Labels) -> str:
    """An option's name, flagged when regulators do not approve it for this use."""
    return name if approved else labels("not_approved", name=name)


def _options_brief(ctx: Context) -> b.Section:
    items = tuple(
        b.Paragraph(
            f"**{option_name(o.name, o.approved, ctx.labels)}.** {para(o.summary, ctx).text}",
            o.summary.cites,
            o.summary.id,
        )
        for o in ctx.kb.options
    )
    return _section(ctx, ctx.labels("your_options"), [b.BulletList(items)])


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
    return _section(ctx, ctx.labels("grid_heading"), [b.OptionGrid(columns, lines)] if lines else [])


def _values(ctx: Context) -> b.Section:
    prompts = tuple(b.Paragraph(v.text, (), v.id) for v in ctx.kb.values)
    block = b.Values(prompts, (ctx.labels("values_low"), ctx.labels("values_high")), ctx.labels("values_intro"))
    return _section(ctx, ctx.labels("values_heading"), [block] if prompts else [])


def _framework(ctx: Context) -> b.Section:
    steps = tuple(
        (ctx.labels("step", n=i, title=s.title), b.Paragraph(s.text, s.cites, s.id))
        for i, s in enumerate(ctx.kb.framework, 1)
    )
    return _section(ctx, ctx.labels("step_by_step"), [b.Steps(steps)] if steps else [])


def _questions(ctx: Context) -> b.Section:
    limit = ctx.spec.per_group
    groups = tuple(b.QuestionGroup(g.title, paras(g.questions[:limit], ctx)) for g in ctx.kb.questions)
    block = b.Questions(groups, ctx.spec.writing_lines, ctx.labels("my_notes"))
    return _section(ctx, ctx.labels("questions_to_ask"), [block] if groups else [])


def _faq(ctx: Context) -> b.Section:
    entries = tuple((b.Paragraph(f.question, (), f.id, "question"), para(f.answer, ctx)) for f in ctx.kb.faq)
    return _section(ctx, ctx.labels("common_questions"), [b.Faq(entries)] if entries else [])


def _take_home(ctx: Context) -> b.Section:
    title = ctx.labels("deck_take_home")
    return _section(ctx, title, [b.BulletList(paras(ctx.kb.key_points, ctx))] if ctx.kb.key_points else [])


def _glossary(ctx: Context) -> b.Section:
    terms = tuple((t.term, b.Paragraph(t.definition, (), t.id, "definition")) for t in ctx.kb.glossary)
    return _section(ctx, ctx.labels("glossary"), [b.Glossary(terms)] if terms else [])


def _references(ctx: Context) -> b.Section:
    # filled in once every section is built and the citations are known (see _with_references)
    return _section(
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
    return _section(ctx, L("about"), [block])


def _contact(ctx: Context) -> b.Section:
    return _section(ctx, ctx.labels("contact_heading"), [b.Contact(ctx.labels("read_online"))])


Built = b.Section | list[b.Section] | None
"""A builder makes one section, several (one per trial), or none."""

BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    "cover": _cover,
    "disclosure": _disclosure,
    "notice": _notice,
    "key_points": _key_points,
    "intervention": _intervention,
    "diagram": _diagram,
    "hypothesis": _topic("hypothesis"),
    "spread": _topic("spread"),
    "evidence": _evidence,
    "trials_table": _trials_table,
    "trial_charts": _trial_charts,
    "charts": _charts,
    "icon_arrays": _icon_arrays,
    "studies": _studies_of(("randomized_trial",)),
    "prevalence": _studies_of(("case_control",)),
    "reviews": _studies_of(("meta_analysis", "systematic_review")),
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
    "references": _references,
    "about": _about,
    "contact": _contact,
}
"""One builder per section name of ``plan.contents.SectionName``."""


# --- references --------------------------------------------------------------------------------


def _cited(sections: list[b.Section]) -> list[str]:
    """Reference ids in order of first citation across the sections' blocks."""
    order: dict[str, None] = {}
    for section in sections:
        for block in section.blocks:
            _collect(block, order)
    return list(order)


def _collect(value: Any, order: dict[str, None]) -> None:
    if isinstance(value, b.Section):
        for block in value.blocks:
            _collect(block, order)
    elif isinstance(value, b.Block):
        for name in value.__dataclass_fields__:
            child = getattr(value, name)
            if name == "cites":
                order.update(dict.fromkeys(child))
            elif isinstance(child, Study):  # a talk's backup slides cite each outcome they chart
                order.update(dict.fromkeys(c for outcome in child.outcomes for c in outcome.cites))
            elif isinstance(child, b.Block | tuple | b.Section):
                _collect(child, order)
    elif isinstance(value, tuple):
        for child in value:
            _collect(child, order)


def _with_references(section: b.Section, kb: KnowledgeBase, labels: Labels, numbered: tuple[str, ...]) -> b.Section:
    if section.name != "references":
        return section
    compact = any(isinstance(x, b.References) and x.compact for x in section.blocks)
    listed = all(x.listed for x in section.blocks if isinstance(x, b.References))
    entries = _distinct(tuple(reference_entry(kb.reference(ref), n, labels) for n, ref in enumerate(numbered, 1)))
    more = labels("full_references") if compact else ""
    if not listed:
        return b.Section(
            section.name, section.title, (b.References((), True, more),) if entries else (), None, section.backup
        )
    block = b.References(entries, compact, more)
    return b.Section(section.name, section.title, (block,) if entries else (), section.headline, section.backup)
