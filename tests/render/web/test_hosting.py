"""Where each page is hosted: the folder a clinic uploads, the address `leafdeck plan` and
`leafdeck build` give for it, and the leaflet's QR code pointing at the same address."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from leafdeck import cli
from leafdeck.publish.jobs import Job
from tests.conftest import BUNDLED_KB, LAYOUTS

RIVERSIDE = "https://riverside-ms.example.org/leaflets/liberation-procedure"


def test_the_web_page_is_its_folders_index() -> None:
    job = Job("riverside", "fr", "patient", "web", "html", "web", "index.html")
    assert job.target(Path("output"), ".html") == Path("output/riverside/fr/patient/index.html")
    assert job.url(f"{RIVERSIDE}/fr/patient/", ".html") == f"{RIVERSIDE}/fr/patient/"
    pdf = Job("riverside", "fr", "patient", "leaflet-a4", "pdf", "leaflet-a4")
    assert pdf.target(Path("output"), ".pdf") == Path("output/riverside/fr/patient/leaflet-a4.pdf")
    assert pdf.url(f"{RIVERSIDE}/fr/patient/", ".pdf") == f"{RIVERSIDE}/fr/patient/leaflet-a4.pdf"


def test_plan_gives_each_artifact_its_address(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", str(BUNDLED_KB), "--layouts", str(LAYOUTS), "--clinic", "riverside", "--lang", "all"]
    assert cli.main([*args, "--only", "web,leaflet-a4"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    web = {line["key"]: line for line in lines if line["format"] == "html"}
    assert set(web) == {
        f"riverside/{variant}/web"
        for variant in (
            "en/patient",
            "en/advocacy",
            "en/clinician",
            "fr/patient",
            "fr/advocacy",
            "es/patient",
            "es/advocacy",
        )
    }
    page = web["riverside/fr/patient/web"]
    assert page["target"] == "output/riverside/fr/patient/index.html"
    assert page["url"] == f"{RIVERSIDE}/fr/patient/"
    leaflet = next(line for line in lines if line["key"] == "riverside/fr/patient/leaflet-a4")
    assert leaflet["url"] == f"{RIVERSIDE}/fr/patient/leaflet-a4.pdf"


def test_build_prints_where_each_page_is_hosted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", str(BUNDLED_KB), "--layouts", str(LAYOUTS), "--clinic", "riverside", "--only", "web"]
    paths = ["--out", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build"), "--jobs", "1"]
    for _ in range(2):  # built, then up to date: the mapping is printed both times
        assert cli.main([*args, *paths, "--audience", "patient"]) == 0
        out = capsys.readouterr().out
        assert f"web page {tmp_path / 'out' / 'riverside/en/patient'}/ is hosted at {RIVERSIDE}/en/patient/" in out


def test_the_printed_qr_code_points_at_the_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.render.web.conftest import WEB_KB
    from tests.render.web.dom import parse

    args = ["build", str(WEB_KB), "--layouts", str(LAYOUTS), "--clinic", "riverside", "--lang", "en"]
    paths = ["--out", str(tmp_path), "--build-dir", str(tmp_path / "build"), "--jobs", "1", "--audience", "patient"]
    assert cli.main([*args, *paths, "--only", "web,option-grid-a4"]) == 0
    folder = tmp_path / "riverside" / "en" / "patient"
    canonical = parse((folder / "index.html").read_text(encoding="utf-8")).html.find("link", rel="canonical")
    assert canonical is not None
    links = {
        annot.get_object()["/A"]["/URI"]
        for page in PdfReader(folder / "option-grid-a4.pdf").pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    }
    assert canonical.attrs["href"] == "https://riverside-ms.example.org/leaflets/tiny-web/en/patient/"
    assert canonical.attrs["href"] in links


def test_pages_are_readable_by_the_web_server(tmp_path: Path) -> None:
    """Outputs get the usual permissions (not a temporary file's 0600), so an uploaded folder can be served."""
    previous = os.umask(0o022)
    try:
        args = ["build", str(BUNDLED_KB), "--layouts", str(LAYOUTS), "--only", "web", "--audience", "patient"]
        assert cli.main([*args, "--out", str(tmp_path), "--build-dir", str(tmp_path / "build"), "--jobs", "1"]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "default" / "en" / "patient" / "index.html").stat().st_mode) == 0o644
