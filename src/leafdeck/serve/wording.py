"""A problem of the clinic file, said for the person filling in the form (issue 21 follow-up 2).

``leafdeck check`` words a problem for the clinic file: ``"web: ..."``, ``"(top level): missing
required key 'web'"``, sizes in bytes, product names such as ``leaflet-a4``, the logo's stored
path. Beside a field the form leads with the same message in the field's own words: the field's
label instead of the key, sizes in MB, products by their names on the form, the logo by the name
of the file that was chosen. The rule code and the CLI's own line stay shown beside it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from leafdeck.errors import Problem

PLAIN_WORDS = {
    "the logo plate (logo_plate in the layout)": "the plate drawn behind the logo",
    "the band in the clinic's primary colour": "the band in the main colour",
    "white text on the primary colour": "white text on the main colour",
    "a graphic needs": "a picture needs",
}
"""Phrases of the CLI's messages that name the layout's or the model's insides → plain words."""

_MISSING = re.compile(r"^\(top level\): missing required key '([a-z_]+)'$")
_KEY = re.compile(r"^[a-z_]+(?:\.[a-z_]+)*: ")
_BYTES = re.compile(r"\b([\d,]+) bytes; the limit for an image is ([\d,]+)")
_MB = 1_000_000


def megabytes(size: int) -> str:
    """``size`` bytes in MB as people read them (``31,457,280`` → ``"31.5 MB"``; 1 MB = 10^6 bytes,
    as the form's hint counts ``MAX_IMAGE_BYTES``)."""
    shown = f"{size / _MB:.1f}".removesuffix(".0")
    return f"{shown} MB"


def plain(
    problem: Problem,
    label: str,
    *,
    files: Mapping[str, str] = {},
    products: Mapping[str, str] = {},
) -> str:
    """The sentence shown first beside a field: ``label`` (the field's label, or "" for the whole
    form), then ``problem``'s message without its key, with each stored file name of ``files``
    replaced by the name the person knows it by, each product id of ``products`` by its name on
    the form, and sizes in MB."""
    message = problem.message
    missing = _MISSING.match(message)
    if missing:
        message = "this is needed; fill it in"
    message = _KEY.sub("", message, count=1)
    for stored, chosen in sorted(files.items(), key=lambda item: -len(item[0])):
        message = message.replace(stored, f"'{chosen}'")
    message = _BYTES.sub(
        lambda m: (
            f"{megabytes(int(m[1].replace(',', '')))}; the limit for an image is "
            f"{megabytes(int(m[2].replace(',', '')))}"
        ),
        message,
    )
    for words, plainer in PLAIN_WORDS.items():
        message = message.replace(words, plainer)
    for product in sorted(products, key=len, reverse=True):
        message = re.sub(rf"(?<![\w-]){re.escape(product)}(?![\w-])", products[product], message)
    sentence = message if message.endswith((".", "?", "!")) else message + "."
    return f"{label}: {sentence}" if label else sentence[:1].upper() + sentence[1:]


def product_names(papers: Mapping[str, str], products: Mapping[str, tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Each product of ``layouts/products.yaml`` the form offers → its name on the form, with the
    paper: ``leaflet-a4`` → ``"Short leaflet (A4)"``, ``talk-patient`` → ``"Talks (PowerPoint):
    patient talk"``."""
    names: dict[str, str] = {}
    for label, made in products.values():
        for name in made:
            if "{paper}" in name:
                for paper, paper_label in papers.items():
                    names[name.format(paper=paper)] = f"{label} ({paper_label})"
            elif name.startswith("talk-"):
                names[name] = f"{label}: {name.removeprefix('talk-')} talk"
            else:
                names[name] = label
    return names
