"""The knowledge base as the source checks read it: each language's model, where every item
sits (in the knowledge base or in a translation file), and its prose by section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leafdeck.checks.core import at, item_index
from leafdeck.checks.settings import Settings
from leafdeck.model import KnowledgeBase, Option, Statement
from leafdeck.plan.variants import select
from leafdeck.read.translations import TRANSLATED_AUDIENCES
from leafdeck.read.yamlio import Loc, Located


@dataclass(frozen=True)
class Prose:
    """One piece of running text a reader meets, and where it comes from."""

    section: str
    """Section id: `document`, `key-points`, a topic's id, `studies`, `options`, ..."""
    heading: str
    key: str
    """Item id (or `document`, `governance`): the translation key too."""
    field: str
    text: str


@dataclass(frozen=True)
class Language:
    """One language's knowledge base and the file its prose is written in."""

    code: str
    kb: KnowledgeBase
    located: Located | None = None
    """The translation file (None for the knowledge base's own language)."""


@dataclass
class Source:
    """Everything the source rules read."""

    path: Path
    kb: KnowledgeBase
    located: Located
    settings: Settings
    settings_located: Located | None = None
    today: dt.date = field(default_factory=dt.date.today)
    release: bool = False
    languages: dict[str, Language] = field(default_factory=dict)
    layouts: Path = Path("layouts")

    def __post_init__(self) -> None:
        self.index = item_index(self.located.data)
        base = self.kb.document.language
        self.languages = {base: Language(base, self.kb), **{k: v for k, v in self.languages.items() if k != base}}

    def loc(self, key: str, name: str = "") -> Loc:
        """Path of an item's field in the knowledge base."""
        base: Loc = (key,) if key in ("document", "governance") else self.index.get(key, ())
        return (*base, name) if name else base

    def where(self, key: str, name: str = "", language: str | None = None) -> tuple[str, int, int]:
        """File, line and column of an item's field, in the file where that language's text is."""
        lang = self.languages.get(language or self.kb.document.language)
        if lang is not None and lang.located is not None:
            entry = ("items", key, name) if name else ("items", key)
            if entry[:2] in lang.located.values:
                return at(lang.located, entry)
        return at(self.located, self.loc(key, name))

    def variants(self, audience: str) -> Iterator[tuple[Language, KnowledgeBase]]:
        """Each language's view for one audience (clinician material is English only)."""
        for code, lang in self.languages.items():
            if code == self.kb.document.language or audience in TRANSLATED_AUDIENCES:
                yield lang, select(lang.kb, audience)  # type: ignore[arg-type]


def prose(kb: KnowledgeBase) -> list[Prose]:
    """The running text of a (selected, perhaps translated) knowledge base, by section, in
    reading order. Headings, names and labels are left out: formulas score sentences."""
    doc = kb.document
    found = [Prose("document", "The decision", "document", name, getattr(doc, name)) for name in _DOCUMENT]
    found += [_statement("key-points", "Key points", s) for s in kb.key_points]
    for topic in kb.topics:
        found += [_statement(topic.id, topic.title, s) for s in topic.statements]
    for study in kb.studies:
        found.append(Prose("studies", "The main studies", study.id, "design", study.design))
        if study.population:
            found.append(Prose("studies", "The main studies", study.id, "population", study.population))
        found += [_statement("studies", "The main studies", s) for s in (*study.findings, study.conclusion)]
    for option in kb.options:
        found += [_statement("options", "Your options", s) for s in _option_statements(option)]
    for group in kb.questions:
        found += [_statement("questions", "Questions to ask", s) for s in group.questions]
    found += [Prose("framework", "Making your decision", s.id, "text", s.text) for s in kb.framework]
    for faq in kb.faq:
        found.append(Prose("faq", "Common questions", faq.id, "question", faq.question))
        found.append(_statement("faq", "Common questions", faq.answer))
    found += [Prose("glossary", "Words used", t.id, "definition", t.definition) for t in kb.glossary]
    gov = kb.governance
    found += [Prose("about", "About this leaflet", "governance", name, getattr(gov, name)) for name in _ABOUT]
    return found


_DOCUMENT = ("decision", "condition", "disclaimer", "unapproved_use")
_ABOUT = ("funding", "conflicts_of_interest", "contact", "feedback", "update_policy", "other_formats")


def _statement(section: str, heading: str, statement: Statement) -> Prose:
    return Prose(section, heading, statement.id, "text", statement.text)


def _option_statements(option: Option) -> tuple[Statement, ...]:
    return (option.summary, *option.benefits, *option.harms)


def statements(kb: KnowledgeBase) -> Iterator[Statement]:
    """Every statement of the knowledge base (key points, topics, findings, options, questions, answers)."""
    yield from kb.key_points
    for topic in kb.topics:
        yield from topic.statements
    for study in kb.studies:
        yield from (*study.findings, study.conclusion)
    for option in kb.options:
        yield from _option_statements(option)
    for group in kb.questions:
        yield from group.questions
    for faq in kb.faq:
        yield faq.answer
