"""The sections about the studies: the evidence topic, charts, icon arrays, one section per trial
(a talk's slides), the trials table and the study details. Each builder takes a ``Context`` and
returns a section (or one per trial); ``BUILDERS`` maps their section names.
"""

from __future__ import annotations

from collections.abc import Callable

from leafdeck.model import Outcome, Study
from leafdeck.plan import blocks as b
from leafdeck.plan.contents import SectionName
from leafdeck.plan.context import Built, Context, para, paras, section, topic_blocks
from leafdeck.plan.evidence import chart_outcome, icon_array


def _evidence(ctx: Context) -> b.Section | None:
    topic = ctx.kb.topic("evidence")
    if topic is None:
        return None
    return section(ctx, topic.title, topic_blocks(topic, ctx), topic.headline, topic.short_headline)


def _trials(ctx: Context) -> list[Study]:
    return [s for s in ctx.kb.studies if s.kind == "randomized_trial" and s.sham_controlled]


def _charts(ctx: Context) -> b.Section:
    charts = [
        b.Chart(study, outcome, _chart_heading(study, outcome, ctx), outcome.cites or study.cites)
        for study in _trials(ctx)
        if (outcome := chart_outcome(study)) is not None
    ]
    return section(ctx, ctx.labels("chart_heading"), charts)


def _chart_heading(study: Study, outcome: Outcome, ctx: Context) -> str:
    where = f", {study.country}" if study.country else ""
    when = ctx.labels("chart_panel_over", timeframe=outcome.timeframe) if outcome.timeframe else ""
    return (
        ctx.labels("chart_panel", study=study.short_name, year=study.year, country=where, outcome=outcome.label) + when
    )


def _icon_arrays(ctx: Context) -> b.Section:
    arrays = [icon_array(study, outcome, ctx.labels) for study in ctx.kb.studies for outcome in study.outcomes]
    return section(ctx, ctx.labels("icon_heading"), [a for a in arrays if a is not None])


def _trial_charts(ctx: Context) -> list[b.Section]:
    """One section per sham-controlled trial (a talk's slide each): its headline, chart, findings."""
    found = []
    for study in _trials(ctx):
        outcome = chart_outcome(study)
        chart = (
            b.Chart(study, outcome, _chart_heading(study, outcome, ctx), outcome.cites or study.cites)
            if outcome
            else None
        )
        findings = b.BulletList(paras(study.findings, ctx)) if study.findings else None
        found.append(
            section(ctx, f"{study.short_name} ({study.year})", [chart, findings], study.headline, study.short_headline)
        )
    return found


def _trials_table(ctx: Context) -> b.Section:
    trials = _trials(ctx)
    if not trials:
        return section(ctx, "", [])
    header = tuple(
        ctx.labels(k)
        for k in ("table_trial", "table_design", "table_arms", "table_primary", "table_result", "table_follow_up")
    )
    rows = tuple(_trial_row(study, ctx) for study in trials)
    cites = tuple(dict.fromkeys(c for s in trials for c in s.cites))
    table = b.TrialsTable(header, rows, tuple(s.id for s in trials), cites)
    return section(ctx, ctx.labels("table_heading"), [table])


def _trial_row(study: Study, ctx: Context) -> tuple[str, ...]:
    arms = "; ".join(f"{a.label} {a.n}" for a in sorted(study.arms, key=lambda a: not a.treated))
    primary = next((o for o in study.outcomes if o.primary), None) or chart_outcome(study)
    result = (
        study.conclusion.clinician
        if ctx.audience == "clinician" and study.conclusion.clinician
        else study.conclusion.text
    )
    return (
        f"{study.short_name} ({study.year})",
        design_text(study, ctx),
        arms,
        primary.label if primary else "",
        result,
        study.follow_up or "",
    )


def _studies_of(kinds: tuple[str, ...]) -> Callable[[Context], b.Section]:
    def build(ctx: Context) -> b.Section:
        chosen = [s for s in ctx.kb.studies if s.kind in kinds and s.findings]
        details = [
            b.StudyDetail(
                s,
                s.name if str(s.year) in s.name else f"{s.name} ({s.year})",
                b.Paragraph(
                    design_text(s, ctx), s.cites, s.id, "design_clinician" if _clinician_design(s, ctx) else "design"
                ),
                paras(s.findings, ctx),
                para(s.conclusion, ctx),
            )
            for s in chosen
        ]
        key = {
            "randomized_trial": "main_studies",
            "case_control": "prevalence_heading",
            "meta_analysis": "reviews_heading",
        }
        return section(ctx, ctx.labels(key[kinds[0]]), details)

    return build


def _clinician_design(study: Study, ctx: Context) -> bool:
    return ctx.audience == "clinician" and study.design_clinician is not None


def design_text(study: Study, ctx: Context) -> str:
    """A study's design in the audience's register."""
    return study.design_clinician if _clinician_design(study, ctx) and study.design_clinician else study.design


BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    "evidence": _evidence,
    "trials_table": _trials_table,
    "trial_charts": _trial_charts,
    "charts": _charts,
    "icon_arrays": _icon_arrays,
    "studies": _studies_of(("randomized_trial",)),
    "prevalence": _studies_of(("case_control",)),
    "reviews": _studies_of(("meta_analysis", "systematic_review")),
}
"""The builders of the sections about studies, by section name."""
