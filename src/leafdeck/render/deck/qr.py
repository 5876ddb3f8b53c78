"""The QR code on a talk's Questions slide, as PNG bytes.

In: the address and the layout's module size and quiet zone (pixels, modules). Out: a
black-and-white PNG, the same bytes for the same inputs (memoised per process).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

from PIL import Image, ImageDraw


@functools.lru_cache(maxsize=64)
def qr_png(url: str, module_pixels: int, quiet_modules: int) -> bytes:
    """A black-and-white PNG of the QR code for ``url`` (reportlab's encoder, error correction M,
    as on the leaflets), ``module_pixels`` a module, with a white border of ``quiet_modules``."""
    encoder = _qr_encoder()
    code = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
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
