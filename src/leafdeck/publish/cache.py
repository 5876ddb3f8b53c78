"""A cache of validated models under ``build/cache/``, keyed by the hash of their sources.

Parsing YAML in pure Python dominates a no-op rebuild; re-validating the cached JSON with
pydantic-core is many times faster. An entry is used only when every source file (and
leafdeck's version) is byte-for-byte what it was; anything unreadable is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from leafdeck.errors import InputError, Problem
from leafdeck.publish.files import write_text_atomically
from leafdeck.publish.manifest import code_fingerprint
from leafdeck.read.yamlio import MAX_BYTES, read_text

M = TypeVar("M", bound=BaseModel)


def cached(
    build_dir: Path | None,
    kind: str,
    sources: list[Path],
    model: type[M],
    compute: Callable[[], tuple[M, list[Problem]]],
) -> tuple[M, list[Problem]]:
    """``compute()``'s result, from the cache when the sources are unchanged."""
    if build_dir is None or any(path.is_file() and path.stat().st_size > MAX_BYTES for path in sources):
        return compute()  # a file too big to load is not hashed either: the loader refuses it at once
    entry = build_dir / "cache" / f"{kind}-{_key(sources)}.json"
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        return model.model_validate_json(stored["model"]), [Problem(**p) for p in stored["problems"]]
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        pass
    result, problems = compute()
    _store(entry, result, problems)
    return result, problems


def _key(sources: list[Path]) -> str:
    sha = hashlib.sha256(code_fingerprint().encode())
    for path in sources:
        sha.update(str(path).encode() + b"\0")
        text, _ = read_text(path)  # from the command's inputs bundle: the file is read once
        sha.update(b"<unreadable>" if text is None else text.encode("utf-8"))
    return sha.hexdigest()[:32]


def _store(entry: Path, result: BaseModel, problems: list[Problem]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        payload = {"model": result.model_dump_json(), "problems": [p.__dict__ for p in problems]}
        write_text_atomically(entry, json.dumps(payload))
    except (OSError, InputError):
        pass  # a cache that cannot be written is only slower
