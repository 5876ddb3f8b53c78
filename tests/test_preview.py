"""`leafdeck preview`: thumbnails of a small build and a contact sheet that shows every one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leafdeck import cli
from tests.conftest import LAYOUTS, ROOTS, require_tool
from tests.render.web.dom import parse


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny build (a leaflet, a deck and a web page of the minimal knowledge base), previewed."""
    require_tool("pdftoppm")
    require_tool("soffice")
    root = tmp_path_factory.mktemp("preview")
    build = ["build", str(ROOTS / "minimal" / "kb.yaml"), "--layouts", str(LAYOUTS), "--audience", "patient"]
    paths = ["--out", str(root / "out"), "--build-dir", str(root / "build"), "--jobs", "1"]
    assert cli.main([*build, *paths, "--only", "leaflet-a4,talk-patient,web"]) == 0
    assert cli.main(["preview", "--out", str(root / "out"), "--build-dir", str(root / "build")]) == 0
    return root


def test_every_file_has_thumbnails(previewed: Path) -> None:
    previews = previewed / "build" / "previews" / "default" / "en" / "patient"
    assert [p.name for p in (previews / "leaflet-a4").glob("*.png")] == ["page-1.png"]
    slides = sorted(p.name for p in (previews / "talk-patient").glob("*.png"))
    assert len(slides) > 3
    assert slides[0] == "slide-001.png"
    if shutil.which("chromium"):
        assert [p.name for p in (previews / "index").glob("*.png")] == ["phone.png"]


def test_the_contact_sheet_shows_every_thumbnail_and_links_every_file(previewed: Path) -> None:
    previews = previewed / "build" / "previews"
    doc = parse((previews / "index.html").read_text(encoding="utf-8"))
    shown = {img.attrs["src"] for img in doc.html.iter("img")}
    assert shown == {p.relative_to(previews).as_posix() for p in previews.rglob("*.png")}
    assert all(img.attrs["alt"] for img in doc.html.iter("img"))
    linked = {(previews / a.attrs["href"]).resolve() for a in doc.html.iter("a")}
    built = {p.resolve() for p in (previewed / "out").rglob("*") if p.is_file()}
    assert linked == built
    assert [h.text for h in doc.html.iter("h2")] == ["default · en · patient"]


def test_a_second_run_keeps_unchanged_thumbnails(previewed: Path) -> None:
    previews = previewed / "build" / "previews"
    before = {p: p.stat().st_mtime_ns for p in previews.rglob("*.png")}
    assert cli.main(["preview", "--out", str(previewed / "out"), "--build-dir", str(previewed / "build")]) == 0
    assert {p: p.stat().st_mtime_ns for p in previews.rglob("*.png")} == before


def test_nothing_to_preview_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out").mkdir()
    assert cli.main(["preview", "--out", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build")]) == 1
    assert "run leafdeck build first" in capsys.readouterr().err


def test_what_a_killed_build_left_is_not_previewed(tmp_path: Path) -> None:
    from leafdeck.preview import find

    out = tmp_path / "out"
    published = out / "default" / "en" / "patient" / "leaflet-a4.pdf"
    staged = out / ".leafdeck-staging" / "4242-abc" / "default" / "en" / "patient" / "tmpab12cd34" / "pages.pdf"
    for path in (published, staged, published.with_name(".leaflet-a4.pdf.x1y2.tmp")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7")
    assert [artifact.path for artifact in find(out)] == [published]
