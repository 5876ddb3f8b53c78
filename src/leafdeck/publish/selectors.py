"""The command line's selectors checked against the project: every product (``--only``),
clinic (``--clinic``), language (``--lang``), presenter (``--presenter``), audience and format
named must exist, and together they must select something. A name that matches nothing is a
command typed wrong (exit 2), with the closest known name suggested, never a build of what was
recognised.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from leafdeck.errors import UsageError

if TYPE_CHECKING:  # the command line uses ``unknown_names`` without loading the build's machinery
    from leafdeck.publish.jobs import Matrix


def unknown_names(kind: str, given: Iterable[str], known: Iterable[str], hint: str = "") -> list[str]:
    """One message per name in ``given`` that is not in ``known``: ``unknown product
    'talk-patinet' (did you mean 'talk-patient'?)``, else the known names; ``hint`` follows."""
    choices = sorted(set(known))
    messages = []
    for name in dict.fromkeys(given):
        if name in choices:
            continue
        close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6) or [c for c in choices if c.startswith(name)]
        found = f"did you mean {close[0]!r}?" if close else f"{kind}s: {', '.join(choices) or 'none'}"
        messages.append(f"unknown {kind} {name!r} ({found}){hint.format(name=name)}")
    return messages


def check_selection(
    matrix: Matrix,
    products: Iterable[str],
    clinics: Iterable[str],
    languages: Iterable[str],
    found: int,
    presenter: tuple[str | None, Iterable[str]] = (None, ()),
) -> None:
    """Raise UsageError (every message, one per line) when a selector names something unknown
    (``presenter``: the name asked for, and the presenters there are), or when the selection
    holds ``found`` = 0 jobs although every name is known."""
    messages = unknown_names("product", matrix.only or (), products)
    messages += unknown_names("clinic", [c for c in matrix.clinics if c != "all"], clinics, _CLINIC_HINT)
    messages += _unknown_languages([lang for lang in matrix.languages if lang != "all"], languages)
    name, presenters = presenter
    messages += unknown_names("presenter", [name] if name else [], presenters, _PRESENTER_HINT)
    if messages:
        raise UsageError("\n".join(messages))
    if not found:
        raise UsageError(f"nothing to build: no product is made for {_described(matrix)} (see layouts/products.yaml)")


_CLINIC_HINT = "; `leafdeck new-clinic {name}` starts one"
_LANG_HINT = "; `leafdeck translate {name}` starts a translation"
_PRESENTER_HINT = "; `leafdeck new-presenter {name}` starts one"


def _unknown_languages(given: Iterable[str], known: Iterable[str]) -> list[str]:
    """``unknown_names`` for languages: a code leafdeck could never write in (``DE``, ``sm``) says
    why and what it expects (``read.languages.code_problem``) instead of offering to translate;
    a code or name that means a language the project has (``de_DE``, ``de-AT``, ``german`` with
    a German translation) suggests that one (``read.language_names.meant_code``)."""
    from leafdeck.read.language_names import meant_code
    from leafdeck.read.languages import code_problem

    known = list(known)
    messages = []
    for name in dict.fromkeys(given):
        trouble = code_problem(name, known) if name not in known else None
        meant = meant_code(name, known) if name not in known and not trouble else None
        if trouble:
            messages.append(f"unknown language {name!r}: {trouble}")
        elif meant in known:  # `de-AT` with only a German translation: that one
            messages.append(f"unknown language {name!r} (did you mean {meant!r}?){_LANG_HINT.format(name=name)}")
        else:
            messages += unknown_names("language", [name], known, _LANG_HINT)
    return messages


def _described(matrix: Matrix) -> str:
    """The selection in words: ``--only talk-clinician, --audience patient``."""
    parts = [
        f"--{option} {','.join(values)}"
        for option, values in (
            ("only", matrix.only),
            ("audience", matrix.audiences),
            ("format", matrix.formats),
            ("lang", matrix.languages),
        )
        if values
    ]
    return ", ".join(parts)
