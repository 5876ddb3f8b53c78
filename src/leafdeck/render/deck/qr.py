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

from PIL import Image


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
    modules = Image.frombytes("L", (count, count), bytes(0 if dark else 255 for row in code.modules for dark in row))
    canvas = Image.new("L", (side, side), 255)
    modules = modules.resize((count * module_pixels, count * module_pixels), Image.Resampling.NEAREST)
    canvas.paste(modules, (quiet_modules * module_pixels, quiet_modules * module_pixels))
    image = canvas.convert("1", dither=Image.Dither.NONE)  # only 0 and 255: black and white exactly
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def made(code: Any) -> None:
    """Make reportlab's ``QRCode`` ``code`` as its ``make`` does: the version that fits, then the
    matrix with the mask of fewest lost points (the first of equals). reportlab lays out the data
    once per mask to score it; here it is laid out once (mask 0), and each mask's test matrix is
    that one with its data modules flipped where the mask says, as bits (``_flips``); the points
    are ``lost_points``'s. Then reportlab lays out the chosen mask with its format information."""
    if code.version is None:
        code.version = code.calculate_version()
    code.makeImpl(True, 0)
    width = code.getModuleCount()
    mask = sys.modules[type(code).__module__].QRUtil.getMask  # the encoder's own masks
    flips = _flips(code.version, width, tuple(code.dataPosIterator()), mask)
    plain = [_bits(row) ^ flip for row, flip in zip(code.modules, flips[0], strict=True)]
    lost = [_lost([format(row ^ flip, f"0{width}b") for row, flip in zip(plain, mask, strict=True)]) for mask in flips]
    code.makeImpl(False, lost.index(min(lost)))


@functools.lru_cache(maxsize=8)
def _flips(version: int, width: int, positions: tuple[tuple[int, int], ...], mask: Any) -> list[list[int]]:
    """For each of the 8 masks, each row's data modules it flips, as bits (the row's first module
    the highest bit): ``positions`` are the data modules (column, row) of ``version``, ``mask``
    reportlab's ``getMask`` (mask number to a function of row and column)."""
    flips = [[0] * width for _ in range(8)]
    for number, rows in enumerate(flips):
        flipped = mask(number)
        for column, row in positions:
            if flipped(row, column):
                rows[row] |= 1 << (width - 1 - column)
    return flips


def _bits(row: Sequence[bool]) -> int:
    """A row of modules as bits, the first module the highest bit."""
    return int("".join("1" if dark else "0" for dark in row), 2)


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"
"""The finder-like pattern reportlab's rule 3 looks for (one direction only, as reportlab does)."""


def lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """reportlab's ``QRUtil.getLostPoint`` of a square matrix (True dark), the same number: rule 1,
    each run of 5 or more alike in a row or column, its length less 2; rule 2, 3 for each 2 x 2
    block alike; rule 3, 40 for each ``_FINDER`` in a row, counted left to right without overlap
    and not touching the last module (reportlab scores columns too, but compares their tuples with
    a list, which is never equal: no column ever scores); rule 4, by the share of dark modules."""
    return _lost(["".join("1" if dark else "0" for dark in row) for row in modules])


def _lost(rows: list[str]) -> int:
    """``lost_points`` of the matrix whose rows are ``rows`` ("1" dark, "0" light)."""
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    lost = sum(len(run) - 2 for line in rows + columns for run in _RUN.findall(line))
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
