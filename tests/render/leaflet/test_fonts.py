"""Characters the font lacks stop the build with a clear message instead of vanishing."""

from __future__ import annotations

from leafdeck.read.layout import FontFamily
from leafdeck.render.leaflet import fonts
from tests.conftest import LAYOUTS

FAMILY = FontFamily(name="Noto Sans", regular="fonts/NotoSans-Regular.ttf", bold="fonts/NotoSans-Bold.ttf")


def test_covered_text_passes() -> None:
    fonts.register(FAMILY, LAYOUTS)
    assert fonts.missing_glyphs([("x", "Café – naïve “quotes” 4.5:1 ± ×")], "kb") == []


def test_missing_character_is_named_with_its_text() -> None:
    fonts.register(FAMILY, LAYOUTS)
    (problem,) = fonts.missing_glyphs([("item 'kp-one', text", "Ask 医生 first")], "kb")
    assert "item 'kp-one', text" in problem.message
    assert "'医' (U+533B CJK UNIFIED IDEOGRAPH-533B)" in problem.message
    assert "Ask 医生 first" in problem.message
