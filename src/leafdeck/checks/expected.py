"""Which items each output must show: exactly what its product's outline (the content plan)
holds. An item counts as shown when its text (or, in a deck, its speaker notes) can be read
back from the output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from leafdeck.passages import plain
from leafdeck.plan import blocks as b
from leafdeck.plan.blocks import Outline


@dataclass(frozen=True)
class Expected:
    """An item an output must show: its translation key and field, and the texts that count."""

    key: str
    field: str
    texts: tuple[str, ...]


def expected_items(outline: Outline, *, notes: bool = False) -> list[Expected]:
    """Every text the product's outline (the content plan) holds, as the items an output of that
    product must show: paragraphs (with their speaker notes as an alternative when ``notes``, for
    decks), glossary terms, grid questions, chart and icon-array labels. The outline is the one
    list of what a product shows, so this never disagrees with the renderers."""
    found: list[Expected] = []
    for section in outline.sections:
        _walk(section.blocks, found, notes)
    return found


def _walk(value: object, found: list[Expected], notes: bool) -> None:
    if isinstance(value, b.Paragraph):
        texts = (value.text, value.notes) if notes and value.notes else (value.text,)
        found.append(Expected(value.item, value.field, texts))
    elif isinstance(value, b.Chart | b.IconArray):
        outcome = value.outcome if isinstance(value, b.Chart) else None
        label = outcome.label if outcome is not None else value.heading
        key = outcome.id if outcome is not None else str(getattr(value, "outcome", ""))
        found.append(Expected(key, "label", (label,)))
    elif isinstance(value, b.GridLine):
        found.append(Expected(value.item, "question", (value.question,)))
        _walk(value.cells, found, notes)
    elif isinstance(value, b.Block):
        for name in value.__dataclass_fields__:
            _walk(getattr(value, name), found, notes)
    elif isinstance(value, tuple):
        for child in value:
            _walk(child, found, notes)


_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    """Words and digit runs, lower-cased, markup (bold, language marks) and punctuation dropped
    (``procedure1`` is two)."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", plain(text).replace("**", "")).casefold())


class Haystack:
    """The text of an output, as sets of 1-, 2- and 3-word runs."""

    def __init__(self, text: str) -> None:
        words = tokens(text)
        self.grams = {n: {tuple(words[i : i + n]) for i in range(len(words) - n + 1)} for n in (1, 2, 3)}

    def missing(self, text: str) -> list[str]:
        """Words of ``text`` not found in place: each word must sit in a run of three (or of the
        whole text, when shorter) that the output contains. Order across pages, columns and
        slides does not matter; a dropped or changed phrase does."""
        words = tokens(text)
        n = min(3, len(words))
        if n == 0:
            return []
        found = [False] * len(words)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in self.grams[n]:
                found[i : i + n] = [True] * n
        return [w for w, ok in zip(words, found, strict=True) if not ok]

    def shows(self, item: Expected) -> tuple[bool, list[str]]:
        """Whether one of the item's texts is shown, and else the words missing from the first."""
        gaps = [self.missing(text) for text in item.texts]
        return any(not gap for gap in gaps), gaps[0]
