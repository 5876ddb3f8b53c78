"""The content plan: (knowledge base, audience, language, product contents) → an ``Outline``.

The knowledge base given here is already one audience's and one country's selection
(``plan.variants.select``) in one language. This stage keeps the items at or above the product's
depth, picks the register (clinician wording for clinicians), numbers the references in order of
first citation, and builds each section the contents list as typed blocks (``plan.blocks``).
Pure: no rendering library, no file access.
"""

from __future__ import annotations

from collections.abc import Callable

from leafdeck.model import KnowledgeBase
from leafdeck.plan import blocks as b
from leafdeck.plan import closing_sections, study_sections, topic_sections
from leafdeck.plan.citations import cited, with_references
from leafdeck.plan.contents import Contents, SectionName
from leafdeck.plan.context import Built, Context
from leafdeck.plan.depth import at_depth
from leafdeck.read.labels import Labels

__all__ = ["BUILDERS", "at_depth", "empty_sections", "outline"]


def outline(kb: KnowledgeBase, audience: str, labels: Labels, contents: Contents, product: str) -> b.Outline:
    """The product's outline for this variant: its sections, in the contents' order, each with
    blocks at the contents' depth; sections with nothing to show are left out. Reference numbers
    follow first citation in the outline (only when ``contents.citations``)."""
    shallow = at_depth(kb, contents.depth)
    sections: list[b.Section] = []
    for spec in contents.sections:
        ctx = Context(shallow, labels, audience, contents, spec)
        built = BUILDERS[spec.section](ctx)
        for section in built if isinstance(built, list) else [built]:
            if section is not None and section.blocks:
                sections.append(section)
    order = cited(sections)
    numbered = tuple(ref for ref in order if any(r.id == ref for r in kb.references))
    final = tuple(s for s in (with_references(s, kb, labels, numbered) for s in sections) if s.blocks)
    return b.Outline(product, audience, labels.language, shallow, final, numbered, contents.citations)


def empty_sections(kb: KnowledgeBase, audience: str, labels: Labels, contents: Contents) -> list[int]:
    """Indexes of ``contents.sections`` that show nothing for this variant at the contents' depth
    although the full knowledge base has something for them: the items they need are not marked
    deep enough (``depth: essential`` for the short products)."""
    shallow = at_depth(kb, contents.depth)
    full = at_depth(kb, "detail")
    found = []
    for i, spec in enumerate(contents.sections):
        if spec.section in ("references", "contact", "about", "cover"):
            continue
        if _has_blocks(BUILDERS[spec.section](Context(full, labels, audience, contents, spec))) and not _has_blocks(
            BUILDERS[spec.section](Context(shallow, labels, audience, contents, spec))
        ):
            found.append(i)
    return found


def _has_blocks(built: Built) -> bool:
    return any(s is not None and s.blocks for s in (built if isinstance(built, list) else [built]))


BUILDERS: dict[SectionName, Callable[[Context], Built]] = {
    **topic_sections.BUILDERS,
    **study_sections.BUILDERS,
    **closing_sections.BUILDERS,
}
"""One builder per section name of ``plan.contents.SectionName``."""
