"""Content that does not fit: located user errors through the real CLI, earlier outputs kept,
and ``fits`` predicting the same without writing (issue 11 §3, issue 14 §5)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafdeck.publish.pipeline import outlines, plan
from leafdeck.read.labels import load_labels
from leafdeck.read.layout import Resolved, load_clinic, load_model
from leafdeck.read.sources import load_kb
from leafdeck.render.leaflet import LeafletLayout, fits
from tests.conftest import LAYOUTS, REPO
from tests.render.leaflet.conftest import LEAFLET_KB, request_for

LONG = " ".join(["The fixture procedure did not help the people who had it in the trial."] * 23)
"""About 320 words: one key point far larger than a large-print page."""


def grid_rows(count: int) -> str:
    """``count`` option grid rows with long answers, as YAML."""
    cells = f"text: {LONG[:260]}"
    return "".join(
        f"  - id: grid-extra-{i}\n    depth: essential\n    question: Extra question {i} that people ask?\n"
        f"    cells:\n"
        f"      - {{id: grid-extra-{i}-procedure, depth: essential, option: opt-procedure, {cells}, cites: [trial-ref]}}\n"
        f"      - {{id: grid-extra-{i}-usual, depth: essential, option: opt-usual, {cells}}}\n"
        for i in range(count)
    )


def _line(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=REPO, check=False
    )


def _build(kb: Path, out: Path, products: str) -> subprocess.CompletedProcess[str]:
    args = ["--out", str(out), "--build-dir", str(out.parent / "build"), "--format", "pdf", "--audience", "patient"]
    return _cli("build", str(kb), *args, "--only", products)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A copy of the leaflet fixture to edit."""
    copy = tmp_path / "kb.yaml"
    shutil.copy(LEAFLET_KB, copy)
    return copy


@pytest.mark.parametrize(
    ("product", "edit", "rule", "named", "needle"),
    [
        (
            "leaflet-large-print-a4",
            ("text: Fair trials found that the fixture procedure did not help.", f"text: {LONG}"),
            "FIT-002",
            "item 'kp-one' (text)",
            "text: The fixture procedure did not help the people",
        ),
        (
            "option-grid-a4",
            ("\nvalues:\n", "\n" + grid_rows(8) + "values:\n"),
            "FIT-001",
            "section 'Your options side by side' (option_grid)",
            "text: Fair trials found no benefit.",
        ),
        (
            "leaflet-a4",
            ("\nvalues:\n", "\n" + grid_rows(10) + "values:\n"),
            "FIT-001",
            "(option_grid) does not fit",
            "text: Fair trials found no benefit.",
        ),
    ],
)
def test_content_that_does_not_fit_is_a_located_user_error_and_earlier_outputs_stay(
    kb: Path, tmp_path: Path, product: str, edit: tuple[str, str], rule: str, named: str, needle: str
) -> None:
    out = tmp_path / "out"
    assert _build(kb, out, product).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*.pdf")}
    assert before
    source = kb.read_text()
    assert edit[0] in source
    kb.write_text(source.replace(edit[0], edit[1], 1))
    result = _build(kb, out, product)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "LayoutError" not in result.stderr
    line = _line(kb.read_text(), needle)
    found = [x for x in result.stderr.splitlines() if f": {rule}: {product}:" in x]
    assert found, result.stderr
    assert found[0].startswith(f"{kb}:{line}:"), found[0]
    assert named in found[0]
    assert {p: p.read_bytes() for p in out.rglob("*.pdf")} == before


def _resolved(product: str) -> tuple[object, Resolved[LeafletLayout]]:
    request = request_for(LEAFLET_KB, Path("/nonexistent"), only=(product,))
    kb, _ = load_kb(LEAFLET_KB)
    (job, outline), *_ = outlines(request, kb, plan(request, kb)).items()
    layout = load_model(LAYOUTS / f"{job.layout}.yaml", LeafletLayout, LAYOUTS)
    resolved = Resolved(
        layout,
        load_clinic(LAYOUTS, "default"),
        LAYOUTS,
        "https://example.org/leafdeck/fixture/en/patient/",
        load_labels(REPO / "sources", "en"),
        source=str(LEAFLET_KB),
    )
    return outline, resolved


@pytest.mark.parametrize("product", ["leaflet-a4", "option-grid-a4", "leaflet-large-print-a4", "trifold-a4"])
def test_fits_finds_nothing_for_content_that_fits(product: str) -> None:
    outline, resolved = _resolved(product)
    assert fits(outline, resolved) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("product", "pages"), [("option-grid-a4", 1), ("leaflet-a4", 4)])
def test_fits_predicts_a_product_over_its_budget(product: str, pages: int) -> None:
    outline, resolved = _resolved(product)
    tight = resolved.layout.model_copy(update={"styles": _enlarged(resolved.layout)})
    problems = fits(
        outline,
        Resolved(tight, resolved.clinic, resolved.root, resolved.online, resolved.labels, source=resolved.source),
    )  # type: ignore[arg-type]
    assert [p.rule for p in problems] == ["FIT-001"]
    assert f"{product}: the content needs" in problems[0].message
    assert f"its layout allows {pages}" in problems[0].message
    assert Path(problems[0].file).resolve() == LEAFLET_KB
    assert problems[0].line > 0


def _enlarged(layout: LeafletLayout) -> object:
    """The layout's text styles at three times the size (content that cannot fit its budget)."""
    styles = layout.styles
    return styles.model_copy(
        update={
            name: getattr(styles, name).model_copy(update={"size": getattr(styles, name).size * 3})
            for name in type(styles).model_fields
        }
    )


@pytest.mark.parametrize(
    ("empty", "gap", "flagged"),
    [
        # (page, empty pt, frame pt) per page; the layout's max_gap; the pages FIT-003 names
        (((1, 100.0, 700.0), (2, 50.0, 700.0), (3, 600.0, 700.0)), 1 / 3, []),  # only the last is wide
        (((1, 300.0, 700.0), (2, 50.0, 700.0), (3, 10.0, 700.0)), 1 / 3, [1]),  # 43% at the foot of page 1
        (((1, 233.0, 700.0), (2, 234.0, 700.0), (3, 0.0, 700.0)), 1 / 3, [2]),  # just under, just over a third
        (((1, 300.0, 700.0), (2, 300.0, 700.0), (3, 0.0, 700.0)), 0.5, []),  # a looser layout allows it
        (((1, 700.0, 700.0),), 1 / 3, []),  # a single page is the last
    ],
)
def test_fit_003_names_each_page_but_the_last_left_more_than_max_gap_empty(
    empty: tuple[tuple[int, float, float], ...], gap: float, flagged: list[int]
) -> None:
    from leafdeck.render.leaflet.fit import sparse_pages

    outline, resolved = _resolved("leaflet-a4")
    loose = Resolved(
        resolved.layout.model_copy(update={"max_gap": gap}),
        resolved.clinic,
        resolved.root,
        resolved.online,
        resolved.labels,
        source=resolved.source,
    )
    names = [s.name for s in outline.sections]  # type: ignore[attr-defined]
    placed = tuple((page, names[min(page, len(names) - 1)]) for page, _, _ in empty)
    problems = sparse_pages(outline, loose, placed, empty)  # type: ignore[arg-type]
    assert [p.rule for p in problems] == ["FIT-003"] * len(flagged)
    for problem, page in zip(problems, flagged, strict=True):
        assert f"leaflet-a4: page {page} ends with" in problem.message
        assert f"({names[min(page + 1, len(names) - 1)]}) starts page {page + 1}" in problem.message
        assert Path(problem.file).resolve() == LEAFLET_KB
        assert problem.line > 0


@pytest.mark.parametrize(
    ("product", "reported"),
    [
        ("leaflet-a4", True),  # an exact budget: four pages printed double-sided, filled
        ("leaflet-letter", True),
        ("leaflet-large-print-a4", False),  # "up to 10 pages": as many as the content needs
    ],
)
def test_fits_reports_a_wide_empty_band_from_the_laid_out_pages(product: str, reported: bool) -> None:
    """The fixture fits with the layout's third; a layout that tolerates no gap at all gets
    FIT-003 for the pages before its last, measured from the real layout, when its budget is
    exact (the short leaflet); a product with a flexible budget is not held to it."""
    outline, resolved = _resolved(product)
    strict = resolved.layout.model_copy(update={"max_gap": 0.001})
    problems = fits(
        outline,
        Resolved(strict, resolved.clinic, resolved.root, resolved.online, resolved.labels, source=resolved.source),
    )  # type: ignore[arg-type]
    assert bool(problems) is reported
    assert {p.rule for p in problems} <= {"FIT-003"}
    assert all(f"{product}: page " in p.message for p in problems)


@pytest.mark.parametrize("clinic", ["default", "riverside", "lakeside", "santa-maria", "nordfjord"])
def test_the_shipped_short_leaflet_fills_four_pages_well_for_every_example_clinic(clinic: str) -> None:
    """Issue 19 §6: the short leaflet (A4 and Letter) of each example clinic, in English, French
    and Spanish, for every audience it is made for, fits its four pages (no FIT-001) with no page
    but the last more than a third empty (no FIT-003), laid out as ``leafdeck check`` does."""
    from leafdeck.publish.predict import fixed_jobs
    from leafdeck.read.inputs import Inputs
    from tests.conftest import BUNDLED_KB

    with Inputs().active():
        kb, _ = load_kb(BUNDLED_KB)
        jobs = [
            job for job in fixed_jobs(BUNDLED_KB, LAYOUTS, kb, clinic) if job[0] in ("leaflet-a4", "leaflet-letter")
        ]
        assert {(product, plan.language) for product, _, plan, _ in jobs} == {
            (product, language) for product in ("leaflet-a4", "leaflet-letter") for language in ("en", "fr", "es")
        }
        found = {(product, plan.language, plan.audience): fits(plan, resolved) for product, _, plan, resolved in jobs}
    assert {key: problems for key, problems in found.items() if problems} == {}


def _refused(stderr: str) -> dict[str, str]:
    """Product → the located start (``file:line:``) of its FIT-002 line, from a run's messages."""
    found = {}
    for line in stderr.splitlines():
        head, rule, rest = [*line.split(": ", 2), "", ""][:3]
        if rule == "FIT-002":
            found.setdefault(rest.split(":", 1)[0], head.rsplit(":", 1)[0])
    return found


def test_check_predicts_every_fixed_size_product_the_build_refuses(kb: Path, tmp_path: Path) -> None:
    """Case row 8: one key point of about 320 words. The build refuses the A5 booklet (and the
    other products whose page or panel it outgrows); ``check`` names each of them, at the same line."""
    source = kb.read_text()
    kb.write_text(
        source.replace("text: Fair trials found that the fixture procedure did not help.", f"text: {LONG}", 1)
    )
    printed = "booklet-a5,leaflet-large-print-a4,trifold-a4,leaflet-a4,decision-aid-a4"
    built = _build(kb, tmp_path / "out", printed)
    assert built.returncode == 1, built.stderr
    refused = _refused(built.stderr)
    assert "booklet-a5" in refused, built.stderr
    checked = _cli("check", str(kb), "--layouts", str(LAYOUTS), "--build-dir", str(tmp_path / "build"))
    assert checked.returncode == 1, checked.stderr
    predicted = _refused(checked.stderr)
    assert {product: predicted.get(product) for product in refused} == refused, checked.stderr
    assert refused["booklet-a5"] == f"{kb}:{_line(kb.read_text(), 'text: The fixture procedure did not help')}"


@pytest.mark.parametrize(
    ("product", "panels", "enlarged"),
    [
        ("leaflet-a4", 1, False),
        ("leaflet-a4", 1, True),  # three times the type: pages over the budget, groups moved on
        ("booklet-a5", 1, False),  # icon arrays, charts, figures fitted to what is left of a page
        ("option-grid-a4", 1, False),
        ("leaflet-large-print-a4", 1, False),
        ("trifold-a4", 3, False),
    ],
)
def test_a_measurement_lays_out_the_same_pages_as_a_build_and_writes_nothing(
    product: str, panels: int, enlarged: bool
) -> None:
    """``fits`` builds with ``painted=False`` (nothing drawn, tagged or written): the pages, the
    section placed on each and the empty band at each page's foot are those of the real build,
    which writes a PDF of that many pages."""
    import io

    from pypdf import PdfReader

    from leafdeck.render.leaflet.writer import build, prepare

    outline, resolved = _resolved(product)
    if enlarged:
        layout = resolved.layout.model_copy(update={"styles": _enlarged(resolved.layout)})
        resolved = Resolved(
            layout, resolved.clinic, resolved.root, resolved.online, resolved.labels, source=resolved.source
        )
    theme = prepare(outline, resolved)  # type: ignore[arg-type]
    painted, measured = io.BytesIO(), io.BytesIO()
    built = build(outline, theme, resolved, painted, panels=panels)  # type: ignore[arg-type]
    laid = build(outline, theme, resolved, measured, panels=panels, painted=False)  # type: ignore[arg-type]
    assert laid == built
    assert laid.pages >= 1
    assert len(laid.placed) > laid.pages
    assert measured.getvalue() == b""
    assert len(PdfReader(painted).pages) == built.pages
