"""Fixtures for the rule tests: the passing knowledge base (tests/roots/checked/kb.yaml),
mutated in a temporary folder, and a helper that runs every check on it."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from leafdeck.checks import CheckRequest, Results, run
from leafdeck.publish.pipeline import BuildRequest, build
from tests.conftest import LAYOUTS, ROOTS

CHECKED = ROOTS / "checked" / "kb.yaml"
TODAY = dt.date(2026, 6, 1)
"""A day well inside the fixture's review period (published 2026-01-10, next review 2027-01-10)."""

PDF = Path("out/default/en/patient/leaflet-a4.pdf")
DECK = Path("out/default/en/patient/talk-patient.pptx")
PAGE = Path("out/default/en/patient/index.html")
"""The outputs of the ``built`` project, relative to it."""

Mutation = Callable[[dict[str, Any]], None]


def kb_data() -> dict[str, Any]:
    """The passing knowledge base as plain data (dates stay dates; they are written back as they were)."""
    return copy.deepcopy(_DATA)


_DATA: dict[str, Any] = yaml.safe_load(CHECKED.read_text(encoding="utf-8"))


def write_project(root: Path, mutate: Mutation | None = None, settings: dict[str, Any] | None = None) -> Path:
    """kb.yaml (mutated), an optional checks.yaml, and the repository's layouts with no clinic
    files (their placeholders are tested on their own), under ``root``."""
    data = kb_data()
    if mutate is not None:
        mutate(data)
    path = root / "kb.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if settings is not None:
        (root / "checks.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    if not (root / "layouts").exists():
        shutil.copytree(
            LAYOUTS, root / "layouts", ignore=lambda folder, _: ["clinics"] if folder == str(LAYOUTS) else []
        )
    (root / "layouts" / "clinics").mkdir(parents=True, exist_ok=True)
    return path


def check(path: Path, *, today: dt.date = TODAY, release: bool = False, outputs: Path | None = None) -> Results:
    """Every check on the knowledge base at ``path`` (layouts: the empty folder beside it)."""
    request = CheckRequest(path, path.parent / "layouts", outputs, release=release, today=today)
    return run(request)


TINY_TALK = {"notes_words": "[1, 1000]", "minutes": "[0.05, 100]"}
"""The tiny knowledge base's talk is a few slides of a few words: its layouts hold it to these
(OUT-010, OUT-011), so those rules pass on it until a case breaks them."""


def relax_talk(layouts: Path) -> None:
    """``layouts``' deck files with the talk's notes ranges of ``TINY_TALK``."""
    for path in layouts.glob("deck-*.yaml"):
        text = path.read_text(encoding="utf-8")
        for key, value in TINY_TALK.items():
            text = re.sub(rf"^(  {key}: )\[[^\]]*\]", rf"\g<1>{value}", text, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")


def rules_found(results: Results) -> set[str]:
    return {f.rule for f in results.findings}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The passing knowledge base, the repository's layouts, and its patient leaflet, deck and web page."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(LAYOUTS, root / "layouts")
    relax_talk(root / "layouts")
    write_project(root)
    request = BuildRequest(
        root / "kb.yaml",
        root / "layouts",
        root / "out",
        root / "build",
        audiences=("patient",),
        only=("leaflet-a4", "talk-patient", "web"),
    )
    report = build(request)
    assert not report.having("failed")
    return root
