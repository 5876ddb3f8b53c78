"""Font collections named as a layout's font (issue 18, case 32), through the real CLI.

A ``.ttc`` holds several fonts; reportlab and fontTools then ask for "a font number", which a
layout file has no way to give. Each row names a collection (of one, two or three fonts, under
its own suffix or disguised as ``.ttf``) as a face in a layout; ``check`` and ``build`` must
refuse it at that line with the number of fonts in it and how to extract one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from tests.conftest import LAYOUTS
from tests.realworld import assert_refused, build, check, position, project

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
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))
