"""The option grid (options side by side, answering the questions people ask most) and the
"What matters most to you?" exercise with boxes to tick.

Option Grid (Elwyn et al. 2013): one column per option, one row per frequently asked question,
every cell with its sources, body text at least 11 pt. Values clarification with a rating per
prompt: IPDAS (``../shared/reference/patient-info-standards.md``).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from leafdeck.plan.blocks import GridLine, OptionGrid, TrialsTable, Values
from leafdeck.render.leaflet import blocks
from leafdeck.render.leaflet.figure import Cite, Described, lines
from leafdeck.render.leaflet.fonts import BOLD, REGULAR
from leafdeck.render.leaflet.layout import GridSpec
from leafdeck.render.leaflet.markup import inline
from leafdeck.render.leaflet.styles import Theme
from leafdeck.render.leaflet.tagged import Para as Paragraph
from leafdeck.render.leaflet.tagged import TableTags

BOXES = 5
"""Boxes on each scale, from one end to the other."""


def option_grid(block: OptionGrid, theme: Theme, width: float, cite: Cite) -> Flowable:
    """A table ``width`` points wide: the questions (bold) down the first column, one column per
    option under its name (white on the header colour), each cell the knowledge base's text with
    ``cite(cell.cites)``; rows alternate with the tint. It splits between rows across pages and
    repeats the header row. Where an option column would be narrower than the layout's
    ``grid.min_column`` (in text sizes), the grid is set one question at a time (``_stacked``)."""
    spec = theme.layout.grid or GridSpec()
    body, bold, header = _styles(theme, spec)
    words = [theme.labels("grid_question"), *(line.question for line in block.rows)]
    longest = max(stringWidth(word, BOLD, bold.fontSize) for text in words for word in text.split())
    question = max(width * spec.question_share, longest + 2 * spec.padding + 1)  # never split a word
    others = (width - question) / max(len(block.columns), 1)
    if others < spec.min_column * body.fontSize:
        return _stacked(block, theme, spec, width, cite)
    rows: list[list[Flowable]] = [
        [Paragraph(inline(theme.labels("grid_question")), header)]
        + [Paragraph(inline(column.name), header) for column in block.columns]
    ]
    room = others - 2 * spec.padding
    for line in block.rows:
        cells = [blocks.tagged(_cell(c.text, cite(c.cites), body, room), c) for c in line.cells]
        rows.append([Paragraph(inline(line.question), bold), *cells])
    widths = [question] + [others] * len(block.columns)
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT", renderCB=TableTags(True, 1, 1))
    table.setStyle(_grid_style(theme, spec, len(rows)))
    return table


def _cell(text: str, mark: str, style: ParagraphStyle, room: float) -> Paragraph:
    """A cell's text with its citation mark, which stays on the line of the last word unless the
    two together are wider than the cell (then the mark may wrap rather than split a word)."""
    last = (text.split() or [""])[-1] + mark
    if stringWidth(last.replace("**", ""), style.fontName, style.fontSize) > room:
        mark = mark.replace("\u00a0", " ")
    return Paragraph(inline(text) + mark, style)


def _stacked(block: OptionGrid, theme: Theme, spec: GridSpec, width: float, cite: Cite) -> Flowable:
    """The grid for a narrow column: each question as a header row in the header colour, then
    one row per option, its name (bold) beside its answer, options in their order. A question
    split between pages is repeated above the rest of its answers."""
    _, bold, _ = _styles(theme, spec)
    longest = max(stringWidth(w, BOLD, bold.fontSize) for c in block.columns for w in c.name.split())
    names = min(max(width * 0.36, longest + 2 * spec.padding + 1), width / 2)
    parts = [_question_block(line, block, theme, spec, (names, width - names), cite) for line in block.rows]
    return KeepTogether(parts)


def _question_block(
    line: GridLine, block: OptionGrid, theme: Theme, spec: GridSpec, widths: tuple[float, float], cite: Cite
) -> Table:
    """One question of a stacked grid: the question across both columns, then each option's
    name and answer on alternately tinted rows."""
    body, bold, header = _styles(theme, spec)
    rows: list[list[Flowable | str]] = [[Paragraph(inline(line.question), header), ""]]
    room = widths[1] - 2 * spec.padding
    for column, cell in zip(block.columns, line.cells, strict=True):
        answer = blocks.tagged(_cell(cell.text, cite(cell.cites), body, room), cell)
        rows.append([Paragraph(inline(column.name), bold), answer])
    pad, rule = spec.padding, theme.layout.box.border / 2
    table = Table(rows, colWidths=list(widths), repeatRows=1, splitByRow=1, renderCB=TableTags(True, 1, 1))
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), theme.colour(spec.header)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), rule, theme.hex("rule")),
        ("BOX", (0, 0), (-1, -1), rule, theme.hex("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 1.25),
    ]
    commands += [("BACKGROUND", (0, row), (1, row), theme.hex("tint")) for row in range(2, len(rows), 2)]
    table.setStyle(blocks.table_style(theme, commands))
    return table


def _styles(theme: Theme, spec: GridSpec) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Cell text at the grid size (never below the layout's minimum), bold questions, and the
    header in bold page colour on the header colour."""
    size = max(spec.size, theme.layout.min_font_size)
    body = ParagraphStyle(
        "grid", parent=theme["body"], fontSize=size, leading=size * spec.leading, spaceBefore=0, spaceAfter=0
    )
    bold = ParagraphStyle("grid_question", parent=body, fontName=BOLD)
    header = ParagraphStyle("grid_header", parent=bold, textColor=theme.colour("inverse"))
    return body, bold, header


def _grid_style(theme: Theme, spec: GridSpec, count: int) -> TableStyle:
    pad, rule = spec.padding, theme.layout.box.border / 2
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), theme.colour(spec.header)),
        ("LINEBELOW", (0, 0), (-1, -1), rule, theme.hex("rule")),
        ("BOX", (0, 0), (-1, -1), rule, theme.hex("rule")),
        ("LINEAFTER", (0, 0), (-2, -1), rule, theme.hex("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 1.25),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), theme.hex("tint")) for row in range(2, count, 2)]
    return blocks.table_style(theme, commands)


PROMPT_MIN = 150.0
"""Narrowest prompt column beside its scale, in points (about 25 characters at 11 pt)."""


def values(block: Values, theme: Theme, width: float) -> Flowable:
    """The intro line, then each prompt with a scale of five boxes to tick between
    ``block.scale[0]`` and ``block.scale[1]``: beside the prompt when the column is wide enough
    (two prompts to a row on a wide page), else under it. Boxes are ``grid.box`` points square,
    empty, with a dark edge for a pen."""
    spec = theme.layout.grid or GridSpec()
    size = max(spec.size, theme.layout.min_font_size)
    body, _, _ = _styles(theme, spec)
    prompt_style = ParagraphStyle("values_prompt", parent=body, fontName=BOLD)
    scale_w = _scale_width(block.scale, spec, size, width)
    across = 2 if width >= 2 * (scale_w + PROMPT_MIN * 1.4) else 1
    part = width / across
    beside = part - scale_w >= max(part * 0.4, PROMPT_MIN) or across == 2
    cells: list[list[Flowable]] = []
    for prompt in block.prompts:
        text = blocks.tagged(Paragraph(inline(prompt.text), prompt_style), prompt)
        art = scale(block.scale, theme, spec, size, scale_w if beside else part - 2 * spec.padding)
        cells.append([text, art] if beside else [[text, Spacer(1, size * 0.4), art]])
    rows = [[c for cell in cells[i : i + across] for c in cell] for i in range(0, len(cells), across)]
    rows[-1] += [""] * (len(rows[0]) - len(rows[-1]))
    widths = ([part - scale_w, scale_w] if beside else [part]) * across
    table = Table(rows, colWidths=widths, splitByRow=1, hAlign="LEFT", renderCB=TableTags())
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), theme.layout.box.border / 2, theme.hex("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), spec.padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), spec.padding),
        ("TOPPADDING", (0, 0), (-1, -1), spec.padding * 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), spec.padding * 1.5),
    ]
    if across == 2:
        commands.append(("LINEAFTER", (1, 0), (1, -1), theme.layout.box.border / 2, theme.hex("rule")))
    commands += [("BACKGROUND", (0, row), (-1, row), theme.hex("tint")) for row in range(0, len(rows), 2)]
    table.setStyle(blocks.table_style(theme, commands))
    intro = Paragraph(inline(block.intro), ParagraphStyle("values_intro", parent=theme["body"], keepWithNext=1))
    return KeepTogether([intro, table])


def _ends(ends: tuple[str, str], size: float, room: float) -> tuple[list[str], list[str]]:
    return lines(ends[0], REGULAR, size, room), lines(ends[1], REGULAR, size, room)


def _scale_width(ends: tuple[str, str], spec: GridSpec, size: float, width: float) -> float:
    """Width of a scale with both end words on one line each side of the boxes, or the width
    the boxes need when the words go under them."""
    boxes = BOXES * spec.box + (BOXES - 1) * spec.box_gap
    words = sum(stringWidth(end, REGULAR, size) for end in ends) + 2 * size * 0.6
    return min(boxes + words + 2 * spec.padding, width)


def scale(ends: tuple[str, str], theme: Theme, spec: GridSpec, size: float, width: float) -> Described:
    """Five empty boxes between the two end words, ``width`` points wide; when the words do
    not fit beside the boxes, the boxes spread out and the words go under the first and the
    last box."""
    boxes = BOXES * spec.box + (BOXES - 1) * spec.box_gap
    ink, gap = theme.colour("text"), size * 0.6
    one_line = sum(stringWidth(end, REGULAR, size) for end in ends) + 2 * gap + boxes <= width
    if one_line:
        low, high, step = [ends[0]], [ends[1]], spec.box + spec.box_gap
        start = stringWidth(ends[0], REGULAR, size) + gap
        right = start + boxes + gap
        height = max(spec.box, size * 1.2)
        box_y, text_y = (height - spec.box) / 2, (height - size * 0.7) / 2
    else:
        span = max(min(width, 2 * boxes), boxes)
        step, start, right = (span - spec.box) / (BOXES - 1), 0.0, span
        low, high = _ends(ends, size, span / 2 - gap)
        height = spec.box + size * 0.5 + max(len(low), len(high)) * size * 1.2
        box_y, text_y = height - spec.box, height - spec.box - size * 1.3
    art = Described(width, height, f"{ends[0]} … {ends[1]}")
    paper = theme.hex("background")
    for i in range(BOXES):
        art.add(Rect(start + i * step, box_y, spec.box, spec.box, fillColor=paper, strokeColor=ink, strokeWidth=1))
    for words, x, anchor in ((low, 0.0, "start"), (high, right, "start" if one_line else "end")):
        for n, line in enumerate(words):
            y = text_y - n * size * 1.2
            art.add(String(x, y, line, fontName=REGULAR, fontSize=size, fillColor=ink, textAnchor=anchor))
    return art


def trials_table(block: TrialsTable, theme: Theme, width: float) -> Table:
    """The trials side by side, ``width`` points wide: a header row (repeated on every page),
    then one row per trial, in ruled cells of equal width, set in the ``small`` style."""
    rows = [[blocks.text(f"<b>{inline(h)}</b>", theme, "small") for h in block.header]]
    rows += [[blocks.text(inline(cell), theme, "small") for cell in row] for row in block.rows]
    columns = len(block.header)
    pad, rule = theme.layout.box.padding / 2, theme.layout.box.border / 2
    table = Table(rows, colWidths=[width / columns] * columns, repeatRows=1, splitByRow=1, renderCB=TableTags(True, 1))
    table.setStyle(
        blocks.table_style(
            theme,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), rule, theme.hex("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), theme.hex("tint")),
                *(
                    (side, (0, 0), (-1, -1), pad)
                    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
                ),
            ],
        )
    )
    return table
