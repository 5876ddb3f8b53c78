"""What the page links to outside itself: its variant's printable files, with size and page
count, and the same page in every other language (hreflang); and the build order that makes the
figures right (a page is rendered after the PDFs it lists)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from leafdeck.publish.addresses import variant_address
from leafdeck.publish.jobs import Job
from leafdeck.publish.pipeline import BuildRequest, build, products
from leafdeck.publish.runner import Task, run
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import load_clinic
from leafdeck.render.web.related import Download, Related, downloads, pages_text, size_text
from tests.conftest import LAYOUTS, REPO
from tests.render.web.conftest import WEB_KB
from tests.render.web.dom import Document, Element, parse

TINY = "https://riverside-ms.example.org/leaflets/tiny-web"


def _pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as out:
        writer.write(out)
    return path


def _items(html: str) -> list[Element]:
    return list(parse(html).root.iter("li"))


@pytest.mark.parametrize(
    ("language", "size", "expected"),
    [
        ("en", 400, "1 kB"),
        ("en", 47_328, "47 kB"),
        ("en", 2_450_000, "2.5 MB"),
        ("fr", 2_450_000, "2,5\u202fMo"),
        ("es", 115_191, "115 kB"),
    ],
)
def test_file_sizes_in_the_readers_language(language: str, size: int, expected: str) -> None:
    assert size_text(size, load_labels(REPO / "sources", language)) == expected


@pytest.mark.parametrize(
    ("language", "pages", "expected"),
    [("en", 1, "1 page"), ("en", 4, "4 pages"), ("fr", 1, "1 page"), ("fr", 2, "2 pages"), ("es", 1, "1 página")],
)
def test_page_counts_with_the_languages_plural(language: str, pages: int, expected: str) -> None:
    assert pages_text(pages, load_labels(REPO / "sources", language)) == expected


def test_downloads_list_each_file_with_its_size_and_pages(tmp_path: Path) -> None:
    labels = load_labels(REPO / "sources", "en")
    two = _pdf(tmp_path / "leaflet-a4.pdf", 2)
    one = _pdf(tmp_path / "option-grid-a4.pdf", 1)
    broken = tmp_path / "decision-aid-a4.pdf"
    broken.write_bytes(b"not a pdf")
    related = Related(
        (
            Download("leaflet-a4", f"{TINY}/en/patient/leaflet-a4.pdf", two),
            Download("option-grid-a4", f"{TINY}/en/patient/option-grid-a4.pdf", one),
            Download("decision-aid-a4", f"{TINY}/en/patient/decision-aid-a4.pdf", broken),
            Download("booklet-a5", f"{TINY}/en/patient/booklet-a5.pdf", tmp_path / "missing.pdf"),
            Download("new-product", f"{TINY}/en/patient/new-product.pdf", None),
        )
    )
    found = downloads(related, labels)
    assert found is not None
    items = _items(found)
    assert [" ".join(li.text.split()) for li in items] == [
        f"Short leaflet (A4 paper) (PDF, {size_text(two.stat().st_size, labels)}, 2 pages)",
        f"Your options on one page (A4 paper) (PDF, {size_text(one.stat().st_size, labels)}, 1 page)",
        "Full decision aid (A4 paper) (PDF)",
        "Full decision aid as an A5 booklet (PDF)",
        "new-product (PDF)",  # a product without a label keeps its name
    ]
    assert [li.find("a").attrs["href"] for li in items] == [d.address for d in related.downloads]  # type: ignore[union-attr]
    assert downloads(Related(), labels) is None


def test_files_imposed_for_print_come_after_the_tagged_ones_and_say_so(tmp_path: Path) -> None:
    """A booklet or tri-fold (``/Imposition`` in its metadata) is listed after the files read
    page by page, whatever the order it is given in, with the words for print only."""
    labels = load_labels(REPO / "sources", "en")
    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)
    writer.add_metadata({"/Imposition": "imposed"})
    imposed = tmp_path / "trifold-a4.pdf"
    writer.write(imposed)
    tagged = _pdf(tmp_path / "leaflet-a4.pdf", 2)
    related = Related(
        (
            Download("trifold-a4", f"{TINY}/en/patient/trifold-a4.pdf", imposed),
            Download("leaflet-a4", f"{TINY}/en/patient/leaflet-a4.pdf", tagged),
        )
    )
    found = downloads(related, labels)
    assert found is not None
    items = _items(found)
    assert [li.find("a").attrs["href"].rsplit("/", 1)[-1] for li in items] == ["leaflet-a4.pdf", "trifold-a4.pdf"]  # type: ignore[union-attr]
    assert labels("web_file_print_only") in items[1].text
    assert labels("web_file_print_only") not in items[0].text


def test_the_runner_renders_a_reader_after_the_files_it_reads(tmp_path: Path) -> None:
    """Serial and parallel: the reading task gets the other task's staged file, already written."""
    for workers in (1, 2):
        out = tmp_path / str(workers)
        pdf, page = out / "a.pdf", out / "index.html"

        def write_pdf(tmp: Path, _: Mapping[Path, Path]) -> None:
            tmp.write_text("the pdf", encoding="utf-8")

        def write_page(tmp: Path, files: Mapping[Path, Path], pdf: Path = pdf) -> None:
            tmp.write_text(f"{files[pdf].read_text(encoding='utf-8')} from {files[pdf].name}", encoding="utf-8")

        tasks = [Task("0-page", page, write_page, reads=(pdf,)), Task("1-pdf", pdf, write_pdf)]
        results = run(tasks, workers, lambda _: None)
        assert [r.status for r in results] == ["built", "built"]
        text = page.read_text(encoding="utf-8")
        assert text.startswith("the pdf from .a.pdf.")  # the staged file, not yet published
        assert text.endswith(".tmp")


def test_a_file_not_built_in_this_run_is_read_where_it_is_published(tmp_path: Path) -> None:
    published = tmp_path / "a.pdf"
    published.write_text("old", encoding="utf-8")
    seen: list[Path] = []
    task = Task("page", tmp_path / "index.html", lambda tmp, files: seen.append(files[published]), reads=(published,))
    run([task], 1, lambda _: None)
    assert seen == [published]


@pytest.fixture(scope="module")
def with_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildRequest, Path]:
    """The English patient page built together with two of its PDFs, in two parallel workers."""
    tmp = tmp_path_factory.mktemp("web-pdfs")
    request = BuildRequest(
        WEB_KB,
        LAYOUTS,
        tmp / "out",
        tmp / "build",
        clinics=("riverside",),
        audiences=("patient",),
        only=("web", "option-grid-a4", "decision-aid-a4"),
        workers=2,
    )
    report = build(request)
    assert not report.having("failed"), [r.problems or r.bug for r in report.results]
    return request, tmp / "out" / "riverside" / "en" / "patient"


def test_the_page_lists_its_variants_pdfs_with_their_real_size_and_pages(
    with_pdfs: tuple[BuildRequest, Path],
) -> None:
    request, folder = with_pdfs
    labels = load_labels(REPO / "sources", "en")
    doc = parse((folder / "index.html").read_text(encoding="utf-8"))
    section = doc.html.by_id("downloads")
    assert section is not None
    items = {li.find("a").attrs["href"].rsplit("/", 1)[-1]: li for li in section.iter("li")}  # type: ignore[union-attr]
    made = [p for p in products(request).products if p.format == "pdf" and "patient" in p.audiences]
    assert list(items) == [f"{p.name}.pdf" for p in made]  # every PDF of the variant, in products.yaml's order
    for name in ("option-grid-a4", "decision-aid-a4"):
        pdf = folder / f"{name}.pdf"
        pages = len(PdfReader(pdf).pages)
        details = items[pdf.name].find("span", class_="file-details")
        assert details is not None
        assert details.text == f"(PDF, {size_text(pdf.stat().st_size, labels)}, {pages_text(pages, labels)})"
    assert items["option-grid-a4.pdf"].find("a").attrs["href"] == f"{TINY}/en/patient/option-grid-a4.pdf"  # type: ignore[union-attr]
    unbuilt = items["leaflet-a4.pdf"].find("span", class_="file-details")
    assert unbuilt is not None
    assert unbuilt.text == "(PDF)"


def test_the_same_inputs_give_the_same_page(with_pdfs: tuple[BuildRequest, Path], tmp_path: Path) -> None:
    request, folder = with_pdfs
    assert {r.status for r in build(request).results} == {"skipped"}
    fresh = build(replace(request, out=tmp_path / "out", build_dir=tmp_path / "build", workers=1))
    assert not fresh.having("failed")
    copy = tmp_path / "out" / "riverside" / "en" / "patient" / "index.html"
    assert copy.read_bytes() == (folder / "index.html").read_bytes()


def test_a_page_built_without_its_pdfs_measures_the_published_ones(
    with_pdfs: tuple[BuildRequest, Path], tmp_path: Path
) -> None:
    request, folder = with_pdfs
    target = tmp_path / "out" / "riverside" / "en" / "patient"
    target.mkdir(parents=True)
    shutil.copy(folder / "option-grid-a4.pdf", target)
    alone = build(replace(request, out=tmp_path / "out", build_dir=tmp_path / "build", only=("web",)))
    assert [r.status for r in alone.results] == ["built"]
    doc = parse((target / "index.html").read_text(encoding="utf-8"))
    section = doc.html.by_id("downloads")
    assert section is not None
    details = {li.find("a").attrs["href"].rsplit("/", 1)[-1]: li.find("span").text for li in section.iter("li")}  # type: ignore[union-attr]
    assert details["option-grid-a4.pdf"].endswith("1 page)")
    assert details["decision-aid-a4.pdf"] == "(PDF)"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_language_of_the_page_is_linked_with_hreflang(language: str, documents: dict[str, Document]) -> None:
    clinic = load_clinic(LAYOUTS, "riverside")
    doc = documents[f"riverside/{language}/patient"]
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"] for link in doc.html.iter("link") if link.attrs["rel"] == "alternate"
    }
    assert alternates == {lang: variant_address(clinic, "tiny-web", lang, "patient") for lang in ("en", "fr", "es")}
    nav = doc.html.find("nav", class_="languages")
    assert nav is not None
    shown = {a.attrs["hreflang"]: (a.attrs["href"], a.attrs["lang"], a.text) for a in nav.iter("a")}
    names = {"en": "English", "fr": "Français", "es": "Español"}
    assert shown == {lang: (alternates[lang], lang, names[lang]) for lang in ("en", "fr", "es") if lang != language}


def test_a_page_in_one_language_links_no_other(documents: dict[str, Document]) -> None:
    doc = documents["riverside/en/clinician"]  # clinician materials exist only in the base language
    assert [link for link in doc.html.iter("link") if link.attrs["rel"] == "alternate"] == []
    assert doc.html.find("nav", class_="languages") is None


def test_plan_and_page_agree_on_each_pdfs_address(with_pdfs: tuple[BuildRequest, Path]) -> None:
    _request, folder = with_pdfs
    clinic = load_clinic(LAYOUTS, "riverside")
    address = variant_address(clinic, "tiny-web", "en", "patient")
    doc = parse((folder / "index.html").read_text(encoding="utf-8"))
    section = doc.html.by_id("downloads")
    assert section is not None
    hrefs = [a.attrs["href"] for a in section.iter("a")]
    job = Job("riverside", "en", "patient", "leaflet-a4", "pdf", "leaflet-a4")
    assert job.url(address, ".pdf") in hrefs


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "riverside/en/patient",
            [
                "leaflet-a4",
                "leaflet-letter",
                "leaflet-large-print-a4",
                "option-grid-a4",
                "option-grid-letter",
                "decision-aid-a4",
                "decision-aid-letter",
                "booklet-a5",
                "trifold-letter",
                "trifold-a4",
            ],
        ),
        ("riverside/fr/advocacy", ["leaflet-a4", "leaflet-letter", "decision-aid-a4", "decision-aid-letter"]),
        ("riverside/en/clinician", []),
    ],
)
def test_each_audience_links_the_pdfs_made_for_it(
    key: str, expected: list[str], documents: dict[str, Document]
) -> None:
    section = documents[key].html.by_id("downloads")
    found = [a.attrs["href"].rsplit("/", 1)[-1].removesuffix(".pdf") for a in section.iter("a")] if section else []
    assert found == expected
