"""Where a line may not break (issue 19 §3): phone numbers and short emergency numbers."""

from __future__ import annotations

import pytest

from leafdeck.nobreak import NBSP, short_numbers_kept, unbroken_phone


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+34 910 000 000 (ext. 4521)", f"+34{NBSP}910{NBSP}000{NBSP}000 (ext.{NBSP}4521)"),
        ("(555) 010-0142", f"(555){NBSP}010-0142"),
        ("01632 960 000", f"01632{NBSP}960{NBSP}000"),
        ("+47 22 00 00 00", f"+47{NBSP}22{NBSP}00{NBSP}00{NBSP}00"),
        ("Ask at reception for our phone number", "Ask at reception for our phone number"),
    ],
)
def test_a_phone_number_never_breaks_inside_its_digits(number: str, expected: str) -> None:
    assert unbroken_phone(number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Au Royaume-Uni, appelez tout de suite le 999.", f"Au Royaume-Uni, appelez tout de suite le{NBSP}999."),
        ("En España, llame al 112 enseguida.", f"En España, llame al{NBSP}112 enseguida."),
        ("In the UK, call 999 at once.", f"In the UK, call{NBSP}999 at once."),
        ("1,656 people", "1,656 people"),  # not a short number: left as it is
        ("a 2.5 point change", "a 2.5 point change"),
        ("in 2018 the", "in 2018 the"),
    ],
)
def test_a_short_number_stays_with_the_word_before_it(text: str, expected: str) -> None:
    assert short_numbers_kept(text) == expected
