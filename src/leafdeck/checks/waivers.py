"""Waivers: a warning accepted on purpose, with its reason, written beside the content it is about.

An item or a reference of the knowledge base may list ``waivers``::

    - id: fda-warning
      text: In 2012 the FDA warned of serious harms ... (a 27-word sentence)
      waivers:
        - {rule: READ-004, reason: "Lists the FDA's warnings as one sentence, as the notice does."}

A waiver covers that rule's warnings located inside the item (on it, on any field of it, on
any item inside it: a waiver on a topic covers its statements), in the knowledge base and in
every translation of it. The governance block takes waivers too (a placeholder reviewer while
sign-off is awaited; ``--release`` still refuses it). Files whose schema has no room for them
(clinic and layout files) are waived in ``checks.yaml``, by file and rule::

    waivers:
      - {file: clinics/riverside.yaml, rule: GOV-005, reason: "An example clinic's example.org addresses."}
 The finding stays in the report, marked waived with the reason,
and is counted apart ("0 error(s), 0 warning(s), 3 waived"). Errors are never waived
(but for NUM-002, a number the trial data does not hold on purpose): a waiver that names
another error rule, or a rule that does not exist, is itself an error
(WAIVE-001); one that waives nothing any more is a warning (WAIVE-002), so waivers do not
outlive their reason.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import RULES, at, finding
from leafdeck.errors import Problem
from leafdeck.read.yamlio import Loc, Located


@dataclass(frozen=True)
class Waiver:
    """One waiver and where it is written."""

    rule: str
    reason: str
    owner: Loc
    """The item (or reference) it belongs to, as a path in the knowledge base."""
    where: Loc
    """The waiver itself."""


def apply(source: Source, findings: list[Problem]) -> list[Problem]:
    """The findings with each waived warning marked, plus the waivers' own findings."""
    waivers = _waivers(source.located.data)
    owners = _owners(source)
    starts = _starts(owners)
    files = _file_waivers(source)
    used: set[Waiver] = set()
    result = []
    for problem in findings:
        chosen = None
        if problem.severity == "warning" or problem.rule in WAIVABLE_ERRORS:
            chain = _enclosing(owners, starts, (problem.file, problem.line, problem.col))
            for owner in chain[:1] if problem.rule in WAIVABLE_ERRORS else chain:
                chosen = next((w for w in waivers.get(owner, ()) if w.rule == problem.rule), None)
                if chosen is not None:
                    break
            if chosen is None:
                chosen = next((w for path, w in files if w.rule == problem.rule and _same(path, problem.file)), None)
        if chosen is not None:
            used.add(chosen)
            problem = replace(problem, severity="warning", waived=chosen.reason)
        result.append(problem)
    broken = {p.file for p in findings if p.severity == "error"}  # a file that does not load finds nothing
    unread = {w for path, w in files if any(_same(path, file) for file in broken)}
    listed = [(w, at(source.located, w.where)) for found in waivers.values() for w in found]
    if source.settings_located is not None:
        listed += [(w, at(source.settings_located, w.where)) for _, w in files]
    for waiver, where in listed:
        rule = RULES.get(waiver.rule)
        if rule is None or (rule.severity != "warning" and waiver.rule not in WAIVABLE_ERRORS):
            what = "is not a rule" if rule is None else "is an error: errors cannot be waived, only fixed"
            result.append(finding("WAIVE-001", where, f"waiver of {waiver.rule}: {waiver.rule} {what}"))
        elif waiver not in used and waiver not in unread and not (source.release and waiver.rule in RELEASE_ERRORS):
            message = f"waiver of {waiver.rule} waives nothing: no {waiver.rule} warning here any more; remove it"
            result.append(finding("WAIVE-002", where, message))
    return result


WAIVABLE_ERRORS = frozenset({"NUM-002"})
"""Errors that a waiver may accept: a number in prose that the trial data does not hold on
purpose (an odds ratio, how many were screened) is recorded so, with its reason. Such a waiver
covers the numbers of the item it is written on only, not of the items inside it (a study's
waiver does not hide a drifted number in its findings). A waived finding is counted as waived,
not as an error."""

RELEASE_ERRORS = {"GOV-005": "GOV-004", "CIT-005": "CIT-006"}
"""Warnings that ``--release`` turns into errors (under other codes): their waivers then cover
nothing, and that is no reason to remove them."""


def _file_waivers(source: Source) -> list[tuple[Path, Waiver]]:
    """The settings' waivers for clinic and layout files, with the file each names."""
    return [
        (source.layouts / w.file, Waiver(w.rule, w.reason, ("waivers", i), ("waivers", i)))
        for i, w in enumerate(source.settings.waivers)
    ]


def _same(path: Path, shown: str) -> bool:
    try:
        return path.resolve() == Path(shown).resolve()
    except (OSError, RuntimeError):  # RuntimeError: symbolic links that loop (Python before 3.13)
        return False


def _waivers(data: Any) -> dict[Loc, list[Waiver]]:
    """Every waiver in the raw knowledge base, by the path of the item that lists it."""
    found: dict[Loc, list[Waiver]] = {}

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            listed = value.get("waivers")
            if isinstance(listed, list):
                for i, entry in enumerate(listed):
                    if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
                        waiver = Waiver(entry["rule"], str(entry.get("reason", "")), loc, (*loc, "waivers", i))
                        found.setdefault(loc, []).append(waiver)
            for key, child in value.items():
                if key != "waivers":
                    walk(child, (*loc, key))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, (*loc, i))

    walk(data, ())
    return found


def _owners(source: Source) -> dict[tuple[str, int, int], list[Loc]]:
    """For each place a finding can point at (file, line, column), the items (and references)
    around it, innermost first, as paths in the knowledge base."""
    owners: dict[tuple[str, int, int], list[Loc]] = {}
    containers = set(source.index.values()) | {("governance",)}
    containers |= {("references", i) for i in range(len(source.kb.references))}
    for loc in _paths(source.located):
        where = at(source.located, loc)
        chain = [loc[:end] for end in range(len(loc), 0, -1) if loc[:end] in containers]
        _add(owners, where, chain)
    for lang in source.languages.values():
        if lang.located is None:
            continue
        for loc in _paths(lang.located):
            if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], str):
                key = loc[1].split("/")[0]  # an arm's key is study/arm: the study's waivers cover it
                base = ("governance",) if key == "governance" else source.index.get(key)
                if base is not None:
                    chain = [base[:end] for end in range(len(base), 0, -1) if base[:end] in containers]
                    _add(owners, at(lang.located, loc), chain)
    return owners


def _enclosing(
    owners: dict[tuple[str, int, int], list[Loc]], starts: dict[str, list[tuple[int, int]]], where: tuple[str, int, int]
) -> list[Loc]:
    """The owners of a place: of the value that starts there, else of the last value that starts
    before it in the same file (a finding inside a text, such as a number, NUM-002); ``starts``
    is ``_starts(owners)``."""
    if where in owners:
        return owners[where]
    if not isinstance(where[1], int) or not isinstance(where[2], int):  # no line: nothing starts before it
        before = [place for place in owners if place[0] == where[0] and place[1:] <= where[1:]]
        return owners[max(before)] if before else []
    places = starts.get(where[0], [])
    found = bisect.bisect_right(places, (where[1], where[2]))
    return owners[(where[0], *places[found - 1])] if found else []


def _starts(owners: dict[tuple[str, int, int], list[Loc]]) -> dict[str, list[tuple[int, int]]]:
    """The (line, column) of every place in ``owners``, sorted, by file."""
    found: dict[str, list[tuple[int, int]]] = {}
    for file, line, col in owners:
        found.setdefault(file, []).append((line, col))
    for places in found.values():
        places.sort()
    return found


def _add(owners: dict[tuple[str, int, int], list[Loc]], where: tuple[str, int, int], chain: list[Loc]) -> None:
    known = owners.setdefault(where, [])
    if len(chain) > len(known):  # several paths start at one place: the deepest knows the most owners
        owners[where] = chain


def _paths(located: Located) -> list[Loc]:
    return list(located.values)
