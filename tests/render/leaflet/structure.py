"""Reading a tagged leaflet's text layer back the way the structure tree is compared with it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def squeezed(text: str) -> str:
    """Text without any whitespace, so line breaks and spacing do not matter."""
    return re.sub(r"[\s\u00a0\u00ad]+", "", text)


def page_words(path: Path) -> list[str]:
    """The text of each page as pdftotext (poppler) reads it."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")
