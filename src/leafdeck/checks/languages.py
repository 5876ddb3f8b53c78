"""Translations in a release: a language with fields not translated yet is refused (LANG-002).

Without ``--release`` the loader already lists every such field as a warning (LANG-001, in
``read/translations.py``) and the build makes the language with those fields in English, saying
so on every output's first page and slide; a release issues only finished translations.
"""

from __future__ import annotations

from pydantic import ValidationError

from leafdeck.checks.content import Source
from leafdeck.checks.core import at, finding
from leafdeck.errors import Problem
from leafdeck.read.labels import copied_labels, labels_path
from leafdeck.read.translations import RELEASE_UNTRANSLATED, Translation, progress


def translation(source: Source, code: str) -> Translation | None:
    """The translation into ``code``, read from its already-loaded file (None for the knowledge
    base's own language, or a file that does not validate: the loader reports that)."""
    language = source.languages.get(code)
    if language is None or language.located is None:
        return None
    try:
        return Translation.model_validate(language.located.data)
    except ValidationError:
        return None


def untranslated(source: Source, code: str) -> frozenset[tuple[str, str]]:
    """(item key, field) of every field of language ``code`` not translated yet, so built in
    the knowledge base's own language (none for that language itself)."""
    found = translation(source, code)
    return frozenset(progress(source.kb, found).missing) if found is not None else frozenset()


def english_labels(source: Source, code: str) -> str | None:
    """What of language ``code``'s interface words is still English, or None: its labels file is
    missing (every interface word of its outputs, "Key points", "Phone:", would be English), or
    labels of four words or more are still the English ones word for word (LANG-001 lists them,
    ``read.labels.copied_labels``; a short label may stay). A release refuses both (trial 17d:
    a labels file copied from English and never translated passed)."""
    sources = source.path.parent
    if not labels_path(sources, code).exists():
        return f"the interface words of {labels_path(sources, code)}"
    copied = copied_labels(sources, code)
    if copied:
        return f"{len(copied)} interface labels of {labels_path(sources, code)}"
    return None


def check(source: Source) -> list[Problem]:
    """LANG-002 with ``--release``: one error per translation not finished (a field, the
    translator or a keyword still empty), at its ``language:`` line."""
    if not source.release:
        return []
    found = []
    for code, language in source.languages.items():
        translated = translation(source, code)
        if translated is None or language.located is None:
            continue
        done = progress(source.kb, translated)
        left = [f"{len(done.missing)} of {done.total} fields"] if done.missing else []
        left += ["the translator"] if not translated.translator else []
        left += ["keywords"] if not all(translated.keywords) else []
        english = english_labels(source, code)
        left += [english] if english else []
        if left:
            listed = ", ".join(left[:-1]) + f" and {left[-1]}" if len(left) > 1 else left[0]
            verb = "is" if left == ["the translator"] else "are"
            message = (
                f"{code}: not finished ({listed} {verb} not filled in yet); a release issues only finished "
                "translations: finish it, or move the file aside for this release"
            )
            found.append(finding(RELEASE_UNTRANSLATED, at(language.located, ("language",)), message))
    return found
