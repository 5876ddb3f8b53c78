"""Read ``layouts/``: page geometry, fonts, colours and clinic brands, resolved for renderers.

Renderers never see ``"12mm"`` or ``"#003366"`` as text to interpret: lengths arrive in
points, colours as validated hex, asset paths as checked absolute paths inside the project.
Each output format declares its own layout model (built from the pieces here); this module
loads any of them, following ``extends:`` to a parent file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from leafdeck.errors import InputError, Problem, display_path
from leafdeck.fields import INTERNATIONAL
from leafdeck.links import EmailAddress, WebAddress
from leafdeck.model import Country, _printable
from leafdeck.passages import LanguageCode
from leafdeck.read.assets import FontPath, ImagePath, asset_problems
from leafdeck.read.contrast import MIN_CONTRAST, contrast
from leafdeck.read.images import Logo, load_logo
from leafdeck.read.labels import Labels
from leafdeck.read.paths import loop_message, real_path
from leafdeck.read.positions import where, where_text
from leafdeck.read.validate import validate
from leafdeck.read.yamlio import Located, load

if TYPE_CHECKING:
    from leafdeck.read.presenters import Presenter

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
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1), AfterValidator(_printable)]
"""Non-empty text without control or invisible characters (as in the knowledge base)."""


def _one_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("must be one line (no line breaks or tabs)")
    return value


Line = Annotated[Text, AfterValidator(_one_line)]
"""Text on one line: a name, a phone number."""
Url = WebAddress
"""An https:// or http:// address (see ``leafdeck.links``)."""


def _base_address(value: str) -> str:
    """A web address that paths can be added to: no ``?query`` or ``#fragment``, which would
    swallow the path (``...?page=x#top/kb/en/patient/``) and break every QR code and link."""
    for mark, what in (("?", "a query"), ("#", "a fragment")):
        if mark in value:
            parts = urlsplit(value)
            raise ValueError(
                f"is where the online copies are hosted, so leafdeck adds /<knowledge base>/<language>/<audience>/ "
                f"to it; it cannot end in {what} ({mark}{value.split(mark, 1)[1][:40]}); use a folder address "
                f"such as {parts.scheme}://{parts.netloc}/leaflets"
            )
    return value


WEB_MAX_BYTES = 100
"""The longest clinic web address (UTF-8 bytes). Every QR code holds it plus
``/<knowledge base>/<language>/<audience>/`` (up to about 70 more), and must stay readable at the
smallest size a layout prints it (18 mm, the option grid): at error correction M, QR version 10
(57 modules of about 0.3 mm) holds 213 bytes (ISO/IEC 18004, table 7). The one-page option
grid also prints the address in full: at 120 the French and Spanish US-letter grids no longer
fit their page (trial 17d), at 110 they still do; 100 keeps a margin."""


def _short_address(value: str) -> str:
    """A base address short enough for a readable QR code (``WEB_MAX_BYTES``)."""
    size = len(value.encode("utf-8"))
    if size > WEB_MAX_BYTES:
        raise ValueError(
            f"is {size:,} characters long; the limit is {WEB_MAX_BYTES}: the QR code on every leaflet holds "
            "this address plus /<knowledge base>/<language>/<audience>/ and must stay readable when printed "
            "small; use a shorter folder address such as https://example.org/leaflets"
        )
    return value


BaseAddress = Annotated[WebAddress, AfterValidator(_short_address), AfterValidator(_base_address)]
"""An https:// or http:// address with no query or fragment, at most ``WEB_MAX_BYTES`` long:
the base of the hosted copies."""


class Part(BaseModel):
    """Base of layout models: frozen, unknown keys rejected. The docstrings under their fields
    are for people reading the code: nothing reads them at run time, so pydantic is not asked to
    collect them (``use_attribute_docstrings`` parses each class's source: a tenth of a second
    for every command that loads layouts)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FontFamily(Part):
    """A font family: the TrueType files behind its regular and bold faces."""

    name: Text
    """Family name written into documents (decks name it; PDFs embed it)."""
    regular: FontPath
    """Regular face, a .ttf under layouts/."""
    bold: FontPath
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

    name: Line
    """Clinic name as printed, on one line."""
    phone: Line
    """Phone number for questions, on one line."""
    address: Text
    """Postal address. Write it on one line, or on several with ``address: |``: each line then
    prints as a line of its own in leaflets, decks and web pages."""
    web: BaseAddress | None = None
    """Base web address where the clinic hosts its online copies (no ``?query`` or ``#fragment``,
    at most 100 characters: each variant's address is this plus
    ``/<knowledge base>/<language>/<audience>/``, and QR codes point there). Leave it out when the
    clinic has no website: the products then carry no QR code and no online address, and say how
    to ask the clinic for other formats and languages."""
    email: EmailAddress | None = None
    """Contact e-mail, if any."""
    logo: ImagePath | None = None
    """Logo image (PNG or JPEG) under layouts/."""
    logo_alt: Line | None = None
    """Alternative text for the logo."""
    primary: Colour
    """Main brand colour: headings and title bars (white text sits on it)."""
    accent: Colour
    """Second brand colour: charts and highlights."""
    country: Country = INTERNATIONAL
    """Where the clinic is (ISO 3166-1 alpha-2, e.g. ``GB``): chooses the country-specific advice
    (side-effect reporting, trial registries, coverage). ``international`` (the default) gives
    the neutral advice."""
    language: LanguageCode | None = None
    """Language the name, phone and address are written in (e.g. `en`). Set it when they stay
    in one language while leaflets are built in others: a leaflet in another language then marks
    them as this language for screen readers. Unset: written in each leaflet's language."""


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Resolved(Generic[M]):
    """What a renderer receives: its format's layout, the clinic, and where assets live."""

    layout: M
    clinic: Clinic
    root: Path
    online: str = ""
    """Where this variant's web copy is hosted (the QR code's target)."""
    labels: Labels = field(default_factory=lambda: Labels("en"))
    """Interface words and formats of the output's language."""
    notice: str | None = None
    """A warning every page or slide must show (e.g. an unchecked translation)."""
    source: str = "sources"
    """The file the text comes from (the knowledge base or its translation), for messages."""
    locate: Callable[[str, str, str], tuple[str, int, int]] = where
    find: Callable[[tuple[str, ...], str], tuple[str, int, int] | None] = where_text
    """``find(files, text)`` → where a text field reading ``text`` is in those YAML files, or
    None (``read.positions.where_text``), for a renderer that holds a text but not its item."""
    """``locate(source, item id, field)`` → (file, line, column) of that text, for messages
    (``read.positions.where``): renderers name where content comes from without reading YAML."""
    presenter: Presenter | None = None
    """Who gives the talk (``--presenter``); None for every other product and for a talk built
    without one, whose title and disclosures slides then say they are to be completed."""

    def asset(self, relative: str) -> Path:
        """Absolute path of a checked asset under layouts/."""
        return self.root / relative

    @cached_property
    def logo(self) -> Logo | None:
        """The clinic's logo, normalised (upright, 8-bit RGB or RGBA PNG), or None without one.
        Every renderer draws this, never the file itself."""
        return load_logo(self.asset(self.clinic.logo)) if self.clinic.logo else None


def clinic_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a clinic file, or None when it can."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or name == "all":
        return "clinic names use lower-case letters, digits and hyphens (and 'all' means every clinic)"
    return None


CLINIC_STARTER = """\
# The brand of one clinic, used by `leafdeck build --clinic {name}`. Every value is checked
# when you build or run `leafdeck check`; a mistake is reported with its line and column.
#
# Clinic name as printed on every leaflet, slide and web page (one line).
name: "{name}"
# Phone number for questions (one line, as people should dial it).
phone: "Ask at reception for our phone number"
# Postal address. One line, or several lines with `address: |` (each prints as a line):
#   address: |
#     Riverside Hospital
#     Neurology Outpatients
#     1 Mill Lane, Riverton RV1 2AB
address: "Clinic address not set"
# Where you will host the online copies (the QR code points there): an https:// folder address,
# without ?query or #fragment. leafdeck adds /<knowledge base>/<language>/<audience>/ to it.
# No website? Delete this line: the products then have no QR code and say how to ask you for
# other formats and languages.
web: "https://example.org/leafdeck"
# Contact e-mail, if any (name@example.org, no mailto:).
# email: "ms.nurses@example.org"
# Logo: a PNG or JPEG file under layouts/, e.g. clinics/logos/{name}.png, and its description.
# logo: clinics/logos/{name}.png
# logo_alt: "{name} logo"
# Brand colours as #RRGGBB. White text sits on the primary colour, so it must contrast with
# white by at least 4.5:1; leafdeck refuses a colour that does not.
primary: "#1F4E79"
accent: "#2E75B6"
# ISO 3166-1 alpha-2 country code (e.g. GB, US, ES): chooses the country-specific advice.
# "international" gives the neutral advice.
country: international
# The language the name, phone and address are written in (e.g. en), when leaflets are also
# built in other languages: there they are marked as this language for screen readers.
# language: en
"""
"""The commented file ``leafdeck new-clinic NAME`` writes (``{name}`` is filled in)."""


def load_clinic(layouts: Path, name: str) -> Clinic:
    """The clinic brand named ``name``, validated and checked; raises InputError."""
    trouble = clinic_name_problem(name)
    if trouble:
        raise InputError([Problem(name, message=trouble)])
    clinic = load_model(layouts / "clinics" / f"{name}.yaml", Clinic, layouts)
    if clinic.logo:
        load_logo(layouts / clinic.logo)  # normalised once, before workers fork
    return clinic


def load_unchecked(path: Path, model: type[M]) -> M:
    """One layout file validated into ``model`` without ``extends:`` or asset checks (for a file
    that names an asset it is used to generate, such as the deck template). Raises InputError."""
    located, problems = load(path)
    result = None
    if located is not None:
        result, schema_problems = validate(located, model)
        problems += schema_problems
    if result is None:
        raise InputError(problems)
    return result


def load_model(path: Path, model: type[M], root: Path) -> M:
    """A layout file (following ``extends:``) validated into ``model``, assets and colours checked;
    raises InputError. Validated once per command (``read.inputs``)."""
    from leafdeck.read.inputs import current, key_of

    return current().model(("layout", key_of(path), model, key_of(root)), lambda: _load_model(path, model, root))


def _load_model(path: Path, model: type[M], root: Path) -> M:
    located, problems = _load_merged(path, set(), root)
    result = None
    if located is not None:
        result, schema_problems = validate(located, model)
        problems += schema_problems
        if result is not None:
            problems += asset_problems(result, located, root) + contrast_problems(result, located)
    if result is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return result


def _load_merged(path: Path, seen: set[Path], root: Path) -> tuple[Located | None, list[Problem]]:
    real, top = real_path(path), real_path(root)
    if real is None or top is None:
        return None, [Problem(display_path(path), message=loop_message(path if real is None else root))]
    if not real.is_relative_to(top):
        message = f"leads outside {display_path(root)}/ (a symbolic link?); layout files must live inside it"
        return None, [Problem(display_path(path), message=message)]
    located, problems = load(path)
    if located is None or not isinstance(located.data, dict) or "extends" not in located.data:
        return located, problems
    located.data = dict(located.data)  # the composed data is shared (read.inputs): never change it
    parent_name = located.data.pop("extends")
    if not isinstance(parent_name, str) or "/" in parent_name or parent_name.startswith("."):
        return None, [
            located.problem(("extends",), "extends: name a file in the same folder, e.g. 'leaflet-base.yaml'")
        ]
    parent_path = path.parent / parent_name
    if real_path(parent_path) in seen:
        return None, [located.problem(("extends",), f"extends: {parent_name!r} extends this file again (a loop)")]
    parent, parent_problems = _load_merged(parent_path, seen | {real}, root)
    if parent is None:
        return None, problems + parent_problems
    located.data = _deep_merge(parent.data, located.data)
    own = {*located.values, *located.keys}
    located.files = {
        loc: parent.files.get(loc, parent.file) for loc in (*parent.values, *parent.keys) if loc not in own
    }
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


def contrast_problems(model: BaseModel, located: Located) -> list[Problem]:
    """Text colours against their backgrounds, per WCAG 2: at least 4.5:1."""
    problems = []
    pairs: list[tuple[tuple[str, ...], str, str, str]]
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
