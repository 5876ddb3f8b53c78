"""The build, as a story: load, plan the matrix, resolve languages, clinics and layouts,
skip what is up to date, render the rest (in parallel), publish, record."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem, display_path, errors_only
from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Outline
from leafdeck.plan.contents import Contents
from leafdeck.plan.outline import outline
from leafdeck.publish.addresses import hosted_pages, online_address, page_links, variant_address
from leafdeck.publish.cache import cached
from leafdeck.publish.files import output_lock, sweep, write_text_atomically
from leafdeck.publish.jobs import Job, Matrix, Products, plan_jobs, shard
from leafdeck.publish.logos import logo_problems
from leafdeck.publish.manifest import Manifest, assets_hash, digest, model_hash
from leafdeck.publish.record import expect, guard, record, refuse_hand_edits
from leafdeck.publish.request import BuildRequest, fingerprint, up_to_date
from leafdeck.publish.runner import Result, Task, publish, rendered
from leafdeck.publish.variant import variant_kb
from leafdeck.read.inputs import Inputs
from leafdeck.read.labels import Labels, load_labels
from leafdeck.read.languages import code_problem
from leafdeck.read.layout import Clinic, Resolved, load_clinic, load_model
from leafdeck.read.lengths import length_problems
from leafdeck.read.numbers import translation_reference_problems
from leafdeck.read.paths import SETTINGS_NAME, loop_message, real_path
from leafdeck.read.references import unbacked_in
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import (
    Translation,
    apply,
    available_languages,
    load_translation,
    progress,
    translation_path,
    translation_problems,
)
from leafdeck.render import RENDERERS, RenderFn

TALK_FORMAT = "pptx"
"""Talks are the products of this format: they alone show a presenter."""

if TYPE_CHECKING:
    from leafdeck.read.presenters import Presenter


@dataclass
class BuildReport:
    """What a build did with each artifact, and the warnings met on the way."""

    results: list[Result] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: dict[Path, str] = field(default_factory=dict)
    """Each web page of the build (written or up to date) → the address its folder is hosted at."""

    def having(self, status: str) -> list[Result]:
        """The results with this status (built, skipped, failed)."""
        return [r for r in self.results if r.status == status]

    @property
    def written(self) -> list[Path]:
        """Files written by this run."""
        return [r.target for r in self.having("built")]


@dataclass(frozen=True)
class Language:
    """One language's view of the knowledge base, ready for the renderers."""

    kb: KnowledgeBase
    labels: Labels
    notice: str | None
    source: str
    """The file its text comes from, for messages."""


def build(
    request: BuildRequest, on_result: Callable[[Result], None] = lambda _: None, inputs: Inputs | None = None
) -> BuildReport:
    """Every requested artifact that is out of date; input errors stop the build before anything is
    rendered. Every input file is read from ``inputs`` (the command's bundle; a new one when None),
    so once; a build with nothing to do reads none."""
    with (inputs or Inputs()).active():
        return _build(request, on_result)


def _build(request: BuildRequest, on_result: Callable[[Result], None]) -> BuildReport:
    from leafdeck.publish.release import refuse_unreleasable  # a release is judged before anything is up to date

    refuse_unreleasable(request)
    manifest = Manifest.load(request.build_dir / "manifest.json")
    today = request.today or dt.date.today()  # a review date can pass while no file changes
    unchanged = up_to_date(request, manifest)
    sweep(request.out, list(unchanged.values()) if unchanged else [])  # what killed runs left, every build
    if unchanged is not None:  # nothing changed since the last complete build: nothing to read
        results = [Result(key, target, "skipped") for key, target in unchanged.items()]
        return BuildReport(results, pages=hosted_pages(results))
    run_fingerprint = fingerprint(request)
    kb, warnings = cached(request.build_dir, "kb", [request.kb], KnowledgeBase, lambda: load_kb(request.kb))
    _check_settings(request.kb)
    unbacked = unbacked_in(kb, request.kb)  # what check calls an error (CIT-009) is refused here too
    if unbacked:
        raise InputError(unbacked)
    jobs = plan(request, kb)
    too_long = length_problems(
        request.kb, request.layouts, {job.language for job in jobs}, {job.clinic for job in jobs}, kb
    )
    try:  # a field too long (FIT-004) is reported with the problems found next, never instead of them
        expired = _out_of_date(request, kb, jobs, today)
        languages, language_warnings = _languages(request, kb, {job.language for job in jobs})
        clinics = _clinics(request.layouts, {job.clinic for job in jobs})
        presenter = _presenter(request, jobs)
        layouts = _layouts(request.layouts, {(job.layout, job.format) for job in jobs})
        _check_fonts(request, jobs, layouts)
    except InputError as exc:
        raise InputError(too_long + [p for p in exc.problems if p not in too_long]) from None
    if too_long:
        raise InputError(too_long)
    warnings = warnings + logo_problems(
        request.layouts, clinics, [(j.product, j.format, layouts[j.layout][0]) for j in jobs]
    )
    dump_model(kb, request.build_dir)
    contents = products(request).contents
    tasks, skipped = _tasks(request, jobs, languages, clinics, layouts, contents, manifest, expired, presenter)
    refuse_hand_edits(request, tasks, today)
    # rendered side by side with other builds into request.out; published and recorded one at a time
    with rendered(tasks, request.workers, on_result, request.out) as done, output_lock(request.out):
        expect(manifest, done)
        results = publish(done, guard(request, today))
        record(manifest, tasks, skipped + results, run_fingerprint, [job.key for job in jobs])
    return BuildReport(skipped + results, warnings + language_warnings, hosted_pages(skipped + results))


def _check_settings(kb: Path) -> None:
    """The quality gate's settings (``checks.yaml`` beside the knowledge base) refused as ``check``
    refuses them, located; a build does not go ahead on settings ``check`` would not run with.
    Settings found good are remembered by their exact bytes (``Inputs.remembered``): the next
    build with the same file need not build the settings' classes again (about 0.06 s); settings
    with a problem are never remembered, so they are refused, located, every time."""
    from leafdeck.read.inputs import current

    path = kb.parent / SETTINGS_NAME
    if not path.exists():
        return  # no file: the defaults, which check runs with
    text, _ = current().text(path)  # from the command's inputs bundle: the file is read once
    if text is None:
        _settings_verdict(kb)  # a file that cannot be read: refused as check refuses it
        return
    current().remembered("settings", path, text.encode("utf-8"), lambda: _settings_verdict(kb))


def _settings_verdict(kb: Path) -> None:
    """None when the settings beside ``kb`` load; raises InputError, located, when they do not."""
    from leafdeck.checks.settings import load_settings

    load_settings(kb)


def _check_fonts(request: BuildRequest, jobs: list[Job], layouts: dict[str, tuple[BaseModel, str]]) -> None:
    """Text the PDFs' fonts cannot draw, located in the file it comes from, before rendering."""
    from leafdeck.publish.inputs import font_problems

    pdf = [job for job in jobs if job.format == "pdf"]
    models = [layouts[name][0] for name in sorted({job.layout for job in pdf})]
    languages, clinics, audiences = ({getattr(job, name) for job in pdf} for name in ("language", "clinic", "audience"))
    problems = font_problems(request.kb, request.layouts, models, languages, clinics, audiences)
    if problems:
        raise InputError(problems)


def plan(request: BuildRequest, kb: KnowledgeBase, strict: bool = True) -> list[Job]:
    """The jobs of the requested matrix (and shard), sorted. ``strict``: a product, clinic or
    language named that does not exist, or a selection of nothing, raises UsageError."""
    from leafdeck.publish.selectors import check_selection
    from leafdeck.read.layout import clinic_name_problem

    base = kb.document.language
    languages = request.languages or (base,)
    if languages == ("all",):
        languages = tuple(available_languages(request.kb, base))
    clinics = request.clinics if request.clinics != ("all",) else all_clinics(request.layouts)
    matrix = Matrix(clinics, languages, request.audiences, request.formats, request.only)
    available = [p for p in products(request).products if p.format in RENDERERS]
    jobs = plan_jobs(tuple(available), matrix, base)
    if strict:
        named = replace(
            matrix, clinics=tuple(c for c in clinics if not clinic_name_problem(c)), languages=request.languages or ()
        )
        known = [p.name for p in available], all_clinics(request.layouts), available_languages(request.kb, base)
        check_selection(named, *known, found=len(jobs), presenter=_presenter_named(request))
    return shard(jobs, request.shard)


def _presenter_named(request: BuildRequest) -> tuple[str | None, list[str]]:
    """The presenter asked for (when its name is well formed: else loading it says what is
    wrong) and every presenter file there is."""
    from leafdeck.read.presenters import presenter_name_problem, presenter_path

    name = request.presenter if request.presenter and not presenter_name_problem(request.presenter) else None
    folder = presenter_path(request.layouts, "x").parent
    return name, sorted(p.stem for p in folder.glob("*.yaml"))


def outlines(request: BuildRequest, kb: KnowledgeBase, jobs: list[Job]) -> dict[Job, Outline]:
    """The content plan of each job (what ``leafdeck plan --outline`` prints), without rendering."""
    languages, _ = _languages(request, kb, {job.language for job in jobs})
    clinics = _clinics(request.layouts, {job.clinic for job in jobs})
    contents = products(request).contents
    found: dict[Job, Outline] = {}
    for job in jobs:
        language, country = languages[job.language], clinics[job.clinic].country
        chosen = variant_kb(request.kb.parent, language.kb, job.audience, country)
        found[job] = outline(
            chosen, job.audience, language.labels.in_country(country), contents[job.contents], job.product
        )
    return found


def products(request: BuildRequest) -> Products:
    """``layouts/products.yaml``: the products and what each shows (user errors raise InputError)."""
    return load_model(request.layouts / "products.yaml", Products, request.layouts)


def all_clinics(layouts: Path) -> tuple[str, ...]:
    """Every clinic brand under layouts/clinics/."""
    return tuple(sorted(p.stem for p in (layouts / "clinics").glob("*.yaml")))


def _languages(request: BuildRequest, kb: KnowledgeBase, wanted: set[str]) -> tuple[dict[str, Language], list[Problem]]:
    """Each wanted language's translated model, labels and notice; all problems at once."""
    found: dict[str, Language] = {}
    problems: list[Problem] = []
    for language in sorted(wanted):
        try:
            found[language] = _language(request, kb, language, problems)
        except InputError as exc:
            problems += exc.problems
    if errors_only(problems):
        raise InputError(problems)
    return found, problems


def _language(request: BuildRequest, kb: KnowledgeBase, language: str, problems: list[Problem]) -> Language:
    path = translation_path(request.kb, language)
    if language != kb.document.language and not path.exists():
        hint = code_problem(language) or f"no {language!r} translation (leafdeck translate {language} starts one)"
        hint = loop_message(Path(display_path(path))) if real_path(path) is None else hint
        raise InputError([Problem(display_path(path), message=hint)])
    labels = load_labels(request.kb.parent, language)
    if language == kb.document.language:
        return Language(kb, labels, None, display_path(request.kb))
    translation, found = cached(
        request.build_dir, f"translation-{language}", [request.kb, path], Translation, lambda: _translation(kb, path)
    )
    problems += found
    return Language(apply(kb, translation), labels, _language_notice(kb, translation, labels), display_path(path))


def _language_notice(kb: KnowledgeBase, translation: Translation, labels: Labels) -> str | None:
    """What every output of a translation says on its first page and slide: that parts of it
    are still in English (a translation not finished), that no clinician has checked it."""
    unfinished = labels("translation_incomplete") if progress(kb, translation).missing else None
    unchecked = None if translation.clinically_checked else labels("translation_unchecked")
    return " ".join(part for part in (unfinished, unchecked) if part) or None


def _translation(kb: KnowledgeBase, path: Path) -> tuple[Translation, list[Problem]]:
    """A translation and its problems; what is not translated yet is one line, not one per field."""
    translation, located = load_translation(path)
    return translation, translation_problems(
        kb, translation, located, each_field=False
    ) + translation_reference_problems(kb, located)


def _presenter(request: BuildRequest, jobs: list[Job]) -> Presenter | None:
    """The presenter the talks show (``--presenter``), validated; None without one. A release
    build of a talk without a presenter is refused: its disclosures slide would be unfinished."""
    from leafdeck.read.presenters import load_presenter

    if request.presenter is not None:
        return load_presenter(request.layouts, request.presenter)
    talks = sorted({job.product for job in jobs if job.format == TALK_FORMAT})
    if request.release and talks:
        message = (
            f"{', '.join(talks)}: a release talk needs its presenter's name and disclosures: "
            "leafdeck new-presenter NAME writes a file to fill in, then build with --presenter NAME"
        )
        raise InputError([Problem("--presenter", message=message, rule="GOV-006")])
    return None


def _clinics(layouts: Path, names: set[str]) -> dict[str, Clinic]:
    found: dict[str, Clinic] = {}
    problems: list[Problem] = []
    for name in sorted(names):
        try:
            found[name] = load_clinic(layouts, name)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return found


def _layouts(root: Path, wanted: set[tuple[str, str]]) -> dict[str, tuple[BaseModel, str]]:
    """Every layout a job needs, loaded and checked before anything is rendered, with its hash."""
    resolved: dict[str, tuple[BaseModel, str]] = {}
    problems: list[Problem] = []
    for name, fmt in sorted(wanted):
        try:
            layout = load_model(root / f"{name}.yaml", RENDERERS[fmt].layout_model, root)
            resolved[name] = (layout, digest(model_hash(layout), assets_hash(layout, root)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return resolved


def _tasks(
    request: BuildRequest,
    jobs: list[Job],
    languages: dict[str, Language],
    clinics: dict[str, Clinic],
    layouts: dict[str, tuple[BaseModel, str]],
    contents: dict[str, Contents],
    manifest: Manifest,
    expired: bool = False,
    presenter: Presenter | None = None,
) -> tuple[list[Task], list[Result]]:
    """A render task for each job whose inputs changed; a skipped result for the others."""
    variants: dict[tuple[str, str, str], tuple[KnowledgeBase, str]] = {}
    clinic_hashes = {name: digest(model_hash(c), assets_hash(c, request.layouts)) for name, c in clinics.items()}
    tasks, skipped = [], []
    inputs_of: dict[str, str] = {}
    pages = any(job.format == "html" for job in jobs)
    made, base = (products(request).products, _base_language(request)) if pages else ((), "")
    for job in sorted(jobs, key=lambda job: job.format == "html"):  # a page's inputs include its PDFs'
        language, clinic, (layout, layout_hash) = languages[job.language], clinics[job.clinic], layouts[job.layout]
        variant = (job.language, job.audience, clinic.country)
        if variant not in variants:
            chosen = variant_kb(request.kb.parent, language.kb, job.audience, clinic.country)
            variants[variant] = (chosen, model_hash(chosen))
        kb, kb_hash = variants[variant]
        online = online_address(clinic, kb, job.audience)
        labels = language.labels.in_country(clinic.country)
        labels = labels if online else labels.offline()  # no website: say how to ask the clinic
        notice = _notice(language, job.audience, expired)
        talk_presenter = presenter if job.format == TALK_FORMAT else None
        resolved = Resolved(
            layout, clinic, request.layouts, online, labels, notice, language.source, presenter=talk_presenter
        )
        renderer = RENDERERS[job.format]
        target = job.target(request.out, renderer.suffix)
        inputs = digest(
            model_hash(talk_presenter) if talk_presenter else "",
            job.key,
            kb_hash,
            layout_hash,
            clinic_hashes[job.clinic],
            model_hash(contents[job.contents]),
            str(labels.words),
            online,
            str(notice),
        )
        page = page_links(request, job, kb, clinic, made, base, inputs_of) if job.format == "html" else None
        if page is not None:
            inputs = digest(inputs, page.fingerprint)
        inputs_of[job.key] = inputs
        if not request.force and manifest.fresh(job.key, inputs, target):
            skipped.append(Result(job.key, target, "skipped"))
            continue
        plan = outline(kb, job.audience, labels, contents[job.contents], job.product)
        if page is None:
            tasks.append(Task(job.key, target, _writer(renderer.render, plan, resolved), inputs))
        else:
            tasks.append(Task(job.key, target, page.writer(plan, resolved), inputs, page.reads))
    return sorted(tasks, key=lambda t: t.key), sorted(skipped, key=lambda r: r.key)


def _out_of_date(request: BuildRequest, kb: KnowledgeBase, jobs: list[Job], today: dt.date) -> bool:
    """Whether the next review is overdue; then patient outputs are refused, a located error,
    unless ``allow_expired`` asks for them stamped "Out of date: do not issue"."""
    from leafdeck.read.yamlio import load

    due = kb.governance.next_review
    if not kb.governance.overdue(today):
        return False
    if any(job.audience == "patient" for job in jobs) and not request.allow_expired:
        located, problems = load(request.kb)
        message = (
            f"governance.next_review: the review was due on {due.isoformat()}; patient outputs are not issued "
            "after it. Review the content and set new dates, or build with --allow-expired to stamp "
            "“Out of date: do not issue” on every page and slide"
        )
        where = ("governance", "next_review")
        raise InputError([located.problem(where, message, rule="GOV-001")] if located else problems)
    return True


def _notice(language: Language, audience: str, expired: bool) -> str | None:
    """The notice every page and slide shows: "Out of date" on an overdue patient output, then
    the language's own notice (an unchecked translation)."""
    stamp = language.labels("out_of_date") if expired and audience == "patient" else None
    return " ".join(part for part in (stamp, language.notice) if part) or None


def _writer(render: RenderFn, plan: Outline, resolved: Resolved[Any]) -> Callable[[Path, Mapping[Path, Path]], None]:
    """A function that renders one artifact's outline into the file it is given."""
    return lambda tmp, _: render(plan, resolved, tmp)


def _base_language(request: BuildRequest) -> str:
    """The knowledge base's own language (read from the build cache)."""
    kb, _ = cached(request.build_dir, "kb", [request.kb], KnowledgeBase, lambda: load_kb(request.kb))
    return kb.document.language


def addresses(request: BuildRequest, kb: KnowledgeBase, jobs: list[Job]) -> dict[Job, str]:
    """Each job's variant address (its clinic's web address plus a stable path)."""
    clinics = _clinics(request.layouts, {job.clinic for job in jobs})
    return {job: variant_address(clinics[job.clinic], kb.document.id, job.language, job.audience) for job in jobs}


def dump_model(kb: KnowledgeBase, build_dir: Path) -> Path:
    """Write the validated model as JSON, so "what did the renderers see?" is always a file."""
    target = build_dir / "model.json"
    text = json.dumps(kb.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_text_atomically(target, text)
    return target
