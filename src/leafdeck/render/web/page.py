"""The whole page around the outline's sections: head, clinic header, title, contents, the
printable files, the sections in the outline's order, footer.

In: the ``Context`` (outline, layout, clinic, words, own address), the inlined stylesheet, the
notice every output must show (if any), the clinic's logo and what the page links to outside
itself (``Related``). Out: the HTML document as one string, the same bytes for the same inputs.
"""

from __future__ import annotations

import base64
import io

from babel import Locale, UnknownLocaleError

from leafdeck import __version__
from leafdeck.plan import blocks as b
from leafdeck.plan.blocks import Section
from leafdeck.read.images import Logo
from leafdeck.render.web.blocks import Context, decision, section, section_id
from leafdeck.render.web.contact import clinic_words, phone
from leafdeck.render.web.html import Html, inline, join, tag
from leafdeck.render.web.related import Related, downloads, head_links, language_links

LOGO_MAX_PIXELS_HIGH = 360
"""A logo taller than this (or larger than LOGO_MAX_BYTES) is scaled down before it is inlined."""
LOGO_MAX_BYTES = 200_000
DOWNLOADS = "downloads"
"""Id of the printable files' section."""


def page(ctx: Context, stylesheet: Html, notice: str | None, logo: Logo | None, related: Related) -> Html:
    """The whole document."""
    doc, L = ctx.outline.kb.document, ctx.labels
    idents = _idents(ctx.outline.sections)
    files = downloads(related, L)
    pairs = list(zip(ctx.outline.sections, idents, strict=True))
    first = _leading_key_points(ctx.outline.sections)
    listed = [(ident, s.title) for s, ident in pairs if s.title]  # in page order: key points first
    if files is not None:
        listed.insert(len([s for s, _ in pairs[:first] if s.title]), (DOWNLOADS, L("web_downloads")))
    lead = [section(s, ident, ctx) for s, ident in pairs[:first]]
    body = [section(s, ident, ctx) for s, ident in pairs[first:]]
    printable = tag("section", tag("h2", L("web_downloads")), files, id=DOWNLOADS) if files is not None else None
    main = tag("main", *_title(ctx, notice), *lead, _contents(listed, ctx), printable, *body, id="main", tabindex="-1")
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("title", f"{doc.title} – {ctx.clinic.name}"),
        tag("meta", name="description", content=doc.subtitle),
        tag("meta", name="keywords", content=", ".join(doc.keywords)),
        tag("meta", name="generator", content=f"leafdeck {__version__}"),
        tag("link", rel="canonical", href=ctx.online) if ctx.online else None,  # no website: not hosted
        *head_links(related),
        tag("link", rel="icon", href="data:,"),
        tag("style", stylesheet),
    )
    page_body = tag(
        "body",
        tag("a", L("web_skip"), href="#main", class_="skip"),
        _masthead(ctx, logo, related),
        main,
        _footer(ctx),
    )
    return Html(f"<!DOCTYPE html>\n{tag('html', head, page_body, lang=doc.language, dir=direction(doc.language))}\n")


def _idents(sections: tuple[Section, ...]) -> list[str]:
    """A unique id per section: its name, then ``-2``, ``-3`` for a name met again (a talk's one
    section per trial)."""
    seen: dict[str, int] = {}
    idents = []
    for s in sections:
        base = section_id(s)
        seen[base] = seen.get(base, 0) + 1
        idents.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return idents


def direction(language: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, ...), else ``ltr``."""
    try:
        order = Locale.parse(language.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _masthead(ctx: Context, logo: Logo | None, related: Related) -> Html:
    clinic = ctx.clinic
    image = tag("img", src=logo_uri(logo), alt=clinic.logo_alt or "", class_="logo") if logo is not None else None
    details = tag(
        "div",
        tag("p", clinic_words(clinic, clinic.name, ctx.labels), class_="name"),
        tag("p", phone(clinic.phone, ctx.labels, clinic)),
        class_="clinic",
    )
    languages = language_links(related, ctx.outline.kb.document.language, ctx.labels)
    return tag("header", tag("div", image, details, languages, class_="masthead"))


def logo_uri(logo: Logo) -> str:
    """The logo as a data: address (scaled down first when it is large), so the page loads nothing."""
    data, mime = logo.png, "image/png"  # normalised once on load: upright, 8-bit RGB or RGBA
    from PIL import Image

    with Image.open(logo.stream()) as image:
        if image.height > LOGO_MAX_PIXELS_HIGH or len(data) > LOGO_MAX_BYTES:
            high = min(image.height, LOGO_MAX_PIXELS_HIGH)  # only ever smaller
            width = max(1, round(image.width * high / image.height))
            smaller = image.resize((width, high), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            smaller.save(buffer, format="PNG", optimize=True)
            data, mime = buffer.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _title(ctx: Context, notice: str | None) -> list[Html]:
    doc, L = ctx.outline.kb.document, ctx.labels
    warning = tag("div", tag("p", tag("strong", notice)), class_="notice", role="note") if notice else None
    box = decision(L("web_helps_you_decide"), doc.decision, doc.condition)
    return [
        x for x in (warning, tag("h1", inline(doc.title)), tag("p", inline(doc.subtitle), class_="subtitle"), box) if x
    ]


def _leading_key_points(sections: tuple[Section, ...]) -> int:
    """How many sections at the start of the page are key-point boxes: they go before the
    contents list (issue 19 §7: a reader saw the key points only below 30 contents entries)."""
    count = 0
    for s in sections:
        if not (len(s.blocks) == 1 and isinstance(s.blocks[0], b.KeyPoints)):
            break
        count += 1
    return count


def _contents(listed: list[tuple[str, str]], ctx: Context) -> Html | None:
    if not listed:
        return None
    items = [tag("li", tag("a", title, href=f"#{ident}")) for ident, title in listed]
    return tag(
        "nav",
        tag("h2", ctx.labels("web_contents"), id="contents"),
        tag("ol", join(items)),
        aria_labelledby="contents",
        class_="contents",
    )


def _footer(ctx: Context) -> Html:
    kb = ctx.outline.kb
    line = ctx.labels("footer", title=kb.document.title, version=kb.governance.version)
    name = clinic_words(ctx.clinic, ctx.clinic.name, ctx.labels)
    return tag("footer", tag("div", tag("p", line), tag("p", name), class_="footer"))
