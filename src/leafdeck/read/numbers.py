"""Numbers taken from the trial data by reference, so prose cannot drift from it.

A statement (or any prose field) writes ``{PATH}`` where a trial number goes; the plan
(``plan.variants.select``) replaces it with the number, in the language's number format
(Babel, from ``document.language``). Changing a value in the data changes the prose in every
output and every language, and a translation keeps the reference as it is.

What a reference can name (ids are the knowledge base's own; outcome and study ids are unique):

=====================================  =========================================================
``{OUTCOME.ARM}``                      the outcome's value in that arm, as written in the data
``{OUTCOME.ARM:0}``                    the same rounded to 0 (or 1, 2, 3) decimal places
``{OUTCOME.ARM:+}``                    signed: ``+1.4`` for a positive value (``:+0`` rounds too)
``{OUTCOME.ARM.events}``               the people with the event (``events``)
``{OUTCOME.ARM.of}``                   their denominator: ``of`` when given, else the arm's ``n``
``{OUTCOME.p}``                        the p-value as reported, its precision kept (``<0.0001``)
``{STUDY.ARM.n}``                      the size of an arm
``{STUDY.n}``                          the sum of the study's arm sizes
=====================================  =========================================================

A reference that names nothing is a located error (NUM-001) found when the knowledge base loads,
so no output ever prints braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from pydantic import BaseModel

from leafdeck.errors import Problem
from leafdeck.model import KnowledgeBase, Outcome, Study
from leafdeck.read.translations import item_hash, translatable_items
from leafdeck.read.validate import named
from leafdeck.read.yamlio import Loc, Located

REFERENCE = re.compile(r"\{([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9_-]*){0,2})(?::(\+)?([0-3])?)?\}")
"""``{id.part.part}`` with an optional ``:places`` and sign (``:0``, ``:+``, ``:+1``)."""

_P_VALUE = re.compile(r"^\s*(?:[pP]\s*)?([<>≤≥=]?)\s*(\d*\.?\d+)\s*$")


@dataclass(frozen=True)
class Number:
    """What a reference stands for: a value and the decimal places it is written with."""

    value: float
    places: int
    prefix: str = ""
    """A p-value's ``<`` or ``>`` (kept as reported)."""
    signed: bool = False
    """Whether a positive value is written with its ``+``."""


def places_of(value: float) -> int:
    """Decimal places a value from the data is written with (19.0 → 0, 41.7 → 1, 0.062 → 3)."""
    if float(value).is_integer():
        return 0
    return len(repr(float(value)).split(".")[1])


def lookup(kb: KnowledgeBase, path: str, places: str | None = None, sign: str | None = None) -> Number | str:
    """The number ``path`` (a reference without its braces and places) names in ``kb``, or why
    it names nothing (a message that lists what could be named instead). ``places`` rounds as
    Python's ``round`` does, as the icon arrays beside the text do (``plan.evidence``)."""
    head, *rest = path.split(".")
    studies, outcomes = _named(kb)
    if head in outcomes:
        found = _outcome_number(*outcomes[head], rest)
    elif head in studies:
        found = _study_number(studies[head], rest)
    else:
        return f"no outcome or study {head!r}{_closest(head, [*outcomes, *studies])}"
    if isinstance(found, Number) and places:
        found = Number(round(found.value, int(places)), int(places), found.prefix)
    if isinstance(found, Number) and sign:
        found = Number(found.value, found.places, found.prefix, signed=True)
    return found


def _named(kb: KnowledgeBase) -> tuple[dict[str, Study], dict[str, tuple[Study, Outcome]]]:
    """``kb``'s studies and outcomes by id, worked out once per model (by identity; the model is
    kept, so its id cannot be reused while the entry lives)."""
    found = _NAMED.get(id(kb))
    if found is None or found[0] is not kb:
        if len(_NAMED) >= 16:
            _NAMED.clear()
        studies = {s.id: s for s in kb.studies}
        outcomes = {o.id: (s, o) for s in kb.studies for o in s.outcomes}
        found = _NAMED[id(kb)] = (kb, studies, outcomes)
    return found[1], found[2]


_NAMED: dict[int, tuple[KnowledgeBase, dict[str, Study], dict[str, tuple[Study, Outcome]]]] = {}


def _study_number(study: Study, rest: list[str]) -> Number | str:
    arms = {a.id: a for a in study.arms}
    if rest == ["n"]:
        return Number(sum(a.n for a in study.arms), 0) if arms else f"study {study.id!r} has no arms"
    if len(rest) == 2 and rest[1] == "n":
        arm = arms.get(rest[0])
        return Number(arm.n, 0) if arm else f"study {study.id!r} has no arm {rest[0]!r}{_choose(arms)}"
    return f"a study's numbers are {{{study.id}.n}} and {{{study.id}.ARM.n}}{_choose(arms)}"


def _outcome_number(study: Study, outcome: Outcome, rest: list[str]) -> Number | str:
    values = {v.arm: v for v in outcome.values}
    if rest == ["p"]:
        match = _P_VALUE.match(outcome.p_value or "")
        if match is None:
            return f"outcome {outcome.id!r} has no p-value"
        return Number(float(match[2]), len(match[2].partition(".")[2]), match[1] if match[1] != "=" else "")
    if not rest or len(rest) > 2:
        return f"name an arm: {{{outcome.id}.ARM}}, or {{{outcome.id}.p}}{_choose(values)}"
    value = values.get(rest[0])
    if value is None:
        said = f"outcome {outcome.id!r} has no value for arm {rest[0]!r}{_choose(values)}"
        return said + (f"; its p-value is {{{outcome.id}.p}}" if outcome.p_value else "")
    field = rest[1] if len(rest) == 2 else "value"
    if field == "value":
        return Number(value.value, places_of(value.value))
    if field == "events":
        return Number(value.events, 0) if value.events is not None else f"{outcome.id}.{value.arm} has no events"
    if field == "of":
        arm = next((a for a in study.arms if a.id == value.arm), None)
        of = value.of if value.of is not None else arm.n if arm else None
        return Number(of, 0) if of is not None else f"{outcome.id}.{value.arm} has no denominator"
    return f"{field!r} is not a part of a value: use events or of"


def _choose(names: Any) -> str:
    return f" (arms: {', '.join(names)})" if names else ""


def _closest(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@lru_cache(maxsize=4096)
def formatted(number: Number, language: str) -> str:
    """The number in the language's format (Babel): decimal comma in French and Spanish, the
    language's grouping, as many decimal places as the data (or the reference) asks for; a value
    that rounds to zero is written 0, without a sign (case 24 of ../shared/cases)."""
    pattern = "#,##0" + ("." + "0" * number.places if number.places else "")
    value = round(number.value, number.places) or 0.0  # what rounds to zero is 0, never "-0" or "+0"
    text = format_decimal(value, format=pattern, locale=language.replace("-", "_"))
    sign = "+" if number.signed and value > 0 else ""
    return number.prefix + sign + text


def substituted(kb: KnowledgeBase, text: str, language: str) -> str:
    """``text`` with each reference replaced by its number (an unknown one is left as written:
    the loader has refused it already)."""

    def one(match: re.Match[str]) -> str:
        found = lookup(kb, match[1], match[3], match[2])
        return formatted(found, language) if isinstance(found, Number) else match[0]

    return REFERENCE.sub(one, text)


def resolve(kb: KnowledgeBase) -> KnowledgeBase:
    """``kb`` with every reference in its text replaced by the number, in ``kb``'s language.
    References (``kb.references``) and ids are left as they are."""
    language = kb.document.language
    resolved = _walk(kb, lambda text: substituted(kb, text, language) if "{" in text else text, ())
    assert isinstance(resolved, KnowledgeBase)
    return resolved


def walk_text(value: Any, change: Callable[[str], str], skip: Container[int] = ()) -> Any:
    """``value`` (a model, tuple or string) with ``change`` applied to every string in it but
    references, ids and citations; the very same object where nothing changed. A model or tuple
    whose ``id()`` is in ``skip`` is known to hold no string ``change`` would change, and is
    returned as it is without being walked."""
    return _walk(value, change, skip)


def _walk(value: Any, change: Callable[[str], str], skip: Container[int]) -> Any:
    if isinstance(value, str):
        new = change(value)
        return value if new == value else new
    if id(value) in skip:
        return value
    if isinstance(value, BaseModel):
        changed = {}
        for name in _text_fields(type(value)):
            old = getattr(value, name)
            if isinstance(old, str | tuple | BaseModel) and (new := _walk(old, change, skip)) is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, tuple):
        walked = tuple(_walk(v, change, skip) for v in value)
        return value if all(a is b for a, b in zip(walked, value, strict=True)) else walked
    return value


@cache
def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` a text walk visits: all but references, ids and citations (looked
    up once per class)."""
    return tuple(name for name in model.model_fields if name not in ("references", "id", "cites"))


_BRACE = re.compile(r"\{[A-Za-z0-9][^{}\s]*\}?")
"""What starts a reference: a brace followed by a letter or digit (a reference, or one mistyped
or left open); any other brace is text (``{ 'a': 1 }`` prints as written)."""


def reference_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    """NUM-001: every reference in the knowledge base's text that names no number, or is
    mistyped or left open (a brace followed by a letter or digit; other braces are text), located
    at the reference itself (line and column inside the text, folded or block scalars too); and
    LANG-003 for a passage marked in a language code leafdeck does not accept (``read.passages``)."""
    from leafdeck.read.passages import mark_problems  # it reads texts with this module's helpers

    problems = mark_problems(located)
    for loc, text in strings(located.data):
        for match in _BRACE.finditer(text):
            if match[0].startswith("{lang=") and text[: match.start()].endswith("]"):
                continue  # a passage's language (``leafdeck.passages``), checked by mark_problems
            reference = REFERENCE.fullmatch(match[0])
            if reference is None:
                why = "is not a reference: write {OUTCOME.ARM}, {OUTCOME.p}, {STUDY.ARM.n} or {STUDY.n}"
            else:
                found = lookup(kb, reference[1], reference[3], reference[2])
                if isinstance(found, Number):
                    continue
                why = f"names no number: {found}"
            line, col = place(located, loc, text, match.start())
            message = f"{named(located.data, loc)}: {match[0]} {why}"
            problems.append(Problem(located.file, line, col, message, "error", "NUM-001"))
    return problems


def strings(value: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """Every text in raw YAML data with its path (references excluded: they are sources, not prose)."""
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [f for k, v in value.items() if k not in ("references", "id", "cites") for f in strings(v, (*loc, k))]
    if isinstance(value, list):
        return [f for i, v in enumerate(value) for f in strings(v, (*loc, i))]
    return []


def place(located: Located, loc: Loc, text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of ``text[offset:]`` in the file: the text of ``loc`` starts at
    its recorded position, and a token without spaces is never split by folding, so the same
    occurrence of the token is found by reading on from there."""
    line, col = located.position(loc)
    token = re.match(r"\S+", text[offset:])
    word = token[0] if token else text[offset : offset + 1]
    nth = _count(text[:offset], word)
    body, starts = _body(located.file)
    if not starts or line > len(starts):
        return line, col
    start = starts[line - 1] + col - 1
    at = start - 1
    for _ in range(nth + 1):
        at = body.find(word, at + 1)
        if at < 0:
            return line, col
    before = body[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def _count(text: str, word: str) -> int:
    return sum(1 for i in range(len(text)) if text.startswith(word, i))


def _body(file: str) -> tuple[str, tuple[int, ...]]:
    """The text of an input file, as the command's inputs bundle read it (never a second read),
    and the offset where each of its lines starts (``str.splitlines`` lines)."""
    from leafdeck.read.inputs import current

    text, _ = current().text(Path(file))
    return (text, _line_starts(text)) if text is not None else ("", ())


@lru_cache(maxsize=8)
def _line_starts(text: str) -> tuple[int, ...]:
    starts, at = [], 0
    for line in text.splitlines(keepends=True):
        starts.append(at)
        at += len(line)
    return tuple(starts)


def translation_reference_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    """A translation's references (of its YAML as written: it need not have validated): NUM-001
    for one that names no number (it would print as typed), and NUM-003 for each field of an up-to-date item with other references than its
    English field (one dropped, added or altered), located at the reference or the field. An
    item whose English changed since it was translated is stale (SRC-002) instead: its
    references are compared once its ``source`` hash is renewed."""
    items = translatable_items(kb)
    entries = located.data.get("items") if isinstance(located.data, dict) else None
    found = reference_problems(kb, located)  # LANG-003 marks too
    for key, entry in (entries if isinstance(entries, dict) else {}).items():  # may not have validated
        if key not in items or not isinstance(entry, dict):
            continue
        _, english = items[key]
        if entry.get("source") != item_hash(english):
            continue
        for name, text in entry.items():
            if name == "source" or not isinstance(text, str) or not isinstance(english.get(name), str):
                continue
            if not text.strip():
                continue  # not translated yet: built in English
            wanted, got = _references(str(english[name])), _references(text)
            if wanted == got:
                continue
            loc: Loc = ("items", key, name)
            missing = [r for r in wanted if wanted.count(r) > got.count(r)]
            extra = [r for r in got if got.count(r) > wanted.count(r)]
            offset = _nth(text, extra[0], wanted.count(extra[0])) if extra else 0
            line, col = place(located, loc, text, offset) if extra else located.position(loc)
            said = []
            if missing:
                said.append(f"drops {', '.join(dict.fromkeys(missing))}")
            if extra:
                said.append(f"has {', '.join(dict.fromkeys(extra))}, which the English does not")
            message = (
                f"items.{key}.{name}: the translation {' and '.join(said)}; keep every reference of the English "
                "exactly as written there (the number is filled in for each language)"
            )
            found.append(Problem(located.file, line, col, message, "error", "NUM-003"))
    return found


def _nth(text: str, word: str, n: int) -> int:
    """Offset of the ``n``-th (0-based) occurrence of ``word`` in ``text``."""
    at = -1
    for _ in range(n + 1):
        at = text.find(word, at + 1)
    return max(at, 0)


def _references(text: str) -> list[str]:
    return sorted(m[0] for m in REFERENCE.finditer(text))
