"""``leafdeck serve`` in a real browser (issue 21, point 6): Playwright drives Debian's headless
Chromium through what a clinic nurse does (create a clinic, upload a logo, fix the colour the
page refuses, preview, download, edit), finding every field by its visible label. The downloaded
PDFs carry the clinic's name and phone (pdftotext); axe-core finds no serious or critical
violation on any page at phone and desktop width; bad uploads get a message on the page."""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, require_tool, tools_required
from tests.serve import uploads
from tests.serve.server import HILLSIDE, Served

AXE = REPO / "tests" / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTHS = {"phone": 390, "desktop": 1280}
BLOCKING = ("serious", "critical")


def _required(what: str) -> None:
    if tools_required():
        pytest.fail(f"{what} (make test installs it)")
    pytest.skip(f"{what} (make test installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_tool("chromium")
    if not AXE.is_file():
        _required("axe-core is not installed in tests/web (npm ci)")
    try:
        sync_api = importlib.import_module("playwright.sync_api")
    except ImportError:
        _required("the playwright Python package is not installed")
        raise
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": WIDTHS["desktop"], "height": 900}, accept_downloads=True, bypass_csp=True
    )  # axe-core is injected as a script
    page = context.new_page()
    yield page
    context.close()


def _axe_at_every_width(tab: Any, where: str) -> dict[str, list[str]]:
    """Serious and critical axe-core violations of the current page, at each width."""
    found = {}
    for name, width in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": 900})
        tab.add_script_tag(path=str(AXE))
        results = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found[f"{where} at {name} width"] = [
            f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results["violations"]
            if v["impact"] in BLOCKING
        ]
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, f"{where} scrolls sideways at {width}px"
    tab.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    return found


def _fill_hillside(tab: Any, logo: Path) -> None:
    tab.get_by_label("Clinic name", exact=True).fill(HILLSIDE["name"])
    tab.get_by_label("Phone", exact=True).fill(HILLSIDE["phone"])
    tab.get_by_label("Address", exact=True).fill(HILLSIDE["address"])
    tab.get_by_label("Web address", exact=True).fill(HILLSIDE["web"])
    tab.get_by_label("Email", exact=True).fill(HILLSIDE["email"])
    tab.get_by_label("Country", exact=True).fill("UK")  # as the nurse typed it: it must not land on Ukraine
    tab.get_by_label("Main colour", exact=True).fill("#78be20")  # the trial's green: white text on it is 2.29:1
    tab.get_by_label("Second colour", exact=True).fill(HILLSIDE["accent"])
    tab.get_by_label("Logo", exact=True).set_input_files(str(logo))


def _beside(tab: Any, field: str) -> list[str]:
    texts: list[str] = tab.locator(f"[id^='{field}-problem-']").all_inner_texts()
    return texts


def test_a_nurse_creates_previews_downloads_and_edits_a_clinic(served: Served, tab: Any, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    logo = tmp_path / "Hillside logo.png"
    logo.write_bytes(uploads.logo(transparent=True))
    violations: dict[str, list[str]] = {}
    tab.goto(served.url + "/")
    violations |= _axe_at_every_width(tab, "the list of clinics")
    tab.get_by_role("link", name="Add a new clinic").click()
    violations |= _axe_at_every_width(tab, "the empty form")

    _fill_hillside(tab, logo)
    tab.get_by_role("button", name="Check").click()
    tab.wait_for_load_state()  # the checked form, before reading what it says (all_inner_texts does not wait)
    assert any("Main colour: contrast of white text on the main colour is 2.29:1" in t for t in _beside(tab, "primary"))
    assert "4.5:1" in tab.locator("#primary-shade").inner_text()  # why the shade is offered, same round
    assert tab.get_by_label("Country", exact=True).input_value() == "United Kingdom (GB)"
    assert any("LOGO-002" in t and "contrasts only" in t for t in _beside(tab, "logo"))
    violations |= _axe_at_every_width(tab, "the form with problems")
    tab.get_by_label("Phone", exact=True).press("Enter")  # Enter checks the form; it never takes the shade
    assert tab.get_by_label("Main colour", exact=True).input_value() == "#78be20"
    use = tab.get_by_role("button", name=re.compile(r"^Use #[0-9A-F]{6} instead$"))
    shade = use.inner_text().split()[1]
    use.click()
    assert _beside(tab, "primary") == []
    assert tab.get_by_label("Main colour", exact=True).input_value() == shade.lower()
    # the purple lettering and green hills on nothing: check's own warning about the band or plate
    assert any("LOGO-002" in t and "contrasts only" in t for t in _beside(tab, "logo"))
    assert tab.locator("figure.band image").count() == 1  # the uploaded logo, drawn on the band
    assert tab.locator("#band-plate").count() == 1  # on the light plate, as the leaflets draw this logo

    tab.get_by_role("button", name="Preview").click()
    previews = tab.locator(".previews img")
    tab.wait_for_load_state()  # the page of previews is long (three PNGs inline): count once it has loaded
    assert previews.count() == 3
    for i, product in enumerate(("Short leaflet (A4)", "Option grid (A4)", "Tri-fold (A4)")):
        assert previews.nth(i).get_attribute("alt") == f"First page of {product}"
        assert previews.nth(i).evaluate("img => img.naturalWidth") > 300
    violations |= _axe_at_every_width(tab, "the previews")

    tab.get_by_role("button", name="Download").click()
    tab.locator(".ok").first.wait_for(timeout=120_000)  # the pack is built first: seconds on a busy machine
    assert "Saved as layouts/clinics/hillside-ms-service.yaml" in "".join(tab.locator(".ok").all_inner_texts())
    violations |= _axe_at_every_width(tab, "the finished download")
    with tab.expect_download() as pending:
        tab.get_by_role("link", name=re.compile("^Download leafdeck-hillside-ms-service.zip")).click()
    saved = tmp_path / "pack.zip"
    pending.value.save_as(saved)
    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    pdfs = [name for name in archive.namelist() if name.startswith("en/") and name.endswith(".pdf")]
    assert sorted(pdfs) == ["en/patient/leaflet-a4.pdf", "en/patient/option-grid-a4.pdf", "en/patient/trifold-a4.pdf"]
    for name in pdfs:
        text = subprocess.run([pdftotext, "-", "-"], input=archive.read(name), capture_output=True, check=True).stdout
        assert HILLSIDE["name"].encode() in text, name
        assert HILLSIDE["phone"].encode() in text, name

    tab.goto(served.url + "/")
    tab.get_by_role("link", name="Hillside MS Service").click()
    assert tab.get_by_label("Phone", exact=True).input_value() == HILLSIDE["phone"]
    tab.get_by_label("Phone", exact=True).fill("01632 960999")
    tab.get_by_role("button", name="Save").click()
    assert "Saved as" in tab.locator(".ok").first.inner_text()
    clinic = (served.root / "layouts" / "clinics" / "hillside-ms-service.yaml").read_text("utf-8")
    assert 'phone: "01632 960999"' in clinic
    assert 'logo: "clinics/logos/hillside-ms-service.png"' in clinic
    assert violations == {key: [] for key in violations}, violations


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (uploads.bomb(), "too large to decode safely"),
        (uploads.text_named_png(), "is not an image; use a PNG or JPEG image"),
        (uploads.huge(30), "'logo.png' is 31.5 MB; the limit for an image is 10 MB"),
    ],
    ids=["decompression-bomb", "text-file-named-png", "30-MB-file"],
)
def test_a_bad_upload_gets_a_message_on_the_page(
    served: Served, tab: Any, tmp_path: Path, upload: bytes, expected: str
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(upload)
    tab.goto(served.url + "/new")
    _fill_hillside(tab, path)
    tab.get_by_role("button", name="Check").click()
    tab.wait_for_load_state()  # the checked form, before reading what it says (all_inner_texts does not wait)
    shown = _beside(tab, "logo")
    assert len(shown) == 1
    assert expected in shown[0] or ("pixels; the limit is" in shown[0] and expected.startswith("too large"))
    assert tab.get_by_label("Logo", exact=True).get_attribute("aria-invalid") == "true"
    assert "Traceback" not in tab.content()
