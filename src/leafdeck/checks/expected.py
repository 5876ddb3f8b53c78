"""Which items of a variant each output must show, section by section, as the renderers
choose them: the layout lists the sections; each section shows certain items. An item counts
as shown when its text (or, in a deck, its speaker notes) can be read back from the output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from leafdeck.model import KnowledgeBase, Statement, Study

_TOPICS = ("intervention", "hypothesis", "spread", "evidence", "safety", "regulation", "unknowns")
_TOPICS += ("experiences", "next_steps")


@dataclass(frozen=True)
class Expected:
    """An item an output must show: its translation key and field, and the texts that count."""

    key: str
    field: str
    texts: tuple[str, ...]


def leaflet_items(kb: KnowledgeBase, sections: tuple[str, ...], questions: int | None) -> list[Expected]:
    """What a leaflet with these sections shows of ``kb``."""
    found: list[Expected] = []
    for section in sections:
        if section in _TOPICS:
            found += _topic(kb, section, notes=False)
        if section == "intervention":
            found.append(Expected("document", "unapproved_use", (kb.document.unapproved_use,)))
        if section == "key_points":
            found += [_statement(s, notes=False) for s in kb.key_points]
        if section in ("evidence", "chart"):
            found += _chart(kb)
        if section == "studies":
            for study in kb.studies:
                if study.findings:
                    found.append(Expected(study.id, "design", (study.design,)))
                    found += [_statement(s, notes=False) for s in (*study.findings, study.conclusion)]
        if section == "options":
            for option in kb.options:
                statements = (option.summary, *option.benefits, *option.harms)
                found += [_statement(s, notes=False) for s in statements]
        if section == "options_brief":
            found += [_statement(o.summary, notes=False) for o in kb.options]
        if section == "framework":
            found += [Expected(s.id, "text", (s.text,)) for s in kb.framework]
        if section == "questions":
            for group in kb.questions:
                found += [_statement(s, notes=False) for s in group.questions[:questions]]
        if section == "faq":
            for faq in kb.faq:
                found += [Expected(faq.id, "question", (faq.question,)), _statement(faq.answer, notes=False)]
        if section == "glossary":
            found += [Expected(t.id, "definition", (t.definition,)) for t in kb.glossary]
    return found


def deck_items(kb: KnowledgeBase, sections: tuple[str, ...]) -> list[Expected]:
    """What a deck with these sections shows of ``kb``, on its slides or in its speaker notes."""
    found: list[Expected] = []
    for section in sections:
        if section in _TOPICS:
            found += _topic(kb, section, notes=True)
        if section in ("trials", "prevalence"):
            kind = "randomized_trial" if section == "trials" else "case_control"
            for study in (s for s in kb.studies if s.kind == kind):
                found += _study(study)
        if section in ("alternatives", "options"):
            for option in kb.options:
                statements = (option.summary, *option.benefits, *option.harms)
                found += [_statement(s, notes=True) for s in statements]
        if section == "questions":
            found += [_statement(s, notes=True) for g in kb.questions for s in g.questions]
        if section == "framework":
            found += [Expected(s.id, "text", (s.text,)) for s in kb.framework]
        if section == "take_home":
            found += [_statement(s, notes=True) for s in kb.key_points]
    return found


def _topic(kb: KnowledgeBase, role: str, *, notes: bool) -> list[Expected]:
    topic = kb.topic(role)  # type: ignore[arg-type]
    return [_statement(s, notes=notes) for s in topic.statements] if topic else []


def _statement(statement: Statement, *, notes: bool) -> Expected:
    texts = (statement.text, statement.notes) if notes and statement.notes else (statement.text,)
    return Expected(statement.id, "text", texts)


def _study(study: Study) -> list[Expected]:
    found = [Expected(study.id, "design", (study.design, study.population or study.design))]
    found += [_statement(s, notes=True) for s in (*study.findings, study.conclusion)]
    found += [Expected(o.id, "label", (o.label,)) for o in study.outcomes]
    return found


def _chart(kb: KnowledgeBase) -> list[Expected]:
    """The headline outcome of each sham-controlled trial (the leaflet's chart panels)."""
    from leafdeck.render.leaflet.chart import headline

    found = []
    for study in kb.studies:
        outcome = headline(study)
        if study.kind == "randomized_trial" and study.sham_controlled and outcome is not None:
            found.append(Expected(outcome.id, "label", (outcome.label,)))
    return found


_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    """Words and digit runs, lower-cased, markup and punctuation dropped (``procedure1`` is two)."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text.replace("**", "")).casefold())


class Haystack:
    """The text of an output, as sets of 1-, 2- and 3-word runs."""

    def __init__(self, text: str) -> None:
        words = tokens(text)
        self.grams = {n: {tuple(words[i : i + n]) for i in range(len(words) - n + 1)} for n in (1, 2, 3)}

    def missing(self, text: str) -> list[str]:
        """Words of ``text`` not found in place: each word must sit in a run of three (or of the
        whole text, when shorter) that the output contains. Order across pages, columns and
        slides does not matter; a dropped or changed phrase does."""
        words = tokens(text)
        n = min(3, len(words))
        if n == 0:
            return []
        found = [False] * len(words)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in self.grams[n]:
                found[i : i + n] = [True] * n
        return [w for w, ok in zip(words, found, strict=True) if not ok]

    def shows(self, item: Expected) -> tuple[bool, list[str]]:
        """Whether one of the item's texts is shown, and else the words missing from the first."""
        gaps = [self.missing(text) for text in item.texts]
        return any(not gap for gap in gaps), gaps[0]
