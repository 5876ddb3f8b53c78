"""The patient talk's main slides: a talk worth giving to people with MS (issue 20 point 6).

In: one outline section of the ``talk-patient`` contents and the ``sections.Context``. Out: its
``Draft``s, or None where the general builders of ``talk.py`` serve (the cover, disclosures,
closing slide and the backup section). Used when the layout sets ``talk.patient``.

- What the procedure is: the topic's summary and "Not approved for this use" (the notice's
  references on the source line; the notes say it in full after the script) beside the leaflets' veins diagram (the ``diagram`` section of the plan gives its labels and alternative text; it
  has no slide of its own).
- What fair tests found: the evidence summary as the slide's title (the verdict, early), the
  sham-controlled trials in a small table under it.
- The risks: the summary beside the icon array of the serious health problems the script
  counts.
- One icon array a slide, as large as the slide allows: the chance caveat is shown and said once,
  on the first array it applies to; the later arrays stand alone.
- The options: the same three as the leaflets (those the option grid compares), the others
  named under the current care they belong to.
- Topics shown by their summary: the notes are the topic's ``talk`` script (spoken sentences,
  no citations), then the slide's country-specific lines (an emergency number) said aloud.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from leafdeck.model import Statement, Study, Topic
from leafdeck.plan import blocks as b
from leafdeck.plan.context import local_essentials, notes_for
from leafdeck.render.deck.measure import Run
from leafdeck.render.deck.patient_said import (
    arm_label,
    arm_name,
    array_said,
    foreign,
    option_said,
    own_and_wider,
    own_cites,
    own_regulator,
    take_home_said,
    trial_said,
    whole,
    within,
)
from leafdeck.render.deck.script import sentences, words
from leafdeck.render.deck.sections import Block, Context, Draft, Page, plain, runs, sentence
from leafdeck.render.deck.spec import Para, ParaStyle
from leafdeck.render.deck.talk import cited, fit, paragraphs, said, told
from leafdeck.render.deck.talk_studies import array_title, lowered
from leafdeck.render.deck.visuals import FigureDraft, IconArmDraft, IconsDraft, TableDraft

PatientBuilder = Callable[[b.Section, Context], list[Draft]]
_DIGITS = re.compile(r"\d+")


def patient_drafts(section: b.Section, ctx: Context) -> list[Draft] | None:
    """The patient talk's drafts of ``section``; None when ``talk.py``'s general builder serves."""
    if section.backup:
        return None
    builder = _BY_NAME.get(section.name)
    if builder is not None:
        return builder(section, ctx)
    if _topic_of(section, ctx) is not None:
        return _summary(section, ctx)
    return None


# --- topics shown by their summary -----------------------------------------------------------


def _topic_of(section: b.Section, ctx: Context) -> Topic | None:
    """The topic whose summary the section shows (with a ``talk`` script), if any."""
    ids = {p.item for p in paragraphs(section.blocks) if p.field == "summary"}
    return next((t for t in ctx.outline.kb.topics if t.id in ids and t.talk), None)


def _spoken(section: b.Section, ctx: Context) -> Block:
    """What the presenter says: the topic's script, then the slide's other lines (a country's
    emergency number, say) as they are shown. A topic with no script: its summary, those lines,
    then its statements from the backup part of the talk (as ``talk._text`` says them)."""
    topic = _topic_of(section, ctx)
    paras = paragraphs(section.blocks)
    local = [said(p) for p in paras if p.field != "summary"]
    if topic is not None and topic.talk:
        return Block((), (" ".join([plain(topic.talk), *local]),))
    detail = [p for s in ctx.outline.sections if s.backup and s.name == section.name for p in paragraphs(s.blocks)]
    script = [said(p) for p in paras if p.field == "summary"]  # no script: say the topic's statements
    return Block((), (" ".join([*script, *local, *(told(p) for p in detail)]),), said_cites=cited(detail))


def _shown(section: b.Section) -> list[Block]:
    """A summary section's one paragraph: the summary, then its country's lines (an emergency
    number, say) in bold; any other paragraphs each as its own."""
    paras = paragraphs(section.blocks)
    summary = next((p for p in paras if p.field == "summary"), None)
    if summary is None:
        style: ParaStyle = "bullet" if len(paras) > 1 else "plain"
        return [Block((Para(runs(p.text), style=style),), (), p.cites) for p in paras]
    local = [p for p in paras if p is not summary]
    said_too = " ".join(plain(p.text) for p in local)
    text = (*runs(summary.text), *((Run(" "), *runs(said_too, bold=True)) if said_too else ()))
    return [Block((Para(text, style="plain"),), (), cited([summary, *local]))]


def _summary(section: b.Section, ctx: Context) -> list[Draft]:
    blocks = [*_shown(section), _spoken(section, ctx)]
    return [Draft(plain(section.title), ((Page(tuple(blocks)),),))]


def _urgent_help(section: b.Section, ctx: Context) -> list[Draft]:
    """When to get urgent help (the topic's summary and script, with the country's emergency
    number), and how to report a problem in the clinic's country (issue 20, fourth trial, point
    5): shown on the slide, the first sentence of each of the reporting topic's statements for
    that country marked essential (a clinic in no named country: the topic's summary), cited on
    the slide's source line; the notes say them in full."""
    drafts = _summary(section, ctx)
    topic = ctx.outline.kb.topic("side_effect_reporting")
    if topic is None or not drafts:
        return drafts
    local = local_essentials(topic)
    said_aloud = " ".join(sentence(s.text) for s in local) if local else sentence(topic.summary)
    shown = " ".join(sentences(sentence(s.text))[0] for s in local) if local else sentence(topic.summary)
    cites = tuple(dict.fromkeys(c for s in local for c in s.cites)) if local else topic.summary_cites
    route = Block((Para(runs(shown), style="plain"),), (said_aloud,), cites)
    draft = drafts[0]
    pages = tuple(
        tuple(Page((*page.blocks, route), page.charted, page.visual) for page in option) for option in draft.options
    )
    return [replace(draft, options=pages), *drafts[1:]]


# --- what it is, with the diagram ------------------------------------------------------------


def _what_it_is(section: b.Section, ctx: Context) -> list[Draft]:
    """The summary and the unapproved-use notice beside the veins diagram."""
    blocks = _shown(section)
    for notice in (x for x in section.blocks if isinstance(x, b.Notice)):
        short = Para(runs(ctx.words("deck_not_approved"), bold=True), style="plain")
        blocks.append(Block((short,), (), notice.text.cites))
    blocks.append(_spoken(section, ctx))
    blocks += [Block((), (said(n.text),)) for n in section.blocks if isinstance(n, b.Notice)]
    room = ctx.layout.talk.notes_words[1] - sum(words(n) for x in blocks for n in x.notes)
    own = [sentence(plain(s.notes or s.text)) for s in own_regulator(ctx)]  # while the notes stay in the budget
    blocks += [
        Block((), (t,), said_cites=s.cites) for t, s in zip(own, own_regulator(ctx), strict=True) if words(t) <= room
    ]
    diagram = next((x for s in ctx.outline.sections for x in s.blocks if isinstance(x, b.Diagram)), None)
    visual = FigureDraft(diagram.labels, plain(diagram.figure.alt)) if diagram is not None else None
    cites = diagram.figure.cites if diagram is not None else ()
    if cites:
        blocks.append(Block((), (), cites))
    return [Draft(plain(section.title), ((Page(tuple(blocks), visual=visual),),))]


def _cover(section: b.Section, ctx: Context) -> list[Draft]:
    """The title slide as ``talk.py`` builds it, its subject said without the subtitle's
    technical words ("(venous angioplasty) for CCSVI": issue 20, fourth trial, point 4): "The
    subject of this talk is the “liberation procedure” for multiple sclerosis, and what the
    research on it has found." (label ``deck_cover_said_patient``); the next sentence says the
    decision the talk helps with."""
    from leafdeck.render.deck import talk

    cover = next(x for x in section.blocks if isinstance(x, b.Cover))
    full = ctx.words("deck_cover_said", title=lowered(cover.title), subtitle=lowered(cover.subtitle))
    short = ctx.words("deck_cover_said_patient", title=lowered(cover.title))
    return [
        replace(draft, options=tuple(tuple(_renoted(p, full, short) for p in o) for o in draft.options))
        for draft in talk._cover(section, ctx)  # talk.py is notes20c's: its builder, reused unchanged
    ]


def _renoted(page: Page, old: str, new: str) -> Page:
    """``page`` with the note ``old`` said as ``new``."""
    blocks = tuple(replace(x, notes=tuple(new if n == old else n for n in x.notes)) for x in page.blocks)
    return replace(page, blocks=blocks)


def _no_slide(section: b.Section, ctx: Context) -> list[Draft]:
    """The diagram is shown beside what the procedure is (``_what_it_is``)."""
    return []


# --- the verdict -----------------------------------------------------------------------------


def _trials(ctx: Context) -> list[Study]:
    return [s for s in ctx.outline.kb.studies if s.kind == "randomized_trial" and s.sham_controlled]


def _verdict(section: b.Section, ctx: Context) -> list[Draft]:
    """The evidence summary as the title (the section's title when it needs more than two lines),
    the sham-controlled trials under it: name and year, people per group, what the authors
    concluded."""
    from leafdeck.render.deck.talk_text import fits_title

    summary = next((p for p in paragraphs(section.blocks) if p.field == "summary"), None)
    heading = plain(section.title)
    if summary is not None and fits_title(plain(summary.text), ctx):
        heading = plain(summary.text)
    trials = _trials(ctx)
    header = tuple(ctx.words(k) for k in ("table_trial", "table_arms", "table_result"))
    rows = tuple(
        (
            f"{plain(s.short_name)} ({s.year})",
            "; ".join(f"{arm_label(a, ctx)}: {a.n}" for a in sorted(s.arms, key=lambda a: not a.treated)),
            plain(s.conclusion.text),
        )
        for s in trials
    )
    alt = " ".join(sentence(" ".join(row)) for row in rows)
    visual = TableDraft(header, rows, f"{heading} {alt}") if rows else None
    cites = tuple(dict.fromkeys(c for s in trials for c in s.conclusion.cites))
    spoken = _spoken(section, ctx)
    return [Draft(heading, ((Page((Block((), spoken.notes, cites),), visual=visual),),))]


# --- icon arrays -----------------------------------------------------------------------------


def _arrays(section: b.Section, ctx: Context) -> list[Draft]:
    """One slide per icon array. The first array a chance caveat applies to shows and says it
    (with how to read the figures); the others show their arrays alone, across the slide. The
    notes say the numbers, the trial's design before its first array and its conclusion after
    its last."""
    risks = {id(a) for a in _risk_arrays(ctx)}
    arrays = [x for x in section.blocks if isinstance(x, b.IconArray) and id(x) not in risks]
    studies = {s.id: s for s in ctx.outline.kb.studies}
    caveat_at = next((i for i, a in enumerate(arrays) if a.chance), None)
    extras = {i: [f for f in found if not foreign(f, ctx)] for i, found in _findings_by_array(arrays, studies).items()}
    found = []
    for index, array in enumerate(arrays):
        arms = tuple(
            IconArmDraft(ctx.words("icon_arm", arm=arm_name(a, ctx), n=a.filled), a.filled) for a in array.arms
        )
        study = studies.get(array.study)
        first = index == 0 or arrays[index - 1].study != array.study
        last = index == len(arrays) - 1 or arrays[index + 1].study != array.study
        opening = [] if study is None else trial_said(study, ctx)
        # How to read the figures comes before the numbers it explains (issue 20, sixth round).
        reading = [sentence(array.caption.split(". ")[0])] if index == caveat_at else []
        if index == caveat_at:
            caveat = [sentence(array.chance)]
        else:
            caveat = [sentence(ctx.words("deck_array_chance_again"))] if array.chance else []
        own, wider = own_and_wider(extras.get(index, []), study)
        notes: list[str] = []
        for opened in dict.fromkeys((first and bool(opening), False)):  # the design did not fit: name the trial
            notes = within(
                ctx.layout.talk.notes_words[1],
                said=[*reading, array_said(array, study, ctx, sizes=first, opened=opened), *caveat],
                before=opening if first else [],
                after=[sentence(notes_for(f, ctx.outline.audience) or f.text) for f in own],
                closing=[
                    *([sentence(study.conclusion.text)] if last and study is not None else []),
                    *(sentence(notes_for(f, ctx.outline.audience) or f.text) for f in wider),
                ],
            )
            if not opened or opening[0] in notes:
                break
        spoken = (" ".join(notes),)
        told_wider = [f for f in wider if sentence(notes_for(f, ctx.outline.audience) or f.text) in notes]
        cites = tuple(dict.fromkeys([*array.cites, *(c for f in told_wider for c in f.cites)]))
        if index == caveat_at:
            text = Block((Para(runs(array.chance), style="plain"),), spoken, cites)
            page = Page((text,), visual=IconsDraft(arms, array.alt))
        else:
            page = Page((Block((), spoken, cites),), visual=IconsDraft(arms, array.alt, beside=False))
        found.append(Draft(array_title(array, study, ctx), ((page,),)))
    return found


def _risk_arrays(ctx: Context) -> list[b.IconArray]:
    """The icon arrays the risks script quotes (every arm's count and group size is a number in
    the safety topic's ``talk``): shown on the risks slide, not among the trials' results."""
    safety = ctx.outline.kb.topic("safety")
    quoted = set(_DIGITS.findall(plain(safety.talk))) if safety is not None and safety.talk else set()
    arrays = [x for s in ctx.outline.sections if not s.backup for x in s.blocks if isinstance(x, b.IconArray)]
    return [a for a in arrays if quoted and all({str(m.events), str(m.of)} <= quoted for m in a.arms)]


def _risks(section: b.Section, ctx: Context) -> list[Draft]:
    """The risks: the summary, and what the arrays count (their heading, in bold), beside the icon
    array of the harm the script counts (if any)."""
    arrays = _risk_arrays(ctx)
    if not arrays:
        return _summary(section, ctx)
    array = arrays[0]
    arms = tuple(IconArmDraft(ctx.words("icon_arm", arm=arm_name(a, ctx), n=a.filled), a.filled) for a in array.arms)
    what = Block((Para(runs(_risk_label(array, ctx), bold=True), style="plain"),), (), array.cites)
    summary = next((p for p in paragraphs(section.blocks) if p.field == "summary"), None)
    if summary is None:
        return _summary(section, ctx)
    # The array shows the counts: the slide keeps the summary's sentences before its first
    # number, and the notes say the rest (the counts and their caveat) after the script, so the
    # plan's words all reach the deck.
    parts = sentences(summary.text)
    cut = next((i for i, t in enumerate(parts) if _DIGITS.search(plain(t))), len(parts))
    words_only, counted = parts[:cut], parts[cut:]
    text = Block((Para(runs(" ".join(words_only) or summary.text), style="plain"),), (), summary.cites)
    spoken = _spoken(section, ctx)
    if words_only:
        script = " ".join(spoken.notes)
        unsaid = [sentence(plain(t)) for t in counted if not _recounts(t, array) and plain(t) not in script]
        spoken = replace(spoken, notes=(" ".join([*spoken.notes, *unsaid]),))
    blocks = [text, what, spoken]
    page = Page(tuple(blocks), visual=IconsDraft(arms, array.alt))
    return [Draft(plain(section.title), ((page,),))]


def _risk_label(array: b.IconArray, ctx: Context) -> str:
    """What the risks slide's icon array counts, in plain words ("Serious health problems:
    Canadian trial, over 48 weeks (the groups had 49 and 55 people)", the group sizes shown, not
    said again) rather than the trial's term ("Had a serious adverse event"):
    the arrays ``_risk_arrays`` finds are the serious harms the safety script counts."""
    study = next((s for s in ctx.outline.kb.studies if s.id == array.study), None)
    if study is None:
        return plain(array.heading)
    outcome = next((o for o in study.outcomes if o.id == array.outcome), None)
    when = ctx.words("deck_array_when", timeframe=plain(outcome.timeframe)) if outcome and outcome.timeframe else ""
    sizes = ctx.words("icon_groups_and").join(str(arm.of) for arm in array.arms)
    return ctx.words("deck_risk_counted", study=plain(study.short_name), when=when) + ctx.words(
        "icon_groups", sizes=sizes
    )


def _recounts(text: str, array: b.IconArray) -> bool:
    """Whether a sentence of the risks summary says the array's counts again ("... (5 of 49) ...
    (1 of 55)"): the script (``_risk_arrays``) already says every one, so the notes say them once
    (issue 20, fourth trial, point 2)."""
    found = set(_DIGITS.findall(plain(text)))
    return all({str(m.events), str(m.of)} <= found for m in array.arms)


def _findings_by_array(arrays: list[b.IconArray], studies: dict[str, Study]) -> dict[int, list[Statement]]:
    """The findings of each array's trial that the arrays do not already show (none of their
    numbers is a number of the arrays), shared out over the trial's arrays after its first (which
    says the design): what the presenter adds while the figures are on screen."""
    shared: dict[int, list[Statement]] = {}
    for study_id in dict.fromkeys(a.study for a in arrays):
        at = [i for i, a in enumerate(arrays) if a.study == study_id]
        study = studies.get(study_id)
        if study is None:
            continue
        shown = {str(n) for i in at for arm in arrays[i].arms for n in (arm.filled, arm.events, arm.of)}
        extra = [f for f in study.findings if not shown & set(_DIGITS.findall(plain(f.text)))]
        later = at[1:] or at
        for k, finding in enumerate(extra):
            shared.setdefault(later[k % len(later)], []).append(finding)
    return shared


# --- the three options -----------------------------------------------------------------------


def _options(section: b.Section, ctx: Context) -> list[Draft]:
    """The options the plan gives (the leaflets' three, ``compared`` in the contents), each
    named; under current care, the options that are part of it."""
    blocks = []
    details = [d for d in section.blocks if isinstance(d, b.OptionDetail)]
    for index, detail in enumerate(details):
        paras = [Para(runs(detail.name), style="bullet")]
        paras += [Para(runs(name), level=1) for name in detail.parts]
        spoken = option_said(detail, index, index == len(details) - 1 and index > 1, ctx)
        blocks.append(Block(tuple(paras), (spoken,), cited((detail.summary, *detail.benefits[:1], *detail.harms[:1]))))
    return [Draft(plain(section.title), ((Page(tuple(blocks)),),))]


# --- questions to ask ------------------------------------------------------------------------


def _questions(section: b.Section, ctx: Context) -> list[Draft]:
    """One question from each group (the contents' ``per_group``), all shown when they fit twice
    the slide's word budget (a slide of questions is its own body: issue 20 point 6 asks for the
    three the notes read), else as many as fit it; the notes introduce them, then ask every one."""
    block = next(x for x in section.blocks if isinstance(x, b.Questions))
    items = [q for g in block.groups for q in g.items]
    budget = QUESTION_BUDGET * ctx.layout.talk.body_words
    on = {id(q) for q in fit(items, budget, ctx.essential)}
    shown = [Block((Para(runs(q.text), style="bullet"),) if id(q) in on else (), (said(q),), q.cites) for q in items]
    lead = (sentence(ctx.words("deck_questions_said")),)
    return [Draft(plain(section.title), ((Page(tuple(shown)),),), lead_notes=lead)]


WITH_SOURCES_WORDS = 200
"""Most words a main slide's notes may run to with their "Sources:" line (issue 20, sixth round:
60 to 180 spoken, at most 200 with the line a presenter glances at)."""


def _sources_words(paras: list[b.Paragraph], ctx: Context) -> int:
    """Words of the "Sources:" line naming every reference ``paras`` cite ("[7] Traboulsee AL et
    al., 2018;"), its label included."""
    cites = dict.fromkeys(c for p in paras for c in p.cites)
    return 1 + sum(1 + words(ctx.sources.short(c)) for c in cites)


def _take_home(section: b.Section, ctx: Context) -> list[Draft]:
    """The messages to take home, in the main talk before Questions (issue 20, fourth trial,
    point 7): each key point's first sentence shown as a bullet (as many as fit
    ``QUESTION_BUDGET`` times ``talk.body_words``: the points are the slide), and the notes say the points
    after a lead-in (label ``deck_take_home_said``), in full while they fit ``talk.notes_words``
    (``patient_said.take_home_said``; a point resting on another country's body by its first sentence only,
    ``patient_said.foreign``); the backup's take-home slide shows every point in full. A sentence the talk
    has already said is dropped by the planner, as everywhere in the talk proper."""
    points = paragraphs(section.blocks)
    lead = (sentence(ctx.words("deck_take_home_said")),)
    limit = min(ctx.layout.talk.notes_words[1], WITH_SOURCES_WORDS - _sources_words(points, ctx)) - words(lead[0])
    said = take_home_said([whole(plain(p.text))[: 1 if foreign(p, ctx) else None] for p in points], limit)
    firsts = [replace(p, text=whole(p.text)[0]) for p in points]
    on = {id(p) for p in fit(firsts, QUESTION_BUDGET * ctx.layout.talk.body_words, ctx.essential)}
    shown = [
        Block((Para(runs(p.text), style="bullet"),) if id(p) in on else (), (text,), cites)
        for p, text, cites in zip(
            firsts, said, [own_cites(p, ctx) if foreign(p, ctx) else p.cites for p in points], strict=True
        )
    ]
    return [Draft(plain(section.title), ((Page(tuple(shown)),),), lead_notes=lead)] if shown else []


QUESTION_BUDGET = 2
"""Times ``talk.body_words`` the questions and take-home slides may show: their questions and
points are the whole slide."""

_BY_NAME: dict[str, PatientBuilder] = {
    "cover": _cover,
    "intervention": _what_it_is,
    "diagram": _no_slide,
    "evidence": _verdict,
    "icon_arrays": _arrays,
    "options": _options,
    "questions": _questions,
    "safety": _risks,
    "take_home": _take_home,
    "warning_signs": _urgent_help,
}
"""The patient talk's own builders, by outline section name (main sections only)."""
