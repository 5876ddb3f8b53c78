"""The patient talk's spoken sentences (issue 20, fourth trial), as plain strings: a trial's
opening and each result of its icon arrays said as a finding, the options compared, the
take-home points within the notes' budget; one plain name for every trial's treated group.

In: the plan's blocks and the knowledge base's studies, with the talk's ``Context`` (its labels
and layout). Out: sentences for ``patient.py`` to put in the notes. Imports no rendering library.
"""

from __future__ import annotations

import re

from leafdeck.model import Statement, Study
from leafdeck.model.trials import Arm
from leafdeck.plan import blocks as b
from leafdeck.render.deck.charts import ordered_arms
from leafdeck.render.deck.script import sentences, words
from leafdeck.render.deck.sections import Context, plain, sentence
from leafdeck.render.deck.talk import said
from leafdeck.render.deck.talk_studies import groups_said, lowered

BRACKETS = re.compile(r"\s*\([^()]*\)")


def within(limit: int, *, said: list[str], before: list[str], after: list[str], closing: list[str]) -> list[str]:
    """An icon array slide's notes in speaking order (the trial's design, the numbers and any
    caveat, further findings, the conclusion) within ``limit`` words (the layout's
    ``talk.notes_words``): the numbers and caveat always; then the conclusion, the design and
    the findings while they fit (the backup's trial slides say the rest)."""
    kept: set[int] = set()
    order = [*before, *said, *after, *closing]
    first_after = len(before) + len(said)
    priority = [*range(len(before), first_after), *range(len(order) - len(closing), len(order))]
    priority += [*range(len(before)), *range(first_after, len(order) - len(closing))]
    used = 0
    for i in priority:
        count = words(order[i])
        if i in range(len(before), first_after) or used + count <= limit:
            kept.add(i)
            used += count
    return [text for i, text in enumerate(order) if i in kept]


def array_said(array: b.IconArray, study: Study | None, ctx: Context, *, sizes: bool, opened: bool = False) -> str:
    """An icon array's finding as spoken sentences (issue 20, fourth trial, point 1), never a
    chart label read out nor the group sizes said twice: "In the Brave Dreams trial, over 12
    months, about 42 in every 100 people in the real procedure group improved on a combined
    function test, against about 49 in 100 in the sham procedure group. The groups had 76 and 39
    people. In real numbers, that is 32 against 19." The group sizes are said once a trial
    (``sizes``: its first result), in the words of the array's heading; later results say "In
    real numbers, that is 5 against 6.". The outcome's label is said as what the people did (its
    brackets as a clause). Right after the trial's opening (``opened``), which names the trial
    and its time, the result does not name them again (``deck_array_result_opened``). Labels
    ``deck_array_result``, ``deck_array_counts``,
    ``deck_array_counts_again``, ``deck_array_versus``, ``deck_array_over``."""
    outcome = next((o for o in study.outcomes if o.id == array.outcome), None) if study is not None else None
    label = plain(outcome.label) if outcome is not None else plain(array.heading)
    did = BRACKETS.sub(lambda m: ", " + m.group(0).strip()[1:-1], lowered(label)).strip()
    name = plain(study.short_name) if study is not None else ""
    over = ctx.words("deck_array_over", timeframe=plain(outcome.timeframe)) if outcome and outcome.timeframe else ""
    against = ctx.words("deck_against")
    first, *others = (
        ctx.words(
            "deck_array_first_arm" if i == 0 else "deck_array_other_arm", n=a.filled, arm=lowered(arm_name(a, ctx))
        )
        for i, a in enumerate(array.arms)
    )
    groups = groups_said(array, ctx).rstrip(".")
    events = ctx.words("deck_array_versus").join(str(a.events) for a in array.arms)
    key = "deck_array_result_opened" if opened else "deck_array_result"
    result = DOUBLED.sub(
        r"\1", ctx.words(key, study=name, over=over, first=first, did=did, others=against.join(others))
    )
    if sizes:
        counts = ctx.words("deck_array_counts", groups=groups, events=events)
    else:
        counts = ctx.words("deck_array_counts_again", events=events)
    return " ".join([sentence(result[:1].upper() + result[1:]), sentence(counts)])


DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


def arm_name(arm: b.IconArm, ctx: Context) -> str:
    """An arm's name in the patient talk: the treated arm of every trial by one plain name
    (label ``deck_real_procedure``: "Real procedure", never "Venous angioplasty" in one trial and
    "Venoplasty" in the next; issue 20, fourth trial, point 8), any other arm by its own label."""
    return ctx.words("deck_real_procedure") if arm.treated else plain(arm.label)


def trial_said(study: Study, ctx: Context) -> list[str]:
    """How a trial was run, in the patient talk's arm names and with one number, the people
    taking part, said once (in the population's sentence): "The Canadian trial put the people
    taking part into the real procedure group or the sham procedure group at random, and followed
    them for 48 weeks. Those taking part were 104 people with ..." (labels
    ``deck_patient_trial_put``, ``deck_trial_group``, ``deck_trial_groups_join``,
    ``deck_trial_name``, ``deck_trial_follow``, ``deck_trial_people``)."""
    arms = ordered_arms(study)
    if not arms:
        return []
    groups = ctx.words("deck_trial_groups_join").join(
        ctx.words("deck_trial_group", label=lowered(arm_label(a, ctx))) for a in arms
    )
    follow = ctx.words("deck_trial_follow", follow_up=plain(study.follow_up)) if study.follow_up else ""
    name = DOUBLED.sub(r"\1", ctx.words("deck_trial_name", study=plain(study.short_name)))
    put = ctx.words("deck_patient_trial_put", trial=name[:1].upper() + name[1:], groups=groups, follow=follow)
    found = [sentence(put)]
    if study.population:
        found.append(sentence(ctx.words("deck_trial_people", population=lowered(study.population).rstrip("."))))
    return found


def arm_label(arm: Arm, ctx: Context) -> str:
    """A trial arm's name in the verdict table: ``arm_name``'s one name for every treated arm."""
    return ctx.words("deck_real_procedure") if arm.treated else plain(arm.label)


def option_said(detail: b.OptionDetail, index: int, last: bool, ctx: Context) -> str:
    """One option said so that the options compare (issue 20, fourth trial, point 3): "One option
    is to have the procedure outside a trial. No benefit ... was found .... But the FDA learned of
    ...", then "Another option is to ...", "The last option is to ..."; its first benefit and the
    first sentence of its first harm (the leaflets' most important ones; the backup's option
    slides say the rest) and, for current care, what it includes in one list ("It includes
    disease-modifying therapies, treatment for relapses and symptoms, and rehabilitation and
    healthy living."). Names are said without their brackets ("(DMTs)", "(not an approved use)").
    Labels ``deck_option_first``, ``deck_option_other``, ``deck_option_last``, ``deck_option_but``,
    ``deck_option_parts`` and ``deck_list_last``."""
    name = BRACKETS.sub("", lowered(detail.name)).strip()
    benefit = said(detail.benefits[0]) if detail.benefits else said(detail.summary)
    key = "deck_option_first" if index == 0 else "deck_option_last" if last else "deck_option_other"
    found = [ctx.words(key, name=name, said=benefit)]
    if detail.harms:
        found.append(ctx.words("deck_option_but", said=lowered(sentences(said(detail.harms[0]))[0])))
    if detail.parts:
        names = [BRACKETS.sub("", lowered(plain(n))).strip() for n in detail.parts]
        joined = ", ".join(names[:-1]) + ctx.words("deck_list_last") + names[-1] if len(names) > 1 else names[0]
        found.append(ctx.words("deck_option_parts", parts=joined))
    return " ".join(found)


ABBREVIATION = re.compile(r"\b[A-Z]{1,3}\.$")
ABBREVIATED = re.compile(r"[A-Z]{1,3}\.")


def whole(text: str) -> list[str]:
    """``text``'s sentences (``script.sentences``), a break between two abbreviations in
    capitals undone ("EE. UU." in "la agencia de medicamentos de EE. UU." is one sentence, not
    two)."""
    found: list[str] = []
    for part in sentences(text):
        if found and ABBREVIATION.search(found[-1]) and ABBREVIATED.match(part):
            found[-1] = f"{found[-1]} {part}"
        else:
            found.append(part)
    return found


def foreign(para: b.Paragraph | Statement, ctx: Context) -> bool:
    """Whether ``para`` rests on another country's body (it cites a reference marked
    ``countries:`` without the clinic's country, kept because its text names it, as in "England's
    NICE says ..."): the main talk then says only its first sentence, and the backup's take-home
    slide the rest (issue 20 point 5: a US patient talk names no English body in its main part)."""
    return not _foreign_ids(ctx).isdisjoint(para.cites)


def own_cites(para: b.Paragraph, ctx: Context) -> tuple[str, ...]:
    """``para``'s citations less the references marked for other countries, for a point the main
    talk says by its first sentence only (``foreign``): the sentence naming that body is left to
    the backup, so its Sources line must not cite it either (trial 20g: a US take-home slide cited
    NICE without naming it)."""
    elsewhere = _foreign_ids(ctx)
    return tuple(c for c in para.cites if c not in elsewhere)


def _foreign_ids(ctx: Context) -> frozenset[str]:
    """The references marked ``countries:`` without the clinic's country."""
    country = ctx.clinic.country or "international"
    return frozenset(r.id for r in ctx.outline.kb.references if r.countries and country not in r.countries)


def take_home_said(points: list[list[str]], limit: int) -> list[str]:
    """What the take-home slide says of each point within ``limit`` words (the layout's
    ``talk.notes_words``, less the Sources line): every point's first sentence (the one it
    shows), then further sentences in rounds, each point's second sentence before any point's
    third, while they fit (issue 20, sixth round: the last points' practical advice, "Keep
    taking your MS treatment ...", is not crowded out by the first point's detail)."""
    used = sum(words(p[0]) for p in points if p)
    kept = [parts[:1] for parts in points]
    for depth in range(1, max((len(p) for p in points), default=0)):
        for index, parts in enumerate(points):
            if depth < len(parts) and len(kept[index]) == depth and used + words(parts[depth]) <= limit:
                kept[index].append(parts[depth])
                used += words(parts[depth])
    return [" ".join(sentence(t) for t in texts) for texts in kept]


def own_regulator(ctx: Context) -> list[Statement]:
    """What the clinic country's own regulator advises, said after the notice (which names the US
    FDA's approval; issue 20, fifth round: a UK talk names the UK context too): the regulation
    topic's first statement for every country that cites a reference marked for the clinic's
    country, said as its ``notes`` (else its text: "Here in the UK, England's NICE now advises
    ..."); none elsewhere. Said only while the slide's notes stay within ``talk.notes_words``."""
    topic = ctx.outline.kb.topic("regulation")
    country = ctx.clinic.country
    if topic is None or not country:
        return []
    marked = {r.id: r.countries for r in ctx.outline.kb.references if r.countries}
    own = [s for s in topic.statements if not s.countries and any(country in marked.get(c, ()) for c in s.cites)]
    return own[:1]


def own_and_wider(findings: list[Statement], study: Study | None) -> tuple[list[Statement], list[Statement]]:
    """``findings`` split into the trial's own (citing only the trial's references) and those
    that weigh it against wider evidence (citing another source, as NICE's review): the wider
    ones are said after the authors' conclusion, so that the authors' "safe" and NICE's "not
    safe" are heard in order, the second explaining the first (issue 20, sixth round, point 1)."""
    if study is None:
        return findings, []
    mine = set(study.cites)
    own = [f for f in findings if set(f.cites) <= mine]
    return own, [f for f in findings if not set(f.cites) <= mine]
