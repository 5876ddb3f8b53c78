"""The structure tree of a tagged leaflet as PDF objects, added to reportlab's document when
the canvas saves: StructTreeRoot, its ParentTree (per page, MCID → element; per link, its
annotation → Link element), MarkInfo and the XMP metadata with the PDF/UA identification
(ISO 14289-1 §5, 7.1). The pages' StructParents and ``/Tabs /S`` are set by the canvas
(``page.FooterCanvas``). Everything is written in one deterministic order: same inputs, same
bytes.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFStream, PDFString

from leafdeck.passages import plain
from leafdeck.render.leaflet.markup import escape
from leafdeck.render.leaflet.tags import HEADING, Link, Mark, Node, Tagger, attach

TRUE = b"true"
"""A PDF boolean (reportlab writes bytes as they are)."""


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
    """Each link in one Link element, in the element whose text carries it: the annotations of
    a link wrapped over several lines (one per line, drawn one after another, to the same
    address in the same element) all belong to one Link (PDF/UA-1 allows several OBJR in a
    Link), so a screen reader announces it once. A link whose words are marked
    (``tags.passage``) goes in their Link element."""
    element: Node | None = None
    previous: Link | None = None
    for link in tags.links:
        if link.owner is not None and link.owner.role == "Link":  # the Link element of its words
            attach(link.owner)
            link.owner.attrs.setdefault("alt", link.contents)
            link.owner.kids.append(link)
            element, previous = None, None
            continue
        parent = link.owner or tags.root
        same = previous is not None and previous.owner is link.owner and previous.contents == link.contents
        if element is None or not same:
            element = parent.add(Node("Link", attrs={"alt": link.contents}))
        element.kids.append(link)
        previous = link


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
        target.dict["Alt"] = PDFString(plain(attrs["alt"]))  # words only: no language can be said there
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
    packet = xmp_packet(title, lang, creator)
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet.encode("utf-8"))
    return stream


def xmp_packet(title: str, lang: str, creator: str, description: str = "", *, tagged: bool = True) -> str:
    """The XMP packet (text) naming ``title`` and ``description`` (dc:description, e.g. the
    print-only note of an imposed file) in ``lang``, and the tool; PDF/UA-1 identification
    only when the file is ``tagged``."""
    about = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(description)}</rdf:li></rdf:Alt></dc:description>\n'
        if description
        else ""
    )
    ua = (
        """<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
"""
        if tagged
        else ""
    )
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
{about}<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
<dc:format>application/pdf</dc:format>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(creator)}</pdf:Producer>
</rdf:Description>
{ua}</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
