"""Talk slides of studies: the trials table, a chart per trial, icon arrays, the studies in full.

In: one ``plan.blocks.Section`` holding studies and the ``sections.Context``. Out: its ``Draft``s
(see ``talk`` for how a section finds its builder). A main slide's chart compares at most
``MAIN_CHART_OUTCOMES`` outcomes; the backup slides chart every outcome of a study.
"""

from __future__ import annotations

import re
from dataclasses import replace

from leafdeck.model import Outcome, Study
from leafdeck.plan import blocks as b
from leafdeck.plan.evidence import chart_outcome
from leafdeck.plan.spoken import fragment, measure_form, sentences
from leafdeck.render.deck.charts import _arm_values, _value_text, ordered_arms, outcome_text
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.sections import Block, Context, Draft, Page, plain, runs, sentence
from leafdeck.render.deck.spec import Para
from leafdeck.render.deck.talk_text import fits_title, paragraphs, said, shown, spoken_text, title
from leafdeck.render.deck.visuals import IconArmDraft, IconsDraft, TableDraft

MAIN_CHART_OUTCOMES = 2
"""A main slide's chart compares at most this many outcomes (the primary one first): more
categories crowd a chart beside text; the backup slides chart them all."""


def trials_table(section: b.Section, ctx: Context) -> list[Draft]:
    """The trials table's slide: every column but the design (``_DESIGN_COLUMN``), at the largest
    table size that fits; its alt text gives every cell."""
    table = next(x for x in section.blocks if isinstance(x, b.TrialsTable))
    heading = title(section, ctx, ctx.layout.words.table_title.format(count=len(table.rows)))
    alt = " ".join(
        " ".join(
            [sentence(row[0]), *(sentence(f"{h}: {c}") for h, c in zip(table.header[1:], row[1:], strict=True) if c)]
        )
        for row in table.rows
    )
    by_id = {s.id: s for s in ctx.outline.kb.studies}
    listed = [by_id[i] for i in table.studies if i in by_id]
    notes = tuple(trial_said(study, ctx, _place(n, len(listed))) for n, study in enumerate(listed))
    shown = [i for i in range(len(table.header)) if i != _DESIGN_COLUMN]
    header, rows = tuple(table.header[i] for i in shown), tuple(tuple(row[i] for i in shown) for row in table.rows)
    visual = TableDraft(header, rows, f"{plain(section.title)}. {alt}")
    return [Draft(heading, ((Page((Block((), notes, table.cites),), visual=visual),),))]


_DESIGN_COLUMN = 1
"""The trials table's design column (``plan.study_sections``): left off the slide, whose text it
made tiny (issue 20); the notes say how each trial was run and its backup slides show it."""


def _place(index: int, count: int) -> str | None:
    """Where a trial comes in the table's spoken list (label ``deck_trial_<place>``): none alone."""
    if count < 2:
        return None
    return "first" if index == 0 else "last" if index == count - 1 else "next"


def trial_said(study: Study, ctx: Context, place: str | None = None) -> str:
    """One trial of the table said as sentences (never its cells read out as "Design: ..."): who
    was randomized to what and for how long, its main measure named as speech (``measure_said``,
    no label in quotes), and its authors' conclusion in full sentences (the conclusion's
    ``notes``, else its patient-register ``text``). With a ``place`` ("first", "next", "last";
    labels ``deck_trial_first`` ...), the trial is introduced in its turn ("First, the PREMiSe
    trial put ...", issue 20, fifth round)."""
    joined = arms_said(study, ctx)
    follow = ctx.words("deck_trial_follow", follow_up=plain(study.follow_up)) if study.follow_up else ""
    primary = next((o for o in study.outcomes if o.primary), None) or chart_outcome(study)
    result = sentence(study.conclusion.notes or study.conclusion.text)
    name = _DOUBLED.sub(r"\1", ctx.words("deck_trial_name", study=plain(study.short_name)))
    trial = name[:1].upper() + name[1:]  # "The Canadian trial", as ``trial_opening`` names it
    if place is not None:
        trial = ctx.words(f"deck_trial_{place}", trial=name)
    return ctx.words(
        "deck_trial_said",
        trial=trial,
        arms=joined,
        follow=follow,
        primary=measure_said(_NUMBERED_BRACKET.sub("", primary.label), ctx) if primary else "",
        result=result,
    )


def measure_said(label: str, ctx: Context) -> str:
    """An outcome ``label`` as a sentence names it aloud, never in quotes read out (issue 20,
    fifth round): "whether people improved on ...", "the change in ...", "new active brain
    lesions on MRI" (``spoken.measure_form``; labels ``deck_measure_whether``,
    ``deck_measure_the``, ``deck_measure_plain``: a language whose labels the English form rule
    does not fit keeps its quotes in all three)."""
    text = lowered(plain(label).strip())
    return ctx.words(f"deck_measure_{measure_form(text)}", outcome=text)


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
    """The sentence that introduces one result of a trial on screen (issue 20 point 3), its
    outcome said as speech (``measure_said``), never its chart label read out after a colon
    (issue 20, sixth round): "The chart shows whether people improved on a combined function
    test in the Brave Dreams trial, over 12 months." (a word said twice, as in "the Canadian trial trial", is said once). When the
    slide ``shown`` the outcome's label (a chart), a bracket of figures in it ("(total lesions
    counted in 9 and 10 people)") is left to the slide, so the sentence says at most two figures."""
    label = _NUMBERED_BRACKET.sub("", outcome.label) if shown else outcome.label
    if ctx.layout.talk.patient:  # no "(MSQOL-54)" nor "(total lesions counted in ...)" to patients
        label = _IN_BRACKETS.sub("", plain(label)).strip()
    name = _DOUBLED.sub(r"\1", ctx.words("deck_array_trial", study=plain(study.short_name)))
    when = ctx.words("deck_array_when", timeframe=plain(outcome.timeframe)) if outcome.timeframe else ""
    return ctx.words("deck_array_lead", study=name, outcome=measure_said(label, ctx), when=when)


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
    intro = [replace(labelled(words.design, detail.design), notes=design_said(detail, ctx))]
    if study.arms:  # the group sizes are shown, not read out as "(n equals 65)"
        arms = ", ".join(words.arm.format(label=a.label, n=a.n) for a in ordered_arms(study))
        intro.append(Block((Para((Run(words.participants + " ", True), *runs(arms))),), ()))
    if study.follow_up:
        intro.append(Block((Para((Run(words.follow_up + " ", True), *runs(study.follow_up))),), ()))
    groups: dict[str, list[Block]] = {}
    for outcome in sorted(study.outcomes, key=lambda o: not o.primary):
        text = outcome_text(study, outcome, ctx.layout)
        notes = outcome_said(study, outcome, ctx)
        groups.setdefault(outcome.unit, []).append(Block((Para(text),), notes, outcome.cites, outcome))
    found = [*detail.findings, detail.conclusion]
    rest = pointed(shown(found, ctx, backup=True, style="bullet"), found, ctx, study_name(study, ctx))
    charted = [tuple(group) for group in groups.values()]
    lead = in_full(study, ctx) if rest == shown(found, ctx, backup=True, style="bullet") else ()  # or the pointer
    if not charted:
        return Draft(unstacked(detail.heading), ((Page(tuple(intro + rest)),),), lead_notes=lead)
    pages = [list(group) for group in charted]
    pages[0][:0] = intro
    pages[-1] += rest
    return Draft(
        unstacked(detail.heading),
        (tuple(Page(tuple(blocks), study) for blocks in pages),),
        lead_notes=lead,
    )


def in_full(study: Study, ctx: Context) -> tuple[str, ...]:
    """The first words of a study's backup slides, said as a sentence rather than its heading
    read out ("PREMiSe (University at Buffalo) (2014)."): none for a trial whose opening says
    how it was run ("The PREMiSe trial put 19 people ...", ``trial_opening``); else "These slides
    give the Canadian study of vein narrowing in full: ..." (label ``deck_study_in_full``: its
    ``{name}`` is the study's name without brackets, its ``{study}`` the short name with the
    year, for a language whose sentence wants it), issue 20, fifth round: no "Here is X in full"."""
    if study.kind == "randomized_trial" and study.arms:
        return ()
    short = plain(study.short_name)
    dated = short if str(study.year) in short else f"{short} ({study.year})"
    return (ctx.words("deck_study_in_full", study=dated, name=study_name(study, ctx)),)


def study_name(study: Study, ctx: Context) -> str:
    """A study as a sentence names it: "the PREMiSe trial" (``deck_trial_name``, a word said
    twice said once), else its name without brackets ("the Cochrane review of ...")."""
    if study.kind == "randomized_trial":
        return _DOUBLED.sub(r"\1", ctx.words("deck_trial_name", study=plain(study.short_name)))
    return ctx.words("deck_study_the", study=_IN_BRACKETS.sub("", plain(study.name)).strip())


def said_in_talk(ctx: Context) -> frozenset[str]:
    """The knowledge-base items the clinician talk proper says in its notes: every paragraph of
    a main section, a study's findings and conclusion included. Empty for a patient talk, whose
    main slides say their own scripts rather than the items' notes."""
    if ctx.layout.talk.patient:
        return frozenset()
    found: set[str] = set()
    for section in ctx.outline.sections:
        if section.backup:
            continue
        found |= {p.item for p in paragraphs(section.blocks) if p.item}
        for block in section.blocks:
            if isinstance(block, b.StudyDetail):
                found |= {p.item for p in (*block.findings, block.conclusion) if p.item}
    return frozenset(found)


def pointed(blocks: list[Block], paras: list[b.Paragraph], ctx: Context, about: str | None = None) -> list[Block]:
    """A backup slide's ``blocks`` (one a paragraph of ``paras``, in order, as ``shown`` makes
    them on a backup slide) with the notes the talk proper already said (``said_in_talk``) left
    out, and one short pointer said instead, where the last of them was (issue 20, fifth round:
    a backup slide does not copy a main slide's notes). Labels ``deck_backup_pointer_study``
    (``about``: the study, "the PREMiSe trial") and ``deck_backup_pointer``. The slide still
    shows every line."""
    heard = said_in_talk(ctx)
    if len(blocks) < len(paras) or not any(p.item in heard for p in paras):
        return blocks
    pointer = ctx.words("deck_backup_pointer_study", study=about) if about else ctx.words("deck_backup_pointer")
    kept = list(blocks)
    at = [index for index, para in enumerate(paras) if para.item in heard]
    for index in at:
        kept[index] = replace(kept[index], notes=(pointer,) if index == at[-1] else ())
    return kept


def design_said(detail: b.StudyDetail, ctx: Context) -> tuple[str, ...]:
    """How a study in the backup section was run, said rather than its design line read out
    (issue 20, third trial): a randomized trial's opening sentences (``trial_opening``); another
    study's design line only through its spoken ``notes``; a review's never (it holds its search
    dates, ``REVIEWS``)."""
    if detail.study.kind == "randomized_trial" and detail.study.arms:
        return tuple(trial_opening(detail.study, ctx))
    if detail.study.kind in REVIEWS or not detail.design.notes:
        return ()
    return (sentence(detail.design.notes),)


_P_BRACKET = re.compile(r"\s*\(p\s*[=<>][^()]*\)")
"""A bracketed p-value in an outcome's note ("(p = 0.389)")."""


def outcome_said(study: Study, outcome: Outcome, ctx: Context) -> tuple[str, ...]:
    """One outcome of a study in the backup section said as sentences, never its slide line read
    out with its brackets ("Relapses (primary outcome, at 6 months): ..."): "As for relapses, the
    figures were 4 in the venous angioplasty group and 1 in the sham procedure group, with a
    p-value of 0.389." (labels ``deck_outcome_said``, ``deck_outcome_said_one`` for one value;
    every other outcome of a study ``deck_outcome_figures`` and ``deck_outcome_figures_one``,
    "The figures for ... were ...", so that a slide does not say "As for" line after line;
    the measure named as speech by ``measure_said``, ``deck_outcome_arm``, or
    ``deck_outcome_among`` for the groups of a study that randomized no one: "2% among people
    with MS"; each value as the slide writes it, its bracket of counts left to the slide), its
    p-value in the same sentence for clinicians (``deck_outcome_p``; never a lone "The p-value
    was 0.95."; a patient talk reads no p-value out) and the sentences of its note that are said, not read (no fragment such
    as "p equals 1.0 for all comparisons between groups.", ``spoken.fragment``; without its
    bracketed p-value for patients)."""
    unit, clinician = ctx.layout.units.of(outcome.unit), ctx.outline.audience == "clinician"
    group = "deck_outcome_arm" if study.kind == "randomized_trial" else "deck_outcome_among"  # groups of people
    parts = [
        ctx.words(group, value=_value_text(value, arm, unit, ctx.layout), arm=lowered(arm.label))
        for arm, value in _arm_values(study, outcome)
    ]
    if not parts:
        return ()
    values = ", ".join(parts[:-1]) + ctx.words("deck_and") + parts[-1] if len(parts) > 1 else parts[0]
    measure = measure_said(_IN_BRACKETS.sub("", plain(outcome.label)), ctx)
    key = "deck_outcome_said" if len(parts) > 1 else "deck_outcome_said_one"
    if study.outcomes.index(outcome) % 2:  # every other outcome said the other way (issue 20, sixth round)
        key = key.replace("deck_outcome_said", "deck_outcome_figures")
    first = spoken_text(ctx.words(key, outcome=measure, values=values))
    if outcome.p_value and clinician and not _P_BRACKET.search(plain(outcome.note or "")):  # else the note says it
        first = ctx.words("deck_outcome_p", said=first.rstrip("."), p=outcome.p_value)
    said_aloud = [first]
    if outcome.note:
        note = plain(outcome.note) if clinician else _P_BRACKET.sub("", plain(outcome.note))
        found = (without_verbless_opening(x) for x in sentences(note))
        said_aloud += [p_clause(x, ctx) for x in found if not fragment(x)]
    return tuple(said_aloud)


_P_EQUALS = re.compile(r"\s*\(p\s*=\s*([0-9.,]+)\)")
"""A bracketed p-value with an equals sign ("(p = 0.062)"), said as a clause instead."""


def p_clause(sentence_: str, ctx: Context) -> str:
    """``sentence_`` with a bracketed p-value said as a clause of it, never "(p equals 0.062)"
    read out with its brackets (issue 20, sixth round): "The difference may be due to chance,
    with a p-value of 0.062." (label ``deck_outcome_p``). Other sentences are left as they are."""
    found = _P_EQUALS.search(sentence_)
    if found is None:
        return sentence_
    rest = (sentence_[: found.start()] + sentence_[found.end() :]).strip().rstrip(".")
    return ctx.words("deck_outcome_p", said=rest, p=found.group(1))


def without_verbless_opening(sentence_: str) -> str:
    """``sentence_`` without an opening part before a semicolon that has no verb, the rest said
    as the sentence ("Not statistically significant; the difference may be due to chance." →
    "The difference may be due to chance."): a slide's label, not something a speaker says."""
    head, sep, rest = sentence_.partition("; ")
    if not sep or fragment(head) is False or not rest:
        return sentence_
    return rest[:1].upper() + rest[1:]


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
    """An icon array's slide title as its point (issue 20 point 8), not a data label: a headline
    naming the trial and what the figures show about what was counted ("Canadian trial: no clear
    difference in how many people had a relapse", the label's ``{measure}`` being the outcome
    label run on in lower case); a difference that may not be chance is
    said as its two shares in 100. The outcome's bracketed details are left to the notes; the array's own
    heading when the sentence does not fit the title box in two lines."""
    outcome = next((o for o in study.outcomes if o.id == array.outcome), None) if study is not None else None
    if study is None or outcome is None:
        return plain(array.heading)
    counted = _IN_BRACKETS.sub("", plain(outcome.label)).strip()
    trial, measure = plain(study.short_name), lowered(counted)  # "measure" runs on in a sentence
    if array.chance:
        found = ctx.words("deck_array_title_chance", measure=measure, study=trial)
    else:
        shares = [a.filled for a in array.arms]
        found = ctx.words("deck_array_title", measure=measure, study=trial, first=shares[0], other=shares[-1])
    return found if fits_title(found, ctx) else plain(array.heading)
