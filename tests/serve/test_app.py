"""``leafdeck serve`` over HTTP (issue 21, points 1, 2, 4, 5): the real server started by the CLI
on a free loopback port, driven as a browser without JavaScript would drive it. Every problem
is shown beside its field with the CLI's rule and wording; bad uploads and forged requests get a
message and write nothing; a download is a zip whose PDFs carry the clinic's name and phone."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from leafdeck.serve import countries
from tests.conftest import require_tool
from tests.realworld import LOCATED, cli, write_clinic
from tests.serve import uploads
from tests.serve.server import Client, Served, hillside, problems_beside, serving


def _clinic_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "clinics" in p.parts}


def test_every_page_carries_a_csrf_token_and_a_post_without_it_is_refused(served: Served, client: Client) -> None:
    home = client.get("/")
    assert home.status == 200
    assert "/clinics/default" in home.text
    assert "default-src 'none'" in home.headers["content-security-policy"]
    token = client.csrf()
    before = _clinic_files(served.root)
    forged = hillside("not-the-token", "save")
    refused = client.post(forged)
    assert refused.status == 403
    assert "This form has expired" in refused.text
    stranger = Client(served.url)  # no cookie at all: another site's page posting to this one
    assert stranger.post(hillside(token, "save")).status == 403
    assert _clinic_files(served.root) == before


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (uploads.bomb(), r"is (?:too large to decode safely|\d+x\d+ pixels; the limit is 40,000,000 pixels)"),
        (uploads.text_named_png(), r"is not an image; use a PNG or JPEG image"),
        (uploads.huge(30), r"is 31,457,280 bytes; the limit for an image is 10,000,000"),
    ],
    ids=["decompression-bomb", "text-file-named-png", "30-MB-file"],
)
def test_a_bad_upload_gets_a_message_beside_the_logo_and_nothing_is_written(
    served: Served, client: Client, upload: bytes, expected: str
) -> None:
    before = _clinic_files(served.root)
    reply = client.post(hillside(client.csrf(), "save"), {"logo": ("logo.png", upload)})
    assert reply.status == 422
    shown = problems_beside(reply.text, "logo")
    assert len(shown) == 1, shown
    assert re.search(rf"SRC-001: logo: layouts/clinics/logos/hillside-ms-service\.png (?:{expected})", shown[0])
    assert 'name="logo_token" value=""' in reply.text  # a refused file is not carried along
    assert "Traceback" not in reply.text
    assert _clinic_files(served.root) == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": ""}, "phone", "SRC-001: phone"),
        ({"address": ""}, "address", "SRC-001: address"),
        ({"web": "www.hillside.example.org"}, "web", "SRC-001: web"),
        ({"email": "ms nurses at hillside"}, "email", "SRC-001: email"),
        ({"accent": "purple"}, "accent", "SRC-001: accent"),
        ({"name": "\u200b"}, "name", "SRC-001: name"),
        ({"languages": []}, "languages", "languages: tick at least one of en"),
        ({"products": []}, "products", "products: tick at least one product"),
    ],
)
def test_each_problem_is_shown_beside_its_field(
    served: Served, client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    before = _clinic_files(served.root)
    reply = client.post(hillside(client.csrf(), "download", **changes))
    assert reply.status == 422
    assert any(message in shown for shown in problems_beside(reply.text, field)), problems_beside(reply.text, field)
    assert "Your pack is ready" not in reply.text
    assert _clinic_files(served.root) == before


def test_a_failing_main_colour_is_refused_in_the_cli_s_words_with_the_nearest_passing_shade(
    served: Served, client: Client
) -> None:
    reply = client.post(hillside(client.csrf(), "check", primary="#78be20"))
    assert reply.status == 422
    write_clinic(served.root, "compare", primary='"#78be20"')
    try:
        by_cli = cli(served.root, "build", "kb.yaml", "--clinic", "compare", "--only", "option-grid-a4")
    finally:
        (served.root / "layouts" / "clinics" / "compare.yaml").unlink()
    located = [m for line in by_cli.stderr.splitlines() if (m := LOCATED.match(line))]
    assert [m["rule"] for m in located] == ["SRC-001"]
    assert f"{located[0]['rule']}: {located[0]['message']}" in problems_beside(reply.text, "primary")[0]
    shade = re.search(r'name="use_primary" value="(#[0-9A-F]{6})"', reply.text)
    assert shade
    again = client.post(hillside(client.csrf(), "check", primary="#78be20", use_primary=shade[1]))
    assert again.status == 200
    assert problems_beside(again.text, "primary") == []
    assert f'name="primary" type="color" value="{shade[1].lower()}"' in again.text


@pytest.mark.parametrize("editing", ["../../evil", "clinics/../../evil", "/tmp/evil", "ALL"])
def test_no_clinic_name_writes_outside_layouts_clinics(served: Served, client: Client, editing: str) -> None:
    before = {p for p in served.root.rglob("*") if p.is_file() and "build" not in p.parts}
    reply = client.post(hillside(client.csrf(), "save", editing=editing))
    assert reply.status == 422
    assert problems_beside(reply.text, "name")
    assert {p for p in served.root.rglob("*") if p.is_file() and "build" not in p.parts} == before
    assert client.get("/clinics/..%2F..%2Fkb").status == 404


def test_a_build_that_fails_shows_its_located_message_not_a_traceback(served: Served, client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "preview", name="Hillside 山の病院"))  # no CJK letters in Noto Sans
    assert reply.status == 422
    assert "The leaflets could not be made" in reply.text
    assert re.search(r"layouts/clinics/hillside\.yaml:\d+:\d+: [A-Z]+-\d{3}: ", reply.text), reply.text
    assert "Traceback" not in reply.text


@pytest.fixture
def saved_clinic(served: Served) -> Iterator[Path]:
    """Where the Hillside clinic is saved; removed afterwards, so other tests can create it anew."""
    path = served.root / "layouts" / "clinics" / "hillside-ms-service.yaml"
    yield path
    path.unlink(missing_ok=True)
    (path.parent / "logos" / "hillside-ms-service.png").unlink(missing_ok=True)


def test_download_gives_one_zip_and_saves_a_clinic_file_the_cli_rebuilds(
    served: Served, client: Client, saved_clinic: Path
) -> None:
    pdftotext = require_tool("pdftotext")
    reply = client.post(hillside(client.csrf(), "download"), {"logo": ("Hillside logo.png", uploads.logo())})
    assert reply.status == 200, re.findall(r"<li>.*?</li>|class=\"problem.*?</p>", reply.text)
    link = re.search(r'href="(/downloads/[0-9a-f]{32}\?name=[^"]+)"', reply.text)
    assert link
    assert Client(served.url).get(link[1].replace("&amp;", "&")).status == 404  # another browser's session
    pack = client.get(link[1].replace("&amp;", "&"))
    assert pack.status == 200
    assert pack.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(pack.body))
    names = sorted(archive.namelist())
    assert names == [
        "en/patient/leaflet-a4.pdf",
        "en/patient/option-grid-a4.pdf",
        "en/patient/trifold-a4.pdf",
        "layouts/clinics/hillside-ms-service.yaml",
        "layouts/clinics/logos/hillside-ms-service.png",
        "printing-guide.pdf",
    ]
    for name in ("en/patient/leaflet-a4.pdf", "en/patient/trifold-a4.pdf"):
        text = subprocess.run([pdftotext, "-", "-"], input=archive.read(name), capture_output=True, check=True).stdout
        assert b"Hillside MS Service" in text
        assert b"01632 960456" in text
    guide = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=archive.read("printing-guide.pdf"), capture_output=True, check=True
    ).stdout.decode()
    for name in ("en/patient/leaflet-a4.pdf", "en/patient/option-grid-a4.pdf", "en/patient/trifold-a4.pdf"):
        pages = len(PdfReader(io.BytesIO(archive.read(name))).pages)  # the guide says the real counts
        said = f"{pages} page;" if pages == 1 else f"{pages} pages;"
        assert re.search(rf"{re.escape(name)}\s+A4\s+{said}", guide), guide
        assert ("odd number of pages" in guide.split(name)[1].split(".pdf")[0]) == (pages > 1 and pages % 2 == 1)
    assert re.search(r"en/patient/option-grid-a4\.pdf\s+A4\s+1 page; one-sided", guide)
    assert re.search(
        r"en/patient/trifold-a4\.pdf\s+A4\s+2 pages; double-sided,\s+flip\s+on\s+the\s+short\s+edge", guide
    )
    saved = saved_clinic
    assert saved.read_bytes() == archive.read("layouts/clinics/hillside-ms-service.yaml")
    assert saved.read_text("utf-8").startswith("# The brand of one clinic, used by `leafdeck build --clinic")
    rebuilt = cli(served.root, "build", "kb.yaml", "--clinic", "hillside-ms-service", "--only", "option-grid-a4")
    assert rebuilt.returncode == 0, rebuilt.stderr
    kept = re.search(r'name="logo_token" value="([0-9a-f]{64}\.png)"', reply.text)
    assert kept
    again = client.post(hillside(client.csrf(), "download", editing="hillside-ms-service", logo_token=kept[1]))
    second = re.search(r'href="(/downloads/[0-9a-f]{32})\?', again.text)
    assert second
    repeat = zipfile.ZipFile(io.BytesIO(client.get(second[1]).body))
    differ = [n for n in names if repeat.read(n) != archive.read(n)]
    assert differ == [], differ  # same form, same bytes
    edit = client.get("/clinics/hillside-ms-service")
    assert edit.status == 200
    assert 'value="Hillside MS Service"' in edit.text
    assert re.search(r'name="logo_token" value="[0-9a-f]{64}\.png"', edit.text)


def test_serve_prints_its_address_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    with serving(tmp_path, "--jobs", "1") as server:
        process = server.process
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the server and its workers
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out.splitlines()[0] == f"leafdeck serve: open {server.url}/ in your browser; press Ctrl-C to stop"
    assert out.splitlines()[-1] == "leafdeck serve: stopped"
    assert "Traceback" not in err


def test_a_hand_edited_clinic_file_with_problems_is_shown_with_its_located_messages(
    served: Served, client: Client
) -> None:
    path = write_clinic(served.root, "broken", primary="#330072")  # unquoted: YAML reads a comment
    try:
        reply = client.get("/clinics/broken")
    finally:
        path.unlink()
    assert reply.status == 422
    assert re.search(r"layouts/clinics/broken\.yaml:\d+:\d+: SRC-001: primary", reply.text), reply.text
    assert "Traceback" not in reply.text


def test_a_request_for_another_host_name_gets_no_answer(served: Served) -> None:
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(served.url + "/new", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 400
    refused.value.close()


def test_a_request_over_the_size_limit_gets_a_page_saying_so(served: Served, client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check"), {"logo": ("photo.png", uploads.huge(41))})
    assert reply.status == 413
    assert "The file is too large to upload: the limit for a logo is 10,000,000 bytes" in reply.text


def test_a_port_in_use_is_an_input_problem_not_a_bug(served: Served) -> None:
    port = served.url.rsplit(":", 1)[1]
    again = cli(served.root, "serve", "kb.yaml", "--port", port, "--layouts", "layouts")
    assert again.returncode == 1
    assert f"--host 127.0.0.1 --port {port}: SRC-001: port {port} is in use" in again.stderr
    assert "Traceback" not in again.stderr


def test_markup_typed_into_the_form_is_shown_as_text(served: Served, client: Client) -> None:
    typed = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    reply = client.post(hillside(client.csrf(), "check", phone=typed, address=typed))
    assert "<script>alert" not in reply.text
    assert "<img src=x" not in reply.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in reply.text


@pytest.mark.parametrize("name", ["default", "lakeside", "nordfjord", "riverside", "santa-maria"])
def test_every_shipped_clinic_opens_in_the_form_with_its_values(served: Served, client: Client, name: str) -> None:
    from leafdeck.read.layout import Clinic, load_model

    clinic = load_model(served.root / "layouts" / "clinics" / f"{name}.yaml", Clinic, served.root / "layouts")
    reply = client.get(f"/clinics/{name}")
    assert reply.status == 200, problems_beside(reply.text, "name")
    assert f'name="editing" value="{name}"' in reply.text
    assert f'list="country-list" value="{countries.shown(clinic.country)}"' in reply.text
    assert f'name="primary" type="color" value="{clinic.primary.lower()}"' in reply.text
    if clinic.logo:
        assert re.search(r'name="logo_token" value="[0-9a-f]{64}\.(png|jpg)"', reply.text)
