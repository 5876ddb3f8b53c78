"""Incremental builds: what each artifact was built from, so unchanged ones are skipped.

``build/manifest.json`` maps each artifact's key to the hash of everything it was made from
(its selection of the knowledge base, the layout, the clinic, fonts and images, the labels,
leafdeck's version) and the size and modification time of the file written. An artifact is
rebuilt when any input changed, or when its file was changed, moved or deleted.

For each file written it also keeps the file's SHA-256 (under ``#file:<path>``), so a later
build can tell a file changed since leafdeck wrote it (a hand edit) from one it wrote itself.
Saving merges only what this run changed into the file on disk, under a lock, so parallel shards
and concurrent builds never put back each other's stale entries.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from leafdeck import __version__
from leafdeck.publish.files import write_text_atomically

if TYPE_CHECKING:  # pydantic and the layouts are imported when hashing, not by a no-op build
    from pydantic import BaseModel


@cache
def code_fingerprint() -> str:
    """leafdeck's version, and the path, size and time of each of its own files: what an output
    made by other code differs in (a ``git pull`` of leafdeck, or an edit to it, without a new
    version number, still rebuilds what it changes). Byte caches (``__pycache__``) do not count."""
    return package_fingerprint(Path(__file__).resolve().parent.parent, __version__)


def package_fingerprint(package: Path, version: str) -> str:
    """A hash of ``version`` and the relative path, size and time of every file below
    ``package`` but byte caches."""
    parts = [version]
    for path in sorted(package.rglob("*")):
        if "__pycache__" not in path.parts and path.is_file():
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def digest(*parts: str) -> str:
    """A hash of several strings (with leafdeck's code mixed in: ``code_fingerprint``)."""
    sha = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        sha.update(b"\0" + part.encode())
    return sha.hexdigest()


def model_hash(model: BaseModel) -> str:
    """A hash of a model's content."""
    return hashlib.sha256(model.model_dump_json().encode()).hexdigest()


@cache
def file_hash(path: Path) -> str:
    """A hash of a file's bytes (cached for the run)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_hash(path: Path) -> str:
    """A hash of a file's bytes as they are now (not cached: for outputs, which change)."""
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def assets_hash(model: BaseModel, root: Path) -> str:
    """A hash of every file a layout or clinic names (fonts, logos, templates)."""
    from leafdeck.read.assets import asset_fields

    return digest(*(f"{rel}={file_hash(root / rel)}" for _, rel, _ in asset_fields(model)))


@dataclass
class Manifest:
    """The record of what was built from what."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    _changed: set[str] = field(default_factory=set)
    _dropped: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty if missing or unreadable (everything is rebuilt)."""
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def fresh(self, key: str, inputs: str, target: Path) -> bool:
        """True when ``target`` exists, is the file we wrote, and was made from ``inputs``."""
        entry = self.entries.get(key)
        if not entry or entry.get("inputs") != inputs:
            return False
        try:
            stat = target.stat()
        except OSError:
            return False
        return entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns

    def record(self, key: str, inputs: str, target: Path) -> None:
        """Note that ``target`` was built from ``inputs``, and the hash of what it holds."""
        stat = target.stat()
        self._set(key, {"inputs": inputs, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "target": str(target)})
        written = {"sha256": content_hash(target), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        self._set(f"#file:{target}", written)

    def retarget(self, key: str, target: Path) -> None:
        """Note that the up-to-date artifact ``key`` is the file ``target``."""
        if key in self.entries:
            self._set(key, {**self.entries[key], "target": str(target)})

    def changed(self, target: Path) -> bool:
        """True when ``target`` is not what leafdeck last wrote there: its bytes differ from the
        hash recorded, and from the hash of the file a build was about to put there (see
        ``expect``); for an entry from before hashes were kept, its size or time differ. False
        when it is, or when leafdeck has no record of writing it (nothing to compare with)."""
        try:
            stat = target.stat()
        except OSError:
            return False
        if not S_ISREG(stat.st_mode):  # a folder in its place: publishing says it cannot replace it
            return False
        now = (stat.st_size, stat.st_mtime_ns)
        written = self.entries.get(f"#file:{target}")
        if written is None:
            legacy = [e for k, e in self.entries.items() if not k.startswith("#") and e.get("target") == str(target)]
            return bool(legacy) and (legacy[0].get("size"), legacy[0].get("mtime_ns")) != now
        if (written.get("size"), written.get("mtime_ns")) == now:
            return False
        try:
            return content_hash(target) not in {written.get("sha256"), *written.get("expected", ())}
        except OSError:  # unreadable: publishing says whether it can be replaced
            return False

    def expect(self, target: Path, staged: Path) -> None:
        """Note, before it is published, the hash of the file ``staged`` for ``target``: should the
        build be killed before ``record``, either file is still known as leafdeck's."""
        written = self.entries.get(f"#file:{target}", {})
        self._set(f"#file:{target}", {**written, "expected": [content_hash(staged)]})

    def _set(self, key: str, entry: dict[str, Any]) -> None:
        self.entries[key] = entry
        self._changed.add(key)
        self._dropped.discard(key)

    def unchanged(self, fingerprint: str) -> list[str] | None:
        """The artifact keys of the last complete build with this fingerprint, when every one of
        their files is still the one we wrote; else None."""
        keys = self.entries.get(f"#run:{fingerprint}", {}).get("keys")
        if not isinstance(keys, list):
            return None
        for key in keys:
            entry = self.entries.get(key)
            if not entry or not self.fresh(key, entry.get("inputs", ""), Path(entry.get("target", ""))):
                return None
        return keys

    def remember(self, fingerprint: str, keys: list[str]) -> None:
        """Note that a complete build with this fingerprint produced these artifacts."""
        runs = {k for k in self.entries if k.startswith("#run:")}
        self.entries = {k: v for k, v in self.entries.items() if k not in runs}
        self._dropped |= runs
        self._set(f"#run:{fingerprint}", {"keys": keys})

    def save(self) -> None:
        """Merge what this run changed into the file under a lock, so parallel shards and
        concurrent builds do not lose (or put back stale copies of) each other's entries."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / ".manifest.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            merged = Manifest.load(self.path).entries
            for key in self._dropped:
                merged.pop(key, None)
            merged.update({key: self.entries[key] for key in self._changed})
            write_text_atomically(self.path, json.dumps(merged, indent=0, sort_keys=True))


def tree_fingerprint(folders: list[Path], *extra: str) -> str:
    """Path, size and modification time of every file below ``folders`` (what make would look
    at), plus ``extra`` strings such as the request: changes when any input file changes."""
    parts = list(extra)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)
