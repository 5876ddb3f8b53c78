"""Speaker notes as a script read aloud: sentences said once, words counted, the talk timed.

In: the planned slides (``spec.SlideSpec``, notes as text: spoken lines, then at most one closing
"Sources:" line) and the layout's ``talk`` numbers. Out: the same slides with every sentence
said once in the deck (a later repeat is dropped), and the first slide's notes saying how long
the main section takes to read aloud, computed from the notes' own word count. ``leafdeck check
--outputs`` reads the notes back from the PPTX with the same functions (OUT-010, OUT-011).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from leafdeck.plan.spoken import without_unsaid_brackets
from leafdeck.render.deck.spec import SlideSpec

_SENTENCE_END = re.compile(r"(?<=[.!?…])([)\]”»\"'’]*)\s+(?=[A-Z0-9“\"‘¿¡ÁÉÍÓÚÀÈÊÇÑ])")
"""The space between two sentences; the closing brackets and quotes before it (group 1) end the
first sentence, so a quoted question ("ask “Is CCSVI real?” On ...") keeps its closing quote."""
MIN_REPEATED_WORDS = 4
"""A sentence shorter than this ("No.", "Thank you.") may recur without counting as a repeat."""


def spoken(notes: str, sources_label: str) -> str:
    """The part of ``notes`` a presenter reads aloud: every line but a closing one starting with
    ``sources_label`` (the "Sources:" line names references; it is not said)."""
    lines = notes.split("\n")
    if lines and sources_label and lines[-1].startswith(sources_label):
        lines = lines[:-1]
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (at a full stop, question or exclamation mark followed by a
    space and a capital, digit or opening quote; and at line breaks)."""
    found = []
    for line in text.split("\n"):
        found += [s.strip() for s in _SENTENCE_END.sub("\\1\n", line).split("\n") if s.strip()]
    return found


_ALNUM = re.compile(r"[^\W_]")
r"""A letter or digit: ``\w`` is exactly ``str.isalnum`` plus the underscore."""


def words(text: str) -> int:
    """Words in ``text`` as a listener hears them (tokens with a letter or digit)."""
    return sum(1 for token in text.split() if _ALNUM.search(token))


def key(sentence: str) -> str:
    """What makes two sentences the same: their words, case and spacing aside."""
    return " ".join(sentence.casefold().split())


def repeated(sentence: str) -> bool:
    """Whether ``sentence`` is long enough for a repeat of it to count (``MIN_REPEATED_WORDS``)."""
    return words(sentence) >= MIN_REPEATED_WORDS


def said_once(slides: Sequence[SlideSpec], sources_label: str) -> list[SlideSpec]:
    """``slides`` with each sentence of the spoken notes said only where it first comes in its
    section, in deck order; a slide left with nothing new to say has its title as its notes, ending
    as a sentence (``sentence_of``; titles are unique, OUT-007). The talk proper and the backup section are heard apart (issue
    20 point 8): a backup slide is shown only to answer a question, so its notes say its findings
    in full even when the talk already said them, rather than being left near empty."""
    heard_in: dict[str, set[str]] = {}
    kept = []
    for slide in slides:
        heard = heard_in.setdefault(slide.section, set())
        talk = spoken(slide.notes, sources_label)
        tail = slide.notes[len(talk) :]
        lines = []
        for line in talk.split("\n"):
            fresh = []
            for sentence in sentences(line):  # one at a time: a repeat within a line counts too
                if repeated(sentence) and key(sentence) in heard:
                    continue
                fresh.append(sentence)
                if repeated(sentence):
                    heard.add(key(sentence))
            if fresh:
                lines.append(" ".join(fresh))
        said = "\n".join(lines) or sentence_of(slide.title)
        kept.append(replace(slide, notes=said + tail))
    return kept


SAID_FORMS = ("equals", "less_than", "versus", "of")
"""The words ``aloud`` needs, by name (labels ``deck_said_<name>``)."""


def aloud(slides: Sequence[SlideSpec], sources_label: str, forms: dict[str, str]) -> list[SlideSpec]:
    """``slides`` with the spoken part of their notes in the words a presenter says (issue 20
    point 2): "p=0.49" as "p equals 0.49", "p<0.0001" as "p less than 0.0001", "n=115" as
    "n equals 115", "vs" as "versus", "5/49" as "5 of 49", in the language's ``forms`` (keys
    ``SAID_FORMS``), and without a bracketed year, acronym or code ("the FDA (2012)", "(IPG640)",
    ``spoken.without_unsaid_brackets``). The closing "Sources:" line is left as it is."""
    rules = (
        (re.compile(r"\b([pn])\s*=\s*(?=[\d.,])"), rf"\1 {forms['equals']} "),
        (re.compile(r"\bp\s*<\s*(?=[\d.,])"), f"p {forms['less_than']} "),
        (re.compile(r"\bvs\b\.?"), forms["versus"]),
        (re.compile(r"(?<![\d/.,])(\d+)/(\d+)(?![\d/])"), rf"\1 {forms['of']} \2"),
    )
    changed = []
    for slide in slides:
        talk = without_unsaid_brackets(spoken(slide.notes, sources_label))
        for pattern, replacement in rules:
            talk = pattern.sub(replacement, talk)
        changed.append(replace(slide, notes=talk + slide.notes[len(spoken(slide.notes, sources_label)) :]))
    return changed


def sentence_of(title: str) -> str:
    """A slide's ``title`` as the notes of a slide with nothing new to say: ending as a sentence."""
    return title if title.rstrip(")]”»\"'’").endswith((".", "?", "!", "…")) else f"{title}."


def main_slides(slides: Sequence[SlideSpec]) -> list[SlideSpec]:
    """The talk proper: the slides of the deck's first section (before any backup)."""
    return [s for s in slides if s.section == slides[0].section] if slides else []


def minutes(word_count: int, words_per_minute: int) -> int:
    """Reading time in whole minutes (rounded half up) of ``word_count`` words."""
    return int(word_count / words_per_minute + 0.5)


def timed(slides: Sequence[SlideSpec], sources_label: str, words_per_minute: int, template: str) -> list[SlideSpec]:
    """``slides`` with the first one's notes ending (before its "Sources:" line) with ``template``
    filled in: ``{minutes}`` (the main section's spoken words at ``words_per_minute``, this
    sentence included), ``{words}``, ``{slides}`` and ``{rate}``."""
    if not slides:
        return list(slides)
    main = main_slides(slides)
    counted = sum(words(spoken(s.notes, sources_label)) for s in main)
    said = ""
    for _ in range(3):  # the sentence counts itself; its own length settles at once
        total = counted + words(said)
        said = template.format(
            minutes=minutes(total, words_per_minute), words=total, slides=len(main), rate=words_per_minute
        )
    first = slides[0]
    talk = spoken(first.notes, sources_label)
    notes = f"{talk}\n{said}{first.notes[len(talk) :]}"
    return [replace(first, notes=notes), *slides[1:]]
