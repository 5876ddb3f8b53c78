"""What a build would refuse, found without writing anything: content that does not fit the
fixed-size products (for ``leafdeck check``).

The fixed-size products are the PDFs whose layout sets a page ``budget`` (short leaflet, large
print, option grid) or folds into panels (tri-folds). Each is laid out in memory for the default
clinic (the first clinic when there is no ``default``; none when there is no clinic file), in every language and for every audience
it is made for, exactly as the build would hand it to the renderer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.plan.outline import outline
from leafdeck.plan.variants import select
from leafdeck.publish import pipeline
from leafdeck.publish.request import BuildRequest
from leafdeck.read.layout import Resolved


def fit_problems(kb_path: Path, layouts: Path, kb: KnowledgeBase) -> list[Problem]:
    """FIT-001 (over the page budget) and FIT-002 (an item larger than a page or panel) for every
    fixed-size product of the default clinic, each once (the first language and audience it
    appears for), located at the item in the knowledge base or translation file. Input errors
    found on the way are returned as they are."""
    from leafdeck.render.leaflet import fits

    clinics = pipeline.all_clinics(layouts)
    if not clinics:  # nothing is built without a clinic file, so nothing can fail to fit
        return []
    clinic_name = "default" if "default" in clinics else clinics[0]
    request = BuildRequest(kb_path, layouts, Path("output"), Path("build"), clinics=(clinic_name,), languages=("all",))
    try:
        jobs = pipeline.plan(replace(request, formats=("pdf",)), kb, strict=False)
        layout_of = pipeline._layouts(layouts, {(job.layout, job.format) for job in jobs})
        fixed = [job for job in jobs if _fixed(layout_of[job.layout][0])]
        languages, _ = pipeline._languages(request, kb, {job.language for job in fixed})
        clinic = pipeline._clinics(layouts, {clinic_name})[clinic_name]
        contents = pipeline.products(request).contents
    except InputError as exc:
        return exc.problems
    found: dict[tuple[str, str, int, str], Problem] = {}
    for job in fixed:
        language = languages[job.language]
        chosen = select(language.kb, job.audience, clinic.country)
        online = pipeline.online_address(clinic, chosen, job.audience)
        labels = language.labels.in_country(clinic.country)
        labels = labels if online else labels.offline()
        plan = outline(chosen, job.audience, labels, contents[job.contents], job.product)
        notice = pipeline._notice(language, job.audience, False)
        resolved = Resolved(layout_of[job.layout][0], clinic, layouts, online, labels, notice, language.source)
        for problem in fits(plan, resolved):  # type: ignore[arg-type]
            found.setdefault((problem.file, problem.rule, problem.line, job.product), problem)
    return list(found.values())


def _fixed(layout: object) -> bool:
    return getattr(layout, "budget", None) is not None or getattr(layout, "imposition", None) == "trifold"
