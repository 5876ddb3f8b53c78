"""A country's spellings applied to a knowledge base at plan time (issue 20 point 7: US decks in
US spelling), from the table ``read.spelling`` reads (``sources/spelling.en-US.yaml``).

In: a selected knowledge base (``plan.variants.select``) and the table of whole words to
rewrite. Out: the same knowledge base with each listed word rewritten in its text, never in
references, ids or citations (``read.numbers.walk_text``); the very same object when the table
is empty or nothing changes. No rendering library, no file reading here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Mapping

from leafdeck.model import KnowledgeBase
from leafdeck.read.numbers import walk_text
from leafdeck.remembered import remembered


def spelled(kb: KnowledgeBase, words: Mapping[str, str]) -> KnowledgeBase:
    """``kb`` with every whole word of ``words`` (case-insensitive; a capital first letter kept)
    rewritten in its text."""
    if not words:
        return kb
    pairs = tuple(sorted(words.items()))
    pattern, table = _compiled(pairs)
    return remembered(_SPELLED, kb, lambda: walk_text(kb, lambda text: respelled(text, pattern, table)), (pairs,))


_SPELLED: dict[tuple[Hashable, ...], tuple[KnowledgeBase, KnowledgeBase]] = {}
"""``spelled`` answers by model and table (``remembered``): the build, ``plan``, the fit
prediction and ``check --outputs`` ask for each variant's once per product."""


def respelled(text: str, pattern: re.Pattern[str], table: Mapping[str, str]) -> str:
    """``text`` with each match of ``pattern`` (a whole word of ``table``) rewritten: "Centres"
    → "Centers", "centres" → "centers"; an all-capitals word stays in capitals; web addresses
    are left as they are (an address is spelled as its site spells it)."""
    parts = _ADDRESS.split(text)  # addresses at the odd indexes
    return "".join(
        part if index % 2 else pattern.sub(lambda m: _cased(m.group(0), table[m.group(0).lower()]), part)
        for index, part in enumerate(parts)
    )


_ADDRESS = re.compile(r"((?:https?://|www\.)\S+)")


def words_pattern(words: Mapping[str, str]) -> re.Pattern[str]:
    """One pattern matching any word of ``words`` as a whole word, any case."""
    return _compiled(tuple(sorted(words.items())))[0]


@functools.lru_cache(maxsize=8)
def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {old.lower(): new for old, new in pairs}
    alternatives = "|".join(re.escape(old) for old in sorted(table, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), table


def _cased(found: str, new: str) -> str:
    if found.isupper() and len(found) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if found[:1].isupper() else new
