"""Make a saved .pptx reproducible: same inputs, same bytes.

python-pptx stamps zip members with the current time, and the workbook behind every chart
carries its creation time. This rewrites the zip with a fixed member time and a stable member
order, pins ``dcterms:created`` and ``dcterms:modified`` in every ``core.xml`` to ``when``, and
does the same inside embedded workbooks (which are zips themselves).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip member can carry; used for every member."""

COMPRESSED = (".png", ".jpg", ".jpeg", ".xlsx")
"""Members already compressed (pictures, embedded workbooks, which are zips): stored as they are,
since deflating them again gains a few per cent of their size for about 50 ms of a build of 15
decks (OPC packages may store or deflate any member). Everything else is deflated."""
_FIRST = "[Content_Types].xml"
_DCTERMS = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def normalise(data: bytes, when: dt.datetime) -> bytes:
    """The package ``data`` rewritten with fixed timestamps, sorted members and pinned dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    return packed(members, when)


def packed(members: dict[str, bytes], when: dt.datetime) -> bytes:
    """A package of ``members`` (zip member name to bytes) as ``normalise`` writes one: a writer that
    has its parts in memory zips them once, instead of zipping, reading back and zipping again."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(members, key=_order):
            target.writestr(_info(name), _pinned(name, members[name], stamp, when))
    return out.getvalue()


def _order(name: str) -> tuple[bool, str]:
    return (name != _FIRST, name)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(COMPRESSED) else zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def _pinned(name: str, content: bytes, stamp: bytes, when: dt.datetime) -> bytes:
    if name.endswith("core.xml"):
        return _DCTERMS.sub(lambda m: m.group(1) + stamp + m.group(3), content)
    if name.endswith((".xlsx", ".xlsm")):
        return _normalised_workbook(content, when)
    return content


@functools.lru_cache(maxsize=64)
def _normalised_workbook(content: bytes, when: dt.datetime) -> bytes:
    """``normalise`` of an embedded workbook, once per process for the same bytes and time: charts
    with the same data share one workbook's bytes (``native_chart``), in every deck of a build."""
    return normalise(content, when)
