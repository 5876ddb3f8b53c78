"""One request's build, run in a worker process: a throwaway copy of ``layouts/`` holding the
form's clinic file and logo, built by the pipeline (``publish.pipeline.build``, the same renderers
``leafdeck build`` uses), then either the first page of each preview product as a PNG or the
download: one zip of the PDFs (and talks), a printing guide and the clinic file.

Everything a build writes stays in its own temporary folder, removed when it ends; the caller
sees bytes, located problems, or a one-line bug message (details in the server's crash log)."""

from __future__ import annotations

import io
import shutil
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from leafdeck.errors import InputError, Problem

PREVIEW_SCALE = 1.25
"""Pixels per PDF point of a preview image (90 ppi: a page fits a laptop screen at full width)."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time: same inputs, same bytes."""


@dataclass(frozen=True)
class PackSpec:
    """What one request builds (plain data, sent to a worker process)."""

    kb: Path
    """The knowledge base (absolute)."""
    layouts: Path
    """The project's layouts folder, copied for the build (absolute)."""
    slug: str
    """The clinic file's name, without .yaml."""
    clinic_yaml: str
    """The clinic file's text."""
    logo: tuple[str, bytes] | None
    """The logo's file name under layouts/clinics/logos/ and its bytes, or None."""
    languages: tuple[str, ...]
    products: tuple[str, ...]
    crash_log: Path
    """Where a bug's traceback goes (absolute)."""
    cache: Path | None = None
    """The server's cache of the validated knowledge base and translations, shared by every build
    (entries are keyed by the files' contents and written atomically; ``publish.cache``)."""


@dataclass
class PackResult:
    """What a build gave: located problems, or a bug's one line, or its outputs."""

    problems: list[str] = field(default_factory=list)
    bug: str | None = None
    previews: list[tuple[str, str, bytes]] = field(default_factory=list)
    """(product, language, PNG of its first page), for "Preview"."""
    archive: bytes | None = None
    """The zip, for "Download"."""


def warm() -> bool:
    """Import the build's machinery in a fresh worker, so the first request is not slowed by it."""
    import leafdeck.publish.pipeline
    import leafdeck.render.leaflet  # noqa: F401

    return True


def preview(spec: PackSpec) -> PackResult:
    """The first page of each product in ``spec`` (first language) as a PNG."""
    return _guarded(spec, _preview)


def download(spec: PackSpec) -> PackResult:
    """The zip of every product in ``spec``, the printing guide and the clinic file."""
    return _guarded(spec, _download)


def _guarded(spec: PackSpec, make: Callable[[PackSpec, Path, Path], PackResult]) -> PackResult:
    with tempfile.TemporaryDirectory(prefix="leafdeck-serve-") as tmp:
        root = Path(tmp)
        try:
            out = _build(spec, root)
            return make(spec, root, out)
        except InputError as exc:
            return PackResult(problems=[_shown(str(p), root) for p in exc.problems])
        except Exception as exc:  # a bug in leafdeck: one line for the page, the details in the log
            return PackResult(bug=_crash(spec.crash_log, exc))


def _build(spec: PackSpec, root: Path) -> Path:
    """Build ``spec`` under ``root``; return the clinic's output folder. Raises InputError."""
    from leafdeck.publish.pipeline import build
    from leafdeck.publish.request import BuildRequest

    layouts = root / "layouts"
    shutil.copytree(spec.layouts, layouts, ignore=shutil.ignore_patterns("*.yaml.tmp", ".*"))
    (layouts / "clinics" / f"{spec.slug}.yaml").write_text(spec.clinic_yaml, encoding="utf-8")
    if spec.logo:
        (layouts / "clinics" / "logos").mkdir(parents=True, exist_ok=True)
        (layouts / "clinics" / "logos" / spec.logo[0]).write_bytes(spec.logo[1])
    if spec.cache is not None:
        spec.cache.mkdir(parents=True, exist_ok=True)
        (root / "build").mkdir()
        (root / "build" / "cache").symlink_to(spec.cache, target_is_directory=True)
    audiences = ("patient", "clinician") if "talk-clinician" in spec.products else ("patient",)
    request = BuildRequest(
        spec.kb,
        layouts,
        root / "output",
        root / "build",
        clinics=(spec.slug,),
        languages=spec.languages,
        audiences=audiences,  # type: ignore[arg-type]
        only=spec.products,
        workers=1,
        force=True,
    )
    report = build(request)
    failed = report.having("failed")
    if failed:
        problems = [p for r in failed for p in r.problems]
        bugs = [r.bug for r in failed if r.bug]
        if bugs:
            raise RuntimeError(bugs[0])
        raise InputError(problems or [Problem(spec.slug, message="the build failed")])
    return root / "output" / spec.slug


def _preview(spec: PackSpec, root: Path, out: Path) -> PackResult:
    import pypdfium2 as pdfium

    language = spec.languages[0]
    found = []
    for product in spec.products:
        path = out / language / "patient" / f"{product}.pdf"
        if not path.is_file():
            continue
        document = pdfium.PdfDocument(path)
        try:
            image = document[0].render(scale=PREVIEW_SCALE).to_pil()
        finally:
            document.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        found.append((product, language, buffer.getvalue()))
    return PackResult(previews=found)


def _download(spec: PackSpec, root: Path, out: Path) -> PackResult:
    from leafdeck.serve.guide import printing_guide

    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".pptx"))
    guide = root / "printing-guide.pdf"
    printing_guide(guide, files, out, root / "layouts", spec.slug, spec.languages[0], spec.kb.parent)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "printing-guide.pdf", guide.read_bytes())
        for path in files:
            _add(archive, path.relative_to(out).as_posix(), path.read_bytes())
        _add(archive, f"layouts/clinics/{spec.slug}.yaml", spec.clinic_yaml.encode("utf-8"))
        if spec.logo:
            _add(archive, f"layouts/clinics/logos/{spec.logo[0]}", spec.logo[1])
    return PackResult(archive=buffer.getvalue())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _shown(message: str, root: Path) -> str:
    """A message as the user should read it: the throwaway folder's paths as the project's."""
    return message.replace(str(root.resolve()) + "/", "").replace(str(root) + "/", "")


def _crash(log: Path, exc: Exception) -> str:
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as file:
            file.write(traceback.format_exc() + "\n")
        where = f"details in {log}"
    except OSError:
        where = f"could not write {log}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"internal error (a bug in leafdeck, not your input): {type(exc).__name__}: {first[:200]}; {where}"
