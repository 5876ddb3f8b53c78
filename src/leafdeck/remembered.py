"""Answers about a frozen model, remembered by the model's identity for the rest of a command.

Models are frozen, so an answer about one cannot change; the model is kept beside its answer,
so its ``id`` cannot be reused for another while the entry lives. Selections, country views,
depths, spellings and translation keys are each asked for many times by the checks, the fit
prediction and the build, and worked out once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, MutableMapping
from typing import Any, TypeVar

T = TypeVar("T")

MOST = 256
"""Entries a memo keeps before it starts again (a command asks about a few models only)."""


def remembered(
    memo: MutableMapping[tuple[Hashable, ...], tuple[Any, T]],
    model: object,
    make: Callable[[], T],
    also: tuple[Hashable, ...] = (),
    most: int = MOST,
) -> T:
    """``make()``, the answer about ``model`` (and ``also``: the audience, country or depth asked
    about), made once and kept in ``memo`` for its last ``most`` questions."""
    key = (id(model), *also)
    found = memo.get(key)
    if found is not None and found[0] is model:
        return found[1]
    if len(memo) >= most:
        memo.clear()
    answer = make()
    memo[key] = (model, answer)
    return answer
