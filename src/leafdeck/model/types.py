"""The model's value types: audiences, depths, ids, text, dates, numbers, and the base node
(frozen, unknown keys rejected). Validators say what a volunteer can act on."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from leafdeck.fields import INTERNATIONAL as INTERNATIONAL
from leafdeck.fields import bounded_date, country_code, not_future, printable

Audience = Literal["patient", "clinician", "advocacy"]
AUDIENCES: tuple[Audience, ...] = ("patient", "clinician", "advocacy")

Depth = Literal["essential", "standard", "detail"]
"""How deep a product must go to show an item: ``essential`` items reach the short products
(short leaflet, option grid, tri-fold), ``standard`` ones the talks and the web page, ``detail``
ones only the full decision aid (and the web page, its online copy). Products name the depth
they show in ``layouts/products.yaml``."""
DEPTHS: tuple[Depth, ...] = ("essential", "standard", "detail")

Country = Annotated[str, StringConstraints(strict=True), AfterValidator(country_code)]
"""An ISO 3166-1 alpha-2 code (``GB``, ``ES``, ``US``) or ``international``, the neutral default
(``fields.country_code``: ``UK`` is refused with "did you mean 'GB'")."""

_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_KB_ID = 60
"""The longest knowledge-base id: it is part of every online address and QR code."""


def _parse_date(value: object) -> object:
    """Turn an ISO ``YYYY-MM-DD`` string into a date, with a message a volunteer can act on."""
    if not isinstance(value, str):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None


def _people(value: int) -> int:
    """An arm's size: at least one person (an arm of 0 would print "0 people" beside results)."""
    if value < 1:
        raise ValueError(f"{value} people: an arm has at least 1 person; leave out an arm no one was in")
    return value


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!r} is listed twice")
        seen.add(value)
    return values


def _printable(value: str) -> str:
    """Refuse control and format characters and line and paragraph separators (soft hyphens,
    zero-width spaces, U+2028, ...; ``fields.printable``): a printed page would drop them
    silently, and leaflets do not hyphenate."""
    return printable(value)


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1), AfterValidator(_printable)]
"""Non-empty text. Numbers are not silently turned into text: quote them."""
Id = Annotated[str, StringConstraints(strict=True, pattern=_ID_PATTERN)]
"""A stable identifier: lower-case letters, digits and hyphens."""
Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(bounded_date)]
"""A date written YYYY-MM-DD, between 1900-01-01 and 2100-12-31 (``fields.bounded_date``)."""
PastDate = Annotated[Date, AfterValidator(not_future)]
"""A date something happened on (published, reviewed, translated): not after today."""
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number: YAML's ``.nan``, ``.inf`` and ``-.inf`` are refused."""
Audiences = Annotated[tuple[Audience, ...], Field(min_length=1), AfterValidator(_unique)]
Cites = Annotated[tuple[Id, ...], AfterValidator(_unique)]


SCHEMA_DOCSTRINGS = "LEAFDECK_SCHEMA_DOCSTRINGS"
"""Environment variable that ``leafdeck schema`` sets to 1 in the process printing the schema:
only then are the fields' docstrings collected as their descriptions. Nothing else reads them,
and collecting them parses every model module's source (about 35 ms of every command)."""


class Node(BaseModel):
    """Base of every model: frozen, unknown keys rejected; field docstrings kept as descriptions
    in the process that prints the schema (``SCHEMA_DOCSTRINGS``)."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=os.environ.get(SCHEMA_DOCSTRINGS) == "1"
    )


RuleCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]+-\d{3}$")]
"""A rule of ``leafdeck check``, e.g. ``READ-004``."""
Reason = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, pattern=r"^[^\n]+$"),
    AfterValidator(_printable),
]
"""One line of text."""
