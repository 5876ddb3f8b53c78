"""Plain forms of the drawn blocks, used while their drawing modules (``icons``, ``diagram``,
``grid``) are not there: the same words and numbers as text and simple tables, so a build never
loses content. Sizes come from the layout's styles; nothing is drawn freehand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Table

from leafdeck.plan import blocks as b
from leafdeck.render.leaflet import blocks
from leafdeck.render.leaflet.markup import inline

if TYPE_CHECKING:
    from leafdeck.render.leaflet.story import Context


def icon_array(block: b.IconArray, ctx: Context) -> list[Flowable]:
    """The icon array's heading, one line per group ("about 21 in 100 people"), its caption."""
    t = ctx.theme
    label = blocks.text(f"<b>{inline(block.heading)}</b>{ctx.mark(block.cites)}", t, "lead")
    arms = [blocks.bullet(inline(t.labels("icon_arm", arm=arm.label, n=arm.filled)), t) for arm in block.arms]
    return [blocks.together([label, *arms, blocks.text(inline(block.caption), t, "caption")], t)]


def diagram(block: b.Diagram, ctx: Context) -> list[Flowable]:
    """The diagram's caption (the drawing itself needs ``diagram.py``)."""
    return [blocks.text(inline(block.figure.caption) + ctx.mark(block.figure.cites), ctx.theme, "caption")]


def option_grid(block: b.OptionGrid, ctx: Context) -> list[Flowable]:
    """The grid as a table: a question column, then one column per option."""
    t = ctx.theme
    header = [blocks.text(f"<b>{inline(t.labels('grid_question'))}</b>", t, "small")]
    header += [blocks.text(f"<b>{inline(c.name)}</b>", t, "small") for c in block.columns]
    rows = [header]
    for line in block.rows:
        cells = [blocks.tagged(blocks.text(inline(c.text) + ctx.mark(c.cites), t, "small"), c) for c in line.cells]
        rows.append([blocks.text(f"<b>{inline(line.question)}</b>", t, "small"), *cells])
    return [_table(rows, ctx)]


def values(block: b.Values, ctx: Context) -> list[Flowable]:
    """The values exercise as a table: each prompt, then its two ends to circle."""
    t = ctx.theme
    low, high = block.scale
    rows = [
        [blocks.tagged(blocks.text(inline(p.text), t), p), blocks.text(f"{inline(low)} … {inline(high)}", t, "small")]
        for p in block.prompts
    ]
    return [blocks.text(inline(block.intro), t, "lead"), _table(rows, ctx, first=0.6)]


def trials_table(block: b.TrialsTable, ctx: Context) -> list[Flowable]:
    """The trials side by side: a header row, then one row per trial."""
    t = ctx.theme
    rows = [[blocks.text(f"<b>{inline(h)}</b>", t, "small") for h in block.header]]
    rows += [[blocks.text(inline(cell), t, "small") for cell in row] for row in block.rows]
    return [_table(rows, ctx)]


def _table(rows: list[list[Flowable]], ctx: Context, first: float | None = None) -> Table:
    """Rows in ruled cells across the column; the first column gets ``first`` of the width
    (an equal share when None). The header repeats on every page."""
    t = ctx.theme
    columns = len(rows[0])
    if first is None:
        widths = [ctx.width / columns] * columns
    else:
        widths = [ctx.width * first, *[ctx.width * (1 - first) / (columns - 1)] * (columns - 1)]
    pad = t.layout.box.padding / 2
    table = Table(rows, colWidths=widths, repeatRows=1 if first is None else 0, splitByRow=1)
    rule = t.layout.box.border / 2
    table.setStyle(
        blocks.table_style(
            t,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), rule, t.hex("rule")),
                *(((("BACKGROUND", (0, 0), (-1, 0), t.hex("tint")),)) if first is None else ()),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ],
        )
    )
    return table
