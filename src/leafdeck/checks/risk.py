"""Risk communication in patient text: natural frequencies, numbers beside risk words,
absolute numbers beside relative ones, and no bare percentages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from leafdeck.checks.content import Source, prose
from leafdeck.checks.core import at, finding
from leafdeck.checks.readability import sentences
from leafdeck.checks.settings import Risk
from leafdeck.errors import Problem
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select


def check(source: Source) -> list[Problem]:
    """RISK-001 to RISK-004 for the audiences the settings name, in every language."""
    settings = source.settings.risk
    found: list[Problem] = []
    for audience in settings.audiences:
        found += _time_frames(source, select(source.kb, audience), audience)
        for lang, kb in source.variants(audience):
            found += _text(source, kb, lang.code, audience, settings)
    return found


def _time_frames(source: Source, kb: KnowledgeBase, audience: str) -> list[Problem]:
    """Outcomes of trials shown to this audience must say over what time they were measured,
    so they can be read as “about N in 100 people over T”; percentages must be 0 to 100."""
    found = []
    for study in kb.studies:
        if study.kind != "randomized_trial":
            continue
        for outcome in study.outcomes:
            loc = (*source.loc(outcome.id), "timeframe")
            if outcome.timeframe is None:
                message = (
                    f"{outcome.id}: no `timeframe`; {audience} outputs show trial results as "
                    "“about N in 100 people over T”"
                )
                found.append(finding("RISK-001", at(source.located, loc), message))
            if outcome.unit == "percent_of_people":
                for value in outcome.values:
                    if not 0 <= value.value <= 100:
                        message = f"{outcome.id}: {value.value:g} is not a percentage of people (0 to 100)"
                        found.append(finding("RISK-001", at(source.located, source.loc(outcome.id)), message))
    return found


def _text(source: Source, kb: KnowledgeBase, language: str, audience: str, settings: Risk) -> list[Problem]:
    lang = language.split("-")[0]
    verbal = [re.compile(p, re.IGNORECASE) for p in settings.verbal.get(lang, ())]
    relative = [re.compile(p, re.IGNORECASE) for p in settings.relative.get(lang, ())]
    absolute = re.compile(settings.absolute, re.IGNORECASE)
    number = re.compile(settings.number, re.IGNORECASE)
    percent = re.compile(settings.percent, re.IGNORECASE)
    found = []
    for piece in prose(kb):
        where = source.where(piece.key, piece.field, language)
        label = f"{audience} ({language}) {piece.key}"
        for sentence in sentences(prose_only(piece.text)):
            word = _first(verbal, sentence)
            if word and not number.search(sentence):
                message = f"{label}: “{word}” with no number in the sentence; say how many, e.g. “about 1 in 100”"
                found.append(finding("RISK-002", where, message))
            phrase = _first(relative, sentence)
            if phrase and not absolute.search(sentence):
                message = (
                    f"{label}: relative risk (“{phrase}”) without absolute numbers such as “5 in 100 vs 10 in 100”"
                )
                found.append(finding("RISK-003", where, message))
            bare = percent.search(sentence)
            if bare:
                message = (
                    f"{label}: a percentage (“{bare.group(0)}”); write a natural frequency, e.g. “about 42 in 100”"
                )
                found.append(finding("RISK-004", where, message))
    return found


def _first(patterns: list[re.Pattern[str]], text: str) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return ""


_ADDRESS = re.compile(
    r"\b[a-z][a-z0-9+.-]*://\S+"  # https://…, with any %20 inside
    r"|\bwww\.\S+"
    r"|\bdoi:\s*10\.\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\S*\w%[0-9A-Fa-f]{2}\S*"  # the rest of a wrapped address: a %-escape inside a word …
    r"|%[0-9A-Fa-f]{2}(?=[^\W\d_])\S*",  # … or starting one (``%20safety``; a percentage is ``%20 of``)
    re.IGNORECASE,
)


def prose_only(text: str, addresses: Iterable[str] = ()) -> str:
    """The text with web and e-mail addresses blanked out, so that only prose is judged: the
    ``%20`` of ``https://www.fda.gov/search?q=CCSVI%20safety`` is not a percentage. Each of
    ``addresses`` (the ones the sources hold) is blanked even where a line break splits it."""
    for address in sorted(set(addresses), key=len, reverse=True):
        if len(address) >= 8:
            pattern = r"\s*".join(re.escape(c) for c in "".join(address.split()))
            text = re.sub(pattern, lambda m: " " * len(m.group(0)), text)
    return _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)


def addresses(kb: KnowledgeBase) -> list[str]:
    """The web addresses an output may print for the knowledge base's references."""
    found = []
    for ref in kb.references:
        if ref.url:
            found.append(str(ref.url))
        if ref.doi:
            found += [f"https://doi.org/{ref.doi}", f"doi:{ref.doi}"]
    return found
