"""Checks that refuse to publish what standards for patient information forbid.

Each rule has an ID, a severity and located messages (``path:line:col: RULE-ID: message``);
``RULES`` lists them all, ``run`` applies them to the sources and to built outputs, and
``report`` writes the result as text, JSON or HTML. Thresholds live in ``sources/checks.yaml``.
"""

from __future__ import annotations

from leafdeck.checks.core import RULES, Results, Rule
from leafdeck.checks.run import CheckRequest, run
from leafdeck.errors import Problem

__all__ = ["RULES", "CheckRequest", "Problem", "Results", "Rule", "run"]
