"""A tagged PDF checked and read back: what page-validation finds wrong with it (PDF/UA-1,
``validated``), and its structure read with pypdf: the tree in reading order as a screen
reader meets it (each element's role, alternative or actual text, and the text of the marked
content it owns), and the bookkeeping behind it (which MCIDs each page marks, which the
ParentTree names). For ``leafdeck check --outputs`` (OUT-009), the tests of the tagged
leaflets, and a person checking one:

    python -m leafdeck.checks.structure output/default/en/patient/leaflet-a4.pdf
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

PAINTING = frozenset({"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "Tj", "TJ", "'", '"', "sh"})
"""Operators that put marks on the page."""


@dataclass
class Element:
    """One structure element: role (``/S``), depth in the tree (the document is 0), ``/Alt``,
    ``/ActualText``, ``/Lang``, its attribute dictionary (``/A``), the marked content it owns
    as (page index, MCID), the text drawn in that content, and ``within``: that text with the
    text of every element under it, in reading order (a paragraph with its Span and Link)."""

    role: str
    depth: int
    alt: str | None = None
    actual: str | None = None
    lang: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    marks: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    within: str = ""


@dataclass
class Tagged:
    """What a tagged PDF says about its structure. ``marked``: per page index, each MCID its
    content marks with the painting operators inside; ``parent_tree``: the ParentTree's entries
    by key; ``catalog``: the document catalog."""

    elements: list[Element]
    marked: dict[int, dict[int, set[str]]]
    parent_tree: dict[int, Any]
    pages: int
    catalog: DictionaryObject


def read(path: Path) -> Tagged:
    """The structure of the PDF at ``path``. Raises KeyError when it has no structure tree."""
    reader = PdfReader(path)
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    catalog = reader.root_object
    tree: Any = catalog["/StructTreeRoot"].get_object()
    texts = {i: _texts(page, reader) for i, page in enumerate(reader.pages)}
    elements: list[Element] = []
    open_: list[Element] = []

    def visit(node: Any, depth: int, page: int | None) -> None:
        node = node.get_object()
        if isinstance(node, int):
            _own(open_, page if page is not None else -1, int(node), texts)
            return
        kind = node.get("/Type")
        if kind == "/MCR":
            _own(open_, numbers[node.raw_get("/Pg").idnum], int(node["/MCID"]), texts)
            return
        if kind == "/OBJR":
            return
        here = numbers[node.raw_get("/Pg").idnum] if "/Pg" in node else page
        if kind != "/StructTreeRoot":
            elements.append(
                Element(
                    str(node["/S"])[1:],
                    depth,
                    _text(node, "/Alt"),
                    _text(node, "/ActualText"),
                    _text(node, "/Lang"),
                    dict(node.get("/A", {})),
                )
            )
            open_.append(elements[-1])
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            visit(kid, depth + (kind != "/StructTreeRoot"), here)
        if kind != "/StructTreeRoot":
            open_.pop()

    visit(tree, 0, None)
    parents: Any = tree["/ParentTree"]
    nums: Any = parents.get_object()["/Nums"]
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    marked = {i: _marked(ContentStream(page.get_contents(), reader)) for i, page in enumerate(reader.pages)}
    return Tagged(elements, marked, parent_tree, len(reader.pages), catalog)


def _text(node: DictionaryObject, key: str) -> str | None:
    return str(node[key]) if key in node else None


def _own(open_: list[Element], page: int, mcid: int, texts: dict[int, dict[int, str]]) -> None:
    """The content (page, MCID) belongs to the innermost open element; its text is also within
    every element around it."""
    drawn = texts.get(page, {}).get(mcid, "")
    open_[-1].marks.append((page, mcid))
    open_[-1].text += drawn
    for element in open_:
        element.within += drawn


def _texts(page: PageObject, reader: PdfReader) -> dict[int, str]:
    """The text drawn in each marked-content sequence of a page, by MCID. pypdf hands over the
    text it has gathered only at some operators (a line's end, a font change), so a sequence
    that starts or ends inside a text object (a Span or Link in a paragraph) would lend its text
    to its neighbour: the page read here sets its font again before each marked-content
    operator inside a text object, which hands over what came before (only this reader's copy
    of the page changes)."""
    page[NameObject("/Contents")] = _flushed(ContentStream(page.get_contents(), reader))
    found: dict[int, str] = {}
    open_: list[int | None] = []

    def before(operator: bytes, operands: Any, *_: Any) -> None:
        if operator == b"BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            open_.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            open_.append(None)
        elif operator == b"EMC" and open_:
            open_.pop()

    def text(words: str, *_: Any) -> None:
        mcid = next((m for m in reversed(open_) if m is not None), None)
        if mcid is not None:
            found[mcid] = found.get(mcid, "") + words

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def _flushed(content: ContentStream) -> ContentStream:
    """``content`` with the current font set again (``Tf``) before each marked-content operator
    inside a text object: nothing on the page changes."""
    operations: list[tuple[Any, bytes]] = []
    font: Any = None
    inside = False
    for operands, operator in content.operations:
        if operator in (b"BDC", b"BMC", b"EMC") and inside and font is not None:
            operations.append((font, b"Tf"))
        operations.append(([_as_read(o) for o in operands], operator))
        if operator == b"Tf":
            font = operands
        inside = operator != b"ET" and (inside or operator == b"BT")
    content.operations = operations
    return content


def _as_read(operand: Any) -> Any:
    """An operand as its bytes were read: a string pypdf decoded as text is written back as the
    same bytes (not re-encoded), so the glyph codes shown do not change."""
    if isinstance(operand, TextStringObject):
        return ByteStringObject(operand.get_original_bytes())
    if isinstance(operand, ArrayObject):
        return ArrayObject(_as_read(o) for o in operand)
    return operand


def _marked(content: ContentStream) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    open_: list[int | None] = []
    for operands, operator in content.operations:
        op = operator.decode()
        if op == "BDC":
            props = operands[1]
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            open_.append(int(mcid) if mcid is not None else None)
            if mcid is not None:
                found.setdefault(int(mcid), set())
        elif op == "BMC":
            open_.append(None)
        elif op == "EMC" and open_:
            open_.pop()
        elif op in PAINTING:
            mcid = next((m for m in reversed(open_) if m is not None), None)
            if mcid is not None:
                found[mcid].add(op)
    return found


def validated(path: Path) -> list[tuple[str, str]] | None:
    """What ``page-validation`` (pinned, offline; PDF/UA-1 profile) finds wrong with the PDF at
    ``path``, as (rule id, message); None when it is not installed (it comes with leafdeck's
    test extra). A file it cannot parse is one failure, ``PARSE``."""
    try:
        import page
    except ImportError:
        return None
    try:
        report = page.validate_pdf(path, profile="ua1")
    except page.PageError as exc:
        return [("PARSE", str(exc))]
    return [(f.rule_id, f.message) for f in report.failures]


def describe(path: Path) -> str:
    """The structure tree in reading order, one element a line, indented by depth: its role, its
    alternative text (``alt``) or actual text, its language when it says one (``lang``), and the
    text it holds."""
    lines = []
    for element in read(path).elements:
        said = [f"alt: {element.alt}"] if element.alt else []
        said += [f"actual: {element.actual}"] if element.actual else []
        said += [f"lang: {element.lang}"] if element.lang else []
        text = " ".join(element.text.split())
        shown = f"{element.role}" + (f" [{'; '.join(said)}]" if said else "") + (f" “{text}”" if text else "")
        lines.append("  " * (element.depth - 1) + shown)
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a tool for people
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piped into head: stop quietly
    for name in sys.argv[1:]:
        try:
            print(describe(Path(name)))
        except KeyError:
            print(f"{name}: no structure tree (not a tagged PDF; booklets and tri-folds are for print)")
