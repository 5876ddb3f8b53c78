"""Right-to-left text (Arabic, Hebrew, ...) in PDFs and decks: letters joined, words in order.

PDF (reportlab 5). Two jobs, shaping and ordering:

* *Shaping* (Arabic letters take their joined forms, lam-alef ligatures, marks placed): reportlab
  shapes each word with HarfBuzz when ``uharfbuzz`` is installed and a paragraph style says
  ``shaping=1``; a right-to-left word then comes out in display order, joined.
* *Ordering* (which word stands where on the line): reportlab 5.1 runs no bidi algorithm on
  shaped paragraphs (its frag path has it switched off, and its ``rlbidi`` backend is not on
  PyPI). So before reportlab parses a paragraph's markup, ``visual_markup`` puts its words in
  display order with the Unicode Bidirectional Algorithm (``python-bidi``): each word stays
  as written (HarfBuzz orders its letters), only the sequence of words changes. Markup stays
  valid: every word carries its own tags. In a right-to-left language the styles also say
  ``wordWrap='RTL'`` (reportlab then lays words from the right and aligns lines right), so
  lines break in reading order.

Styles only switch to shaped, ordered text when the leaflet needs it (a right-to-left
language, or right-to-left text such as an Arabic clinic name): Latin-only leaflets are laid
out exactly as before. Known limit: in a left-to-right paragraph, a right-to-left phrase that
wraps onto the next line keeps its words in display order per phrase, not per line.

Decks (PowerPoint, LibreOffice) shape and order text themselves; a paragraph whose text starts
right to left is marked ``rtl="1"`` and right-aligned, and its runs name the font and language
for complex scripts (``<a:cs>``), as PowerPoint expects.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Languages written right to left (the primary subtag of the language code)."""
_STRONG_RTL = frozenset({"R", "AL"})
_TAG = re.compile(r"(<[^>]*>)")
_BREAK = re.compile(r"(<br\s*/?>)", re.IGNORECASE)
_SPACE = re.compile(r"(\s+)")
_MARK = "leafdeck_direction"
"""The ParagraphStyle attribute that asks for ordered text: "LTR" or "RTL"."""


def is_rtl_language(language: str) -> bool:
    """Whether ``language`` (``ar``, ``he-IL``, ...) is written right to left."""
    return language.lower().replace("_", "-").split("-", 1)[0] in RTL_LANGUAGES


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left letter (Hebrew, Arabic, Syriac, Thaana, ...)."""
    return any(unicodedata.bidirectional(ch) in _STRONG_RTL for ch in text)


def starts_rtl(text: str) -> bool:
    """Whether the first strong letter of ``text`` is right-to-left (its paragraph direction)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return False


def display_order(text: str, rtl: bool) -> list[int]:
    """For each displayed character, left to right, the index of the character of ``text`` it
    shows (the Unicode Bidirectional Algorithm, paragraph direction ``rtl`` or not)."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    return [char["index"] for char in storage["chars"]]


def visual_markup(markup: str, rtl: bool) -> str:
    """reportlab paragraph markup with its words in display order, left to right, in a paragraph
    whose direction is right to left when ``rtl``. Each line (``<br/>``) is ordered on its own."""
    return "".join(part if _BREAK.fullmatch(part) else _visual_line(part, rtl) for part in _BREAK.split(markup))


def _visual_line(markup: str, rtl: bool) -> str:
    words = _words(markup)
    plain = [html.unescape(_TAG.sub("", word)) for word in words]
    if len(words) < 2 or not (rtl or any(has_rtl(p) for p in plain)):
        return markup
    return " ".join(words[i] for i in _word_order(plain, rtl))


def _word_order(words: list[str], rtl: bool) -> list[int]:
    """The indices of ``words`` (joined by single spaces) in display order, left to right."""
    owner: list[int | None] = []
    for i, text in enumerate(words):
        owner += [i] * len(text) + [None]
    order: list[int] = []
    for index in display_order(" ".join(words), rtl):
        word = owner[index]
        if word is not None and word not in order:
            order.append(word)
    return order + [i for i in range(len(words)) if i not in order]  # empty words (spaces)


def line(text: str, font: str, size: float) -> str:
    """One line of plain text for ``canvas.drawString`` (footers, notices): unchanged when it has
    no right-to-left letters, else its words in display order, each shaped (joined letters, in
    display order), as one shaped string whose width reportlab knows."""
    if not has_rtl(text):
        return text
    from reportlab.pdfbase.ttfonts import shapeStr

    words = [w for w in text.split(" ") if w]
    shaped: Any = None
    for i in _word_order(words, starts_rtl(text)):
        piece = shapeStr(words[i], font, size, force=True)
        shaped = piece if shaped is None else shaped + shapeStr(" ", font, size, force=True) + piece
    return cast(str, shaped) if shaped is not None else text


def _words(markup: str) -> list[str]:
    """The line's words, each with its own opening and closing tags, so they can be reordered."""
    words: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (tag as written, name)
    current = ""
    for piece in _TAG.split(markup):
        if _TAG.fullmatch(piece):
            name = piece.strip("</>").split()[0].lower() if piece.strip("</>") else ""
            if piece.startswith("</"):
                current += piece
                if open_tags and open_tags[-1][1] == name:
                    open_tags.pop()
            elif piece.endswith("/>"):
                current += piece
            else:
                current += piece
                open_tags.append((piece, name))
            continue
        for chunk in _SPACE.split(piece):
            if chunk and chunk.isspace():
                words.append(current + "".join(f"</{name}>" for _, name in reversed(open_tags)))
                current = "".join(tag for tag, _ in open_tags)
            else:
                current += chunk
    words.append(current)
    return words


def paragraph_styles(styles: dict[str, ParagraphStyle], language: str, texts: Iterable[str] = ()) -> bool:
    """Switch ``styles`` to shaped text in display order when the leaflet needs it: its language
    is written right to left (then paragraphs run right to left and align right), or any of
    ``texts`` (clinic details) holds right-to-left letters. Returns whether it did."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    rtl = is_rtl_language(language)
    if not rtl and not any(has_rtl(text) for text in texts):
        return False
    _order_paragraphs()
    for style in styles.values():
        setattr(style, _MARK, "RTL" if rtl else "LTR")
        style.shaping = 1
        if rtl and style.alignment == TA_LEFT:
            style.alignment = TA_RIGHT
    return True


def _order_paragraphs() -> None:
    """Teach reportlab's ``Paragraph`` (once per process) to lay out a paragraph in a marked style
    in two steps: break its lines in reading order, then put each line's words in display order.

    Only paragraphs made from markup in a marked style are touched; the pieces of a paragraph
    split across frames are made from its laid-out lines and keep them."""
    from reportlab.platypus import paragraph

    cls = paragraph.Paragraph
    if getattr(cls.__init__, "leafdeck_ordered", False):
        return
    original_init, original_break = cls.__init__, cls.breakLines

    def __init__(self: Any, text: Any, style: Any = None, *args: Any, **kwargs: Any) -> None:
        direction = getattr(style, _MARK, None)
        if direction is not None and isinstance(text, str) and "<onDraw" in text:
            text = _ON_DRAW.sub("", text)  # zero-width callbacks cannot be reordered: left out
        original_init(self, text, style, *args, **kwargs)
        if direction is not None and isinstance(text, str) and text and not kwargs.get("frags"):
            self._leafdeck_logical = (text, direction == "RTL")
            self._leafdeck_widths = None

    def breakLines(self: Any, width: Any) -> Any:  # reportlab's name
        logical = getattr(self, "_leafdeck_logical", None)
        if logical is None:
            return original_break(self, width)
        widths = tuple(width) if isinstance(width, list | tuple) else (width,)
        if self._leafdeck_widths != widths:
            markup = _ordered_lines(self, logical[0], logical[1], list(widths), original_break)
            self._setup(markup, self.style, self.bulletText, None, paragraph.cleanBlockQuotedText)
            self._leafdeck_widths = widths
        return original_break(self, width)

    __init__.leafdeck_ordered = True  # type: ignore[attr-defined]
    cls.__init__ = __init__
    cls.breakLines = breakLines


_ON_DRAW = re.compile(r"<onDraw\b[^>]*/>")
"""A zero-width callback in paragraph markup (the tagged leaflet's passage marks): a paragraph
laid out here in display order is tagged as a whole, its text given as ActualText."""


def _ordered_lines(paragraph: Any, markup: str, rtl: bool, widths: list[float], breaker: Any) -> str:
    """``markup`` broken into lines as reportlab breaks it in reading order, each line's words
    put in display order, the lines joined by ``<br/>``."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText as cleaner

    lines: list[str] = []
    for number, part in enumerate(_BREAK.split(markup)):
        if _BREAK.fullmatch(part):
            continue
        words = [w for w in _words(part) if w]
        words = _attach_empty(words)
        if not words:
            lines.append(part)
            continue
        paragraph._setup(part, paragraph.style, paragraph.bulletText, None, cleaner)
        later = widths[-1]
        laid = breaker(paragraph, widths if number == 0 and not lines else [later, later])
        counts = [getattr(line, "wordCount", None) or len(getattr(line, "words", ())) for line in laid.lines]
        if laid.kind == 0:
            counts = [len(line[1]) for line in laid.lines]
        start = 0
        for count in counts:
            lines.append(_visual_line(" ".join(words[start : start + count]), rtl))
            start += count
        if start < len(words):  # reportlab counted fewer words: keep the rest on a line of its own
            lines.append(_visual_line(" ".join(words[start:]), rtl))
    return "<br/>".join(lines)


def _attach_empty(words: list[str]) -> list[str]:
    """Tokens with no text of their own (``<a name="x"/>`` anchors) join the next word, as
    reportlab counts them: not as words."""
    joined: list[str] = []
    carry = ""
    for word in words:
        if not html.unescape(_TAG.sub("", word)).strip():
            carry += word
            continue
        joined.append(carry + word)
        carry = ""
    if carry:
        if joined:
            joined[-1] += carry
        else:
            joined.append(carry)
    return joined


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def mark_rtl_paragraphs(presentation: Any, language: str) -> int:
    """In every slide of a python-pptx ``presentation``: each paragraph whose text starts right to
    left (or holds right-to-left letters, in a right-to-left language) gets ``rtl="1"`` and right
    alignment, and its right-to-left runs name their complex-script font and language. Returns how
    many paragraphs were marked."""
    from lxml import etree

    rtl_language = is_rtl_language(language)
    marked = 0
    for slide in presentation.slides:
        for paragraph in slide._element.iter(f"{{{_A}}}p"):
            text = "".join(t.text or "" for t in paragraph.iter(f"{{{_A}}}t"))
            if not (starts_rtl(text) or (rtl_language and has_rtl(text))):
                continue
            properties = paragraph.find(f"{{{_A}}}pPr")
            if properties is None:
                properties = etree.Element(f"{{{_A}}}pPr")
                paragraph.insert(0, properties)
            properties.set("rtl", "1")
            if properties.get("algn") in (None, "l"):
                properties.set("algn", "r")
            for run in paragraph.iter(f"{{{_A}}}r"):
                _complex_script_font(run, language if rtl_language else _script_language(text))
            marked += 1
    return marked


def _script_language(text: str) -> str:
    """A language for right-to-left letters in a left-to-right deck: Hebrew or Arabic script."""
    return "he" if any("\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f" for ch in text) else "ar"


def _complex_script_font(run: Any, language: str) -> None:
    """``<a:cs typeface=...>`` beside the run's ``<a:latin>``, so Arabic and Hebrew letters use the
    deck's font (when it has them) instead of whatever the application falls back to."""
    from lxml import etree

    text = "".join(t.text or "" for t in run.iter(f"{{{_A}}}t"))
    if not has_rtl(text):
        return
    properties = run.find(f"{{{_A}}}rPr")
    if properties is None:
        properties = etree.Element(f"{{{_A}}}rPr")
        run.insert(0, properties)
    latin = properties.find(f"{{{_A}}}latin")
    if properties.find(f"{{{_A}}}cs") is None and latin is not None:
        ea = properties.find(f"{{{_A}}}ea")  # schema order in a:rPr: ... latin, ea, cs, sym ...
        (ea if ea is not None else latin).addnext(etree.Element(f"{{{_A}}}cs", typeface=latin.get("typeface", "")))
    if not is_rtl_language(properties.get("lang") or ""):
        properties.set("lang", language)
