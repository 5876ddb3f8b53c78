"""Translations: hashes per item, stale and missing items named, prose replaced, numbers kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.model import KnowledgeBase
from leafdeck.read.labels import load_labels
from leafdeck.read.translations import (
    apply,
    item_hash,
    load_translation,
    needed_keys,
    progress,
    starter,
    translatable_items,
    translation_problems,
    typeset,
)
from leafdeck.read.yamlio import Located
from tests.conftest import BUNDLED_KB, REPO


def write_starter(tmp_path: Path, kb: KnowledgeBase, fill: str = "X") -> Path:
    text = starter(kb, "fr", "2026-11-22").replace('""', f'"{fill}"')
    path = tmp_path / "kb.fr.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_item_hash_is_stable_and_ignores_missing_fields() -> None:
    assert item_hash({"text": "a", "notes": None}) == item_hash({"text": "a"})
    assert item_hash({"text": "a"}) != item_hash({"text": "b"})
    assert len(item_hash({"text": "a"})) == 12


def test_arms_are_keyed_by_study(minimal_kb: KnowledgeBase) -> None:
    items = translatable_items(minimal_kb)
    assert "trial-a/sham" in items
    assert "document" in items
    assert "governance" in items


def test_a_filled_starter_is_complete(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    translation, located = load_translation(write_starter(tmp_path, minimal_kb))
    assert translation_problems(minimal_kb, translation, located) == []


def test_clinician_only_items_need_no_translation(minimal_kb: KnowledgeBase) -> None:
    assert "what-clinician" not in needed_keys(minimal_kb)
    assert "what-one" in needed_keys(minimal_kb)


def test_empty_starter_fields_each_warn_at_their_own_line(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    path = write_starter(tmp_path, minimal_kb, fill="")
    translation, located = load_translation(path)
    problems = translation_problems(minimal_kb, translation, located)
    assert problems
    assert all((p.severity, p.rule) == ("warning", "LANG-001") for p in problems)
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = [p for p in problems if p.message.startswith("items.")]
    done = progress(minimal_kb, translation)
    assert len(fields) == len(done.missing) == done.total  # one line per empty field, none left out
    for problem in fields:  # each at its own field's line, not the item's `source:` line
        name = problem.message.split(":")[0].rsplit(".", 1)[1]
        assert lines[problem.line - 1].strip() == f'{name}: ""', problem
    (summary,) = [p for p in problems if p.message.startswith("fr: ")]
    assert summary.message.startswith(f"fr: 0 of {done.total} fields translated")
    assert lines[summary.line - 1] == "language: fr"


@pytest.mark.parametrize(
    ("value", "accepted"),
    [('""', True), ('"  "', True), ("12", False), ("[a, b]", False), ('"a\u200bb"', False)],
)
def test_a_field_is_text_or_empty(tmp_path: Path, minimal_kb: KnowledgeBase, value: str, accepted: bool) -> None:
    path = write_starter(tmp_path, minimal_kb)
    text = path.read_text(encoding="utf-8").replace('text: "X"', f"text: {value}", 1)
    path.write_text(text, encoding="utf-8")
    if accepted:
        translation, _ = load_translation(path)
        assert progress(minimal_kb, translation).translated == progress(minimal_kb, translation).total - 1
    else:
        with pytest.raises(InputError) as caught:
            load_translation(path)
        assert any(p.line > 0 and "items." in p.message for p in caught.value.problems)


def test_changed_english_is_named_stale(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    translation, located = load_translation(write_starter(tmp_path, minimal_kb))
    statement = minimal_kb.key_points[0].model_copy(update={"text": "Trials found no benefit at all."})
    changed = minimal_kb.model_copy(update={"key_points": (statement,)})
    (problem,) = translation_problems(changed, translation, located)
    assert problem.severity == "warning"
    assert "items.kp-one: stale" in problem.message
    assert item_hash({"text": statement.text, "notes": None}) in problem.message


def test_a_missing_item_warns_and_an_unknown_one_is_named(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    path = write_starter(tmp_path, minimal_kb)
    path.write_text(path.read_text().replace("  kp-one:\n", "  kp-gone:\n"))
    translation, located = load_translation(path)
    problems = {p.message.split(":")[0]: p for p in translation_problems(minimal_kb, translation, located)}
    missing = problems["items.kp-one"]
    assert (missing.severity, missing.rule) == ("warning", "LANG-001")
    assert "built in English" in missing.message
    assert item_hash({"text": minimal_kb.key_points[0].text}) in missing.message
    assert "no item 'kp-gone'" in problems["items.kp-gone"].message


def test_untranslated_fields_are_built_in_english(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    path = write_starter(tmp_path, minimal_kb, fill="traduit")
    text = path.read_text(encoding="utf-8").replace('keywords: ["traduit"]', 'keywords: [""]')
    lines = text.splitlines()
    first_text = next(i for i, line in enumerate(lines) if line == '    text: "traduit"')
    lines[first_text] = '    text: ""'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    translation, _ = load_translation(path)
    french = apply(minimal_kb, translation)
    assert french.key_points[0].text == minimal_kb.key_points[0].text  # the one left empty
    assert french.document.title == "traduit"
    assert french.document.keywords == minimal_kb.document.keywords  # no keyword yet: the English ones
    assert progress(minimal_kb, translation).missing == (("kp-one", "text"),)


def test_apply_replaces_prose_and_keeps_numbers(tmp_path: Path, minimal_kb: KnowledgeBase) -> None:
    translation, _ = load_translation(write_starter(tmp_path, minimal_kb, fill="traduit"))
    french = apply(minimal_kb, translation)
    assert french.document.language == "fr"
    assert french.key_points[0].text == "traduit"
    assert french.studies[0].arms[0].label == "traduit"
    assert french.studies[0].arms[0].n == minimal_kb.studies[0].arms[0].n
    assert french.studies[0].outcomes[0].values == minimal_kb.studies[0].outcomes[0].values
    # references are never translated; each says the language it is written in (the source's)
    assert [r.model_copy(update={"language": None}) for r in french.references] == list(minimal_kb.references)
    assert {r.language for r in french.references} == {minimal_kb.document.language}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Est-ce réel ?", "Est-ce réel\u00a0?"),
        ("« non »", "«\u00a0non\u00a0»"),
        ("30 000 personnes", "30\u00a0000 personnes"),
        ("Note : oui ; non !", "Note\u00a0: oui\u00a0; non\u00a0!"),
    ],
)
def test_french_spacing(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected
    assert typeset(text, "es") == text


@pytest.mark.parametrize("language", ["fr", "es"])
def test_bundled_translations_are_complete_and_current(bundled_kb: KnowledgeBase, language: str) -> None:
    translation, located = load_translation(BUNDLED_KB.with_name(f"liberation-procedure.{language}.yaml"))
    assert isinstance(located, Located)
    assert translation_problems(bundled_kb, translation, located) == []


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_labels_have_every_key_and_the_same_placeholders(language: str) -> None:
    import string

    english = load_labels(REPO / "sources", "en")
    labels = load_labels(REPO / "sources", language)
    assert set(labels.words) == set(english.words)
    for key, text in english.words.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(labels.words[key]) if f}, key


@pytest.mark.parametrize(
    ("english", "pasted", "translated"),
    [
        ("No benefit found.", "No benefit found.", True),  # three words: may well stay as it is
        ("Trials found no benefit at all.", "Trials found no benefit at all.", False),
        ("Trials found no benefit at all.", "Trials  found no benefit at all.", False),  # spacing aside
        ("Trials found no benefit at all.", "Les essais n'ont montré aucun bénéfice.", True),
    ],
)
def test_english_pasted_word_for_word_is_not_a_translation(
    tmp_path: Path, minimal_kb: KnowledgeBase, english: str, pasted: str, translated: bool
) -> None:
    statement = minimal_kb.key_points[0].model_copy(update={"text": english})
    kb = minimal_kb.model_copy(update={"key_points": (statement,)})
    path = tmp_path / "kb.fr.yaml"
    path.write_text(starter(kb, "fr", "2026-11-22").replace('""', '"X"'), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("  kp-one:") + 3  # its source, the English comment, then its text
    lines[at] = f'    text: "{pasted}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    translation, located = load_translation(path)
    assert (("kp-one", "text") not in progress(kb, translation).missing) == translated
    messages = [p.message for p in translation_problems(kb, translation, located)]
    assert any(m.startswith("items.kp-one.text: still the English text") for m in messages) != translated
