"""A release build's gate: the release rules of ``leafdeck check --release``, run before the build
decides anything is up to date (issue 17, editor's trial point 1).

``leafdeck build --release`` used to build an unfinished translation (LANG-002), placeholder
contacts (GOV-004) and unverified sources cited to patients (CIT-006) with exit 0, or answer
"skipped (up to date)" without looking. Now it refuses them, together with a talk without its
presenter (GOV-006), with the very messages ``check --release`` prints (the same rule functions
make them), exit 1, and writes nothing. Only what the build makes is judged: the translations of
the languages built, the clinic files of the clinics built (the knowledge base's own
placeholders always), and CIT-006 only when a patient output is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from leafdeck.errors import InputError, Problem, display_path

if TYPE_CHECKING:
    from leafdeck.checks.content import Source
    from leafdeck.publish.jobs import Job
    from leafdeck.publish.request import BuildRequest

RELEASE_RULES = ("LANG-002", "GOV-004", "CIT-006")
"""The rules a release adds to every check (``check --release``): an unfinished translation, a
placeholder reviewer, publisher or contact, a reference with nothing verified that patients see."""


def refuse_unreleasable(request: BuildRequest) -> None:
    """Raise InputError with every release finding of what ``request`` builds; nothing when it is
    not a release build (then this reads nothing). Input errors found on the way raise too."""
    if not request.release:
        return
    from leafdeck.publish.pipeline import plan
    from leafdeck.read.sources import load_kb

    kb, _ = load_kb(request.kb)
    jobs = plan(request, kb)
    problems = release_problems(request, jobs) + _presenter_problems(request, jobs)
    if problems:
        raise InputError(problems)


def release_problems(request: BuildRequest, jobs: list[Job]) -> list[Problem]:
    """The release findings (``RELEASE_RULES``, errors) that concern ``jobs``, sorted by place."""
    from leafdeck.checks import citations, governance, languages

    source = _release_source(request, {job.language for job in jobs})
    found = citations.check(source) + governance.check(source) + languages.check(source)
    concerned = _concerned(request, jobs)
    kept = {p for p in found if p.rule in RELEASE_RULES and p.severity == "error" and concerned(p)}
    return sorted(kept, key=lambda p: (p.file, p.line, p.col, p.rule, p.message))


def _presenter_problems(request: BuildRequest, jobs: list[Job]) -> list[Problem]:
    """GOV-006 (a release talk without a presenter) and a presenter file's own problems, so that
    a release build names them together with the rules above, not one after the other."""
    from leafdeck.publish.pipeline import _presenter

    try:
        _presenter(request, jobs)
    except InputError as exc:
        return exc.problems
    return []


def _concerned(request: BuildRequest, jobs: list[Job]) -> Callable[[Problem], bool]:
    """Whether a release finding is about something these jobs make."""
    clinic_files = {display_path(p) for p in (request.layouts / "clinics").glob("*.yaml")}
    built_clinics = {display_path(request.layouts / "clinics" / f"{job.clinic}.yaml") for job in jobs}
    patients = any(job.audience == "patient" for job in jobs)

    def concerned(problem: Problem) -> bool:
        if problem.rule == "CIT-006":
            return patients
        if problem.file in clinic_files:
            return problem.file in built_clinics
        return True

    return concerned


def _release_source(request: BuildRequest, wanted: set[str]) -> Source:
    """The sources as ``check --release`` reads them, with the translations of ``wanted`` only."""
    from leafdeck.checks.content import Language, Source
    from leafdeck.checks.settings import load_settings
    from leafdeck.read.sources import load_kb
    from leafdeck.read.translations import apply, load_translation, translation_path
    from leafdeck.read.yamlio import load

    kb, _ = load_kb(request.kb)
    located, problems = load(request.kb)
    if located is None:
        raise InputError(problems)
    settings, settings_located = load_settings(request.kb)
    translated = {}
    for code in sorted(wanted - {kb.document.language}):
        path = translation_path(request.kb, code)
        if path.exists():  # a language without a file is refused by the build itself
            translation, where = load_translation(path)
            translated[code] = Language(code, apply(kb, translation), where)
    today = request.today or dt.date.today()
    return Source(request.kb, kb, located, settings, settings_located, today, True, translated, request.layouts)
