"""Each deck is valid Office Open XML: openxml-audit's schema validation finds no error."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.oxml.ns import qn


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_the_deck_passes_schema_validation(built: dict[str, Path], audience: str) -> None:
    result = validate_pptx(str(built[audience]))
    assert [str(error) for error in result.errors] == []


def test_chart_axes_have_unsigned_ids_that_name_each_other(built: dict[str, Path]) -> None:
    charts = [
        shape.chart
        for slide in Presentation(str(built["clinician"])).slides
        for shape in slide.shapes
        if shape.has_chart
    ]
    assert charts
    for chart in charts:
        space = chart._chartSpace
        axes = {int(e.get("val")) for e in space.iter(qn("c:axId")) if e.getparent().tag != qn("c:barChart")}
        crossed = {int(e.get("val")) for e in space.iter(qn("c:crossAx"))}
        plotted = {int(e.get("val")) for e in space.iter(qn("c:axId")) if e.getparent().tag == qn("c:barChart")}
        assert all(0 <= value < 2**32 for value in axes | crossed | plotted)
        assert len(axes) == 2
        assert axes == crossed == plotted
