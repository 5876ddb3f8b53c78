"""US spelling for English outputs of US clinics (issue 20 point 7), from the table in
``sources/spelling.en-US.yaml``: whole words only, capitals kept, references untouched, and a
malformed table a located user error."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.model import KnowledgeBase
from leafdeck.plan.spelling import respelled, spelled, words_pattern
from leafdeck.plan.variants import select
from leafdeck.read.numbers import walk_text
from leafdeck.read.spelling import load_spellings
from tests.conftest import REPO

SOURCES = REPO / "sources"


@pytest.fixture(scope="module")
def us_words() -> dict[str, str]:
    return load_spellings(SOURCES, "en", "US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 4 Canadian centres", "at 4 Canadian centers"),
        ("Centres differed.", "Centers differed."),
        ("a multicentre trial", "a multicenter trial"),
        ("CENTRE", "CENTER"),
        ("recognising a stroke", "recognizing a stroke"),
        ("Brain haemorrhage is rare.", "Brain hemorrhage is rare."),
        ("the centrefold", "the centrefold"),  # whole words only
        ("randomized", "randomized"),  # already US
        ("see https://example.org/ms-centre today", "see https://example.org/ms-centre today"),
    ],
)
def test_whole_words_are_respelled(us_words: dict[str, str], text: str, expected: str) -> None:
    table = {k.lower(): v for k, v in us_words.items()}
    assert respelled(text, words_pattern(us_words), table) == expected


def test_us_text_has_no_listed_british_word_and_references_keep_theirs(
    bundled_kb: KnowledgeBase, us_words: dict[str, str]
) -> None:
    chosen = select(bundled_kb, "clinician", "US")
    us = spelled(chosen, us_words)
    pattern = words_pattern(us_words)
    assert any(pattern.search(t) for t in texts(chosen)), "the table is used"
    assert [t for t in texts(us) if pattern.search(t)] == []
    assert us.references == chosen.references


def texts(kb: KnowledgeBase) -> list[str]:
    """Every string of ``kb``'s text (not its references, ids or citations)."""
    found: list[str] = []
    walk_text(kb, lambda text: found.append(text) or text)
    return found


@pytest.mark.parametrize(("language", "country"), [("en", "GB"), ("fr", "US"), ("en", "international")])
def test_no_table_leaves_the_text_as_it_is(bundled_kb: KnowledgeBase, language: str, country: str) -> None:
    words = load_spellings(SOURCES, language, country)
    assert words == {}
    assert spelled(bundled_kb, words) is bundled_kb


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("language: en\ncountry: GB\nwords: {centre: center}\n", "made for en-GB"),
        ("language: en\ncountry: US\nwords: {}\n", "words"),
        ("language: en\ncountry: US\nwords: {centre: [center]}\n", "words"),
    ],
)
def test_a_bad_table_is_a_located_user_error(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "spelling.en-US.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_spellings(tmp_path, "en", "US")
    assert fragment in str(raised.value)
    assert "spelling.en-US.yaml" in str(raised.value)
