"""What each product contains, as data: the ``contents:`` part of ``layouts/products.yaml``.

A contents entry lists sections in reading order, the depth of knowledge-base items it shows
(``essential`` for the short products, ``detail`` for the full decision aid) and whether the text
carries citation numbers. Each section names one builder of ``plan.outline`` and may set a few
options. Renderers never choose sections; they lay out what the outline holds.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt

from leafdeck.model import Depth

SectionName = Literal[
    "cover",
    "disclosure",
    "notice",
    "key_points",
    "intervention",
    "diagram",
    "hypothesis",
    "spread",
    "evidence",
    "trials_table",
    "trial_charts",
    "charts",
    "icon_arrays",
    "studies",
    "prevalence",
    "reviews",
    "safety",
    "warning_signs",
    "regulation",
    "certainty",
    "unknowns",
    "options",
    "options_brief",
    "option_grid",
    "values",
    "framework",
    "questions",
    "finding_trials",
    "side_effect_reporting",
    "local_help",
    "next_steps",
    "faq",
    "experiences",
    "take_home",
    "glossary",
    "references",
    "about",
    "contact",
]
"""Every section the plan can build (``plan.outline.BUILDERS`` has one builder for each)."""


class SectionSpec(BaseModel):
    """One section of a product: which builder, and its options."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    section: SectionName
    """Which section."""
    summary: StrictBool = False
    """Topics: print the topic's short ``summary`` instead of its statements, when it has one."""
    per_group: StrictInt | None = Field(default=None, ge=1)
    """Questions: at most this many questions per group (None: all at the product's depth)."""
    writing_lines: StrictInt = Field(default=0, ge=0)
    """Questions and values: ruled lines to write on afterwards."""
    compact: StrictBool = False
    """References: short forms, pointing to the full list online. About: one line, without a
    heading, of the publisher, version, last review and next review (the rows every patient
    product must carry, clinical review 2026-12-07 M8), for the one-page and folded products."""
    listed: StrictBool = True
    """References: list the sources; false (with ``compact``): only say where the full
    references are (a short leaflet whose "about" points to them, issue 11 §3)."""
    backup: StrictBool = False
    """Talks: the section goes in the backup part, after the main talk."""
    compared: StrictBool = False
    """Options: only the options the option grid compares (the leaflets' three), current care
    naming the options it includes (the patient talk gives the same three as the leaflets)."""
    title: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")
    """A label key (``sources/labels.<lang>.yaml``) for the section's heading instead of the
    usual one, e.g. ``web_glossary`` ("Words used on this page") on the web page."""


def _specs(value: object) -> object:
    """Bare section names stand for sections with default options."""
    if isinstance(value, list):
        return [{"section": v} if isinstance(v, str) else v for v in value]
    return value


class Contents(BaseModel):
    """One product's contents: its sections in order, the depth of items it shows, citations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    depth: Depth
    """Deepest items shown: ``essential`` < ``standard`` < ``detail`` (``model.Depth``)."""
    citations: StrictBool = True
    """Whether text carries reference numbers (short summaries may point to the list online)."""
    sections: Annotated[tuple[SectionSpec, ...], BeforeValidator(_specs), Field(min_length=1)]
    """The sections, in reading order; a bare name is a section with default options."""
