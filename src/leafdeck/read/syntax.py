"""Plain, located messages for YAML that does not parse: an unclosed or runaway quote, a value
that runs on over lines without ``|``, a tab, a character YAML does not allow, a colour read as a
comment. ``syntax_problem`` and ``reader_problem`` return one ``Problem`` each, at the line and
column where the person should look (often not where PyYAML noticed the error)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from leafdeck.errors import Problem
from leafdeck.read.yamlio import _Loader

_HIDDEN_BREAKS = re.compile("[\u0085\u2028\u2029]")
"""Characters YAML reads as line breaks that editors show as nothing, or as a box, on one line."""


def syntax_problem(text: str, shown: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem for a YAML syntax error in ``text`` (named ``shown``), located where it starts;
    when the text holds a line break an editor does not show (U+2028, U+2029, U+0085), that
    character, at its line and column as the editor counts them (cases row 33)."""
    hidden = _HIDDEN_BREAKS.search(text)
    if hidden is not None:
        before = text[: hidden.start()]
        line, col = before.count("\n") + 1, hidden.start() - (before.rfind("\n") + 1) + 1
        name = unicodedata.name(hidden[0], "NEXT LINE")
        message = (
            f"U+{ord(hidden[0]):04X} ({name}) in the text: YAML reads it as a line break, though an editor "
            "shows one line; delete it (or type a space)"
        )
        return Problem(shown, line, col, message)
    unclosed = "quoted scalar" in (exc.context or "") and exc.context_mark is not None
    mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    runaway = None if unclosed or mark is None else _runaway_quote(text, mark.line)
    if runaway is not None:
        start = runaway.start_mark
        message = (
            f"YAML syntax error: unclosed quote? the quoted text starting here runs on to line "
            f"{runaway.end_mark.line + 1}, swallowing the lines between; add the closing quote where the text ends"
        )
        return Problem(shown, start.line + 1, start.column + 1, message)
    continued = None if unclosed or mark is None else continued_value(text, exc)
    if continued is not None:
        return Problem(shown, *continued)
    return Problem(shown, line, col, _syntax_message(exc, unclosed))


_KEY_OR_ITEM = re.compile(r"^\s*(?:- |[\w-]+:(?:\s|$))")


def _runaway_quote(text: str, error_line: int) -> yaml.ScalarToken | None:
    """A quoted text that spans lines which look like YAML keys or list items, before a syntax
    error: almost always a missing closing quote, found far away where the next quote is."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                lines = text[token.start_mark.index : token.end_mark.index].splitlines()[1:]
                if any(_KEY_OR_ITEM.match(line) for line in lines):
                    found = token
    except yaml.YAMLError:
        pass
    return found


def reader_problem(text: str, shown: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character, U+FFFE, ...), located."""
    before = text[: exc.position]
    line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    name = unicodedata.name(chr(code), "a control character")
    return Problem(shown, line, col, f"the character U+{code:04X} ({name}) is not allowed in YAML text")


_PLAIN_SYNTAX = {
    "expected <block end>": "this line is not indented like the lines around it (check the spaces at its start)",
    "mapping values are not allowed here": "a ': ' where a value was expected (put text that contains ': ' in quotes)",
    "could not find expected ':'": "a line without 'key:' inside a mapping (put text that runs over lines in quotes)",
}


def _syntax_message(exc: yaml.MarkedYAMLError, unclosed: bool = False) -> str:
    problem = (exc.problem or "syntax error").strip()
    if unclosed and exc.problem_mark is not None:
        end = exc.problem_mark.line + 1
        return f"YAML syntax error: unclosed quote; the quoted text starting here is never closed ({problem} at line {end})"
    if "found character '\\t'" in problem or "\\t" in problem:
        return "YAML syntax error: a tab character; indent with spaces only"
    for jargon, plain in _PLAIN_SYNTAX.items():
        if problem.startswith(jargon):
            return f"YAML syntax error: {plain}"
    context = f" ({exc.context.strip()})" if exc.context else ""
    return f"YAML syntax error: {problem}{context}"


_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>\S.*))?$")
"""A line that starts a key (``address: ...``): keys in leafdeck's files are single words."""


LINE_KEYS = frozenset({"address"})
"""Keys whose lines print as lines (``address: |``); other text runs on as one paragraph (``>``)."""


def continued_value(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """A YAML syntax error caused by a value that runs on over lines without ``|`` (an address
    typed as it is written on an envelope), as (line, column, message) at the key, showing the
    ``key: |`` form; None when the error is something else. The lines between the key and the
    error must all look like text, not like keys or list items."""
    mark = exc.context_mark if "simple key" in (exc.context or "") and exc.context_mark else exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    if mark.line >= len(lines) or _KEY.match(lines[mark.line]) or lines[mark.line].lstrip().startswith("-"):
        return None
    for number in range(mark.line - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith(("#", "-")):
            return None
        found = _KEY.match(line)
        if found is None:
            continue
        value = found["value"] or ""
        if not value or value.startswith(("|", ">", "#", "{", "[")):
            return None
        key = found["key"]
        first = value.strip("\"'")
        second = lines[number + 1].strip().strip("\"'")
        mark_, kept = ("|", "each line prints as a line") if key in LINE_KEYS else (">", "the lines are joined")
        message = (
            f"YAML syntax error: {key}: the text runs on to line {number + 2} without a '{mark_}'; for text on "
            f"several lines, write '{key}: {mark_}' and indent each line under it ({kept}): '{key}: {mark_}', "
            f"then '  {first}', then '  {second}', each on a line of its own"
        )
        return number + 1, len(found["indent"]) + 1, message
    return None


def comment_hint(file: str, line: int, col: int, key: str) -> tuple[int, str] | None:
    """For a value read as empty: when the file has ``key: #...`` at that place (a colour typed
    ``primary: #330072``), the column of the ``#`` and a message saying why and how to quote it;
    None otherwise (or when the file cannot be read again)."""
    try:
        text = Path(file).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    rest = text[col - 1 :]
    if not rest.strip().startswith("#"):
        return None
    at = col + len(rest) - len(rest.lstrip())
    value = rest.strip()
    colour = re.fullmatch(r"(#[0-9A-Fa-f]{3,8})(\s+#.*)?", value)  # a colour, perhaps with a comment after it
    form = f'{key}: "{colour[1]}"{colour[2] or ""}' if colour else f'{key}: "{value}"'
    what = "colour" if colour else "value"
    return at, f"{key}: '#' starts a comment in YAML, so {key} has no value here; put the {what} in quotes: {form}"
