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


def test_link_encodes_quotes_and_escapes_ampersands_in_addresses() -> None:
    assert link('https://x.org/"a"?b=1&c=<2>', "x") == '<a href="https://x.org/%22a%22?b=1&amp;c=%3C2%3E">x</a>'


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "JavaScript:x", "data:text/html,x", "/x"])
def test_link_refuses_other_schemes(url: str) -> None:
    with pytest.raises(ValueError, match="only https, http, mailto, tel"):
        link(url)


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org", "mailto:a@b.org", "tel:+441632960123"])
def test_link_allows_the_four_schemes(url: str) -> None:
    assert f'href="{url}"' in link(url)
