"""The form as a clinic nurse meets it (issue 21 follow-ups), over HTTP with the real server:
every field checked in one round and said in the field's own words with the CLI's rule, the
country found from what people type, a refused upload not kept, the band drawn as the leaflets
draw it, the product choices remembered, and an empty web address explained."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from leafdeck.read.images import backdrop, load_logo
from leafdeck.read.layout import Clinic
from tests.realworld import ROOTS
from tests.serve import uploads
from tests.serve.server import Client, Served, hillside, problems_beside, sentences_beside, serving


@pytest.fixture
def saved_clinic(served: Served) -> Iterator[Path]:
    """Where the Hillside clinic is saved; removed afterwards."""
    path = served.root / "layouts" / "clinics" / "hillside-ms-service.yaml"
    yield path
    path.unlink(missing_ok=True)
    (path.parent / "logos" / "hillside-ms-service.png").unlink(missing_ok=True)


def test_every_field_is_checked_in_one_round_each_led_by_its_label(client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check", phone="", web="www.hillside.example.org", primary="#78be20"))
    assert reply.status == 422
    for field, label in [("phone", "Phone"), ("web", "Web address"), ("primary", "Main colour")]:
        said = sentences_beside(reply.text, field)
        assert len(said) == 1, (field, said)
        assert said[0].startswith(f"Problem: {label}: "), said
        assert f"SRC-001: {field}: " in problems_beside(reply.text, field)[0]  # the CLI's rule and wording
    assert "3 things to fix before anything is saved" in reply.text
    shade = re.search(r'id="primary-shade">(.*?)</p>', reply.text, flags=re.S)
    assert shade
    assert "2.29:1" in shade[1]
    assert "4.5:1" in shade[1]  # why the darker shade, in the same round as the problem


def test_the_logo_is_judged_in_the_same_round_as_a_refused_colour(client: Client) -> None:
    logo = {"logo": ("Hillside logo.png", uploads.logo(transparent=True))}
    reply = client.post(hillside(client.csrf(), "check", primary="#78be20"), logo)
    assert reply.status == 422
    assert "SRC-001: primary: " in problems_beside(reply.text, "primary")[0]
    (said,) = sentences_beside(reply.text, "logo")
    assert said.startswith("Check: Logo: most of it contrasts only")
    assert "(rule LOGO-002)" in said
    assert "Short leaflet (A4)" in said  # products by their names on the form, not leaflet-a4
    assert "Booklet" not in said  # only the products ticked on the form


def test_one_problem_is_one_thing_to_fix(client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check", phone=""))
    assert reply.status == 422
    assert "1 thing to fix before anything is saved" in reply.text


@pytest.mark.parametrize("typed", ["UK", "GB", "England", "Northern Ireland", "United Kingdom (GB)"])
def test_what_people_type_as_the_country_lands_on_it(client: Client, typed: str) -> None:
    reply = client.post(hillside(client.csrf(), "check", country=typed))
    assert reply.status == 200, problems_beside(reply.text, "country")
    assert re.search(
        r'id="country" name="country" type="text" list="country-list" value="United Kingdom \(GB\)"', reply.text
    )
    assert "United Kingdom (GB): no advice of its own yet; its leaflets carry the international advice" in reply.text


def test_a_country_nobody_knows_is_refused_with_the_cli_s_rule(client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check", country="Narnia"))
    assert reply.status == 422
    (said,) = sentences_beside(reply.text, "country")
    assert said.startswith("Problem: Country: ")
    assert "SRC-001: country: " in problems_beside(reply.text, "country")[0]


def test_a_refused_upload_is_said_in_mb_by_its_own_name_and_not_kept(served: Served, client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check"), {"logo": ("Hillside logo.png", uploads.huge(30))})
    assert reply.status == 422
    (said,) = sentences_beside(reply.text, "logo")
    assert "Logo: 'Hillside logo.png' is 31.5 MB; the limit for an image is 10 MB." in said
    assert "layouts/" not in said
    assert "bytes" not in said
    refused = hashlib.sha256(uploads.huge(30)).hexdigest()
    assert [p for p in served.root.rglob(f"{refused}.*") if p.is_file()] == []  # not kept in build/serve/uploads/


@pytest.mark.parametrize(
    ("logo", "primary"),
    [(uploads.logo(transparent=True), "#3f630f"), (uploads.knockout(), "#3f630f"), (uploads.logo(), "#3f630f")],
    ids=["dark-logo-on-nothing", "white-logo-on-nothing", "logo-on-white"],
)
def test_the_band_draws_the_logo_as_the_leaflets_do(
    served: Served, client: Client, tmp_path: Path, logo: bytes, primary: str
) -> None:
    reply = client.post(hillside(client.csrf(), "check", primary=primary), {"logo": ("logo.png", logo)})
    assert reply.status == 200, problems_beside(reply.text, "logo")
    (tmp_path / "logo.png").write_bytes(logo)
    plate_colour = re.search(
        r"logo_plate: \{colour: \"(#[0-9A-F]{6})\"", (served.root / "layouts" / "leaflet-base.yaml").read_text()
    )
    assert plate_colour
    plated = backdrop(load_logo(tmp_path / "logo.png"), primary.upper(), plate_colour[1]).plate
    assert ('id="band-plate"' in reply.text) == plated
    if plated:
        assert re.search(rf'<rect id="band-plate"[^>]* fill="{plate_colour[1]}"/>\s*<image ', reply.text)
        assert "on a light plate" in reply.text
    assert '<image href="data:image/png;base64,' in reply.text


def test_a_clinic_reopened_keeps_its_product_choices_and_typed_country(client: Client, saved_clinic: Path) -> None:
    reply = client.post(hillside(client.csrf(), "save", products=["option-grid"], paper="letter", country="England"))
    assert reply.status == 200, re.findall(r"<li>.*?</li>", reply.text)
    assert 'country: "GB"' in saved_clinic.read_text("utf-8")
    page = client.get("/clinics/hillside-ms-service").text
    ticked = set(re.findall(r'name="products" value="([a-z-]+)" checked', page))
    assert ticked == {"option-grid"}
    assert re.search(r'name="paper" value="letter" checked', page)
    assert 'value="United Kingdom (GB)"' in page


def test_an_empty_web_address_says_what_follows(client: Client) -> None:
    reply = client.post(hillside(client.csrf(), "check", web=""))
    if Clinic.model_fields["web"].is_required():  # before the clinic model makes it optional
        assert reply.status == 422
        assert sentences_beside(reply.text, "web") == [
            "Problem: Web address: this is needed; fill it in. (rule SRC-001)"
        ]
        assert 'id="web-empty"' not in reply.text
    else:
        assert reply.status == 200
        assert re.search(r'id="web-empty">[^<]*no QR code and no online address', reply.text)
        assert re.search(r'id="web"[^>]*aria-describedby="web-hint web-empty"', reply.text)


def test_the_country_field_says_which_countries_have_advice_of_their_own(tmp_path: Path) -> None:
    with serving(tmp_path, "--jobs", "1", kb=ROOTS / "planned" / "kb.yaml") as server:  # items for GB and US
        client = Client(server.url)
        page = client.get("/new").text
        assert "2 countries have advice of their own; any other country gets the international advice." in page
        assert re.search(r'id="country-advised">United Kingdom \(GB\), United States \(US\)\.</p>', page)
        for typed, said in [
            ("England", "United Kingdom (GB): the leaflets carry this country's own advice."),
            ("France", "France (FR): no advice of its own yet; its leaflets carry the international advice."),
        ]:
            reply = client.post(hillside(client.csrf(), "check", country=typed))
            assert reply.status == 200, problems_beside(reply.text, "country")
            assert re.search(rf'id="country-advice" role="status">{re.escape(said)}</p>', reply.text)
