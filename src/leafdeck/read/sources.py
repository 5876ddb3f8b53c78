"""Read ``sources/``: YAML knowledge base → validated ``KnowledgeBase``, or every problem found.

Three passes, all reported together:

1. YAML reading (syntax, duplicate keys, unsafe tags) — ``yamlio``;
2. the declared schema (types, required and unknown keys) — ``validate``;
3. cross-checks no single field can make: unique ids, citations that resolve, references
   that are used, review dates in order, outcomes that name real arms.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leafdeck.errors import InputError, Problem, errors_only
from leafdeck.model import KnowledgeBase
from leafdeck.read.inputs import current, key_of
from leafdeck.read.numbers import reference_problems
from leafdeck.read.paths import DEFAULT_KB  # noqa: F401  (where commands look by default)
from leafdeck.read.validate import dotted, validate
from leafdeck.read.yamlio import Loc, Located, load


def load_kb(path: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """The validated knowledge base and its warnings; raises InputError on any error. Validated
    once per command (``read.inputs``)."""
    return current().model(("kb", key_of(path)), lambda: _validated_kb(path))


def _validated_kb(path: Path) -> tuple[KnowledgeBase, list[Problem]]:
    located, problems = load(path)
    kb = None
    if located is not None:
        kb, schema_problems = validate(located, KnowledgeBase)
        problems += schema_problems + _raw_cross_checks(located)
        if kb is not None:
            problems += _model_cross_checks(kb, located)
    if errors_only(problems) or kb is None:
        raise InputError(problems)
    return kb, problems


def _raw_cross_checks(located: Located) -> list[Problem]:
    """Checks on the raw data, so they run even when other parts fail the schema."""
    data = located.data if isinstance(located.data, dict) else {}
    return (
        _duplicate_ids(located, data)
        + _citation_problems(located, data)
        + _date_problems(located, data)
        + _number_problems(located, data)
    )


def _items(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every mapping that carries an id (arms excluded: their ids are local to a study)."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield loc, value
        for key, child in value.items():
            if key != "arms":
                yield from _items(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _items(child, (*loc, i))


def _duplicate_ids(located: Located, data: dict[str, Any]) -> list[Problem]:
    first: dict[str, Loc] = {}
    problems = []
    for loc, item in _items(data):
        if loc == ("document",):
            continue
        key = item["id"]
        if key in first:
            line = located.position((*first[key], "id"))[0]
            problems.append(
                located.problem((*loc, "id"), f"{dotted(loc)}.id: duplicate id {key!r} (first at line {line})")
            )
        else:
            first[key] = loc
    return problems


def _citations(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "cites" and isinstance(child, list):
                yield from (((*loc, key, i), c) for i, c in enumerate(child) if isinstance(c, str))
            else:
                yield from _citations(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _citations(child, (*loc, i))


def _citation_problems(located: Located, data: dict[str, Any]) -> list[Problem]:
    refs = _list(data.get("references"))
    known = {r["id"]: i for i, r in enumerate(refs) if isinstance(r, dict) and isinstance(r.get("id"), str)}
    used: set[str] = set()
    problems = []
    for loc, ref_id in _citations(data):
        used.add(ref_id)
        if ref_id not in known:
            hint = _closest(ref_id, known)
            message = f"{dotted(loc)}: cites unknown reference {ref_id!r}{hint}"
            problems.append(located.problem(loc, message, rule="CIT-002"))
    for ref_id, i in known.items():
        if ref_id not in used:
            loc = ("references", i, "id")
            message = f"{dotted(loc)}: reference {ref_id!r} is never cited"
            problems.append(located.problem(loc, message, warning=True, rule="CIT-003"))
    return problems


def _closest(word: str, choices: dict[str, int]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _model_cross_checks(kb: KnowledgeBase, located: Located) -> list[Problem]:
    return (
        _arm_problems(kb, located)
        + _role_problems(kb, located)
        + _language_problem(kb, located)
        + reference_problems(kb, located)
    )


def _language_problem(kb: KnowledgeBase, located: Located) -> list[Problem]:
    """The knowledge base's own language must be one Babel can write dates and numbers in."""
    from leafdeck.read.languages import code_problem

    trouble = code_problem(kb.document.language)
    return [located.problem(("document", "language"), f"document.language: {trouble}")] if trouble else []


def _date_problems(located: Located, data: dict[str, Any]) -> list[Problem]:
    """Review dates in order; checked on raw data so a typo elsewhere does not hide it."""
    governance: dict[str, Any] = data["governance"] if isinstance(data.get("governance"), dict) else {}
    dates = {key: _date_or_none(governance.get(key)) for key in ("published", "last_reviewed", "next_review")}
    published, last, following = dates["published"], dates["last_reviewed"], dates["next_review"]
    problems = []
    if published and last and last < published:
        problems.append(_at(located, "last_reviewed", "is before the publication date"))
    if last and following and following <= last:
        problems.append(_at(located, "next_review", f"must be after last_reviewed ({last.isoformat()})"))
    return problems


def _at(located: Located, key: str, message: str) -> Problem:
    return located.problem(("governance", key), f"governance.{key}: {message}")


def _date_or_none(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _arm_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    problems = []
    for s, study in enumerate(kb.studies):
        arms = [arm.id for arm in study.arms]
        if len(set(arms)) != len(arms):
            problems.append(located.problem(("studies", s, "arms"), f"studies[{s}].arms: arm ids must be unique"))
        for o, outcome in enumerate(study.outcomes):
            for v, value in enumerate(outcome.values):
                if value.arm not in arms:
                    loc = ("studies", s, "outcomes", o, "values", v, "arm")
                    problems.append(located.problem(loc, f"{dotted(loc)}: no arm {value.arm!r} in study {study.id!r}"))
    return problems


def _role_problems(kb: KnowledgeBase, located: Located) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for t, topic in enumerate(kb.topics):
        if topic.role in seen:
            loc = ("topics", t, "role")
            problems.append(located.problem(loc, f"{dotted(loc)}: role {topic.role!r} is used by an earlier topic"))
        seen.add(topic.role)
    return problems


_RANGES: dict[str, tuple[float | None, float | None]] = {
    "percent_of_people": (0.0, 100.0),
    "count": (0.0, None),
    "people": (0.0, None),
}
"""What a value can be in each outcome unit (a score change can go either way)."""
_UNIT_WORDS = {"percent_of_people": "percentage of people", "count": "count", "people": "number of people"}
_P_VALUE = re.compile(r"(?i)^\s*(?:p\s*)?(?:[<>≤≥=]=?\s*)?([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$")

_NOT_FINITE = re.compile(r"(?i)^\s*([+-]?\.?(?:nan|inf|infinity))\s*$")


def _number_problems(located: Located, data: dict[str, Any]) -> list[Problem]:
    """Numbers that cannot be: a percentage of people outside 0 to 100, a negative count, more
    events than people, a p-value outside 0 to 1. Checked on raw data, so each is reported even
    when other parts of the file fail the schema."""
    problems = []
    for s, study in enumerate(_list(data.get("studies"))):
        if not isinstance(study, dict):
            continue
        arms = _list(study.get("arms"))
        sizes = {a.get("id"): a.get("n") for a in arms if isinstance(a, dict) and _is_int(a.get("n"))}
        for o, outcome in enumerate(_list(study.get("outcomes"))):
            if isinstance(outcome, dict):
                problems += _outcome_problems(located, ("studies", s, "outcomes", o), outcome, sizes)
    return problems


PERCENT_ROUNDING = 1.0
"""How far (percentage points) an outcome's value may be from its events/of: a value rounded to
a whole number is within 0.5; one point allows a value rounded as the paper reports it."""


def _outcome_problems(located: Located, loc: Loc, outcome: dict[str, Any], sizes: dict[Any, Any]) -> list[Problem]:
    problems = []
    unit = str(outcome.get("unit", ""))
    low, high = _RANGES.get(unit, (None, None))
    for v, value in enumerate(_list(outcome.get("values"))):
        if not isinstance(value, dict):
            continue
        at = (*loc, "values", v)
        number = value.get("value")
        if isinstance(number, int | float) and not isinstance(number, bool) and math.isfinite(number):
            where = dotted((*at, "value"))
            if low is not None and number < low:
                message = f"{where}: {number:g} is negative; a {_UNIT_WORDS[unit]} is at least 0"
                problems.append(located.problem((*at, "value"), message))
            elif high is not None and number > high:
                message = f"{where}: {number:g} is more than 100; a {_UNIT_WORDS[unit]} is between 0 and 100"
                problems.append(located.problem((*at, "value"), message))
        size = sizes.get(value.get("arm"))
        if unit == "people" and isinstance(size, int) and isinstance(number, int | float) and number > size:
            message = f"{dotted((*at, 'value'))}: {number:g} people, more than the arm has ({size}, its n)"
            problems.append(located.problem((*at, "value"), message))
        events, of = value.get("events"), value.get("of")
        if (
            unit == "percent_of_people"
            and isinstance(events, int)
            and isinstance(of, int)
            and _is_int(events)
            and _is_int(of)
            and of > 0
            and isinstance(number, int | float)
        ):
            share = 100 * events / of  # the counts and the percentage say the same thing, to rounding
            if abs(share - number) > PERCENT_ROUNDING:
                message = (
                    f"{dotted((*at, 'of'))}: {events} of {of} is {share:.1f}%, but the value says {number:g}%: "
                    "correct the count, the denominator or the value"
                )
                problems.append(located.problem((*at, "of"), message))
        denominator, whose = (of, "its 'of'") if _is_int(of) else (sizes.get(value.get("arm")), "the arm's n")
        if isinstance(events, int) and isinstance(denominator, int) and _is_int(events) and events > denominator:
            message = f"{dotted((*at, 'events'))}: more events ({events}) than people ({denominator}, {whose})"
            problems.append(located.problem((*at, "events"), message))
    p_value = outcome.get("p_value")
    if isinstance(p_value, str) and (match := _P_VALUE.match(p_value) or _NOT_FINITE.match(p_value)):
        p = float(match[1].replace("infinity", "inf").lstrip(".").replace("-.", "-").replace("+.", "+"))
        if not 0 <= p <= 1:  # NaN fails this too
            message = f"{dotted((*loc, 'p_value'))}: {p_value.strip()!r} is not a p-value; a p-value is between 0 and 1"
            problems.append(located.problem((*loc, "p_value"), message))
    return problems


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
