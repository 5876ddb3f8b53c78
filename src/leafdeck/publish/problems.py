"""What ``leafdeck check`` finds in the sources before any build: the knowledge base, its
translations and labels, the layouts and clinics, and the product sections that would come out
empty (PLAN-001). Errors are raised together as one ``InputError``; warnings are returned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from leafdeck.errors import InputError, Problem, errors_only
from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.publish.jobs import Products
from leafdeck.publish.variant import spelling_problems
from leafdeck.read.labels import copied_labels, load_labels
from leafdeck.read.layout import load_model
from leafdeck.read.lengths import length_problems
from leafdeck.read.numbers import translation_reference_problems
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import available_languages, load_translation, translation_path, translation_problems


def check(kb_path: Path, layouts: Path) -> list[Problem]:
    """Validate the knowledge base, its translations and labels; return the warnings
    (errors raise InputError, all of them together)."""
    from leafdeck.publish.inputs import layout_problems

    try:
        kb, problems = load_kb(kb_path)
    except InputError as exc:  # report the translations', clinics' and layout files' problems too
        raise InputError(exc.problems + _translation_load_problems(kb_path) + layout_problems(layouts)) from None
    problems += layout_problems(layouts, kb_path, available_languages(kb_path, kb.document.language))
    problems += spelling_problems(kb_path.parent)
    for language in available_languages(kb_path, kb.document.language):
        problems += _language_problems(kb, kb_path, language)
    # FIT-004 (short fields longer than the products show, every clinic) and PLAN-001 need the
    # knowledge base only: found beside other files' errors, so that one problem never hides another
    languages = available_languages(kb_path, kb.document.language)
    clinics = sorted(p.stem for p in (layouts / "clinics").glob("*.yaml"))
    problems += _beside(problems, lambda: length_problems(kb_path, layouts, languages, clinics, kb))
    problems += _beside(problems, lambda: plan_problems(kb, kb_path, layouts))
    if errors_only(problems):
        raise InputError(problems)
    return problems


def _beside(known: list[Problem], find: Callable[[], list[Problem]]) -> list[Problem]:
    """What ``find`` finds that is not ``known`` already; when a file it reads does not load, the
    problems of that file (those are ``known`` as a rule: a file is validated before it is used)."""
    try:
        found = find()
    except InputError as exc:
        found = exc.problems
    return [p for p in found if p not in known]


def plan_problems(kb: KnowledgeBase, kb_path: Path, layouts: Path) -> list[Problem]:
    """PLAN-001: a product section that comes out empty at the product's depth although the
    knowledge base has content for it (mark the items it needs ``depth: essential``), located at
    the section's entry in ``layouts/products.yaml``, for each audience the product is made for."""
    from leafdeck.plan.outline import empty_sections
    from leafdeck.read.yamlio import load

    path = layouts / "products.yaml"
    try:
        made = load_model(path, Products, layouts)
    except InputError as exc:
        return exc.problems
    located, _ = load(path)
    if located is None:  # loaded above, so only if the file changed since: load_model reports it next time
        return []
    labels = load_labels(kb_path.parent, kb.document.language)
    problems = []
    for name, contents in made.contents.items():
        audiences = dict.fromkeys(a for p in made.products if p.contents == name for a in p.audiences)
        for audience in audiences:
            for i in empty_sections(select(kb, audience), audience, labels, contents):
                section = contents.sections[i].section
                message = (
                    f"contents.{name}: section {section!r} is empty for {audience} readers at depth "
                    f"{contents.depth!r}: mark the knowledge-base items it needs `depth: {contents.depth}`"
                )
                problems.append(located.problem(("contents", name, "sections", i), message, rule="PLAN-001"))
    return problems


def _translation_load_problems(kb_path: Path) -> list[Problem]:
    """What stops each translation file beside ``kb_path`` from loading on its own (YAML syntax,
    schema), for when the knowledge base itself does not load and nothing can be compared."""
    problems: list[Problem] = []
    for language in available_languages(kb_path, "")[1:]:
        try:
            load_translation(translation_path(kb_path, language))
        except InputError as exc:
            problems += exc.problems
    return problems


def _language_problems(kb: KnowledgeBase, kb_path: Path, language: str) -> list[Problem]:
    problems: list[Problem] = []
    try:
        load_labels(kb_path.parent, language)
        problems += copied_labels(kb_path.parent, language)
    except InputError as exc:
        problems += exc.problems
    if language == kb.document.language:
        return problems
    path = translation_path(kb_path, language)
    try:
        translation, located = load_translation(path)
        problems += translation_problems(kb, translation, located) + translation_reference_problems(kb, located)
    except InputError as exc:
        problems += exc.problems + [p for p in _marks_of_unloaded(kb, path) if p not in exc.problems]
    return problems


def _marks_of_unloaded(kb: KnowledgeBase, path: Path) -> list[Problem]:
    """LANG-003 (``{lang=…}`` marks) and NUM-001/NUM-003 (references) in a translation that does
    not validate (a bad ``language:`` or ``date:`` line): read from the YAML itself, so one
    mistake never hides another (every problem at once)."""
    from leafdeck.read.yamlio import load

    located, _ = load(path)
    return translation_reference_problems(kb, located) if located is not None else []
