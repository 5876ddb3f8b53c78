"""Validate located YAML data against a pydantic model, reporting every problem with its place."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from leafdeck.errors import InputError, Problem
from leafdeck.fields import nfc
from leafdeck.model import _ID_PATTERN
from leafdeck.read.syntax import comment_hint
from leafdeck.read.yamlio import Loc, Located, load

M = TypeVar("M", bound=BaseModel)


def load_validated(path: Path, model: type[M]) -> tuple[M, Located]:
    """A YAML file validated into ``model``, with its positions; raises InputError with every
    problem. Validated once per command (``read.inputs``)."""
    from leafdeck.read.inputs import current, key_of

    return current().model(("validated", key_of(path), model), lambda: _load_validated(path, model))


def _load_validated(path: Path, model: type[M]) -> tuple[M, Located]:
    located, problems = load(path)
    result = None
    if located is not None:
        result, schema_problems = validate(located, model)
        problems += schema_problems
    if result is None or located is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return result, located


def validate(located: Located, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The validated model, or None and one problem per schema error."""
    if not isinstance(located.data, dict):
        return None, [located.problem((), f"the top level must be a mapping of keys, got {describe(located.data)}")]
    try:  # every text in Unicode normal form C, whatever the keyboard typed (fields.nfc)
        return model.model_validate(nfc(located.data)), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [_problem(located, model, err) for err in errors if not _masked(err, errors)]


def _masked(err: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """Noise next to the real problem: a list "too short" because its own items failed, or a
    key "missing" because it was misspelt (the unknown-key message already suggests it)."""
    loc = tuple(err["loc"])
    if err["type"] == "finite_number":  # yamlio already refused the .inf or .nan, at its place
        return True
    if err["type"] == "too_short":
        return any(tuple(o["loc"])[: len(loc)] == loc and len(o["loc"]) > len(loc) for o in errors)
    if err["type"] == "missing":
        typos = [
            str(o["loc"][-1]) for o in errors if o["type"] == "extra_forbidden" and tuple(o["loc"][:-1]) == loc[:-1]
        ]
        return bool(difflib.get_close_matches(str(loc[-1]), typos, n=1, cutoff=0.6))
    return False


def dotted(loc: Loc) -> str:
    """A schema path as the user reads it: ``studies[2].arms``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def named(data: Any, loc: Loc) -> str:
    """A path in ``data`` as the editor knows it: from the innermost item with an ``id``
    (``premise-finding-lesions.text`` for ``studies[2].findings[1].text``, issue 17); else
    ``dotted`` (``items.premise-finding-lesions.text`` in a translation, keyed by id already)."""
    node, found = data, (None, 0)
    for i, key in enumerate(loc):
        if i and isinstance(node, dict) and isinstance(node.get("id"), str):
            found = (node["id"], i)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    item, i = found
    return f"{item}.{dotted(loc[i:])}" if item else dotted(loc)


def describe(value: Any) -> str:
    """A short description of a YAML value for 'expected X, got Y' messages."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "float_type": "a number",
    "date_type": "a date written YYYY-MM-DD",
}


def _problem(located: Located, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    where = dotted(loc)
    if kind == "missing":
        return located.problem(loc[:-1], f"{dotted(loc[:-1])}: missing required key {loc[-1]!r}")
    if kind == "extra_forbidden":
        return located.problem(loc, f"{where}: unknown key{_suggest(model, loc)}", key=True)
    if kind in _EXPECTED and value is None and (commented := _commented(located, loc)) is not None:
        return commented
    if kind in _EXPECTED:
        hint = " (put it in quotes)" if kind == "string_type" and isinstance(value, int | float) else ""
        return located.problem(loc, f"{where}: expected {_EXPECTED[kind]}, got {describe(value)}{hint}")
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return located.problem(loc, f"{where}: expected one of {expected}, got {describe(value)}")
    if kind == "string_pattern_mismatch":
        rule = "CIT-004" if loc[:1] == ("references",) and loc[-1:] in (("doi",), ("pmid",)) else None
        return located.problem(loc, f"{where}: {_pattern_message(err)}, got {describe(value)}", rule=rule)
    if kind == "string_too_short":
        return located.problem(loc, f"{where}: must not be empty")
    if kind == "string_too_long":
        most = err.get("ctx", {}).get("max_length")
        return located.problem(loc, f"{where}: is {_length(value)} characters long; the limit is {most}")
    if kind == "too_short":
        need = err.get("ctx", {}).get("min_length")
        return located.problem(loc, f"{where}: needs at least {need} item(s), got {_length(value)}")
    if kind in _BOUNDS:
        bound = err.get("ctx", {}).get(_BOUNDS[kind][1])
        bound = f"{bound:g}" if isinstance(bound, int | float) else bound  # 18, not 18.0
        return located.problem(loc, f"{where}: {describe(value)} is too {_BOUNDS[kind][0]}: {_BOUNDS[kind][2]} {bound}")
    message = err["msg"].removeprefix("Value error, ")
    return located.problem(loc, f"{where}: {message}")


_BOUNDS = {
    # pydantic's bound errors in the editor's words (trial 17d: "Input should be less than or equal to 2100")
    "less_than_equal": ("large", "le", "it must be at most"),
    "less_than": ("large", "lt", "it must be less than"),
    "greater_than_equal": ("small", "ge", "it must be at least"),
    "greater_than": ("small", "gt", "it must be more than"),
}


def _commented(located: Located, loc: Loc) -> Problem | None:
    """The problem of an empty value that is really a value after a ``#`` (``primary: #330072``),
    or None (``syntax.comment_hint``)."""
    if loc not in located.values or not loc or not isinstance(loc[-1], str):
        return None
    line, col = located.values[loc]
    file = located.files.get(loc, located.file)
    found = comment_hint(file, line, col, loc[-1])
    return Problem(file, line, found[0], found[1]) if found else None


def _length(value: Any) -> int:
    return len(value) if isinstance(value, list | tuple | dict | str) else 0


def _pattern_message(err: ErrorDetails) -> str:
    pattern = str(err.get("ctx", {}).get("pattern", ""))
    if pattern == _ID_PATTERN:
        return "ids use lower-case letters, digits and hyphens only"
    if "10\\." in pattern:
        return "a DOI looks like 10.1212/WNL.0000000000000638 (no https://doi.org/ prefix)"
    if "https?" in pattern:
        return "a web address starts with https:// or http://"
    if "[a-z]{2}" in pattern:
        return "a language code looks like 'en' or 'en-GB'" + _meant_language(err.get("input"))
    if "\\d+\\.\\d+" in pattern:
        return 'a version looks like "1.2.0" (in quotes)'
    return f"does not match the expected form {pattern}"


def _meant_language(value: object) -> str:
    """`` (did you mean 'de'?)`` for a language typed another way (``German``, ``deu``, ``de_DE``)."""
    from leafdeck.read.language_names import meant_code

    meant = meant_code(value) if isinstance(value, str) else None
    return f" (did you mean {meant!r}?)" if meant else ""


def _suggest(model: type[BaseModel], loc: Loc) -> str:
    fields = _fields_at(model, loc[:-1])
    key = str(loc[-1])
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at a path, following nested models and lists of them."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
