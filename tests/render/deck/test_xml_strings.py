"""Every string leafdeck writes into deck XML, with ``&``, ``<`` and ``"`` in it (issue 18, case 15).

The deck renderer and the template generator build some XML as text; a layout's font name
``Calibri & Co`` used to end every deck in ``XMLSyntaxError`` (exit 3) while ``check`` said OK.
Each row changes the layout strings and interface words that reach XML, builds a talk through
the real CLI, regenerates the template as ``make template`` does, and reads every string back.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from tests.realworld import build, check, project

CASES = [
    # font name, bullets, a section name, a unit suffix
    ("Calibri & Co", ("&", "–"), "Main & more", "%"),
    ('The "Best" <Sans>', ('"', "<"), 'Main <"one">', ' "pts"'),
    ('A&B <Serif> "Pro"', (">", "&amp;"), "&lt; not an entity", ' % & "'),
]
MARK = ' &<"x">'
"""Added to every other word of the decks (the deck_ labels)."""
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}


def _xpath(element: object, path: str) -> list[str]:
    found: list[str] = etree.XPath(path, namespaces=NS)(element)
    return found


def _yaml(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _edit(root: Path, font: str, bullets: tuple[str, str], section: str, suffix: str) -> None:
    base = root / "layouts" / "deck-base.yaml"
    text = base.read_text(encoding="utf-8")
    replaced = (
        text.replace("  name: Calibri\n", f"  name: {_yaml(font)}\n")
        .replace('  bullets: ["•", "–"]', f"  bullets: [{_yaml(bullets[0])}, {_yaml(bullets[1])}]")
        .replace('percent_of_people: {suffix: "%"}', f"percent_of_people: {{suffix: {_yaml(suffix)}}}")
        .replace("count: {whole: true}", f"count: {{whole: true, suffix: {_yaml(suffix)}}}")
        .replace("score_change: {signed: true}", f"score_change: {{signed: true, suffix: {_yaml(suffix)}}}")
        .replace("people: {whole: true}", f"people: {{whole: true, suffix: {_yaml(suffix)}}}")
    )
    assert replaced.count(_yaml(font)) == 1
    base.write_text(replaced, encoding="utf-8")
    labels = root / "labels.en.yaml"
    lines = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "deck_section_main":
            line = f"{key}: {_yaml(section)}"
        elif key.startswith("deck_") and value and value[0] not in "|>[":  # every other word on slides
            line = f"{key}: {_yaml(yaml.safe_load(value) + MARK)}"
        lines.append(line)
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("font", "bullets", "section", "suffix"), CASES, ids=["ampersand", "quotes", "mixed"])
def test_layout_strings_reach_deck_xml_escaped(
    tmp_path: Path, font: str, bullets: tuple[str, str], section: str, suffix: str
) -> None:
    root = project(tmp_path)
    _edit(root, font, bullets, section, suffix)
    checked = check(root)  # the minimal knowledge base has findings of its own; none about the deck layout
    assert checked.returncode in (0, 1), checked.stderr
    assert "deck-base.yaml" not in checked.stdout + checked.stderr
    result = build(root, "--audience", "clinician", "--only", "talk-clinician")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    prs = Presentation(str(root / "output" / "default" / "en" / "clinician" / "talk-clinician.pptx"))
    faces, chars = set(), set()
    numbered = 0
    for slide in prs.slides:
        faces |= set(_xpath(slide._element, ".//a:latin/@typeface"))
        chars |= set(_xpath(slide._element, ".//a:buChar/@char"))
        numbered += len(_xpath(slide._element, ".//a:fld[@type='slidenum']/a:rPr/a:latin/@typeface"))
    assert faces == {font}, "every run names the layout's font as written"
    assert chars, "no bullets"
    assert chars <= set(bullets), chars
    assert numbered > 0, "the slide numbers (written as XML text) name the font too"
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert sum(MARK in text for text in texts) >= 3, "the deck_ words reach the slides as written"
    sections = _xpath(prs.part._element, ".//p14:section/@name")
    assert sections[0] == section
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    codes = {code for chart in charts for code in _xpath(chart._chartSpace, ".//c:formatCode/text()")}
    assert codes, "no chart number formats"
    shown = {_literals(code.split(";")[0]) for code in codes}
    assert f"General{suffix}" in shown or f"+General{suffix}" in shown, (codes, shown)


@pytest.mark.parametrize(("font", "bullets", "section", "suffix"), CASES, ids=["ampersand", "quotes", "mixed"])
def test_make_template_writes_the_strings_escaped(
    tmp_path: Path, font: str, bullets: tuple[str, str], section: str, suffix: str
) -> None:
    root = project(tmp_path)
    _edit(root, font, bullets, section, suffix)
    made = subprocess.run(
        [sys.executable, "-m", "leafdeck.render.deck.template", "layouts"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    prs = Presentation(str(root / "layouts" / "deck-template.pptx"))
    master = prs.slide_master.element
    assert font in _xpath(master, ".//a:buFont/@typeface")  # deeper levels keep python-pptx's defaults
    assert set(bullets) <= set(_xpath(master, ".//a:buChar/@char"))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    fonts = etree.fromstring(theme.blob).xpath(
        ".//a:majorFont/a:latin/@typeface | .//a:minorFont/a:latin/@typeface", namespaces=NS
    )
    assert fonts == [font, font]


def _literals(code: str) -> str:
    """An Excel number format section with its quoted runs and ``\\x`` escapes read as the text they show."""
    out, i = [], 0
    while i < len(code):
        if code[i] == '"':
            end = code.index('"', i + 1)
            out.append(code[i + 1 : end])
            i = end + 1
        elif code[i] == "\\":
            out.append(code[i + 1])
            i += 2
        else:
            out.append(code[i])
            i += 1
    return "".join(out)
