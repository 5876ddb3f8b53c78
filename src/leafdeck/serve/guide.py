"""The one-page printing guide in each download: per file, the paper, one- or double-sided, and
which edge to flip on.

What it says is read from the PDFs themselves (page count and page shape with pypdf), never
from a table kept beside them: one page prints one-sided; portrait pages flip on the long edge;
landscape sheets (the imposed booklet and tri-fold) flip on the short edge. It is a small
renderer: its page, font, sizes and colours are the short leaflet's layout
(``layouts/leaflet-<paper>.yaml``) and the clinic's brand; it holds no style of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAPERS_PT = {"A4": (595.3, 841.9), "US Letter": (612.0, 792.0), "A5": (419.5, 595.3)}
"""Sheet sizes in points (ISO 216 and ANSI), to name a PDF's paper from its page box."""
_SIZE_TOLERANCE_PT = 3.0


@dataclass(frozen=True)
class PrintAdvice:
    """How to print one file."""

    file: str
    paper: str
    sides: str
    pages: int


def advice_for(path: Path, shown_as: str) -> PrintAdvice:
    """How to print the PDF or deck at ``path``, read from the file (``shown_as``: its name in the zip)."""
    if path.suffix == ".pptx":
        return PrintAdvice(shown_as, "-", "a talk: open it in PowerPoint or LibreOffice Impress", 0)
    from pypdf import PdfReader

    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    paper = next(
        (
            name
            for name, (w, h) in PAPERS_PT.items()
            if abs(min(width, height) - w) < _SIZE_TOLERANCE_PT and abs(max(width, height) - h) < _SIZE_TOLERANCE_PT
        ),
        f"{width / 72 * 25.4:.0f} x {height / 72 * 25.4:.0f} mm",
    )
    pages = len(reader.pages)
    if pages == 1:
        sides = "one-sided"
    elif width > height:
        sides = "double-sided, flip on the short edge; landscape"
    else:
        sides = "double-sided, flip on the long edge"
    return PrintAdvice(shown_as, paper, sides, pages)


def printing_guide(
    target: Path, files: list[Path], out: Path, layouts: Path, clinic: str, language: str, sources: Path
) -> None:
    """Write the guide for ``files`` (under ``out``) as a one-page PDF at ``target``, styled by the
    short leaflet's layout and the clinic ``clinic`` in ``layouts``; ``sources`` is the folder of
    the label files (``language``'s set the writing direction). Raises InputError."""
    from reportlab.lib.pagesizes import A4, A5, letter
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from leafdeck.read.labels import load_labels
    from leafdeck.read.layout import Clinic, load_model
    from leafdeck.render.leaflet.fonts import register
    from leafdeck.render.leaflet.layout import LeafletLayout
    from leafdeck.render.leaflet.styles import theme

    advice = [advice_for(path, path.relative_to(out).as_posix()) for path in files]
    paper = "letter" if any(a.paper == "US Letter" for a in advice) else "a4"
    layout = load_model(layouts / f"leaflet-{paper}.yaml", LeafletLayout, layouts)
    brand = load_model(layouts / "clinics" / f"{clinic}.yaml", Clinic, layouts)
    register(layout.fonts, layouts)
    styles = theme(layout, brand, layouts, load_labels(sources, language)).styles
    size = {"A4": A4, "letter": letter, "A5": A5}[layout.page.size]
    margins = layout.page.margins
    document = SimpleDocTemplate(
        str(target),
        pagesize=size,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=f"Printing guide: {brand.name}",
        author=brand.name,
        lang=language,
        invariant=1,
    )
    rows = [[Paragraph(text, styles["subheading"]) for text in ("File", "Paper", "How to print")]]
    for item in advice:
        rows.append([Paragraph(_escape(item.file), styles["small"]), Paragraph(item.paper, styles["small"])])
        pages = f"{item.pages} page(s); " if item.pages else ""
        rows[-1].append(Paragraph(_escape(pages + item.sides), styles["small"]))
    frame = size[0] - margins.left - margins.right
    table = Table(rows, repeatRows=1, colWidths=[frame * share for share in (0.45, 0.17, 0.38)])
    palette = layout.palette
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), layout.box.border / 2, _colour(palette.rule)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), _colour(palette.tint)),
            ]
        )
    )
    story = [
        Paragraph(_escape(f"Printing guide: {brand.name}"), styles["title"]),
        Paragraph(
            "Print at 100% (actual size, not 'fit to page'). Double-sided files have an even number of pages; "
            "fold the booklet sheets in half and the tri-fold in three along its panels.",
            styles["body"],
        ),
        table,
        Paragraph(_escape(f"Made with leafdeck for {brand.name}, {brand.phone}."), styles["small"]),
    ]
    document.build(story)


def _colour(hex_colour: str) -> object:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_colour)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
