"""The page: the leaflet's content as semantic HTML, section by section.

Sections appear in the order the layout lists them and follow the PDF leaflet's content and
wording (``leaflet.story``): the same statements, chart panels, citation numbers (in order of
first citation) and references. Each section builder returns blocks; a block with a title is
listed in the page's contents.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from leafdeck import __version__
from leafdeck.model import KnowledgeBase, Option, Statement, TopicRole
from leafdeck.plan.variants import cited_ids
from leafdeck.read.images import Logo
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render.leaflet import chart as leaflet_chart
from leafdeck.render.leaflet.story import about_rows, reference_markup
from leafdeck.render.web import chart
from leafdeck.render.web.html import Html, esc, inline, join, link, tag
from leafdeck.render.web.layout import WebLayout

LOGO_MAX_PIXELS_HIGH = 360
"""A logo taller than this (or larger than LOGO_MAX_BYTES) is scaled down before it is inlined."""
LOGO_MAX_BYTES = 200_000
MIN_PHONE_DIGITS = 6
_NUMBER = re.compile(r"\+?\d[\d\s().-]*\d")


@dataclass(frozen=True)
class Context:
    """What every section builder needs."""

    kb: KnowledgeBase
    layout: WebLayout
    clinic: Clinic
    labels: Labels
    numbers: dict[str, int]
    """Reference id → its number, in order of first citation."""
    online: str
    """This page's own address."""


@dataclass(frozen=True)
class Block:
    """A piece of the page; one with an ``ident`` and ``title`` is listed in the contents."""

    body: Html
    ident: str | None = None
    title: str | None = None


def page(kb: KnowledgeBase, ctx: Context, stylesheet: Html, notice: str | None, logo: Logo | None) -> Html:
    """The whole document."""
    doc, L = kb.document, ctx.labels
    blocks = {name: SECTIONS[name](ctx) for name in ctx.layout.sections if name != "contents"}
    listed = [b for name in ctx.layout.sections if name != "contents" for b in blocks[name] if b.ident and b.title]
    body = [
        b.body if name != "contents" else _contents(listed, L)
        for name in ctx.layout.sections
        for b in (blocks.get(name) or [Block(Html(""))])
    ]
    main = tag("main", *_title(ctx, notice), *body, id="main", tabindex="-1")
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("title", f"{doc.title} – {ctx.clinic.name}"),
        tag("meta", name="description", content=doc.subtitle),
        tag("meta", name="keywords", content=", ".join(doc.keywords)),
        tag("meta", name="generator", content=f"leafdeck {__version__}"),
        tag("link", rel="canonical", href=ctx.online),
        tag("link", rel="icon", href="data:,"),
        tag("style", stylesheet),
    )
    page_body = tag(
        "body",
        tag("a", L("web_skip"), href="#main", class_="skip"),
        _masthead(ctx, logo),
        main,
        _footer(ctx),
    )
    return Html(f"<!DOCTYPE html>\n{tag('html', head, page_body, lang=doc.language, dir=direction(doc.language))}\n")


def direction(language: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, ...), else ``ltr``."""
    try:
        order = Locale.parse(language.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _masthead(ctx: Context, logo: Logo | None) -> Html:
    clinic = ctx.clinic
    image = tag("img", src=logo_uri(logo), alt=clinic.logo_alt or "", class_="logo") if logo is not None else None
    details = tag(
        "div", tag("p", clinic.name, class_="name"), tag("p", _phone(clinic.phone, ctx.labels)), class_="clinic"
    )
    return tag("header", tag("div", image, details, class_="masthead"))


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
    doc, L = ctx.kb.document, ctx.labels
    warning = tag("div", tag("p", tag("strong", notice)), class_="notice", role="note") if notice else None
    decision = tag(
        "div",
        tag("p", L("web_helps_you_decide"), class_="box-title"),
        tag("p", tag("strong", inline(doc.decision))),
        tag("p", inline(doc.condition)),
        class_="box decision",
    )
    return [
        x for x in (warning, tag("h1", doc.title), tag("p", inline(doc.subtitle), class_="subtitle"), decision) if x
    ]


def _contents(listed: list[Block], labels: Labels) -> Html:
    items = [tag("li", tag("a", b.title, href=f"#{b.ident}")) for b in listed]
    return tag(
        "nav",
        tag("h2", labels("web_contents"), id="contents"),
        tag("ol", join(items)),
        aria_labelledby="contents",
        class_="contents",
    )


def cites(ids: Iterable[str], ctx: Context) -> Html:
    """Citation numbers linking to the references, e.g. ``[1, 3]`` or ``[1–3]`` (as the PDF prints them)."""
    numbers = sorted({ctx.numbers[i] for i in ids if i in ctx.numbers})
    if not numbers:
        return Html("")

    def one(n: int) -> Html:
        return tag("a", str(n), href=f"#ref-{n}", aria_label=ctx.labels("web_reference", n=n))

    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [join([one(r[0]), "\u2013", one(r[-1])]) if len(r) > 2 else join((one(n) for n in r), ", ") for r in runs]
    return Html(f"\u00a0{tag('span', '[', join(parts, ', '), ']', class_='cite')}")


def para(statement: Statement, ctx: Context) -> Html:
    """A statement as a paragraph, with its citation numbers."""
    return tag("p", inline(statement.text), cites(statement.cites, ctx))


def bullets(statements: Iterable[Statement], ctx: Context) -> Html:
    """A bulleted list, one statement per item."""
    return tag("ul", join(tag("li", inline(s.text), cites(s.cites, ctx)) for s in statements))


def section(ident: str, title: str, *content: Html | None, class_: str | None = None) -> list[Block]:
    """A titled section (listed in the contents)."""
    return [Block(tag("section", tag("h2", title), *content, id=ident, class_=class_), ident, title)]


def _topic(role: TopicRole, extra: Callable[[Context], list[Html]] = lambda _: []) -> Callable[[Context], list[Block]]:
    def build(ctx: Context) -> list[Block]:
        topic = ctx.kb.topic(role)
        if topic is None:
            return []
        body = (
            [bullets(topic.statements, ctx)] if topic.style == "bullets" else [para(s, ctx) for s in topic.statements]
        )
        return section(role.replace("_", "-"), topic.title, *body, *extra(ctx))

    return build


def _unapproved(ctx: Context) -> list[Html]:
    return [tag("p", tag("strong", inline(ctx.kb.document.unapproved_use)), class_="caution")]


def _key_points(ctx: Context) -> list[Block]:
    return section("key-points", ctx.labels("key_points"), bullets(ctx.kb.key_points, ctx), class_="box")


def _chart(ctx: Context) -> list[Html]:
    found = leaflet_chart.panels(ctx.kb.studies, ctx.labels)
    if not found:
        return []
    figures = []
    for i, panel in enumerate(found, 1):
        ident = f"chart-{i}"
        caption = tag(
            "figcaption", tag("strong", panel.heading), cites(panel.outcome.cites or panel.study.cites, ctx), id=ident
        )
        numbers = tag(
            "details",
            tag("summary", ctx.labels("web_chart_numbers")),
            chart.table(panel, ctx.labels, panel.heading),
        )
        figures.append(tag("figure", caption, chart.svg(panel, ctx.layout.chart, f"{ident}-svg"), numbers))
    return [
        tag("h3", ctx.labels("chart_heading")),
        *figures,
        tag("p", inline(ctx.labels("chart_caption")), class_="caption"),
    ]


def _studies(ctx: Context) -> list[Block]:
    shown = [s for s in ctx.kb.studies if s.findings]
    if not shown:
        return []
    parts = []
    for study in shown:
        parts += [
            tag("h3", f"{study.name} ({study.year})"),
            tag("p", inline(study.design), cites(study.cites, ctx)),
            bullets(study.findings, ctx),
            para(study.conclusion, ctx),
        ]
    return section("studies", ctx.labels("main_studies"), *parts)


def _option_title(option: Option, labels: Labels) -> str:
    return option.name if option.approved else labels("not_approved", name=option.name)


def _options(ctx: Context) -> list[Block]:
    L = ctx.labels
    parts = []
    for option in ctx.kb.options:
        parts += [
            tag("h3", _option_title(option, L)),
            para(option.summary, ctx),
            tag("h4", L("what_it_can_do")),
            bullets(option.benefits, ctx),
            tag("h4", L("downsides")),
            bullets(option.harms, ctx),
        ]
    return section("options", L("your_options"), *parts)


def _framework(ctx: Context) -> list[Block]:
    L = ctx.labels
    steps = [
        tag(
            "li",
            tag("strong", inline(L("step", n=i, title=step.title))),
            tag("br"),
            inline(step.text),
            cites(step.cites, ctx),
        )
        for i, step in enumerate(ctx.kb.framework, 1)
    ]
    return section("framework", L("step_by_step"), tag("ol", join(steps), class_="steps"))


def _questions(ctx: Context) -> list[Block]:
    groups = [
        tag("div", tag("h3", inline(group.title)), bullets(group.questions, ctx), class_="box questions")
        for group in ctx.kb.questions
    ]
    return section("questions", ctx.labels("questions_to_ask"), *groups)


def _faq(ctx: Context) -> list[Block]:
    if not ctx.kb.faq:
        return []
    parts = [join([tag("h3", inline(item.question)), para(item.answer, ctx)]) for item in ctx.kb.faq]
    return section("faq", ctx.labels("common_questions"), *parts)


def _glossary(ctx: Context) -> list[Block]:
    if not ctx.kb.glossary:
        return []
    terms = [join([tag("dt", inline(t.term)), tag("dd", inline(t.definition))]) for t in ctx.kb.glossary]
    return section("glossary", ctx.labels("web_glossary"), tag("dl", join(terms), class_="glossary"))


def _references(ctx: Context) -> list[Block]:
    items = []
    for ref_id, number in sorted(ctx.numbers.items(), key=lambda item: item[1]):
        markup = reference_markup(ctx.kb.reference(ref_id), ctx.labels, notes=ctx.layout.reference_notes)
        items.append(
            tag("li", Html(markup.replace("<b>", "<strong>").replace("</b>", "</strong>")), id=f"ref-{number}")
        )
    return section("references", ctx.labels("references"), tag("ol", join(items), class_="references"))


def _about(ctx: Context) -> list[Block]:
    g, L = ctx.kb.governance, ctx.labels
    rows = about_rows(g, L, ctx.layout.label)
    details = tag(
        "dl", join(join([tag("dt", L(key)), tag("dd", inline(value))]) for key, value in rows), class_="about"
    )
    return section(
        "about",
        L("web_about"),
        details,
        tag("div", tag("p", inline(g.other_formats)), class_="box"),
        tag("p", inline(ctx.kb.document.disclaimer)),
    )


def _phone(phone: str, labels: Labels) -> Html:
    """The phone label with the number as a tel: link (an extension or a note after it stays text)."""
    text = labels("phone", phone=phone)
    number = _NUMBER.match(phone)
    if number is None or sum(ch.isdigit() for ch in number[0]) < MIN_PHONE_DIGITS:
        return esc(text)
    dial = "".join(ch for ch in number[0] if ch.isdigit() or ch == "+")
    head, _, tail = text.partition(phone)
    return join([head, link(f"tel:{dial}", number[0]), phone[len(number[0]) :], tail])


def _contact(ctx: Context) -> list[Block]:
    clinic, L = ctx.clinic, ctx.labels
    short = ctx.online.split("://", 1)[-1].rstrip("/")
    lines = [
        tag("p", tag("strong", clinic.name)),
        tag("p", _phone(clinic.phone, L)),
        tag("p", _email(clinic.email, L)) if clinic.email else None,
        tag("p", join([line.strip() for line in clinic.address.splitlines()], sep=tag("br"))),  # a line each
        tag("p", L("web_address"), " ", link(ctx.online, short)),
    ]
    return section("contact", L("contact_heading"), tag("address", *lines))


def _email(email: str | None, labels: Labels) -> Html:
    assert email is not None
    text = labels("email", email=email)
    head, _, _ = text.partition(email)
    return join([head, link(f"mailto:{email}", email), text[len(head) + len(email) :]])


def _footer(ctx: Context) -> Html:
    g = ctx.kb.governance
    line = ctx.labels("footer", title=ctx.kb.document.title, version=g.version)
    return tag("footer", tag("div", tag("p", line), tag("p", ctx.clinic.name), class_="footer"))


SECTIONS: dict[str, Callable[[Context], list[Block]]] = {
    "key_points": _key_points,
    "intervention": _topic("intervention", _unapproved),
    "hypothesis": _topic("hypothesis"),
    "spread": _topic("spread"),
    "evidence": _topic("evidence", _chart),
    "studies": _studies,
    "safety": _topic("safety"),
    "regulation": _topic("regulation"),
    "options": _options,
    "unknowns": _topic("unknowns"),
    "framework": _framework,
    "questions": _questions,
    "next_steps": _topic("next_steps"),
    "faq": _faq,
    "experiences": _topic("experiences"),
    "glossary": _glossary,
    "references": _references,
    "about": _about,
    "contact": _contact,
}


def context(kb: KnowledgeBase, layout: WebLayout, clinic: Clinic, labels: Labels, online: str) -> Context:
    """The context for one page: reference numbers in order of first citation."""
    numbers = {ref_id: i for i, ref_id in enumerate(cited_ids(kb), 1)}
    return Context(kb, layout, clinic, labels, numbers, online)
