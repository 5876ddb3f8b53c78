"""Accessible web pages (.html): one self-contained page per variant.

The page lays out the web product's outline (``contents: web`` in products.yaml) for people
using screen readers, large text or translation tools, and is what a leaflet's QR code points
to once a clinic hosts it at ``<clinic web>/<kb id>/<language>/<audience>/``. Self-contained:
the stylesheet is inlined, the logo is a data: address and charts, icon arrays and the diagram
are inline SVG, so the page loads nothing from anywhere.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.web.html import Html
from leafdeck.render.web.layout import WebLayout
from leafdeck.render.web.related import Alternate, Download, Related

__all__ = ["Alternate", "Download", "Related", "WebLayout", "address_of", "render"]

GENERIC_FONTS = frozenset({"serif", "sans-serif", "monospace", "system-ui", "ui-sans-serif", "ui-serif", "cursive"})
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
_REFUSED_IN_CSS = ("</", "@import", "url(", "<!--", "expression(")


def render(outline: Outline, resolved: Resolved[WebLayout], target: Path, related: Related | None = None) -> None:
    """Write one web page to ``target``.

    In: the product's outline (one variant, translated: what the page shows, in order), the
    resolved layout (sizes, colours, clinic, words, the page's own address) and what it links to
    outside itself (its variant's printable files, the other languages; none when not given).
    Out: ``target``, a self-contained HTML file, the same bytes for the same inputs."""
    from leafdeck.render.web import page  # the page's parts only when one is written (not for ``check``)
    from leafdeck.render.web.blocks import Context

    ctx = Context(outline, resolved.layout, resolved.clinic, resolved.labels, resolved.online)
    document = page.page(ctx, stylesheet(resolved), resolved.notice, resolved.logo, related or Related())
    target.write_text(document, encoding="utf-8")


def address_of(page: Path) -> str | None:
    """The address a built page says it is hosted at (its canonical link), or None."""
    try:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    except (OSError, UnicodeDecodeError):
        return None
    found = _CANONICAL.search(head)
    return unescape(found[1]) if found else None


def stylesheet(resolved: Resolved[WebLayout]) -> Html:
    """The layout's values and the clinic's colours as custom properties, then the layout's CSS."""
    layout, clinic = resolved.layout, resolved.clinic
    path = resolved.asset(layout.stylesheet)
    css = path.read_text(encoding="utf-8")
    refused = [s for s in _REFUSED_IN_CSS if s in css.lower()]
    if refused:
        message = f"{refused[0]!r} is not allowed in the page's stylesheet (the page loads nothing and stays one file)"
        raise InputError([Problem(display_path(path), message=message)])
    fonts = ", ".join(f if f in GENERIC_FONTS else f'"{f}"' for f in layout.fonts)
    palette, scale, phone = layout.palette, layout.type, layout.phone
    values = {
        "font": fonts,
        "text": palette.text,
        "muted": palette.muted,
        "background": palette.background,
        "tint": palette.tint,
        "rule": palette.rule,
        "primary": clinic.primary,
        "accent": clinic.accent,
        "focus": layout.focus,
        "body": scale.body,
        "small": scale.small,
        "h1": scale.h1,
        "h2": scale.h2,
        "h3": scale.h3,
        "h4": scale.h4,
        "line-height": str(scale.line_height),
        "heading-line-height": str(scale.heading_line_height),
        "measure": layout.measure,
        "space": layout.space,
        "gutter": layout.gutter,
        "radius": layout.radius,
        "rule-width": layout.rule,
        "band-width": layout.band,
        "focus-width": layout.focus_width,
        "logo-height": layout.logo_height,
        "chart-text": layout.chart.text,
        "icons-width": layout.icons_width,
        "diagram-width": layout.diagram_width,
    }
    narrow = {"h1": phone.h1, "h2": phone.h2, "h3": phone.h3, "space": phone.space, "gutter": phone.gutter}
    root = _properties(values)
    small = _properties(narrow)
    return Html(f":root{{{root}}}\n@media (max-width: {layout.breakpoint}){{:root{{{small}}}}}\n{css}")


def _properties(values: dict[str, str]) -> str:
    return "".join(f"--{name}:{value};" for name, value in values.items())
