"""Translations: ``sources/<kb>.<lang>.yaml`` files keyed by item id, applied to the model.

Only prose is translated. Numbers, structured trial data and references are never retyped:
they come from the English knowledge base. Each translated item records a hash of the English
text it was made from, so ``leafdeck check`` can name the items whose English has changed since.

A translation is made step by step: a field left empty (``""``), or missing, is not translated
yet. It is built in English, ``leafdeck check`` lists it at its own line (LANG-001, with the
progress at ``language:``), every output of the language says so (``translation_incomplete``),
and ``check --release`` refuses the language (LANG-002, ``checks/languages.py``).

Which items carry prose, their hashes, and which a translation needs are in ``read/translated.py``
(re-exported here).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, StrictBool, StringConstraints

from leafdeck.errors import Problem
from leafdeck.model import Item, KnowledgeBase, Node, PastDate, Text, _printable
from leafdeck.read.languages import code_problem
from leafdeck.read.translated import TRANSLATABLE as TRANSLATABLE
from leafdeck.read.translated import TRANSLATED_AUDIENCES as TRANSLATED_AUDIENCES
from leafdeck.read.translated import item_hash as item_hash
from leafdeck.read.translated import needed_keys as needed_keys
from leafdeck.read.translated import translatable_items as translatable_items
from leafdeck.read.validate import load_validated
from leafdeck.read.yamlio import Located

Key = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$")]
"""An item id, or `study-id/arm-id` for a study arm."""


def _translated_text(value: object) -> object:
    """A field's value, when it is text; the message says what is expected otherwise."""
    if not isinstance(value, str):
        raise ValueError(f'expected the translated text (or "" until it is translated), got {value!r}')
    return value


Translated = Annotated[str, BeforeValidator(_translated_text), AfterValidator(_printable)]
"""One translated field: text, or ``""`` until it is translated; no control or format characters
(refused at the field's own line and column, as in the knowledge base)."""


class ItemTranslation(Node):
    """One item's translated fields and the hash of the English it was made from. A field left
    empty (``""``) is not translated yet: the item is built with that field in English."""

    model_config = Node.model_config | {"extra": "allow"}
    __pydantic_extra__: dict[str, Translated] = Field(init=False)
    source: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{12}$")]
    """`leafdeck check` prints the current hash of each item; copy it here when translating."""

    @property
    def filled(self) -> dict[str, str]:
        """The fields translated so far (an empty ``""`` is not)."""
        return {name: value for name, value in (self.model_extra or {}).items() if value.strip()}


def _language_code(code: str) -> str:
    trouble = code_problem(code)
    if trouble:
        raise ValueError(trouble)
    return code


Draft = Annotated[str, StringConstraints(strict=True, strip_whitespace=True), AfterValidator(_printable)]
"""Text that may still be empty in a translation being made."""


class Translation(Node):
    """A translation of the knowledge base into one language."""

    language: Annotated[
        str, StringConstraints(strict=True, pattern=r"^[a-z]{2}(-[A-Z]{2})?$"), AfterValidator(_language_code)
    ]
    """Language code, e.g. `fr`: a language Babel has locale data for."""
    source_version: Annotated[str, StringConstraints(strict=True, pattern=r"^\d+\.\d+(\.\d+)?$")]
    """Version of the English knowledge base this translation was made from."""
    translator: Draft
    """Who translated it (empty until recorded: `leafdeck check` warns, `--release` refuses)."""
    clinically_checked: StrictBool
    """True once a clinician fluent in the language has checked it; outputs say so when false."""
    checked_by: Text | None = None
    """Who checked it clinically."""
    date: PastDate
    """When the translation was made or last updated."""
    keywords: tuple[Draft, ...] = Field(min_length=1)
    """Keywords for document metadata, in this language (the English ones while all are empty)."""
    items: dict[Key, ItemTranslation]
    """Translated fields by item id (`document` and `governance` for those blocks; `study-id/arm-id` for arms)."""


def load_translation(path: Path) -> tuple[Translation, Located]:
    """A translation file, validated; raises InputError."""
    return load_validated(path, Translation)


def translation_problems(
    kb: KnowledgeBase, translation: Translation, located: Located, *, each_field: bool = True
) -> list[Problem]:
    """Unknown, misnamed and stale entries of a translation, and what is not translated yet.

    Unknown entries and stale items warn (SRC-002); a field no English item has is an error
    (SRC-001). What is not translated yet warns under LANG-001 and is built in English: each
    empty field at its own line and column, each item or field missing from the file at its
    item, and one line at ``language:`` with the progress ("2 of 431 fields translated").
    ``each_field=False`` (a build) keeps only that progress line of LANG-001."""
    items = translatable_items(kb)
    problems = []
    named = Path(located.file).name.removesuffix(".yaml").rsplit(".", 1)[-1]
    if named != translation.language:
        message = (
            f"language: {translation.language!r}, but the file name says {named!r}; leafdeck finds a "
            f"language by its file name: rename the file, or write `language: {named}`"
        )
        problems.append(located.problem(("language",), message))
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
        if entry.source != current and entry.filled:  # nothing translated yet: nothing is out of date
            problems.append(
                located.problem(
                    ("items", key, "source"),
                    f"items.{key}: stale: the English changed since this was translated (now {current})",
                    warning=True,
                )
            )
    done = progress(kb, translation)
    if each_field:
        problems += _untranslated(kb, translation, located, done)
    if done.missing:
        message = (
            f"{translation.language}: {done.translated} of {done.total} fields translated; the other "
            f"{len(done.missing)} are built in English, and every output in this language says so"
        )
        problems.append(located.problem(("language",), message, warning=True, rule=UNTRANSLATED))
    return problems


UNTRANSLATED, RELEASE_UNTRANSLATED = "LANG-001", "LANG-002"
"""Rules: a field not translated yet (built in English; a warning), and a language with such
fields in a release (an error, ``leafdeck check --release``)."""


@dataclass(frozen=True)
class Progress:
    """How much of a translation is done: fields with English text that readers of the
    translated audiences see, and which of them are not translated yet."""

    translated: int
    total: int
    missing: tuple[tuple[str, str], ...]
    """(translation key, field) of every field not translated yet, in the knowledge base's order."""


def progress(kb: KnowledgeBase, translation: Translation) -> Progress:
    """The translated and untranslated fields of ``translation``: a field is not translated
    while it is empty, missing, or the English text pasted as it is (``copied``). A field no
    English item has, or an item not in the knowledge base, counts for neither."""
    items = translatable_items(kb)
    missing: list[tuple[str, str]] = []
    total = 0
    for key in needed_keys(kb):
        entry = translation.items.get(key)
        filled = entry.filled if entry is not None else {}
        for field, text in items[key][1].items():
            if text is not None:
                total += 1
                if field not in filled or copied(filled[field], text):
                    missing.append((key, field))
    return Progress(total - len(missing), total, tuple(missing))


COPIED_WORDS = 4
"""A field this many words long or longer that is the English word for word was pasted, not
translated (a name or a short term may well stay the same in another language)."""


def copied(translated: str, english: str) -> bool:
    """Whether ``translated`` is the English text pasted as it is (see ``COPIED_WORDS``)."""
    words = english.split()
    return len(words) >= COPIED_WORDS and translated.split() == words


def _untranslated(kb: KnowledgeBase, translation: Translation, located: Located, done: Progress) -> list[Problem]:
    """LANG-001 for each field not translated yet: at the empty field, or at its item when the
    field is not in the file, or at ``items:`` when the item is not; and for an empty
    translator or keyword."""
    items = translatable_items(kb)
    problems = []
    absent: dict[str, list[str]] = {}
    for key, field in done.missing:
        entry = translation.items.get(key)
        if entry is not None and field in (entry.model_extra or {}):
            pasted = field in entry.filled  # filled in, with the English itself
            state = "still the English text" if pasted else "not translated yet"
            message = f"items.{key}.{field}: {state}; built in English until it is translated"
            problems.append(located.problem(("items", key, field), message, warning=True, rule=UNTRANSLATED))
        else:
            absent.setdefault(key, []).append(field)
    for key, fields in absent.items():
        if key in translation.items:
            message = f"items.{key}: no {', '.join(fields)} here yet; built in English until translated"
            problems.append(located.problem(("items", key), message, key=True, warning=True, rule=UNTRANSLATED))
        else:
            message = (
                f"items.{key}: not in this file yet; built in English until translated: add `{key}:` under "
                f'`items:` with `source: "{item_hash(items[key][1])}"` and {", ".join(fields)}'
            )
            problems.append(located.problem(("items",), message, key=True, warning=True, rule=UNTRANSLATED))
    if not translation.translator:
        message = "translator: who translated this is not recorded yet"
        problems.append(located.problem(("translator",), message, warning=True, rule=UNTRANSLATED))
    for i, keyword in enumerate(translation.keywords):
        if not keyword:
            message = f"keywords[{i}]: not translated yet; the document metadata keeps the English keywords until it is"
            problems.append(located.problem(("keywords", i), message, warning=True, rule=UNTRANSLATED))
    return problems


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
    """The knowledge base with every translated field replaced (the language set too); a field
    not translated yet keeps its English text. The same model comes back for the same ``kb``
    and an equal ``translation`` (a check and its fit prediction read the file each once, so
    what is worked out from the translated model, such as its selections, is worked out once)."""
    made = _APPLIED.get(id(kb))
    if made is None or made[0] is not kb:
        if len(_APPLIED) >= 4:
            _APPLIED.clear()
        made = _APPLIED[id(kb)] = (kb, [])
    for known, translated in made[1]:
        if known is translation or known == translation:
            return translated
    translated = _applied(kb, translation)
    made[1].append((translation, translated))
    del made[1][:-8]
    return translated


_APPLIED: dict[int, tuple[KnowledgeBase, list[tuple[Translation, KnowledgeBase]]]] = {}
"""``apply``'s answers: id of the knowledge base → (that model, [(translation, translated)]);
the model is kept, so its id cannot be reused while the entry lives (models are frozen)."""


def _applied(kb: KnowledgeBase, translation: Translation) -> KnowledgeBase:
    language = translation.language
    entries = {
        key: {f: typeset(v, language) for f, v in entry.filled.items()} for key, entry in translation.items.items()
    }
    translated = _apply(kb, entries, None)
    keywords = tuple(k for k in translation.keywords if k) or kb.document.keywords
    document = translated.document.model_copy(update={"language": translation.language, "keywords": keywords})
    governance = translated.governance.model_copy(update={"publisher": _publisher_language_kept(kb)})
    return translated.model_copy(
        update={"document": document, "governance": governance, "references": _languages_kept(kb)}
    )


def _publisher_language_kept(kb: KnowledgeBase) -> Any:
    """The publisher (its name never translated) with the language its name is written in
    said: without ``language:``, the knowledge base's own."""
    publisher = kb.governance.publisher
    return publisher if publisher.language else publisher.model_copy(update={"language": kb.document.language})


def _languages_kept(kb: KnowledgeBase) -> tuple[Any, ...]:
    """The references (never translated) with the language they are written in said: a
    reference without ``language:`` is in the knowledge base's own language."""
    base = kb.document.language
    return tuple(r if r.language else r.model_copy(update={"language": base}) for r in kb.references)


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
        f'# Translation of {kb.document.id} into {language!r}. Fill in the empty "" fields; the English is in',
        "# the comment above each. Until a field is filled in it is built in English, and every output in",
        "# this language says the translation is not finished; `leafdeck check` lists what is left.",
        "# Keep `source:` as it is: it records which English text you translated. When the English changes",
        "# later, `leafdeck check` names the stale items and prints the new hash.",
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
