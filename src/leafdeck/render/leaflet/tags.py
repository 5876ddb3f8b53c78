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
artifact, text inside a figure) belongs to the open sequence. At save (``write``) the tree
becomes PDF objects: StructTreeRoot, its ParentTree (per page, MCID → element; per link, its
annotation → Link element), the pages' StructParents and ``/Tabs /S``, MarkInfo and the XMP
metadata with the PDF/UA identification (ISO 14289-1 §5, 7.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFStream, PDFString

HEADING = "H"
"""The role of a heading before its level is known: levels are given at save, in reading order,
so that the first is H1 and none is skipped (``levels``)."""

TRUE = b"true"
"""A PDF boolean (reportlab writes bytes as they are)."""


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


def link(canvas: Any, annotation: PDFDictionary, ref: PDFObjectReference, contents: str) -> None:
    """Record a link annotation: a Link element in the element being drawn (or the open one)."""
    tags = tagger(canvas)
    if tags is not None:
        tags.links.append(Link(tags.page, annotation, ref, contents, tags.current))


# --- the structure tree as PDF objects -----------------------------------------------------------


def levels(root: Node) -> None:
    """Heading levels in reading order: the first heading is H1; a heading is as deep as its rank
    (the title, a section, a sub-section) among the ranks used, never more than one level below
    the heading before it."""
    headings = [n for n in root.walk() if n.role == HEADING]
    ranks = sorted({int(n.attrs.get("rank", 0)) for n in headings})
    previous = 0
    for node in headings:
        level = min(ranks.index(int(node.attrs.get("rank", 0))) + 1, previous + 1)
        node.role, previous = f"H{level}", level


def prune(node: Node) -> None:
    """Drop elements that own nothing (a section whose blocks were all artifacts)."""
    node.kids = [k for k in node.kids if not (isinstance(k, Node) and k.empty())]
    for kid in node.kids:
        if isinstance(kid, Node):
            prune(kid)


def write(tags: Tagger, doc: Any, pages: list[PDFObjectReference], title: str, lang: str, creator: str) -> None:
    """Add the structure tree of ``tags`` to reportlab document ``doc`` (its ``pages`` by
    reference, in order), with MarkInfo and XMP metadata naming ``title`` (in ``lang``) and
    conforming to PDF/UA-1. Page dictionaries get their StructParents from the canvas."""
    root = tags.root
    for node in tags.first:
        node.parent = root
    root.kids[0:0] = tags.first
    _attach_links(tags)
    prune(root)
    levels(root)
    refs: dict[int, PDFObjectReference] = {}
    dicts: dict[int, PDFDictionary] = {}
    for node in root.walk():
        dicts[id(node)] = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.role)})
        refs[id(node)] = doc.Reference(dicts[id(node)])
    tree = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": refs[id(root)]})
    tree_ref = doc.Reference(tree)
    keys = {id(link): len(pages) + i for i, link in enumerate(tags.links)}
    for node in root.walk():
        _fill(dicts[id(node)], node, refs, pages, keys, refs[id(node.parent)] if node.parent else tree_ref)
    nums: list[Any] = []
    for page in range(len(pages)):
        owners = tags.mcids.get(page, [])
        nums += [page, PDFArray([refs[id(owner)] for owner in owners])]
    for link in tags.links:
        owner = next(n for n in root.walk() if any(k is link for k in n.kids))
        link.annotation.dict["StructParent"] = keys[id(link)]
        link.annotation.dict["Contents"] = PDFString(link.contents)
        nums += [keys[id(link)], refs[id(owner)]]
    tree.dict["ParentTree"] = PDFDictionary({"Nums": PDFArray(nums)})
    tree.dict["ParentTreeNextKey"] = len(pages) + len(tags.links)
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_ref
    catalog.MarkInfo = PDFDictionary({"Marked": TRUE})
    catalog.Metadata = xmp(title, lang, creator)


def _attach_links(tags: Tagger) -> None:
    """Each link annotation in a Link element, in the element whose text carries it."""
    for link in tags.links:
        parent = link.owner or tags.root
        element = parent.add(Node("Link", attrs={"alt": link.contents}))
        element.kids.append(link)


def _fill(
    target: PDFDictionary,
    node: Node,
    refs: dict[int, PDFObjectReference],
    pages: list[PDFObjectReference],
    keys: dict[int, int],
    parent: PDFObjectReference,
) -> None:
    marks = [k for k in node.kids if isinstance(k, Mark)]
    home = marks[0].page if marks else None
    kids: list[Any] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Mark):
            same = kid.page == home
            kids.append(
                kid.mcid if same else PDFDictionary({"Type": PDFName("MCR"), "Pg": pages[kid.page], "MCID": kid.mcid})
            )
        else:
            kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": kid.ref, "Pg": pages[kid.page]}))
    target.dict["P"] = parent
    if home is not None:
        target.dict["Pg"] = pages[home]
    target.dict["K"] = PDFArray(kids)
    attrs = node.attrs
    if attrs.get("alt"):
        target.dict["Alt"] = PDFString(attrs["alt"])
    if attrs.get("actual"):
        target.dict["ActualText"] = PDFString(attrs["actual"])
    if attrs.get("lang"):
        target.dict["Lang"] = PDFString(attrs["lang"])
    table = {k: v for k, v in (("Scope", attrs.get("scope")), ("ColSpan", attrs.get("colspan"))) if v}
    if table:
        scope = {"Scope": PDFName(table["Scope"])} if "Scope" in table else {}
        span = {"ColSpan": table["ColSpan"]} if "ColSpan" in table else {}
        target.dict["A"] = PDFDictionary({"O": PDFName("Table"), **scope, **span})


def xmp(title: str, lang: str, creator: str) -> PDFStream:
    """The XMP metadata stream: the title (dc:title, in ``lang``), the tool, and the PDF/UA-1
    identification (``pdfuaid:part`` 1). No dates, so the same inputs give the same bytes."""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
<dc:format>application/pdf</dc:format>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(creator)}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet.encode("utf-8"))
    return stream
