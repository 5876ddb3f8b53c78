"""Short fields longer than the products can show (brief inputs18 point 3; case row 11's 330-character
title), through the real CLI: refused at their own line and column under FIT-004, with the limit
from ``layouts/lengths.yaml``, by ``check`` and by ``build`` before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realworld import assert_refused, build, check, cli, position, project, write_clinic

LONG = "A very long title that says the same thing again " * 7
"""350 characters: longer than any short field may be."""

ROWS = [
    # (file, the line as written, the same line made too long, the text whose place is refused, limit named)
    ("kb.yaml", "  title: A tiny test leaflet", f"  title: {LONG}", "A very long", "`title:`"),
    ("kb.yaml", "  subtitle: Made for tests", f"  subtitle: {LONG}", "A very long", "`subtitle:`"),
    ("kb.yaml", "    title: What is it?", f"    title: {LONG[:120]}?", "A very long", "`heading:`"),
    ("kb.yaml", "    name: The procedure", f"    name: {LONG[:90]}", "A very long", "`option:`"),
    ("kb.yaml", "    short_name: A\n", f"    short_name: {LONG[:90]}\n", "A very long", "`short_name:`"),
    ("kb.yaml", "title: Ask for proof,", f"title: {LONG[:120]},", "A very long", "`heading:`"),  # a framework step
    ("layouts/clinics/test.yaml", "name: Test clinic", f"name: {LONG[:140]}", "A very long", "`clinic:`"),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = project(tmp_path)
    write_clinic(root)
    return root


@pytest.mark.parametrize(
    ("file", "old", "new", "at", "limit"), ROWS, ids=[f"{i}-{row[4].strip('`:')}" for i, row in enumerate(ROWS)]
)
def test_a_short_field_longer_than_the_products_show_is_refused_at_its_line(
    root: Path, file: str, old: str, new: str, at: str, limit: str
) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    where = position(path, at)
    for result in (check(root), build(root, "--clinic", "test", "--only", "leaflet-a4,talk-patient")):
        assert_refused(result, file, *where, "the products show at most")
        assert f"({limit} in layouts/lengths.yaml)" in result.stderr
        assert "FIT-004" in result.stderr
    assert not (root / "output").exists()


def test_the_limit_is_the_layouts_own(root: Path) -> None:
    """A project that sets its own limit is held to it: the title fits the default, not 15."""
    (root / "layouts" / "lengths.yaml").write_text("title: 15\n", encoding="utf-8")
    result = check(root)
    assert_refused(result, "kb.yaml", *position(root / "kb.yaml", "A tiny test leaflet"), "at most 15 here")
    (root / "layouts" / "lengths.yaml").write_text("title: many\n", encoding="utf-8")
    result = cli(root, "build", "kb.yaml", "--layouts", "layouts", "--clinic", "test", "--only", "leaflet-a4")
    assert_refused(result, "layouts/lengths.yaml", 1, 8, "title")


def test_a_translated_title_too_long_is_refused_in_the_translation(root: Path) -> None:
    made = cli(root, "translate", "fr", "kb.yaml")
    assert made.returncode == 0, made.stderr
    path = root / "kb.fr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    title: ""', f'    title: "{LONG}"', 1), encoding="utf-8")
    (root / "labels.fr.yaml").write_text((root / "labels.en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = check(root)
    assert_refused(result, "kb.fr.yaml", *position(path, '"A very long'), "items.document.title: is 3")
