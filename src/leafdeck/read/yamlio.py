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

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
"""Numbers as people mean them (YAML 1.2's core schema, stricter): plain decimals only. YAML 1.1
also read ``0x1F`` as 31, ``19_0`` as 190, ``010`` as 8 and ``1:30`` as 90, silently (trial
17c); those are now text, which the schema refuses where a number belongs, at its place.
``.inf`` and ``.nan`` stay numbers, so the rule for an impossible number names them as such."""


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
        from leafdeck.read.syntax import syntax_problem

        return None, [syntax_problem(text, shown, exc)]
    except _TooDeep as exc:
        return None, [Problem(shown, exc.mark.line + 1, exc.mark.column + 1, str(exc))]
    except yaml.reader.ReaderError as exc:
        from leafdeck.read.syntax import reader_problem

        return None, [reader_problem(text, shown, exc)]
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
