"""A talk's speaker notes read back as the script a presenter reads aloud (OUT-010, OUT-011).

In: the slides of a built deck (``readers.SlideFacts``: notes, PowerPoint section), the deck
layout's ``talk`` numbers (``words_per_minute``, ``notes_words``, ``minutes``; their sources are
stated in ``layouts/deck-base.yaml``) and the language's "Sources:" label. Out: messages, one per
finding, saying where (slide number and title) and what to change. The words are counted as
``render/deck/script`` counts them when it times the talk on the first slide.

- OUT-010: each slide of the talk proper (the deck's first section) has ``notes_words`` spoken
  words (the closing "Sources:" line is not said) and no citation text in them (a reference
  number, "et al.", a DOI or PMID), and no sentence of four words or more is said twice in the
  deck.
- OUT-011: the talk proper reads in ``minutes`` at ``words_per_minute``, and the first slide's
  notes state that time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from leafdeck.render.deck.script import key, minutes, repeated, sentences, spoken, words


@dataclass(frozen=True)
class Said:
    """One slide's notes as the check sees them."""

    number: int
    title: str
    notes: str
    section: str = ""


def _main(slides: Sequence[Said]) -> list[Said]:
    return [s for s in slides if s.section == slides[0].section] if slides else []


def _name(slide: Said) -> str:
    return f"slide {slide.number} (“{slide.title[:50]}”)"


def slide_lengths(slides: Sequence[Said], sources: str, low: int, high: int) -> list[str]:
    """OUT-010: a main slide whose spoken notes have fewer than ``low`` or more than ``high`` words."""
    found = []
    for slide in _main(slides):
        count = words(spoken(slide.notes, sources))
        if not low <= count <= high:
            fix = "say more about what the slide shows" if count < low else "move detail to the backup slides"
            found.append(
                f"{_name(slide)}: its speaker notes have {count} spoken words; a main slide's notes "
                f"hold {low} to {high} (talk.notes_words): {fix} in the `notes:` of its items"
            )
    return found


_CITATION = re.compile(r"\[\d+\]|\bet al\b|\bdoi:|\bPMID\b|\bPMC\d")
"""Citation text: a reference number, "et al.", a DOI or PubMed id."""


def citations(slides: Sequence[Said], sources: str) -> list[str]:
    """OUT-010: a main slide whose spoken notes carry citation text (the "Sources:" line may)."""
    found = []
    for slide in _main(slides):
        hit = _CITATION.search(spoken(slide.notes, sources))
        if hit:
            found.append(
                f"{_name(slide)}: its spoken notes cite (“{hit.group(0)}”); references belong on the slide's "
                'source line and the notes\' closing "Sources:" line'
            )
    return found


def repeats(slides: Sequence[Said], sources: str) -> list[str]:
    """OUT-010: a sentence said again on a later slide (or twice on one)."""
    first: dict[str, int] = {}
    found = []
    for slide in slides:
        for said in sentences(spoken(slide.notes, sources)):
            if not repeated(said):
                continue
            if key(said) in first:
                found.append(f"{_name(slide)}: the notes repeat “{said[:80]}” (said on slide {first[key(said)]})")
            else:
                first[key(said)] = slide.number
    return found


def reading_time(slides: Sequence[Said], sources: str, rate: int, low: float, high: float) -> list[str]:
    """OUT-011: the talk proper's notes read aloud outside ``low``-``high`` minutes at ``rate``
    words a minute, or a first slide whose notes do not state that time."""
    main = _main(slides)
    if not main:
        return []
    total = sum(words(spoken(s.notes, sources)) for s in main)
    took = minutes(total, rate)
    found = []
    if not low <= total / rate <= high:
        found.append(
            f"the {len(main)} main slides' notes have {total} spoken words, {total / rate:.1f} minutes at "
            f"{rate} words a minute; the talk proper takes {low:g} to {high:g} minutes (talk.minutes)"
        )
    if not re.search(rf"(?<![\w.,]){took}(?![\w]|[.,]\d)", spoken(main[0].notes, sources)):
        found.append(f"{_name(main[0])}: its notes do not state the talk's reading time ({took} minutes)")
    return found
