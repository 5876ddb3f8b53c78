"""Interface words printed around the content ("Key points", "Page 2 of 9"), per language,
from ``sources/labels.yaml``, plus locale-aware dates and numbers (Babel)."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated

from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import AfterValidator, RootModel, StringConstraints

from leafdeck.errors import InputError, Problem, display_path, errors_only
from leafdeck.model import _printable
from leafdeck.read.paths import PROJECT_SOURCES
from leafdeck.read.validate import load_validated
from leafdeck.read.yamlio import load

OFFLINE = ("contact_heading", "read_online", "full_references")
"""Labels that point to the online copy, each with an ``<key>_offline`` form (``Labels.offline``)."""

Word = Annotated[str, StringConstraints(strict=True, min_length=1), AfterValidator(_printable)]
"""A label: text without control or invisible characters (as in the knowledge base)."""


class LabelFile(RootModel[dict[str, Word]]):
    """label key → text, for one language."""


@dataclass(frozen=True)
class Labels:
    """The interface words of one language, and its locale's formats."""

    language: str
    words: dict[str, str] = field(default_factory=dict)
    country: str = ""
    """The clinic's country (ISO 3166-1 alpha-2), for dates written as that country writes them
    in this language (``in_country``); empty for the language's own default."""

    def __call__(self, key: str, **values: object) -> str:
        """The label, with ``{placeholders}`` filled in. Label files are edited by volunteers, so a
        missing label or a placeholder leafdeck does not fill is a user error, not a crash."""
        text = self.words.get(key)
        if text is None:
            raise InputError([Problem(f"labels.{self.language}.yaml", message=f"no label {key!r}")])
        try:
            placeholders(text)  # no attribute or index lookups, whatever the file says
            return text.format_map(values)
        except (KeyError, ValueError) as exc:
            wanted = ", ".join(f"{{{name}}}" for name in values) or "no placeholders"
            message = f"{key}: cannot fill in {text!r} ({exc}); this label takes {wanted}"
            raise InputError([Problem(f"labels.{self.language}.yaml", message=message)]) from None

    def offline(self) -> Labels:
        """The words of an output with no online copy (a clinic without a website): each label
        in ``OFFLINE`` replaced by its ``_offline`` form, which says how to ask the clinic
        instead of pointing to an address ("Contact" for "Contact and online copy")."""
        words = dict(self.words)
        for key in OFFLINE:
            words[key] = self.words.get(f"{key}_offline", words.get(key, ""))
        return replace(self, words=words)

    def in_country(self, country: str) -> Labels:
        """These labels, writing dates as ``country`` does in this language (a GB clinic's English
        "22 November 2026", a US clinic's "November 22, 2026"); unchanged where Babel has no
        locale for the pair (``international``, or a language not written there)."""
        return replace(self, country=country)

    def date(self, value: dt.date) -> str:
        """A date written out in the language (and the clinic's country, when Babel knows the
        pair), e.g. `22 November 2026`."""
        return format_date(value, format="long", locale=self.date_locale)

    @property
    def date_locale(self) -> str:
        """The Babel locale dates are written in: language and country (``en_GB``) when Babel has
        data for the pair, else the language's."""
        from babel import localedata

        pair = f"{self.language.split('-')[0]}_{self.country}"
        return pair if len(self.country) == 2 and self.country.isupper() and localedata.exists(pair) else self.locale

    def colon(self, text: str) -> str:
        """``text`` followed by a colon as the language writes it: French puts a no-break space
        before it ("Version\u00a0:"), English and Spanish none."""
        return f"{text}\u00a0:" if self.language.split("-")[0] == "fr" else f"{text}:"

    def number(self, value: float, places: int = 1, *, signed: bool = False) -> str:
        """A number in the language's format (decimal comma in French and Spanish), rounded to
        ``places``; ``signed``: a + before a positive number. A number that rounds to zero is
        written 0, never -0 or +0 (a screen reader says "minus zero")."""
        rounded = round(value, places) + 0.0  # adding 0.0 turns -0.0 into 0.0
        text = format_decimal(rounded, format=f"#,##0.{'#' * places}" if places else "#,##0", locale=self.locale)
        return f"+{text}" if signed and rounded > 0 else text

    @property
    def locale(self) -> str:
        return self.language.replace("-", "_")


"""Where labels are looked for when the knowledge base's own folder has none."""


def labels_path(sources: Path, language: str) -> Path:
    """Where one language's labels live: beside the knowledge base, else in ./sources."""
    beside = sources / f"labels.{language}.yaml"
    fallback = PROJECT_SOURCES / f"labels.{language}.yaml"
    return beside if beside.exists() or not fallback.exists() else fallback


def load_labels(sources: Path, language: str) -> Labels:
    """One language's labels; it must have exactly the keys the English file has. A language
    whose label file is not there yet (a translation just started) has the English words, as
    its untranslated items do (``copied_labels`` says so, LANG-001)."""
    english = _read(labels_path(sources, "en"))
    if language == "en":
        return Labels("en", english)
    path = labels_path(sources, language)
    if not path.exists():
        return Labels(language, english)
    words = _read(path, english)
    located, _ = load(path)
    assert located is not None
    problems = [
        Problem(located.file, message=f"no label {key!r} (English: {english[key]!r})")
        for key in english
        if key not in words
    ]
    problems += [
        located.problem((key,), f"{key}: not a label leafdeck uses", key=True) for key in words if key not in english
    ]
    if problems:
        raise InputError(problems)
    return Labels(language, words)


def copied_labels(sources: Path, language: str) -> list[Problem]:
    """LANG-001, at each label of ``language`` (not English) that is still the English label
    word for word, with four words or more outside its placeholders: copied from
    ``labels.en.yaml`` and not translated yet. Short labels ("Version {version}") may well stay."""
    from leafdeck.read.translations import COPIED_WORDS, UNTRANSLATED

    if language.split("-")[0] == "en":
        return []
    path = labels_path(sources, language)
    if not path.exists():
        message = (
            f"file not found: the interface words are shown in English until you copy "
            f"{labels_path(sources, 'en')} to {path} and translate its words (keep the {{placeholders}}; "
            "README, Adding a language)"
        )
        return [Problem(display_path(path), message=message, severity="warning", rule="LANG-001")]
    english = _read(labels_path(sources, "en"))
    located, _ = load(path)
    if located is None or not isinstance(located.data, dict):
        return []  # load_labels reports it
    return [
        located.problem((key,), f"{key}: still the English label; translate it", warning=True, rule=UNTRANSLATED)
        for key, text in located.data.items()
        if text == english.get(key) and len(_PROSE.findall(_FIELD.sub("", str(text)))) >= COPIED_WORDS
    ]


_FIELD = re.compile(r"\{[^{}]*\}")
_PROSE = re.compile(r"[^\W\d_]+")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a label fills in. Raises ValueError for braces that are not plain
    placeholders: ``{phone.__class__}``, ``{0}``, ``{x!r}`` or a lone ``{``."""
    names = set()
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        raise ValueError("a '{' or '}' that is not part of a {placeholder}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _NAME.fullmatch(name) or conversion or "{" in (spec or ""):
            raise ValueError(f"{{{name}}} is not a plain placeholder such as {{phone}}")
        names.add(name)
    return names


_FORMATTER = string.Formatter()
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _read(path: Path, english: dict[str, str] | None = None) -> dict[str, str]:
    """A label file's table; every placeholder plain, and the same as English's when given."""
    table, located = load_validated(path, LabelFile)
    problems: list[Problem] = []
    for key, text in table.root.items():
        try:
            names = placeholders(text)
        except ValueError as exc:
            problems.append(located.problem((key,), f"{key}: {exc}; write {{{{ and }}}} for a literal brace"))
            continue
        if english is not None and key in english and names != placeholders(english[key]):
            shown = ", ".join(f"{{{n}}}" for n in sorted(placeholders(english[key]))) or "none"
            message = f"{key}: keep the English label's placeholders ({shown}) exactly, got {text!r}"
            problems.append(located.problem((key,), message))
    if errors_only(problems):
        raise InputError(problems)
    return table.root
