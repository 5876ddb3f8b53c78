"""Booklet and tri-fold imposition orders."""

from __future__ import annotations

import pytest

from leafdeck.render.leaflet.impose import TRIFOLD_SHEETS, booklet_order


@pytest.mark.parametrize(
    ("pages", "sides"),
    [
        (4, [(4, 1), (2, 3)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    ],
)
def test_booklet_order(pages: int, sides: list[tuple[int, int]]) -> None:
    assert booklet_order(pages) == sides


def test_every_page_appears_once() -> None:
    flat = [p for side in booklet_order(16) for p in side]
    assert sorted(flat) == list(range(1, 17))


def test_booklet_needs_multiple_of_four() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        booklet_order(6)


def test_trifold_front_cover_is_the_outside_right_panel() -> None:
    outside, inside = TRIFOLD_SHEETS
    assert outside[2] == 1
    assert inside == (2, 3, 4)
    assert sorted(outside + inside) == [1, 2, 3, 4, 5, 6]
