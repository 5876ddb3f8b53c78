"""The deck's QR codes (render/deck/qr.py) are reportlab's, as on the leaflets: its faster mask
choice counts the same lost points as reportlab's ``getLostPoint`` for every mask and so makes the
same matrix as reportlab's ``make``, whatever the address's length and characters."""

from __future__ import annotations

import pytest
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel, QRUtil

from leafdeck.render.deck import qr

ADDRESSES = [
    "https://example.org/x/",
    "https://example.org/leafdeck/liberation-procedure/en/clinician/",
    "HTTPS://EXAMPLE.ORG/LEAFDECK/",  # alphanumeric mode
    "0123456789" * 3,  # numeric mode
    "https://iGp-58WAm/dX3a5IDnOdcdbWB2d=C4-DSDC6Lc1m",  # finder-like runs in its columns
    "https://www.riverside-ms.example/leaflets/liberation-procedure/es/patient/?src=deck&v=2026-12",
    "https://example.org/" + "a1-/?" * 60,  # version 10 and above: version information blocks
    "x",
]


def _code(address: str) -> QRCode:
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(address)
    return code


@pytest.mark.parametrize("address", ADDRESSES)
def test_lost_points_are_reportlabs_for_every_mask(address: str) -> None:
    code = _code(address)
    code.version = code.calculate_version()
    for mask in range(8):
        code.makeImpl(True, mask)
        assert qr.lost_points(code.modules) == QRUtil.getLostPoint(code)


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_matrix_is_reportlabs(address: str) -> None:
    ours, theirs = _code(address), _code(address)
    qr.made(ours)
    theirs.make()
    assert (ours.version, ours.modules) == (theirs.version, theirs.modules)
