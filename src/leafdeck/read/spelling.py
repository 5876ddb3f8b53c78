"""Read ``sources/spelling.<language>-<COUNTRY>.yaml``: the words one country spells differently
from the knowledge base (``sources/spelling.en-US.yaml``: British → US), for ``plan.spelling``.

In: the folder of the knowledge base, its language and a clinic's country. Out: the table of
whole words to rewrite (empty when no file exists for that pair). Validated like every input:
problems located at their line and column (``InputError``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.read.layout import Line, Part, load_model


class Spellings(Part):
    """One country's spellings of the knowledge base's language."""

    language: Line
    """The language whose text it rewrites, e.g. ``en``."""
    country: Line
    """The clinic country it is for (ISO 3166 alpha-2), e.g. ``US``."""
    words: dict[str, Line] = Field(min_length=1)
    """Whole word as the knowledge base writes it → as the country writes it."""


def spelling_path(folder: Path, language: str, country: str) -> Path:
    """Where the spellings of ``language`` for ``country`` live: ``spelling.en-US.yaml``."""
    return folder / f"spelling.{language}-{country}.yaml"


def load_spellings(folder: Path, language: str, country: str) -> dict[str, str]:
    """The words to rewrite for ``country`` in text written in ``language`` (``{}`` when the
    folder has no table for them); raises InputError for a table that is malformed or made for
    another language or country than its name says."""
    path = spelling_path(folder, language.split("-")[0], country)
    if not path.is_file():
        return {}
    table = load_model(path, Spellings, folder)
    if (table.language, table.country) != (language.split("-")[0], country):
        message = f"made for {table.language}-{table.country}, but its name says {language}-{country}"
        raise InputError([Problem(display_path(path), message=message)])
    return dict(table.words)
