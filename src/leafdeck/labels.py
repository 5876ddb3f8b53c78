"""Interface words printed around the content ("Key points", "Page 2 of 9"), per language,
from ``sources/labels.yaml``, plus locale-aware dates and numbers (Babel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import RootModel, StringConstraints

from leafdeck.errors import InputError, Problem
from leafdeck.validate import validate
from leafdeck.yamlio import load

Word = Annotated[str, StringConstraints(strict=True, min_length=1)]


class LabelFile(RootModel[dict[str, Word]]):
    """label key → text, for one language."""


@dataclass(frozen=True)
class Labels:
    """The interface words of one language, and its locale's formats."""

    language: str
    words: dict[str, str] = field(default_factory=dict)

    def __call__(self, key: str, **values: object) -> str:
        """The label, with ``{placeholders}`` filled in."""
        return self.words[key].format(**values)

    def date(self, value: dt.date) -> str:
        """A date written out in the language, e.g. `22 November 2026`."""
        return format_date(value, format="long", locale=self.locale)

    def number(self, value: float, places: int = 1, *, signed: bool = False) -> str:
        """A number in the language's format (decimal comma in French and Spanish)."""
        text = format_decimal(
            round(value, places), format=f"#,##0.{'#' * places}" if places else "#,##0", locale=self.locale
        )
        return f"+{text}" if signed and value > 0 else text

    @property
    def locale(self) -> str:
        return self.language.replace("-", "_")


PROJECT_SOURCES = Path("sources")
"""Where labels are looked for when the knowledge base's own folder has none."""


def labels_path(sources: Path, language: str) -> Path:
    """Where one language's labels live: beside the knowledge base, else in ./sources."""
    beside = sources / f"labels.{language}.yaml"
    fallback = PROJECT_SOURCES / f"labels.{language}.yaml"
    return beside if beside.exists() or not fallback.exists() else fallback


def load_labels(sources: Path, language: str) -> Labels:
    """One language's labels; it must have exactly the keys the English file has."""
    english = _read(labels_path(sources, "en"))
    if language == "en":
        return Labels("en", english)
    path = labels_path(sources, language)
    words = _read(path)
    located, _ = load(path)
    assert located is not None
    problems = [
        Problem(located.file, message=f"no label {key!r} (English: {english[key]!r})")
        for key in english
        if key not in words
    ]
    problems += [
        located.problem((key,), f"{key}: not a label leafdeck uses", key=True) for key in words if key not in english
    ]
    if problems:
        raise InputError(problems)
    return Labels(language, words)


def _read(path: Path) -> dict[str, str]:
    located, problems = load(path)
    table = None
    if located is not None:
        table, problems = validate(located, LabelFile)
    if table is None:
        raise InputError(problems)
    return table.root
