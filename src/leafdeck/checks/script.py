"""A talk's speaker notes read back as the script a presenter reads aloud (OUT-010, OUT-011).

In: the slides of a built deck (``readers.SlideFacts``: notes, PowerPoint section), the deck
layout's ``talk`` numbers (``words_per_minute``, ``notes_words``, ``minutes``; their sources are
stated in ``layouts/deck-base.yaml``) and the language's "Sources:" label. Out: messages, one per
finding, saying where (slide number and title) and what to change. The words are counted as
``render/deck/script`` counts them when it times the talk on the first slide.

- OUT-010: each slide of the talk proper (the deck's first section) has ``notes_words`` spoken
  words (the closing "Sources:" line is not said) and no citation text in them (a reference
  number, "et al.", a DOI, PMID or NCT number, a journal and year, an author and year), and no sentence of four words or more is said twice in the
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


_JOURNAL = r"(?:Lancet(?: Neurol)?|JAMA(?: Neurol(?:ogy)?)?|Neurology|BMJ(?: Open)?|CMAJ|NEJM|N Engl J Med|JNNP|Ann Neurol|Mult Scler)"
_YEAR = r"(?:19|20)\d\d"
_CITATION = re.compile(
    rf"\[\d+\]|\bet al\b|\bdoi:|\bPMID\b|\bPMC\d|\bNCT\d{{6,}}"
    rf"|\b{_JOURNAL},? {_YEAR}\b|\({_JOURNAL}\)"
    rf"|\([A-Z][\w'-]+ (?:and colleagues|et al\.?),? (?:[A-Z]\w* )?{_YEAR}\)"
)
"""Citation text: a reference number, "et al.", a DOI, PubMed or trial-registry id (NCT), a
journal with its year ("Lancet 2014"), a journal in brackets ("(Lancet)"), or an author and year
in brackets ("(Traboulsee and colleagues, 2018)")."""
_SURNAME = re.compile(r"\]\s*([A-Z][\w'-]+) [A-Z]{1,3}\b")
"""A first author's surname on a "Sources:" line ("[4] Traboulsee AL et al., 2014")."""


def _author_year(surnames: set[str]) -> re.Pattern[str] | None:
    """An author named with a year, as a citation is written ("Zamboni 2009", "(Traboulsee and
    colleagues, Lancet 2014)"): one of ``surnames``, then within a few words a year."""
    if not surnames:
        return None
    names = "|".join(sorted(map(re.escape, surnames)))
    return re.compile(rf"\b(?:{names})(?: and colleagues)?,? (?:\(?[A-Z][\w ]{{0,20}}\s)?\(?{_YEAR}\b")


def cited_authors(slides: Sequence[Said], sources: str) -> set[str]:
    """The first authors' surnames the deck's "Sources:" lines name."""
    found: set[str] = set()
    for slide in slides:
        tail = slide.notes[len(spoken(slide.notes, sources)) :]
        found |= set(_SURNAME.findall(tail))
    return found


def citations(slides: Sequence[Said], sources: str) -> list[str]:
    """OUT-010: a main slide whose spoken notes carry citation text (the "Sources:" line may)."""
    found = []
    author_year = _author_year(cited_authors(slides, sources))
    for slide in _main(slides):
        said = spoken(slide.notes, sources)
        hit = _CITATION.search(said) or (author_year.search(said) if author_year else None)
        if hit:
            found.append(
                f"{_name(slide)}: its spoken notes cite (“{hit.group(0)}”); references belong on the slide's "
                'source line and the notes\' closing "Sources:" line'
            )
    return found


def repeats(slides: Sequence[Said], sources: str) -> list[str]:
    """OUT-010: a sentence said again on a later slide of its section (or twice on one): the
    backup section, shown only to answer questions, may say again what the talk proper said."""
    first: dict[tuple[str, str], int] = {}
    found = []
    for slide in slides:
        for said in sentences(spoken(slide.notes, sources)):
            if not repeated(said):
                continue
            if (slide.section, key(said)) in first:
                at = first[(slide.section, key(said))]
                found.append(f"{_name(slide)}: the notes repeat “{said[:80]}” (said on slide {at})")
            else:
                first[(slide.section, key(said))] = slide.number
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
