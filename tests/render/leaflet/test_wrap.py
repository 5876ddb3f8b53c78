"""A word longer than its line (a web address printed without its scheme) breaks after a "/"
or a "." where one fits, as laid out by reportlab with leafdeck's splitter (``wrap``)."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl

from leafdeck.render.leaflet import wrap
from leafdeck.render.leaflet.markup import link
from leafdeck.render.leaflet.tagged import Para

STYLE = ParagraphStyle("wrapped", fontName="Helvetica", fontSize=16, leading=20, splitLongWords=1, hyphenationLang="")
ADDRESS = "neurologia.santamaria.example.es/folletos/liberation-procedure/fr/patient"


def _lines(markup: str, width: float) -> list[str]:
    paragraph = Para(markup, STYLE)
    paragraph.wrap(width, 10_000)
    return ["".join(getattr(w, "text", "") for w in line.words).strip() for line in paragraph.blPara.lines]


@pytest.mark.parametrize(
    ("lead", "width"),
    [
        ("Lire en ligne\u00a0: ", 250.0),
        ("Read this online: ", 320.0),
        ("Web: ", 180.0),
        ("See ", 140.0),
        ("À: ", 100.0),
    ],
)
def test_a_long_address_breaks_after_a_slash_or_a_dot(lead: str, width: float) -> None:
    """Every line but the last ends after a "/", "." or "-" of the address, unless the line is
    a part of it holding none of them (a part wider than the line: split where it must)."""
    lines = _lines(lead + link(f"https://{ADDRESS}/", ADDRESS), width)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "").replace("\u00a0", "") == (lead + ADDRESS).replace(" ", "").replace(
        "\u00a0", ""
    )
    for line in lines[:-1]:
        part = line.removeprefix(lead.strip())
        assert line.endswith(tuple(wrap.BREAK_AFTER)) or not any(c in part for c in wrap.BREAK_AFTER), lines


def test_a_long_word_without_slash_or_dot_splits_as_reportlab_does() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    ours = _lines(f"<b>{word}</b> and more", 150.0)
    rl._splitFragWord = wrap.REPORTLAB
    try:
        theirs = _lines(f"<b>{word}</b> and more", 150.0)
    finally:
        wrap.install()
    assert ours == theirs
    assert len(ours) > 2
