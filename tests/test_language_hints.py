"""Language codes typed by a hurried person (issue 17, editor's trial point 2), through the real
CLI: a region, another case, a name in English or in the language itself, or a three-letter code
gets the ISO 639-1 code it means, a language the project already has first, in ``build --lang``,
``translate`` and a translation file's ``language:`` (``check``). Exit 2 for a command typed
wrong, exit 1 for a file; nothing is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.realworld import build, cli, located, position, project

GERMAN = ["de_DE", "de-DE", "de-AT", "DE", "german", "German", "Deutsch", "deu", "ger"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with a German translation started (so 'de' exists, and no regional German)."""
    project(tmp_path)
    made = cli(tmp_path, "translate", "de", "kb.yaml")
    assert made.returncode == 0, made.stderr
    shutil.copy(tmp_path / "labels.en.yaml", tmp_path / "labels.de.yaml")
    return tmp_path


@pytest.mark.parametrize("typed", GERMAN)
def test_build_lang_suggests_the_existing_language(root: Path, typed: str) -> None:
    result = build(root, "--lang", typed, "--only", "leaflet-a4")
    assert result.returncode == 2, result.stderr
    assert f"unknown language {typed!r}" in result.stderr
    assert "(did you mean 'de'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("german", "de"),
        ("German", "de"),
        ("Deutsch", "de"),
        ("deu", "de"),
        ("ger", "de"),
        ("fre", "fr"),
        ("français", "fr"),
        ("Spanish", "es"),
        ("de_DE", "de-DE"),  # no translation exists yet: the region typed is kept
        ("pt_br", "pt-BR"),
        ("NL", "nl"),
    ],
)
def test_translate_suggests_the_iso_code_and_writes_nothing(tmp_path: Path, typed: str, meant: str) -> None:
    project(tmp_path)
    result = cli(tmp_path, "translate", typed, "kb.yaml")
    assert result.returncode == 2, result.stderr
    assert f"(did you mean {meant!r}?)" in result.stderr
    assert sorted(p.name for p in tmp_path.glob("kb.*.yaml")) == []


@pytest.mark.parametrize("typed", ["klingon", "tlh", "xx_YY"])
def test_no_hint_for_what_names_no_language(tmp_path: Path, typed: str) -> None:
    project(tmp_path)
    result = cli(tmp_path, "translate", typed, "kb.yaml")
    assert result.returncode == 2, result.stderr
    assert "did you mean" not in result.stderr
    assert "two lower-case letters (ISO 639-1)" in result.stderr


def test_a_translation_file_language_written_as_a_name_is_located_with_the_code(root: Path) -> None:
    path = root / "kb.de.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: de\n", "language: German\n"), encoding="utf-8")
    result = cli(root, "check", "kb.yaml", "--layouts", "layouts", "--no-fit")
    assert result.returncode == 1, result.stderr
    line, col = position(path, "German")
    hits = [m for f, li, co, m in located(result.stderr) if (f, li, co) == ("kb.de.yaml", line, col)]
    assert any("(did you mean 'de'?)" in m for m in hits), result.stderr
