"""Font collections named as a layout's font (issue 18, case 32), through the real CLI.

A ``.ttc`` holds several fonts; reportlab and fontTools then ask for "a font number", which a
layout file has no way to give. Each row names a collection (of one, two or three fonts, under
its own suffix or disguised as ``.ttf``) as a face in a layout; ``check`` and ``build`` must
refuse it at that line with the number of fonts in it and how to extract one.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from tests.conftest import LAYOUTS
from tests.realworld import LOCATED, assert_refused, build, check, position, project

FACES = {
    "regular": LAYOUTS / "fonts" / "NotoSans-Regular.ttf",
    "bold": LAYOUTS / "fonts" / "NotoSans-Bold.ttf",
    "carlito": LAYOUTS / "fonts" / "Carlito-Regular.ttf",
}

ROWS = [
    # layout file, the line naming the face, collection file name, faces in it
    ("leaflet-base.yaml", "regular: fonts/NotoSans-Regular.ttf", "Noto.ttc", ("regular", "bold")),
    ("leaflet-base.yaml", "bold: fonts/NotoSans-Bold.ttf", "Disguised.ttf", ("regular", "bold", "carlito")),
    ("deck-base.yaml", "regular: fonts/Carlito-Regular.ttf", "Single Face.otc", ("carlito",)),
]


@pytest.mark.parametrize(("layout", "line", "name", "faces"), ROWS, ids=["ttc-2", "ttf-named-3", "otc-1"])
def test_a_font_collection_is_refused_at_its_line(
    tmp_path: Path, layout: str, line: str, name: str, faces: tuple[str, ...]
) -> None:
    root = project(tmp_path)
    collection = TTCollection()
    collection.fonts = [TTFont(FACES[face]) for face in faces]
    collection.save(root / "layouts" / "fonts" / name)
    path = root / "layouts" / layout
    key = line.split(":")[0]
    path.write_text(path.read_text(encoding="utf-8").replace(line, f"{key}: fonts/{name}"), encoding="utf-8")
    where = position(path, f"fonts/{name}")
    fragment = f"is a font collection with {len(faces)} font{'s' if len(faces) > 1 else ''}"
    for result in (check(root), build(root, "--audience", "patient")):
        assert_refused(result, f"layouts/{layout}", *where, fragment)
        assert "extract the one you want as .ttf" in result.stderr
        assert "specify a font number" not in result.stderr
        regular = faces.index("regular") if "regular" in faces else 0  # the example is the regular face
        assert f"the regular one, number {regular}, with `.venv/bin/fonttools ttLib -y {regular} " in result.stderr
        assert f"in place of {name} here, in the same folder" in result.stderr
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))


# --- any font file leafdeck cannot use (brief inputs18 point 5): one located line, no library noise ---


def _web_font(flavor: str) -> bytes:
    """A WOFF or WOFF2 font as font sites serve them: the signature, then a table directory
    (WOFF2's Brotli-compressed body cannot be written without Brotli; the first bytes tell it)."""
    if flavor == "woff":
        font = TTFont(FACES["regular"])
        font.flavor = "woff"
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()
    return b"wOF2\x00\x01\x00\x00" + bytes(range(256)) * 8


UNUSABLE = [
    # (file name, its bytes, what the message calls it)
    ("Noto.woff2", _web_font("woff2"), "is a WOFF2 web font"),
    ("Noto.woff", _web_font("woff"), "is a WOFF web font"),
    ("Noto.pfb", b"\x80\x01\x10\x00\x00\x00%!PS-AdobeFont-1.0: Noto", "is a PostScript Type 1 font (.pfb)"),
    ("Noto-fonts.zip", b"PK\x03\x04" + bytes(64), "is a ZIP archive"),
    ("Notes.ttf", b"These are not the fonts you are looking for.\n", "is not a font file"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), UNUSABLE, ids=[row[0] for row in UNUSABLE])
def test_a_font_file_leafdeck_cannot_use_gets_one_located_line(
    tmp_path: Path, name: str, data: bytes, fragment: str
) -> None:
    root = project(tmp_path)
    (root / "layouts" / "fonts" / name).write_bytes(data)
    path = root / "layouts" / "leaflet-base.yaml"
    line = "regular: fonts/NotoSans-Regular.ttf"
    path.write_text(path.read_text(encoding="utf-8").replace(line, f"regular: fonts/{name}"), encoding="utf-8")
    where = position(path, f"fonts/{name}")
    for result in (check(root), build(root, "--audience", "patient")):
        assert_refused(result, "layouts/leaflet-base.yaml", *where, fragment)
        assert "leafdeck needs a TrueType font file (.ttf, or an .otf with TrueType outlines)" in result.stderr
        unlocated = [line for line in result.stderr.splitlines() if not LOCATED.match(line)]
        assert [line for line in unlocated if "Brotli" in line or "fontTools" in line] == [], result.stderr
