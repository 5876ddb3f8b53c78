"""Knowledge-base text reaches Paragraph markup escaped; only our own markup survives."""

from __future__ import annotations

import pytest

from leafdeck.render.leaflet.markup import cite_mark, inline, link, plain


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("AT&T", "AT&amp;T"),
        ("x<y and y>z", "x&lt;y and y&gt;z"),
        ('<font color="red">red</font>', '&lt;font color="red"&gt;red&lt;/font&gt;'),
        ('<img src="/etc/passwd"/>', '&lt;img src="/etc/passwd"/&gt;'),
        ("**No benefit** was found", "<b>No benefit</b> was found"),
        ("**<b>**", "<b>&lt;b&gt;</b>"),
        ("a ** b", "a ** b"),
    ],
)
def test_inline_escapes_then_applies_bold(text: str, markup: str) -> None:
    assert inline(text) == markup


@pytest.mark.parametrize(
    ("numbers", "mark"),
    [
        ([], ""),
        ([3], "\u00a0[3]"),
        ([1, 2], "\u00a0[1, 2]"),
        ([3, 1, 2, 5], "\u00a0[1\u20133, 5]"),
        ([2, 2], "\u00a0[2]"),
    ],
)
def test_citation_marks_are_full_size_and_compressed(numbers: list[int], mark: str) -> None:
    assert cite_mark(numbers) == mark


def test_plain_drops_bold_markers() -> None:
    assert plain("a **b** c") == "a b c"


def test_link_escapes_quotes_in_addresses() -> None:
    assert link('https://x.org/"a"', "x") == '<a href="https://x.org/&quot;a&quot;">x</a>'
