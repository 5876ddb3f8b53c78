"""The pages in a real browser (Debian's headless Chromium, driven by Playwright): the axe-core
accessibility engine finds no serious or critical violation at phone or desktop width, the
keyboard reaches the skip link first, nothing is fetched, and nothing scrolls sideways.
Full-page screenshots of each width are saved under the session's pytest temporary folder."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO, require_tool, tools_required

AXE = REPO / "tests" / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGES = ["riverside/en/patient", "riverside/fr/patient", "santa-maria/es/advocacy", "default/en/clinician"]
"""A handful: both audiences' content, a translation with its notice, a long accented clinic
name, and the neutral brand without a logo."""
WIDTHS = {"phone": 390, "desktop": 1280}
BLOCKING = ("serious", "critical")


def _required(what: str) -> None:
    message = f"{what} (make test installs it)"
    if tools_required():
        pytest.fail(message)
    pytest.skip(message)


def _playwright() -> ModuleType:
    try:
        return importlib.import_module("playwright.sync_api")
    except ImportError:
        _required("the playwright Python package is not installed")
        raise


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system (Playwright downloads no browser of its own)."""
    chromium = require_tool("chromium")
    if not AXE.is_file():
        _required(f"axe-core is not installed in {AXE.parent.parent.parent.relative_to(REPO)} (npm ci)")
    with _playwright().sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: <pytest tmp>/web-screenshots*/<clinic>-<lang>-<audience>-<width>.png."""
    return tmp_path_factory.mktemp("web-screenshots")


def _open(browser: Any, page: Path, width: int) -> tuple[Any, list[str]]:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    tab.goto(page.as_uri(), wait_until="load")
    return tab, fetched


def _violations(tab: Any) -> list[dict[str, Any]]:
    tab.add_script_tag(path=str(AXE))
    results = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in violations
    )


@pytest.mark.parametrize("key", PAGES)
def test_axe_finds_no_serious_violation_at_phone_and_desktop_width(
    browser: Any, pages: dict[str, Path], screenshots: Path, key: str
) -> None:
    found = {}
    for name, width in WIDTHS.items():
        tab, fetched = _open(browser, pages[key], width)
        try:
            found[name] = _violations(tab)
            assert fetched == [pages[key].as_uri()], f"the page fetched {fetched[1:]}"
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
            shot = screenshots / f"{key.replace('/', '-')}-{width}.png"
            tab.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 0
        finally:
            tab.close()
    assert found == {name: [] for name in WIDTHS}, "\n".join(
        f"{name}:\n{_describe(v)}" for name, v in found.items() if v
    )


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(
    browser: Any, pages: dict[str, Path]
) -> None:
    tab, _ = _open(browser, pages[PAGES[0]], WIDTHS["phone"])
    try:
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            """() => { const e = document.activeElement, box = e.getBoundingClientRect(), style = getComputedStyle(e);
                return {cls: e.className, top: box.top, bottom: box.bottom, outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth)}; }"""
        )
        assert focused["cls"] == "skip"
        assert focused["top"] >= 0
        assert focused["bottom"] > focused["top"]  # on screen when focused
        assert focused["outline"] != "none"
        assert focused["width"] >= 2
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.id") == "main"
    finally:
        tab.close()


def test_print_leaves_out_the_screen_only_parts(browser: Any, pages: dict[str, Path]) -> None:
    tab, _ = _open(browser, pages[PAGES[0]], WIDTHS["desktop"])
    try:
        tab.emulate_media(media="print")
        shown = tab.evaluate(
            "() => ['.skip', 'nav.contents', 'details', 'main', 'footer'].map("
            "s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert shown[:3] == ["none", "none", "none"]
        assert "none" not in shown[3:]
    finally:
        tab.close()
