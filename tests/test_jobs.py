"""Planning the build matrix: which jobs exist, in what order, and how shards split them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leafdeck.publish.jobs import Job, Matrix, Product, plan_jobs, shard

PRODUCTS = (
    Product(
        name="leaflet-a4", format="pdf", layout="leaflet-a4", contents="leaflet", audiences=("patient", "advocacy")
    ),
    Product(
        name="talk-clinician",
        format="pptx",
        layout="deck-clinician",
        contents="talk-clinician",
        audiences=("clinician",),
    ),
)


@pytest.mark.parametrize(
    ("matrix", "count"),
    [
        (Matrix(("a",), ("en",)), 3),
        (Matrix(("a", "b"), ("en",)), 6),
        (Matrix(("a",), ("en", "fr")), 5),  # no clinician material in translations
        (Matrix(("a",), ("en",), audiences=("patient",)), 1),
        (Matrix(("a",), ("en",), formats=("pptx",)), 1),
        (Matrix(("a",), ("en", "fr"), only=("leaflet-a4",)), 4),
    ],
)
def test_matrix_size(matrix: Matrix, count: int) -> None:
    assert len(plan_jobs(PRODUCTS, matrix, "en")) == count


def test_clinician_material_stays_in_the_base_language() -> None:
    jobs = plan_jobs(PRODUCTS, Matrix(("a",), ("en", "fr", "es")), "en")
    assert {(j.language, j.audience) for j in jobs if j.audience == "clinician"} == {("en", "clinician")}


def test_jobs_are_sorted_and_keys_are_output_paths() -> None:
    jobs = plan_jobs(PRODUCTS, Matrix(("b", "a"), ("fr", "en")), "en")
    assert jobs == sorted(jobs)
    assert jobs[0].key == "a/en/advocacy/leaflet-a4"
    assert jobs[0].target(Path("out"), ".pdf") == Path("out/a/en/advocacy/leaflet-a4.pdf")


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_shards_cover_every_job_exactly_once(n: int) -> None:
    jobs = plan_jobs(PRODUCTS, Matrix(("a", "b", "c"), ("en", "fr")), "en")
    parts = [shard(jobs, (k, n)) for k in range(1, n + 1)]
    assert sorted(job for part in parts for job in part) == jobs
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_plan_line_carries_a_command_for_just_that_job() -> None:
    job = Job("riverside", "fr", "patient", "leaflet-a4", "pdf", "leaflet-a4")
    line = json.loads(job.as_json(Path("output"), ".pdf"))
    assert line["target"] == "output/riverside/fr/patient/leaflet-a4.pdf"
    assert "--clinic riverside --lang fr --audience patient --only leaflet-a4" in line["command"]
