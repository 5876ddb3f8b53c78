"""Advice for the clinic's country (issue 12 §4), on the shipped knowledge base: each example
clinic's products name its own country's side-effect reporting route and no other's; the
international default names none and says to ask the clinic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.plan.export import outline_json
from leafdeck.plan.outline import outline
from leafdeck.plan.variants import select
from leafdeck.publish.jobs import Products
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_clinic, load_model
from leafdeck.read.sources import load_kb
from tests.conftest import REPO

ROUTES = {
    "US": "MedWatch",
    "GB": "Yellow Card",
    "ES": "AEMPS",
    "CA": "MedEffect",
    "NO": "Norwegian Medical Products Agency",
}
"""Each country's reporting route, as the knowledge base names it (evidence.md addendum B8)."""
COVERAGE = re.compile(r"\bMedicare\b")
"""US coverage statements: only for US clinics."""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    loaded, _ = load_kb(REPO / "sources" / "liberation-procedure.yaml")
    return loaded


@pytest.fixture(scope="module")
def made() -> Products:
    return load_model(REPO / "layouts" / "products.yaml", Products, REPO / "layouts")


def texts_of(kb: KnowledgeBase, made: Products, country: str, contents: str) -> str:
    plan = outline(
        select(kb, "patient", country), "patient", load_labels(REPO / "sources", "en"), made.contents[contents], "x"
    )
    return json.dumps(outline_json(plan), ensure_ascii=False)


@pytest.mark.parametrize(
    ("clinic", "country"),
    [("default", "international"), ("riverside", "GB"), ("santa-maria", "ES"), ("nordfjord", "NO"), ("lakeside", "US")],
)
def test_example_clinics_have_their_country(clinic: str, country: str) -> None:
    assert load_clinic(REPO / "layouts", clinic).country == country


@pytest.mark.parametrize("contents", ["decision-aid", "leaflet", "web", "talk-patient"])
@pytest.mark.parametrize("country", ["US", "GB", "ES", "CA", "NO", "international"])
def test_a_clinic_names_its_own_reporting_route_and_no_other(
    kb: KnowledgeBase, made: Products, country: str, contents: str
) -> None:
    text = texts_of(kb, made, country, contents)
    named = {c for c, route in ROUTES.items() if route in text}
    if contents in ("decision-aid", "web"):  # the full products always say how to report
        assert named == ({country} if country in ROUTES else set())
    else:
        assert named <= {country}
    if country == "international" and contents in ("decision-aid", "web"):
        assert "Ask your clinic how to report a side effect" in text
    assert bool(COVERAGE.search(text)) <= (country == "US")


def built_for_gb_and_us(
    tmp_path: Path, products: str, clinics: str = "riverside,lakeside", language: str = "en"
) -> Path:
    """The output folder of a real build of ``products`` for ``clinics`` (by default riverside,
    GB, and lakeside, US), in ``language`` (English by default), patient audience."""
    import subprocess
    import sys

    args = ["build", "--clinic", clinics, "--only", products, "--audience", "patient", "--lang", language]
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "leafdeck", *args, "--out", str(out), "--build-dir", str(tmp_path / "build")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_a_built_leaflet_of_each_clinic_names_only_its_route(tmp_path: Path) -> None:
    """Through the real build: the decision aids of riverside (GB) and lakeside (US)."""
    from tests.render.leaflet.pdftext import page_texts, words

    out = built_for_gb_and_us(tmp_path, "decision-aid-a4")
    reviewed = {"riverside": "22 November 2026", "lakeside": "November 22, 2026"}  # each country's date order
    for clinic, country in (("riverside", "GB"), ("lakeside", "US")):
        text = words(" ".join(page_texts(out / clinic / "en" / "patient" / "decision-aid-a4.pdf")))
        assert {c for c, route in ROUTES.items() if route in text} == {country}
        assert reviewed[clinic] in text


EMERGENCY = {"GB": "call 999 at once", "US": "call 911 at once", "ES": "call 112 at once", "NO": "call 113 at once"}
"""Each country's emergency line as the knowledge base says it (evidence.md addendum E1)."""
LOCAL_EMERGENCY = "Call your local emergency number at once."
"""Any other country: never another country's number (addendum E1)."""
REGISTERS = {
    "GB": "bepartofresearch",
    "US": "ClinicalTrials.gov",
    "ES": "euclinicaltrials.eu",
    "NO": "euclinicaltrials.eu",
}
"""Each country's own trial register, as the short products name it (addendum B7)."""


def named_locally(text: str) -> tuple[set[str], set[str], set[str]]:
    """The countries whose emergency line, reporting route and trial register ``text`` names
    (a no-break space keeps an emergency number with the word before it: read as a space)."""
    text = text.replace("\u00a0", " ")
    return (
        {c for c, line in EMERGENCY.items() if line in text},
        {c for c, route in ROUTES.items() if route in text},
        {REGISTERS[c] for c in REGISTERS if REGISTERS[c] in text},
    )


@pytest.mark.parametrize("contents", ["leaflet", "trifold", "option-grid", "talk-patient"])
@pytest.mark.parametrize("country", ["US", "GB", "ES", "NO", "CA", "international"])
def test_a_short_product_names_its_own_emergency_number_route_and_registers(
    kb: KnowledgeBase, made: Products, country: str, contents: str
) -> None:
    """Issue 19 §3: the topics' summaries are written for every country, so the short products
    must still carry the clinic's essential country items (they were dropped before)."""
    text = texts_of(kb, made, country, contents)
    emergency, routes, registers = named_locally(text)
    assert emergency == ({country} if country in EMERGENCY else set())
    assert (LOCAL_EMERGENCY in text) == (country not in EMERGENCY)
    if contents == "talk-patient":  # the talk's main slides: urgent help only
        return
    assert routes == ({country} if country in ROUTES else set())
    assert registers == ({REGISTERS[country]} if country in REGISTERS else set())
    if contents != "option-grid" or country not in REGISTERS:  # the one page: the country's own register
        assert "trialsearch.who.int" in text  # the WHO portal, for every country


@pytest.mark.parametrize("contents", ["leaflet", "trifold", "decision-aid", "web", "talk-patient"])
def test_no_product_gives_the_research_only_advice_as_current(kb: KnowledgeBase, made: Products, contents: str) -> None:
    """Issue 19 §1 (review M6, S1; evidence.md addendum E3): NICE's current advice is that the
    procedure should not be used; "only in a trial" (IPG420, 2012) is history."""
    text = texts_of(kb, made, "GB", contents)
    assert "should not be used" in text
    assert "outside a research trial" not in text
    assert "outside a proper research trial" not in text


def test_built_short_products_of_each_clinic_name_only_their_own(tmp_path: Path) -> None:
    """Through the real build: riverside (GB) and lakeside (US) short leaflets and tri-folds."""
    from tests.render.leaflet.pdftext import page_texts, words

    products = "leaflet-a4,trifold-a4"
    out = built_for_gb_and_us(tmp_path, products)
    for clinic, country in (("riverside", "GB"), ("lakeside", "US")):
        for product in products.split(","):
            pdf = out / clinic / "en" / "patient" / f"{product}.pdf"
            pages = page_texts(pdf)
            text = words(" ".join(pages))
            emergency, routes, registers = named_locally(text)
            assert (emergency, routes, registers) == ({country}, {country}, {REGISTERS[country]}), product
            if product.startswith("leaflet"):
                assert len(pages) == 4


CLINICS = {"riverside": "GB", "lakeside": "US", "santa-maria": "ES", "nordfjord": "NO", "default": "international"}
"""Every example clinic (``layouts/clinics/*.yaml``) and its country."""
SHORT = ("leaflet-a4", "option-grid-a4", "option-grid-letter", "trifold-a4", "trifold-letter")
"""The short products handed out on their own (review 2026-12-07 M8, S21)."""
ABOUT = ("Published by: leafdeck project", "Version: 1.1.0", "Last reviewed:", "Next review due:")
"""What every patient product says of who made it and when (the knowledge base's governance)."""


@pytest.fixture(scope="module")
def every_clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the short products for every example clinic, in English."""
    return built_for_gb_and_us(tmp_path_factory.mktemp("short"), ",".join(SHORT), ",".join(CLINICS))


@pytest.mark.parametrize("product", SHORT)
@pytest.mark.parametrize("clinic", list(CLINICS))
def test_each_clinic_short_product_names_its_own_help_and_who_made_it(
    every_clinic: Path, clinic: str, product: str
) -> None:
    """Issue 19 §1 and §3, through the real build read back with pdftotext: each example
    clinic's short leaflet, option grid and tri-fold name only their own country's emergency
    number, reporting route and trial register, carry the version, the review dates and the
    publisher, and the option grid stays one page."""
    from tests.render.leaflet.pdftext import page_texts, words

    pages = page_texts(every_clinic / clinic / "en" / "patient" / f"{product}.pdf")
    text = words(" ".join(pages))
    country = CLINICS[clinic]
    emergency, routes, registers = named_locally(text)
    assert emergency == ({country} if country in EMERGENCY else set())
    assert (LOCAL_EMERGENCY.removesuffix(".").lower() in text.lower()) == (country not in EMERGENCY)
    assert routes == ({country} if country in ROUTES else set())
    assert registers == ({REGISTERS[country]} if country in REGISTERS else set())
    if country not in ROUTES:
        assert "Ask your clinic how to report a side effect" in text
    for shown in ABOUT:
        assert shown in text, shown
    reviewed = {"GB": "22 November 2026", "US": "November 22, 2026"}.get(country)  # each country's date order
    assert reviewed is None or reviewed in text
    if product.startswith("option-grid"):
        assert len(pages) == 1
