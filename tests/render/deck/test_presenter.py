"""What a presenter gets, read back from the .pptx with python-pptx and lxml: a slide-number field
placeholder on every slide, real PowerPoint sections (``p14:sectionLst``) from the slide specs, and a
QR code to the online copy on the closing slide."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from leafdeck.model import KnowledgeBase
from leafdeck.plan.variants import select
from leafdeck.render.deck.emit import emit, qr_png
from leafdeck.render.deck.plan import plan, properties
from tests.render.deck.conftest import resolve, talk_outline

P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


def sections(deck: Path) -> list[tuple[str, list[int]]]:
    """Each section's name and its slides' numbers (1-based), as presentation.xml lists them."""
    prs = Presentation(str(deck))
    numbers = {sld_id.get("id"): n for n, sld_id in enumerate(prs.slides._sldIdLst, start=1)}
    found = []
    for section in prs.part._element.iter(f"{P14}section"):
        slides = [numbers[s.get("id")] for s in section.iter(f"{P14}sldId")]
        found.append((section.get("name"), slides))
    return found


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_every_slide_shows_its_number_in_a_slide_number_placeholder(built: dict[str, Path], audience: str) -> None:
    for number, slide in enumerate(Presentation(str(built[audience])).slides, start=1):
        numbers = [ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert len(numbers) == 1, f"slide {number}"
        field = numbers[0].text_frame._txBody.find(f".//{qn('a:fld')}")
        assert field.get("type") == "slidenum"
        assert field.findtext(qn("a:t")) == str(number)


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_the_sections_hold_every_slide_once_in_order(built: dict[str, Path], audience: str) -> None:
    found = sections(built[audience])
    assert found, "no p14:sectionLst"
    slides = [n for _, members in found for n in members]
    assert slides == list(range(1, len(Presentation(str(built[audience])).slides) + 1))
    assert len({name for name, _ in found}) == len(found)


def test_section_names_come_from_the_slide_specs(minimal_kb: KnowledgeBase, tmp_path: Path) -> None:
    resolved = resolve("deck-patient")
    kb = select(minimal_kb, "patient")
    slides = plan(talk_outline(kb, resolved, "patient"), resolved)
    assert len(slides) >= 4
    names = ["", "Main", "", *["Main"] * (len(slides) - 5), "Backup", "Backup"]
    target = tmp_path / "sections.pptx"
    emit(
        [replace(s, section=n) for s, n in zip(slides, names, strict=True)],
        properties(kb, resolved.layout),
        resolved,
        target,
    )
    # unnamed slides stay in the section before them; the first ones join the first named
    assert sections(target) == [("Main", list(range(1, len(slides) - 1))), ("Backup", [len(slides) - 1, len(slides)])]
    ids = [s.get("id") for s in Presentation(str(target)).part._element.iter(f"{P14}section")]
    assert all(i.startswith("{") and i.endswith("}") for i in ids)


def test_no_section_list_when_no_slide_names_a_section(minimal_kb: KnowledgeBase, tmp_path: Path) -> None:
    resolved = resolve("deck-patient")
    kb = select(minimal_kb, "patient")
    slides = [replace(s, section="") for s in plan(talk_outline(kb, resolved, "patient"), resolved)]
    target = tmp_path / "plain.pptx"
    emit(slides, properties(kb, resolved.layout), resolved, target)
    assert sections(target) == []


def test_the_closing_slide_links_to_the_online_copy(bundled_kb: KnowledgeBase, tmp_path: Path) -> None:
    online = "https://example.org/leafdeck/liberation-procedure/en/clinician/"
    resolved = replace(resolve("deck-clinician"), online=online)
    target = tmp_path / "qr.pptx"
    kb = select(bundled_kb, "clinician")
    emit(plan(talk_outline(kb, resolved, "clinician"), resolved), properties(kb, resolved.layout), resolved, target)
    slides = list(Presentation(str(target)).slides)
    codes = [(n, s) for n, slide in enumerate(slides, start=1) for s in slide.shapes if s.name == "QR code"]
    main = sections(target)[0][1]
    assert [n for n, _ in codes] == [main[-1]]  # the last slide of the talk itself, before the backup
    number, picture = codes[0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == online
    layout = resolved.layout.qr
    assert picture.image.blob == qr_png(online, layout.module_pixels, layout.quiet_modules)
    assert picture.width == picture.height
    title = slides[number - 1].shapes.title
    assert title.left + title.width <= picture.left  # the title stays clear of the code


def test_the_qr_code_is_the_leaflets_code_drawn_deterministically() -> None:
    from PIL import Image
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    url = "https://example.org/x/"
    png = qr_png(url, 4, 4)
    assert png == qr_png.__wrapped__(url, 4, 4)  # same bytes when drawn again
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    image = Image.open(io.BytesIO(png)).convert("L")
    count = code.getModuleCount()
    assert image.size == ((count + 8) * 4,) * 2
    for row in range(count):
        for column in range(count):
            dark = image.getpixel(((column + 4) * 4 + 2, (row + 4) * 4 + 2)) == 0
            assert dark == code.isDark(row, column)
