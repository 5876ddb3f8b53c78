"""Each outline section as talk slides: one message per main slide, the detail in notes or backup.

In: one ``plan.blocks.Section`` and the ``sections.Context``. Out: its ``Draft``s.

Main slides (the talk proper) carry an action title (the section's ``headline`` when the layout
asks for clinician titles, else the section's title), at most ``layout.talk.body_words`` words of
body text (the section's essential paragraphs first, then the others, shown in reading order;
what would pass the limit is said in the notes instead), and a native chart, table or icon array
wherever the section has numbers. They never continue onto a second slide. Backup slides hold every paragraph and may
continue. Speaker notes are full sentences: a paragraph's ``notes`` (else its text) when it is on
the slide; its text and then its notes when it is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from leafdeck.plan import blocks as b
from leafdeck.plan.evidence import chart_outcome
from leafdeck.render.deck.charts import ordered_arms, outcome_text
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.sections import (
    Block,
    Context,
    Draft,
    Page,
    SizeRole,
    plain,
    runs,
    sentence,
    word_count,
)
from leafdeck.render.deck.spec import Para, ParaStyle
from leafdeck.render.deck.visuals import IconArmDraft, IconsDraft, TableDraft

Builder = Callable[[b.Section, Context], list[Draft]]

MAIN_CHART_OUTCOMES = 2
"""A main slide's chart compares at most this many outcomes (the primary one first): more
categories crowd a chart beside text; the backup slides chart them all."""


def section_drafts(section: b.Section, ctx: Context) -> list[Draft]:
    """The drafts of one outline section (none when it has nothing a slide can show)."""
    if ctx.layout.talk.patient:  # the patient talk's own slides, where it has them
        from leafdeck.render.deck.patient import patient_drafts

        found = patient_drafts(section, ctx)
        if found is not None:
            return [_in_section(d, section, ctx) for d in found]
    kinds = {type(block) for block in section.blocks}
    for kind, builder in _BY_BLOCK:
        if kind in kinds:
            return [_in_section(d, section, ctx) for d in builder(section, ctx)]
    return [_in_section(d, section, ctx) for d in _notice_or_text(section, ctx)]


def _in_section(draft: Draft, section: b.Section, ctx: Context) -> Draft:
    """``draft`` in its PowerPoint section; a backup slide group repeating a main section's title
    is named as its details (``deck_details``), so every title stays unique."""
    name = ctx.words("deck_section_backup" if section.backup else "deck_section_main")
    heading, lead = draft.title, draft.lead_notes
    if section.backup and any(not s.backup and s.name == section.name for s in ctx.outline.sections):
        heading = ctx.layout.words.details.format(title=heading)
    message = headline(section) if ctx.layout.talk.clinician_titles and not section.backup else None
    if message and message != heading:  # a headline too long for the title box is said first
        lead = (sentence(message), *lead)
    return Draft(heading, draft.options, draft.sizes, lead, name, section.backup)


# --- titles, budget, notes ---------------------------------------------------------------------


def headline(section: b.Section) -> str | None:
    """The section's message as a sentence: its headline, or its one study's."""
    studies = [x.study for x in section.blocks if isinstance(x, b.StudyDetail | b.Chart)]
    found = section.headline or (studies[0].headline if len(studies) == 1 else None)
    return plain(found) if found else None


def title(section: b.Section, ctx: Context, fallback: str | None = None) -> str:
    """The action title: the section's headline for clinician talks when it fits the title box at
    the smallest title size (else it is said in the notes, see ``_in_section``); else ``fallback``
    when given; else the section's title."""
    if ctx.layout.talk.clinician_titles:
        found = headline(section)
        if found and _fits_title(found, ctx):
            return found
        if fallback:
            return plain(fallback)
    return plain(section.title)


def _fits_title(text: str, ctx: Context) -> bool:
    from leafdeck.render.deck.plan import frame, title_fits  # the planner measures titles the same way

    room = frame(ctx.layout.boxes.title, ctx.layout)
    return title_fits(ctx.measurer, ctx.layout, text, ctx.layout.sizes.title[-1], room)


def fit(paras: Iterable[b.Paragraph], budget: int, essential: frozenset[str] = frozenset()) -> list[b.Paragraph]:
    """The paragraphs that fit ``budget`` words together, in reading order: first the essential
    ones (items marked ``depth: essential``, what the short products show), then the others, each
    in order (one that would pass the budget is skipped; a later shorter one may still fit). The
    shortest alone when none fits."""
    items = list(paras)
    chosen: set[int] = set()
    used = 0
    for first in (True, False):
        for index, para in enumerate(items):
            words = word_count(para.text)
            if index not in chosen and (para.item in essential) == first and used + words <= budget:
                chosen.add(index)
                used += words
    if not chosen and items:
        chosen.add(min(range(len(items)), key=lambda i: word_count(items[i].text)))
    return [p for i, p in enumerate(items) if i in chosen]


def said(para: b.Paragraph) -> str:
    """What the speaker says about a paragraph on the slide: its notes, else its text."""
    return sentence(para.notes or para.text)


def told(para: b.Paragraph) -> str:
    """What the speaker says about a paragraph left off the slide: its text, then its notes."""
    return " ".join(sentence(t) for t in (para.text, para.notes) if t)


def cited(paras: Iterable[b.Paragraph]) -> tuple[str, ...]:
    """Reference ids of the paragraphs, once each, in order."""
    return tuple(dict.fromkeys(c for p in paras for c in p.cites))


def shown(
    paras: list[b.Paragraph], ctx: Context, *, backup: bool = False, style: ParaStyle | None = None
) -> list[Block]:
    """Blocks for the paragraphs that fit the budget (all of them on a backup slide), then one
    block saying the rest in the notes."""
    on = paras if backup else fit(paras, ctx.layout.talk.body_words, ctx.essential)
    chosen: ParaStyle = style or ("bullet" if len(on) > 1 else "plain")
    blocks = [Block((Para(runs(p.text), style=chosen),), (said(p),), p.cites) for p in on]
    kept = {id(p) for p in on}
    off = [p for p in paras if id(p) not in kept]
    if off:
        blocks.append(notes_only([told(p) for p in off], cited(off), shown=cited(on)))
    return blocks


def notes_only(said_: list[str], cites: tuple[str, ...], shown: tuple[str, ...] = ()) -> Block:
    """A block that only speaks: ``said_`` in the notes; the references behind it that the
    slide's own source line does not already list go to the notes' closing "Sources:" line (so
    the slide's line names only what is shown)."""
    return Block((), tuple(said_), said_cites=tuple(c for c in cites if c not in shown))


def paragraphs(blocks: Iterable[b.Block]) -> list[b.Paragraph]:
    """The paragraphs of text blocks, in reading order (a notice is left to the notice slide)."""
    found: list[b.Paragraph] = []
    for block in blocks:
        if isinstance(block, b.Paragraph):
            found.append(block)
        elif isinstance(block, b.BulletList | b.KeyPoints):
            found += block.items
        elif isinstance(block, b.Steps):
            found += [
                b.Paragraph(f"**{name}:** {p.text}", p.cites, p.item, p.field, p.notes) for name, p in block.steps
            ]
        elif isinstance(block, b.Glossary):
            found += [b.Paragraph(f"**{t}:** {p.text}", p.cites, p.item, p.field, p.notes) for t, p in block.terms]
    return found


def _one(title_text: str, blocks: list[Block], *, sizes: SizeRole = "body") -> list[Draft]:
    """One slide group of ``blocks`` (none when there are none)."""
    kept = tuple(blocks)
    return [Draft(title_text, ((Page(kept),),), sizes)] if kept else []


# --- builders ----------------------------------------------------------------------------------


def _cover(section: b.Section, ctx: Context) -> list[Draft]:
    cover = next(x for x in section.blocks if isinstance(x, b.Cover))
    gov = ctx.outline.kb.governance
    version = ctx.layout.words.cover_version.format(version=gov.version, reviewed=ctx.words.date(gov.last_reviewed))
    who = _presenter_lines(ctx)
    paras = (
        Para(runs(cover.subtitle, bold=True), style="plain"),
        *(Para(runs(line), style="plain", tight=True) for line in who),
        Para(runs(version), style="plain", tight=True),
    )
    notes = [sentence(cover.title), sentence(cover.subtitle)]
    if ctx.presenter is not None:
        person = ctx.presenter
        who_said = ", ".join(x for x in (person.name, person.role, person.organisation) if x)
        notes.insert(0, sentence(ctx.layout.words.presenter_intro.format(who=who_said)))
    if ctx.outline.audience != "clinician":
        notes.append(f"{plain(cover.decision_label)} {sentence(cover.decision)}")
    notes.append(sentence(version))
    return [Draft(plain(cover.title), ((Page((Block(paras, tuple(notes)),)),),), sizes="cover")]


def _presenter_lines(ctx: Context) -> tuple[str, ...]:
    """The title slide's lines about the talk: the presenter (name and credentials), their post
    and organisation, the event and date; the clinic's name alone without a presenter."""
    person = ctx.presenter
    if person is None:
        return (ctx.clinic.name,)
    lines = [", ".join(x for x in (person.name, person.credentials) if x)]
    lines.append(", ".join(x for x in (person.role, person.organisation or ctx.clinic.name) if x))
    when = ctx.words.date(person.date) if person.date else None
    if person.event or when:
        lines.append(", ".join(x for x in (person.event, when) if x))
    return tuple(lines)


def _disclosure(section: b.Section, ctx: Context) -> list[Draft]:
    """Exactly the presenter's declarations, one bullet each (or the one line for none, or the
    line saying the slide is to be completed); the notes say them as a sentence."""
    block = next(x for x in section.blocks if isinstance(x, b.Disclosure))
    lines = block.shown(ctx.presenter)
    declared = ctx.presenter is not None and ctx.presenter.disclosures != "none"
    style: ParaStyle = "bullet" if declared else "plain"
    paras = tuple(Para(runs(line), style=style) for line in lines)
    said_aloud = (
        ctx.layout.words.disclosures_said.format(declarations="; ".join(plain(x) for x in lines))
        if declared
        else " ".join(sentence(x) for x in lines)
    )
    return _one(plain(section.title), [Block(paras, (sentence(said_aloud),))])


def _notice(section: b.Section, ctx: Context) -> list[Draft]:
    notices = [x.text for x in section.blocks if isinstance(x, b.Notice)]
    blocks = [Block((Para(runs(p.text, bold=True), style="plain"),), (sentence(p.text),), p.cites) for p in notices]
    return _one(plain(section.title), blocks)


def _text(section: b.Section, ctx: Context, fallback: str | None = None) -> list[Draft]:
    """Text sections. A main slide showing a topic's summary says, in its notes, the statements
    of the same section in the backup part of the outline (when the talk has it there)."""
    paras = paragraphs(section.blocks)
    blocks = shown(paras, ctx, backup=section.backup)
    if not section.backup and paras and all(p.field == "summary" for p in paras):
        detail = [p for s in ctx.outline.sections if s.backup and s.name == section.name for p in paragraphs(s.blocks)]
        if detail:
            blocks.append(notes_only([told(p) for p in detail], cited(detail), shown=cited(paras)))
    return _one(title(section, ctx, fallback), blocks)


def _take_home(section: b.Section, ctx: Context) -> list[Draft]:
    return _text(section, ctx, ctx.layout.words.take_home_title)


def _trials_table(section: b.Section, ctx: Context) -> list[Draft]:
    table = next(x for x in section.blocks if isinstance(x, b.TrialsTable))
    heading = title(section, ctx, ctx.layout.words.table_title.format(count=len(table.rows)))
    notes = tuple(
        " ".join(
            [sentence(row[0]), *(sentence(f"{h}: {c}") for h, c in zip(table.header[1:], row[1:], strict=True) if c)]
        )
        for row in table.rows
    )
    alt = " ".join(notes)
    visual = TableDraft(table.header, table.rows, f"{plain(section.title)}. {alt}")
    return [Draft(heading, ((Page((Block((), notes, table.cites),), visual=visual),),))]


def _trial_chart(section: b.Section, ctx: Context) -> list[Draft]:
    chart = next(x for x in section.blocks if isinstance(x, b.Chart))
    blocks = shown(paragraphs(section.blocks), ctx, backup=section.backup)
    first = blocks[0] if blocks else Block((), ())
    blocks[:1] = [Block(first.paras, first.notes, tuple(dict.fromkeys((*first.cites, *chart.cites))), chart.outcome)]
    page = Page(tuple(blocks), chart.study)
    return [Draft(title(section, ctx), ((page,),), lead_notes=(sentence(chart.heading),))]


def _icon_arrays(section: b.Section, ctx: Context) -> list[Draft]:
    """One slide per icon array: the arrays, and on the slide the chance caveat (else how to read
    them). The notes say the numbers in words (never the alternative text, which describes the
    picture rather than speaking to the room), how to read the figures once, on the first array,
    and the chance caveat where it applies."""
    found = []
    for index, array in enumerate(x for x in section.blocks if isinstance(x, b.IconArray)):
        arms = tuple(IconArmDraft(ctx.words("icon_arm", arm=a.label, n=a.filled), a.filled) for a in array.arms)
        shown = (
            array.chance or array.caption
        )  # a chance difference is said on the slide; how to read the figures, in the notes
        numbers = array.caption if index == 0 else "; ".join(arm.label for arm in arms)  # the caption says them too
        said_aloud = [f"{plain(array.heading)}. {sentence(numbers)}"]
        if array.chance:
            said_aloud.append(sentence(array.chance))
        text = Block((Para(runs(shown), style="plain"),), tuple(said_aloud), array.cites)
        page = Page((text,), visual=IconsDraft(arms, array.alt))
        found.append(Draft(plain(array.heading), ((page,),)))
    return found


def _studies(section: b.Section, ctx: Context) -> list[Draft]:
    details = [x for x in section.blocks if isinstance(x, b.StudyDetail)]
    if section.backup:
        return [_study_backup(detail, ctx) for detail in details]
    paras = [p for d in details for p in (*d.findings, d.conclusion)]
    blocks = shown(paras, ctx)
    lead = tuple(f"{plain(d.heading)}. {sentence(d.design.text)}" for d in details)
    charted = next((d.study for d in details if chart_outcome(d.study) is not None), None)
    if charted is not None:
        outcome = chart_outcome(charted)
        assert outcome is not None
        same = [o for o in charted.outcomes if o.unit == outcome.unit and o is not outcome]
        carriers = [Block((), (), (), o) for o in same[: MAIN_CHART_OUTCOMES - 1]]
        first = blocks[0]
        blocks[:1] = [Block(first.paras, first.notes, first.cites, outcome), *carriers]
    page = Page(tuple(blocks), charted)
    return [Draft(title(section, ctx), ((page,),), lead_notes=lead)]


def _study_backup(detail: b.StudyDetail, ctx: Context) -> Draft:
    """A study in full: design, participants and follow-up, then its outcomes, one chart per unit
    (the primary outcome's first) with their numbers beside it, then its findings and conclusion."""
    study, words = detail.study, ctx.layout.words
    intro = [_labelled(words.design, detail.design)]
    if study.arms:
        arms = ", ".join(words.arm.format(label=a.label, n=a.n) for a in ordered_arms(study))
        intro.append(Block((Para((Run(words.participants + " ", True), *runs(arms))),), (sentence(arms),)))
    if study.follow_up:
        intro.append(Block((Para((Run(words.follow_up + " ", True), *runs(study.follow_up))),), ()))
    groups: dict[str, list[Block]] = {}
    for outcome in sorted(study.outcomes, key=lambda o: not o.primary):
        text = outcome_text(study, outcome, ctx.layout)
        notes = (sentence("".join(r.text for r in text)), *((sentence(outcome.note),) if outcome.note else ()))
        groups.setdefault(outcome.unit, []).append(Block((Para(text),), notes, outcome.cites, outcome))
    rest = shown([*detail.findings, detail.conclusion], ctx, backup=True, style="bullet")
    charted = [tuple(group) for group in groups.values()]
    if not charted:
        return Draft(plain(detail.heading), ((Page(tuple(intro + rest)),),), lead_notes=(sentence(detail.heading),))
    pages = [list(group) for group in charted]
    pages[0][:0] = intro
    pages[-1] += rest
    return Draft(
        plain(detail.heading),
        (tuple(Page(tuple(blocks), study) for blocks in pages),),
        lead_notes=(sentence(detail.heading),),
    )


def _labelled(label: str, para: b.Paragraph) -> Block:
    return Block((Para((Run(label + " ", True), *runs(para.text))),), (said(para),), para.cites)


def _faq(section: b.Section, ctx: Context) -> list[Draft]:
    faq = next(x for x in section.blocks if isinstance(x, b.Faq))
    questions = [q for q, _ in faq.entries]
    on = questions if section.backup else fit(questions, ctx.layout.talk.body_words, ctx.essential)
    style: ParaStyle = "bullet"
    blocks = []
    for question, answer in faq.entries:
        notes = (ctx.layout.words.asked.format(question=plain(question.text), answer=told(answer)),)
        paras = (Para(runs(question.text, bold=section.backup), style=style),) if question in on else ()
        answer_paras = (Para(runs(answer.text), level=1),) if section.backup else ()
        blocks.append(Block(paras + answer_paras, notes, answer.cites))
    return _one(title(section, ctx, ctx.layout.words.faq_title), blocks)


def _options(section: b.Section, ctx: Context) -> list[Draft]:
    details = [x for x in section.blocks if isinstance(x, b.OptionDetail)]
    if section.backup:
        return [_option_backup(d, ctx) for d in details]
    blocks = []
    for d in details:
        notes = (
            f"{sentence(d.name)} {said(d.summary)}",
            f"{plain(d.benefits_label)}: " + " ".join(told(p) for p in d.benefits),
            f"{plain(d.harms_label)}: " + " ".join(told(p) for p in d.harms),
        )
        blocks.append(Block((Para(runs(d.name)),), notes, cited((d.summary, *d.benefits, *d.harms))))
    return _one(title(section, ctx), blocks)


def _option_backup(d: b.OptionDetail, ctx: Context) -> Draft:
    summary = Block((Para(runs(d.summary.text), style="plain"),), (said(d.summary),), d.summary.cites)
    blocks = [summary]
    for label, items in ((d.benefits_label, d.benefits), (d.harms_label, d.harms)):
        heading = Para(runs(label, bold=True), style="plain")
        blocks.append(
            Block((heading, *(Para(runs(p.text), level=1) for p in items)), tuple(said(p) for p in items), cited(items))
        )
    return Draft(plain(d.name), ((Page(tuple(blocks)),),))


def _questions(section: b.Section, ctx: Context) -> list[Draft]:
    block = next(x for x in section.blocks if isinstance(x, b.Questions))
    if not section.backup:
        return _one(title(section, ctx), shown([q for g in block.groups for q in g.items], ctx, style="bullet"))
    blocks = [
        Block(
            (Para(runs(g.title, bold=True), style="plain"), *(Para(runs(q.text), level=1) for q in g.items)),
            (sentence(g.title), *(said(q) for q in g.items)),
            cited(g.items),
        )
        for g in block.groups
    ]
    return _one(plain(section.title), blocks)


def _contact(section: b.Section, ctx: Context) -> list[Draft]:
    """The closing "Questions" slide of the talk proper: the clinic's name, phone and e-mail (the
    planner adds the QR code to the online copy, see ``plan._Planner.closing``)."""
    clinic, words = ctx.clinic, ctx.words
    lines = [Para(runs(clinic.name, bold=True), style="plain")]
    lines.append(Para(runs(words("phone", phone=clinic.phone)), style="plain", tight=True))
    if clinic.email:
        lines.append(Para(runs(words("email", email=clinic.email)), style="plain", tight=True))
    said_aloud = ctx.layout.words.closing_said.format(clinic=plain(clinic.name))
    return _one(plain(section.title), [Block(tuple(lines), (said_aloud,))])


def _references(section: b.Section, ctx: Context) -> list[Draft]:
    refs = next(x for x in section.blocks if isinstance(x, b.References))
    blocks = [
        Block(
            (
                Para(
                    runs(e.text + (f" {e.link_text}" if e.link_text else "")),
                    style="numbered",
                    label=f"{e.number}.",
                    tight=True,
                ),
            ),
            (f"[{e.number}] {plain(e.text)}",),
        )
        for e in refs.entries
    ]
    return _one(plain(section.title), blocks, sizes="references")


_BY_BLOCK: tuple[tuple[type[b.Block], Builder], ...] = (
    (b.Cover, _cover),
    (b.Disclosure, _disclosure),
    (b.TrialsTable, _trials_table),
    (b.Chart, _trial_chart),
    (b.IconArray, _icon_arrays),
    (b.StudyDetail, _studies),
    (b.Faq, _faq),
    (b.OptionDetail, _options),
    (b.Questions, _questions),
    (b.References, _references),
    (b.Contact, _contact),
)
"""Which builder a section gets, by the first of these block kinds it holds; a section of only a
notice is the notice slide, and the rest are text (``_text``)."""


def _notice_or_text(section: b.Section, ctx: Context) -> list[Draft]:
    if all(isinstance(x, b.Notice) for x in section.blocks):
        return _notice(section, ctx)
    if section.name == "take_home":
        return _take_home(section, ctx)
    return _text(section, ctx)
