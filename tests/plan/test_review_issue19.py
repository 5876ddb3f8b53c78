"""What the clinical reviewer's read-through found (issue 19), on the shipped knowledge base,
through the plan of each product for each clinic country and language: when urgent problems can
start (review M9), dates written as the clinic's country writes them, country-specific
statements (NICE for GB, FDA counts for the US only), and short numbers kept on one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leafdeck.model import KnowledgeBase
from leafdeck.nobreak import NBSP
from leafdeck.plan.export import outline_json
from leafdeck.plan.outline import outline
from leafdeck.plan.variants import select
from leafdeck.publish.jobs import Products
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_model
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import apply, load_translation, translation_path
from tests.conftest import REPO
from tests.plan.test_countries import built_for_gb_and_us

KB = REPO / "sources" / "liberation-procedure.yaml"
WHEN = {
    "en": ("in the days after the procedure", "stent is in place"),
    "fr": ("jours après la procédure", "stent est en place"),
    "es": ("días tras el procedimiento", "stent"),
}
"""The time frame of the urgent-help text in each language (evidence.md addendum B2/B6)."""


@pytest.fixture(scope="module")
def made() -> Products:
    return load_model(REPO / "layouts" / "products.yaml", Products, REPO / "layouts")


@pytest.fixture(scope="module")
def kbs() -> dict[str, KnowledgeBase]:
    english, _ = load_kb(KB)
    found = {"en": english}
    for language in ("fr", "es"):
        found[language] = apply(english, load_translation(translation_path(KB, language))[0])
    return found


def plan_text(kbs: dict[str, KnowledgeBase], made: Products, language: str, country: str, contents: str) -> str:
    """Every word of one product's plan, as JSON text."""
    labels = load_labels(REPO / "sources", language).in_country(country)
    plan = outline(select(kbs[language], "patient", country), "patient", labels, made.contents[contents], "x")
    return json.dumps(outline_json(plan), ensure_ascii=False)


@pytest.mark.parametrize("contents", ["leaflet", "trifold", "decision-aid", "web"])
@pytest.mark.parametrize(
    ("language", "country"), [("en", "GB"), ("en", "US"), ("es", "ES"), ("fr", "GB"), ("en", "international")]
)
def test_urgent_help_says_when_problems_can_start(
    kbs: dict[str, KnowledgeBase], made: Products, language: str, country: str, contents: str
) -> None:
    """Review M9: every product that gives warning signs says they can start in the days after
    the procedure and at any time while a stent is in place."""
    text = plan_text(kbs, made, language, country, contents).lower()
    for words in WHEN[language]:
        assert words in text, (language, country, contents, words)


@pytest.mark.parametrize("contents", ["decision-aid", "web"])
@pytest.mark.parametrize(
    ("country", "written", "not_written"),
    [
        ("US", ("Searched up to August 30, 2018", "Published on May 31, 2019"), ("30 August 2018", "31 May 2019")),
        ("GB", ("Searched up to 30 August 2018", "Published on 31 May 2019"), ("August 30, 2018", "May 31, 2019")),
    ],
)
def test_dates_in_prose_follow_the_clinic_country(
    kbs: dict[str, KnowledgeBase],
    made: Products,
    country: str,
    written: tuple[str, ...],
    not_written: tuple[str, ...],
    contents: str,
) -> None:
    """Issue 19 §2: a US build writes every date month first, a GB build day first."""
    text = plan_text(kbs, made, "en", country, contents)
    for date in written:
        assert date in text
    for date in not_written:
        assert date not in text


COUNTRY_SENTENCES = {
    "In the UK, the NICE guideline NG220 covers this care.": {"GB"},
    "The FDA has approved many of these medicines": {"US"},
}
"""Statements written for one country (``countries:``), and where they may appear."""
NEVER = ("A UK guideline, NICE NG220", "The UK guideline NICE NG220", "A US guideline", "A 2018 US guideline")
"""The old wording that gave one country's guideline to every clinic."""


@pytest.mark.parametrize("contents", ["decision-aid", "web", "option-grid"])
@pytest.mark.parametrize("country", ["GB", "US", "ES", "NO", "international"])
def test_country_statements_follow_the_clinic_country(
    kbs: dict[str, KnowledgeBase], made: Products, country: str, contents: str
) -> None:
    """Issue 19 §4: NICE NG220 as the guideline for GB clinics only, FDA counts for US clinics only."""
    text = plan_text(kbs, made, "en", country, contents)
    for sentence, countries in COUNTRY_SENTENCES.items():
        assert sentence not in text or country in countries
        if contents != "option-grid":  # the one page has room for the option's summary only
            assert (sentence in text) == (country in countries)
    for old in NEVER:
        assert old not in text


@pytest.mark.parametrize(
    ("language", "country", "kept"),
    [("fr", "GB", f"le{NBSP}999"), ("es", "ES", f"{NBSP}112"), ("en", "US", f"call{NBSP}911")],
)
def test_an_emergency_number_stays_with_the_word_before_it(
    kbs: dict[str, KnowledgeBase], made: Products, language: str, country: str, kept: str
) -> None:
    """Issue 19 §3: "appelez tout de suite le / 999" never happens."""
    assert kept in plan_text(kbs, made, language, country, "leaflet")


def built(tmp_path: Path, clinic: str, language: str, products: str) -> Path:
    """The output folder of a real build of ``products`` for ``clinic`` in ``language`` (patient)."""
    return built_for_gb_and_us(tmp_path, products, clinic, language) / clinic / language / "patient"


def test_a_built_us_decision_aid_writes_us_dates(tmp_path: Path) -> None:
    """Through the real build read back with pdftotext: lakeside's decision aid (issue 19 §2)."""
    from tests.render.leaflet.pdftext import page_texts, words

    text = words(
        " ".join(page_texts(built(tmp_path, "lakeside", "en", "decision-aid-letter") / "decision-aid-letter.pdf"))
    )
    assert "Searched up to August 30, 2018" in text
    assert "30 August 2018" not in text
    assert "in the days after the procedure" in text


@pytest.mark.parametrize("language", ["es", "fr"])
@pytest.mark.parametrize("product", ["trifold-a4", "trifold-letter"])
def test_a_built_spanish_trifold_keeps_the_phone_number_on_one_line(
    tmp_path: Path, product: str, language: str
) -> None:
    """Through the real build read back with pdftotext -layout: santa-maria's tri-fold prints
    "+34 910 000 000" whole on every line it appears (it was split "+34 910 00 / 0 000" in the
    first-page band, whose long clinic name now goes above the logo when that is shorter)."""
    import subprocess

    pdf = built(tmp_path, "santa-maria", language, product) / f"{product}.pdf"
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    phones = [line for line in lines.splitlines() if "+34" in line]
    assert any("+34 910 000 000" in line for line in phones), phones  # the contact panel
    assert all("+34 910 000 000" in line for line in phones), phones  # and the band


@pytest.mark.parametrize(
    ("clinic", "language", "product", "first", "last"),
    [
        ("riverside", "en", "leaflet-large-print-a4", "Key points", "Proven MS treatments exist"),
        ("lakeside", "en", "decision-aid-letter", "Key points", "Proven MS treatments exist"),
    ],
)
def test_the_key_points_box_is_not_split_across_pages(
    tmp_path: Path, clinic: str, language: str, product: str, first: str, last: str
) -> None:
    """Issue 19 §6, through the real build read back page by page: the key-points box (its
    title and its last point) sits on one page (it was split p1 → p2)."""
    from tests.render.leaflet.pdftext import page_texts, words

    pages = [words(t) for t in page_texts(built(tmp_path, clinic, language, product) / f"{product}.pdf")]
    holding = [i for i, text in enumerate(pages) if first in text or last in text]
    assert len(set(holding)) == 1, holding
    assert first in pages[holding[0]]
    assert last in pages[holding[0]]
