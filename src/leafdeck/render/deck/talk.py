"""Each outline section as talk slides: one message per main slide, the detail in notes or backup.

In: one ``plan.blocks.Section`` and the ``sections.Context``. Out: its ``Draft``s.

Main slides (the talk proper) carry an action title (the section's ``headline`` when the layout
asks for clinician titles, else the section's title), a short body (``talk_text``: the body-text
budget, what the notes say) and a native chart, table or icon array wherever the section has
numbers (``talk_studies``). They never continue onto a second slide. Backup slides hold every
paragraph and may continue. This module picks each section's builder and holds the builders of
the framing slides (cover, disclosures, notice, questions, references) and of text sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from leafdeck.nobreak import unbroken_phone
from leafdeck.plan import blocks as b
from leafdeck.plan.spoken import without_p_values
from leafdeck.read.presenters import Presenter
from leafdeck.render.deck.script import sentences
from leafdeck.render.deck.sections import Block, Context, Draft, Page, plain, runs, sentence, word_count
from leafdeck.render.deck.spec import Para, ParaStyle
from leafdeck.render.deck.talk_studies import (
    icon_arrays,
    lowered,
    pointed,
    studies,
    trial_chart,
    trials_table,
    unstacked,
)
from leafdeck.render.deck.talk_text import (
    cited,
    fit,
    headline,
    notes_only,
    one,
    paragraphs,
    reminded,
    said,
    short_headline,
    shown,
    title,
    told,
)

SHORT_ANSWER_WORDS = 3
"""The longest opening answer of a governance statement ("No external funding.") left unsaid when
full sentences follow it (issue 20: no fragment without a verb in the notes)."""

__all__ = ["fit", "section_drafts"]

Builder = Callable[[b.Section, Context], list[Draft]]


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
    if section.backup:  # its "(2 of 3)" is then the title's only bracket
        heading = unstacked(heading)
    message = headline(section) if ctx.layout.talk.clinician_titles and not section.backup else None
    if message and heading not in (message, short_headline(section)):  # a headline not on screen is said first
        lead = (sentence(message), *lead)
    options = draft.options
    if section.backup and ctx.outline.audience != "clinician":  # no p-value read out to patients
        lead = tuple(x for x in (without_p_values(n) for n in lead) if x)
        options = tuple(
            tuple(replace(page, blocks=tuple(_block_without_p_values(k) for k in page.blocks)) for page in option)
            for option in options
        )
    return Draft(heading, options, draft.sizes, lead, name, section.backup)


def _block_without_p_values(block: Block) -> Block:
    return replace(block, notes=tuple(x for x in (without_p_values(n) for n in block.notes) if x))


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
    notes = [_subject_said(cover, ctx)]
    if ctx.presenter is not None:
        person = ctx.presenter
        notes.insert(0, sentence(ctx.layout.words.presenter_intro.format(who=_who_said(person, ctx))))
        if person.event:
            notes.insert(0, _event_said(person.event, person.date, ctx))
    notes.append(_decision_said(cover, ctx))
    return [Draft(plain(cover.title), ((Page((Block(paras, tuple(notes)),)),),), sizes="cover")]


def _who_said(person: Presenter, ctx: Context) -> str:
    """The presenter as they name themselves aloud: their name, then their post at their
    organisation ("Dr Alex Morgan, consultant neurologist at Example MS Service"; label
    ``deck_post_at``), never the three read out as a list."""
    post = person.role or ""
    if person.role and person.organisation:
        post = ctx.words("deck_post_at", role=person.role, organisation=person.organisation)
    return ", ".join(x for x in (person.name, post or person.organisation) if x)


def _subject_said(cover: b.Cover, ctx: Context) -> str:
    """The talk's subject said as one sentence with a verb (issue 20 point 4), not its title and
    subtitle read out as two fragments: "The subject of this talk is the “liberation procedure”
    for multiple sclerosis: what research shows about ..." (label ``deck_cover_said``)."""
    if not cover.subtitle:
        return ctx.words("deck_cover_said_short", title=lowered(cover.title))
    return ctx.words("deck_cover_said", title=lowered(cover.title), subtitle=lowered(cover.subtitle))


def _event_said(event: str, when: date | None, ctx: Context) -> str:
    """The talk's first spoken sentence (issue 20 point 7): thanks for the invitation to the
    presenter file's ``event``, with its ``when`` in the talk's date format ("Thank you for having
    me at the MS study day today, 12 March 2027."); labels ``deck_event_said`` and, without a
    date, ``deck_event_said_undated``."""
    if when is None:
        return ctx.words("deck_event_said_undated", event=plain(event))
    return ctx.words("deck_event_said", event=plain(event), date=ctx.words.date(when))


def _decision_said(cover: b.Cover, ctx: Context) -> str:
    """The decision the talk serves, said as a talk says it (never the leaflets' "This leaflet
    helps you decide"): for clinicians, that patients ask it (not quoted: it is in the patient's
    words); for patients, the one question the talk helps with. The version line stays on the
    slide and is not read out."""
    if ctx.outline.audience == "clinician":
        return ctx.words("deck_talk_asked")
    return ctx.words("deck_talk_decides", decision=plain(cover.decision))


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
    line saying the slide is to be completed); the notes say them as a sentence, then the
    material's own funding and conflicts of interest (the knowledge base's governance)."""
    block = next(x for x in section.blocks if isinstance(x, b.Disclosure))
    lines = block.shown(ctx.presenter)
    declared = ctx.presenter is not None and ctx.presenter.disclosures != "none"
    style: ParaStyle = "bullet" if declared else "plain"
    paras = tuple(Para(runs(line), style=style) for line in lines)
    if declared:
        said_aloud = ctx.layout.words.disclosures_said.format(declarations=declarations_said(lines, ctx.words))
    elif ctx.presenter is not None:
        said_aloud = ctx.words("deck_no_disclosures_said")
    else:
        said_aloud = " ".join(sentence(x) for x in lines)
    gov = ctx.outline.kb.governance
    statements = [
        _governance_said(text, ctx.words(label))
        for label, text in (("deck_funding", gov.funding), ("deck_conflicts", gov.conflicts_of_interest))
        if text
    ]
    funded = _funding_said(gov.funding, gov.publisher.name, ctx)
    if funded is not None:  # never the publisher's name read from the form (issue 20, fifth round)
        statements[0] = funded
    material = " ".join([ctx.words("deck_material"), *(lowered(x) if i == 0 else x for i, x in enumerate(statements))])
    why = ctx.words("deck_disclosures_why")
    return one(plain(section.title), [Block(paras, (f"{sentence(said_aloud)} {why}", material))])


_YEAR_BRACKET = re.compile(r"\s*\(((?:19|20)\d\d)\)$")
"""A declaration's closing year in brackets: "Speaker fees from Example Pharma (2026)"."""


def declarations_said(lines: tuple[str, ...] | list[str], words: Callable[..., str]) -> str:
    """The presenter's declarations said as one run of a sentence (issue 20, seventh round: no
    list read with "(2026)" brackets): a closing year in brackets is said "in 2026" (label
    ``deck_in_year``), a first word in capitals only for the list is lowered, and the last joined
    by "and" (label ``deck_and``): "speaker fees from Example Pharma in 2026 and advisory board,
    Example Devices Ltd, in 2025"."""
    said = []
    for line in lines:
        text = plain(line).strip().rstrip(".;")
        found = _YEAR_BRACKET.search(text)
        if found:
            body = text[: found.start()]
            year = words("deck_in_year", year=found.group(1))
            text = f"{body}, {year}" if "," in body else f"{body} {year}"
        head = text.split(" ", 2)
        if len(head) > 1 and head[0][1:].islower() and head[1][:1].islower():
            text = text[:1].lower() + text[1:]
        said.append(text)
    if len(said) < 2:
        return "".join(said)
    return f"{', '.join(said[:-1])}{words('deck_and')}{said[-1]}"


def _funding_said(funding: str, publisher: str, ctx: Context) -> str | None:
    """The material's funding said in a talk (issue 20, third trial; the patient talk too since the
    fifth round): its short opening
    answer in a sentence ("the material shown today had no external funding.", label
    ``deck_material_funded``), then its other sentences but those naming the publisher ("The
    leafdeck project made this material ...": a name the room does not know, read from a form).
    None when the statement opens with no short answer (it is said as it stands)."""
    said = sentences(sentence(funding))
    if len(said) < 2 or word_count(said[0]) > SHORT_ANSWER_WORDS:
        return None
    name = _BRACKETS.sub("", plain(publisher)).split()
    named = name[0].casefold() if name and len(name[0]) >= 4 else None
    rest = [x for x in said[1:] if named is None or named not in x.casefold()]
    answer = lowered(said[0]).rstrip(".")
    return " ".join([ctx.words("deck_material_funded", answer=answer), *rest])


_BRACKETS = re.compile(r"\s*\([^()]*\)")


def _governance_said(text: str, label: str) -> str:
    """The knowledge base's funding or conflicts statement said as sentences: a short opening
    answer of at most ``SHORT_ANSWER_WORDS`` words ("None.", "No external funding.") is left out
    when full sentences follow it (they say it again with a verb); otherwise the statement is said
    after its ``label`` ("Conflicts of interest: None.")."""
    said = sentences(sentence(text))
    if len(said) > 1 and word_count(said[0]) <= SHORT_ANSWER_WORDS:
        return " ".join(said[1:])
    return f"{label} {sentence(text)}"


def _notice(section: b.Section, ctx: Context) -> list[Draft]:
    """The unapproved-use notice, said as it stands and then as what it means for the talk; the
    clinic country's own regulator first when the section has it (a paragraph before the notice,
    ``plan.topic_sections.own_regulator``), shown and said as any slide line."""
    notices = [x.text for x in section.blocks if isinstance(x, b.Notice)]
    local = [x for x in section.blocks if isinstance(x, b.Paragraph)]
    blocks = [Block((Para(runs(p.text, bold=True), style="plain"),), (said(p),), p.cites) for p in local]
    blocks += [Block((Para(runs(p.text, bold=True), style="plain"),), (sentence(p.text),), p.cites) for p in notices]
    if blocks:
        blocks.append(Block((), (ctx.words("deck_notice_said"),)))
    return one(plain(section.title), blocks)


def _text(section: b.Section, ctx: Context, fallback: str | None = None) -> list[Draft]:
    """Text sections. A main slide showing a topic's summary says, in its notes, the statements
    of the same section in the backup part of the outline (when the talk has it there)."""
    paras = reminded(paragraphs(section.blocks), section, ctx)
    heading = title(section, ctx, fallback)
    blocks = shown(paras, ctx, backup=section.backup, heading=heading)
    if section.backup:
        blocks = pointed(blocks, paras, ctx)
    if not section.backup and paras and all(p.field == "summary" for p in paras):
        detail = [p for s in ctx.outline.sections if s.backup and s.name == section.name for p in paragraphs(s.blocks)]
        if detail:
            blocks.append(notes_only([told(p) for p in detail], cited(detail), shown=cited(paras)))
    return one(heading, blocks)


def _take_home(section: b.Section, ctx: Context) -> list[Draft]:
    return _text(section, ctx, ctx.layout.words.take_home_title)


def _faq(section: b.Section, ctx: Context) -> list[Draft]:
    faq = next(x for x in section.blocks if isinstance(x, b.Faq))
    questions = [q for q, _ in faq.entries]
    on = questions if section.backup else fit(questions, ctx.layout.talk.body_words, ctx.essential)
    style: ParaStyle = "bullet"
    blocks = []
    for index, (question, answer) in enumerate(faq.entries):
        notes = (_asked_said(index, plain(question.text), told(answer), ctx),)
        paras = (Para(runs(question.text, bold=section.backup), style=style),) if question in on else ()
        answer_paras = (Para(runs(answer.text), level=1),) if section.backup else ()
        if section.backup:
            blocks.append(Block(paras + answer_paras, notes, answer.cites))
        else:  # the answer is said, not shown: its sources go to the notes' "Sources:" line
            blocks.append(Block(paras, notes, said_cites=answer.cites))
    return one(title(section, ctx, ctx.layout.words.faq_title), blocks)


def _asked_said(index: int, question: str, answer: str, ctx: Context) -> str:
    """A question patients bring, said as speech rather than a stage direction (issue 20, third
    trial: never "If asked ..., say: ..."): "Patients often ask “Is CCSVI real?” On blinded ...",
    then each further question as the presenter reads it from the slide, and its answer, never
    "Patients also ask" again and again (issue 20, sixth round): "“Are studies still running?”
    Search ..." (labels ``deck_asked`` for the first, ``deck_asked_also`` for the others)."""
    if index == 0:
        return ctx.layout.words.asked.format(question=question, answer=answer)
    return ctx.words("deck_asked_also", question=question, answer=answer)


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
    return one(title(section, ctx), blocks)


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
        return one(title(section, ctx), shown([q for g in block.groups for q in g.items], ctx, style="bullet"))
    blocks = [
        Block(
            (Para(runs(g.title, bold=True), style="plain"), *(Para(runs(q.text), level=1) for q in g.items)),
            (ctx.words("deck_questions_group", title=lowered(g.title)), *(said(q) for q in g.items)),
            cited(g.items),
        )
        for g in block.groups
    ]
    return one(plain(section.title), blocks)


def _contact(section: b.Section, ctx: Context) -> list[Draft]:
    """The closing "Questions" slide of the talk proper: the clinic's name, phone and e-mail (the
    planner adds the QR code to the online copy, see ``plan._Planner.closing``)."""
    clinic, words = ctx.clinic, ctx.words
    lines = [Para(runs(clinic.name, bold=True), style="plain")]
    lines.append(Para(runs(words("phone", phone=unbroken_phone(clinic.phone))), style="plain", tight=True))
    if clinic.email:
        lines.append(Para(runs(words("email", email=clinic.email)), style="plain", tight=True))
    said_aloud = ctx.layout.words.closing_said.format(clinic=plain(clinic.name))
    return one(plain(section.title), [Block(tuple(lines), (said_aloud,))])


def _references(section: b.Section, ctx: Context) -> list[Draft]:
    """The numbered references, shown in full; the notes say one sentence (``deck_references_said``)
    instead of reading the list out (issue 20, third trial)."""
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
            (ctx.words("deck_references_said"),),  # said once: on the list's first slide
        )
        for e in refs.entries
    ]
    return one(plain(section.title), blocks, sizes="references")


_BY_BLOCK: tuple[tuple[type[b.Block], Builder], ...] = (
    (b.Cover, _cover),
    (b.Disclosure, _disclosure),
    (b.TrialsTable, trials_table),
    (b.Chart, trial_chart),
    (b.IconArray, icon_arrays),
    (b.StudyDetail, studies),
    (b.Faq, _faq),
    (b.OptionDetail, _options),
    (b.Questions, _questions),
    (b.References, _references),
    (b.Contact, _contact),
)
"""Which builder a section gets, by the first of these block kinds it holds; a section of only a
notice is the notice slide, and the rest are text (``_text``)."""


def _notice_or_text(section: b.Section, ctx: Context) -> list[Draft]:
    if section.name == "notice" or all(isinstance(x, b.Notice) for x in section.blocks):
        return _notice(section, ctx)
    if section.name == "take_home":
        return _take_home(section, ctx)
    return _text(section, ctx)
