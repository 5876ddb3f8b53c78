"""Where the server keeps files between requests, and the only way it writes into ``layouts/``.

Uploads and finished downloads live under the server's own folder (``build/serve/`` by default)
named by tokens the server made (a content hash, a random id), never by anything a browser sent;
a token that does not look like one is ignored. A clinic is saved only under
``layouts/clinics/<name>.yaml`` and ``layouts/clinics/logos/<name>.<png|jpg>`` where ``name``
passed ``clinic_name_problem`` (lower-case letters, digits, hyphens), and the resolved path is
checked to be inside ``layouts/clinics/`` all the same."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from leafdeck.publish.files import write_atomically, write_text_atomically
from leafdeck.read.layout import clinic_name_problem

_UPLOAD = re.compile(r"[0-9a-f]{64}\.(png|jpg)")
_DOWNLOAD = re.compile(r"[0-9a-f]{32}")
KEEP_SECONDS = 24 * 3600
"""How long an upload or a finished download is kept (a day)."""


def _digest(owner: str) -> str:
    return hashlib.sha256(owner.encode()).hexdigest()


def sniffed_suffix(head: bytes) -> str:
    """``png`` or ``jpg`` from a file's first bytes (its content, not its name); ``png`` for
    anything else, which the image check then refuses as "not an image"."""
    return "jpg" if head.startswith(b"\xff\xd8\xff") else "png"


@dataclass(frozen=True)
class Store:
    """The server's folder (``root``) and the project's ``layouts/``."""

    root: Path
    layouts: Path

    @property
    def uploads(self) -> Path:
        """Logos uploaded through the form, by content hash."""
        return self.root / "uploads"

    @property
    def downloads(self) -> Path:
        """Finished zips, by random token."""
        return self.root / "downloads"

    @property
    def cache(self) -> Path:
        """Validated knowledge base and translations, shared by the builds (``publish.cache``)."""
        return self.root / "cache"

    @property
    def crash_log(self) -> Path:
        """Where a bug's traceback goes."""
        return self.root / "crash.log"

    def keep_upload(self, data: bytes) -> str:
        """Keep uploaded bytes; return their token (``<sha256>.<png|jpg>``)."""
        token = f"{hashlib.sha256(data).hexdigest()}.{sniffed_suffix(data[:4])}"
        self._prune(self.uploads)
        target = self.uploads / token
        if not target.is_file():
            self.uploads.mkdir(parents=True, exist_ok=True)
            write_atomically(target, lambda tmp: tmp.write_bytes(data))
        return token

    def upload(self, token: str) -> Path | None:
        """The kept upload of ``token``, or None when there is none (or the token is not one of ours)."""
        if not _UPLOAD.fullmatch(token):
            return None
        path = self.uploads / token
        return path if path.is_file() else None

    def keep_download(self, data: bytes, owner: str) -> str:
        """Keep a finished zip for the browser whose session is ``owner`` (its CSRF cookie);
        return its random token."""
        self._prune(self.downloads)
        token = secrets.token_hex(16)
        self.downloads.mkdir(parents=True, exist_ok=True)
        write_atomically(self.downloads / f"{token}.owner", lambda tmp: tmp.write_text(_digest(owner)))
        write_atomically(self.downloads / f"{token}.zip", lambda tmp: tmp.write_bytes(data))
        return token

    def download(self, token: str, owner: str) -> Path | None:
        """The kept zip of ``token`` when ``owner`` is the session it was made for, else None."""
        if not _DOWNLOAD.fullmatch(token) or not owner:
            return None
        path, mark = self.downloads / f"{token}.zip", self.downloads / f"{token}.owner"
        try:
            made_for = mark.read_text()
        except OSError:
            return None
        return path if hmac.compare_digest(made_for, _digest(owner)) and path.is_file() else None

    def clinic_file(self, name: str) -> Path:
        """``layouts/clinics/<name>.yaml``; raises ValueError for a name that could leave that folder."""
        return self._inside(f"{name}.yaml", name)

    def save(self, name: str, text: str, logo: tuple[str, bytes] | None) -> Path:
        """Write the clinic file (and its logo first), each atomically; return the clinic file."""
        if logo is not None:
            target = self._inside(f"logos/{logo[0]}", name)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, lambda tmp: tmp.write_bytes(logo[1]))
        path = self.clinic_file(name)
        write_text_atomically(path, text)
        return path

    def clinics(self) -> list[str]:
        """The names of the clinic files in ``layouts/clinics/``."""
        return sorted(p.stem for p in (self.layouts / "clinics").glob("*.yaml") if not clinic_name_problem(p.stem))

    def _inside(self, relative: str, name: str) -> Path:
        folder = (self.layouts / "clinics").resolve()
        path = (folder / relative).resolve()
        if clinic_name_problem(name) or not path.is_relative_to(folder):
            raise ValueError(f"not a clinic file name: {name!r}")
        return path

    @staticmethod
    def _prune(folder: Path) -> None:
        if not folder.is_dir():
            return
        old = time.time() - KEEP_SECONDS
        for path in folder.iterdir():
            if path.is_file() and path.stat().st_mtime < old:
                path.unlink(missing_ok=True)
