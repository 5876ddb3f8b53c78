"""The located YAML reader: every malformed input becomes a located problem, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafdeck.read.yamlio import load, parse

BAD_YAML = [
    # (case, text, line, col, message fragment)
    ("tab indentation", "a:\n\tb: 1\n", 2, 1, "tab character"),
    ("unclosed quote", 'a: "open\nb: 2\n', 1, 4, "unclosed quote"),
    ("unclosed quote closed far away", 'a: "open\nb: 2\nc: "x"\n', 1, 4, "runs on to line 3"),
    ("bad indentation", "a:\n  b: 1\n c: 2\n", 3, 2, "YAML syntax error"),
    ("duplicate key", "a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)"),
    ("python tag", "a: !!python/object/apply:os.system ['echo hi']\n", 1, 4, "unsupported tag"),
    ("custom tag", "a: !secret x\n", 1, 4, "unsupported tag"),
    ("non-string key", "1: one\n", 1, 1, "keys must be plain text"),
    ("list as key", "? [a, b]\n: c\n", 1, 3, "keys must be plain text"),
    ("merge key", "base: &b {x: 1}\nother:\n  <<: *b\n", 3, 3, "merge keys"),
    (
        "alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        ),
        0,
        0,
        "are aliases expanding",
    ),
    ("deep nesting", "a: " + "[" * 80 + "]" * 80 + "\n", 1, 68, "nested more than 64"),
    ("nesting past the recursion limit", "a: " + "[" * 5000 + "]" * 5000 + "\n", 1, 68, "nested more than 64"),
    ("control character", "a: x\nb: '\x01'\n", 2, 5, "U+0001 (a control character) is not allowed"),
]


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"), [row[1:] for row in BAD_YAML], ids=[r[0] for r in BAD_YAML]
)
def test_bad_yaml_is_located(text: str, line: int, col: int, fragment: str) -> None:
    _, problems = parse(text, "kb.yaml")
    assert problems, "expected a problem"
    problem = problems[0]
    assert fragment in problem.message
    if line:
        assert problem.line == line
    if col:
        assert problem.col == col


def test_json_surrogate_pair_escapes_make_one_character_and_a_lone_half_is_refused() -> None:
    located, problems = parse('a: "\\ud83d\\ude00 smile"\nb: "\\ud83d alone"\n', "kb.yaml")
    assert located is not None
    assert located.data["a"] == "\U0001f600 smile"
    assert [(p.line, p.col, p.message) for p in problems] == [
        (2, 4, "\\ud83d is half of a character (a lone UTF-16 surrogate); write the character itself")
    ]


def test_yes_no_on_off_stay_text_and_dates_stay_text() -> None:
    located, problems = parse("a: no\nb: on\nc: true\nd: 2026-01-02\ne: 1.10\n", "kb.yaml")
    assert not problems
    assert located is not None
    assert located.data == {"a": "no", "b": "on", "c": True, "d": "2026-01-02", "e": 1.1}


def test_positions_are_remembered_for_keys_and_values() -> None:
    located, _ = parse("top:\n  items:\n    - name: x\n", "kb.yaml")
    assert located is not None
    assert located.position(("top", "items", 0, "name")) == (3, 13)
    assert located.position(("top", "items", 0, "name"), key=True) == (3, 7)
    assert located.position(("top", "items", 5, "missing")) == (3, 5) or located.position(("top", "items"))


FILE_PROBLEMS = [
    ("empty", b"", "the file is empty"),
    ("only a comment", b"# nothing\n", "the file is empty"),
    ("not utf-8", b"a: caf\xe9\n", "not valid UTF-8"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
]


@pytest.mark.parametrize(("content", "fragment"), [r[1:] for r in FILE_PROBLEMS], ids=[r[0] for r in FILE_PROBLEMS])
def test_unreadable_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "kb.yaml"
    path.write_bytes(content)
    located, problems = load(path)
    assert located is None
    assert fragment in problems[0].message


def test_not_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    _, problems = load(path)
    assert (problems[0].line, problems[0].col) == (2, 7)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    _, problems = load(path, max_bytes=100)
    assert "the limit is 100" in problems[0].message


def test_missing_file(tmp_path: Path) -> None:
    _, problems = load(tmp_path / "nope.yaml")
    assert problems[0].message == "file not found"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("19", 19),
        ("-3", -3),
        ("+7", 7),
        ("0", 0),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.0e-3", 0.001),
        ("0x1F", "0x1F"),  # YAML 1.1: 31
        ("19_0", "19_0"),  # YAML 1.1: 190
        ("010", "010"),  # YAML 1.1: 8
        ("1:30", "1:30"),  # YAML 1.1: 90
        ("1_000.5", "1_000.5"),  # YAML 1.1: 1000.5
    ],
)
def test_only_plain_decimals_are_numbers(typed: str, read: object) -> None:
    """A number is written as people write one; YAML 1.1's hex, octal, sexagesimal and
    underscored forms stay text, so the schema refuses them where a number belongs (trial 17c)."""
    located, problems = parse(f"value: {typed}\n", "x.yaml")
    assert not problems
    assert located is not None
    assert located.data["value"] == read
    assert type(located.data["value"]) is type(read)
