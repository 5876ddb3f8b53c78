"""The flowables that tag what they draw (``tags``): paragraphs as P (or a heading), list items
as L > LI > Lbl + LBody, and tables: data tables (the option grid, the trials table) as
Table > TR > TH/TD with header scope, layout tables (boxes, the contact block, the values
exercise) as nothing of their own, their backgrounds and rules as artifacts.

A paragraph or table split across pages stays one structure element: its parts share a key.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.tables import Table, TableRenderCB

from leafdeck.render import bidi
from leafdeck.render.leaflet import spaces, tags, wrap

wrap.install()  # a long web address breaks after a "/" (``wrap``), in every leaflet paragraph

_TAGGING = ("role", "rank", "tag_key", "keys", "actual", "lang", "passages")
"""The attributes a paragraph's parts inherit when it splits."""


class Para(Paragraph):
    """A paragraph tagged as ``role`` (P, or ``tags.HEADING`` of a ``rank``: 0 the title, 1 a
    section, 2 a sub-section). ``actual``: its text in logical order, when it is drawn in
    another (right-to-left words put in display order). A paragraph with passages of its own
    (a phrase in another language, a link; ``markup``) tags them as Span and Link inside its
    element (``tags.inline_paragraph``), unless its text is given as ``actual``."""

    role = "P"
    rank = 0
    lang: str | None = None
    """The language of the whole paragraph, when not the document's (its element's ``Lang``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag_key = object()
        self.actual = logical_text(self)
        self.passages = tags.Passages() if tags.PASSAGE in str(getattr(self, "text", "")) else None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        rank = self.rank if self.role == tags.HEADING else None
        attrs: dict[str, Any] = {"actual": self.actual, "rank": rank, "lang": self.lang}
        tagging: AbstractContextManager[object]
        if self.passages is not None and self.actual is None:
            tagging = tags.inline_paragraph(canvas, self.role, self.tag_key, self.passages, **attrs)
        else:
            tagging = tags.marked(canvas, self.role, self.tag_key, **attrs)
        with tagging, _lines_of(self, canvas):
            super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if part is not self:
                part.__dict__.update({k: self.__dict__[k] for k in _TAGGING if k in self.__dict__})
        return parts


class ListItem(Para):
    """One item of a bulleted list: the bullet tagged Lbl, the text LBody, in an LI of the
    list's L (``list_key``: the same object for every item of one list)."""

    def __init__(self, *args: Any, list_key: object = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = (list_key if list_key is not None else object(), object(), object())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with tags.list_item(canvas, bool(self.bulletText), self.keys, self.actual), _lines_of(self, canvas):
            Paragraph.drawOn(self, canvas, x, y, _sW)


@contextmanager
def _lines_of(paragraph: Paragraph, canvas: Any) -> Iterator[None]:
    """Tell the canvas which lines of ``paragraph`` end inside a word while it is drawn."""
    canvas.broken_lines = spaces.broken_lines(paragraph)
    try:
        yield
    finally:
        canvas.broken_lines = frozenset()


def logical_text(paragraph: Paragraph) -> str | None:
    """The text of a paragraph holding right-to-left words, in reading (logical) order, for its
    ActualText: such words are put in display order before reportlab lays them out
    (``bidi.visual_markup``), so the text the page shows is not the text as written. None for
    any other paragraph (and for the later parts of a split one, which inherit it)."""
    logical = getattr(paragraph, "_leafdeck_logical", None)
    if logical is None or not bidi.has_rtl(logical[0]):
        return None
    words = re.sub(r"<br\s*/?>", " ", logical[0])
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", words)).split())


class TableTags(TableRenderCB):
    """reportlab's table render callback, tagging a table as it is drawn. A data table
    (``data``) becomes Table > TR > TH/TD: cells in the first ``header_rows`` rows are column
    headers, in the first ``header_columns`` columns row headers; a header row repeated on a
    later page is an artifact. A layout table adds no element. Backgrounds, rules and empty
    cells are artifacts. One callback serves every part of a table split across pages."""

    def __init__(self, data: bool = False, header_rows: int = 0, header_columns: int = 0) -> None:
        self.data, self.header_rows, self.header_columns = data, header_rows, header_columns
        self.key = object()
        self.seen: set[int] = set()
        self.scopes: dict[str, ExitStack] = {}

    def _enter(self, scope: str, manager: Any) -> None:
        stack = self.scopes.setdefault(scope, ExitStack())
        stack.enter_context(manager)

    def _leave(self, scope: str) -> None:
        stack = self.scopes.pop(scope, None)
        if stack is not None:
            stack.close()

    def startTable(self, T: Table) -> None:
        if self.data:
            self._enter("table", tags.grouped(T.canv, "Table", self.key))

    def startBG(self, T: Table) -> None:
        self._enter("bg", tags.artifact(T.canv))

    def endBG(self, T: Table) -> None:
        self._leave("bg")

    def startRow(self, T: Table, rowNo: int) -> None:
        row = T._cellvalues[rowNo]
        first = id(row[0]) if row else 0
        if rowNo < (T.repeatRows or 0) and first in self.seen:
            self._enter("row", tags.artifact(T.canv, "Pagination", "Header"))
            return
        self.seen.add(first)
        if self.data:
            self._enter("row", tags.grouped(T.canv, "TR"))

    def startCell(self, T: Table, rowNo: int, colNo: int, cellval: Any, *args: Any) -> None:
        if isinstance(cellval, str):
            self._enter("cell", tags.artifact(T.canv))
            return
        if not self.data:
            return
        head = rowNo < self.header_rows or colNo < self.header_columns
        scope = "Column" if rowNo < self.header_rows else "Row"
        span = getattr(T, "_spanRanges", {}).get((colNo, rowNo))
        columns = span[2] - span[0] + 1 if span else 1
        attrs = {"scope": scope if head else None, "colspan": columns if columns > 1 else None}
        self._enter("cell", tags.grouped(T.canv, "TH" if head else "TD", **attrs))

    def endCell(self, T: Table) -> None:
        self._leave("cell")

    def endRow(self, T: Table) -> None:
        self._leave("row")

    def startLines(self, T: Table) -> None:
        self._enter("lines", tags.artifact(T.canv))

    def endLines(self, T: Table) -> None:
        self._leave("lines")

    def endTable(self, T: Table) -> None:
        self._leave("table")
