"""Languages through the real CLI (issue 17, points 6 and 7; shared cases rows 18 and 19).

A German translation is started, checked, filled in two items at a time and built, exactly as
the README's "Adding a language" shows; a language with a readability formula is measured and
one without gets one "not measured" line; codes the schema or Babel refuse are refused by
``translate`` before a file is written, and at the ``language:`` line of a translation file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from leafdeck.read.labels import copied_labels
from tests.conftest import REPO, ROOTS
from tests.realworld import assert_refused, build, cli, located, project
from tests.render.leaflet.pdftext import page_texts, words

KB = "kb.yaml"
CHECKED = ROOTS / "checked" / "kb.yaml"
UNFINISHED = "Parts of this translation are not finished yet and are shown in English."
UNCHECKED = "This translation has not yet been checked by a clinician."


def started(root: Path, language: str = "de") -> Path:
    """A project with ``leafdeck translate LANGUAGE`` run and the English labels copied (README steps 1-2)."""
    project(root)
    shutil.copy(CHECKED, root / KB)  # passes every rule: what is left is the translation's
    result = cli(root, "translate", language, KB)
    assert result.returncode == 0, result.stderr
    assert f"copy labels.en.yaml to labels.{language}.yaml" in result.stdout
    shutil.copy(root / "labels.en.yaml", root / f"labels.{language}.yaml")
    return root / f"kb.{language}.yaml"


def fill(path: Path, text: str, count: int = -1) -> None:
    """Fill in the translator, the keywords and the first ``count`` empty fields (all when -1)."""
    body = path.read_text(encoding="utf-8")
    body = body.replace('translator: ""', 'translator: "Test Übersetzerin"').replace(
        'keywords: [""]', 'keywords: ["Test"]'
    )
    path.write_text(body.replace(': ""', f': "{text}"', count), encoding="utf-8")


def language_at(path: Path) -> tuple[int, int]:
    """Line and column of the value of a translation file's ``language:``."""
    return _key_value(path, "language: ")


def _key_value(path: Path, key: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(key):
            return number, len(key) + 1
    raise AssertionError(f"no {key!r} line in {path}")


def checked(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``leafdeck check`` of the sources (no layout of fixed-size products: not what is tested here)."""
    return cli(root, "check", KB, "--layouts", "layouts", "--outputs", "output", "--no-fit", *extra)


def test_a_started_translation_lists_every_empty_field_at_its_own_place(tmp_path: Path) -> None:
    path = started(tmp_path)
    result = checked(tmp_path, "--verbose")  # without it, the first few (tests/test_translation_progress.py)
    assert result.returncode == 0, result.stderr  # warnings only: a draft blocks nothing
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = [hit for hit in located(result.stderr) if hit[0] == path.name and hit[3].startswith("items.")]
    empty = [i for i, line in enumerate(lines, 1) if re.fullmatch(r"    [a-z_]+: \"\"", line)]
    assert sorted(line for _, line, _, _ in fields) == empty  # every empty field, once, all in one run
    for _, line, col, message in fields:  # at the field itself, not at the item's `source:` line
        name = message.split(":")[0].rsplit(".", 1)[1]
        assert lines[line - 1].index('""') + 1 == col
        assert lines[line - 1].strip().startswith(f"{name}:")
        assert "not translated yet; built in English" in message
    total = len(empty)
    assert f"de: 0 of {total} fields translated" in result.stderr
    assert (path.name, *language_at(path), f"de: 0 of {total} fields translated") in {
        (f, li, co, m.split(";")[0]) for f, li, co, m in located(result.stderr)
    }


def test_labels_not_copied_yet_says_what_to_copy_and_blocks_nothing(tmp_path: Path) -> None:
    project(tmp_path)
    shutil.copy(CHECKED, tmp_path / KB)
    cli(tmp_path, "translate", "de", KB)
    result = checked(tmp_path)
    assert result.returncode == 0, result.stderr  # a warning: the interface words stay English meanwhile
    assert "labels.de.yaml: LANG-001: file not found: the interface words are shown in English until you copy" in (
        result.stderr
    )
    built = build(tmp_path, "--lang", "all", "--only", "leaflet-a4")
    assert built.returncode == 0, built.stderr  # every language builds, German with English words


def test_two_items_translated_build_in_german_with_the_rest_in_english(tmp_path: Path) -> None:
    path = started(tmp_path)
    fill(path, "Ein kleines Merkblatt", 1)  # document.title
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace('text: ""', 'text: "Studien fanden keinen Nutzen."', 1), encoding="utf-8")
    result = checked(tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"LANG-001: de: 2 of \d+ fields translated", result.stderr)
    built = build(tmp_path, "--lang", "all", "--audience", "patient", "--only", "leaflet-a4,talk-patient")
    assert built.returncode == 0, built.stderr  # the draft does not block English either
    assert (tmp_path / "output/default/en/patient/leaflet-a4.pdf").exists()
    pages = [words(page) for page in page_texts(tmp_path / "output/default/de/patient/leaflet-a4.pdf")]
    assert "Ein kleines Merkblatt" in pages[0]
    assert "Studien fanden keinen Nutzen." in pages[0]
    assert "It widens a vein with a balloon." in " ".join(pages)  # not translated yet: English
    assert pages[0].count(UNFINISHED) == 1  # said once on the first page (the box), not twice
    assert pages[0].count(UNCHECKED) == 1
    assert all(UNFINISHED in page for page in pages[1:])  # and in the top margin of every other page
    deck = Presentation(str(tmp_path / "output/default/de/patient/talk-patient.pptx"))
    notices = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.name == "Notice"]
    assert len(notices) == len(deck.slides)
    assert all(n.startswith(UNFINISHED) for n in notices)
    english = page_texts(tmp_path / "output/default/en/patient/leaflet-a4.pdf")
    assert not any(UNFINISHED in words(page) for page in english)


def test_release_refuses_an_unfinished_translation_at_its_language_line(tmp_path: Path) -> None:
    path = started(tmp_path)
    fill(path, "Übersetzt.", 3)
    result = checked(tmp_path, "--release")
    assert_refused(result, path.name, *language_at(path), "de: not finished (")
    assert "LANG-002" in result.stderr


def test_labels_copied_from_english_are_refused_at_release(tmp_path: Path) -> None:
    """Every field translated, but labels.de.yaml is still the English copy: the outputs would
    print their interface sentences in English, so a release refuses it (trial 17d); a draft warns."""
    path = started(tmp_path)
    fill(path, "Übersetzt.")
    result = checked(tmp_path, "--release")
    assert_refused(result, path.name, *language_at(path), "de: not finished (")
    assert "interface labels of labels.de.yaml are not filled in yet" in result.stderr
    assert "LANG-002" not in checked(tmp_path).stderr


def test_a_finished_translation_passes_release_of_its_language(tmp_path: Path) -> None:
    path = started(tmp_path)
    fill(path, "Übersetzt.")
    shutil.copy(REPO / "sources" / "labels.es.yaml", tmp_path / "labels.de.yaml")  # a translated labels file
    result = checked(tmp_path, "--release")
    assert not [line for line in result.stderr.splitlines() if line.startswith(path.name) and "LANG-00" in line]
    assert "LANG-002" not in result.stderr
    assert result.returncode in (0, 1), result.stderr  # other release rules may refuse the tiny kb
    built = build(tmp_path, "--lang", "de", "--audience", "patient", "--only", "leaflet-a4")
    assert built.returncode == 0, built.stderr
    first = words(page_texts(tmp_path / "output/default/de/patient/leaflet-a4.pdf")[0])
    stand_in = yaml.safe_load((tmp_path / "labels.de.yaml").read_text(encoding="utf-8"))
    assert stand_in["translation_incomplete"] not in first  # finished: no notice
    assert stand_in["translation_unchecked"].split(".")[0] in first  # clinically_checked is still false


# --- readability in any language (case row 18) -------------------------------------------------

READABILITY = [
    # (language, measured: its figures are printed; else one READ-005 line at `language:`)
    ("de", True),
    ("nl", True),
    ("it", True),
    ("pl", False),
    ("ja", False),
]


@pytest.mark.parametrize(("language", "measured"), READABILITY)
def test_readability_in_every_language_and_never_a_crash(tmp_path: Path, language: str, measured: bool) -> None:
    path = started(tmp_path, language)
    fill(path, "Die Studien fanden keinen Nutzen für die Menschen. Fragen Sie Ihr Team.")
    result = checked(tmp_path, "--verbose")  # the readability tables
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    not_measured = [hit for hit in located(result.stderr) if "readability is not measured" in hit[3]]
    if measured:
        assert f"Readability: patient, {language}" in result.stdout
        assert not not_measured
    else:
        assert f"Readability: patient, {language}" not in result.stdout
        assert [hit[:3] for hit in not_measured] == [(path.name, *language_at(path))]
        assert "READ-005" in result.stderr


# --- language codes (case row 19) ---------------------------------------------------------------

CODES = [
    # (code typed, a fragment of the answer)
    ("DE", "did you mean 'de'?"),
    ("de_DE", "did you mean 'de-DE'?"),
    ("tlh", "two lower-case letters (ISO 639-1)"),
    ("sm", "'sm' (Samoan): Babel has no locale data for it"),
    ("en-XX", "'XX' is not an ISO 3166-1 alpha-2 region"),
    ("de-ZZ", "'ZZ' is not an ISO 3166-1 alpha-2 region"),  # Babel alone reads it as de-DE
    ("en-UK", "'UK' is not an ISO 3166-1 alpha-2 region (did you mean 'en-GB'?)"),  # Babel alone: en-GB
    ("de-US", "'de-US' (German): Babel has no locale data for it"),
    ("", "two lower-case letters (ISO 639-1)"),
]


@pytest.mark.parametrize(("code", "answer"), CODES)
def test_translate_refuses_a_code_before_writing_a_file(tmp_path: Path, code: str, answer: str) -> None:
    project(tmp_path)
    result = cli(tmp_path, "translate", code, KB)
    assert result.returncode == 2, result.stderr
    assert answer in result.stderr
    assert "'de' or 'de-AT'" in result.stderr or "choose a language Babel knows" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.glob("kb.*.yaml")) == []


LANGUAGE_LINES = [
    # (language: written in a translation, a fragment of the answer)
    ("sm", "'sm' (Samoan): Babel has no locale data"),
    ("de-ZZ", "'ZZ' is not an ISO 3166-1 alpha-2 region; write two lower-case letters"),
    ("en-UK", "'UK' is not an ISO 3166-1 alpha-2 region (did you mean 'en-GB'?)"),
]


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("code", "answer"), LANGUAGE_LINES)
def test_a_language_without_locale_data_is_refused_at_its_line(
    tmp_path: Path, command: str, code: str, answer: str
) -> None:
    path = started(tmp_path, "fr")
    fill(path, "Traduit.")
    other = path.with_name(f"kb.{code}.yaml")
    other.write_text(path.read_text(encoding="utf-8").replace("language: fr", f"language: {code}"), encoding="utf-8")
    path.unlink()
    shutil.copy(tmp_path / "labels.fr.yaml", tmp_path / f"labels.{code}.yaml")
    result = checked(tmp_path) if command == "check" else build(tmp_path, "--lang", code, "--only", "leaflet-a4")
    assert_refused(result, other.name, *language_at(other), answer)


def test_a_language_line_that_disagrees_with_the_file_name_is_refused(tmp_path: Path) -> None:
    path = started(tmp_path)
    fill(path, "Übersetzt.")
    path.write_text(path.read_text(encoding="utf-8").replace("language: de", "language: nl"), encoding="utf-8")
    assert_refused(checked(tmp_path), path.name, *language_at(path), "the file name says 'de'")


@pytest.mark.parametrize(
    ("code", "answer"),
    [
        ("DE", "did you mean 'de'?"),
        ("sm", "Babel has no locale data"),
        ("de", "`leafdeck translate de` starts a translation"),
    ],
)
def test_building_a_language_with_no_translation_says_why(tmp_path: Path, code: str, answer: str) -> None:
    project(tmp_path)
    result = build(tmp_path, "--lang", code, "--only", "leaflet-a4")
    assert result.returncode == 2, result.stderr  # a language that is not there is a command typed wrong
    assert "Traceback" not in result.stderr
    assert f"unknown language {code!r}" in result.stderr
    assert answer in result.stderr


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_knowledge_base_in_a_language_without_locale_data_is_refused_at_its_line(
    tmp_path: Path, command: str
) -> None:
    project(tmp_path)
    kb = tmp_path / KB
    kb.write_text(kb.read_text(encoding="utf-8").replace("  language: en\n", "  language: sm\n"), encoding="utf-8")
    line = kb.read_text(encoding="utf-8").splitlines().index("  language: sm") + 1
    result = checked(tmp_path) if command == "check" else build(tmp_path, "--only", "leaflet-a4")
    assert_refused(result, KB, line, len("  language: ") + 1, "document.language: 'sm' (Samoan): Babel has no")


def test_labels_copied_and_not_translated_yet_are_listed_at_their_lines(tmp_path: Path) -> None:
    started(tmp_path)
    labels = tmp_path / "labels.de.yaml"
    text = labels.read_text(encoding="utf-8")
    english = next(line for line in text.splitlines() if line.startswith("helps_you_decide: "))
    labels.write_text(
        text.replace(english, "helps_you_decide: Dieses Merkblatt hilft Ihnen bei der Entscheidung"), "utf-8"
    )
    result = checked(tmp_path)
    assert result.returncode == 0, result.stderr
    found = {m.split(":")[0]: (li, co) for f, li, co, m in located(result.stderr) if f == labels.name}
    lines = labels.read_text(encoding="utf-8").splitlines()
    assert found  # long labels still in English, each at its own line
    for key, (line, col) in found.items():
        assert lines[line - 1].startswith(f"{key}: ")
        assert col == len(key) + 3
    assert "helps_you_decide" not in found  # translated
    assert "chart_heading" in found
    assert "version" not in found  # short: "Version {version}" may well stay as it is


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_shipped_labels_are_translated(language: str) -> None:
    assert copied_labels(REPO / "sources", language) == []


# --- invisible characters in a translation (brief inputs18 point 6; case row 33's kind) ---------

INVISIBLE = [
    # (the character as YAML writes it in quotes, its name in the answer): one of each class
    ("\\u200b", "U+200B"),  # Cf, a format character
    ("\\u0007", "U+0007"),  # Cc, a control character
    ("\\u2028", "U+2028"),  # Zl, the line separator
    ("\\u2029", "U+2029"),  # Zp, the paragraph separator
]


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("character", "named"), INVISIBLE)
def test_an_invisible_character_in_a_translated_field_is_refused_at_the_field(
    tmp_path: Path, command: str, character: str, named: str
) -> None:
    path = started(tmp_path)
    fill(path, "Übersetzt.")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("    title: "))  # an item's field
    lines[number] = f'    title: "Über{character}setzt."'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = checked(tmp_path) if command == "check" else build(tmp_path, "--lang", "de", "--only", "leaflet-a4")
    assert_refused(result, path.name, number + 1, len("    title: ") + 1, named)


def test_a_bad_language_line_does_not_hide_a_bad_mark_in_the_same_translation(tmp_path: Path) -> None:
    """Every problem at once: a translation whose ``language:`` is refused does not load, yet the
    language marks in its text are still checked, each at its place (trial 18: ``tlh`` hid ``sm``)."""
    path = started(tmp_path)
    fill(path, "Studien fanden keinen [Nutzen]{lang=sm}.", 1)
    path.write_text(path.read_text(encoding="utf-8").replace("language: de", "language: tlh", 1), encoding="utf-8")
    result = checked(tmp_path)
    assert result.returncode == 1, result.stderr
    line, col = language_at(path)
    assert f"{path.name}:{line}:{col}: SRC-001: language: " in result.stderr
    mark = re.search(rf"^{path.name}:(\d+):(\d+): LANG-003: .*\[Nutzen\]\{{lang=sm\}}: 'sm'", result.stderr, re.M)
    assert mark, result.stderr
    number, text = int(mark[1]), path.read_text(encoding="utf-8").splitlines()[int(mark[1]) - 1]
    assert text.index("[Nutzen]") + 1 == int(mark[2]), (number, text)


HIDDEN = [
    # (case, header line and its replacement, text filled in, what must still be reported)
    ("a bad date hides no reference", ("date: ", "date: 29 November\n#"), "Siehe {nosuch.arm}.", "NUM-001: "),
    ("a bad date hides no mark", ("date: ", "date: 29 November\n#"), "Keinen [Nutzen]{lang=sm}.", "LANG-003: "),
    ("a bad language hides no reference", ("language: de", "language: tlh"), "Siehe {nosuch.arm}.", "NUM-001: "),
]


@pytest.mark.parametrize(("header", "text", "rule"), [h[1:] for h in HIDDEN], ids=[h[0] for h in HIDDEN])
def test_a_bad_header_line_hides_no_problem_in_the_items(
    tmp_path: Path, header: tuple[str, str], text: str, rule: str
) -> None:
    """Every problem at once: a translation refused at a line of its header does not load, yet
    its items' references and language marks are still checked at their place (trial 17c)."""
    path = started(tmp_path)
    fill(path, text, 1)
    old, new = header
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = checked(tmp_path)
    assert result.returncode == 1, result.stderr
    assert re.search(rf"^{path.name}:\d+:\d+: SRC-001: (date|language): ", result.stderr, re.M), result.stderr
    hit = re.search(rf"^{path.name}:(\d+):(\d+): {rule}", result.stderr, re.M)
    assert hit, result.stderr
    line = path.read_text(encoding="utf-8").splitlines()[int(hit[1]) - 1]
    assert text.split()[-1].rstrip(".") in line  # at the filled-in field


def test_a_finished_translation_without_its_labels_file_is_refused_at_release(tmp_path: Path) -> None:
    """Every field translated but no labels.de.yaml: the outputs would print "Key points" and
    "Phone:" in English with no notice left, so a release refuses it (trial 17c); a draft only warns."""
    path = started(tmp_path)
    fill(path, "Übersetzt.")
    (tmp_path / "labels.de.yaml").unlink()
    result = checked(tmp_path, "--release")
    assert_refused(result, path.name, *language_at(path), "de: not finished (the interface words of ")
    assert "labels.de.yaml are not filled in yet" in result.stderr
    draft = checked(tmp_path)
    assert "LANG-002" not in draft.stderr
