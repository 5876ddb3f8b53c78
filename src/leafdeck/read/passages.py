"""LANG-003: every passage marked as in another language (``[words]{lang=code}``,
``leafdeck.passages``) names a language code leafdeck accepts: the same form and Babel check
as the knowledge base's ``language:`` and a translation's (``read.languages.code_problem``).
Found when the knowledge base or a translation loads, located at the mark."""

from __future__ import annotations

from leafdeck.errors import Problem
from leafdeck.passages import MARK
from leafdeck.read.languages import code_problem
from leafdeck.read.numbers import place, strings
from leafdeck.read.validate import dotted
from leafdeck.read.yamlio import Located

RULE = "LANG-003"


def mark_problems(located: Located) -> list[Problem]:
    """One error per language mark in the file's text whose code is not one leafdeck accepts,
    at the mark's line and column."""
    problems = []
    for loc, text in strings(located.data):
        for match in MARK.finditer(text):
            why = code_problem(match[2]) if match[2] else "no language code: write e.g. {lang=en}"
            if why is None:
                continue
            line, col = place(located, loc, text, match.start())
            message = f"{dotted(loc)}: [{match[1]}]{{lang={match[2]}}}: {why}"
            problems.append(Problem(located.file, line, col, message, "error", RULE))
    return problems
