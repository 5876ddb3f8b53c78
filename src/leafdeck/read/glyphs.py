"""Text a PDF font cannot draw, reported where the text was written (file:line:col).

reportlab silently drops a character its font lacks, and the leaflet renderer refuses such
text, but it sees the model, not the files: it can only say "the knowledge base". This check
runs before anything is rendered, on the files themselves (the knowledge base, its
translations, the label files, the clinic files), so an emoji in a statement points at its
line in the knowledge base and an Arabic clinic name with a Latin-only font points at the
clinic file. A file is parsed only when it holds a character the font lacks at all.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from leafdeck.errors import Problem, display_path
from leafdeck.read.validate import dotted
from leafdeck.read.yamlio import Loc, Located, load, read_text

IGNORED_KEYS = frozenset({"id", "cites", "audiences", "doi", "pmid", "logo"})
"""Keys whose values are never set in a PDF font (identifiers and addresses, checked elsewhere)."""


@lru_cache(maxsize=16)
def coverage(*fonts: Path) -> frozenset[int]:
    """The code points the fonts have glyphs for, together. Each font's are read once per exact
    content and kept between commands (``read.inputs.Inputs.kept_value``): a check then need
    not load fontTools to know them."""
    from leafdeck.read.inputs import current

    found: set[int] = set()
    for path in fonts:
        found.update(
            current().kept_value("cmap", path, path.read_bytes(), partial(_code_points, path), _code_point_list)
        )
    return frozenset(found)


def _code_points(path: Path) -> list[int]:
    """The code points one font file has glyphs for, in order."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return sorted(font["cmap"].getBestCmap() or {})


def _code_point_list(value: object) -> bool:
    return isinstance(value, list) and all(type(point) is int for point in value)


def glyph_problems(
    fonts: tuple[Path, ...],
    family: str,
    files: Iterable[Path],
    skip: Iterable[str] = (),
    audiences: Iterable[str] | None = None,
) -> list[Problem]:
    """One problem per text value in ``files`` that uses a character none of ``fonts`` has
    (white space aside), at the value's line and column. Top-level keys starting with a prefix
    in ``skip`` are left out (e.g. ``deck_`` labels, which the decks' font sets), and so are
    items (with what they hold) whose ``audiences`` include none of ``audiences``."""
    readers = None if audiences is None else frozenset(audiences)
    covered = coverage(*fonts)
    prefixes = tuple(skip)
    problems: list[Problem] = []
    for path in dict.fromkeys(files):
        text, _ = read_text(path)
        if text is None:
            continue  # unreadable files are reported by their own loader
        if all(ord(ch) in covered or ch.isspace() for ch in set(text)):
            continue
        located, _ = load(path)
        if located is None:
            continue
        for loc, value in _strings(located.data, readers):
            if prefixes and loc and str(loc[0]).startswith(prefixes):
                continue
            missing = sorted({ch for ch in value if ord(ch) not in covered and not ch.isspace()})
            if missing:
                names = ", ".join(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})" for ch in missing)
                message = (
                    f"{dotted(loc)}: the leaflet font {family} ({', '.join(display_path(f) for f in fonts)}) "
                    f"has no glyph for {names}; remove it, or set layouts' fonts to a font that has it"
                )
                problems.append(_at_character(located, loc, value, set(missing), located.problem(loc, message)))
    return problems


def _at_character(located: Located, loc: Loc, value: str, characters: set[str], problem: Problem) -> Problem:
    """``problem`` moved to the first of ``characters`` in ``value`` (the text at ``loc``): its own
    line and column, inside a folded or literal block too (trial 17d: an emoji on the fourth line
    of a ``>-`` block was reported at the block's first line)."""
    from leafdeck.read.numbers import place

    offset = next(i for i, ch in enumerate(value) if ch in characters)
    line, col = place(located, loc, value, offset)
    return dataclasses.replace(problem, line=line, col=col)


def _strings(value: Any, readers: frozenset[str] | None, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        audiences = value.get("audiences")
        if readers is not None and isinstance(audiences, list) and not readers.intersection(map(str, audiences)):
            return  # an item no reader of these PDFs sees
        for key, child in value.items():
            if key not in IGNORED_KEYS:
                yield from _strings(child, readers, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, readers, (*loc, i))
    elif isinstance(value, str):
        yield loc, value
