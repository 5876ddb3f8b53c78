"""Knowledge-base text reaches Paragraph markup escaped; only our own markup survives."""

from __future__ import annotations

import re

import pytest

from leafdeck.render.leaflet.markup import cite_mark, inline, link, linked, plain
from leafdeck.render.leaflet.tags import PASSAGE


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
    found = link('https://x.org/"a"?b=1&c=<2>', "x")
    assert '<a href="https://x.org/%22a%22?b=1&amp;c=%3C2%3E">x</a>' in found
    assert 'label="link https://x.org/%22a%22?b=1&amp;c=%3C2%3E"' in found  # its words' Link element


def test_a_link_is_between_passage_marks_for_its_link_element() -> None:
    """The link's words are drawn between two zero-width marks: the tagged PDF puts them in
    their Link element (``tags.passage``)."""
    opening, rest = link("https://x.org/", "x").split("<a ", 1)
    assert opening == f'<onDraw name="{PASSAGE}" label="link https://x.org/"/>'
    assert rest.endswith(f'</a><onDraw name="{PASSAGE}" label="end"/>')


@pytest.mark.parametrize(
    ("text", "expected", "read"),
    [
        ("La [liberation procedure]{lang=en} ici", "La {s}liberation procedure{e} ici", "La liberation procedure ici"),
        ("[A & B]{lang=en-GB}", "{s2}A &amp; B{e}", "A & B"),
        ("no mark [here] {lang=en}", "no mark [here] {lang=en}", "no mark [here] {lang=en}"),
        ("**[bold]{lang=en}**", "<b>{s}bold{e}</b>", "bold"),
    ],
)
def test_a_passage_in_another_language_is_between_passage_marks(text: str, expected: str, read: str) -> None:
    marks = {
        "s": f'<onDraw name="{PASSAGE}" label="lang en"/>',
        "s2": f'<onDraw name="{PASSAGE}" label="lang en-GB"/>',
        "e": f'<onDraw name="{PASSAGE}" label="end"/>',
    }
    for name, mark in marks.items():
        expected = expected.replace(f"{{{name}}}", mark)
    assert inline(text) == expected
    assert plain(text) == read


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "JavaScript:x", "data:text/html,x", "/x"])
def test_link_refuses_other_schemes(url: str) -> None:
    with pytest.raises(ValueError, match="only https, http, mailto, tel"):
        link(url)


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org", "mailto:a@b.org", "tel:+441632960123"])
def test_link_allows_the_four_schemes(url: str) -> None:
    assert f'href="{url}"' in link(url)


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        ("search registers, such as trialsearch.who.int.", ["https://trialsearch.who.int"]),
        ("the EU website (euclinicaltrials.eu). Older", ["https://euclinicaltrials.eu"]),
        ("E-mail: em.neurologia@santamaria.example.es", ["mailto:em.neurologia@santamaria.example.es"]),
        ("see example.org/leafdeck/x/en/patient/ today", ["https://example.org/leafdeck/x/en/patient/"]),
        ("already https://www.nice.org.uk/guidance linked", []),
        ("e.g. 0.062, i.e. the U.S. FDA; Dr.Smith; fig.2", []),
        ("AT&T.com", []),
    ],
)
def test_bare_addresses_in_prose_become_links(text: str, addresses: list[str]) -> None:
    """Issue 22 trial: a web or e-mail address written in prose is a link (its words unchanged);
    abbreviations, decimals and addresses written with their scheme are left alone."""
    markup = linked(text)
    assert re.findall(r'<a href="([^"]+)">', markup) == addresses
    assert plain(re.sub(r"<[^>]+>", "", markup)) == text


@pytest.mark.parametrize(
    ("text", "quote", "escaped"),
    [
        ("AT&T <b>x</b> > y", False, "AT&amp;T &lt;b&gt;x&lt;/b&gt; &gt; y"),
        ('say "no" & it\'s', False, 'say "no" &amp; it\'s'),  # quotes kept in text
        ('https://x.org/?a=1&b="2"', True, "https://x.org/?a=1&amp;b=&quot;2&quot;"),  # an attribute
        ("it's", True, "it's"),  # the attributes are double-quoted: an apostrophe stays
        ("&amp;", False, "&amp;amp;"),
        ("", False, ""),
    ],
)
def test_escape_gives_what_the_xml_library_gave(text: str, quote: bool, escaped: str) -> None:
    from xml.sax.saxutils import escape as xml_escape

    from leafdeck.render.leaflet.markup import escape

    assert escape(text, quote=quote) == escaped
    assert escape(text, quote=quote) == (xml_escape(text, {'"': "&quot;"}) if quote else xml_escape(text))


def test_laying_a_leaflet_out_imports_neither_pypdf_nor_ssl() -> None:
    """Measuring (``leafdeck check``'s workers) needs neither: pypdf is imported where a file is
    imposed, and escaping no longer brings urllib's network modules."""
    import subprocess
    import sys

    code = "import sys, leafdeck.render.leaflet.writer; print(sorted({'pypdf', 'ssl', 'urllib.request'} & set(sys.modules)))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
