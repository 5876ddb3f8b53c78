"""Text that looks like markup prints literally, in the PDF and in the deck; nothing runs.

Knowledge-base strings reach reportlab's Paragraph markup and PowerPoint's XML. A ``<font
color=...>`` payload of the kind behind CVE-2023-33733 (reportlab evaluated the colour as
Python), an ``<img src="/etc/passwd">``, a ``javascript:`` link or stray XML must come out as
the characters the volunteer typed, and no link may use a scheme other than https, http,
mailto or tel.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from leafdeck.links import LINK_SCHEMES, scheme_of
from tests.conftest import ROOTS
from tests.render.leaflet.pdftext import page_texts, words
from tests.test_bad_inputs import project

CVE_2023_33733 = (
    "<font color=\"[ [ getattr(pow, Word('__globals__'))['os'].system('touch {sentinel}') for Word in "
    "[ orgTypeFun( 'Word', (str,), {{ 'mutated': 1, 'startswith': lambda self, x: 1 == 0, "
    "'__eq__': lambda self, x: self.mutate() and self.mutated < 0 and str(self) == x, "
    "'mutate': lambda self: {{ setattr(self, 'mutated', self.mutated - 1) }}, "
    "'__hash__': lambda self: hash(str(self)) }} ) ] ] for orgTypeFun in [type(type(1))] ] "
    "and 'red'\">exploit</font>"
)
PAYLOADS = {
    "kp-one": "AT&T said x<y & y>z; <b>not bold</b> &amp; &#x41; &lt; \"double\" 'single' ]]> <!-- c --> <![CDATA[d]]>",
    "what-one": CVE_2023_33733,
    "opt-procedure-summary": '<img src="/etc/passwd"/> and <a href="javascript:alert(document.cookie)">click</a>',
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The A4 decision aid (which shows every item) and the patient deck of a knowledge base carrying every payload."""
    root = project(tmp_path_factory.mktemp("injection"))
    sentinel = root.parent / "pwned"
    text = (ROOTS / "minimal" / "kb.yaml").read_text(encoding="utf-8")
    for item, payload in PAYLOADS.items():
        text = _replace_text(text, item, payload.format(sentinel=sentinel))
    (root / "kb.yaml").write_text(text, encoding="utf-8")
    args = "build kb.yaml --layouts layouts --out output --build-dir build --audience patient"
    result = subprocess.run(
        [sys.executable, "-m", "leafdeck", *args.split(), "--only", "decision-aid-a4,talk-patient"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = {p.suffix: p for p in (root / "output").rglob("*") if p.suffix in (".pdf", ".pptx")}
    return {"pdf": found[".pdf"], "pptx": found[".pptx"], "sentinel": sentinel}


def _replace_text(kb: str, item: str, payload: str) -> str:
    """Put ``payload`` (as a JSON string, which YAML reads as a double-quoted scalar) in the
    ``text`` of the statement with id ``item``, in block or flow style."""
    quoted = json.dumps(payload, ensure_ascii=False)
    flow = re.compile(rf"(\{{id: {item}, text: )([^,}}]+)")
    if flow.search(kb):
        return flow.sub(lambda m: m[1] + quoted, kb, count=1)
    block = re.compile(rf"(- id: {item}\n(?:\s+\w+: .*\n)*?\s+text: )(.*)\n")
    assert block.search(kb), item
    return block.sub(lambda m: m[1] + quoted + "\n", kb, count=1)


def expected(sentinel: Path) -> list[str]:
    return [words(payload.format(sentinel=sentinel)) for payload in PAYLOADS.values()]


def test_nothing_ran(built: dict[str, Path]) -> None:
    assert not built["sentinel"].exists(), "the CVE-2023-33733 payload was executed"


def test_pdf_shows_every_payload_literally(built: dict[str, Path]) -> None:
    text = words(" ".join(page_texts(built["pdf"])))
    assert [p for p in expected(built["sentinel"]) if p not in text] == []


def test_pdf_has_no_images_and_only_allowed_links(built: dict[str, Path]) -> None:
    reader = PdfReader(built["pdf"])
    for page in reader.pages:
        objects = page.get("/Resources", {}).get("/XObject", {})
        images = [n for n, o in objects.items() if _resolve(o).get("/Subtype") == "/Image"]
        assert images == [], "an <img> in the text was drawn (the default clinic has no logo)"
        for annotation in page.get("/Annots", []):
            action = _resolve(annotation).get("/A")
            if action is None:
                continue
            action = _resolve(action)
            assert action.get("/S") in ("/URI", "/GoTo"), action
            if action.get("/S") == "/URI":
                assert scheme_of(str(action["/URI"])) in LINK_SCHEMES, action["/URI"]
    raw = built["pdf"].read_bytes()
    assert b"/JavaScript" not in raw
    assert b"/Launch" not in raw


def _resolve(value: object) -> dict:
    return value.get_object() if isinstance(value, IndirectObject) else value  # type: ignore[return-value]


def deck_texts(path: Path) -> list[str]:
    """Every text the deck shows or speaks: shapes, table cells and speaker notes, per slide."""
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
        texts.append("\n".join(parts))
    return texts


def test_deck_shows_every_payload_literally(built: dict[str, Path]) -> None:
    text = words(" ".join(deck_texts(built["pptx"])))
    assert [p for p in expected(built["sentinel"]) if p not in text] == []


def test_deck_links_use_allowed_schemes(built: dict[str, Path]) -> None:
    for slide in Presentation(str(built["pptx"])).slides:
        for rel in slide.part.rels.values():
            if rel.is_external:
                assert scheme_of(rel.target_ref) in LINK_SCHEMES, rel.target_ref
