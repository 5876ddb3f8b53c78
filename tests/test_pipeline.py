"""The build as a whole: incremental, per-clinic, parallel, failures isolated, languages."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from leafdeck.errors import InputError, Problem, UsageError
from leafdeck.publish import pipeline
from leafdeck.publish.pipeline import BuildRequest, build
from leafdeck.read.sources import load_kb
from leafdeck.read.translations import starter
from leafdeck.render import RENDERERS
from tests.conftest import LAYOUTS, REPO, ROOTS
from tests.render.leaflet.pdftext import page_texts, words


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of layouts/ with two clinics, and the minimal knowledge base."""
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    for clinic in (tmp_path / "layouts" / "clinics").glob("*.yaml"):
        if clinic.stem != "default":
            clinic.unlink()
    shutil.copy(LAYOUTS / "clinics" / "default.yaml", tmp_path / "layouts" / "clinics" / "other.yaml")
    shutil.copy(ROOTS / "minimal" / "kb.yaml", tmp_path / "kb.yaml")
    return tmp_path


def request(root: Path, **changes: object) -> BuildRequest:
    base = BuildRequest(
        root / "kb.yaml",
        root / "layouts",
        root / "out",
        root / "build",
        clinics=("all",),
        formats=("pdf",),
        only=("leaflet-a4",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def statuses(report: pipeline.BuildReport) -> dict[str, str]:
    return {r.key: r.status for r in report.results}


def test_no_op_rebuild_renders_nothing(project: Path) -> None:
    first = build(request(project))
    assert set(statuses(first).values()) == {"built"}
    stamps = {p: p.stat().st_mtime_ns for p in first.written}
    second = build(request(project))
    assert set(statuses(second).values()) == {"skipped"}
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_editing_one_clinic_rebuilds_only_its_artifacts(project: Path) -> None:
    build(request(project))
    clinic = project / "layouts" / "clinics" / "other.yaml"
    clinic.write_text(clinic.read_text().replace("Your MS clinic", "Another MS clinic"))
    report = build(request(project))
    rebuilt = {key.split("/")[0] for key, status in statuses(report).items() if status == "built"}
    assert rebuilt == {"other"}
    assert "default" in {key.split("/")[0] for key, status in statuses(report).items() if status == "skipped"}


def test_editing_the_knowledge_base_rebuilds_everything_it_reaches(project: Path) -> None:
    build(request(project))
    kb = project / "kb.yaml"
    kb.write_text(kb.read_text().replace("Trials found no benefit.", "Sham-controlled trials found no benefit."))
    assert set(statuses(build(request(project))).values()) == {"built"}


def test_a_deleted_output_is_rebuilt(project: Path) -> None:
    first = build(request(project))
    first.written[0].unlink()
    again = statuses(build(request(project)))
    assert [key for key, status in again.items() if status == "built"] == [str(first.results[0].key)]
    assert len(again) == len(first.results)


def test_one_failing_artifact_does_not_stop_the_others_but_nothing_is_published(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(request(project))
    before = {p: p.read_bytes() for p in (project / "out").rglob("*.pdf")}
    kb = project / "kb.yaml"
    kb.write_text(kb.read_text().replace("Trials found no benefit.", "Sham-controlled trials found no benefit."))
    real = RENDERERS["pdf"].render

    def fragile(outline, resolved, target):  # type: ignore[no-untyped-def]
        if "/default/en/patient/" in str(target):
            raise InputError([Problem("layouts", message="this one cannot be built")])
        real(outline, resolved, target)

    monkeypatch.setattr(f"{RENDERERS['pdf'].module}.render", fragile)
    report = build(request(project))
    failed = [r for r in report.results if r.status == "failed"]
    assert [r.key for r in failed] == ["default/en/patient/leaflet-a4"]
    assert failed[0].problems[0].message == "this one cannot be built"
    assert len(report.having("held")) == 3  # the others were rendered, then held back
    assert {p: p.read_bytes() for p in (project / "out").rglob("*.pdf")} == before
    assert not list((project / "out").rglob("*.tmp"))


def test_parallel_and_serial_builds_give_the_same_bytes(project: Path) -> None:
    serial = {p.relative_to(project / "out"): p.read_bytes() for p in build(request(project, workers=1)).written}
    parallel_out = project / "out2"
    report = build(request(project, workers=2, out=parallel_out, build_dir=project / "build2"))
    assert {p.relative_to(parallel_out): p.read_bytes() for p in report.written} == serial


def test_shards_together_build_the_whole_matrix(project: Path) -> None:
    keys = set()
    for k in (1, 2, 3):
        keys |= set(statuses(build(request(project, shard=(k, 3)))))
    assert len(keys) == 4


def test_a_translation_builds_in_its_language_with_the_unchecked_notice(project: Path) -> None:
    kb, _ = load_kb(project / "kb.yaml")
    (project / "kb.fr.yaml").write_text(
        starter(kb, "fr", "2026-11-22").replace('""', '"Texte traduit"'), encoding="utf-8"
    )
    shutil.copy(REPO / "sources" / "labels.fr.yaml", project / "labels.fr.yaml")
    shutil.copy(REPO / "sources" / "labels.en.yaml", project / "labels.en.yaml")
    chosen = request(
        project, languages=("fr",), clinics=("default",), audiences=("patient",), only=("decision-aid-a4",)
    )
    (leaflet,) = build(chosen).written
    assert leaflet == project / "out" / "default" / "fr" / "patient" / "decision-aid-a4.pdf"
    text = words(" ".join(page_texts(leaflet)))
    assert "Texte traduit" in text
    assert "Cette traduction n'a pas encore été vérifiée" in text
    assert "Points clés" in text


def test_missing_translation_is_a_usage_error(project: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown language 'de'.*leafdeck translate de"):
        build(request(project, languages=("de",)))


def test_a_character_the_font_lacks_is_reported_against_its_file(project: Path) -> None:
    kb = project / "kb.yaml"
    kb.write_text(kb.read_text().replace("Trials found no benefit.", "Trials found no benefit 医."))
    with pytest.raises(InputError) as raised:  # found on load, before anything is rendered
        build(request(project, clinics=("default",)))
    (problem,) = raised.value.problems
    line = next(n for n, text in enumerate(kb.read_text().splitlines(), 1) if "no benefit 医" in text)
    assert (Path(problem.file).name, problem.line) == ("kb.yaml", line)
    assert problem.message.startswith("key_points[0].text:")
    assert "U+533B" in problem.message
    assert not (project / "out").exists()


def test_a_build_in_another_thread_publishes_as_in_the_main_one(project: Path) -> None:
    """A server builds in the background: signals belong to the main thread, publishing does not."""
    import threading

    found: dict[str, object] = {}

    def run() -> None:
        try:
            found["report"] = build(request(project, workers=2))
        except BaseException as exc:  # handed to the test's thread
            found["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert "error" not in found, found.get("error")
    report = found["report"]
    assert isinstance(report, pipeline.BuildReport)
    assert set(statuses(report).values()) == {"built"}
    assert not list((project / "out").rglob("*.tmp"))
    assert not (project / "out" / ".leafdeck-staging").exists()
