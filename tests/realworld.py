"""Helpers for the real-world input tests: a throwaway project, the real CLI, reading outputs back.

The cases come from ``../shared/cases/`` (issue 14); every one runs through the command line a
volunteer types, in a temporary copy of the project.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.conftest import LAYOUTS, REPO, ROOTS

MINIMAL = ROOTS / "minimal" / "kb.yaml"
SHARED_CASES = REPO.parent / "shared" / "cases"
LOCATED = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Z]+-\d{3}): (?P<message>.*)$")

CLINIC = {
    "name": "Test clinic",
    "phone": '"01632 960 000"',
    "address": "1 Test Street",
    "web": "https://example.org/clinic",
    "primary": '"#1F4E79"',
    "accent": '"#2E75B6"',
}


def project(root: Path) -> Path:
    """The minimal knowledge base as kb.yaml, its labels and a copy of layouts/, in ``root``."""
    shutil.copytree(LAYOUTS, root / "layouts")
    shutil.copy(MINIMAL, root / "kb.yaml")
    shutil.copy(REPO / "sources" / "labels.en.yaml", root / "labels.en.yaml")
    return root


def write_clinic(root: Path, clinic: str = "test", /, **fields: str) -> Path:
    """The clinic file ``clinic``: ``CLINIC`` with ``fields`` replaced (values written as given: quote them)."""
    values = {**CLINIC, **fields}
    path = root / "layouts" / "clinics" / f"{clinic}.yaml"
    path.write_text("# A clinic made by the test.\n" + "".join(f"{k}: {v}\n" for k, v in values.items()), "utf-8")
    return path


def edit(root: Path, file: str, old: str, new: str) -> Path:
    """``file`` under ``root`` with the first ``old`` replaced by ``new`` (which must be there)."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``leafdeck ARGS`` in ``root``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=root, check=False
    )


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A build of kb.yaml with the project's layouts into output/ and build/, one process."""
    return cli(
        root,
        "build",
        "kb.yaml",
        "--layouts",
        "layouts",
        "--out",
        "output",
        "--build-dir",
        "build",
        "--jobs",
        "1",
        *args,
    )


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return cli(root, "check", "kb.yaml", "--layouts", "layouts", "--outputs", "output")


def located(stderr: str) -> list[tuple[str, int, int, str]]:
    """Every ``file:line:col: RULE: message`` line: (file, line, col, message)."""
    found = []
    for line in stderr.splitlines():
        match = LOCATED.match(line)
        if match:
            found.append((match["file"], int(match["line"]), int(match["col"]), match["message"]))
    return found


def position(path: Path, text: str) -> tuple[int, int]:
    """1-based line and column where ``text`` first occurs in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def assert_refused(result: subprocess.CompletedProcess[str], file: str, line: int, col: int, fragment: str) -> None:
    """Exit 1, no traceback, and a located message at exactly file:line:col holding ``fragment``."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, f"exit {result.returncode}\n{result.stderr}"
    hits = [m for f, li, co, m in located(result.stderr) if (f, li, co) == (file, line, col)]
    assert any(fragment in m for m in hits), f"nothing at {file}:{line}:{col} with {fragment!r}\n{result.stderr}"


def pdf_page(path: Path, page: int = 0, scale: float = 2.0) -> Image.Image:
    """A page of a PDF as pixels (pdfium)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return document[page].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def pdf_images(path: Path, page: int = 0) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top, in points) of every image drawn on a page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    try:
        return [tuple(obj.get_bounds()) for obj in document[page].get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])]
    finally:
        document.close()


def pdf_logo(path: Path, scale: float = 3.0) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """The first page's logo as rendered pixels (cropped from the page), and its bounds in points."""
    bounds = pdf_images(path)
    assert bounds, f"{path}: no image on page 1"
    left, bottom, right, top = bounds[0]
    page = pdf_page(path, 0, scale)
    height = page.height / scale
    box = (round(left * scale) + 1, round((height - top) * scale) + 1)
    box += (round(right * scale) - 1, round((height - bottom) * scale) - 1)
    return page.crop(box), bounds[0]


def pptx_logos(path: Path) -> list[tuple[Image.Image, float]]:
    """Each slide's clinic logo: its decoded image and the aspect (width/height) of its shape."""
    from pptx import Presentation

    found = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.name == "Clinic logo":
                image = Image.open(io.BytesIO(shape.image.blob))
                image.load()
                found.append((image, shape.width / shape.height))
    return found


def web_logo(path: Path) -> Image.Image:
    """The web page's logo, decoded from its data: address."""
    html = path.read_text(encoding="utf-8")
    match = re.search(r'<img src="data:image/(?:png|jpeg);base64,([^"]+)"[^>]*class="logo"', html)
    assert match, "no logo in the page"
    image = Image.open(io.BytesIO(base64.b64decode(match[1])))
    image.load()
    return image


RELEASED_WEB = "https://ms.test-clinic.org.uk/leaflets"
"""A clinic address no placeholder pattern matches (``example.org`` does: GOV-004 with ``--release``)."""


def release_ready(root: Path, clinic: str = "test") -> Path:
    """Make ``root``'s kb.yaml and the clinic file ``clinic`` pass the release rules: a named
    reviewer instead of the placeholder, and a clinic address that is not an example one."""
    kb = root / "kb.yaml"
    named = '{name: "Dr Rana Patel", role: Clinical reviewer, qualifications: Neurologist}'
    text = kb.read_text(encoding="utf-8")
    kb.write_text(
        text.replace(
            '{name: "[To be named]", role: Clinical reviewer, qualifications: Neurologist, placeholder: true}', named
        ),
        encoding="utf-8",
    )
    return write_clinic(root, clinic, web=RELEASED_WEB)
