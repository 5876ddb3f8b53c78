"""Run every check: the sources first (they must load), then the built outputs, if any."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from leafdeck.checks import citations, condense, decision, governance, languages, numbers, readability, risk, waivers
from leafdeck.checks.content import Language, Source
from leafdeck.checks.core import Results, judged
from leafdeck.checks.settings import Settings, load_settings
from leafdeck.errors import InputError, Problem, display_path
from leafdeck.publish.background import started
from leafdeck.read.inputs import Inputs
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import apply, available_languages, load_translation, translation_path
from leafdeck.read.yamlio import load


@dataclass(frozen=True)
class CheckRequest:
    """What to check."""

    kb: Path
    layouts: Path = Path("layouts")
    outputs: Path | None = None
    """The built outputs to check as well (``check --outputs``); None: the sources only."""
    release: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    fit: bool = False
    """Lay out the fixed-size products in memory and report what would not fit (FIT-001/002) or
    leaves a page of the short leaflet more than a third empty (FIT-003)."""
    build_dir: Path | None = None
    """Where the fit prediction keeps its cache (``cache/fit.json``); None: no cache."""
    every_clinic: bool = False
    """Lay out the fixed-size products for every clinic file, not only the default one
    (``check --all-clinics``, and ``--release``): a clinic's country changes what they print."""


def run(request: CheckRequest, inputs: Inputs | None = None) -> Results:
    """Every finding; when the sources do not load, only the findings that say why. Every input
    file is read from ``inputs`` (the command's bundle; a new one when None), so once."""
    with (inputs or Inputs()).active():
        return _run(request)


def _run(request: CheckRequest) -> Results:
    results = Results()
    try:
        source, loaded = _source(request)
    except InputError as exc:
        results.findings = [judged(p) for p in exc.problems]
        return results
    results.findings += [judged(p) for p in loaded]
    # the rules that select each language's view first: the fit prediction's process inherits them
    ruled = citations.check(source) + governance.check(source) + risk.check(source)
    fit = None
    if request.fit and not any(f.severity == "error" for f in loaded):  # the layouts must load to lay out
        from leafdeck.publish.predict import fit_started

        # planned and laid out in another process while the other rules run here
        fit = fit_started(request.kb, request.layouts, source.kb, request.build_dir, every_clinic=request.every_clinic)
    counted = started(lambda: readability.check(source))  # the longest rule, in a third process
    try:
        ruled += decision.check(source) + languages.check(source) + numbers.check(source)
        found, figures = counted.result()
    except BaseException:
        counted.cancel()
        if fit is not None:
            fit.cancel()
        raise
    results.findings += ruled
    if fit is not None:
        results.findings += [judged(p) for p in fit.result()]
    results.findings += found
    results.figures["readability"] = figures
    if request.outputs is not None and source.settings.outputs.enabled and request.outputs.is_dir():
        from leafdeck.checks import outputs

        found, checked = outputs.check(source, request.outputs)
        results.findings += found
        results.outputs = checked
    results.findings = sorted(set(waivers.apply(source, results.findings)), key=_order)
    results.findings = condense.without_refused(results.findings) if request.release else results.findings
    results.figures["source"] = display_path(request.kb)
    results.figures["today"] = request.today.isoformat()
    results.figures["thresholds"] = thresholds(source.settings)
    results.figures["thumbnail_dpi"] = source.settings.outputs.thumbnail_dpi
    results.figures["limits"] = {
        audience: limits.model_dump() for audience, limits in source.settings.readability.audiences.items()
    }
    return results


def thresholds(settings: Settings) -> dict[str, str]:
    """Each rule's threshold as the settings set it, for the report's rule table."""
    read = settings.readability.audiences
    per = "; ".join
    return {
        "GOV-001": "today ≤ next_review",
        "GOV-002": f"{settings.governance.warning_days} days before next_review",
        "GOV-003": f"≤ {settings.governance.max_interval_months} months",
        "READ-001": per(f"{a}: grade ≤ {r.grade_target:g}" for a, r in read.items()),
        "READ-002": per(f"{a}: grade ≤ {r.grade_max:g}" for a, r in read.items()),
        "READ-003": per(f"{a}: Reading Ease ≥ {r.reading_ease_min:g}" for a, r in read.items()),
        "READ-004": per(f"{a}: ≤ {r.sentence_words_max} words" for a, r in read.items()),
        "RISK-001": f"{', '.join(settings.risk.audiences)}: every trial outcome has a timeframe",
        "RISK-002": f"{', '.join(settings.risk.audiences)}: {len(settings.risk.verbal)} languages' word lists",
        "RISK-003": f"{', '.join(settings.risk.audiences)}: relative phrasing needs “N in M”",
        "RISK-004": f"{', '.join(settings.risk.audiences)}: no “%” or “per cent”",
        "RISK-005": f"{', '.join(settings.risk.audiences)} outputs: no “%”",
        "DA-003": f"when any study is below {settings.decision.unknowns_below.replace('_', ' ')} certainty",
        "DA-004": f"≤ {settings.decision.max_key_points}",
        "OUT-001": "100% of selected items",
        "OUT-002": "the layout's min_font_size",
    }


def _order(f: Problem) -> tuple[object, ...]:
    return (f.severity != "error", bool(f.waived), f.file, f.line, f.col, f.rule, f.message)


def _source(request: CheckRequest) -> tuple[Source, list[Problem]]:
    """The loaded sources and every problem loading them found (errors too: the rules still run
    on the knowledge base when it loads, so one broken file never hides the others' problems; a
    translation that does not load is left out of the rules). Raises InputError, with every
    problem found, only when the knowledge base or the check settings do not load."""
    from leafdeck.publish.problems import check as validate_all

    try:
        problems = validate_all(request.kb, request.layouts)
    except InputError as exc:
        problems = exc.problems
    try:
        kb, _ = load_kb(request.kb)
        settings, settings_located = load_settings(request.kb)
    except InputError as exc:
        raise InputError(problems + [p for p in exc.problems if p not in problems]) from None
    located, _ = load(request.kb)
    assert located is not None
    languages = {}
    for code in available_languages(request.kb, kb.document.language):
        if code != kb.document.language:
            try:
                translation, where = load_translation(translation_path(request.kb, code))
            except InputError:  # its problems are among those validate_all found
                continue
            languages[code] = Language(code, apply(kb, translation), where)
    source = Source(
        request.kb,
        kb,
        located,
        settings,
        settings_located,
        request.today,
        request.release,
        languages,
        request.layouts,
    )
    return source, problems
