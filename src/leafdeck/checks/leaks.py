"""OUT-008: an editor's note shown in a built output. Every ``editor_notes`` text of the knowledge
base and every reference's ``note`` is looked for in the output's text, as a run of
``LEAK_WORDS`` words (all of a shorter note); ``editor_notes`` returns one located finding per
note found, at the note in the knowledge base."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from leafdeck.checks.content import Source
from leafdeck.checks.core import at
from leafdeck.checks.expected import tokens
from leafdeck.errors import Problem

if TYPE_CHECKING:
    from leafdeck.checks.formats import Context


LEAK_WORDS = 8
"""A run of this many words of an editor's note (all of a shorter one) found in an output is a leak."""
SHORTEST_NOTE = 3
"""Notes of fewer words are not looked for: two common words prove nothing."""


def notes_for_editors(source: Source) -> list[tuple[str, tuple[str, int, int]]]:
    """Every text no output may show (each ``editor_notes``, each reference's ``note``), with
    where it is written."""
    found = [(text, at(source.located, loc)) for loc, text in _editor_fields(source.located.data, ())]
    for i, ref in enumerate(source.kb.references):
        if ref.note:
            found.append((ref.note, at(source.located, ("references", i, "note"))))
    return found


def _editor_fields(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "editor_notes" and isinstance(child, str):
                yield (*loc, key), child
            else:
                yield from _editor_fields(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _editor_fields(child, (*loc, i))


def editor_notes(ctx: Context, text: str) -> list[Problem]:
    """OUT-008: an editor's note (or a long run of its words) shown in the output."""
    words = tokens(text)
    runs: dict[int, set[tuple[str, ...]]] = {}
    found = []
    for note, where in notes_for_editors(ctx.source):
        wanted = tokens(note)
        if len(wanted) < SHORTEST_NOTE:
            continue
        n = min(LEAK_WORDS, len(wanted))
        if n not in runs:
            runs[n] = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
        hit = next((wanted[i : i + n] for i in range(len(wanted) - n + 1) if tuple(wanted[i : i + n]) in runs[n]), None)
        if hit is not None:
            shown = " ".join(note.split())
            shown = shown if len(shown) <= 80 else shown[:77] + "…"
            message = f"shows an editor's note (“{shown}”; found: “{' '.join(hit)}”); editors' notes are never shown"
            found.append(ctx.finding("OUT-008", where, message))
    return found
