"""Reading built outputs back: PDF text, sizes, fonts and glyphs (pdfium, pypdf); slide text,
notes and text boxes (python-pptx). Only what the output rules need."""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from leafdeck.render.deck.measure import Run, TextPara

PT_PER_EMU = 1 / 12700


@dataclass
class PdfFacts:
    """What a PDF shows, as read back."""

    pages: list[str] = field(default_factory=list)
    smallest: tuple[float, int, str] | None = None
    """The smallest text size below the minimum: size, page (1-based), the text around it."""
    small_chars: int = 0
    missing: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(character, font) pairs set in a font that has no glyph for them, with counts. A glyph
    drawn as the font's empty box (.notdef) reads back as U+0000."""
    missing_pages: dict[tuple[str, str], int] = field(default_factory=dict)
    not_embedded: list[str] = field(default_factory=list)


def font_charsets(paths: list[Path]) -> dict[str, set[int]]:
    """Code points each font file has a glyph for, by PostScript name."""
    found: dict[str, set[int]] = {}
    for path in paths:
        font = TTFont(str(path), lazy=True)
        try:
            name = font["name"].getDebugName(6) or path.stem
            found[name] = set(font.getBestCmap() or {})
        finally:
            font.close()
    return found


def read_pdf(path: Path, min_size: float, charsets: dict[str, set[int]]) -> PdfFacts:
    """Page texts, text below ``min_size``, characters without a glyph in their font, unembedded fonts."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    facts = PdfFacts()
    pdf = pdfium.PdfDocument(path)
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    try:
        for number in range(len(pdf)):
            textpage = pdf[number].get_textpage()
            text = textpage.get_text_range()
            facts.pages.append(text)
            for index in range(textpage.count_chars()):
                code = raw.FPDFText_GetUnicode(textpage.raw, index)
                if raw.FPDFText_IsGenerated(textpage.raw, index) or chr(code).isspace() or 0 < code < 32:
                    continue
                size = round(raw.FPDFText_GetFontSize(textpage.raw, index), 2)
                if size < min_size - 0.01:
                    facts.small_chars += 1
                    if facts.smallest is None or size < facts.smallest[0]:
                        facts.smallest = (size, number + 1, _around(text, textpage, index))
                raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
                font = buffer.value.decode("latin-1").split("+")[-1]
                if code in (0, 0xFFFD) or (font in charsets and code not in charsets[font]):
                    key = (chr(code), font)
                    facts.missing[key] += 1
                    facts.missing_pages.setdefault(key, number + 1)
    finally:
        pdf.close()
    facts.not_embedded = unembedded_fonts(path)
    return facts


def _around(text: str, textpage: Any, index: int) -> str:
    """A few words of the page text around a character (for messages)."""
    try:
        return " ".join(textpage.get_text_range(max(index - 20, 0), 40).split())
    except Exception:  # pdfium's range check differs between versions: fall back to the page start
        return " ".join(text[:40].split())


def unembedded_fonts(path: Path) -> list[str]:
    """Names of fonts used by the PDF (page and form resources) whose program is not embedded."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    missing: set[str] = set()
    seen: set[int] = set()
    for page in reader.pages:
        _walk_resources(page.get("/Resources"), missing, seen)
    return sorted(missing)


def _walk_resources(resources: Any, missing: set[str], seen: set[int]) -> None:
    resources = _resolve(resources)
    if not isinstance(resources, dict) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (_resolve(resources.get("/Font")) or {}).values():
        font = _resolve(font)
        if not _embedded(font):
            missing.add(str(font.get("/BaseFont", "(unnamed)")).lstrip("/"))
    for xobject in (_resolve(resources.get("/XObject")) or {}).values():
        xobject = _resolve(xobject)
        if xobject.get("/Subtype") == "/Form":
            _walk_resources(xobject.get("/Resources"), missing, seen)


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = _resolve(_resolve(font.get("/DescendantFonts"))[0])
    descriptor = _resolve(font.get("/FontDescriptor"))
    return isinstance(descriptor, dict) and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _resolve(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


@dataclass(frozen=True)
class TextBox:
    """A text box on a slide, as the measurer sees it."""

    name: str
    width: float
    height: float
    paras: tuple[TextPara, ...]
    hangs: tuple[tuple[str, float], ...]
    """For numbered paragraphs: the label and the hanging indent it sits in."""


@dataclass
class SlideFacts:
    """One slide, as read back."""

    number: int
    title: str
    text: str
    notes: str
    boxes: list[TextBox] = field(default_factory=list)
    section: str = ""
    """The PowerPoint section the slide is in (``p14:sectionLst``); empty when the deck has none."""


def read_deck(path: Path) -> list[SlideFacts]:
    """Each slide's title, visible text, speaker notes and text boxes."""
    from pptx import Presentation

    slides = []
    prs = Presentation(str(path))
    sections = _sections(prs)
    for number, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        facts = SlideFacts(number, " ".join(title.split()), "", notes, section=sections.get(slide.slide_id, ""))
        texts = []
        for shape in slide.shapes:
            if not shape.has_text_frame:
                texts += _other_texts(shape)
                continue
            texts.append(shape.text_frame.text)
            facts.boxes.append(_box(shape))
        facts.text = "\n".join(texts)
        slides.append(facts)
    return slides


_P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


def _sections(prs: Any) -> dict[int, str]:
    """Slide id → the name of the PowerPoint section holding it (none when the deck has no list)."""
    found: dict[int, str] = {}
    for section in prs.part._element.iter(f"{_P14}section"):
        for member in section.iter(f"{_P14}sldId"):
            found[int(member.get("id"))] = section.get("name", "")
    return found


def _other_texts(shape: Any) -> list[str]:
    """Text a slide shows outside text boxes: table cells, a chart's title, category and series
    labels (a chart shows an outcome's full label, which the notes may leave to it), and the text
    of grouped shapes."""
    if getattr(shape, "has_table", False) and shape.has_table:
        return [cell.text for row in shape.table.rows for cell in row.cells]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        title = [chart.chart_title.text_frame.text] if chart.has_title else []
        labels = [str(c) for plot in chart.plots for c in plot.categories]
        return title + labels + [str(s.name) for plot in chart.plots for s in plot.series]
    if hasattr(shape, "shapes"):  # a group
        found: list[str] = []
        for child in shape.shapes:
            found += [child.text_frame.text] if child.has_text_frame else _other_texts(child)
        return found
    return []


def _box(shape: Any) -> TextBox:
    frame = shape.text_frame
    width = (shape.width - frame.margin_left - frame.margin_right) * PT_PER_EMU
    height = (shape.height - frame.margin_top - frame.margin_bottom) * PT_PER_EMU
    paras, hangs = [], []
    for paragraph in frame.paragraphs:
        runs = [r for r in paragraph.runs if r.text]
        if not runs:
            continue
        size = max((r.font.size.pt for r in runs if r.font.size is not None), default=18.0)
        p_pr = paragraph._p.pPr
        margin = int(p_pr.get("marL", 0)) * PT_PER_EMU if p_pr is not None else 0.0
        hang = -int(p_pr.get("indent", 0)) * PT_PER_EMU if p_pr is not None else 0.0
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        label = runs[0].text[:-1] if runs[0].text.endswith("\t") else ""
        if label:
            runs = runs[1:]
        hangs.append((label, hang))
        measured = tuple(Run(r.text, bool(r.font.bold)) for r in runs)
        paras.append(TextPara(measured, size, margin, before))
    return TextBox(shape.name, width, height, tuple(paras), tuple(hangs))


@dataclass
class PageFacts:
    """A web page, as read back."""

    title: str = ""
    text: str = ""
    """What a reader sees: text outside ``style`` and ``script``, one block per line."""
    hidden: str = ""
    """What a screen reader or a curious reader may still meet: alternative texts, titles,
    labels and descriptions in attributes, and comments."""


_SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "content", "placeholder", "value")
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dt", "dd", "div", "section", "br"}


def read_page(path: Path) -> PageFacts:
    """The title, visible text and attribute texts of an HTML page (Python's own parser)."""
    from html.parser import HTMLParser

    facts = PageFacts()
    shown: list[str] = []
    hidden: list[str] = []
    state = {"skip": 0, "title": False, "titled": False}

    class _Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("style", "script"):
                state["skip"] += 1
            if tag == "title" and not state["titled"]:  # the page's; an SVG <title> is a label
                state["title"] = state["titled"] = True
            if tag in _BLOCKS:
                shown.append("\n")
            hidden.extend(value for name, value in attrs if name in _SHOWN_ATTRIBUTES and value)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script"):
                state["skip"] = max(state["skip"] - 1, 0)
            if tag == "title":
                state["title"] = False
            if tag in _BLOCKS:
                shown.append("\n")

        def handle_data(self, data: str) -> None:
            if state["title"]:
                facts.title += data
            elif not state["skip"]:
                shown.append(data)

        def handle_comment(self, data: str) -> None:
            hidden.append(data)

    reader = _Reader(convert_charrefs=True)
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    reader.close()
    facts.title = " ".join(facts.title.split())
    facts.text = "\n".join(" ".join(line.split()) for line in "".join(shown).splitlines() if line.strip())
    facts.hidden = "\n".join(hidden)
    return facts
