"""Hostile text on the web page prints literally; nothing runs; the stylesheet cannot load anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.links import LINK_SCHEMES, scheme_of
from leafdeck.plan.blocks import Outline
from leafdeck.read.labels import Labels, load_labels
from leafdeck.read.layout import Clinic, Resolved, load_model
from leafdeck.read.sources import load_kb
from leafdeck.render.web import WebLayout, render
from leafdeck.render.web.html import esc, tag
from tests.conftest import LAYOUTS, REPO, ROOTS
from tests.render.leaflet.pdftext import words
from tests.render.web.dom import parse
from tests.test_bad_inputs import project
from tests.test_injection import PAYLOADS, _replace_text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The patient web page of a knowledge base carrying every payload, and the sentinel file."""
    root = project(tmp_path_factory.mktemp("web-injection"))
    sentinel = root.parent / "pwned"
    text = (ROOTS / "minimal" / "kb.yaml").read_text(encoding="utf-8")
    for item, payload in PAYLOADS.items():
        text = _replace_text(text, item, payload.format(sentinel=sentinel))
    (root / "kb.yaml").write_text(text, encoding="utf-8")
    args = "build kb.yaml --layouts layouts --out output --build-dir build --audience patient --only web"
    result = subprocess.run(
        [sys.executable, "-m", "leafdeck", *args.split()], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.returncode == 0, result.stderr
    (page,) = (root / "output").rglob("index.html")
    return page, sentinel


def test_payloads_print_literally(hostile: tuple[Path, Path]) -> None:
    page, sentinel = hostile
    doc = parse(page.read_text(encoding="utf-8"))
    text = words(doc.html.text)
    for payload in PAYLOADS.values():
        assert words(payload.format(sentinel=sentinel)) in text
    assert not sentinel.exists()


def test_no_markup_from_the_payloads(hostile: tuple[Path, Path]) -> None:
    doc = parse(hostile[0].read_text(encoding="utf-8"))
    tags = {e.tag for e in doc.html.iter()}
    assert not tags & {"script", "font", "img", "iframe", "object", "b"}
    for link in doc.html.iter("a"):
        href = link.attrs["href"]
        assert href.startswith("#") or scheme_of(href) in LINK_SCHEMES, href


def test_attributes_are_escaped() -> None:
    made = tag("img", alt='a "quoted" <b>alt</b> & more', src="data:,")
    assert made == '<img alt="a &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt; &amp; more" src="data:,">'
    assert esc("<script>") == "&lt;script&gt;"
    assert tag("p", esc("<i>")) == "<p>&lt;i&gt;</p>"  # escaped once, not twice


@pytest.mark.parametrize(
    "css", ["body { background: url(https://example.org/x.png); }", "@import 'x.css';", "</style>"]
)
def test_a_stylesheet_that_would_load_something_is_refused(tmp_path: Path, css: str) -> None:
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "web.yaml").write_text((LAYOUTS / "web.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (layouts / "web.css").write_text(css, encoding="utf-8")
    layout = load_model(layouts / "web.yaml", WebLayout, layouts)
    clinic = Clinic(name="C", phone="1", address="A", web="https://example.org", primary="#1F4E79", accent="#2E75B6")
    kb, _ = load_kb(ROOTS / "minimal" / "kb.yaml")
    labels: Labels = load_labels(REPO / "sources", "en")
    outline = Outline("web", "patient", "en", kb, ())
    with pytest.raises(InputError, match="not allowed in the page's stylesheet"):
        render(outline, Resolved(layout, clinic, layouts, "https://example.org/x/", labels), tmp_path / "index.html")


def test_a_focus_colour_that_cannot_be_seen_is_refused(tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    text = (LAYOUTS / "web.yaml").read_text(encoding="utf-8").replace('focus: "#B34700"', 'focus: "#F0F0F0"')
    (layouts / "web.yaml").write_text(text, encoding="utf-8")
    (layouts / "web.css").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(layouts / "web.yaml", WebLayout, layouts)
    assert "focus: contrast with the background" in str(caught.value.problems)
