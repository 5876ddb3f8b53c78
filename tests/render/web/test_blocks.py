"""The plan's blocks as HTML: icon arrays, the diagram, the option grid and the values exercise,
read back from the built pages and compared with the outline they came from."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

from leafdeck.plan import blocks as b
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import Clinic
from leafdeck.render.web.blocks import BLOCKS, Context, block_html
from leafdeck.render.web.figures import PER_ROW, wrap
from tests.render.web.dom import Document, Element

VARIANTS = ["riverside/en/patient", "riverside/fr/patient", "santa-maria/es/advocacy", "default/en/clinician"]
PARTS = {b.IconArm, b.OptionColumn, b.GridLine, b.QuestionGroup, b.ReferenceEntry}
"""Blocks that only ever sit inside another block (drawn by their parent's function)."""


def _blocks(outline: b.Outline, kind: type[b.Block]) -> list[b.Block]:
    return [block for section in outline.sections for block in section.blocks if isinstance(block, kind)]


def _section(doc: Document, ident: str) -> Element:
    found = doc.html.by_id(ident)
    assert found is not None, ident
    return found


def _text(element: Element) -> str:
    return " ".join(element.text.split())


def test_every_block_type_has_its_html() -> None:
    kinds = {
        cls
        for _, cls in inspect.getmembers(b, inspect.isclass)
        if issubclass(cls, b.Block) and cls is not b.Block and cls.__module__ == b.__name__
    }
    assert kinds - PARTS == set(BLOCKS)


def test_a_block_without_html_is_a_bug() -> None:
    @dataclass(frozen=True)
    class Unknown(b.Block):
        kind = "unknown"

    outline = b.Outline("web", "patient", "en", None, ())  # type: ignore[arg-type]
    clinic = Clinic(name="C", phone="1", address="A", web="https://example.org", primary="#1F4E79", accent="#2E75B6")
    ctx = Context(outline, None, clinic, load_labels(Path("sources"), "en"), "https://example.org/")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no way to show a Unknown block"):
        block_html(Unknown(), ctx, "x")


@pytest.mark.parametrize("key", VARIANTS)
def test_icon_arrays_count_the_outcomes_people(
    key: str, documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    arrays = _blocks(planned[key], b.IconArray)
    assert arrays, "the fixture has outcomes shown as icon arrays"
    figures = list(_section(documents[key], "icon-arrays").iter("figure"))
    assert len(figures) == len(arrays)
    for figure, block in zip(figures, arrays, strict=True):
        assert isinstance(block, b.IconArray)
        svg = figure.find("svg", class_="icon-array")
        assert svg is not None
        title = svg.find("title")
        assert title is not None
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == title.attrs["id"]
        assert title.text == block.alt
        caption = figure.find("figcaption")
        assert caption is not None
        assert block.caption in _text(caption)
        assert block.heading in _text(caption)
        groups = [g for g in svg.iter("g") if "arm" in g.classes]
        assert len(groups) == len(block.arms)
        for group, arm in zip(groups, block.arms, strict=True):
            people = [u.attrs["href"].rsplit("-", 1)[-1] for u in group.iter("use")]
            assert len(people) == PER_ROW * PER_ROW
            assert people.count("yes") == arm.filled
            assert people.count("no") == 100 - arm.filled
            assert people == sorted(people, key=lambda kind: kind != "yes")  # the people with the result first
            assert ("treated" in group.classes) == arm.treated
            shown = " ".join(t.text for t in group.iter("text"))
            assert " ".join(wrap(arm.label)) in shown


@pytest.mark.parametrize(
    ("study", "outcome", "filled"),
    [("trial-a", "trial-a-better", (42, 49)), ("trial-a", "trial-a-harms", (10, 2))],
)
def test_icon_arrays_use_the_outcomes_numbers(
    study: str, outcome: str, filled: tuple[int, ...], planned: dict[str, b.Outline]
) -> None:
    (block,) = [a for a in _blocks(planned["riverside/en/patient"], b.IconArray) if a.outcome == outcome]
    assert isinstance(block, b.IconArray)
    assert block.study == study
    assert tuple(arm.filled for arm in block.arms) == filled


def test_filled_and_empty_people_differ_in_shape_not_only_colour(documents: dict[str, Document]) -> None:
    svg = _section(documents["riverside/en/patient"], "icon-arrays").find("svg", class_="icon-array")
    assert svg is not None
    yes, no = (next(s for s in svg.iter("symbol") if s.attrs["id"].endswith(kind)) for kind in ("-yes", "-no"))
    assert len(list(yes.iter("circle"))) == len(list(no.iter("circle"))) + 1  # the dot
    assert yes.find("circle", class_="dot") is not None


@pytest.mark.parametrize("key", VARIANTS)
def test_the_diagram_has_its_alt_text_caption_and_labels(
    key: str, documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    (block,) = _blocks(planned[key], b.Diagram)
    assert isinstance(block, b.Diagram)
    figure = _section(documents[key], "diagram").find("figure")
    assert figure is not None
    svg = figure.find("svg", class_="diagram")
    assert svg is not None
    title = svg.find("title")
    assert title is not None
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == title.attrs["id"]
    assert title.text == block.figure.alt
    caption = figure.find("figcaption")
    assert caption is not None
    assert block.figure.caption in _text(caption)
    key_list = figure.find("ol", class_="diagram-key")
    assert key_list is not None
    assert [li.text for li in key_list.iter("li")] == list(block.labels)
    numbers = [t.text for t in svg.iter("text") if "callout-number" in t.classes]
    assert numbers == [str(n) for n in range(1, len(block.labels) + 1)]


@pytest.mark.parametrize("key", VARIANTS)
def test_the_option_grid_is_a_table_with_headers_for_questions_and_options(
    key: str, documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    (block,) = _blocks(planned[key], b.OptionGrid)
    assert isinstance(block, b.OptionGrid)
    table = _section(documents[key], "option-grid").find("table")
    assert table is not None
    caption = table.find("caption")
    assert caption is not None
    assert caption.text
    head = table.find("thead")
    assert head is not None
    columns = list(head.iter("th"))
    assert [th.attrs["scope"] for th in columns] == ["col"] * (len(block.columns) + 1)
    assert [th.text for th in columns[1:]] == [c.name for c in block.columns]
    body = table.find("tbody")
    assert body is not None
    rows = list(body.iter("tr"))
    assert len(rows) == len(block.rows)
    for tr, line in zip(rows, block.rows, strict=True):
        (question,) = list(tr.iter("th"))
        assert question.attrs["scope"] == "row"
        assert question.text == line.question
        cells = list(tr.iter("td"))
        assert [td.attrs["data-label"] for td in cells] == [c.name for c in block.columns]
        assert [cell.text in _text(td) for td, cell in zip(cells, line.cells, strict=True)] == [True] * len(cells)


@pytest.mark.parametrize("key", VARIANTS)
def test_values_are_five_point_radio_groups_between_the_scales_ends(
    key: str, documents: dict[str, Document], planned: dict[str, b.Outline]
) -> None:
    (block,) = _blocks(planned[key], b.Values)
    assert isinstance(block, b.Values)
    fieldsets = list(_section(documents[key], "values").iter("fieldset"))
    assert len(fieldsets) == len(block.prompts)
    names = set()
    for fieldset, prompt in zip(fieldsets, block.prompts, strict=True):
        legend = fieldset.find("legend")
        assert legend is not None
        assert _text(legend) == prompt.text
        radios = list(fieldset.iter("input"))
        assert [r.attrs["type"] for r in radios] == ["radio"] * 5
        assert [r.attrs["value"] for r in radios] == ["1", "2", "3", "4", "5"]
        assert len({r.attrs["name"] for r in radios}) == 1
        names.add(radios[0].attrs["name"])
        labels = list(fieldset.iter("label"))
        assert [label.attrs["for"] for label in labels] == [r.attrs["id"] for r in radios]
        assert block.scale[0] in labels[0].text
        assert block.scale[1] in labels[-1].text
    assert len(names) == len(block.prompts)
