"""Passages in another language (issue 22, point 2): the mark ``[words]{lang=code}`` and the
``language:`` of references and clinic files, read and refused as the real CLI does. A mark is
never taken for a number reference, a code leafdeck does not accept is refused at the mark's own
line and column (LANG-003), and text printed where no language can be said keeps only its
words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leafdeck.passages import marked, other, plain, runs
from tests.conftest import ROOTS
from tests.realworld import assert_refused, build, check, cli, position, project, write_clinic

CHECKED = ROOTS / "checked" / "kb.yaml"
SENTENCE = "Trials found no benefit."


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("La [liberation procedure]{lang=en} ici", [("La ", None), ("liberation procedure", "en"), (" ici", None)]),
        ("[Yellow Card]{lang=en-GB}", [("Yellow Card", "en-GB")]),
        ("[a]{lang=en}[b]{lang=fr}", [("a", "en"), ("b", "fr")]),
        ("no mark: [here] {lang=en}", [("no mark: [here] {lang=en}", None)]),
        ("", [("", None)]),
    ],
)
def test_text_is_cut_into_runs_with_their_language(text: str, found: list[tuple[str, str | None]]) -> None:
    assert runs(text) == found
    assert plain(text) == "".join(words for words, _ in found)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Your MS clinic", "en", "[Your MS clinic]{lang=en}"),
        ("Your MS clinic", None, "Your MS clinic"),
        ("A [bracketed] name", "en", "A [bracketed] name"),
        ("two\nlines", "en", "two\nlines"),
        ("  ", "en", "  "),
    ],
)
def test_a_whole_text_is_marked_only_where_a_mark_can_hold_it(text: str, language: str | None, expected: str) -> None:
    assert marked(text, language) == expected


def test_only_another_language_than_the_documents_is_marked() -> None:
    assert other("en", "fr") == "en"
    assert other("fr", "fr") is None
    assert other(None, "fr") is None


def _project(root: Path, replacement: str) -> Path:
    project(root)
    shutil.copy(CHECKED, root / "kb.yaml")
    path = root / "kb.yaml"
    text = path.read_text(encoding="utf-8")
    assert SENTENCE in text
    path.write_text(text.replace(SENTENCE, replacement, 1), encoding="utf-8")
    return path


def test_a_marked_passage_is_checked_and_built_without_its_mark(tmp_path: Path) -> None:
    _project(tmp_path, "Trials found no [benefit]{lang=en}.")
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "NUM-001" not in result.stderr
    result = build(tmp_path, "--audience", "patient", "--only", "leaflet-a4,talk-patient")
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "build").glob("**/crash.log"))


@pytest.mark.parametrize(
    ("mark", "fragment"),
    [
        ("[benefit]{lang=EN}", "did you mean 'en'?"),
        ("[benefit]{lang=en_GB}", "did you mean 'en-GB'?"),
        ("[benefit]{lang=xx}", "Babel has no locale data"),
        ("[benefit]{lang=}", "no language code"),
    ],
)
def test_a_mark_with_a_code_leafdeck_does_not_accept_is_refused_where_it_is(
    tmp_path: Path, mark: str, fragment: str
) -> None:
    path = _project(tmp_path, f"Trials found no {mark}.")
    line, col = position(path, mark)
    for args in (
        ("check", "kb.yaml", "--layouts", "layouts"),
        ("build", "kb.yaml", "--layouts", "layouts", "--out", "output"),
    ):
        result = cli(tmp_path, *args)
        assert_refused(result, "kb.yaml", line, col, fragment)
        assert ": LANG-003: " in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_reference_language_leafdeck_does_not_accept_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _project(tmp_path, SENTENCE)
    text = path.read_text(encoding="utf-8")
    anchor = "    verified: true\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + "    language: English\n", 1), encoding="utf-8")
    line, col = position(path, "English")
    result = cli(tmp_path, "check", "kb.yaml", "--layouts", "layouts")
    assert_refused(result, "kb.yaml", line, col, "not a language code leafdeck accepts")


def test_a_clinic_language_leafdeck_does_not_accept_is_refused_in_its_file(tmp_path: Path) -> None:
    project(tmp_path)
    shutil.copy(CHECKED, tmp_path / "kb.yaml")
    clinic = write_clinic(tmp_path, "test", language="EN")
    line, col = position(clinic, "EN")
    result = build(tmp_path, "--clinic", "test", "--only", "leaflet-a4", "--audience", "patient")
    assert_refused(result, "layouts/clinics/test.yaml", line, col, "did you mean 'en'?")


@pytest.mark.parametrize(
    ("phone", "kept"),
    [
        ("01632 960 123", True),
        ("+34 910 000 000 (ext. 4521)", True),
        ("(555) 010-0142", True),
        ("+47\u00a0555\u00a001\u00a0234", True),  # spaces made unbreakable for print
        ("Ask at reception for our phone number", False),
        ("Call 0800 and ask for the MS nurse", False),
    ],
)
def test_a_phone_number_is_in_no_language_and_words_are_in_the_clinics(phone: str, kept: bool) -> None:
    """Screen-reader trial 2026-12-07: a number read in the document's voice; the default
    clinic's English placeholder read in English in a French leaflet."""
    from leafdeck.passages import phone_marked

    assert phone_marked(phone, "en") == (phone if kept else f"[{phone}]{{lang=en}}")
