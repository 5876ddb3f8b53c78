"""The inputs bundle: every input file of one command, read from disk once and composed once.

A command (``check``, ``build``, ``plan``) makes one ``Inputs`` and hands it to the stages it
runs (``checks.run``, ``publish.pipeline.build``, ``publish.predict.fit_started``); while it is
active, every YAML file the readers in ``read/`` ask for (knowledge base, translations, labels,
``checks.yaml``, products, layouts with the files they extend, clinics) comes from it:

* the file's text is read once (``yamlio.read_file``: size, binary and UTF-8 checks);
* its node tree is composed once (``yamlio.parse``, libyaml when installed) and each reader gets
  its own ``Located`` around the one plain-data tree (readers never change that tree);
* a validated model (``load_kb``, ``load_model``, ``load_validated``) is validated once, and a
  file's problems are reported the same way every time it is asked for.

Without an active bundle (a library call, a test of one reader) each call reads its file, as
before. Images and fonts are not YAML: their own loaders read them (``read.images.load_logo``
once per file, fonts by reportlab and fontTools).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.read import yamlio
from leafdeck.read.paths import real_path

T = TypeVar("T")
J = TypeVar("J")

_Text = tuple[str | None, list[Problem]]
_Document = tuple[yamlio.Located | None, list[Problem]]


@dataclass(frozen=True)
class Inputs:
    """One command's input files, by resolved path: their text, their composed data and the
    models validated from them. Built empty; filled as the stages ask (a no-op build asks for
    nothing). ``reads`` counts how often each file was read from disk (at most once)."""

    texts: dict[Path, _Text] = field(default_factory=dict)
    documents: dict[Path, _Document] = field(default_factory=dict)
    models: dict[Hashable, tuple[Any, InputError | None]] = field(default_factory=dict)
    reads: Counter[Path] = field(default_factory=Counter)
    kept: Path | None = None
    """A folder where verdicts on input files are kept between commands (``remembered``), e.g.
    ``build/cache/``; None keeps nothing."""
    code: str = ""
    """What the kept verdicts were worked out by (``publish.manifest.code_fingerprint()``): a
    verdict kept by other code is not used."""

    def text(self, path: Path, max_bytes: int = yamlio.MAX_BYTES) -> _Text:
        """The file's text (a UTF-8 byte-order mark removed), or the problems that stop it being
        read (missing, too large, binary, not UTF-8): ``yamlio.read_file``, once per file."""
        key = key_of(path)
        if key not in self.texts:
            self.reads[key] += 1
            self.texts[key] = yamlio.read_file(path, max_bytes)
        text, problems = self.texts[key]
        return text, list(problems)

    def document(self, path: Path, max_bytes: int = yamlio.MAX_BYTES) -> _Document:
        """The file as located plain data (``yamlio.parse``), composed once; each caller gets its
        own ``Located`` (its position tables copied) around the shared data, and its own list of
        problems."""
        key = key_of(path)
        if key not in self.documents:
            text, problems = self.text(path, max_bytes)
            self.documents[key] = (None, problems) if text is None else yamlio.parse(text, display_path(path))
        located, problems = self.documents[key]
        if located is None:
            return None, list(problems)
        copy = replace(located, values=dict(located.values), keys=dict(located.keys), files=dict(located.files))
        return copy, list(problems)

    def model(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s result for ``key`` (a validated model, with its warnings), computed once;
        an ``InputError`` it raised is raised again, with the same problems, every time. A list
        of problems returned beside the model is copied for each caller."""
        if key not in self.models:
            try:
                self.models[key] = (compute(), None)
            except InputError as exc:
                self.models[key] = (None, exc)
        value, error = self.models[key]
        if error is not None:
            raise InputError(list(error.problems))
        if isinstance(value, tuple):
            return tuple(list(part) if isinstance(part, list) else part for part in value)  # type: ignore[return-value]
        return value

    def remembered(self, kind: str, path: Path, content: bytes, compute: Callable[[], str | None]) -> str | None:
        """``compute()``'s verdict on the file ``path`` holding ``content`` (a message, or None
        for a good file), kept in ``kept`` between commands: keyed by the path, its exact bytes,
        ``kind`` and ``code``, so any change to the file or to leafdeck works it out again.
        Without ``kept``, or when the kept copy cannot be read or written, it is worked out. A
        ``compute`` that raises keeps nothing (so a refused file is refused, located, every time)."""
        return self.kept_value(kind, path, content, compute, lambda stored: stored is None or isinstance(stored, str))

    def kept_value(
        self, kind: str, path: Path, content: bytes, compute: Callable[[], J], fits: Callable[[object], bool]
    ) -> J:
        """``compute()``'s JSON value for the file ``path`` holding ``content``, kept as
        ``remembered`` keeps a verdict; a kept value is used only when ``fits(value)`` (its
        shape), else worked out again."""
        if self.kept is None:
            return compute()
        sha = hashlib.sha256(f"{kind}\0{self.code}\0{path}\0".encode())
        sha.update(content)
        entry = self.kept / f"verdict-{kind}-{sha.hexdigest()[:32]}.json"
        try:
            stored = json.loads(entry.read_text(encoding="utf-8"))
            if fits(stored):
                return cast(J, stored)
        except (OSError, ValueError):
            pass
        value = compute()
        _keep(entry, json.dumps(value))
        return value

    @contextmanager
    def active(self) -> Iterator[Inputs]:
        """Make this bundle the one the readers in ``read/`` use until the block ends (nested
        activations of the same bundle are harmless)."""
        global _ACTIVE
        before, _ACTIVE = _ACTIVE, self
        try:
            yield self
        finally:
            _ACTIVE = before


class _Unshared(Inputs):
    """No bundle: every call reads and composes its file again (a library call, a unit test)."""

    def text(self, path: Path, max_bytes: int = yamlio.MAX_BYTES) -> _Text:
        return yamlio.read_file(path, max_bytes)

    def document(self, path: Path, max_bytes: int = yamlio.MAX_BYTES) -> _Document:
        text, problems = self.text(path, max_bytes)
        return (None, problems) if text is None else yamlio.parse(text, display_path(path))

    def model(self, key: Hashable, compute: Callable[[], T]) -> T:
        return compute()

    def kept_value(
        self, kind: str, path: Path, content: bytes, compute: Callable[[], J], fits: Callable[[object], bool]
    ) -> J:
        return compute()


_ACTIVE: Inputs | None = None
"""The bundle of the running command (a module global, so forked workers see it too)."""
_NONE = _Unshared()


def current() -> Inputs:
    """The active bundle, or one that shares nothing when no command made one."""
    return _ACTIVE if _ACTIVE is not None else _NONE


def _keep(entry: Path, text: str) -> None:
    """Write ``text`` to ``entry`` whole (a temporary file renamed), or nothing: a verdict that
    cannot be kept is only worked out again next time."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, entry)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError:
        pass


def key_of(path: Path) -> Path:
    """The key a file is kept under in the bundle: its real path, or its absolute path when its
    symbolic links loop (the loader then reports the loop, located)."""
    return real_path(path) or path.absolute()
