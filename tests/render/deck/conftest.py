"""Fixtures for the deck tests: resolved deck layouts, a measurer, built decks, and a read-back
overflow check that measures every text frame of a saved deck with the bundled fonts."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Outline
from leafdeck.plan.outline import outline
from leafdeck.plan.variants import select
from leafdeck.publish.jobs import Products
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import Resolved, load_clinic, load_model
from leafdeck.read.presenters import Presenter
from leafdeck.render.deck import render as render_outline
from leafdeck.render.deck.layout import DeckLayout, localised
from leafdeck.render.deck.measure import Measurer, Run, TextPara
from leafdeck.render.deck.plan import measurer_for
from tests.conftest import LAYOUTS, REPO

SPEAKER = Presenter(
    name="Dr Amina Okafor",
    credentials="MD",
    role="Consultant neurologist",
    organisation="Riverside MS Centre",
    event="the regional MS study day",
    date=dt.date(2027, 3, 12),
    disclosures="none",
)
"""The presenter of the talks the spoken-notes tests build (no disclosures)."""
CLINICS = {"riverside": "GB", "lakeside": "US"}
"""The example clinics the talk tests build for, and their countries."""
DECKS = {"clinician": "deck-clinician", "patient": "deck-patient", "advocacy": "deck-patient"}
"""Audience → the deck layout layouts/products.yaml gives it."""


def talk_outline(kb: KnowledgeBase, resolved: Resolved[DeckLayout], audience: str | None = None) -> Outline:
    """The content plan the pipeline gives a talk: ``talk-clinician`` for a layout with clinician
    titles, else ``talk-patient`` (layouts/products.yaml), for one audience's view of ``kb``."""
    product = "talk-clinician" if resolved.layout.talk.clinician_titles else "talk-patient"
    chosen = audience or ("clinician" if product == "talk-clinician" else "patient")
    contents = load_model(LAYOUTS / "products.yaml", Products, LAYOUTS).contents[product]
    return outline(kb, chosen, resolved.labels, contents, product)


def render(kb: KnowledgeBase, resolved: Resolved[DeckLayout], target: Path, audience: str | None = None) -> None:
    """Render one audience's view of a knowledge base as the pipeline does: through its talk's outline."""
    render_outline(talk_outline(kb, resolved, audience), resolved, target)


def resolve(layout: str, root: Path = LAYOUTS, clinic: str = "default", language: str = "en") -> Resolved[DeckLayout]:
    """A deck layout as the pipeline hands it to the renderer, with its language's words."""
    labels = load_labels(REPO / "sources", language)
    return localised(
        Resolved(load_model(root / f"{layout}.yaml", DeckLayout, root), load_clinic(root, clinic), root, labels=labels)
    )


@pytest.fixture(scope="session")
def clinician() -> Resolved[DeckLayout]:
    return resolve("deck-clinician")


@pytest.fixture(scope="session")
def patient() -> Resolved[DeckLayout]:
    return resolve("deck-patient")


@pytest.fixture(scope="session")
def measurer(clinician: Resolved[DeckLayout]) -> Measurer:
    return measurer_for(clinician)


@pytest.fixture(scope="session")
def built(bundled_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both talk decks of the bundled knowledge base, by audience, rendered as the pipeline does."""
    folder = tmp_path_factory.mktemp("decks")
    decks = {}
    for audience, layout in DECKS.items():
        decks[audience] = folder / f"talk-{audience}.pptx"
        render(select(bundled_kb, audience), resolve(layout), decks[audience], audience)  # type: ignore[arg-type]
    return decks


@pytest.fixture(scope="session")
def logo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of layouts/ with a clinic that has a logo and its own colours."""
    root = tmp_path_factory.mktemp("layouts") / "layouts"
    shutil.copytree(LAYOUTS, root)
    Image.new("RGB", (400, 160), "#7A1F5C").save(root / "clinics" / "logo.png")
    (root / "clinics" / "branded.yaml").write_text(
        "name: Branded MS clinic\nphone: 555 0100\naddress: 1 Main Street\nweb: https://example.org/b\n"
        "logo: clinics/logo.png\nlogo_alt: Branded MS clinic logo\n"
        'primary: "#7A1F5C"\naccent: "#0B6E4F"\n',
        encoding="utf-8",
    )
    return root


def overflowing(deck: Path, measurer: Measurer) -> list[str]:
    """Every text frame whose measured text is taller than its box, as `slide N: shape: text`."""
    found = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            width, height = _inside(shape)
            paras = [_measured(p, measurer) for p in shape.text_frame._txBody.iter(qn("a:p"))]
            if measurer.height(paras, width) > height:
                found.append(f"slide {number}: {shape.name}: {shape.text_frame.text[:60]!r}")
    return found


def run_sizes(deck: Path, keep: Callable[[object], bool]) -> set[float]:
    """Explicit run sizes (points) of the placeholders ``keep`` accepts, over all slides."""
    sizes = set()
    for slide in Presentation(str(deck)).slides:
        for shape in slide.placeholders:
            if keep(shape):
                sizes |= {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
    return sizes


def _inside(shape: object) -> tuple[float, float]:
    body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))  # type: ignore[attr-defined]
    insets = {
        k: Emu(int(body_pr.get(k, d))).pt
        for k, d in (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
    }
    width = Emu(shape.width).pt - insets["lIns"] - insets["rIns"]  # type: ignore[attr-defined]
    height = Emu(shape.height).pt - insets["tIns"] - insets["bIns"]  # type: ignore[attr-defined]
    return width, height


def _measured(p: object, measurer: Measurer) -> TextPara:
    """A saved paragraph as the measurer sees it: explicit sizes, margin, space before; a number
    written before a tab sits in the hanging indent when it fits there."""
    p_pr = p.find(qn("a:pPr"))  # type: ignore[attr-defined]
    margin = Emu(int(p_pr.get("marL", 0))).pt if p_pr is not None else 0.0
    hang = -Emu(int(p_pr.get("indent", 0))).pt if p_pr is not None else 0.0
    space = p_pr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}") if p_pr is not None else None
    runs, size = [], 0.0
    for r in p.iter(qn("a:r"), qn("a:fld")):  # type: ignore[attr-defined]
        r_pr = r.find(qn("a:rPr"))
        size = max(size, int(r_pr.get("sz")) / 100)
        runs.append(Run(r.findtext(qn("a:t")) or "", bold=r_pr.get("b") == "1"))
    if runs and runs[0].text.endswith("\t"):
        label = runs[0].text.rstrip("\t")
        runs[0] = Run("" if measurer.width(label + " ", size) <= hang else label + " ")
    space_before = int(space.get("val")) / 100 if space is not None else 0.0
    return TextPara(tuple(runs), size, margin, space_before)
