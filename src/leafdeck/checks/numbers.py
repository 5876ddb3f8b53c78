"""Numbers in prose that cannot drift from the trial data (NUM-002, NUM-003).

NUM-001 (a ``{reference}`` that names no number) is found by the loader (``read/numbers.py``),
so a build refuses it too. Here:

**NUM-002**: a number written out in English text about a study with structured data (arms)
must be one of that study's numbers. The text checked is the study's own (design, population,
headline, outcome labels and notes, findings, conclusion) and every statement, summary or
caption that cites one of the study's references. A number matches when it is

- an arm size, or the sum of the arm sizes (``n=115``);
- an outcome value, as written or rounded to the places the prose shows (41.7 as ``42``; 48.5
  as ``48`` or ``49``, either way of rounding a half);
- a value's ``events`` or ``of`` (the arm's ``n`` when ``of`` is not given), or the percentage
  ``events / of * 100`` rounded the same way;
- a p-value, as reported (``0.062``; ``<0.0001`` as ``0.0001``);
- for a duration (a number followed by months, weeks, years or days: ``6 months``, ``48-week``,
  both ends of ``6 to 12 months``):
  a number in the study's ``follow_up`` or an outcome's ``timeframe``. A duration matches
  nothing else.

A text about an outcome (one that refers to it, ``{OUTCOME.ARM}`` anywhere in the text, or its
own ``label`` and ``note``) is compared with that outcome's values, p-value and counts alone
(besides the arm sizes and durations): a number that happens to be another outcome's (4 typed
for PREMiSe's 3 sham lesions, 4 being its relapse count) fails (issue 17). The shipped
knowledge base has no text this makes fail. A finding names its item by id
(``premise-finding-lesions.text``, ``read.validate.named``).

A minus sign is ignored (a change of −0.8 may be told as "fell by 0.8"). Numbers that are not
results are exempt: years (1900-2100), the day in a date ("20 March 2013"), numbers inside a
name or code (``NCT01450072``, ``IPG640``, ``T2``, ``MSQOL-54``), ordinals (``2nd``), the ``95``
of "95% CI", the ``100`` or ``1000`` of a natural frequency ("in 100", "per 1000", "out of
100"), a trial phase ("phase 2"), an allocation ratio (``2:1``), and every number inside a ``{reference}``. A number the data
does not hold on purpose (an odds ratio, how many were screened) is waived on its item with the
reason: ``waivers: [{rule: NUM-002, reason: "..."}]``.

**NUM-003** (found with the translation's other problems, by ``read/numbers.py``, so a build
refuses it too): a translation keeps each English field's references, each as often as the
English has it, unchanged; one dropped, added or altered is an error at the translated field.

**NUM-004** (a warning): a translated field of an up-to-date item (not stale) writes out the
same numbers as its English field
(outside references, in the language's format: ``0,062``, ``30 000``, ``30.000``), the ``100``
or ``1000`` of a frequency and numbers inside codes aside. A number the translation words
differently on purpose ("al mes" for "after 1 month") is waived on the item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import at, finding
from leafdeck.errors import Problem
from leafdeck.model import KnowledgeBase, Study
from leafdeck.read.numbers import REFERENCE, place
from leafdeck.read.translations import item_hash, translatable_items
from leafdeck.read.validate import named
from leafdeck.read.yamlio import Loc, Located


def check(source: Source) -> list[Problem]:
    """NUM-002 on the knowledge base, NUM-004 on each translation (NUM-003 is the loader's:
    ``read.numbers.translation_reference_problems``, so a build refuses it too)."""
    found = literal_problems(source.kb, source.located)
    for lang in source.languages.values():
        if lang.located is not None:
            found += translated_numbers(source.kb, lang.located, lang.code)
    return found


# --- NUM-002: literal numbers ------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])[-−+]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_UNIT = r"(?:months?|weeks?|years?|days?|hours?)\b"
_DURATION_AFTER = re.compile(rf"^(?:\s*(?:to|–|-)\s*\d+)?(?:\s*|-){_UNIT}", re.IGNORECASE)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_AFTER = re.compile(rf"^\s+(?:{_MONTHS})\b", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"(?:\bphase\s+|[A-Za-z]-)$", re.IGNORECASE)
_DENOMINATOR_BEFORE = re.compile(r"\b(?:in|per|out of|in every|of every)\s+$", re.IGNORECASE)
_CONFIDENCE_AFTER = re.compile(r"^\s*%\s*(?:CI|confidence)\b", re.IGNORECASE)

_STATEMENT_FIELDS = ("text", "clinician", "notes", "caption", "alt")
_STUDY_FIELDS = ("design", "design_clinician", "population", "headline", "short_headline")
_OUTCOME_FIELDS = ("label", "note")


@dataclass
class Known:
    """The numbers of some studies that prose may restate."""

    exact: set[Decimal] = field(default_factory=set)
    """Counts and p-values: matched as written."""
    rounded: set[Decimal] = field(default_factory=set)
    """Outcome values and percentages: matched at the places the prose shows."""
    durations: set[Decimal] = field(default_factory=set)
    """Numbers of the follow-up and time frames."""

    def add(self, study: Study, only: frozenset[str] | None = None) -> None:
        """The study's arm sizes, durations and outcome numbers; with ``only``, the numbers of
        those outcomes alone (the arm sizes and durations still)."""
        arms = {a.id: a.n for a in study.arms}
        self.exact |= {Decimal(n) for n in arms.values()} | {Decimal(sum(arms.values()))}
        for text in (study.follow_up, *(o.timeframe for o in study.outcomes)):
            self.durations |= {Decimal(m[0]) for m in re.finditer(r"\d+(?:\.\d+)?", text or "")}
        for outcome in study.outcomes:
            if only is not None and outcome.id not in only:
                continue
            if outcome.p_value and (p := re.search(r"\d*\.?\d+", outcome.p_value)):
                self.exact.add(Decimal(p[0]))
            for value in outcome.values:
                self.rounded.add(abs(Decimal(repr(value.value))))
                of = value.of if value.of is not None else arms.get(value.arm)
                if of is not None:
                    self.exact.add(Decimal(of))
                if value.events is not None:
                    self.exact.add(Decimal(value.events))
                    if of:
                        self.rounded.add(Decimal(value.events) * 100 / Decimal(of))

    def matches(self, number: Decimal, duration: bool) -> bool:
        """Whether a number written in prose (its places as written) is one of these."""
        number = abs(number)
        if duration:
            return number in self.durations
        half = Decimal(1).scaleb(number.as_tuple().exponent) / 2  # type: ignore[arg-type]
        return number in self.exact or any(abs(v - number) <= half for v in self.rounded)


def literal_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    """NUM-002 for every text about a study with structured data, located at the number."""
    studies = [s for s in kb.studies if s.arms]
    by_reference: dict[str, list[Study]] = {}
    for study in studies:
        for ref in {*study.cites, *(c for o in study.outcomes for c in o.cites)}:
            by_reference.setdefault(ref, []).append(study)
    found = []
    for loc, text, about in _texts(located.data, {s.id: s for s in studies}, by_reference):
        known = Known()
        for study in about:
            known.add(study)
        focus = _focus(located.data, loc, text, frozenset(o.id for study in about for o in study.outcomes))
        allowed = _of(about, focus, known)
        for offset, number, duration in literal_numbers(text):
            if not allowed.matches(number, duration):
                line, col = place(located, loc, text, offset)
                written = _NUMBER.match(text, offset)
                kind = "a duration" if duration else "a number"
                shown = f"{written[0] if written else number}{' (' + _duration(text, offset) + ')' if duration else ''}"
                where = f"the data of {', '.join(s.id for s in about)}"
                if focus:  # a wrong number that happens to be another outcome's is still wrong
                    where = f"the values of {', '.join(sorted(focus))}, the outcome it is about"
                message = f"{named(located.data, loc)}: {kind} {shown} is not in {where}: " + _advice(duration, allowed)
                found.append(finding("NUM-002", (located.file, line, col), message))
    return found


def _advice(duration: bool, allowed: Known) -> str:
    """What to do about a number NUM-002 found: a count or value can be written as a reference; a
    duration cannot (the data's follow-up and time frames are text), so it is corrected to one of
    them, which the message lists."""
    if not duration:
        return "write it as a reference ({OUTCOME.ARM}, {STUDY.ARM.n}, ...), correct it, or waive NUM-002 on the item with the reason"
    known = ", ".join(f"{d:f}" for d in sorted(allowed.durations)) or "none"
    return (
        f"correct it to a time the data gives (follow-up and time frames: {known}), or waive NUM-002 on the "
        "item with the reason"
    )


def _focus(data: Any, loc: Loc, text: str, outcomes: frozenset[str]) -> frozenset[str]:
    """The outcomes a text is about: the outcome it belongs to (its label or note), else the
    outcomes it refers to (``{OUTCOME.ARM}``, ``{OUTCOME.p}``, ...); none when neither (then
    every number of its studies may match)."""
    if "outcomes" in loc:
        raw = _at(data, loc[: loc.index("outcomes") + 2])
        return frozenset({str(raw.get("id"))}) & outcomes if isinstance(raw, dict) else frozenset()
    return frozenset(m[1].split(".")[0] for m in REFERENCE.finditer(text)) & outcomes


def _of(about: list[Study], focus: frozenset[str], known: Known) -> Known:
    """What a number may be: ``known`` (every number of the studies), or with a ``focus`` the
    numbers of those outcomes (and the arm sizes and durations) alone."""
    if not focus:
        return known
    narrowed = Known()
    for study in about:
        narrowed.add(study, focus)
    return narrowed


def _at(data: Any, loc: Loc) -> Any:
    for key in loc:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def literal_numbers(text: str) -> Iterator[tuple[int, Decimal, bool]]:
    """Each number in ``text`` that looks like a result: its offset, its value (places as
    written) and whether it is a duration. References and exempt numbers are skipped."""
    blanked = REFERENCE.sub(lambda m: " " * len(m[0]), text)
    for match in _NUMBER.finditer(blanked):
        before, after = blanked[: match.start()], blanked[match.end() :]
        if _exempt(match[1], match[2], before, after):
            continue
        digits = match[1].replace(",", "") + (match[2] or "")
        yield match.start(), Decimal(digits), bool(_DURATION_AFTER.match(after))


def _duration(text: str, offset: int) -> str:
    match = re.match(rf"[^\s-]+(?:\s*|-){_UNIT}", text[offset:], re.IGNORECASE)
    return match[0] if match else ""


def _exempt(whole: str, fraction: str | None, before: str, after: str) -> bool:
    if after[:1].isalpha() or (after[:1] == "." and after[1:2].isdigit()):
        return True  # part of a word or code (2nd, 3x) or a version (1.2.3)
    if not fraction and "," not in whole and len(whole) == 4 and 1900 <= int(whole) <= 2100:
        return True  # a year
    if not fraction and (_DATE_AFTER.match(after) or _DATE_BEFORE.search(before)):
        return True  # the day of a date
    if _LABEL_BEFORE.search(before) or _CONFIDENCE_AFTER.match(after):
        return True  # phase 2, MSQOL-54; the 95 of 95% CI
    if re.match(r"^:\d", after) or re.search(r"\d:$", before):
        return True  # an allocation ratio, 2:1
    return whole in ("100", "1000", "1,000") and not fraction and bool(_DENOMINATOR_BEFORE.search(before))


def _texts(
    data: Any, studies: dict[str, Study], by_reference: dict[str, list[Study]]
) -> Iterator[tuple[Loc, str, list[Study]]]:
    """Each text to check, with its path and the studies it is about."""
    for s, raw in enumerate(_list(data.get("studies") if isinstance(data, dict) else None)):
        study = studies.get(str(raw.get("id"))) if isinstance(raw, dict) else None
        if study is None:
            continue
        here: Loc = ("studies", s)
        yield from ((((*here, f)), raw[f], [study]) for f in _STUDY_FIELDS if isinstance(raw.get(f), str))
        for o, outcome in enumerate(_list(raw.get("outcomes"))):
            for f in _OUTCOME_FIELDS:
                if isinstance(outcome, dict) and isinstance(outcome.get(f), str):
                    yield (*here, "outcomes", o, f), outcome[f], [study]
    for loc, item in _cited(data, ()):
        about: dict[str, Study] = {}
        own = studies.get(_study_id(data, loc)) if loc[:1] == ("studies",) else None
        if own is not None:
            about[own.id] = own
        for key, fields in (
            ("cites", _STATEMENT_FIELDS),
            ("summary_cites", ("summary", "headline", "short_headline", "talk")),
        ):
            cited = [c for c in _list(item.get(key)) if isinstance(c, str)]
            chosen = dict(about)
            for ref in cited:
                chosen.update({study.id: study for study in by_reference.get(ref, ())})
            if chosen and (cited or own is not None):
                yield from (((*loc, f), item[f], list(chosen.values())) for f in fields if isinstance(item.get(f), str))


def _cited(value: Any, loc: Loc) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every mapping with ``cites`` or ``summary_cites``, outside the studies' outcomes (checked
    with their study) and the references."""
    if isinstance(value, dict):
        cited = "cites" in value or "summary_cites" in value
        if cited and "outcomes" not in loc and "unit" not in value and "kind" not in value:
            yield loc, value
        for key, child in value.items():
            if key not in ("references", "outcomes", "arms"):
                yield from _cited(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _cited(child, (*loc, i))


def _study_id(data: Any, loc: Loc) -> str:
    raw = data["studies"][loc[1]]
    return str(raw.get("id", "")) if isinstance(raw, dict) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --- NUM-004: translations write the same numbers -------------------------------------------------

_PLAIN_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?!\w)")
_CODE = re.compile(r"\b[^\W\d_]+-?\d+\w*")
_FREQUENCY = re.compile(r"(?<!\d)(?:100|1000)(?!\d)")


def written_numbers(text: str, language: str) -> list[Decimal]:
    """The numbers written out in ``text`` (references, codes and the 100 or 1000 of a
    frequency left out), read in the language's format, in order of size."""
    return list(_written_numbers(text, language.split("-")[0]))


@lru_cache(maxsize=16384)
def _written_numbers(text: str, language: str) -> tuple[Decimal, ...]:
    """``written_numbers``, remembered per text (the English text is compared with each
    translation's); a text without a digit has none."""
    if not _DIGIT.search(text):
        return ()
    text = _GROUPED_BY_SPACE.sub("", REFERENCE.sub(" ", text))  # 30 000
    if language == "en":
        text = _GROUPED_BY_COMMA.sub("", text)  # 30,000
    else:
        text = _DECIMAL_COMMA.sub(".", _GROUPED_BY_DOT.sub("", text))  # 30.000, 0,062
    text = _FREQUENCY.sub(" ", _CODE.sub(" ", text))
    return tuple(sorted(Decimal(m) for m in _PLAIN_NUMBER.findall(text)))


_DIGIT = re.compile(r"\d")
_GROUPED_BY_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
_GROUPED_BY_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_GROUPED_BY_DOT = re.compile(r"(?<=\d)\.(?=\d{3}\b)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def _listed(numbers: list[Decimal], language: str) -> str:
    """Numbers with ``language``'s decimal sign and no grouping ("0,062", "30000"), so that a
    number the translation kept in English form ("30,000", read as 30 in German) shows as 30."""
    if not numbers:
        return "no number"
    from babel.numbers import format_decimal

    return ", ".join(
        format_decimal(
            n.normalize(), locale=language.replace("-", "_"), decimal_quantization=False, group_separator=False
        )
        for n in numbers
    )


def translated_numbers(kb: KnowledgeBase, located: Located, language: str) -> list[Problem]:
    """NUM-004: each translated field whose written-out numbers are not its English field's."""
    items = translatable_items(kb)
    entries = located.data.get("items") if isinstance(located.data, dict) else None
    base = kb.document.language
    found = []
    for key, entry in (entries or {}).items():
        if key not in items or not isinstance(entry, dict):
            continue
        english = items[key][1]
        if entry.get("source") != item_hash(english):
            continue  # stale (SRC-002): compared once the translation is brought up to date
        for name, text in entry.items():
            if name == "source" or not isinstance(text, str) or not isinstance(english.get(name), str):
                continue
            if not text.strip():
                continue  # not translated yet: built in English
            wanted, got = written_numbers(str(english[name]), base), written_numbers(text, language)
            if wanted == got:
                continue
            message = (
                f"items.{key}.{name}: read as {language} writes numbers, the translation has "
                f"{_listed(got, language)}; the English has {_listed(wanted, language)} (written here as {language} "
                "writes them; a trial number is best written as a reference)"
            )
            found.append(finding("NUM-004", at(located, ("items", key, name)), message))
    return found
