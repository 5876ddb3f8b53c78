"""Safe, located YAML reading.

PyYAML is used only to compose the node tree (which keeps line and column marks); this
module builds plain Python data from it itself, so that:

* only plain YAML types exist (no Python tags, no custom tags);
* duplicate mapping keys are reported, not silently overwritten;
* ``yes``/``no``/``on``/``off`` stay text, and dates stay text until the schema parses them;
* alias expansion, nesting depth and file size are capped;
* every value's position is remembered, so schema errors can point at the line;
* no number is infinite or not-a-number (``.inf``, ``-.inf``, ``.nan``, ``1e999``): no input
  of leafdeck means one, and every renderer would fail on it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from leafdeck.errors import LOAD_ERROR, LOAD_WARNING, Problem, Severity, display_path

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


class _Loader(yaml.SafeLoader):
    """SafeLoader whose booleans are only true/false (YAML 1.2), not yes/no/on/off, and whose
    composer stops at ``MAX_DEPTH`` (before Python's recursion limit, and with a position)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _TooDeep(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")
        self.mark = mark


_SURROGATE = re.compile("[\ud800-\udfff]")

_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _c_loader() -> type[yaml.SafeLoader] | None:
    """libyaml's composer with ``_Loader``'s resolvers (YAML 1.2 booleans), or None without libyaml."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    loader: type[yaml.SafeLoader] = type("_CLoader", (base,), {})
    loader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    return loader


_CLoader = _c_loader()


def compose(text: str) -> Node | None:
    """The node tree of ``text``, with line and column marks.

    Composed by libyaml (``yaml.CSafeLoader``) when it is installed. libyaml's composer recurses
    in C without a limit, so the nesting depth is first measured from its event stream; a text
    nested deeper than ``MAX_DEPTH``, or one libyaml refuses, is composed again by PyYAML's
    pure-Python composer, whose error (and ``_TooDeep``) carries the exact position and wording
    the messages are written for. Raises ``yaml.YAMLError`` or ``_TooDeep``."""
    if _CLoader is not None:
        try:
            if _depth(text) <= MAX_DEPTH:
                return yaml.compose(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_Loader)


_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _depth(text: str) -> int:
    """How deeply ``text``'s collections nest, from libyaml's events (no tree is built)."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=_CLoader):
        if isinstance(event, _OPEN):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, _CLOSE):
            depth -= 1
    return deepest


@dataclass
class Located:
    """YAML data plus where each value and key came from (1-based line and column)."""

    file: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    files: dict[Loc, str] = field(default_factory=dict)
    """Paths whose position is in another file (merged in from a parent by ``extends:``)."""

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Best position for a path: the key or value itself, else its nearest ancestor."""
        return self._found(loc, key)[1]

    def _found(self, loc: Loc, key: bool) -> tuple[Loc, tuple[int, int]]:
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in table:
                return prefix, table[prefix]
            if prefix in self.values:
                return prefix, self.values[prefix]
        return (), (1, 1)

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, warning: bool = False, rule: str | None = None
    ) -> Problem:
        """A problem located at a path, in the file that path was written in, under ``rule``
        (default: SRC-001 for an error, SRC-002 for a warning)."""
        found, (line, col) = self._found(loc, key)
        severity: Severity = "warning" if warning else "error"
        rule = rule or (LOAD_WARNING if warning else LOAD_ERROR)
        return Problem(self.files.get(found, self.file), line, col, message, severity, rule)


class _Builder:
    """Turns a composed node tree into plain data, collecting problems instead of raising."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, f"more than {MAX_NODES:,} values (are aliases expanding?)")
        if depth > MAX_DEPTH:
            raise _TooBig(node, f"nested more than {MAX_DEPTH} levels deep")
        self.located.values[loc] = _mark(node)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self._fail(node, f"unsupported tag {tag!r}; only plain YAML values are allowed")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, "merge keys (<<) are not supported; write the keys out")
                continue
            if not (isinstance(key_node, ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                self._fail(key_node, f"keys must be plain text, got {_describe(key_node)}")
                continue
            key = self._text(key_node)
            line = _mark(key_node)[0]
            if key in first_seen:
                self._fail(key_node, f"duplicate key {key!r} (first at line {first_seen[key]})")
                continue
            first_seen[key] = line
            self.located.keys[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: ScalarNode, loc: Loc = ()) -> Any:
        tag, text = node.tag, node.value
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return self._text(node)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return _int(text)
        number = _float(text)
        if isinstance(number, float) and not math.isfinite(number):
            what = "not a number" if math.isnan(number) else "infinite"
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
            self._fail(node, f"{where or 'value'}: {text} is {what}; every number must be finite (write the number)")
        return number

    def _text(self, node: ScalarNode) -> str:
        """The scalar's text. JSON writes a character beyond U+FFFF as two escapes, "\\ud83d\\ude00",
        which YAML reads as two halves of a character: join them, and refuse a half left alone."""
        text: str = node.value
        if not _SURROGATE.search(text):
            return text
        try:
            return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            half = ord(_SURROGATE.search(text)[0])  # type: ignore[index]
            self._fail(
                node, f"\\u{half:04x} is half of a character (a lone UTF-16 surrogate); write the character itself"
            )
            return text.encode("utf-8", "replace").decode("utf-8")

    def _fail(self, node: Node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.located.file, line, col, message))


class _TooBig(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def _int(text: str) -> int | str:
    """YAML 1.1 integer forms; anything odd (``1:30``) stays text for the schema to judge."""
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    bases = {"0x": 16, "0o": 8, "0b": 2}
    try:
        base = bases.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    except ValueError:
        return text


def _float(text: str) -> float | str:
    cleaned = text.replace("_", "").lower()
    special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
    try:
        return float(special.get(cleaned, cleaned))
    except ValueError:
        return text


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"{node.tag.rsplit(':', 1)[-1]} {node.value!r}"


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop us reading it (missing, too big, not UTF-8);
    from the command's inputs bundle (``read.inputs``), which reads each file once."""
    from leafdeck.read.inputs import current

    return current().text(path, max_bytes)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """The file's text read from disk now, or the problems that stop us reading it (missing, too
    big, not UTF-8). Only ``read.inputs`` calls this; everything else asks ``read_text``."""
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, message=_missing(path))]
    size = path.stat().st_size  # checked before reading: a huge file is refused at once
    if size > max_bytes:
        return None, [Problem(shown, message=f"file is too large: {size:,} bytes; the limit is {max_bytes:,}")]
    with path.open("rb") as file:
        raw = file.read(max_bytes + 1)  # never more, even if the file grew since stat()
    if len(raw) > max_bytes:
        return None, [Problem(shown, message=f"file is too large: more than {max_bytes:,} bytes")]
    if b"\x00" in raw:
        return None, [Problem(shown, message="this is a binary file, not YAML text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, [Problem(shown, line, col, f"byte 0x{bad} is not valid UTF-8; save the file as UTF-8")]
    return text.removeprefix("\ufeff"), []


def _missing(path: Path) -> str:
    """Why a path that is not a file cannot be read: absent, a folder, or links that loop."""
    from leafdeck.read.paths import loop_message, real_path

    if path.is_symlink() and real_path(path) is None:
        return loop_message(path)
    return "file not found" if not path.exists() else "not a file"


def load(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Located | None, list[Problem]]:
    """Read a YAML file into located plain data, with every problem found; from the command's
    inputs bundle (``read.inputs``), which composes each file once."""
    from leafdeck.read.inputs import current

    return current().document(path, max_bytes)


def parse(text: str, shown: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text (named ``shown`` in messages) into located plain data."""
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
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
            return None, [Problem(shown, start.line + 1, start.column + 1, message)]
        continued = None if unclosed or mark is None else continued_value(text, exc)
        if continued is not None:
            return None, [Problem(shown, *continued)]
        return None, [Problem(shown, line, col, _syntax_message(exc, unclosed))]
    except _TooDeep as exc:
        return None, [Problem(shown, exc.mark.line + 1, exc.mark.column + 1, str(exc))]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(text, shown, exc)]
    except RecursionError:
        return None, [Problem(shown, message=f"nested too deeply (the limit is {MAX_DEPTH} levels)")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, message=f"YAML error: {exc}")]
    if root is None:
        return None, [Problem(shown, message="the file is empty")]
    located = Located(shown, None)
    builder = _Builder(located)
    try:
        located.data = builder.build(root, (), 0)
    except _TooBig as exc:
        line, col = _mark(exc.node)
        return None, [Problem(shown, line, col, str(exc))]
    return located, builder.problems


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


def _reader_problem(text: str, shown: str, exc: yaml.reader.ReaderError) -> Problem:
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
