"""What ``leafdeck check`` prints of a translation's many "not translated yet" lines (issue 17,
editor's trial point 3).

A language just started has one LANG-001 warning per empty field: about 430 lines for this
knowledge base, which bury everything else. By default each file's progress line ("de: 2 of 431
fields translated") is printed, then its first ``SHOWN`` located LANG-001 lines, then one line
saying how many more there are and where to see them; ``--verbose`` prints every line, and the
JSON and HTML reports always hold every finding. Under ``--release`` a language refused whole by
LANG-002 does not also list its LANG-001 lines: the refusal already says what is left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath

from leafdeck.errors import Problem
from leafdeck.read.translations import RELEASE_UNTRANSLATED, UNTRANSLATED

SHOWN = 10
"""How many "not translated yet" lines of one file are printed without ``--verbose``."""

_PROGRESS = re.compile(r"^[A-Za-z-]+: \d+ of \d+ fields translated")
_REFUSED = re.compile(r"^(?P<code>[A-Za-z-]+): not finished")


def printed(findings: Iterable[Problem], verbose: bool) -> list[str]:
    """The lines to print for ``findings`` (waived ones left out, errors first as given): every
    finding with ``verbose`` (whose tables show each finding's editors' note, ``Problem.note``); else at most ``SHOWN`` LANG-001 lines per file besides its progress
    line, and for each file with more a line ``... N more LANG-001 lines in FILE (leafdeck check
    --verbose lists them)`` after the last one printed."""
    shown = [f for f in findings if not f.waived]
    if verbose:
        return [str(f) for f in shown]
    lines: list[str] = []
    seen: Counter[str] = Counter()
    total = Counter(f.file for f in shown if _countable(f))
    for finding in shown:
        if not _countable(finding):
            lines.append(str(finding))
            continue
        seen[finding.file] += 1
        if seen[finding.file] <= SHOWN:
            lines.append(str(finding))
        if seen[finding.file] == total[finding.file] and total[finding.file] > SHOWN:
            more = total[finding.file] - SHOWN
            lines.append(
                f"... {more} more {UNTRANSLATED} lines in {finding.file} (leafdeck check --verbose lists them)"
            )
    return lines


def without_refused(findings: list[Problem]) -> list[Problem]:
    """``findings`` without the LANG-001 lines of a language that LANG-002 refuses (its
    translation file, and its label file ``labels.CODE.yaml`` beside it)."""
    refused = set()
    for finding in findings:
        match = _REFUSED.match(finding.message) if finding.rule == RELEASE_UNTRANSLATED else None
        if match:
            folder = PurePath(finding.file).parent
            refused |= {finding.file, str(folder / f"labels.{match['code']}.yaml")}
    return [f for f in findings if not (f.rule == UNTRANSLATED and f.file in refused)]


def _countable(finding: Problem) -> bool:
    """A LANG-001 line that is one field (or label) among many, not a file's progress line."""
    return finding.rule == UNTRANSLATED and not _PROGRESS.match(finding.message)
