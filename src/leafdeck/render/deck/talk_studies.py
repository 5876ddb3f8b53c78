"""Talk slides of studies: the trials table, a chart per trial, icon arrays, the studies in full.

In: one ``plan.blocks.Section`` holding studies and the ``sections.Context``. Out: its ``Draft``s
(see ``talk`` for how a section finds its builder). A main slide's chart compares at most
``MAIN_CHART_OUTCOMES`` outcomes; the backup slides chart every outcome of a study.
"""

from __future__ import annotations

import re

from leafdeck.model import Outcome, Study
from leafdeck.plan import blocks as b
from leafdeck.plan.evidence import chart_outcome
from leafdeck.render.deck.charts import ordered_arms, outcome_text
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.sections import Block, Context, Draft, Page, plain, runs, sentence
from leafdeck.render.deck.spec import Para
from leafdeck.render.deck.talk_text import fits_title, paragraphs, said, shown, title
from leafdeck.render.deck.visuals import IconArmDraft, IconsDraft, TableDraft

MAIN_CHART_OUTCOMES = 2
"""A main slide's chart compares at most this many outcomes (the primary one first): more
categories crowd a chart beside text; the backup slides chart them all."""


def trials_table(section: b.Section, ctx: Context) -> list[Draft]:
    table = next(x for x in section.blocks if isinstance(x, b.TrialsTable))
    heading = title(section, ctx, ctx.layout.words.table_title.format(count=len(table.rows)))
    alt = " ".join(
        " ".join(
            [sentence(row[0]), *(sentence(f"{h}: {c}") for h, c in zip(table.header[1:], row[1:], strict=True) if c)]
        )
        for row in table.rows
    )
    by_id = {s.id: s for s in ctx.outline.kb.studies}
    notes = tuple(trial_said(by_id[i], ctx) for i in table.studies if i in by_id)
    visual = TableDraft(table.header, table.rows, f"{plain(section.title)}. {alt}")
    return [Draft(heading, ((Page((Block((), notes, table.cites),), visual=visual),),))]


def trial_said(study: Study, ctx: Context) -> str:
    """One trial of the table said as sentences (never its cells read out as "Design: ..."): who
    was randomized to what and for how long, its main measure, and its authors' conclusion in
    full sentences (the conclusion's ``notes``, else its patient-register ``text``)."""
    joined = arms_said(study, ctx)
    follow = ctx.words("deck_trial_follow", follow_up=plain(study.follow_up)) if study.follow_up else ""
    primary = next((o for o in study.outcomes if o.primary), None) or chart_outcome(study)
    result = sentence(study.conclusion.notes or study.conclusion.text)
    trial = f"{plain(study.short_name)} ({study.year})"
    return ctx.words(
        "deck_trial_said",
        trial=trial,
        arms=joined,
        follow=follow,
        primary=lowered(_NUMBERED_BRACKET.sub("", primary.label)) if primary else "",
        result=result,
    )


def arms_said(study: Study, ctx: Context) -> str:
    """Who a trial randomized, with one number (issue 20: at most two numbers a spoken
    sentence): "19 people into the venous angioplasty group or the sham procedure group" (labels
    ``deck_trial_split``, ``deck_trial_group``, ``deck_trial_groups_join``), the arms' sizes left
    to the slide and the backup section; one arm alone is said with its size (``deck_trial_arm``)."""
    arms = ordered_arms(study)
    if len(arms) == 1:
        return ctx.words("deck_trial_arm", n=arms[0].n, label=lowered(arms[0].label))
    groups = ctx.words("deck_trial_groups_join").join(
        ctx.words("deck_trial_group", label=lowered(a.label)) for a in arms
    )
    return ctx.words("deck_trial_split", n=sum(a.n for a in arms), groups=groups)


def trial_opening(study: Study, ctx: Context) -> list[str]:
    """How a trial was run, said as full sentences built from its structured data (issue 20
    point 4), never its design line read out ("Six MS centres."): "The Brave Dreams trial put 115
    people into the venous angioplasty group or the sham procedure group at random, and followed
    them for 12 months. Those taking part were 115 people with relapsing-remitting
    MS ..." (labels ``deck_trial_name``, ``deck_trial_put``, ``deck_trial_people``). Empty for a study without arms."""
    if not study.arms:
        return []
    joined = arms_said(study, ctx)
    follow = ctx.words("deck_trial_follow", follow_up=plain(study.follow_up)) if study.follow_up else ""
    name = _DOUBLED.sub(r"\1", ctx.words("deck_trial_name", study=plain(study.short_name)))
    found = [sentence(ctx.words("deck_trial_put", trial=name[:1].upper() + name[1:], arms=joined, follow=follow))]
    if study.population:
        found.append(sentence(ctx.words("deck_trial_people", population=lowered(study.population).rstrip("."))))
    return found


def lowered(label: str) -> str:
    """``label`` with its first letter in lower case, to run on inside a sentence (left as it is
    when it starts with an abbreviation such as "MRI" or "MSQOL")."""
    text = plain(label)
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


def result_lead(study: Study, outcome: Outcome, ctx: Context, shown: bool = False) -> str:
    """The sentence that introduces one result of a trial on screen (issue 20 point 3): "This
    slide shows one result of the Brave Dreams trial: improved on a combined function test, over
    12 months." (a word said twice, as in "the Canadian trial trial", is said once). When the
    slide ``shown`` the outcome's label (a chart), a bracket of figures in it ("(total lesions
    counted in 9 and 10 people)") is left to the slide, so the sentence says at most two figures."""
    label = _NUMBERED_BRACKET.sub("", outcome.label) if shown else outcome.label
    name = _DOUBLED.sub(r"\1", ctx.words("deck_array_trial", study=plain(study.short_name)))
    when = ctx.words("deck_array_when", timeframe=plain(outcome.timeframe)) if outcome.timeframe else ""
    return ctx.words("deck_array_lead", study=name, outcome=lowered(label), when=when)


_NUMBERED_BRACKET = re.compile(r"\s*\([^()]*\d[^()]*\)")
"""A bracket holding figures ("(total lesions counted in 9 and 10 people)"): shown on the slide,
not said in the sentence that introduces the result."""


def trial_chart(section: b.Section, ctx: Context) -> list[Draft]:
    chart = next(x for x in section.blocks if isinstance(x, b.Chart))
    heading = title(section, ctx)
    blocks = shown(paragraphs(section.blocks), ctx, backup=section.backup, heading=heading)
    first = blocks[0] if blocks else Block((), ())
    blocks[:1] = [Block(first.paras, first.notes, tuple(dict.fromkeys((*first.cites, *chart.cites))), chart.outcome)]
    page = Page(tuple(blocks), chart.study)
    return [
        Draft(
            heading,
            ((page,),),
            lead_notes=(result_lead(chart.study, chart.outcome, ctx, shown=not ctx.layout.talk.patient),),
        )
    ]


def icon_arrays(section: b.Section, ctx: Context) -> list[Draft]:
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


REVIEWS = ("systematic_review", "meta_analysis")
"""Kinds of study whose design line (how and until when it searched) is shown, never said:
its findings' notes say what it found (issue 20 point 1: no "searches to 30 August 2018")."""


def studies(section: b.Section, ctx: Context) -> list[Draft]:
    details = [x for x in section.blocks if isinstance(x, b.StudyDetail)]
    if section.backup:
        return [study_backup(detail, ctx) for detail in details]
    paras = [p for d in details for p in (*d.findings, d.conclusion)]
    heading = title(section, ctx)
    blocks = shown(paras, ctx, heading=heading)
    lead = tuple(f"{plain(d.heading)}. {sentence(d.design.text)}" for d in details if d.study.kind not in REVIEWS)
    charted = next((d.study for d in details if chart_outcome(d.study) is not None), None)
    if charted is not None:
        outcome = chart_outcome(charted)
        assert outcome is not None
        same = [o for o in charted.outcomes if o.unit == outcome.unit and o is not outcome]
        carriers = [Block((), (), (), o) for o in same[: MAIN_CHART_OUTCOMES - 1]]
        first = blocks[0]
        blocks[:1] = [Block(first.paras, first.notes, first.cites, outcome), *carriers]
    page = Page(tuple(blocks), charted)
    return [Draft(heading, ((page,),), lead_notes=lead)]


_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")


def unstacked(heading: str) -> str:
    """``heading`` with the brackets at its end said as a list after commas, so the "(2 of 3)" a
    continued slide adds is the title's only bracket (issue 20 point 8): "PREMiSe (University at
    Buffalo) (2014)" is "PREMiSe, University at Buffalo, 2014"."""
    text, tail = plain(heading), list[str]()
    while (found := _BRACKETED.search(text)) and found.start() > 0:
        tail.insert(0, found.group(1).strip())
        text = text[: found.start()]
    return ", ".join([text, *tail])


def study_backup(detail: b.StudyDetail, ctx: Context) -> Draft:
    """A study in full: design, participants and follow-up, then its outcomes, one chart per unit
    (the primary outcome's first) with their numbers beside it, then its findings and conclusion."""
    study, words = detail.study, ctx.layout.words
    intro = [labelled(words.design, detail.design)]
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
        return Draft(unstacked(detail.heading), ((Page(tuple(intro + rest)),),), lead_notes=(in_full(study, ctx),))
    pages = [list(group) for group in charted]
    pages[0][:0] = intro
    pages[-1] += rest
    return Draft(
        unstacked(detail.heading),
        (tuple(Page(tuple(blocks), study) for blocks in pages),),
        lead_notes=(in_full(study, ctx),),
    )


def in_full(study: Study, ctx: Context) -> str:
    """The first words of a study's backup slides, said as a sentence rather than its heading
    read out ("PREMiSe (University at Buffalo) (2014)."): "Here is PREMiSe (2014) in full: ..."
    (label ``deck_study_in_full``)."""
    return ctx.words("deck_study_in_full", study=f"{plain(study.short_name)} ({study.year})")


def labelled(label: str, para: b.Paragraph) -> Block:
    return Block((Para((Run(label + " ", True), *runs(para.text))),), (said(para),), para.cites)


_IN_BRACKETS = re.compile(r"\s*\([^()]*\)")


def groups_said(array: b.IconArray, ctx: Context) -> str:
    """How many people each group really had, said as a sentence ("The groups had 76 and 39
    people."): the array's heading says it in brackets, and the title (``array_title``) leaves
    it to the notes. Label ``icon_groups``, its brackets taken off."""
    sizes = ctx.words("icon_groups_and").join(str(arm.of) for arm in array.arms)
    text = ctx.words("icon_groups", sizes=sizes).strip().removeprefix("(").removesuffix(")")
    return sentence(text[:1].upper() + text[1:])


def array_title(array: b.IconArray, study: Study | None, ctx: Context) -> str:
    """An icon array's slide title as its point (issue 20 point 8), not a data label: what was
    counted, then what the figures show, then the trial ("Had a relapse: no clear difference
    between the groups (Canadian trial)"); a difference that may not be chance is said as its
    two shares in 100. The outcome's bracketed details are left to the notes; the array's own
    heading when the sentence does not fit the title box in two lines."""
    outcome = next((o for o in study.outcomes if o.id == array.outcome), None) if study is not None else None
    if study is None or outcome is None:
        return plain(array.heading)
    counted = _IN_BRACKETS.sub("", plain(outcome.label)).strip()
    trial = plain(study.short_name)
    if array.chance:
        found = ctx.words("deck_array_title_chance", outcome=counted, study=trial)
    else:
        shares = [a.filled for a in array.arms]
        found = ctx.words("deck_array_title", outcome=counted, study=trial, first=shares[0], other=shares[-1])
    return found if fits_title(found, ctx) else plain(array.heading)
