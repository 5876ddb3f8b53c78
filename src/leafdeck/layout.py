"""Read ``layouts/``: page geometry, fonts, colours and clinic brands, resolved for renderers.

Renderers never see ``"12mm"`` or ``"#003366"`` as text to interpret: lengths arrive in
points, colours as validated hex, asset paths as checked absolute paths inside the project.
Each output format declares its own layout model (built from the pieces here); this module
loads any of them, following ``extends:`` to a parent file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.validate import validate
from leafdeck.yamlio import Located, load

MIN_CONTRAST = 4.5
_UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}


def parse_length(value: object) -> object:
    """``"12mm"`` → points. Plain numbers are already points."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return value
    if isinstance(value, int | float):
        return float(value)
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*", value)
    if not match:
        raise ValueError(f"expected a length such as '12mm', '0.5in' or '10pt', got {value!r}")
    return float(match[1]) * _UNITS[match[2]]


Length = Annotated[float, BeforeValidator(parse_length), Field(strict=False)]
"""A length, written with a unit in YAML and held in points."""
Colour = Annotated[str, StringConstraints(strict=True, pattern=r"^#[0-9A-Fa-f]{6}$")]
"""A colour as ``#RRGGBB``."""
Size = Annotated[float, Field(gt=0)]
"""A font size in points."""
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://[^\s<>\"']+$")]


def _relative(value: str) -> str:
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in Path(value).parts:
        raise ValueError(f"asset paths must stay inside layouts/ (no '..' or absolute paths), got {value!r}")
    return value


AssetPath = Annotated[str, StringConstraints(strict=True, min_length=1), AfterValidator(_relative)]
"""A file under ``layouts/``, written relative to it."""


class Part(BaseModel):
    """Base of layout models: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class FontFamily(Part):
    """A font family: the TrueType files behind its regular and bold faces."""

    name: Text
    """Family name written into documents (decks name it; PDFs embed it)."""
    regular: AssetPath
    """Regular face, a .ttf under layouts/."""
    bold: AssetPath
    """Bold face, a .ttf under layouts/."""


class Palette(Part):
    """Theme colours. Text colours must contrast with the background by at least 4.5:1."""

    text: Colour
    """Body text."""
    muted: Colour
    """Secondary text (captions, footers): still at least 4.5:1."""
    background: Colour
    """Page or slide background."""
    tint: Colour
    """Background of boxes (key points, questions)."""
    rule: Colour
    """Lines and borders (decorative, no contrast rule)."""


class Clinic(Part):
    """A clinic's brand and contact details, from ``layouts/clinics/<name>.yaml``."""

    name: Text
    """Clinic name as printed."""
    phone: Text
    """Phone number for questions."""
    address: Text
    """Postal address, one line."""
    web: Url
    """Base web address where the clinic hosts its online copies."""
    email: Text | None = None
    """Contact e-mail, if any."""
    logo: AssetPath | None = None
    """Logo image (PNG or JPEG) under layouts/."""
    logo_alt: Text | None = None
    """Alternative text for the logo."""
    primary: Colour
    """Main brand colour: headings and title bars (white text sits on it)."""
    accent: Colour
    """Second brand colour: charts and highlights."""


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Resolved(Generic[M]):
    """What a renderer receives: its format's layout, the clinic, and where assets live."""

    layout: M
    clinic: Clinic
    root: Path
    online: str = ""
    """Where this variant's web copy is hosted (the QR code's target)."""

    def asset(self, relative: str) -> Path:
        """Absolute path of a checked asset under layouts/."""
        return self.root / relative


def load_clinic(layouts: Path, name: str) -> Clinic:
    """The clinic brand named ``name``, validated and checked; raises InputError."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise InputError([Problem(name, message="clinic names use lower-case letters, digits and hyphens")])
    clinic = load_model(layouts / "clinics" / f"{name}.yaml", Clinic, layouts)
    return clinic


def load_model(path: Path, model: type[M], root: Path) -> M:
    """A layout file (following ``extends:``) validated into ``model``, assets and colours checked."""
    located, problems = _load_merged(path, set())
    result = None
    if located is not None:
        result, schema_problems = validate(located, model)
        problems += schema_problems
        if result is not None:
            problems += asset_problems(result, located, root) + contrast_problems(result, located)
    if result is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return result


def _load_merged(path: Path, seen: set[Path]) -> tuple[Located | None, list[Problem]]:
    located, problems = load(path)
    if located is None or not isinstance(located.data, dict) or "extends" not in located.data:
        return located, problems
    parent_name = located.data.pop("extends")
    if not isinstance(parent_name, str) or "/" in parent_name or parent_name.startswith("."):
        return None, [
            located.problem(("extends",), "extends: name a file in the same folder, e.g. 'leaflet-base.yaml'")
        ]
    parent_path = path.parent / parent_name
    if parent_path.resolve() in seen:
        return None, [located.problem(("extends",), f"extends: {parent_name!r} extends this file again (a loop)")]
    parent, parent_problems = _load_merged(parent_path, seen | {path.resolve()})
    if parent is None:
        return None, problems + parent_problems
    located.data = _deep_merge(parent.data, located.data)
    for table in ("values", "keys"):
        merged = dict(getattr(parent, table))
        merged.update(getattr(located, table))
        setattr(located, table, merged)
    return located, problems + parent_problems


def _deep_merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _deep_merge(base.get(key), value) if key in base else value
        return merged
    return override


def asset_problems(model: BaseModel, located: Located, root: Path) -> list[Problem]:
    """Every asset path in the model must exist inside ``root`` (symbolic links included)."""
    problems = []
    top = root.resolve()
    for loc, relative in _asset_fields(model, ()):
        target = (root / relative).resolve()
        if not target.is_relative_to(top):
            problems.append(located.problem(loc, f"{relative!r} leads outside {display_path(root)}/"))
        elif not target.is_file():
            problems.append(located.problem(loc, f"file not found: {display_path(root / relative)}"))
    return problems


def _asset_fields(model: BaseModel, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    found = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            found += _asset_fields(value, (*loc, name))
        elif isinstance(value, str) and _is_asset(field.annotation):
            found.append(((*loc, name), value))
    return found


def _is_asset(annotation: Any) -> bool:
    metadata = getattr(annotation, "__metadata__", ())
    args = getattr(annotation, "__args__", ())
    return any(isinstance(m, AfterValidator) and m.func is _relative for m in metadata) or any(
        _is_asset(a) for a in args
    )


def contrast_problems(model: BaseModel, located: Located) -> list[Problem]:
    """Text colours against their backgrounds, per WCAG 2: at least 4.5:1."""
    problems = []
    if isinstance(model, Clinic):
        pairs = [(("primary",), model.primary, "#FFFFFF", "white text on the primary colour")]
    else:
        palette = getattr(model, "palette", None)
        if not isinstance(palette, Palette):
            return []
        pairs = [
            (("palette", "text"), palette.text, palette.background, "text on the background"),
            (("palette", "muted"), palette.muted, palette.background, "muted text on the background"),
            (("palette", "text"), palette.text, palette.tint, "text on the box tint"),
        ]
    for loc, fg, bg, what in pairs:
        ratio = contrast(fg, bg)
        if ratio < MIN_CONTRAST:
            problems.append(
                located.problem(
                    loc,
                    f"{'.'.join(map(str, loc))}: contrast of {what} is {ratio:.2f}:1; the minimum is {MIN_CONTRAST}:1",
                )
            )
    return problems


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
