"""The plan's blocks as HTML: one function per block type, listed in ``BLOCKS``.

In: a ``Section`` of the outline (``plan.blocks``) and the page's ``Context``. Out: a
``<section>`` with its ``<h2>`` (none for an untitled section, such as the diagram that follows
the text it illustrates) and each block's markup. What the page shows, and in which order, is
the outline's; this module only lays it out. A block type without an entry is a bug (TypeError).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from leafdeck.plan import blocks as b
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render.web import chart, figures
from leafdeck.render.web.contact import contact
from leafdeck.render.web.html import Html, inline, join, link, tag
from leafdeck.render.web.layout import WebLayout


@dataclass(frozen=True)
class Context:
    """What every block needs: the outline (for reference numbers), the layout, the clinic, the
    language's words and this page's own address."""

    outline: b.Outline
    layout: WebLayout
    clinic: Clinic
    labels: Labels
    online: str


def cites(ids: Iterable[str], ctx: Context) -> Html:
    """Citation numbers linking to the references, e.g. ``[1, 3]`` or ``[1–3]``; nothing when
    the product prints no numbers or none of ``ids`` is in its reference list."""
    outline = ctx.outline
    if not outline.citations:
        return Html("")
    numbers = sorted({outline.number(i) for i in ids if i in outline.references})
    if not numbers:
        return Html("")

    def one(n: int) -> Html:
        return tag("a", str(n), href=f"#ref-{n}", aria_label=ctx.labels("web_reference", n=n))

    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [join([one(r[0]), "\u2013", one(r[-1])]) if len(r) > 2 else join((one(n) for n in r), ", ") for r in runs]
    return Html(f"\u00a0{tag('span', '[', join(parts, ', '), ']', class_='cite')}")


def text(p: b.Paragraph, ctx: Context) -> Html:
    """A paragraph's words with its citation numbers (no element around them)."""
    return join([inline(p.text), cites(p.cites, ctx)])


def section_id(section: b.Section) -> str:
    """The id of a section's element: its contents name, e.g. ``key-points``."""
    return section.name.replace("_", "-")


def section(section: b.Section, ident: str, ctx: Context) -> Html:
    """One section: its heading (when it has a title), then each block."""
    heading = tag("h2", section.title) if section.title else None
    body = [block_html(block, ctx, f"{ident}-{i}") for i, block in enumerate(section.blocks, 1)]
    boxed = len(section.blocks) == 1 and isinstance(section.blocks[0], b.KeyPoints)
    return tag("section", heading, *body, id=ident, class_="box" if boxed else None)


def block_html(block: b.Block, ctx: Context, ident: str) -> Html:
    """One block, by its type (``BLOCKS``); ``ident`` prefixes the ids it needs."""
    render = BLOCKS.get(type(block))
    if render is None:
        raise TypeError(f"the web page has no way to show a {type(block).__name__} block")
    return render(block, ctx, ident)


# --- one function per block type ---------------------------------------------------------------


def _paragraph(block: b.Paragraph, ctx: Context, _: str) -> Html:
    return tag("p", text(block, ctx))


def _list(block: b.BulletList, ctx: Context, _: str) -> Html:
    return tag("ul", join(tag("li", text(p, ctx)) for p in block.items))


def _key_points(block: b.KeyPoints, ctx: Context, _: str) -> Html:
    return tag("ul", join(tag("li", text(p, ctx)) for p in block.items))


def _notice(block: b.Notice, ctx: Context, _: str) -> Html:
    return tag("p", tag("strong", text(block.text, ctx)), class_="caution")


def _cover(block: b.Cover, ctx: Context, _: str) -> Html:
    return decision(block.decision_label, block.decision, block.condition)


def decision(label: str, question: str, condition: str | None) -> Html:
    """The decision the material helps with, in a box."""
    return tag(
        "div",
        tag("p", label, class_="box-title"),
        tag("p", tag("strong", inline(question))),
        tag("p", inline(condition)) if condition else None,
        class_="box decision",
    )


def _chart(block: b.Chart, ctx: Context, ident: str) -> Html:
    caption = tag("figcaption", tag("strong", block.heading), cites(block.cites, ctx), id=ident)
    numbers = tag("details", tag("summary", ctx.labels("web_chart_numbers")), chart.table(block, ctx.labels))
    return tag("figure", caption, chart.svg(block, ctx.labels, ctx.layout.chart, f"{ident}-svg"), numbers)


def _icon_array(block: b.IconArray, ctx: Context, ident: str) -> Html:
    return figures.icon_array(block, ctx.labels, ident, lambda ids: cites(ids, ctx))


def _diagram(block: b.Diagram, ctx: Context, ident: str) -> Html:
    return figures.diagram(block, ident, lambda ids: cites(ids, ctx))


def _option_grid(block: b.OptionGrid, ctx: Context, _: str) -> Html:
    """A table: a column per option, a row per question; on a phone each row stacks into a card
    whose cells name their option (``data-label``)."""
    head = tag(
        "tr",
        tag("th", ctx.labels("grid_question"), scope="col"),
        *(tag("th", column.name, scope="col") for column in block.columns),
    )
    rows = [
        tag(
            "tr",
            tag("th", inline(line.question), scope="row"),
            *(
                tag("td", text(cell, ctx), data_label=column.name)
                for column, cell in zip(block.columns, line.cells, strict=True)
            ),
        )
        for line in block.rows
    ]
    caption = tag("caption", ctx.labels("grid_heading"), class_="visually-hidden")
    return tag("table", caption, tag("thead", head), tag("tbody", join(rows)), class_="data grid stack")


def _option(block: b.OptionDetail, ctx: Context, _: str) -> Html:
    return join(
        [
            tag("h3", block.name),
            tag("p", text(block.summary, ctx)),
            tag("h4", block.benefits_label),
            tag("ul", join(tag("li", text(p, ctx)) for p in block.benefits)),
            tag("h4", block.harms_label),
            tag("ul", join(tag("li", text(p, ctx)) for p in block.harms)),
        ]
    )


def _questions(block: b.Questions, ctx: Context, _: str) -> Html:
    return join(
        tag(
            "div",
            tag("h3", inline(group.title)),
            tag("ul", join(tag("li", text(p, ctx)) for p in group.items)),
            class_="box questions",
        )
        for group in block.groups
    )


def _values(block: b.Values, ctx: Context, ident: str) -> Html:
    """Each prompt as a group of five radio buttons, 1 (the scale's low end) to 5 (its high end)."""
    low, high = block.scale
    groups = []
    for i, prompt in enumerate(block.prompts, 1):
        choices = []
        for n in range(1, 6):
            choice = f"{ident}-{i}-{n}"
            end = low if n == 1 else high if n == 5 else None
            choices.append(
                tag(
                    "label",
                    tag("input", type="radio", name=f"{ident}-{i}", value=str(n), id=choice),
                    tag("span", str(n), class_="point"),
                    tag("span", end, class_="end") if end else None,
                    for_=choice,
                )
            )
        groups.append(
            tag("fieldset", tag("legend", text(prompt, ctx)), tag("div", join(choices), class_="scale"), class_="value")
        )
    return join([tag("p", inline(block.intro)), tag("div", join(groups), class_="values")])


def _steps(block: b.Steps, ctx: Context, _: str) -> Html:
    return tag(
        "ol",
        join(tag("li", tag("strong", inline(title)), tag("br"), text(p, ctx)) for title, p in block.steps),
        class_="steps",
    )


def _faq(block: b.Faq, ctx: Context, _: str) -> Html:
    return join(join([tag("h3", inline(q.text)), tag("p", text(a, ctx))]) for q, a in block.entries)


def _study(block: b.StudyDetail, ctx: Context, _: str) -> Html:
    return join(
        [
            tag("h3", block.heading),
            tag("p", text(block.design, ctx)),
            tag("ul", join(tag("li", text(p, ctx)) for p in block.findings)),
            tag("p", text(block.conclusion, ctx)),
        ]
    )


def _trials_table(block: b.TrialsTable, ctx: Context, _: str) -> Html:
    head = tag("tr", *(tag("th", h, scope="col") for h in block.header))
    rows = [
        tag(
            "tr",
            tag("th", row[0], scope="row"),
            *(tag("td", cell, data_label=h) for h, cell in zip(block.header[1:], row[1:], strict=True)),
        )
        for row in block.rows
    ]
    caption = tag("caption", join([block.header[0], cites(block.cites, ctx)]), class_="visually-hidden")
    return tag("table", caption, tag("thead", head), tag("tbody", join(rows)), class_="data stack")


def _glossary(block: b.Glossary, ctx: Context, _: str) -> Html:
    terms = [join([tag("dt", inline(term)), tag("dd", text(p, ctx))]) for term, p in block.terms]
    return tag("dl", join(terms), class_="glossary")


def _references(block: b.References, ctx: Context, _: str) -> Html:
    """The numbered list (only verified parts of each reference), or its short forms with a link
    to the full list."""
    items = [
        tag(
            "li",
            entry.short if block.compact else inline(entry.text),
            join([" ", link(entry.link, entry.link_text or entry.link)]) if entry.link and not block.compact else None,
            id=f"ref-{entry.number}",
            value=str(entry.number),
        )
        for entry in block.entries
    ]
    more = None
    if block.compact and block.more:  # no website: the sentence says how to ask the clinic instead
        more = tag("p", block.more, " ", link(ctx.online)) if ctx.online else tag("p", block.more)
    return join([tag("ol", join(items), class_="references"), more])


def _about(block: b.About, ctx: Context, _: str) -> Html:
    rows = tag(
        "dl", join(join([tag("dt", label), tag("dd", inline(value))]) for label, value in block.rows), class_="about"
    )
    if block.compact:
        return rows
    return join(
        [rows, tag("div", tag("p", inline(block.other_formats)), class_="box"), tag("p", inline(block.disclaimer))]
    )


def _contact(block: b.Contact, ctx: Context, _: str) -> Html:
    return contact(ctx.clinic, ctx.labels, ctx.online)


def _disclosure(block: b.Disclosure, ctx: Context, _: str) -> Html:
    """Only talks have a presenter; a web page lists the wording for none given."""
    return join([tag("p", line) for line in block.shown(None)])


BLOCKS: dict[type[b.Block], Callable[[Any, Context, str], Html]] = {
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
"""Block type → its HTML. Parts of other blocks (an icon array's arms, a grid's rows and columns,
a question group, a reference entry) are drawn by their parent's function."""
