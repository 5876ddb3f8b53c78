"""A problem said for the person at the form (issue 21 follow-up 2): the field's label leads, no
key, no stored path, sizes in MB, products by their names on the form."""

from __future__ import annotations

import pytest

from leafdeck.errors import Problem
from leafdeck.serve import forms, wording

PRODUCTS = wording.product_names(forms.PAPERS, forms.PRODUCTS)
FILES = {"layouts/clinics/logos/hillside.png": "Hillside logo 2024.png"}


@pytest.mark.parametrize(
    ("message", "label", "said"),
    [
        ("(top level): missing required key 'web'", "Web address", "Web address: this is needed; fill it in."),
        (
            "primary: contrast of white text on the primary colour is 2.29:1; the minimum is 4.5:1",
            "Main colour",
            "Main colour: contrast of white text on the main colour is 2.29:1; the minimum is 4.5:1.",
        ),
        (
            "logo: layouts/clinics/logos/hillside.png is 31,457,280 bytes; the limit for an image is 10,000,000",
            "Logo",
            "Logo: 'Hillside logo 2024.png' is 31.5 MB; the limit for an image is 10 MB.",
        ),
        (
            "logo: most of it contrasts only 1.2:1 with the logo plate (logo_plate in the layout) (#FFFFFF) in "
            "leaflet-a4, trifold-letter; a graphic needs 3:1",
            "Logo",
            "Logo: most of it contrasts only 1.2:1 with the plate drawn behind the logo (#FFFFFF) in "
            "Short leaflet (A4), Tri-fold (US Letter); a picture needs 3:1.",
        ),
        (
            "logo: prints at 90 ppi in leaflet-large-print-a4 and talk-patient",
            "Logo",
            "Logo: prints at 90 ppi in Large print (A4) and Talks (PowerPoint): patient talk.",
        ),
        ("the build failed", "", "The build failed."),
    ],
)
def test_a_problem_is_said_in_the_field_s_own_words(message: str, label: str, said: str) -> None:
    problem = Problem("layouts/clinics/hillside.yaml", 3, 1, message)
    assert wording.plain(problem, label, files=FILES, products=PRODUCTS) == said


@pytest.mark.parametrize(("size", "said"), [(10_000_000, "10 MB"), (31_457_280, "31.5 MB"), (250_000, "0.2 MB")])
def test_sizes_are_said_in_mb_as_the_hint_counts_them(size: int, said: str) -> None:
    assert wording.megabytes(size) == said
