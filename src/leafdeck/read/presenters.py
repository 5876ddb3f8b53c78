"""Read ``layouts/presenters/<name>.yaml``: who gives a talk, where and when, and what they declare.

A presenter's details belong to one person, not to the shared knowledge base: one doctor's
conflicts of interest never reach another clinic's decks, and editing them never makes a
translation stale. ``leafdeck build --presenter NAME`` puts them on the talks' title and
disclosures slides; ``leafdeck new-presenter NAME`` writes the commented starter below.
Validated like clinic files: every problem at once, located at its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.read.layout import Line, Part, load_model

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)
"""Bounds of a talk's date: a year outside them is a typo (and 9999-12-31 would overflow the
date arithmetic of the formats)."""


def _in_range(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"a talk's date between {EARLIEST.year} and {LATEST.year}, got {value.isoformat()}")
    return value


TalkDate = Annotated[dt.date, AfterValidator(_in_range)]
Declarations = Annotated[list[Line], Field(min_length=1)]


def _none_word(value: object) -> object:
    """``None``, ``NONE`` or `` none `` all mean the word none."""
    return "none" if isinstance(value, str) and value.strip().lower() == "none" else value


class Presenter(Part):
    """One presenter of a talk, from ``layouts/presenters/<name>.yaml``."""

    name: Line
    """The presenter's name as it should be shown, e.g. ``Dr Amina Okafor``."""
    credentials: Line | None = None
    """Post-nominal letters, e.g. ``MD, FRCP``."""
    role: Line | None = None
    """Post or job title, e.g. ``Consultant neurologist``."""
    organisation: Line | None = None
    """Where the presenter works."""
    event: Line | None = None
    """The meeting the talk is given at."""
    date: TalkDate | None = None
    """The day of the talk (YYYY-MM-DD), printed in the talk's language."""
    disclosures: Annotated[Declarations | Literal["none"], BeforeValidator(_none_word)]
    """Financial relationships of the past 24 months, one declaration per list entry, or the word
    ``none`` stated explicitly. Shown exactly as written on the disclosures slide."""


def presenter_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a presenter file, or None when it can."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return "presenter names use lower-case letters, digits and hyphens, e.g. amina-okafor"
    return None


def presenter_path(layouts: Path, name: str) -> Path:
    """Where the presenter file ``name`` lives."""
    return layouts / "presenters" / f"{name}.yaml"


def load_presenter(layouts: Path, name: str) -> Presenter:
    """The presenter named ``name``, validated; raises InputError (a bad name, a missing file
    with the command that starts one, or every problem in the file, located)."""
    trouble = presenter_name_problem(name)
    if trouble:
        raise InputError([Problem(name, message=trouble)])
    path = presenter_path(layouts, name)
    if not path.is_file():
        hint = f"no presenter file (leafdeck new-presenter {name} writes one to fill in)"
        raise InputError([Problem(display_path(path), message=hint)])
    return load_model(path, Presenter, layouts)


PRESENTER_STARTER = """\
# The presenter of a talk, used by `leafdeck build --presenter {name}`. It goes on the title and
# disclosures slides of the talks built with it, and nowhere else. Every value is checked when
# you build; a mistake is reported with its line and column.
#
# Your name as it should appear on the title slide (one line). TO CONFIRM: it was guessed from
# the file name, so check the spelling, the accents and any title (e.g. "Dr {guess}").
name: "{guess}"
# Post-nominal letters, your post and where you work (each optional, one line).
# credentials: "MD, FRCP"
# role: "Consultant neurologist"
# organisation: "Riverside MS Centre"
# The meeting, named as it would follow "at" in "Thank you for having me at ... today", and
# the day of the talk (optional; the date as YYYY-MM-DD).
# event: "the Regional MS Study Day 2027"
# date: 2027-03-12
# Your financial relationships of the past 24 months, one per line, as they should be shown:
#   disclosures:
#     - "Speaker fees from Example Pharma (2026)"
#     - "Advisory board, Example Devices Ltd (2025)"
# or, if you have none, say so explicitly (the slide then reads "No relevant financial
# relationships"):
disclosures: none
"""
"""The commented file ``leafdeck new-presenter NAME`` writes (``{name}`` is filled in, and
``{guess}``, the name it shows, with ``guessed_name``)."""


def guessed_name(file_name: str) -> str:
    """The presenter's name as the starter guesses it from its file name (issue 20: never the
    slug itself on a title slide): ``helen-carver`` → ``Helen Carver``. The starter flags it to
    confirm, since accents and titles cannot be guessed."""
    return " ".join(part.capitalize() for part in file_name.split("-") if part)
