"""The brand form: what the clinic staff typed → a clinic file, checked by the CLI's own validators.

Nothing here knows the clinic rules. The form's values are written as the commented clinic file
``leafdeck new-clinic`` starts from (``read.layout.CLINIC_STARTER``), and that file is loaded with
``read.layout.load_model`` exactly as ``leafdeck check`` and ``leafdeck build`` load it; each
``Problem`` it raises is then shown beside the field whose line (or key) it names. A rule added to
the ``Clinic`` model later shows up on the form without a change here.
"""

from __future__ import annotations

import colorsys
import json
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from leafdeck.errors import InputError, Problem
from leafdeck.read.layout import (
    CLINIC_STARTER,
    MIN_CONTRAST,
    Clinic,
    clinic_name_problem,
    contrast,
    load_model,
)

FIELDS = {
    "name": "Clinic name",
    "phone": "Phone",
    "address": "Address",
    "web": "Web address",
    "email": "Email",
    "country": "Country",
    "primary": "Main colour",
    "accent": "Second colour",
    "logo": "Logo",
    "languages": "Languages",
    "products": "Products",
}
"""Each form field → its visible label (also its accessible name)."""

PAPERS = {"a4": "A4", "letter": "US Letter"}
"""Paper choices → their labels."""

PRODUCTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "leaflet": ("Short leaflet", ("leaflet-{paper}",)),
    "large-print": ("Large print (A4)", ("leaflet-large-print-a4",)),
    "option-grid": ("Option grid", ("option-grid-{paper}",)),
    "decision-aid": ("Decision aid", ("decision-aid-{paper}",)),
    "trifold": ("Tri-fold", ("trifold-{paper}",)),
    "booklet": ("Booklet (A5, printed on A4)", ("booklet-a5",)),
    "talks": ("Talks (PowerPoint)", ("talk-patient", "talk-clinician")),
}
"""Product checkboxes → their labels and the products of ``layouts/products.yaml`` they build."""

PREVIEW_PRODUCTS = ("leaflet-{paper}", "option-grid-{paper}", "trifold-{paper}")
"""What "Preview" shows the first page of (issue 21)."""

_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
"""Two-letter Babel territories that are not places a clinic is in (unions, pseudo-regions)."""

LOGO_FOLDER = "clinics/logos"
"""Where logos go, relative to ``layouts/``."""


@dataclass(frozen=True)
class BrandForm:
    """The values of one submitted form, as typed (strings), before any check."""

    name: str = ""
    phone: str = ""
    address: str = ""
    web: str = ""
    email: str = ""
    country: str = "international"
    primary: str = "#1F4E79"
    accent: str = "#2E75B6"
    logo: str = ""
    """The logo's file name under ``layouts/clinics/logos/`` (set once an upload passed), or empty."""
    logo_alt: str = ""
    languages: tuple[str, ...] = ("en",)
    paper: str = "a4"
    products: tuple[str, ...] = ("leaflet", "option-grid", "trifold")
    editing: str = ""
    """The clinic file being edited (its name without .yaml), or empty for a new clinic."""

    @property
    def slug(self) -> str:
        """The clinic file's name: the one being edited, else made from the clinic name; empty
        when that is not a valid clinic name (so no path made from it can leave its folder)."""
        name = self.editing or slug_of(self.name)
        return "" if clinic_name_problem(name) else name

    def product_names(self) -> tuple[str, ...]:
        """The products of ``layouts/products.yaml`` the ticked boxes build, in the form's order."""
        paper = self.paper if self.paper in PAPERS else "a4"
        return tuple(name.format(paper=paper) for key in PRODUCTS if key in self.products for name in PRODUCTS[key][1])

    def preview_names(self) -> tuple[str, ...]:
        """The products "Preview" shows: the short leaflet, the option grid and the tri-fold."""
        paper = self.paper if self.paper in PAPERS else "a4"
        return tuple(name.format(paper=paper) for name in PREVIEW_PRODUCTS)


def form_from(values: Mapping[str, str], lists: Mapping[str, list[str]]) -> BrandForm:
    """A ``BrandForm`` from submitted fields (``values``: one value per name; ``lists``: the
    ticked values of the checkbox groups). Line endings become ``\\n``; nothing else is changed,
    so the validators see what was typed."""

    def text(key: str, default: str = "") -> str:
        return values.get(key, default).replace("\r\n", "\n").replace("\r", "\n")

    return BrandForm(
        name=text("name").strip(),
        phone=text("phone").strip(),
        address=text("address").strip(),
        web=text("web").strip(),
        email=text("email").strip(),
        country=text("country", "international").strip() or "international",
        primary=text("primary", BrandForm.primary).strip(),
        accent=text("accent", BrandForm.accent).strip(),
        logo=text("logo_file").strip(),
        logo_alt=text("logo_alt").strip(),
        languages=tuple(lists.get("languages", [])),
        paper=text("paper", "a4"),
        products=tuple(lists.get("products", [])),
        editing=text("editing").strip(),
    )


def form_of_clinic(clinic: Clinic, slug: str) -> BrandForm:
    """The form showing an existing clinic file, for editing."""
    logo = clinic.logo.removeprefix(f"{LOGO_FOLDER}/") if clinic.logo else ""
    return BrandForm(
        name=clinic.name,
        phone=clinic.phone,
        address=clinic.address,
        web=clinic.web or "",  # optional once issue 21's clinic-input changes are merged
        email=clinic.email or "",
        country=clinic.country,
        primary=clinic.primary.upper(),
        accent=clinic.accent.upper(),
        logo=logo if clinic.logo == f"{LOGO_FOLDER}/{logo}" else "",
        logo_alt=clinic.logo_alt or "",
        editing=slug,
    )


def slug_of(name: str) -> str:
    """A clinic file name from a clinic name: ``"Hillside MS Service"`` → ``"hillside-ms-service"``
    (accents dropped, anything else becomes a hyphen; empty when nothing is left)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def _address(value: str) -> str:
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    if len(lines) <= 1:
        return f"address: {_quoted(value)}"
    return "address: |\n" + "\n".join(f"  {line}" for line in lines)


def clinic_yaml(form: BrandForm) -> str:
    """The clinic file for ``form``: ``leafdeck new-clinic``'s commented starter with each value
    replaced (optional values left out stay commented out), so the comments match the CLI's."""
    text = CLINIC_STARTER.format(name=form.slug or "clinic")
    logo = f"{LOGO_FOLDER}/{form.logo}" if form.logo else ""
    lines = {
        "name": f"name: {_quoted(form.name)}",
        "phone": f"phone: {_quoted(form.phone)}",
        "address": _address(form.address),
        "web": f"web: {_quoted(form.web)}" if form.web else None,
        "email": f"email: {_quoted(form.email)}" if form.email else None,
        "logo": f"logo: {_quoted(logo)}" if logo else None,
        "logo_alt": f"logo_alt: {_quoted(form.logo_alt or form.name + ' logo')}" if logo else None,
        "primary": f"primary: {_quoted(form.primary)}",
        "accent": f"accent: {_quoted(form.accent)}",
        "country": f"country: {_quoted(form.country)}",
    }
    for key, line in lines.items():
        pattern = re.compile(rf"^(# )?{key}: .*$", re.MULTILINE)
        found = pattern.search(text)
        if line is None:
            if found and not found[1]:  # a value the starter sets but the form leaves out
                text = text[: found.start()] + "# " + text[found.start() :]
            continue
        if found:
            text = text[: found.start()] + line + text[found.end() :]
        else:
            text += line + "\n"
    return text


def key_lines(text: str) -> list[tuple[int, str]]:
    """(line number, top-level key) of each key in a clinic file, in order (1-based lines)."""
    return [
        (number, match[1])
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := re.match(r"^([a-z_]+):", line))
    ]


def field_of(problem: Problem, keys: list[tuple[int, str]]) -> str:
    """The form field a problem of the clinic file belongs to: the key its message starts with
    (or names: "missing required key 'web'"), else the key whose lines hold its position, else
    ``""`` (the whole form)."""
    head = re.match(r"^([a-z_]+)\b", problem.message)
    known = {"name", "phone", "address", "web", "email", "country", "primary", "accent", "logo", "logo_alt"}
    if head and head[1] in known:
        return "logo" if head[1] == "logo_alt" else head[1]
    named = re.search(r"\bkey '([a-z_]+)'", problem.message)  # "(top level): missing required key 'web'"
    if named and named[1] in known:
        return "logo" if named[1] == "logo_alt" else named[1]
    owner = ""
    for number, key in keys:
        if problem.line and number <= problem.line:
            owner = key
    return "logo" if owner == "logo_alt" else owner


@dataclass
class Checked:
    """What the clinic file made from a form gave: the clinic when it loads, every problem
    (errors and warnings) by form field (``""``: the whole form), and the file's text."""

    clinic: Clinic | None
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    text: str = ""

    @property
    def valid(self) -> bool:
        """No error anywhere (warnings allowed)."""
        return self.clinic is not None and not any(p.severity == "error" for ps in self.problems.values() for p in ps)

    def add(self, name: str, problem: Problem) -> None:
        """Show ``problem`` beside the field ``name``."""
        self.problems.setdefault(name, []).append(problem)


def check_form(form: BrandForm, logo: Path | None, *, available: list[str], exists: bool) -> Checked:
    """Check ``form`` the way ``leafdeck check`` checks a clinic file.

    ``logo`` is the uploaded logo file, checked as ``clinics/logos/<form.logo>``; ``available``
    the languages the knowledge base has; ``exists`` whether a clinic file of that name exists
    already (refused for a new clinic). Nothing is written outside a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="leafdeck-form-") as tmp:
        root = Path(tmp)
        (root / LOGO_FOLDER).mkdir(parents=True)
        if form.logo and logo is not None and logo.is_file():
            (root / LOGO_FOLDER / form.logo).write_bytes(logo.read_bytes())
        checked = _load(form, root)
    _check_choices(form, checked, available=available, exists=exists)
    return checked


def _load(form: BrandForm, root: Path) -> Checked:
    """Load the form's clinic file from a throwaway ``layouts/`` at ``root``, as the CLI does."""
    name = form.slug or "clinic"  # a valid name, or this fixed one: the file stays in root/clinics/
    text = clinic_yaml(replace(form, editing=name))
    path = root / "clinics" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    checked = Checked(None, text=clinic_yaml(form))
    keys = key_lines(text)
    try:
        checked.clinic = load_model(path, Clinic, root)
    except InputError as exc:
        for problem in exc.problems:
            shown = replace(problem, file=f"layouts/clinics/{name}.yaml", message=_relative(problem.message, root))
            checked.add(field_of(problem, keys), shown)
    return checked


def _relative(message: str, root: Path) -> str:
    """A message naming a file of the throwaway folder names it as it will be under layouts/."""
    return message.replace(str(root.resolve()), "layouts").replace(str(root), "layouts")


def _check_choices(form: BrandForm, checked: Checked, *, available: list[str], exists: bool) -> None:
    where = f"layouts/clinics/{form.slug or 'clinic'}.yaml"
    if form.editing and not form.slug:
        message = "name: this form edits a clinic file whose name is not a clinic name; open the clinic from the list"
        checked.add("name", Problem(where, message=message))
    elif not form.slug and not checked.problems.get("name"):
        trouble = "type the clinic's name" if not form.name else "the clinic name must contain letters or digits"
        checked.add("name", Problem(where, message=f"name: {trouble}"))
    if exists and not form.editing:
        message = f"name: a clinic file {form.slug}.yaml exists already; open it from the list of clinics to edit it"
        checked.add("name", Problem(where, message=message))
    if not form.languages or any(lang not in available for lang in form.languages):
        message = f"languages: tick at least one of {', '.join(available)}"
        checked.add("languages", Problem(where, message=message))
    if not form.product_names() or form.paper not in PAPERS or any(p not in PRODUCTS for p in form.products):
        checked.add("products", Problem(where, message="products: tick at least one product and choose A4 or Letter"))


def passing_shade(colour: str, background: str = "#FFFFFF") -> str | None:
    """The nearest darker shade of ``colour`` (same hue and saturation in HSL, lightness lowered
    in steps of 0.5%) on which ``background`` text reaches WCAG 2's 4.5:1 (``MIN_CONTRAST``),
    or None when ``colour`` passes already or is not ``#RRGGBB``."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour) or contrast(colour, background) >= MIN_CONTRAST:
        return None
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        shade = "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast(shade, background) >= MIN_CONTRAST:
            return shade
    return "#000000"


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str], ...]:
    """(ISO 3166-1 alpha-2 code, English name) of every country Babel knows, sorted by name."""
    from babel import Locale

    names = Locale("en").territories
    found = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return tuple(sorted(((c, n) for c, n in found if c not in _NOT_COUNTRIES), key=lambda item: item[1]))


def language_name(code: str) -> str:
    """A language's name in itself and in English: ``"français (French)"``; the code when unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    own, english = locale.get_display_name(code) or code, locale.get_display_name("en") or code
    return own if own == english else f"{own} ({english})"
