"""User-facing problems, kept apart from bugs.

A ``Problem`` says where (file, line, column), which rule it breaks (``SRC-001``, ``CIT-002``,
...: set where the problem is found, never guessed from its wording), what (schema path and
message) and how bad (error or warning). The loader, the build and ``leafdeck check`` all
report the one type. ``InputError`` carries every problem found in one run; the CLI prints
them one per line (``file:line:col: RULE: message``) and exits 1. Any other exception is a
bug: exit 3 and ``build/crash.log``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

RULE_CODE = re.compile(r"[A-Z]+-\d{3}")
"""What a rule code looks like: a family and a number, e.g. ``SRC-001``, ``CIT-002``."""

LOAD_ERROR, LOAD_WARNING = "SRC-001", "SRC-002"
"""The rules of an input that does not load or validate, and of a validation warning."""


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file, under the rule it breaks."""

    file: str
    line: int = 0
    col: int = 0
    message: str = ""
    severity: Severity = "error"
    rule: str = LOAD_ERROR
    """The rule code, set where the problem is found. The default is for inputs that do not
    load or validate; every other problem names its rule (a warning always does)."""
    output: str = ""
    """The built file the problem was found in, if any (``leafdeck check`` of outputs)."""
    waived: str = ""
    """Why this warning is accepted: the reason of the waiver in the source it concerns."""
    note: str = ""
    """The editors' note on what the finding is about (a reference's ``note``): ``check --verbose``,
    the JSON and the HTML report show it; the one-line finding keeps to the rule's message."""

    def __post_init__(self) -> None:
        # Checks of leafdeck itself: a problem made wrongly is a bug, not a user error.
        if not RULE_CODE.fullmatch(self.rule):
            raise ValueError(f"not a rule code: {self.rule!r}")
        if self.severity not in ("error", "warning"):
            raise ValueError(f"not a severity: {self.severity!r}")
        if self.severity == "warning" and self.rule == LOAD_ERROR:
            raise ValueError(f"a warning must name its rule ({self.message!r})")
        if self.waived and self.severity != "warning":
            raise ValueError(f"only warnings can be waived ({self.rule}: {self.message!r})")

    @property
    def where(self) -> str:
        """``file:line:col``, or the file alone when there is no position."""
        return self.file if self.line <= 0 else f"{self.file}:{self.line}:{self.col}"

    def __str__(self) -> str:
        text = f"{self.where}: {self.rule}: {self.message}"
        if self.waived:
            return f"{text} (waived: {self.waived})"
        return text if self.severity == "error" else f"{text} (warning)"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "output": self.output or None,
            "waived": self.waived or None,
            "note": self.note or None,
        }


class InputError(Exception):
    """The inputs are wrong; the user can fix them. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))  # files shared by several layouts report once
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside it, or symbolic links that loop
        return str(path)


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


class UsageError(Exception):
    """The command was typed wrong in a way only the project can tell (an unknown product,
    clinic or language on the command line): the CLI prints the message and exits 2."""
