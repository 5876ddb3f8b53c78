"""Previews: thumbnails of what a build wrote, and a contact sheet to review the matrix at a glance.

``leafdeck preview`` renders the first page of every PDF (pdftoppm), every slide of every deck
(LibreOffice to PDF, then pdftoppm) and, when Chromium is installed, the top of every web page at
phone width, into ``build/previews/<clinic>/<language>/<audience>/<product>/``; then writes
``build/previews/index.html``, one row per variant. Thumbnails of an unchanged file are kept.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.publish.files import write_text_atomically
from leafdeck.render.web.html import Html, join, tag

KINDS = {".pdf": "pdf", ".html": "html", ".pptx": "pptx"}
THUMBNAIL_WIDTH = 360
"""Width of a thumbnail in pixels (shown at half that on the sheet, sharp on high-density screens)."""
PHONE = (390, 844)
"""Viewport of the web page thumbnails (a common phone), in CSS pixels."""
TOOL_TIMEOUT = 600
STAMP = "source.sha256"

SHEET_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-top: 1px solid #bbb; padding-top: 1rem; }
.row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
figure { margin: 0; padding: .5rem; border: 1px solid #ccc; border-radius: .4rem; max-width: 100%; }
figure.pptx { flex-basis: 100%; }
figcaption { font-size: .9rem; margin-bottom: .4rem; }
.thumbs { display: flex; flex-wrap: wrap; gap: .4rem; }
img { display: block; width: 180px; height: auto; border: 1px solid #ddd; background: #fff; }
.missing { font-size: .9rem; color: #595959; }
a:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
"""


@dataclass
class Artifact:
    """One built file and its thumbnails."""

    path: Path
    relative: Path
    """Path below the output folder, e.g. `default/en/patient/leaflet-a4.pdf`."""
    images: list[Path] = field(default_factory=list)
    note: str | None = None
    """Why there is no thumbnail, when there is none."""

    @property
    def kind(self) -> str:
        return KINDS[self.path.suffix]

    @property
    def variant(self) -> str:
        """`clinic/language/audience`: the folder the file is in."""
        return self.relative.parent.as_posix()


def preview(out: Path, previews: Path) -> Path:
    """Thumbnails of every PDF, deck and web page under ``out``, and the contact sheet; returns its path."""
    artifacts = find(out)
    if not artifacts:
        message = "no PDF, deck or web page here; run leafdeck build first"
        raise InputError([Problem(display_path(out), message=message)])
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    stale = [a for a in artifacts if not _fresh(a, previews)]
    decks = [a for a in stale if a.kind == "pptx"]
    if decks:
        _slides(decks, previews, pdftoppm, _tool("soffice", "libreoffice-impress"))
    for artifact in stale:
        if artifact.kind == "pdf":
            _first_page(artifact, previews, pdftoppm)
        elif artifact.kind == "html":
            _web_page(artifact, previews)
    for artifact in artifacts:
        if artifact not in stale:
            artifact.images = _images(_folder(artifact, previews))
        elif artifact.images:
            _stamp(artifact, previews)
        if not artifact.images and artifact.note is None:
            artifact.note = "no thumbnail (the tool could not render it)"
    previews.mkdir(parents=True, exist_ok=True)
    sheet = previews / "index.html"
    write_text_atomically(sheet, contact_sheet(artifacts, previews, out))
    return sheet


def find(out: Path) -> list[Artifact]:
    """Every PDF, web page and deck below ``out``, by variant (hidden files and folders, such as
    temporary files and a killed build's staging folder, left out)."""
    found = [
        Artifact(path, path.relative_to(out))
        for path in out.rglob("*")
        if path.suffix in KINDS and path.is_file() and not any(p.startswith(".") for p in path.relative_to(out).parts)
    ]
    order = list(KINDS.values())  # in each variant: leaflets, then the web page, then the (wide) decks
    return sorted(found, key=lambda a: (a.relative.parent.as_posix(), order.index(a.kind), a.relative.name))


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (Debian package {package}; make system-deps installs it)"
        raise InputError([Problem(name, message=message)])
    return found


def _folder(artifact: Artifact, previews: Path) -> Path:
    return previews / artifact.relative.parent / artifact.relative.stem


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fresh(artifact: Artifact, previews: Path) -> bool:
    stamp = _folder(artifact, previews) / STAMP
    return stamp.exists() and stamp.read_text(encoding="utf-8") == _digest(artifact.path)


def _stamp(artifact: Artifact, previews: Path) -> None:
    write_text_atomically(_folder(artifact, previews) / STAMP, _digest(artifact.path))


def _images(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png")) if folder.is_dir() else []


def _clear(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.png"), folder / STAMP]:
        old.unlink(missing_ok=True)


def _run(command: list[str], artifact: Artifact) -> bool:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TOOL_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] if exc.stderr else []
        artifact.note = f"{Path(command[0]).name} failed" + (f": {detail[0]}" if detail else "")
        return False
    return True


def _first_page(artifact: Artifact, previews: Path, pdftoppm: str) -> None:
    folder = _folder(artifact, previews)
    _clear(folder)
    prefix = folder / "page-1"
    command = [pdftoppm, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(THUMBNAIL_WIDTH)]
    if _run([*command, str(artifact.path), str(prefix)], artifact):
        artifact.images = _images(folder)


def _slides(decks: list[Artifact], previews: Path, pdftoppm: str, soffice: str) -> None:
    """Every slide of every deck: one LibreOffice run converts them all to PDF, then pdftoppm."""
    with tempfile.TemporaryDirectory(prefix="leafdeck-preview-") as scratch:
        work = Path(scratch)
        for i, deck in enumerate(decks):  # decks of different variants share file names
            (work / str(i)).mkdir()
            shutil.copyfile(deck.path, work / str(i) / deck.path.name)
        profile = (work / "profile").as_uri()
        for i, deck in enumerate(decks):
            convert = [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / str(i)),
                str(work / str(i) / deck.path.name),
            ]
            pdf = work / str(i) / f"{deck.path.stem}.pdf"
            if not _run(convert, deck) or not pdf.exists():
                deck.note = deck.note or "LibreOffice could not convert it"
                continue
            folder = _folder(deck, previews)
            _clear(folder)
            if _run(
                [pdftoppm, "-png", "-scale-to", str(THUMBNAIL_WIDTH), str(pdf), str(work / str(i) / "slide")], deck
            ):
                pages = sorted(work.joinpath(str(i)).glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
                for n, page in enumerate(pages, 1):
                    shutil.move(page, folder / f"slide-{n:03d}.png")
                deck.images = _images(folder)


def _web_page(artifact: Artifact, previews: Path) -> None:
    """The top of the page at phone width, when Chromium is installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        artifact.note = "no thumbnail: Chromium is not installed (make system-deps installs it)"
        return
    folder = _folder(artifact, previews)
    _clear(folder)
    with tempfile.TemporaryDirectory(prefix="leafdeck-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={PHONE[0]},{PHONE[1]}",
            f"--screenshot={folder / 'phone.png'}",
            artifact.path.resolve().as_uri(),
        ]
        if _run(command, artifact):
            artifact.images = _images(folder)


def contact_sheet(artifacts: Iterable[Artifact], previews: Path, out: Path) -> str:
    """The sheet: one section per variant, each file with its thumbnails and a link to it."""
    by_variant: dict[str, list[Artifact]] = {}
    for artifact in artifacts:
        by_variant.setdefault(artifact.variant, []).append(artifact)
    sections = [
        join(
            [
                tag("h2", variant.replace("/", " · ")),
                tag("div", join(_figure(a, previews) for a in found), class_="row"),
            ]
        )
        for variant, found in by_variant.items()
    ]
    count = sum(len(found) for found in by_variant.values())
    summary = f"{count} files in {len(by_variant)} variants, from {display_path(out)}/"
    body = tag("body", tag("main", tag("h1", "leafdeck previews"), tag("p", summary), *sections))
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("title", "leafdeck previews"),
        tag("style", Html(SHEET_CSS)),
    )
    return f"<!DOCTYPE html>\n{tag('html', head, body, lang='en')}\n"


def _figure(artifact: Artifact, previews: Path) -> Html:
    name = artifact.path.name
    target = Path(os.path.relpath(artifact.path.resolve(), previews.resolve())).as_posix()
    what = {"pdf": "page 1", "pptx": "slide", "html": "top of the page on a phone"}[artifact.kind]
    images = [
        tag(
            "img",
            src=image.relative_to(previews).as_posix(),
            alt=f"{artifact.relative.as_posix()}, {what}{f' {n}' if artifact.kind == 'pptx' else ''}",
            loading="lazy",
        )
        for n, image in enumerate(artifact.images, 1)
    ]
    shown = tag("div", *images, class_="thumbs") if images else tag("p", artifact.note or "", class_="missing")
    caption = tag(
        "figcaption", tag("a", name, href=target), f" ({len(images)} slides)" if artifact.kind == "pptx" else None
    )
    return tag("figure", caption, shown, class_=artifact.kind)
