"""Translations: ``sources/<kb>.<lang>.yaml`` files keyed by item id, applied to the model.

Only prose is translated. Numbers, structured trial data and references are never retyped:
they come from the English knowledge base. Each translated item records a hash of the English
text it was made from, so ``leafdeck check`` can name the items whose English has changed since.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictBool, StringConstraints, model_validator

from leafdeck.errors import Problem
from leafdeck.model import INTERNATIONAL, Audience, Date, Item, KnowledgeBase, Node, Text
from leafdeck.read.validate import load_validated
from leafdeck.read.yamlio import Located

TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "Statement": ("text", "notes"),
    "GridCell": ("text", "notes"),
    "Topic": ("title", "summary"),
    "Study": ("name", "short_name", "country", "design", "population", "follow_up"),
    "Arm": ("label",),
    "Outcome": ("label", "timeframe", "note"),
    "Option": ("name",),
    "QuestionGroup": ("title",),
    "Step": ("title", "text"),
    "Faq": ("question",),
    "GridRow": ("question",),
    "ValuePrompt": ("text",),
    "Figure": ("caption", "alt"),
    "Term": ("term", "definition"),
    "Document": ("title", "subtitle", "decision", "condition", "disclaimer", "unapproved_use"),
    "Governance": (
        "funding",
        "conflicts_of_interest",
        "disclosures",
        "contact",
        "feedback",
        "update_policy",
        "other_formats",
    ),
}
"""Which fields of each model class carry prose to translate."""

TRANSLATED_AUDIENCES: tuple[Audience, ...] = ("patient", "advocacy")
"""Audiences whose materials must be fully translated; clinician materials stay in English."""


Key = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$")]
"""An item id, or `study-id/arm-id` for a study arm."""


class ItemTranslation(Node):
    """One item's translated fields and the hash of the English it was made from."""

    model_config = Node.model_config | {"extra": "allow"}
    source: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{12}$")]
    """`leafdeck check` prints the current hash of each item; copy it here when translating."""

    @model_validator(mode="after")
    def _texts_filled(self) -> ItemTranslation:
        for name, value in (self.model_extra or {}).items():
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name}: expected the translated text, got {value!r}")
        return self


class Translation(Node):
    """A translation of the knowledge base into one language."""

    language: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
    """Language code, e.g. `fr`."""
    source_version: Annotated[str, StringConstraints(strict=True, pattern=r"^\d+\.\d+(\.\d+)?$")]
    """Version of the English knowledge base this translation was made from."""
    translator: Text
    """Who translated it."""
    clinically_checked: StrictBool
    """True once a clinician fluent in the language has checked it; outputs say so when false."""
    checked_by: Text | None = None
    """Who checked it clinically."""
    date: Date
    """When the translation was made or last updated."""
    keywords: tuple[Text, ...] = Field(min_length=1)
    """Keywords for document metadata, in this language."""
    items: dict[Key, ItemTranslation]
    """Translated fields by item id (`document` and `governance` for those blocks; `study-id/arm-id` for arms)."""


def item_hash(fields: dict[str, str | None]) -> str:
    """A short, stable hash of an item's English prose."""
    text = json.dumps({k: v for k, v in sorted(fields.items()) if v is not None}, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def translatable_items(kb: KnowledgeBase) -> dict[str, tuple[BaseModel, dict[str, str | None]]]:
    """Every item with prose, by translation key, with its English fields."""
    found: dict[str, tuple[BaseModel, dict[str, str | None]]] = {}
    for key, node in _keyed(kb):
        fields = TRANSLATABLE.get(type(node).__name__, ())
        english = {name: getattr(node, name) for name in fields}
        if any(v is not None for v in english.values()):
            found[key] = (node, english)
    return found


def _keyed(value: Any, study: str | None = None) -> Iterator[tuple[str, BaseModel]]:
    if isinstance(value, BaseModel):
        name = type(value).__name__
        if name == "Document":
            yield "document", value
        elif name == "Governance":
            yield "governance", value
        elif name == "Arm" and study:
            yield f"{study}/{value.id}", value  # type: ignore[attr-defined]
        elif isinstance(value, Item):
            yield value.id, value
        inner = value.id if name == "Study" else study  # type: ignore[attr-defined]
        for field in type(value).model_fields:
            if field != "references":
                yield from _keyed(getattr(value, field), inner)
    elif isinstance(value, tuple):
        for child in value:
            yield from _keyed(child, study)


def load_translation(path: Path) -> tuple[Translation, Located]:
    """A translation file, validated; raises InputError."""
    return load_validated(path, Translation)


def translation_problems(kb: KnowledgeBase, translation: Translation, located: Located) -> list[Problem]:
    """Missing, unknown, stale and misnamed entries of a translation."""
    items = translatable_items(kb)
    problems = []
    for key, entry in translation.items.items():
        if key not in items:
            close = difflib.get_close_matches(key, list(items), n=1, cutoff=0.7)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                located.problem(
                    ("items", key), f"items.{key}: no item {key!r} in the knowledge base{hint}", key=True, warning=True
                )
            )
            continue
        node, english = items[key]
        for field in entry.model_extra or {}:
            if field not in english:
                problems.append(
                    located.problem(
                        ("items", key, field),
                        f"items.{key}.{field}: {type(node).__name__} has no translatable field {field!r}; choose from {', '.join(english)}",
                        key=True,
                    )
                )
        current = item_hash(english)
        if entry.source != current:
            problems.append(
                located.problem(
                    ("items", key, "source"),
                    f"items.{key}: stale: the English changed since this was translated (now {current})",
                    warning=True,
                )
            )
    for key in needed_keys(kb):
        if key not in translation.items:
            problems.append(
                Problem(
                    located.file,
                    message=f"{translation.language}: item {key!r} has no translation (its hash is {item_hash(items[key][1])})",
                )
            )
        else:
            missing = [
                f
                for f, v in items[key][1].items()
                if v is not None and f not in (translation.items[key].model_extra or {})
            ]
            if missing:
                problems.append(located.problem(("items", key), f"items.{key}: missing {', '.join(missing)}"))
    return problems


def needed_keys(kb: KnowledgeBase) -> list[str]:
    """Translation keys of every item that patient or advocacy readers see."""
    from leafdeck.plan.variants import select

    if _NEEDED and _NEEDED[0][0] is kb:  # asked again for the same model (once per translation)
        return list(_NEEDED[0][1])
    keys: dict[str, None] = {}
    items = list(_items(kb))
    countries = [INTERNATIONAL, *sorted({c for item in items for c in item.countries} - {INTERNATIONAL})]
    distinct: dict[frozenset[int], str] = {}  # a country named by the same items as an earlier one selects the same
    for country in countries:
        distinct.setdefault(frozenset(i for i, item in enumerate(items) if country in item.countries), country)
    for audience in TRANSLATED_AUDIENCES:
        for country in distinct.values():  # every clinic's selection: country-specific items too
            keys.update(dict.fromkeys(translatable_items(select(kb, audience, country))))
    _NEEDED[:] = [(kb, list(keys))]
    return list(keys)


_NEEDED: list[tuple[KnowledgeBase, list[str]]] = []
"""The last model ``needed_keys`` was asked about, and its answer."""


def _items(value: Any) -> Iterator[Item]:
    if isinstance(value, Item):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _items(getattr(value, name))
    elif isinstance(value, tuple):
        for child in value:
            yield from _items(child)


_FRENCH_SPACING = (
    (re.compile(r" +([?!:;»])"), "\u00a0\\1"),
    (re.compile(r"« +"), "«\u00a0"),
    (re.compile(r"(?<=\d) (?=\d{3}\b)"), "\u00a0"),
)


def typeset(text: str, language: str) -> str:
    """Language-specific spacing: in French, no line break before ? ! : ; », after «, or inside 30 000."""
    if not language.startswith("fr"):
        return text
    for pattern, replacement in _FRENCH_SPACING:
        text = pattern.sub(replacement, text)
    return text


def apply(kb: KnowledgeBase, translation: Translation) -> KnowledgeBase:
    """The knowledge base with every translated field replaced (the language set too)."""
    language = translation.language
    entries = {
        key: {f: typeset(v, language) for f, v in (entry.model_extra or {}).items()}
        for key, entry in translation.items.items()
    }
    translated = _apply(kb, entries, None)
    document = translated.document.model_copy(
        update={"language": translation.language, "keywords": translation.keywords}
    )
    return translated.model_copy(update={"document": document})


def _apply(value: Any, entries: dict[str, dict[str, Any]], study: str | None) -> Any:
    if isinstance(value, BaseModel):
        key = _key_of(value, study)
        inner = value.id if type(value).__name__ == "Study" else study  # type: ignore[attr-defined]
        updates = {f: _apply(getattr(value, f), entries, inner) for f in type(value).model_fields if f != "references"}
        if key in entries:
            fields = TRANSLATABLE.get(type(value).__name__, ())
            updates.update({f: v for f, v in entries[key].items() if f in fields})
        return value.model_copy(update=updates)
    if isinstance(value, tuple):
        return tuple(_apply(v, entries, study) for v in value)
    return value


def _key_of(value: BaseModel, study: str | None) -> str | None:
    name = type(value).__name__
    if name in ("Document", "Governance"):
        return name.lower()
    if name == "Arm":
        return f"{study}/{value.id}" if study else None  # type: ignore[attr-defined]
    return value.id if isinstance(value, Item) else None


def translation_path(kb_path: Path, language: str) -> Path:
    """Where the translation of ``kb_path`` into ``language`` lives."""
    return kb_path.with_name(f"{kb_path.stem}.{language}.yaml")


def available_languages(kb_path: Path, base: str) -> list[str]:
    """The base language and every language with a translation file beside the knowledge base."""
    found = sorted(
        p.name.removeprefix(f"{kb_path.stem}.").removesuffix(".yaml")
        for p in kb_path.parent.glob(f"{kb_path.stem}.*.yaml")
    )
    return [base, *[lang for lang in found if lang != base]]


def starter(kb: KnowledgeBase, language: str, today: str) -> str:
    """A translation file to fill in: every needed item, its English in comments, its hash."""
    items = translatable_items(kb)
    lines = [
        f'# Translation of {kb.document.id} into {language!r}. Fill in every empty "" field; the English is in',
        "# the comment above it. Keep `source:` as it is: it records which English text you translated.",
        "# When the English changes later, `leafdeck check` names the stale items and prints the new hash.",
        f"language: {language}",
        f'source_version: "{kb.governance.version}"',
        'translator: ""',
        "clinically_checked: false",
        f"date: {today}",
        'keywords: [""]',
        "items:",
    ]
    for key in needed_keys(kb):
        _, english = items[key]
        lines.append(f"  {key}:")
        lines.append(f'    source: "{item_hash(english)}"')  # quoted: an all-digit hash would read as a number
        for name, text in english.items():
            if text is not None:
                lines.append(f"    # EN: {' '.join(str(text).split())}")
                lines.append(f'    {name}: ""')
    return "\n".join(lines) + "\n"
