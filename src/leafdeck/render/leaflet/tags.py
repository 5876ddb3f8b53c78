"""Tagged PDF (PDF/UA-1) for the leaflets: marked content as the page is drawn, the structure
tree written when the document is saved.

reportlab has no tagging engine (``../shared/reference/tagged-pdf.md``), so leafdeck keeps its
own, small one. While a document builds, every flowable that prints content wraps its drawing in
a marked-content sequence (``/P <</MCID n>> BDC … EMC``, ``marked``) and everything else that
is drawn (rules, backgrounds, ruled writing lines, running footers) in an artifact (``artifact``).
A ``Tagger`` on the canvas records, per page, which structure element owns each MCID, and keeps
the elements in the order they were drawn, which is the content plan's order (frames and columns
fill in story order). Structure elements that group others (L, LI, Table, TR, TH, TD, Sect) are
opened and closed around their content (``Tagger.open``/``close``); an element can be continued
on a later page (a paragraph or table split across pages) by giving it the same ``key``.

Marked content never nests: content drawn inside a sequence already open (a paragraph inside an
artifact, text inside a figure) belongs to the open sequence. At save the tree
becomes PDF objects (``tree``).

A paragraph with passages of its own (a phrase in another language, a link: ``markup`` puts a
zero-width ``<onDraw name="leafdeck_passage">`` before and after each) is marked inside its
text object instead: the callback (``passage``) opens a Span (with its ``Lang``) or a Link
element in the paragraph's element and leaves a placeholder in the text; when the text object
is drawn (``passages_marked``) each run between placeholders becomes a marked-content sequence
of the element open there. A link's words are then inside its Link element, beside its
annotation (PDF/UA-1 7.18.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObjectReference

HEADING = "H"
"""The role of a heading before its level is known: levels are given at save, in reading order,
so that the first is H1 and none is skipped (``tree.levels``)."""


@dataclass(eq=False)
class Node:
    """One structure element: its standard ``role``, its children (elements, marked content as
    (page index, MCID), annotations), and its attributes (``alt``, ``scope``, ``colspan``,
    ``rank`` of a heading, ``actual`` text, ``lang``)."""

    role: str
    parent: Node | None = None
    kids: list[Node | Mark | Link] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def add(self, kid: Node) -> Node:
        kid.parent = self
        self.kids.append(kid)
        return kid

    def walk(self) -> Iterator[Node]:
        """This element and every element under it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()

    def empty(self) -> bool:
        """Whether nothing on any page belongs to it."""
        return all(isinstance(kid, Node) and kid.empty() for kid in self.kids)


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: page index (from 0) and MCID on that page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Link:
    """A link annotation (its dictionary and reference) on a page, with the words that describe it."""

    page: int
    annotation: PDFDictionary
    ref: PDFObjectReference
    contents: str
    owner: Node | None


class Tagger:
    """What one build of a document has tagged so far. ``page`` is the index of the page being
    drawn (set by the canvas)."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.stack: list[Node] = [self.root]
        self.keyed: dict[object, Node] = {}
        """Elements by key (held here, so a key is never reused while the document builds)."""
        self.first: list[Node] = []
        self.mcids: dict[int, list[Node]] = {}
        self.page = 0
        self.depth = 0
        """How many marked-content sequences (tagged or artifact) are open: inside one, nothing more is marked."""
        self.links: list[Link] = []
        self.bullet: tuple[Node, object, str | None] | None = None
        """A list item whose bullet is about to be drawn (its Lbl) before its body (LBody, by key)."""
        self.current: Node | None = None
        """The element whose marked content is being drawn."""
        self.inline: tuple[Node, Passages] | None = None
        """The paragraph being drawn with passages of its own (``inline_paragraph``)."""
        self.owners: list[Node] = []
        """The element owning each run of the text object being drawn in that paragraph: the
        first run's, then one per placeholder (``passage``)."""

    @property
    def top(self) -> Node:
        return self.stack[-1]

    def element(self, role: str, key: object = None, **attrs: Any) -> Node:
        """The element for ``key`` (already made: continued), else a new one under the open element."""
        if key is not None and key in self.keyed:
            return self.keyed[key]
        node = self.top.add(Node(role, attrs={k: v for k, v in attrs.items() if v is not None}))
        if key is not None:
            self.keyed[key] = node
        return node

    def open(self, role: str, key: object = None, **attrs: Any) -> Node:
        """Open an element that groups others (a list, a table, a row, a cell, a section)."""
        node = self.element(role, key, **attrs)
        self.stack.append(node)
        return node

    def close(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def section(self) -> None:
        """Start a new section of the outline: a Sect under the document."""
        del self.stack[1:]
        self.open("Sect")

    def mcid(self, node: Node) -> int:
        """The next MCID on the page being drawn, now owned by ``node``."""
        owners = self.mcids.setdefault(self.page, [])
        owners.append(node)
        node.kids.append(Mark(self.page, len(owners) - 1))
        return len(owners) - 1


PASSAGE = "leafdeck_passage"
"""The name of the canvas callback a paragraph's ``<onDraw>`` marks call (``passage``)."""

PLACEHOLDER = "LeafdeckPassage"
"""What ``passage`` leaves in a text object where a passage starts or ends (a bare word, which
the line-end spacing of ``spaces`` passes through); never left in a saved file."""

_SHOWS = re.compile(r"(?:\)|\]|>)\s*(?:Tj|TJ|'|\")")
"""A text-showing operator after its string."""


@dataclass(eq=False)
class Passages:
    """The passages (Span, Link) of one paragraph: the ones open where a part of it ends, so a
    paragraph split across pages goes on in the same element; and every Link, by address."""

    open: list[Node] = field(default_factory=list)
    links: list[Node] = field(default_factory=list)


def tagger(canvas: Any) -> Tagger | None:
    """The canvas's tagger (None on a canvas that does not tag, e.g. when measuring)."""
    found: Tagger | None = getattr(canvas, "tagger", None)
    return found


@contextmanager
def marked(canvas: Any, role: str, key: object = None, *, first: bool = False, **attrs: Any) -> Iterator[Node | None]:
    """Draw what the block does inside a marked-content sequence owned by an element of ``role``
    (continued when ``key`` was seen before). ``first``: the element goes before everything else
    in reading order (a notice printed only in the top margin). Yields the element, or None when
    nothing is tagged (no tagger, or inside another sequence)."""
    tags = tagger(canvas)
    if tags is None or tags.depth:
        with _inside(tags):
            yield None
        return
    if first:
        node = Node(role, attrs={k: v for k, v in attrs.items() if v is not None})
        tags.first.append(node)
    else:
        node = tags.element(role, key, **attrs)
    yield from _sequence(canvas, tags, node, role)


def _sequence(canvas: Any, tags: Tagger, node: Node, role: str) -> Iterator[Node]:
    canvas._code.append(f"/{role} <</MCID {tags.mcid(node)}>> BDC")
    tags.depth += 1
    tags.current = node
    try:
        yield node
    finally:
        tags.depth -= 1
        tags.current = None
        canvas._code.append("EMC")


@contextmanager
def _inside(tags: Tagger | None) -> Iterator[None]:
    if tags is not None:
        tags.depth += 1
    try:
        yield
    finally:
        if tags is not None:
            tags.depth -= 1


def section(canvas: Any) -> None:
    """A section of the outline starts here: what follows goes in a new Sect."""
    tags = tagger(canvas)
    if tags is not None:
        tags.section()


@contextmanager
def artifact(canvas: Any, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
    """Draw page furniture (rules, backgrounds, footers: ``kind`` Layout or Pagination, with a
    ``subtype`` such as Header or Footer) as an artifact, outside the structure tree."""
    tags = tagger(canvas)
    if tags is None or tags.depth:
        with _inside(tags):
            yield
        return
    props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
    canvas._code.append(f"/Artifact <<{props}>> BDC")
    with _inside(tags):
        yield
    canvas._code.append("EMC")


@contextmanager
def grouped(canvas: Any, role: str, key: object = None, **attrs: Any) -> Iterator[None]:
    """Open a grouping element (L, LI, Table, TR, TH, TD) for what the block draws."""
    tags = tagger(canvas)
    if tags is None or tags.depth:
        yield
        return
    depth = len(tags.stack)
    tags.open(role, key, **attrs)
    try:
        yield
    finally:
        del tags.stack[depth:]


def bullet_drawn(canvas: Any, draw: Any) -> None:
    """Draw a list item's bullet (``draw()``) as its Lbl, then open its body (LBody) for the rest
    of the item's text; called by the canvas for the text object drawn first in a list item."""
    tags = tagger(canvas)
    pending = tags.bullet if tags is not None else None
    if tags is None or pending is None:
        draw()
        return
    item, key, actual = pending
    tags.bullet = None
    tags.stack.append(item)
    try:
        label = tags.element("Lbl")
        canvas._code.append(f"/Lbl <</MCID {tags.mcid(label)}>> BDC")
        draw()
        canvas._code.append("EMC")
        body = tags.element("LBody", key, actual=actual)
        canvas._code.append(f"/LBody <</MCID {tags.mcid(body)}>> BDC")
        tags.current = body
    finally:
        tags.stack.pop()


@contextmanager
def list_item(
    canvas: Any, bulleted: bool, keys: tuple[object, object, object], actual: str | None = None
) -> Iterator[None]:
    """Draw one list item (a paragraph with its bullet) as LI in L (``keys``: the list's, the
    item's and its body's, the same for every part of an item split across pages): the bullet as
    Lbl, the text as LBody (with ``actual``, its text in logical order, when drawn otherwise).
    ``bulleted``: this part draws the bullet (the first part)."""
    tags = tagger(canvas)
    if tags is None or tags.depth:
        with _inside(tags):
            yield
        return
    listed, item, body = keys
    depth = len(tags.stack)
    tags.open("L", listed)
    node = tags.open("LI", item)
    try:
        if not bulleted:
            with marked(canvas, "LBody", body, actual=actual):
                yield
            return
        tags.bullet = (node, body, actual)
        tags.depth += 1  # nothing inside is marked on its own: the bullet opens Lbl, then LBody
        opened = len(canvas._code)
        try:
            yield
        finally:
            tags.depth -= 1
            if tags.bullet is None and len(canvas._code) > opened:
                canvas._code.append("EMC")
            tags.bullet, tags.current = None, None
    finally:
        del tags.stack[depth:]


def link(canvas: Any, annotation: PDFDictionary, ref: PDFObjectReference, contents: str, url: str = "") -> None:
    """Record a link annotation: in the Link element of its words when the paragraph marks them
    (the last one to ``url``), else a Link element in the element being drawn."""
    tags = tagger(canvas)
    if tags is None:
        return
    owner = tags.current
    if tags.inline is not None:
        owner = next((n for n in reversed(tags.inline[1].links) if n.attrs.get("href") == url), owner)
    tags.links.append(Link(tags.page, annotation, ref, contents, owner))


@contextmanager
def inline_paragraph(canvas: Any, role: str, key: object, passages: Passages, **attrs: Any) -> Iterator[None]:
    """Draw a paragraph with passages of its own: its element (``role``, continued by ``key``)
    gets its runs of text one by one, inside its text object (``passage``, ``passages_marked``)."""
    tags = tagger(canvas)
    if tags is None or tags.depth:
        with _inside(tags):
            yield
        return
    node = tags.element(role, key, **attrs)
    tags.inline, tags.current = (node, passages), node
    tags.owners = [passages.open[-1] if passages.open else node]
    tags.depth += 1
    try:
        yield
    finally:
        tags.depth -= 1
        tags.inline, tags.current, tags.owners = None, None, []


def passage(canvas: Any, kind: str, label: str | None) -> None:
    """The ``<onDraw>`` callback of a passage mark in a paragraph (``label``: ``lang CODE`` or
    ``link ADDRESS`` where one starts, ``end`` where it ends): opens or closes its element and
    leaves a placeholder in the text object. Does nothing outside ``inline_paragraph``."""
    tags = tagger(canvas)
    if tags is None or tags.inline is None or not label:
        return
    node, passages = tags.inline
    top = passages.open[-1] if passages.open else node
    what, _, value = label.partition(" ")
    if what == "end":
        if passages.open:
            passages.open.pop()
    elif what in ("lang", "link"):
        role, attrs = ("Span", {"lang": value}) if what == "lang" else ("Link", {"href": value})
        opened = Node(role, parent=top, attrs=attrs)
        passages.open.append(opened)
        if what == "link":
            passages.links.append(opened)
    canvas._curr_tx_info["tx"]._code.append(PLACEHOLDER)
    tags.owners.append(passages.open[-1] if passages.open else node)


def passages_marked(canvas: Any, code: str) -> str:
    """A text object's operators (``code``) with each run between placeholders that shows text
    in a marked-content sequence of the element owning it (placed in the tree as its first text
    is drawn, so reading order is drawing order), and the placeholders removed."""
    runs = code.split(PLACEHOLDER)
    tags = tagger(canvas)
    if tags is None or len(tags.owners) != len(runs):
        return "".join(runs)
    out = []
    for run, owner in zip(runs, tags.owners, strict=True):
        if _SHOWS.search(run):
            attach(owner)
            run = f" /{owner.role} <</MCID {tags.mcid(owner)}>> BDC {run} EMC "
        out.append(run)
    tags.owners = [tags.owners[-1]]
    return "".join(out)


def attach(node: Node) -> None:
    """Put ``node`` (and the passages around it) in its parent's children, if not there yet."""
    parent = node.parent
    if parent is not None and not any(kid is node for kid in parent.kids):
        attach(parent)
        parent.kids.append(node)
