"""Review governance: the review date, the review interval, and placeholders left in place."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from leafdeck.checks.content import Source
from leafdeck.checks.core import at, finding
from leafdeck.errors import Problem
from leafdeck.read.yamlio import Located, load


def check(source: Source) -> list[Problem]:
    """GOV-001 to GOV-005 and GOV-007 (GOV-006 is a build rule)."""
    return _dates(source) + _placeholders(source) + _countries(source)


def _countries(source: Source) -> list[Problem]:
    """GOV-007: each clinic whose country has no advice of its own in the knowledge base, which
    therefore gets the international advice (``plan.variants.advice_country``)."""
    from leafdeck.fields import INTERNATIONAL, iso_countries
    from leafdeck.plan.variants import countries_of

    own = countries_of(source.kb)
    found = []
    for path in sorted((source.layouts / "clinics").glob("*.yaml")):
        located, _ = load(path)
        country = located.data.get("country") if located is not None and isinstance(located.data, dict) else None
        if located is None or country in own or country == INTERNATIONAL or country not in iso_countries():
            continue  # no country, advice of its own, or a code the clinic's own validation refuses
        message = (
            f"clinic {path.stem!r}: the knowledge base has no advice for {country} ({iso_countries()[country]}) "
            "of its own (emergency number, side-effect reporting, trial registers), so its outputs give the "
            "international advice"
        )
        found.append(finding("GOV-007", at(located, ("country",)), message))
    return found


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _dates(source: Source) -> list[Problem]:
    gov, settings, today = source.kb.governance, source.settings.governance, source.today
    where = at(source.located, ("governance", "next_review"))
    found = []
    due = gov.next_review.isoformat()
    if gov.overdue(today):
        message = (
            f"the next review was due on {due}: patient outputs are not issued after it. Review the content "
            "and set new dates; `leafdeck build --allow-expired` stamps “Out of date: do not issue” on every page"
        )
        found.append(finding("GOV-001", where, message))
    elif (gov.next_review - today).days <= settings.warning_days:
        days = (gov.next_review - today).days
        message = f"the next review is due in {days} day(s), on {due} (warning window {settings.warning_days} days)"
        found.append(finding("GOV-002", where, message))
    latest = add_months(gov.last_reviewed, settings.max_interval_months)
    if gov.next_review > latest:
        message = (
            f"{gov.last_reviewed.isoformat()} to {due} is longer than the {settings.max_interval_months}-month "
            f"review interval this topic allows; set next_review to {latest.isoformat()} or earlier"
        )
        found.append(finding("GOV-003", where, message))
    return found


def _placeholders(source: Source) -> list[Problem]:
    """Reviewers marked as placeholders, and reviewer, publisher or contact text that matches
    a placeholder pattern, in the knowledge base and in every clinic's brand file (its logo's
    description included, so stand-in artwork is refused at release: clinical review M7)."""
    patterns = [re.compile(p, re.IGNORECASE) for p in source.settings.governance.placeholder_patterns]
    rule, refused = ("GOV-004", "release refuses it") if source.release else ("GOV-005", "`--release` refuses it")
    found = []
    gov = source.kb.governance
    for i, person in enumerate(gov.reviewers):
        loc = ("governance", "reviewers", i)
        text = f"{person.name} {person.qualifications}"
        if person.placeholder or any(p.search(text) for p in patterns):
            message = f"reviewer {person.name!r} is a placeholder: a named clinician must sign off; {refused}"
            found.append(finding(rule, at(source.located, (*loc, "name")), message))
    fields: dict[tuple[str, ...], str] = {
        ("governance", "contact"): gov.contact,
        ("governance", "feedback"): gov.feedback,
    }
    fields[("governance", "publisher", "name")] = gov.publisher.name
    for where, text in fields.items():
        if any(p.search(text) for p in patterns):
            found.append(finding(rule, at(source.located, where), f"{where[-1]}: {text!r} is a placeholder; {refused}"))
    for path in sorted((source.layouts / "clinics").glob("*.yaml")):
        found += _clinic(path, patterns, rule, refused)
    return found


def _clinic(path: Path, patterns: list[re.Pattern[str]], rule: str, refused: str) -> list[Problem]:
    located, _ = load(path)
    if located is None or not isinstance(located.data, dict):
        return []  # the build reports a broken clinic file; this rule has nothing to add
    return [
        finding(rule, at(located, (key,)), f"clinic {path.stem!r}: {key} {value!r} is a placeholder; {refused}")
        for key, value in _clinic_contacts(located)
        if any(p.search(value) for p in patterns)
    ]


def _clinic_contacts(located: Located) -> list[tuple[str, str]]:
    data = located.data
    keys = ("name", "phone", "email", "address", "web", "logo_alt")  # a stand-in logo's description too
    return [(key, data[key]) for key in keys if isinstance(data.get(key), str)]
