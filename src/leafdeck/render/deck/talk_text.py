"""What a talk slide shows and says: action titles, the body-text budget, and the notes.

In: outline paragraphs (``plan.blocks.Paragraph``) and the ``sections.Context``. Out: titles and
``Block``s. A main slide shows at most ``layout.talk.body_words`` words of body text (the
section's essential paragraphs first, then the others, in reading order), never a paragraph that
only repeats its title; what is not shown is said in the notes. Speaker notes are full sentences:
a paragraph's ``notes`` (else its text) when it is on the slide; its text and then its notes when
it is not. ``script`` then makes the whole deck's notes a script (each sentence said once, timed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from leafdeck.plan import blocks as b
from leafdeck.plan.spoken import has_main_verb, read_not_said
from leafdeck.render.deck.script import sentences
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


def headline(section: b.Section) -> str | None:
    """The section's message as a sentence: its headline, or its one study's."""
    studies = [x.study for x in section.blocks if isinstance(x, b.StudyDetail | b.Chart)]
    found = section.headline or (studies[0].headline if len(studies) == 1 else None)
    return plain(found) if found else None


def short_headline(section: b.Section) -> str | None:
    """The headline's on-screen form (``short_headline``), the section's or its one study's."""
    studies = [x.study for x in section.blocks if isinstance(x, b.StudyDetail | b.Chart)]
    found = section.short_headline or (studies[0].short_headline if len(studies) == 1 else None)
    return plain(found) if found else None


def title(section: b.Section, ctx: Context, fallback: str | None = None) -> str:
    """The action title for clinician talks: the section's headline when it fits the title box at
    the largest title size; else its short on-screen form when given and it fits at the smallest
    (issue 20: a long headline is not shrunk, the notes say it in full, see ``_in_section``);
    else the headline when it fits at the smallest size; else ``fallback`` when given; else the
    section's title."""
    if ctx.layout.talk.clinician_titles:
        sizes = ctx.layout.sizes.title
        found, short = headline(section), short_headline(section)
        for text, size in ((found, sizes[0]), (short, sizes[-1]), (found, sizes[-1])):
            if text and fits_title(text, ctx, size):
                return text
        if fallback:
            return plain(fallback)
    return plain(section.title)


def fits_title(text: str, ctx: Context, size: float | None = None) -> bool:
    """Whether ``text`` fits the title box at ``size`` points (default: the smallest title size)."""
    from leafdeck.render.deck.plan import frame, title_fits  # the planner measures titles the same way

    room = frame(ctx.layout.boxes.title, ctx.layout)
    return title_fits(ctx.measurer, ctx.layout, text, size or ctx.layout.sizes.title[-1], room)


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
    """What the speaker says about a paragraph on the slide: its notes, else its text as it is
    spoken (``spoken_text``)."""
    return sentence(para.notes or voiced(para))


def voiced(para: b.Paragraph) -> str:
    """A paragraph's text as it is spoken (``spoken_text``); in the clinician register (always
    English), a verbless "No ..." line is said as a sentence (``with_verb``)."""
    text = spoken_text(para.text)
    return with_verb(text) if para.field == "clinician" else text


_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|did|does|do|has|have|had|can|could|may|might|should|would|"
    r"differed|improved|changed|showed|found|favoured|favored|worked|helped|reported|occurred)\b",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"\s(?:in|of|at|on|for|between|with|during|after|from|to|versus|vs)\s")


def with_verb(text: str) -> str:
    """``text`` with each verbless English sentence opening "No " said with a verb (issue 20:
    no fragment in the notes): "No serious adverse events in either arm." → "There were no
    serious adverse events in either arm."; "No reduction in mean new lesions." → "There was no
    reduction in mean new lesions." (plural when the noun before the first preposition ends in
    "s"). Other sentences are left as they are."""
    found = []
    for part in sentences(text):
        if part.startswith("No ") and not _VERB.search(part):
            head = _HEAD_END.split(part.rstrip("."), maxsplit=1)[0].split()[-1]
            plural = head.endswith("s") and not head.endswith("ss")
            part = f"There {'were' if plural else 'was'} no {part[3:]}"
        found.append(part)
    return " ".join(found)


def told(para: b.Paragraph) -> str:
    """What the speaker says about a paragraph left off the slide: its text as it is spoken
    (``spoken_text``), then its notes; its notes alone when the text is written to be read, not
    said (``dense``, ``opens_with_label`` as a slide line does, or a fragment without a verb,
    ``spoken.read_not_said``: the notes are then its spoken form, issue 20 point 1), or when the
    notes open as the text does (they restate it in spoken form: "US insurers generally do not pay
    for it. A local Medicare coverage decision ...", issue 20, seventh round)."""
    if para.notes and (
        dense(para.text)
        or opens_with_label(para.text)
        or read_not_said(spoken_text(para.text))
        or _restates(para.notes, voiced(para))
    ):
        return sentence(para.notes)
    return " ".join(sentence(t) for t in (voiced(para), para.notes) if t)


def _restates(notes: str, text: str) -> bool:
    """Whether ``notes`` open with the same sentence as ``text``."""
    first, opening = sentences(notes), sentences(text)
    return bool(first and opening) and first[0].strip() == opening[0].strip()


DENSE_FIGURES = 3
"""Figures in one sentence from which it reads like an abstract ("Of 177 screened, 62 were
ineligible, 47 (26.6%) ..."): a speaker says at most one key number a sentence (issue 20 point 1)."""
_BRACKET = re.compile(r"\s*\(([^()]*)\)")


def spoken_text(text: str) -> str:
    """``text`` as a speaker says it: without its brackets of statistics, those holding two
    figures or more ("(95% CI 0.34–1.68)", "(2023 meta-analysis: OR 3.36, 95% CI 1.92–5.85,
    I² 79%)", "(38/71)"), which the slide, the backup slides and the leaflets keep; a bracket of
    one figure ("(p=0.49)", "(26.6%)") and everything else is said as it is."""
    return _BRACKET.sub(lambda m: m.group(0) if len(_FIGURE.findall(m.group(1))) < 2 else "", plain(text))


_LABEL = re.compile(r"^[A-Z][\w-]*(?: [\w-]+){0,2}: ")
"""A slide line's opening label ("Selection: ", "Technical success: ", "Brave Dreams
under-recruited: "): what follows is a fragment, written to be read."""


def opens_with_label(text: str) -> bool:
    """Whether ``text`` opens with a label of at most three words and a colon."""
    return bool(_LABEL.match(plain(text)))


def dense(text: str) -> bool:
    """Whether ``text`` has a sentence of ``DENSE_FIGURES`` figures or more once its brackets of
    statistics are left out: it is written to be read, not said."""
    return any(len(_FIGURE.findall(s)) >= DENSE_FIGURES for s in sentences(spoken_text(text)))


def cited(paras: Iterable[b.Paragraph]) -> tuple[str, ...]:
    """Reference ids of the paragraphs, once each, in order."""
    return tuple(dict.fromkeys(c for p in paras for c in p.cites))


def repeats_title(text: str, heading: str) -> bool:
    """Whether ``text`` mostly restates ``heading``: it has ``MIN_ECHO_WORDS`` content words or
    more (words of four letters or more, and every number), and at least ``TITLE_ECHO`` of them
    are words of the title (a plural counted as its singular)."""
    said = _content_words(text)
    return len(said) >= MIN_ECHO_WORDS and len(said & _content_words(heading)) >= TITLE_ECHO * len(said)


def repeats_title_facts(text: str, heading: str) -> bool:
    """Whether ``text`` gives again the figures its slide's ``heading`` states (issue 20 point
    2): the title has at least two figures and ``text`` shares ``TITLE_FACTS`` of them (all of
    them when the title has fewer). A figure is a number standing alone ("65" of "1/65", "0.49"),
    never part of a name ("MSQOL-54") nor a continued slide's "(2 of 3)"."""
    stated = figures(heading)
    return len(stated) >= 2 and len(stated & figures(text)) >= min(TITLE_FACTS, len(stated))


TITLE_FACTS = 3
"""Figures of its title that a body line may not repeat together: the title states them, so the
body line says nothing new (a title giving "1/65, 1/46, 1/32" over a body giving the same)."""
_FIGURE = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)?(?![\w-])")
_COUNTER = re.compile(r"\(\d+ \w+ \d+\)\s*$")


def figures(text: str) -> set[str]:
    """The numbers ``text`` states as figures, without a continued slide's closing counter."""
    return set(_FIGURE.findall(_COUNTER.sub("", plain(text))))


TITLE_ECHO = 0.7
"""Share of a paragraph's content words found in the slide title from which the paragraph only
repeats the title (issue 20 point 4): it is said in the notes instead of shown."""
MIN_ECHO_WORDS = 4
"""A shorter paragraph (a table cell, "Death; stroke.") is never taken for an echo of its title."""


def echoes(text: str, heading: str) -> bool:
    """Whether a body line only restates its slide's title: its words (``repeats_title``) or
    its figures (``repeats_title_facts``)."""
    return repeats_title(text, heading) or repeats_title_facts(text, heading)


def _content_words(text: str) -> set[str]:
    words = (t.strip(".,;:!?()[]“”\"'’").casefold() for t in plain(text).split())
    return {w.removesuffix("s") for w in words if len(w) >= 4 or any(c.isdigit() for c in w)}


def shown(
    paras: list[b.Paragraph],
    ctx: Context,
    *,
    backup: bool = False,
    style: ParaStyle | None = None,
    heading: str = "",
) -> list[Block]:
    """Blocks for the paragraphs that fit the budget (all of them on a backup slide), then one
    block saying the rest in the notes. On a main slide, a paragraph that only repeats the slide's
    ``heading`` (its words or its figures, ``echoes``) is said, not shown."""
    fresh = paras if backup else [p for p in paras if not (heading and echoes(p.text, heading))]
    on = paras if backup else fit(fresh, ctx.layout.talk.body_words, ctx.essential)
    chosen: ParaStyle = style or ("bullet" if len(on) > 1 else "plain")
    english = ctx.words.language == "en"
    blocks = listed([Block((Para(runs(p.text), style=chosen),), (said(p),), p.cites) for p in on], english=english)
    kept = {id(p) for p in on}
    if not backup:
        return in_source_order(blocks, on, paras)
    off = [p for p in paras if id(p) not in kept]
    if off:
        blocks.append(notes_only([told(p) for p in off], cited(off), shown=cited(on)))
    return blocks


def in_source_order(blocks: list[Block], on: list[b.Paragraph], paras: list[b.Paragraph]) -> list[Block]:
    """``blocks`` (one for each paragraph ``on`` the slide) with what the paragraphs left off the
    slide say placed where the source has them (issue 20, seventh round: Zamboni's 2009 study is
    introduced before Traboulsee's result, PREMiSe's main result said before its adjusted
    analysis): those before a shown paragraph open its block's notes, the rest close the slide in
    one notes-only block. Their references go to the notes' "Sources:" line, not the slide's."""
    kept, on_slide = {id(p) for p in on}, cited(on)
    placed: list[Block] = []
    waiting: list[b.Paragraph] = []
    shown_blocks = iter(blocks)
    for para in paras:
        if id(para) not in kept:
            waiting.append(para)
            continue
        block = next(shown_blocks)
        if waiting:
            said_cites = tuple(dict.fromkeys((*block.said_cites, *(c for c in cited(waiting) if c not in on_slide))))
            block = replace(block, notes=(*(told(p) for p in waiting), *block.notes), said_cites=said_cites)
            waiting = []
        placed.append(block)
    if waiting:
        placed.append(notes_only([told(p) for p in waiting], cited(waiting), shown=on_slide))
    return placed


LIST_ITEM_WORDS = 8
"""A said paragraph this short, after one ending in a colon, is an item of its list."""


def listed(blocks: list[Block], *, english: bool = True) -> list[Block]:
    """``blocks`` with a list said as one sentence (issue 20 point 2): a block whose notes end in
    a colon ("reported complications included:") takes the notes of the short blocks after it
    (``LIST_ITEM_WORDS``), each without its full stop and in lower case, joined by commas and
    closed by a full stop ("...included: death, stroke, thrombosis."), instead of reading out
    "Death; stroke." as sentences of their own. In ``english`` notes, a longer item without a verb
    of its own is one too (``_item``). A lead shown ending in a colon whose notes do not (they
    sum the list up: "The complications ranged from death and stroke to abdominal bleeding.")
    leaves its items to the slide, unread (issue 20, sixth round). What the slide shows is
    unchanged."""
    merged: list[Block] = []
    lead: int | None = None
    summed = False  # the list's lead says it in its own words: its items are shown, not read out
    for block in blocks:
        said_ = " ".join(block.notes)
        if summed and block.notes and _item(said_, english):
            merged.append(replace(block, notes=()))
            continue
        summed = _sums_up(block)
        if lead is not None and block.notes and _item(said_, english):
            head = merged[lead]
            item = _in_list(said_)
            joined = head.notes[-1] + (" " if head.notes[-1].endswith(":") else ", ") + item
            merged[lead] = replace(head, notes=(*head.notes[:-1], joined))
            merged.append(replace(block, notes=()))
            continue
        if lead is not None:
            _close(merged, lead)
        lead = len(merged) if block.notes and block.notes[-1].rstrip().endswith(":") else None
        merged.append(block)
    if lead is not None:
        _close(merged, lead)
    return merged


def _sums_up(block: Block) -> bool:
    """Whether ``block`` shows a list's lead (its text ends in a colon) but says it otherwise."""
    shown = "".join(r.text for para in block.paras for r in para.runs).rstrip()
    return bool(block.notes) and shown.endswith(":") and not block.notes[-1].rstrip().endswith(":")


LIST_ITEM_MOST_WORDS = 20
"""The longest said paragraph taken for an item of a list when it is one sentence without a
verb of its own ("Damage to nerves that come straight from the brain, and bleeding in the
belly.", ``spoken.has_main_verb``)."""


def _item(said_: str, english: bool) -> bool:
    """Whether a said paragraph, after one ending in a colon, is an item of its list: shorter than
    ``LIST_ITEM_WORDS``, or one sentence of at most ``LIST_ITEM_MOST_WORDS`` words without a verb
    of its own."""
    if word_count(said_) < LIST_ITEM_WORDS:
        return True
    return (
        english
        and word_count(said_) <= LIST_ITEM_MOST_WORDS
        and len(sentences(said_)) == 1
        and not has_main_verb(said_)
    )


def _in_list(text: str) -> str:
    text = text.strip().rstrip(".").replace("; ", ", ")
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _close(blocks: list[Block], at: int) -> None:
    """End the list said at ``blocks[at]`` with a full stop: after its items, or in place of its
    colon when no short item followed (issue 20, fifth round: no spoken line ends in a colon)."""
    last = blocks[at].notes[-1]
    closed = _OPEN_COLON.sub(".", last) if last.rstrip().endswith(":") else last + "."
    blocks[at] = replace(blocks[at], notes=(*blocks[at].notes[:-1], closed))


_OPEN_COLON = re.compile(r"\s*:\s*$")


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


def one(title_text: str, blocks: list[Block], *, sizes: SizeRole = "body") -> list[Draft]:
    """One slide group of ``blocks`` (none when there are none)."""
    kept = tuple(blocks)
    return [Draft(title_text, ((Page(kept),),), sizes)] if kept else []


def reminded(paras: list[b.Paragraph], section: b.Section, ctx: Context) -> list[b.Paragraph]:
    """``paras`` of a main section, each one an earlier main section already showed said as a
    short reminder (issue 20, fifth round: the UK regulation slide shows NICE's advice the notice
    slide said first; its notes say it again, reworded, rather than nothing): its spoken
    first sentence after ``deck_reminder`` ("As I said earlier: NICE's current advice ...").
    A backup section and a paragraph not said before are left as they are."""
    if section.backup:
        return paras
    earlier: set[str] = set()
    for other in ctx.outline.sections:
        if other is section:
            break
        if not other.backup:
            earlier |= {p.item for p in paragraphs(other.blocks) if p.item}
            earlier |= {x.text.item for x in other.blocks if isinstance(x, b.Notice) and x.text.item}
    return [replace(p, notes=_reminder(p, ctx)) if p.item in earlier else p for p in paras]


def _reminder(para: b.Paragraph, ctx: Context) -> str:
    """The reminder of ``para``: its own short ``reminder`` when it has one (label
    ``deck_recalled``; issue 20, seventh round: "As I said earlier, NICE advises against it."),
    else (label ``deck_reminder``) the first
    sentence's main clause of what it says, its reason or second clause left out (issue 20,
    sixth round: a reminder is shorter than what it recalls): "As I said earlier: NICE's current
    advice, IPG640, is that venous angioplasty for CCSVI should not be used."."""
    if para.reminder:
        return ctx.words("deck_recalled", said=sentence(para.reminder))
    notes = said(para)
    first = sentences(notes)[0] if notes else notes
    main = _REASON.split(first, maxsplit=1)[0].rstrip(" .,;")
    return ctx.words("deck_reminder", said=f"{main}." if main else first)


_REASON = re.compile(r"\s*(?:[,;]\s*(?:because|since|parce que|car|porque|ya que)\b|;)\s*", re.IGNORECASE)
"""Where a sentence's reason or second clause starts ("..., because the evidence shows ...",
"...; it replaced ..."), in the talk's languages."""
