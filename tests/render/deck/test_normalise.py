"""The normaliser: same parts in, same bytes out."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from leafdeck.render.deck.normalise import ZIP_EPOCH, normalise

WHEN = dt.datetime(2026, 1, 10)
CORE = (
    b'<cp:coreProperties xmlns:cp="c" xmlns:dcterms="d"><dcterms:created xsi:type="W3CDTF">2024-05-06T07:08:09Z'
    b'</dcterms:created><dcterms:modified xsi:type="W3CDTF">2025-01-02T03:04:05Z</dcterms:modified></cp:coreProperties>'
)


def _zip(members: dict[str, bytes], when: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members.items():
            target.writestr(zipfile.ZipInfo(name, date_time=when), content)  # type: ignore[arg-type]
    return out.getvalue()


def _package(when: tuple[int, ...]) -> bytes:
    workbook = _zip({"docProps/core.xml": CORE, "xl/workbook.xml": b"<w/>"}, when)
    members = {
        "ppt/slides/slide1.xml": b"<s/>",
        "docProps/core.xml": CORE,
        "[Content_Types].xml": b"<t/>",
        "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx": workbook,
    }
    return _zip(members, when)


def test_two_saves_at_different_times_give_the_same_bytes() -> None:
    assert normalise(_package((2026, 3, 1, 10, 0, 0)), WHEN) == normalise(_package((2026, 3, 2, 11, 30, 4)), WHEN)


def test_members_are_sorted_with_content_types_first_and_stamped_with_the_epoch() -> None:
    with zipfile.ZipFile(io.BytesIO(normalise(_package((2026, 3, 1, 10, 0, 0)), WHEN))) as result:
        assert result.namelist() == [
            "[Content_Types].xml",
            "docProps/core.xml",
            "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx",
            "ppt/slides/slide1.xml",
        ]
        assert {info.date_time for info in result.infolist()} == {ZIP_EPOCH}
        core = result.read("docProps/core.xml")
        workbook = zipfile.ZipFile(io.BytesIO(result.read("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx")))
    assert core.count(b"2026-01-10T00:00:00Z") == 2
    assert b"2024" not in core
    assert workbook.read("docProps/core.xml").count(b"2026-01-10T00:00:00Z") == 2
    assert {info.date_time for info in workbook.infolist()} == {ZIP_EPOCH}


def test_normalising_twice_changes_nothing() -> None:
    once = normalise(_package((2026, 3, 1, 10, 0, 0)), WHEN)
    assert normalise(once, WHEN) == once


def test_pictures_and_workbooks_are_stored_and_the_rest_deflated() -> None:
    members = {
        **dict.fromkeys(["[Content_Types].xml", "ppt/slides/slide1.xml"], b"<s/>"),
        "ppt/media/image1.png": b"\x89PNG",
    }
    members["ppt/media/image2.JPEG"] = b"\xff\xd8"
    members["ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"] = _zip({"xl/workbook.xml": b"<w/>"}, ZIP_EPOCH)
    with zipfile.ZipFile(io.BytesIO(normalise(_zip(members, ZIP_EPOCH), WHEN))) as result:
        kinds = {info.filename: info.compress_type for info in result.infolist()}
        assert result.read("ppt/media/image1.png") == b"\x89PNG"
    assert kinds == {
        "[Content_Types].xml": zipfile.ZIP_DEFLATED,
        "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx": zipfile.ZIP_STORED,
        "ppt/media/image1.png": zipfile.ZIP_STORED,
        "ppt/media/image2.JPEG": zipfile.ZIP_STORED,
        "ppt/slides/slide1.xml": zipfile.ZIP_DEFLATED,
    }
