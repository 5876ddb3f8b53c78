"""Reading a tagged PDF's structure back: the tree in reading order as a screen reader meets it
(``pdfinfo -struct-text``), and the structure's bookkeeping (pypdf): which MCIDs each page's
content marks, which the tree and the ParentTree name, each element's attributes."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

PAINTING = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "Tj", "TJ", "'", '"', "sh"}
"""Operators that put marks on the page."""


@dataclass
class Shown:
    """One element as ``pdfinfo -struct-text`` prints it: its role, depth and text."""

    role: str
    depth: int
    text: str = ""


def reading_order(path: Path) -> list[Shown]:
    """The structure tree in reading order, each element with the text it holds directly."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    elements: list[Shown] = []
    for line in out.splitlines():
        stripped = line.strip()
        depth = (len(line) - len(line.lstrip())) // 2
        if stripped.startswith('"') and elements:
            elements[-1].text += stripped.strip('"')
        elif re.match(r"^[A-Za-z][A-Za-z0-9]*( \(\w+\))?:?$", stripped):
            elements.append(Shown(stripped.split()[0].rstrip(":"), depth))
    return elements


def squeezed(text: str) -> str:
    """Text without any whitespace (pdfinfo joins wrapped lines without a space)."""
    return re.sub(r"[\s\u00a0\u00ad]+", "", text)


@dataclass
class Element:
    """One structure element read with pypdf: role, attributes, and its marked content."""

    role: str
    alt: str | None
    attributes: dict[str, Any]
    actual: str | None = None
    marks: list[tuple[int, int]] = field(default_factory=list)
    """(page index, MCID) of each marked-content sequence it owns."""


@dataclass
class Structure:
    """The bookkeeping of a tagged PDF."""

    catalog: DictionaryObject
    elements: list[Element]
    marked: dict[int, dict[int, set[str]]]
    """Per page index: MCID → the painting operators inside its sequence."""
    parent_tree: dict[int, list[Any]]
    pages: int


def structure(path: Path) -> Structure:
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}  # type: ignore[union-attr]
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"]
    elements: list[Element] = []

    def visit(node: Any, page: int | None) -> None:
        node = node.get_object()
        if isinstance(node, int):
            elements[-1].marks.append((page if page is not None else -1, node))
            return
        kind = node.get("/Type")
        if kind == "/MCR":
            elements[-1].marks.append((pages[node.raw_get("/Pg").idnum], int(node["/MCID"])))
            return
        if kind == "/OBJR":
            return
        here = pages[node.raw_get("/Pg").idnum] if "/Pg" in node else page
        if kind != "/StructTreeRoot":
            attributes = dict(node.get("/A", {}))
            alt = str(node["/Alt"]) if "/Alt" in node else None
            actual = str(node["/ActualText"]) if "/ActualText" in node else None
            elements.append(Element(str(node["/S"])[1:], alt, attributes, actual))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            visit(kid, here)

    visit(tree, None)
    nums = tree["/ParentTree"]["/Nums"]
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    marked: dict[int, dict[int, set[str]]] = {}
    for index, page in enumerate(reader.pages):
        marked[index] = _marked(ContentStream(page.get_contents(), reader))
    return Structure(root, elements, marked, parent_tree, len(reader.pages))


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
        elif op == "EMC":
            open_.pop()
        elif op in PAINTING:
            mcid = next((m for m in reversed(open_) if m is not None), None)
            if mcid is not None:
                found[mcid].add(op)
    return found


def page_words(path: Path) -> list[str]:
    """The words of each page as pdftotext reads them (reading order of the text layer)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")
