"""Asset files named by layouts: the path types (``AssetPath``, ``ImagePath``, ``FontPath``) and
the problems found when checking what those files hold.

``asset_problems`` returns located problems for a validated layout model: every asset must exist
inside the layouts folder, and images and fonts must be files the renderers can read (PNG/JPEG up
to ``MAX_IMAGE_BYTES`` and ``MAX_IMAGE_PIXELS``; TrueType with outlines).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, StringConstraints

from leafdeck.errors import Problem, display_path
from leafdeck.read.inputs import current
from leafdeck.read.paths import loop_message, real_path
from leafdeck.read.yamlio import Located


def _relative(value: str) -> str:
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in Path(value).parts:
        raise ValueError(f"asset paths must stay inside layouts/ (no '..' or absolute paths), got {value!r}")
    return value


AssetPath = Annotated[str, StringConstraints(strict=True, min_length=1), AfterValidator(_relative)]
"""A file under ``layouts/``, written relative to it."""


@dataclass(frozen=True)
class AssetKind:
    """Marks what an asset file must hold, so loading checks its contents, not only that it exists."""

    kind: Literal["image", "font"]


ImagePath = Annotated[AssetPath, AssetKind("image")]
"""A PNG or JPEG image under ``layouts/``."""
FontPath = Annotated[AssetPath, AssetKind("font")]
"""A TrueType (.ttf) font under ``layouts/``."""
MAX_IMAGE_BYTES = 10_000_000
MAX_IMAGE_PIXELS = 40_000_000


def asset_problems(model: BaseModel, located: Located, root: Path) -> list[Problem]:
    """Every asset path in the model must exist inside ``root`` (symbolic links included), and
    images and fonts must be files the renderers can read."""
    problems = []
    top = real_path(root) or root
    for loc, relative, kind in asset_fields(model, ()):
        target = real_path(root / relative)
        where = ".".join(map(str, loc))
        if target is None:
            problems.append(located.problem(loc, f"{where}: {loop_message(Path(relative))}"))
        elif not target.is_relative_to(top):
            problems.append(located.problem(loc, f"{where}: {relative!r} leads outside {display_path(root)}/"))
        elif not target.is_file():
            problems.append(located.problem(loc, f"{where}: file not found: {display_path(root / relative)}"))
        elif kind is not None and (trouble := _content_problem(target, kind)):
            problems.append(located.problem(loc, f"{where}: {display_path(root / relative)} {trouble}"))
    return problems


def asset_fields(
    model: BaseModel, loc: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str, str | None]]:
    """Every asset path field of a layout model: (where, relative path, kind)."""
    found = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            found += asset_fields(value, (*loc, name))
        elif isinstance(value, str) and (kind := _asset_kind([*info.metadata], info.annotation)):
            found.append(((*loc, name), value, None if kind == "file" else kind))
    return found


def _asset_kind(metadata: list[Any], annotation: Any) -> str | None:
    """The kind of an asset path field ("file", "image" or "font"), else None.

    Pydantic moves a field's own ``Annotated`` metadata to ``field.metadata`` and keeps it inside
    ``annotation`` only for unions such as ``AssetPath | None``; both places are searched."""
    items = [*metadata, *getattr(annotation, "__metadata__", ())]
    if any(isinstance(m, AfterValidator) and m.func is _relative for m in items):
        return next((m.kind for m in items if isinstance(m, AssetKind)), "file")
    for arg in getattr(annotation, "__args__", ()):
        kind = _asset_kind([], arg)
        if kind is not None:
            return kind
    return None


def _content_problem(path: Path, kind: str) -> str | None:
    found = path.stat()
    return _checked_content(path, kind, found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=64)
def _checked_content(path: Path, kind: str, mtime_ns: int, size: int) -> str | None:
    """Each image or font file is opened and checked once per version of it (layouts share fonts)
    in a command, and once per exact content between commands when the command keeps verdicts
    (``read.inputs.Inputs.remembered``, under the build folder): decoding every image and
    parsing every font was about a tenth of a second of every command that loads layouts."""
    check = image_problem if kind == "image" else font_problem
    if kind == "image" and size > MAX_IMAGE_BYTES:
        return check(path)  # refused by its size at once: not read to be hashed
    try:
        content = path.read_bytes()
    except OSError:
        return check(path)  # says what is wrong with it, as without kept verdicts
    return current().remembered(kind, path, content, lambda: check(path))


_IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"%PDF": "PDF",
    b"<svg": "SVG",
    b"<?xml": "XML (SVG?)",
}


def image_problem(path: Path) -> str | None:
    """Why ``path`` is not a PNG or JPEG image the renderers can draw, or None when it is."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"is {size:,} bytes; the limit for an image is {MAX_IMAGE_BYTES:,}"
    with path.open("rb") as file:
        head = file.read(16)
    found = next((name for magic, name in _IMAGE_SIGNATURES.items() if head.startswith(magic)), None)
    if head[8:12] == b"WEBP":
        found = "WebP"
    if found not in ("PNG", "JPEG"):
        return f"is {'a ' + found + ' file' if found else 'not an image'}; use a PNG or JPEG image"
    from PIL import Image

    try:  # any failure to decode an untrusted file means it is damaged, whatever Pillow raises
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # damaged metadata: read past, and a LOGO-003 warning on load
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[found]) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return f"is {image.width}x{image.height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels"
                image.verify()
            with Image.open(path, formats=[found]) as image:
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"is too large to decode safely (more than {MAX_IMAGE_PIXELS:,} pixels)"
    except Exception as exc:
        return f"is a damaged {found} image ({str(exc).strip() or type(exc).__name__}); export it again"
    return None


def font_problem(path: Path) -> str | None:
    """Why ``path`` is not a TrueType font the renderers can embed, or None when it is."""
    from fontTools.ttLib import TTFont

    from leafdeck.read.fontfiles import kind_problem, quiet_font_library

    kind = kind_problem(path)  # web fonts, Type 1, archives: told apart before fontTools logs about them
    if kind:
        return kind

    with path.open("rb") as file:
        if file.read(4) == b"ttcf":
            return collection_problem(path)
    try:  # any failure to parse an untrusted file means it is not a usable font
        with quiet_font_library(), TTFont(path, lazy=True) as font:
            if font.flavor is not None:
                return f"is a {font.flavor.upper()} web font; use the .ttf file"
            if "glyf" not in font:
                return "is not a TrueType font with outlines (.otf/CFF fonts are not supported); use a .ttf file"
            missing = [t for t in ("cmap", "head", "hhea", "hmtx", "maxp", "name") if t not in font]
            if missing:
                return f"is an incomplete font (no {', '.join(missing)} table)"
            if not font["cmap"].getBestCmap():
                return "is a font without a Unicode character map"
    except Exception as exc:
        return f"is not a readable TrueType font ({str(exc).strip() or type(exc).__name__})"
    return None


def collection_problem(path: Path) -> str:
    """What to do with a font collection (.ttc/.otc: several fonts in one file, as macOS and
    Windows ship many system fonts): name its fonts by number and say how to extract one."""
    from fontTools.ttLib import TTCollection

    try:  # an untrusted file: any failure to parse it means it is damaged
        with TTCollection(path, lazy=True) as collection:
            names = [font["name"].getBestFullName() or "?" for font in collection.fonts]
    except Exception as exc:
        return f"is a damaged font collection ({str(exc).strip() or type(exc).__name__}); use a .ttf file"
    listed = ", ".join(f"{number}: {name}" for number, name in enumerate(names))
    number = _regular_face(names)
    target = path.with_name(f"{path.stem.replace(' ', '-')}-{number}.ttf")  # beside it, named from where you are
    return (
        f"is a font collection with {len(names)} font{'s' if len(names) != 1 else ''} ({listed}), and leafdeck "
        f"needs one font per file: extract the one you want as .ttf, e.g. the regular one, number {number}, with "
        f"`.venv/bin/fonttools ttLib -y {number} '{display_path(path)}' -o '{display_path(target)}'` (for `bold:`, "
        f"the bold one's number), and write {target.name} in place of {path.name} here, in the same folder"
    )


def _regular_face(names: list[str]) -> int:
    """The number of a collection's upright regular face (its name says Regular, Book or Roman, or
    no style at all), else 0: the example fits ``regular:``, the slot filled first (trial 17d: the
    example named the bold face)."""
    styles = ("bold", "italic", "oblique", "light", "medium", "black", "thin", "semibold", "condensed")
    for number, name in enumerate(names):
        words = name.lower().split()
        if any(w in ("regular", "book", "roman") for w in words) or not any(w in styles for w in words):
            return number
    return 0
