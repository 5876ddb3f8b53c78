"""The QR code on a talk's Questions slide, as PNG bytes.

In: the address and the layout's module size and quiet zone (pixels, modules). Out: a
black-and-white PNG, the same bytes for the same inputs (memoised per process). The code is
reportlab's, as on the leaflets; only its choice of mask is worked out faster (``lost_points``:
reportlab's own penalty, counted on the rows as text and bits instead of lists of booleans,
about a third of the time of a deck's QR code).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import io
import itertools
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PIL import Image, ImageDraw


@functools.lru_cache(maxsize=64)
def qr_png(url: str, module_pixels: int, quiet_modules: int) -> bytes:
    """A black-and-white PNG of the QR code for ``url`` (reportlab's encoder, error correction M,
    as on the leaflets), ``module_pixels`` a module, with a white border of ``quiet_modules``."""
    encoder = _qr_encoder()
    code = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    code.addData(url)
    made(code)
    count = code.getModuleCount()
    side = (count + 2 * quiet_modules) * module_pixels
    image = Image.new("1", (side, side), 1)
    pen = ImageDraw.Draw(image)
    for row in range(count):
        for column in range(count):
            if code.isDark(row, column):
                x, y = (column + quiet_modules) * module_pixels, (row + quiet_modules) * module_pixels
                pen.rectangle((x, y, x + module_pixels - 1, y + module_pixels - 1), fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def made(code: Any) -> None:
    """Make reportlab's ``QRCode`` ``code`` as its ``make`` does: the version that fits, then the
    matrix with the mask of fewest lost points (the first of equals), by ``lost_points``."""
    if code.version is None:
        code.version = code.calculate_version()
    lowest, best = 0, 0
    for mask in range(8):
        code.makeImpl(True, mask)
        lost = lost_points(code.modules)
        if mask == 0 or lost < lowest:
            lowest, best = lost, mask
    code.makeImpl(False, best)


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"
"""The finder-like pattern reportlab's rule 3 looks for (one direction only, as reportlab does)."""


def lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """reportlab's ``QRUtil.getLostPoint`` of a square matrix (True dark), the same number: rule 1,
    each run of 5 or more alike in a row or column, its length less 2; rule 2, 3 for each 2 x 2
    block alike; rule 3, 40 for each ``_FINDER`` in a row, counted left to right without overlap
    and not touching the last module (reportlab scores columns too, but compares their tuples with
    a list, which is never equal: no column ever scores); rule 4, by the share of dark modules."""
    rows = ["".join("1" if dark else "0" for dark in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    lines = rows + columns
    lost = sum(len(run) - 2 for line in lines for run in _RUN.findall(line))
    lost += 40 * sum(row[:-1].count(_FINDER) for row in rows)
    width = len(rows)
    bits = [int(row, 2) for row in rows]
    pairs = (1 << (width - 1)) - 1
    for upper, lower in itertools.pairwise(bits):
        same = ~(upper ^ lower)
        lost += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & pairs).bit_count()
    dark = sum(row.count("1") for row in rows)
    return lost + 10 * (abs(100 * dark // (width * width) - 50) // 5)


def _qr_encoder() -> ModuleType:
    """reportlab's QR encoder (``reportlab.graphics.barcode.qrencoder``, which imports only the
    standard library), loaded from its file on its own: importing it by name first runs
    ``reportlab.graphics.barcode``'s ``__init__``, which imports every barcode widget and
    platypus (about 0.13 s of every deck build's start-up). Falls back to the import by name."""
    name = "reportlab.graphics.barcode.qrencoder"
    if name in sys.modules:
        return sys.modules[name]
    import reportlab.graphics

    path = Path(reportlab.graphics.__path__[0]) / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("leafdeck._qrencoder", path)
    if spec is None or spec.loader is None or not path.is_file():
        return importlib.import_module(name)
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[spec.name] = module
    return module
