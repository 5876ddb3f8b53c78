"""Label files are edited by translators: a placeholder leafdeck does not fill, an attribute walk
through ``str.format`` or a lone brace is a located user error, never a crash or a leak."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.read.labels import Labels, load_labels, placeholders
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("text", "names"),
    [("Phone: {phone}", {"phone"}), ("Page {n} of {total}", {"n", "total"}), ("{{literal}}", set()), ("x", set())],
)
def test_plain_placeholders(text: str, names: set[str]) -> None:
    assert placeholders(text) == names


@pytest.mark.parametrize("text", ["{phone.__class__}", "{phone[0]}", "{0}", "{}", "{phone!r}", "{phone:{w}}", "a { b"])
def test_anything_but_a_plain_placeholder_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="placeholder"):
        placeholders(text)


@pytest.mark.parametrize(
    ("words", "fragment"),
    [
        ({"phone": "Tel: {telefono}"}, "cannot fill in 'Tel: {telefono}' ('telefono'); this label takes {phone}"),
        ({"phone": "{phone.__class__.__mro__}"}, "is not a plain placeholder"),
        ({}, "no label 'phone'"),
    ],
)
def test_filling_a_bad_label_is_a_user_error(words: dict[str, str], fragment: str) -> None:
    with pytest.raises(InputError, match=re.escape(fragment)):
        Labels("fr", words)("phone", phone="01632 960 000")


def test_a_translation_keeps_the_english_placeholders(tmp_path: Path) -> None:
    (tmp_path / "labels.en.yaml").write_text((REPO / "sources" / "labels.en.yaml").read_text(encoding="utf-8"))
    french = (REPO / "sources" / "labels.fr.yaml").read_text(encoding="utf-8")
    french = re.sub(r"(?m)^phone: .*$", 'phone: "Tél. : {telefono}"', french)
    (tmp_path / "labels.fr.yaml").write_text(french, encoding="utf-8")
    line = french.splitlines().index('phone: "Tél. : {telefono}"') + 1
    with pytest.raises(InputError) as caught:
        load_labels(tmp_path, "fr")
    assert [str(p) for p in caught.value.problems] == [
        f"{caught.value.problems[0].file}:{line}:8: SRC-001: phone: keep the English label's placeholders ({{phone}}) exactly, "
        "got 'Tél. : {telefono}'"
    ]


def test_a_label_written_twice_is_refused_at_its_second_line(tmp_path: Path) -> None:
    """A key given twice would silently keep one of the two wordings: refused, located."""
    english = (REPO / "sources" / "labels.en.yaml").read_text(encoding="utf-8")
    (tmp_path / "labels.en.yaml").write_text(english + 'phone: "Tel {phone}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_labels(tmp_path, "en")
    [problem] = caught.value.problems
    assert problem.line == len(english.splitlines()) + 1
    assert "duplicate key 'phone'" in problem.message
