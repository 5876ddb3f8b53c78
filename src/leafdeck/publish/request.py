"""What the user asked to build, and the one question a no-op build asks: is it all up to date?

Kept apart from ``pipeline`` and light on imports (no pydantic, reportlab or Babel), so that
``leafdeck build`` with nothing to do answers from the manifest and the files' sizes and times
alone, in about the time Python takes to start.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from leafdeck.publish.manifest import Manifest, tree_fingerprint
from leafdeck.read.paths import PROJECT_SOURCES

if TYPE_CHECKING:
    from leafdeck.model import Audience

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


@dataclass(frozen=True)
class BuildRequest:
    """What the user asked to build. ``None`` means everything available."""

    kb: Path
    layouts: Path
    out: Path
    build_dir: Path
    clinics: tuple[str, ...] = ("default",)
    languages: tuple[str, ...] | None = None
    audiences: tuple[Audience, ...] | None = None
    formats: tuple[str, ...] | None = None
    only: tuple[str, ...] | None = None
    workers: int = 1
    shard: tuple[int, int] | None = None
    force: bool = False
    allow_expired: bool = False
    """Build patient outputs after the next-review date, stamped "Out of date: do not issue"."""
    today: dt.date | None = None
    """The date the review date is judged on (None: today)."""
    presenter: str | None = None
    """The presenter file (``layouts/presenters/<name>.yaml``) whose details the talks show."""
    release: bool = False
    """A release build: talks without a presenter are refused."""


def fingerprint(request: BuildRequest) -> str:
    """Every input file's path, size and time, and the request (judged on today's date: a
    review date can pass while no file changes)."""
    folders = sorted({request.kb.parent, request.layouts, PROJECT_SOURCES} - {Path("/")})
    today = request.today or dt.date.today()
    return tree_fingerprint([f for f in folders if f.is_dir()], repr(replace(request, workers=0, today=today)))


def up_to_date(request: BuildRequest, manifest: Manifest | None = None) -> dict[str, Path] | None:
    """Each artifact (key → file) of the last complete build when nothing changed since and
    every file is still the one it wrote; None when anything must be looked at again."""
    if request.force:
        return None
    manifest = manifest or Manifest.load(request.build_dir / "manifest.json")
    keys = manifest.unchanged(fingerprint(request))
    if keys is None:
        return None
    return {key: Path(manifest.entries[key]["target"]) for key in keys}


def address_of(page: Path) -> str | None:
    """The address a built web page says it is hosted at (its canonical link), or None."""
    try:
        with page.open(encoding="utf-8") as file:
            head = file.read(65536).split("</head>", 1)[0]
    except (OSError, UnicodeDecodeError):
        return None
    found = _CANONICAL.search(head)
    return unescape(found[1]) if found else None
