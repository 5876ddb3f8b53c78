"""Lay out the content plan: each section of the outline becomes its heading and its blocks.

The outline (``leafdeck.plan``) decides what the leaflet says and in which order; here each
block type has one builder in ``BUILDERS`` that turns it into reportlab flowables, and nothing
else is chosen. The drawn blocks (icon arrays, the diagram, the option grid, the values exercise,
the trials table) come from ``icons``, ``diagram`` and ``grid``. Nothing here draws: reportlab
lays the story out when the document builds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from leafdeck.passages import marked, phone_marked
from leafdeck.plan import blocks as b
from leafdeck.render.leaflet import blocks, chart, diagram, grid, icons
from leafdeck.render.leaflet.blocks import SectionStart
from leafdeck.render.leaflet.markup import cite_mark, inline, link, unbroken
from leafdeck.render.leaflet.styles import Theme, clinic_language


@dataclass(frozen=True)
class Context:
    """What every block builder needs: the outline (for citation numbers), the theme, the
    column width in points and the online copy's address (the QR code's target)."""

    outline: b.Outline
    theme: Theme
    width: float
    online: str

    def mark(self, cites: Sequence[str]) -> str:
        """Citation numbers for ``cites``, or nothing when the product prints none."""
        if not self.outline.citations:
            return ""
        return cite_mark([self.outline.number(c) for c in cites if c in self.outline.references])

    def para(self, p: b.Paragraph, style: str = "body", *, prefix: str = "") -> Paragraph:
        """A plan paragraph, with its citation numbers, tagged with its item for messages."""
        return blocks.tagged(blocks.text(prefix + inline(p.text) + self.mark(p.cites), self.theme, style), p)

    def bullets(self, items: Sequence[b.Paragraph]) -> list[Flowable]:
        """Items as a bulleted list (one list in the PDF's structure), each tagged with its item."""
        listed = object()
        return [
            blocks.tagged(blocks.bullet(inline(p.text, links=False) + self.mark(p.cites), self.theme, listed), p)
            for p in items
        ]

    @property
    def short_online(self) -> str:
        """The online address as printed: without its scheme and trailing slash."""
        return self.online.split("://", 1)[-1].rstrip("/")


def story(outline: b.Outline, theme: Theme, width: float, online: str, notice: str | None = None) -> list[Flowable]:
    """The flowables of every section of ``outline`` in its order: a zero-size marker naming the
    section (for page-budget messages), its heading unless empty or carried by its first block,
    then its blocks. ``notice`` (an out-of-date stamp, an unchecked translation) opens the story
    in a box, unless the layout keeps it to the top margin (``notice_box: false``). ``width`` is the text column in points."""
    ctx = Context(outline, theme, width, online)
    flowables: list[Flowable] = []
    if notice and theme.layout.notice_box:
        box = blocks.box([blocks.text(f"<b>{inline(notice)}</b>", theme)], theme, width=width, border="accent")
        flowables.append(_spaced(box, ctx))
    for section in outline.sections:
        flowables += section_flowables(section, ctx)
    return flowables


def section_flowables(section: b.Section, ctx: Context) -> list[Flowable]:
    """One section: marker, heading (kept with what follows), blocks."""
    marker = SectionStart(section.name, tuple(block.kind for block in section.blocks))
    body = [f for block in section.blocks for f in BUILDERS[type(block)](block, ctx)]
    titled = bool(section.blocks) and isinstance(section.blocks[0], TITLED)
    if not section.title or titled or not body:
        return [marker, *body]
    *before, heading = blocks.heading(section.title, ctx.theme)
    return [marker, *before, *blocks.lead_into(heading, body, ctx.theme)]


# --- block builders ------------------------------------------------------------------------------


def _paragraph(block: b.Paragraph, ctx: Context) -> list[Flowable]:
    return [ctx.para(block)]


def _list(block: b.BulletList, ctx: Context) -> list[Flowable]:
    return ctx.bullets(block.items)


def _key_points(block: b.KeyPoints, ctx: Context) -> list[Flowable]:
    title = blocks.title(inline(block.title), ctx.theme)
    return [
        _spaced(
            blocks.box(
                [title, *ctx.bullets(block.items)], ctx.theme, width=ctx.width, bookmark=block.title, whole=True
            ),
            ctx,
        )
    ]


def _notice(block: b.Notice, ctx: Context) -> list[Flowable]:
    text = blocks.tagged(blocks.text(f"<b>{inline(block.text.text)}</b>", ctx.theme), block.text)
    return [_spaced(blocks.box([text], ctx.theme, width=ctx.width, border="accent"), ctx)]


def _cover(block: b.Cover, ctx: Context) -> list[Flowable]:
    t = ctx.theme
    if t.layout.cover == "strip":
        strip = f"<b>{inline(block.decision_label)}</b> {inline(block.decision)}"
        return [blocks.Heading(block.title, t["title"], 0, rank=0), blocks.text(strip, t, "subtitle")]
    decision = [
        blocks.title(inline(block.decision_label), t),  # a heading, as the key points box's title
        blocks.text(f"<b>{inline(block.decision)}</b>", t),
    ]
    if block.condition:
        decision.append(blocks.text(inline(block.condition), t))
    return [
        blocks.Heading(block.title, t["title"], 0, rank=0),
        blocks.text(inline(block.subtitle), t, "subtitle"),
        _spaced(blocks.box(decision, t, width=ctx.width, border="accent"), ctx),
    ]


def _chart(block: b.Chart, ctx: Context) -> list[Flowable]:
    found = [p for p in chart.panels((block.study,), ctx.theme.labels) if p.outcome.id == block.outcome.id]
    label = blocks.subheading(f"<b>{inline(block.heading)}</b>{ctx.mark(block.cites)}", ctx.theme, "small")
    if not found:
        return [label]
    art = chart.drawing(found[0], ctx.theme, ctx.width)
    chance = [blocks.text(inline(ctx.theme.labels("icon_chance")), ctx.theme, "caption")] if block.chance else []
    return [blocks.together([label, art, *chance, Spacer(1, ctx.theme["small"].spaceAfter)], ctx.theme)]


def _icon_array(block: b.IconArray, ctx: Context) -> list[Flowable]:
    def draw(width: float) -> Flowable:
        return icons.icon_array(block, ctx.theme, width, cite=ctx.mark, scale=width / ctx.width)

    return [_spaced(_fitted(draw, ctx), ctx)]


def _diagram(block: b.Diagram, ctx: Context) -> list[Flowable]:
    return [_spaced(_fitted(lambda width: diagram.diagram(block, ctx.theme, width, cite=ctx.mark), ctx), ctx)]


def _fitted(draw: Callable[[float], Flowable], ctx: Context) -> Flowable:
    """A figure drawn as wide as fits the space left on its page (``draw(width in pt)``, down to
    the layout's ``figure_shrink`` of the column)."""
    return blocks.Fitted(draw, ctx.theme.layout.figure_shrink)


def _option_grid(block: b.OptionGrid, ctx: Context) -> list[Flowable]:
    return [_spaced(grid.option_grid(block, ctx.theme, ctx.width, ctx.mark), ctx)]


def _values(block: b.Values, ctx: Context) -> list[Flowable]:
    return [_spaced(grid.values(block, ctx.theme, ctx.width), ctx)]


def _option(block: b.OptionDetail, ctx: Context) -> list[Flowable]:
    t = ctx.theme
    return [
        *blocks.heading(block.name, t, level=1),
        ctx.para(block.summary),
        blocks.subheading(f"<b>{inline(block.benefits_label)}</b>", t, "lead"),
        *ctx.bullets(block.benefits),
        blocks.subheading(f"<b>{inline(block.harms_label)}</b>", t, "lead"),
        *ctx.bullets(block.harms),
    ]


def _questions(block: b.Questions, ctx: Context) -> list[Flowable]:
    t = ctx.theme
    flowables: list[Flowable] = []
    for group in block.groups:
        content = [blocks.subheading(inline(group.title), t, "box_title"), *ctx.bullets(group.items)]
        flowables.append(_spaced(blocks.box(content, t, width=ctx.width, border="accent"), ctx))
    if block.writing_lines:
        lines = blocks.writing_lines(t, block.writing_lines)
        notes = [blocks.subheading(inline(block.notes_label), t, "box_title"), lines]
        flowables.append(_spaced(blocks.box(notes, t, width=ctx.width, border="accent"), ctx))
    return flowables


def _steps(block: b.Steps, ctx: Context) -> list[Flowable]:
    flowables: list[Flowable] = []
    for title, p in block.steps:
        flowables += [blocks.subheading(f"<b>{inline(title)}</b>", ctx.theme, "body", joined=True), ctx.para(p)]
    return flowables


def _faq(block: b.Faq, ctx: Context) -> list[Flowable]:
    flowables: list[Flowable] = []
    for question, answer in block.entries:
        asked = blocks.tagged(blocks.subheading(f"<b>{inline(question.text)}</b>", ctx.theme, "lead"), question)
        flowables += [asked, ctx.para(answer)]
    return flowables


def _study(block: b.StudyDetail, ctx: Context) -> list[Flowable]:
    return [
        *blocks.heading(block.heading, ctx.theme, level=1),
        ctx.para(block.design),
        *ctx.bullets(block.findings),
        ctx.para(block.conclusion),
    ]


def _trials_table(block: b.TrialsTable, ctx: Context) -> list[Flowable]:
    return [grid.trials_table(block, ctx.theme, ctx.width)]


def _glossary(block: b.Glossary, ctx: Context) -> list[Flowable]:
    return [ctx.para(p, prefix=f"<b>{inline(ctx.theme.labels.colon(term))}</b> ") for term, p in block.terms]


def _references(block: b.References, ctx: Context) -> list[Flowable]:
    t = ctx.theme
    more = _more(block.more, ctx)
    if block.compact:
        shown = [
            f"<b>{e.number}</b>\u00a0{inline(e.short)}" if ctx.outline.citations else inline(e.short)
            for e in block.entries
        ]
        listing = [blocks.text(" \u00b7 ".join(shown), t, "reference")] if shown else []
        return [*listing, *([blocks.text(more, t, "small")] if more else [])]
    entries = [
        blocks.text(
            f"{e.number}. {inline(e.text)}" + (f" {link(e.link, e.link_text)}" if e.link else ""), t, "reference"
        )
        for e in block.entries
    ]
    return [*entries, *([blocks.text(more, t, "small")] if more else [])]


def _about(block: b.About, ctx: Context) -> list[Flowable]:
    t = ctx.theme
    if block.compact:  # one line: "Published by: … · Version: … · Last reviewed: … · Next review due: …"
        shown = (f"<b>{inline(t.labels.colon(label))}</b>\u00a0{inline(value)}" for label, value in block.rows)
        more = [_more(block.more, ctx)] if block.more else []
        return [blocks.text(" \u00b7 ".join([*shown, *more]), t, "small")]
    rows = [
        blocks.text(f"<b>{inline(t.labels.colon(label))}</b> {inline(value)}", t, "small")
        for label, value in block.rows
    ]
    formats = blocks.box([blocks.text(inline(block.other_formats), t, "box_title")], t, width=ctx.width)
    ending = [*formats._content, _gap(ctx), blocks.text(inline(block.disclaimer), t)]
    return [blocks.together([*rows, Spacer(1, t["small"].spaceAfter), *ending], t)]


def _contact(block: b.Contact, ctx: Context) -> list[Flowable]:
    clinic, t = ctx.theme.clinic, ctx.theme
    lang = clinic_language(t)
    address = (inline(marked(line.strip(), lang)) for line in clinic.address.splitlines())
    lines = [
        blocks.text(f"<b>{inline(marked(clinic.name, lang))}</b>", t),
        blocks.text(inline(t.labels("phone", phone=phone_marked(unbroken(clinic.phone), lang))), t),
        blocks.text("<br/>".join(address), t, "small"),
        blocks.text(_more(block.read_online, ctx), t),
    ]
    if clinic.email:
        lines.insert(2, blocks.text(inline(t.labels("email", email=clinic.email)), t))
    if not ctx.online:  # no website: no QR code; the sentence says how to ask the clinic
        return [blocks.together(lines, t)]
    qr_width = t.layout.qr_size + t.layout.box.padding
    code = blocks.qr(ctx.online, t, t.labels("qr_alt", address=ctx.short_online))
    if ctx.width - qr_width < ctx.width * 0.7:  # a narrow panel: the code goes under the text
        return [*lines, code]
    widths = [ctx.width - qr_width, qr_width]
    table = blocks.Table([[lines, code]], colWidths=widths, renderCB=blocks.TableTags())
    table.setStyle(blocks.table_style(t, [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [blocks.together([table], t)]


def _more(sentence: str, ctx: Context) -> str:
    """``sentence`` (markup) followed by the online copy's address as a link, or alone when there
    is no online copy (its words then say how to ask the clinic: ``Labels.offline``)."""
    if not ctx.online:
        return inline(sentence)
    return f"{inline(sentence)} {link(ctx.online, ctx.short_online)}" if sentence else ""


def _disclosure(block: b.Disclosure, ctx: Context) -> list[Flowable]:
    """Only talks have a presenter; a printed product lists the wording for none given."""
    return [blocks.text(inline(line), ctx.theme) for line in block.shown(None)]


def _gap(ctx: Context) -> Spacer:
    """The space after a box inside a group: the body's paragraph spacing."""
    return Spacer(1, ctx.theme["body"].spaceAfter)


def _spaced(flowable: Flowable, ctx: Context) -> Flowable:
    """``flowable`` with the body's paragraph spacing after it: as space after its last part, so
    it is dropped at the foot of a page instead of opening the next one (as a Spacer would)."""
    last = flowable
    while isinstance(last, KeepTogether):
        last = last._content[-1]
    last.spaceAfter = max(last.getSpaceAfter(), ctx.theme["body"].spaceAfter)
    return flowable


TITLED = (b.Cover, b.KeyPoints)
"""Blocks that print their section's title themselves (the cover's title, the key points box)."""

BUILDERS: dict[type[Any], Callable[[Any, Context], list[Flowable]]] = {
    b.Paragraph: _paragraph,
    b.BulletList: _list,
    b.KeyPoints: _key_points,
    b.Notice: _notice,
    b.Cover: _cover,
    b.Chart: _chart,
    b.IconArray: _icon_array,
    b.Diagram: _diagram,
    b.OptionGrid: _option_grid,
    b.OptionDetail: _option,
    b.Questions: _questions,
    b.Values: _values,
    b.Steps: _steps,
    b.Faq: _faq,
    b.StudyDetail: _study,
    b.TrialsTable: _trials_table,
    b.Glossary: _glossary,
    b.References: _references,
    b.About: _about,
    b.Contact: _contact,
    b.Disclosure: _disclosure,
}
"""One builder per block type of ``plan.blocks`` that a section can hold."""

__all__ = ["BUILDERS", "section_flowables", "story"]
