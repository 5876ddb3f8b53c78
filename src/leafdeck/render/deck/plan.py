"""Plan a deck: the model in, slide specifications out. Pure data; no python-pptx.

For each section the planner measures its blocks (with the real font files) against the box
they will sit in and packs them onto slides. It prefers, in turn: the section's preferred
arrangement on as few slides as it has pages, at the largest allowed size; then its other
arrangements; and when nothing fits, the arrangement and size needing the fewest slides. Blocks
that do not fit go to continuation slides titled ``Title (2 of 3)``; text is never set below the
smallest listed size (18 pt for body text) and never overflows its box.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Outline
from leafdeck.read.layout import Resolved
from leafdeck.render.deck.charts import outcome_chart
from leafdeck.render.deck.layout import Box, DeckLayout, Insets, localised
from leafdeck.render.deck.measure import Frame, Measurer, Run, TextPara
from leafdeck.render.deck.script import SAID_FORMS, aloud, said_once, timed
from leafdeck.render.deck.sections import Block, Context, Draft, Page, Sources, drafts, plain
from leafdeck.render.deck.spec import ChartSpec, DeckProperties, Para, Place, SlideSpec, TextSpec, geometry
from leafdeck.render.deck.visuals import VisualDraft


@dataclass(frozen=True)
class _Chunk:
    """The blocks (and chart) that landed on one slide."""

    blocks: tuple[Block, ...]
    chart: ChartSpec | None
    page: int
    """Which page of the arrangement it came from: slides continuing one page share a size."""
    visual: VisualDraft | None = None
    """The page's table or icon arrays (on its first slide)."""


def plan(outline: Outline, resolved: Resolved[DeckLayout]) -> list[SlideSpec]:
    """The deck's slides, in order, for one product's outline (the content plan) and a resolved
    deck layout: ``sections.drafts`` says what each slide group holds, this planner measures;
    then the notes become a script (``script``: each sentence said once, the talk timed on the
    first slide)."""
    resolved = localised(resolved)
    measurer = measurer_for(resolved)
    context = Context(outline, resolved.layout, resolved.clinic, resolved.labels, measurer, resolved.presenter)
    planner = _Planner(resolved.layout, measurer, context.sources, resolved.notice)
    slides = [slide for draft in _unique_titles(drafts(context)) for slide in planner.slides(draft)]
    slides = said_once(planner.closing(slides, resolved.online), resolved.layout.words.sources)
    forms = {name: resolved.labels(f"deck_said_{name}") for name in SAID_FORMS}
    slides = aloud(slides, resolved.layout.words.sources, forms)
    talk, words = resolved.layout.talk, resolved.layout.words
    return timed(slides, words.sources, talk.words_per_minute, words.timing_said)


def title_fits(measurer: Measurer, layout: DeckLayout, text: str, size: float, room: Frame) -> bool:
    """Whether a slide title set at ``size`` points fits ``room`` in at most ``text.title_lines``
    lines (bold, as titles are set)."""
    runs = (Run(text, bold=True),)
    return measurer.lines(runs, size, room.width) <= layout.text.title_lines and measurer.fits(
        [TextPara(runs, size)], room
    )


def measurer_for(resolved: Resolved[DeckLayout]) -> Measurer:
    """A measurer for the layout's font files and line spacing: one per process for each, so its
    cached widths and line counts serve every deck the process plans."""
    font = resolved.layout.font
    return _measurer(resolved.asset(font.regular), resolved.asset(font.bold), resolved.layout.text.line_spacing)


@functools.lru_cache(maxsize=8)
def _measurer(regular: Path, bold: Path, line_spacing: float) -> Measurer:
    return Measurer(regular, bold, line_spacing)


def frame(box: Box, layout: DeckLayout, insets: Insets | None = None) -> Frame:
    """The inside of a text box (inside the layout's insets unless others are given), less the
    slack held back for renderer differences."""
    text = layout.text
    insets = insets or text.insets
    width, height = box.width - insets.left - insets.right, box.height - insets.top - insets.bottom
    return Frame(width * (1 - text.wrap_slack), height * (1 - text.slack))


def hung(para: Para, size: float, layout: DeckLayout, measurer: Measurer) -> Para:
    """``para`` as it is written at ``size``: a number that fits its hanging indent with a space
    stays a label (the emitter tabs from it to the margin); a wider one becomes the start of the
    text (a tab would jump to the next tab stop, further than the measurer could know)."""
    if not para.label or measurer.width(para.label + " ", size) <= geometry(para, layout.text).hang:
        return para
    return replace(para, runs=(Run(para.label + " "), *para.runs), label="")


def text_paras(paras: Sequence[Para], size: float, layout: DeckLayout, measurer: Measurer) -> list[TextPara]:
    """Paragraphs as the measurer sees them, labels written as ``hung`` writes them."""
    measured = []
    for para in paras:
        where = geometry(para, layout.text)
        measured.append(TextPara(hung(para, size, layout, measurer).runs, size, where.margin, where.space_before))
    return measured


def properties(kb: KnowledgeBase, layout: DeckLayout) -> DeckProperties:
    """Core properties of the deck, from the knowledge base."""
    doc, gov = kb.document, kb.governance
    reviewed = dt.datetime.combine(gov.last_reviewed, dt.time())
    return DeckProperties(
        title=plain(doc.title),
        subject=plain(doc.subtitle),
        author="; ".join(p.name for p in gov.authors),
        keywords="; ".join(doc.keywords),
        language=doc.language,
        category=layout.words.deck_category,
        comments=plain(doc.disclaimer),
        version=gov.version,
        last_modified_by=gov.publisher.name,
        date=reviewed,
    )


def _unique_titles(found: list[Draft]) -> list[Draft]:
    seen: dict[str, int] = {}
    unique = []
    for draft in found:
        seen[draft.title] = seen.get(draft.title, 0) + 1
        title = draft.title if seen[draft.title] == 1 else f"{draft.title} ({seen[draft.title]})"
        unique.append(replace(draft, title=title))
    return unique


class _Planner:
    def __init__(self, layout: DeckLayout, measurer: Measurer, sources: Sources, notice: str | None) -> None:
        self.layout = layout
        self.measurer = measurer
        self.numbers = sources.numbers
        self.sources = sources
        self.notice = notice
        self.boxes = layout.boxes.making_room() if notice else layout.boxes

    def slides(self, draft: Draft) -> list[SlideSpec]:
        chunks, size = self._arrange(draft)
        sizes = {
            page: self._largest([c for c in chunks if c.page == page], draft, size) for page in {c.page for c in chunks}
        }
        slides = []
        for index, chunk in enumerate(chunks, start=1):
            title = draft.title
            if len(chunks) > 1:
                title = self.layout.words.continued.format(title=title, index=index, count=len(chunks))
            slides.append(self._slide(draft, chunk, title, sizes[chunk.page], first=index == 1))
        return slides

    def _largest(self, chunks: list[_Chunk], draft: Draft, floor: float) -> float:
        """The largest listed size, not below ``floor``, at which every one of these slides still fits."""
        fitting = (
            size
            for size in self._sizes(draft)
            if size >= floor
            and all(
                self._fits(c.blocks, size, draft, beside=c.chart is not None or bool(c.visual and c.visual.beside))
                for c in chunks
            )
        )
        return next(fitting, floor)

    def _slide(self, draft: Draft, chunk: _Chunk, title: str, size: float, *, first: bool) -> SlideSpec:
        cover = draft.sizes == "cover"
        cites = list(dict.fromkeys(c for block in chunk.blocks for c in block.cites))
        beside = chunk.chart is not None or (chunk.visual is not None and chunk.visual.beside)
        place = self._place(cover=cover, beside=beside)
        return SlideSpec(
            layout="cover" if cover else ("chart" if beside else "text"),
            title=title,
            title_size=self._size_for(title, place.title, self._title_sizes(cover), bold=True, cover=cover, title=True),
            body=TextSpec(
                tuple(hung(p, size, self.layout, self.measurer) for b in chunk.blocks for p in b.paras), size
            ),
            notes=self._notes(draft, chunk, cites, first=first),
            place=place,
            chart=chunk.chart,
            visual=chunk.visual.placed(place, self.layout, self.measurer) if chunk.visual else None,
            section=draft.section,
            citation=self._citation(cites),
            notice=self.notice,
            notice_size=self._size_for(self.notice, place.notice, self.layout.sizes.notice, bold=True)
            if self.notice
            else 0.0,
        )

    def closing(self, slides: list[SlideSpec], online: str) -> list[SlideSpec]:
        """``slides`` with a QR code to ``online`` (the web copy) on the closing slide: the last of
        the first section (the talk itself, before any backup), its title narrowed to clear it (a
        title that fits only the full bar keeps it, and the slide has no code)."""
        if not online or not slides:
            return slides
        index = max(i for i, s in enumerate(slides) if s.section == slides[0].section)
        closing = slides[index]
        if closing.layout == "cover":
            return slides
        place = replace(closing.place, title=self.layout.qr.title)
        try:
            size = self._size_for(closing.title, place.title, self._title_sizes(False), bold=True, title=True)
        except InputError:  # a title that needs the whole bar keeps it: no code rather than no fit
            return slides
        return [*slides[:index], replace(closing, qr=online, place=place, title_size=size), *slides[index + 1 :]]

    def _place(self, *, cover: bool, beside: bool) -> Place:
        """The boxes of a cover, text or chart slide (moved clear of the notice when there is one)."""
        boxes = self.boxes
        if cover:
            return Place(boxes.cover_title, boxes.cover_subtitle, boxes.chart, boxes.cover_notice, boxes.cover_logo)
        body = boxes.beside_chart if beside else boxes.body
        return Place(boxes.title, body, boxes.chart, boxes.notice, boxes.logo)

    def _title_sizes(self, cover: bool) -> tuple[float, ...]:
        return self.layout.sizes.cover_title if cover else self.layout.sizes.title

    def _arrange(self, draft: Draft) -> tuple[list[_Chunk], float]:
        """The first arrangement and size that needs no continuation slide; failing that, the one
        needing the fewest slides (then the fewest continuations, then the largest size)."""
        best: tuple[tuple[int, int], list[_Chunk], float] | None = None
        for pages in draft.options:
            for size in self._sizes(draft):
                chunks = self._paginate(pages, size, draft)
                if len(chunks) == len(pages):
                    return chunks, size
                score = (len(chunks), len(chunks) - len(pages))
                if best is None or score < best[0]:
                    best = (score, chunks, size)
        assert best is not None
        return best[1], best[2]

    def _sizes(self, draft: Draft) -> tuple[float, ...]:
        sizes = self.layout.sizes
        return {"cover": sizes.cover_subtitle, "body": sizes.body, "references": sizes.references}[draft.sizes]

    def _paginate(self, pages: Sequence[Page], size: float, draft: Draft) -> list[_Chunk]:
        """The pages' blocks packed onto slides in order at ``size``: each slide takes blocks while
        they fit (its height grown block by block, as ``_fits`` would measure the whole slide)."""
        chunks: list[_Chunk] = []
        for number, page in enumerate(pages):
            beside = page.charted is not None or (page.visual is not None and page.visual.beside)
            room = frame(self._place(cover=draft.sizes == "cover", beside=beside).body, self.layout)
            pending, current, height = list(page.blocks), list[Block](), 0.0
            while pending:
                block = pending.pop(0)
                paras = text_paras(block.paras, size, self.layout, self.measurer)
                grown = self.measurer.grown(height, paras, room.width, first=not any(b.paras for b in current))
                if grown <= room.height:
                    current.append(block)
                    height = grown
                elif current:
                    chunks.append(self._chunk(page, number, current))
                    current, height = [], 0.0
                    pending.insert(0, block)
                else:
                    pending[:0] = self._split(block, draft)
            chunks.append(self._chunk(page, number, current))
        return chunks

    def _chunk(self, page: Page, number: int, blocks: list[Block]) -> _Chunk:
        """The blocks of one slide, with a chart of just the outcomes among them, and the page's
        table or icon arrays."""
        outcomes = [block.outcome for block in blocks if block.outcome is not None]
        if page.charted is None or not outcomes:
            return _Chunk(tuple(blocks), None, number, page.visual)
        return _Chunk(tuple(blocks), outcome_chart(page.charted, outcomes, self.layout), number, page.visual)

    def _fits(self, blocks: Sequence[Block], size: float, draft: Draft, *, beside: bool) -> bool:
        box = self._place(cover=draft.sizes == "cover", beside=beside).body
        paras = [p for block in blocks for p in block.paras]
        return self.measurer.fits(text_paras(paras, size, self.layout, self.measurer), frame(box, self.layout))

    def _split(self, block: Block, draft: Draft) -> list[Block]:
        """A block too big for a slide of its own: its paragraphs apart, or a paragraph in halves."""
        if len(block.paras) > 1:
            rest = [Block((p,), (p.text,)) for p in block.paras[1:]]
            return [Block(block.paras[:1], block.notes, block.cites, block.outcome), *rest]
        para = block.paras[0]
        words = [(w, r.bold) for r in para.runs for w in r.text.split(" ") if w]
        if len(words) < 2:
            raise InputError([Problem(draft.title, message=f"cannot fit {para.text!r} on a slide; shorten it")])
        middle = len(words) // 2
        first, second = words[:middle], words[middle:]
        halves = [Para(_runs(first), para.level, para.style, para.label), Para(_runs(second), para.level, "plain")]
        return [
            Block(tuple(halves[:1]), block.notes, block.cites, block.outcome),
            Block(tuple(halves[1:]), (halves[1].text,)),
        ]

    def _size_for(
        self, text: str, box: Box, choices: tuple[float, ...], *, bold: bool, cover: bool = False, title: bool = False
    ) -> float:
        """The largest of ``choices`` at which ``text`` fits ``box`` (the title slide's title with its
        own insets; a slide's ``title`` in at most ``text.title_lines`` lines); a user error if none does."""
        room = frame(box, self.layout, self.layout.text.cover_title_insets if cover else None)
        for size in choices:
            para = TextPara((Run(text, bold=bold),), size)
            if title and not cover and not title_fits(self.measurer, self.layout, text, size, room):
                continue
            if self.measurer.fits([para], room):
                return size
        raise InputError([Problem(text, message=f"too long for its box on a slide, even at {choices[-1]} pt")])

    def _citation(self, cites: list[str]) -> str | None:
        if not cites:
            return None
        sources = self.layout.words.sources
        room = frame(self.boxes.citation, self.layout)
        size = self.layout.sizes.citation
        full = f"{sources} " + "; ".join(f"[{self.numbers[c]}] {self.sources.short(c)}" for c in cites)
        if self.measurer.fits([TextPara((Run(full),), size)], room):
            return full
        return f"{sources} " + ", ".join(f"[{n}]" for n in sorted(self.numbers[c] for c in cites))

    def _notes(self, draft: Draft, chunk: _Chunk, cites: list[str], *, first: bool) -> str:
        """What the presenter says: the draft's lead (on its first slide), then each block's notes,
        each sentence once; then one short "Sources:" line naming, by number and first author and
        year, what the slide shows and what the notes draw on (the full references are in the
        backup section, so no citation text stands in the spoken part)."""
        said = [*(draft.lead_notes if first else ()), *(n for block in chunk.blocks for n in block.notes)]
        behind = list(dict.fromkeys([*cites, *(c for block in chunk.blocks for c in block.said_cites)]))
        spoken = "\n".join(dict.fromkeys(s for s in said if s)) or draft.title
        if not behind:
            return spoken
        named = "; ".join(f"[{self.numbers[c]}] {self.sources.short(c)}" for c in behind if c in self.numbers)
        return f"{spoken}\n{self.layout.words.sources} {named}" if named else spoken


def _runs(words: list[tuple[str, bool]]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for word, bold in words:
        if merged and merged[-1].bold == bold:
            merged[-1] = Run(merged[-1].text + " " + word, bold)
        else:
            merged.append(Run(("" if not merged else " ") + word, bold))
    return tuple(merged)
