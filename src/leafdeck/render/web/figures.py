"""The page's drawn figures as inline SVG: icon arrays and the diagram of the veins.

In: an ``IconArray`` or ``Diagram`` block of the plan and an id prefix unique on the page. Out: a
``<figure>`` whose SVG has ``role="img"`` and a ``<title>`` with the plan's alternative text,
and whose ``<figcaption>`` holds the plan's caption. Coordinates are the drawing's own units
(its ``viewBox``): the stylesheet sets how wide a figure is and every colour, through classes.

Icon arrays: 10 x 10 people per group, the people with the result first. They differ from the
others by colour and by shape (a solid figure with a dot, against an outlined one), so a
black-and-white copy still reads.
"""

from __future__ import annotations

from collections.abc import Callable

from leafdeck.plan.blocks import Diagram, IconArm, IconArray
from leafdeck.read.labels import Labels
from leafdeck.render.web.html import Html, join, tag

SVG = "http://www.w3.org/2000/svg"
PER_ROW = 10
"""People per row (and rows) of an icon array: 100 people."""
CELL = 10
"""One person's square, in the drawing's units."""
GAP = 14
"""Space between two groups' arrays."""
LINE = 12
"""Height of a text line above an array (the stylesheet sets the text at 9 units, 10.5 on a phone)."""
WRAP = 18
"""Characters per text line above an array (about 100 units of 10.5-unit text)."""

_PERSON_HEAD = {"cx": "5", "cy": "2.2", "r": "1.75"}
_PERSON_BODY = "M2.4 9.6V6.1Q2.4 4.5 4 4.5H6Q7.6 4.5 7.6 6.1V9.6Z"
_DOT = {"cx": "5", "cy": "7", "r": "1.1"}


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words (a longer word
    keeps a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _symbols(ident: str) -> Html:
    """One person with the result (solid, with a dot) and one without (outlined)."""
    yes = tag(
        "symbol",
        tag("circle", **_PERSON_HEAD),
        tag("path", d=_PERSON_BODY),
        tag("circle", class_="dot", **_DOT),
        id=f"{ident}-yes",
        viewbox=f"0 0 {CELL} {CELL}",
        class_="yes",
    )
    no = tag(
        "symbol",
        tag("circle", **_PERSON_HEAD),
        tag("path", d=_PERSON_BODY),
        id=f"{ident}-no",
        viewbox=f"0 0 {CELL} {CELL}",
        class_="no",
    )
    return tag("defs", yes, no)


def _arm(arm: IconArm, ident: str, left: float, top: float, lines: list[list[str]]) -> Html:
    """One group: its name and frequency as text lines (blank lines keep the groups aligned),
    then 100 people, row by row, the ``filled`` ones first."""
    texts = []
    y = LINE * 0.8
    for kind, chunk in zip(("name", "value"), lines, strict=True):
        for line in chunk:
            if line:
                texts.append(tag("text", line, x=_number(left), y=_number(y), class_=kind))
            y += LINE
    people = [
        tag(
            "use",
            href=f"#{ident}-{'yes' if i < arm.filled else 'no'}",
            x=_number(left + (i % PER_ROW) * CELL),
            y=_number(top + (i // PER_ROW) * CELL),
            width=str(CELL),
            height=str(CELL),
        )
        for i in range(PER_ROW * PER_ROW)
    ]
    return tag("g", *texts, *people, class_="arm treated" if arm.treated else "arm comparison")


def icon_array(block: IconArray, labels: Labels, ident: str, cites: Callable[[tuple[str, ...]], Html]) -> Html:
    """The block's groups side by side, each 10 x 10 people, with the caption and a key."""
    words = [[wrap(arm.label), wrap(labels("value_in_100", n=arm.filled))] for arm in block.arms]
    name_lines = max(len(w[0]) for w in words)
    value_lines = max(len(w[1]) for w in words)
    padded = [[w[0] + [""] * (name_lines - len(w[0])), w[1]] for w in words]
    top = (name_lines + value_lines) * LINE + LINE * 0.4
    side = PER_ROW * CELL
    width = len(block.arms) * side + (len(block.arms) - 1) * GAP
    arms = [_arm(arm, ident, i * (side + GAP), top, padded[i]) for i, arm in enumerate(block.arms)]
    drawing = tag(
        "svg",
        tag("title", block.alt, id=f"{ident}-title"),
        _symbols(ident),
        *arms,
        xmlns=SVG,
        viewbox=f"0 0 {_number(width)} {_number(top + side)}",
        role="img",
        aria_labelledby=f"{ident}-title",
        class_="icon-array",
    )
    caption = tag(
        "figcaption",
        tag("strong", block.heading),
        cites(block.cites),
        tag("br"),
        f"{block.caption} {block.chance}".strip(),
    )
    return tag("figure", caption, drawing, _key(ident, labels), class_="icons")


def _key(ident: str, labels: Labels) -> Html:
    """What a solid and an outlined figure mean (the drawing's key, in words beside each shape)."""

    def entry(kind: str, key: str) -> Html:
        sample = tag(
            "svg",
            tag("use", href=f"#{ident}-{kind}", x="0", y="0", width=str(CELL), height=str(CELL)),
            xmlns=SVG,
            viewbox=f"0 0 {CELL} {CELL}",
            aria_hidden="true",
            focusable="false",
            class_="icon-sample",
        )
        return tag("li", sample, " ", labels(key))

    return tag("ul", entry("yes", "icon_key_yes"), entry("no", "icon_key_no"), class_="icon-key")


# --- the diagram -------------------------------------------------------------------------------

_OUTLINE = (
    "M128 96 L124 150 Q80 156 46 176 Q34 184 34 204 L40 332 M172 96 L176 150 Q220 156 254 176 Q266 184 266 204 L260 332"
)
_JUGULAR_LEFT = "M136 84 Q134 150 140 186 Q144 204 150 212"
_JUGULAR_RIGHT = "M164 84 Q166 150 160 186 Q156 204 150 212"
_CAVA = "M150 206 L150 258"
_AZYGOS = "M196 330 C198 286 196 246 180 234 Q166 226 151 230"
_HEART = (
    "M150 262 C132 244 108 258 116 282 C122 300 146 312 160 326 C176 310 204 296 206 276 C210 254 184 246 168 262 Z"
)
_CATHETER = "M150 336 L150 212 Q144 204 140 186 Q135 165 137 150"
_BALLOON = {"cx": "137.5", "cy": "138", "rx": "5.5", "ry": "17"}
_CALLOUTS = (
    ((56, 112), (134, 112)),  # jugular vein
    ((250, 232), (186, 238)),  # azygos vein
    ((250, 292), (200, 286)),  # heart
    ((56, 170), (132, 146)),  # balloon catheter
)
"""Where each numbered label sits, and the point of the drawing its leader line reaches, in the
order of ``Diagram.labels``."""


def diagram(block: Diagram, ident: str, cites: Callable[[tuple[str, ...]], Html]) -> Html:
    """The neck and chest veins with a balloon catheter, come up from below through the large vein
    above the heart, widening a jugular vein; numbered callouts in the drawing match the numbered
    key beside it, which holds the labels as text."""
    parts = [
        tag("path", d=_OUTLINE, class_="outline"),
        tag("ellipse", cx="150", cy="52", rx="40", ry="46", class_="outline"),
        tag("path", d=_AZYGOS, class_="vein azygos"),  # behind the heart, along the spine
        tag("path", d=_HEART, class_="heart"),
        tag("path", d=_JUGULAR_LEFT, class_="vein"),
        tag("path", d=_JUGULAR_RIGHT, class_="vein"),
        tag("path", d=_CAVA, class_="vein"),
        tag("path", d=_CATHETER, class_="catheter"),
        tag("ellipse", class_="balloon", **_BALLOON),
    ]
    callouts = []
    for n, ((x, y), (tx, ty)) in enumerate(_CALLOUTS[: len(block.labels)], 1):
        callouts += [
            tag("line", x1=str(x), y1=str(y), x2=str(tx), y2=str(ty), class_="leader"),
            tag("circle", cx=str(x), cy=str(y), r="11", class_="callout"),
            tag("text", str(n), x=str(x), y=str(y + 5), class_="callout-number"),
        ]
    drawing = tag(
        "svg",
        tag("title", block.figure.alt, id=f"{ident}-title"),
        *parts,
        *callouts,
        xmlns=SVG,
        viewbox="0 0 300 340",
        role="img",
        aria_labelledby=f"{ident}-title",
        class_="diagram",
    )
    key = tag("ol", join(tag("li", label) for label in block.labels), class_="diagram-key")
    caption = tag("figcaption", block.figure.caption, cites(block.figure.cites))
    return tag("figure", drawing, key, caption, class_="drawing")
